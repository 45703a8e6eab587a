// A/B of two builds of the full wasm in one Node process, rounds interleaved: `validate` and
// `checkJson` of each package's `slim` entry (api.js over the full wasm, initialised with
// initSync), on the bench's valid or invalid payloads. The full wasm is what the browsers'
// default entry validates on; Node's own entry validates on the speed build, so bench/ab.mjs
// does not time it.
//   node bench/ab-full.mjs <dist A> <dist B> [--rounds 9] [--round-ms 100] [--invalid] [--cpu]
// --cpu: ops per second of this process's CPU time (user + system) instead of wall time.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bench } from "./cases.mjs";
import { median } from "./harness.mjs";

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : Number(args[i + 1]);
};
const [distA, distB] = args.filter((a, i) => !a.startsWith("--") && !["--rounds", "--round-ms"].includes(args[i - 1]));
if (!distA || !distB) {
  console.error("usage: node bench/ab-full.mjs <dist A> <dist B> [--rounds N] [--round-ms MS] [--invalid] [--cpu]");
  process.exit(2);
}
const rounds = flag("--rounds", 9);
const roundMs = flag("--round-ms", 100);
const kind = args.includes("--invalid") ? "invalid" : "valid";
const cpu = args.includes("--cpu");
const clock = cpu
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();

async function load(dist) {
  const api = await import(pathToFileURL(resolve(dist, "slim.js")).href);
  api.initSync({ module: readFileSync(resolve(dist, "wasm/customer_update_bg.wasm")) });
  return api;
}
const A = await load(distA);
const B = await load(distB);

let sink = 0;
function time(fn) {
  // A batch that takes about roundMs, then ops per ms.
  let n = 1;
  for (;;) {
    const t0 = clock();
    for (let i = 0; i < n; i++) sink += fn() ? 1 : 0;
    const dt = clock() - t0;
    if (dt >= roundMs) return (n / dt) * 1000;
    n *= dt > 0 ? Math.min(10, Math.ceil((roundMs / dt) * 1.2)) : 10;
  }
}

const rows = [];
for (const [op, cases] of Object.entries(bench)) {
  const input = cases[kind];
  const text = JSON.stringify(input);
  const cols = {
    "validate A": () => A.validate(op, input).ok,
    "validate B": () => B.validate(op, input).ok,
    "checkJson A": () => A.checkJson(op, text).ok,
    "checkJson B": () => B.checkJson(op, text).ok,
  };
  const samples = Object.fromEntries(Object.keys(cols).map((k) => [k, []]));
  for (const f of Object.values(cols)) time(f); // warm-up
  for (let r = 0; r < rounds; r++) for (const [k, f] of Object.entries(cols)) samples[k].push(time(f));
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  rows.push([op, m["validate B"] / m["validate A"], m["checkJson B"] / m["checkJson A"]]);
}
console.log(`${kind} payloads, ${cpu ? "CPU" : "wall"} time, B/A of median ops/s (${rounds} rounds of ${roundMs} ms)\n`);
console.log("| operation | validate B/A | checkJson B/A |\n| --- | ---: | ---: |");
for (const [op, v, c] of rows) console.log(`| ${op} | ${v.toFixed(2)} | ${c.toFixed(2)} |`);
if (sink < 0) console.log(sink);
