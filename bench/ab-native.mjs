// The validator in wasm against the same validator compiled natively, measured back to back (issue
// 11's "wasm within 2× of native"), in CPU time on both sides so that the time either waits for a
// core on a loaded machine is left out:
//   node bench/ab-native.mjs [<dist>] [--runs N] [--wall]
// Each run times, in turn, the native bench (`cargo bench --bench native -- --cpu --json`, this
// thread's CPU time, bench/native.rs) and `checkInput` of <dist>'s Node validation wasm (the speed
// build, the text already in wasm memory, as bench/ab-check.mjs: this process's CPU time,
// `process.cpuUsage`), both on the nine valid payloads, 7 rounds of 300 ms after a warm-up, median.
// Prints wasm / native per payload and run, and the spread over the runs. <dist>: pkg/dist unless
// given. --wall: wall time on both sides instead, the metric of bench/run.sh's two columns, which
// counts the time either waits for a core; run.sh measures the native one minutes before the Node
// table, so on a shared machine their ratio moves with the load of two different moments.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { bench } from "./cases.mjs";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const wall = args.includes("--wall");
const dist = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--runs") ?? "pkg/dist";
const root = new URL("..", import.meta.url).pathname;
mkdirSync(resolve(root, "bench/out"), { recursive: true });
const casesPath = resolve(root, "bench/out/cases-valid.json");
writeFileSync(casesPath, JSON.stringify(Object.fromEntries(Object.entries(bench).map(([op, p]) => [op, { valid: p.valid }]))));

const { OPERATIONS } = await import(new URL(`file://${resolve(dist, "messages.js")}`).href);
const glue = await import(new URL(`file://${resolve(dist, "validators/wasm/customer_update.js")}`).href);
glue.initSync({ module: readFileSync(resolve(dist, "validators/wasm/customer_update_speed_bg.wasm")) });
const encoder = new TextEncoder();
const today = Math.floor(Date.now() / 86_400_000);

function wasmRun() {
  const out = {};
  for (const [op, payloads] of Object.entries(bench)) {
    const text = JSON.stringify(payloads.valid);
    const at = glue.inputBuffer(text.length * 3);
    const len = encoder.encodeInto(text, new Uint8Array(glue.initSync().memory.buffer, at, text.length * 3)).written;
    const index = OPERATIONS.indexOf(op);
    if ((glue.checkInput(index, len, today) & ~4) !== 0) throw new Error(`${op}: not valid`);
    const round = (ms) => {
      let n = 0;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      do {
        for (let i = 0; i < 64; i++) glue.checkInput(index, len, today);
        n += 64;
      } while (performance.now() - t0 < ms);
      if (wall) return ((performance.now() - t0) * 1e6) / n;
      const c = process.cpuUsage(c0);
      return ((c.user + c.system) * 1000) / n;
    };
    round(150);
    const ns = Array.from({ length: 7 }, () => round(300)).sort((a, b) => a - b);
    out[op] = ns[3];
  }
  return out;
}

function nativeRun() {
  const text = execFileSync("cargo", ["bench", "--quiet", "--bench", "native", "--", ...(wall ? [] : ["--cpu"]), "--json", casesPath], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const rows = JSON.parse(text.trim().split("\n").pop());
  return Object.fromEntries(rows.filter((r) => r.case === "valid").map((r) => [r.op, 1e9 / r.opsPerSec]));
}

const ratios = {};
const lines = [];
for (let r = 1; r <= runs; r++) {
  const native = nativeRun();
  const wasm = wasmRun();
  for (const op of Object.keys(bench)) {
    (ratios[op] ??= []).push(wasm[op] / native[op]);
    lines.push(`| ${r} | ${op} | ${native[op].toFixed(0)} | ${wasm[op].toFixed(0)} | ${(wasm[op] / native[op]).toFixed(2)} |`);
  }
}
const loads = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`wasm checkInput alone against native, ns of ${wall ? "wall" : "CPU"} time per call, ${runs} runs back to back (load average now ${loads})\n`);
console.log("| run | payload | native | wasm | wasm / native |\n| ---: | --- | ---: | ---: | ---: |");
console.log(lines.join("\n"));
console.log("\n| payload | wasm / native, median | min–max |\n| --- | ---: | --- |");
for (const [op, xs] of Object.entries(ratios)) {
  const s = xs.slice().sort((a, b) => a - b);
  console.log(`| ${op} | ${s[s.length >> 1].toFixed(2)} | ${s[0].toFixed(2)}–${s[s.length - 1].toFixed(2)} |`);
}
