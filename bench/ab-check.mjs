// A/B of the validator alone in wasm: `checkInput` of each build's Node validation wasm (the speed
// build, dist/validators/wasm/customer_update_speed_bg.wasm) with the valid payload's text already
// in wasm memory, so neither JSON.stringify, encodeInto nor the JS API is timed. One Node process,
// rounds interleaved, ns of this process's CPU time per call (process.cpuUsage), median of 9:
//   node bench/ab-check.mjs <dist A> <dist B> [<dist C> …]
// Ratios are to the first build (> 1: faster). Each build gets its own instance of the glue (the
// glue of two builds is byte for byte the same, so it is imported under distinct URLs).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { bench } from "./cases.mjs";

const dists = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (dists.length < 2) {
  console.error("usage: node bench/ab-check.mjs <dist A> <dist B> [<dist C> …]");
  process.exit(2);
}
const { OPERATIONS } = await import(new URL(`file://${resolve(dists[0], "messages.js")}`).href);
const builds = [];
for (const [n, d] of dists.entries()) {
  const src = readFileSync(resolve(d, "validators/wasm/customer_update.js"), "utf8");
  const glue = await import(`data:text/javascript;base64,${Buffer.from(`${src}\n// build ${n}`).toString("base64")}`);
  // initSync hands back the instance's exports (the crate exports no memory getter of its own).
  const { memory } = glue.initSync({ module: readFileSync(resolve(d, "validators/wasm/customer_update_speed_bg.wasm")) });
  builds.push({ glue, memory });
}
const encoder = new TextEncoder();
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const rows = [];
for (const [op, payloads] of Object.entries(bench)) {
  const text = JSON.stringify(payloads.valid);
  const index = OPERATIONS.indexOf(op);
  const calls = builds.map(({ glue, memory }) => {
    const at = glue.inputBuffer(text.length * 3);
    const len = encoder.encodeInto(text, new Uint8Array(memory.buffer, at, text.length * 3)).written;
    if (glue.checkInput(index, len) !== 0) throw new Error(`${op}: not valid`);
    return () => glue.checkInput(index, len);
  });
  for (const call of calls) for (let i = 0; i < 200_000; i++) call(); // warm-up, tier-up
  const samples = calls.map(() => []);
  for (let r = 0; r < 9; r++) {
    calls.forEach((call, j) => {
      let count = 0;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      do {
        for (let i = 0; i < 500; i++) call();
        count += 500;
      } while (performance.now() - t0 < 40);
      const c = process.cpuUsage(c0);
      samples[j].push(((c.user + c.system) * 1000) / count);
    });
  }
  const ns = samples.map(median);
  rows.push(`| ${op} | ${ns.map((x) => x.toFixed(0)).join(" | ")} | ${ns.slice(1).map((x) => (ns[0] / x).toFixed(2)).join(" | ")} |`);
}
console.log(`checkInput alone, ns of CPU time per call, median of 9 interleaved rounds; ratios: first build / this one\n`);
console.log(`| payload | ${dists.join(" | ")} | ${dists.slice(1).map((d) => `${d} speed-up`).join(" | ")} |`);
console.log(`| --- | ${dists.map(() => "---:").join(" | ")} | ${dists.slice(1).map(() => "---:").join(" | ")} |`);
console.log(rows.join("\n"));
