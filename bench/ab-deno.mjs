// A/B of two package builds' `customer-update/validators` Deno entry (validators-deno.js, or another) in one
// Deno process: `checkJson` on the bench's valid payloads, rounds of ~50 ms interleaved, median
// ops/s of wall time and B/A per payload. Session 7 used it for the speed build of the validators
// wasm (bench/targets.md, "Session 7: speed per runtime"):
//   node_modules/.bin/deno run --allow-read bench/ab-deno.mjs <dist A> <dist B> [--entry deno.js]
// `--entry deno.js` times the default entry instead (session 8: it validates on the speed build
// too); the edge entry's check is that entry's `checkJson`.
import { bench } from "./cases.mjs";
const args = [...Deno.args];
const at = args.indexOf("--entry");
const file = at < 0 ? "validators-deno.js" : args.splice(at, 2)[1];
const [distA, distB] = args;
if (!distA || !distB) {
  console.error("usage: deno run --allow-read bench/ab-deno.mjs <dist A> <dist B> [--entry deno.js]");
  Deno.exit(2);
}
const entry = (dist) => new URL(file, new URL(`${dist.replace(/\/?$/, "/")}`, `file://${Deno.cwd()}/`)).href;
const A = await import(entry(distA));
const B = await import(entry(distB));
const rounds = 9;
const row = [];
for (const [op, { valid }] of Object.entries(bench)) {
  const text = JSON.stringify(valid);
  if (!A.checkJson(op, text).ok || !B.checkJson(op, text).ok) throw new Error(op);
  const time = (m) => { const t0 = performance.now(); let n = 0; while (performance.now() - t0 < 50) { for (let i = 0; i < 200; i++) m.checkJson(op, text); n += 200; } return n / (performance.now() - t0); };
  for (let i = 0; i < 3; i++) { time(A); time(B); }
  const ra = [], rb = [];
  for (let r = 0; r < rounds; r++) { ra.push(time(A)); rb.push(time(B)); }
  const med = (x) => x.sort((a, b) => a - b)[x.length >> 1];
  row.push(`${op}: A ${(med(ra) * 1000).toFixed(0)} B ${(med(rb) * 1000).toFixed(0)} ops/s, B/A ${(med(rb) / med(ra)).toFixed(2)}`);
}
console.log(row.join("\n"));
