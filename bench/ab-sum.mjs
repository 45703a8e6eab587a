// A/B of two builds of the package in one Node process on the nine invalid payloads together:
// each sample is ~150 ms of CPU time (process.cpuUsage) running every payload once per pass, A
// and B alternating round by round (interleaved); prints the medians in ops/s (payload calls per
// CPU second) and B/A. One figure per change, steadier on a shared machine than nine rows.
//   node bench/ab-sum.mjs <dist A> <dist B> [checkJson|validate] [rounds, default 15] [--valid]
// --valid: the nine valid payloads instead (the valid path's speed, summed the same way).
// e.g. `CU_OUT=/tmp/old bash scripts/build-pkg.sh` at the old commit, then
// `node bench/ab-sum.mjs /tmp/old pkg/dist checkJson 25`.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bench } from "./cases.mjs";

const kind = process.argv.includes("--valid") ? "valid" : "invalid";
const [a, b, mode = "checkJson", rounds = "15"] = process.argv.slice(2).filter((x) => x !== "--valid");
if (!a || !b) {
  console.error("usage: node bench/ab-sum.mjs <dist A> <dist B> [checkJson|validate] [rounds]");
  process.exit(2);
}
const A = await import(pathToFileURL(resolve(a, "node.js")).href);
const B = await import(pathToFileURL(resolve(b, "node.js")).href);
const cases = Object.entries(bench).map(([op, p]) => [op, p[kind], JSON.stringify(p[kind])]);
const run = (M) => {
  for (const [op, input, text] of cases) mode === "validate" ? M.validate(op, input) : M.checkJson(op, text);
};
for (let i = 0; i < 300; i++) {
  run(A);
  run(B);
}
const samples = { A: [], B: [] };
for (let r = 0; r < Number(rounds); r++) {
  for (const [k, M] of [["A", A], ["B", B]]) {
    const c0 = process.cpuUsage();
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 150) {
      run(M);
      n++;
    }
    const c = process.cpuUsage(c0);
    samples[k].push((n * cases.length) / ((c.user + c.system) / 1e6));
  }
}
const median = (v) => [...v].sort((x, y) => x - y)[v.length >> 1];
const [ma, mb] = [median(samples.A), median(samples.B)];
console.log(`${mode}${kind === "valid" ? " (valid)" : ""}: A ${ma.toFixed(0)} ops/s, B ${mb.toFixed(0)} ops/s, B/A ${(mb / ma).toFixed(3)} (medians of ${rounds} interleaved rounds, CPU time)`);
