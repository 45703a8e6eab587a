// A/B of two built packages in one Node process, rounds interleaved (each round times A, B and,
// on valid payloads, the object floor once, in turn): `validate` (object in) on every timed
// payload of cases.mjs. For a change to the JS glue or the wasm: build one package, copy pkg/dist
// somewhere, build the other, then
//   node bench/ab-validate.mjs /path/to/distA /path/to/distB [--rounds 9] [--round-ms 100] [--cpu]
// The floor is B's: JSON.stringify + encodeInto + B's `__floor` (a wasm call with checkInput's
// arguments that returns at once) + JSON.parse, what `validate` must do at least to hand back
// `value`. --cpu: ops per second of this process's CPU time (process.cpuUsage) instead of wall
// time, so time spent waiting for a core on a loaded machine is left out.
// Prints a Markdown table: median ops/s of A, B, B/A, the floor and B/floor.
import * as fs from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bench } from "./cases.mjs";
import { median, fmtOps, markdownTable } from "./harness.mjs";

const args = process.argv.slice(2);
const valueOf = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const rounds = valueOf("--rounds", 9);
const roundMs = valueOf("--round-ms", 100);
const cpu = args.includes("--cpu");
const [dirA, dirB] = args.filter((a, i) => !a.startsWith("--") && !["--rounds", "--round-ms"].includes(args[i - 1]));
if (!dirA || !dirB) {
  console.error("usage: node bench/ab-validate.mjs <distA> <distB> [--rounds N] [--round-ms MS] [--cpu]");
  process.exit(2);
}

// `validate` of the Node entry (node.js: the speed validation wasm, as `import "customer-update"`
// in Node runs it; until session 11 this script timed api.js over the full wasm, which Node's
// `validate` never runs); the floor's `__floor` from the full wasm's glue.
async function load(dir) {
  const glue = await import(pathToFileURL(resolve(dir, "wasm/customer_update.js")).href);
  glue.initSync({ module: fs.readFileSync(resolve(dir, "wasm/customer_update_bg.wasm")) });
  return { api: await import(pathToFileURL(resolve(dir, "node.js")).href), glue };
}
const A = await load(dirA);
const B = await load(dirB);

const encoder = new TextEncoder();
let scratch = new Uint8Array(4096);
function floor(op, input) {
  const text = JSON.stringify(input);
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  B.glue.__floor(0, encoder.encodeInto(text, scratch).written, 0);
  return { ok: true, value: JSON.parse(text) };
}

function batchOf(fn, op, input) {
  const t0 = performance.now();
  while (performance.now() - t0 < 150) fn(op, input); // warm-up
  let n = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn(op, input);
    if (performance.now() - t >= 1) return n;
    n *= 2;
  }
}

function round(fn, op, input, batch) {
  let count = 0;
  const t0 = performance.now();
  const c0 = cpu ? process.cpuUsage() : undefined;
  let dt;
  do {
    for (let i = 0; i < batch; i++) fn(op, input);
    count += batch;
    dt = performance.now() - t0;
  } while (dt < roundMs);
  if (cpu) {
    const c = process.cpuUsage(c0);
    dt = (c.user + c.system) / 1000;
  }
  return count / (dt / 1000);
}

const rows = [];
for (const [op, { valid, invalid }] of Object.entries(bench)) {
  for (const [kind, input] of [["valid", valid], ["invalid", invalid]]) {
    const a = A.api.validate(op, input);
    const b = B.api.validate(op, input);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${op}/${kind}: A and B disagree:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    const columns = [["A", A.api.validate], ["B", B.api.validate], ...(kind === "valid" ? [["floor", floor]] : [])];
    const batches = columns.map(([, fn]) => batchOf(fn, op, input));
    const samples = columns.map(() => []);
    for (let r = 0; r < rounds; r++) columns.forEach(([, fn], i) => samples[i].push(round(fn, op, input, batches[i])));
    const [ma, mb, mf] = samples.map(median);
    rows.push([op, kind, fmtOps(ma), fmtOps(mb), (mb / ma).toFixed(2), mf === undefined ? "—" : fmtOps(mf), mf === undefined ? "—" : (mb / mf).toFixed(2)]);
  }
}
console.log(`A = ${dirA}, B = ${dirB}; validate (object in), median ops/s${cpu ? " of CPU time" : ""} of ${rounds} interleaved rounds of ~${roundMs} ms\n`);
console.log(markdownTable(["op", "kind", "A", "B", "B/A", "floor (object)", "B/floor"], rows));
