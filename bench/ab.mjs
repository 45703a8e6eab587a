// A/B of two builds of the package in one Node process, rounds interleaved (each round times every
// column once, in turn), on the bench's invalid payloads, with Zod and Valibot on the same
// payloads for reference (object in; text in pays JSON.parse first):
//   node bench/ab.mjs <dist A> <dist B> [--rounds 9] [--round-ms 100] [--valid] [--cpu] [--only <op text>]
// --valid: the valid payloads, with the object floor (B's `__floor`: JSON.stringify + encodeInto +
// a wasm call that returns at once + JSON.parse) and JSON.parse + each JS validator (text in).
// --cpu: ops per second of this process's CPU time (process.cpuUsage, user + system) instead of
// wall time: on a shared, loaded machine the time the process waits for a core is left out.
// e.g. `CU_OUT=bench/out/old-pkg bash scripts/build-pkg.sh` on the old commit, then
// `node bench/ab.mjs bench/out/old-pkg pkg/dist`. Prints a Markdown table of median ops/s.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bench } from "./cases.mjs";
import { median, fmtOps, markdownTable } from "./harness.mjs";
import * as zod from "./validators/zod.mjs";
import * as valibot from "./validators/valibot.mjs";
import * as ajv from "./validators/ajv.mjs";
import * as handwritten from "./validators/handwritten.mjs";

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : Number(args[i + 1]);
};
const [distA, distB] = args.filter((a, i) => !a.startsWith("--") && !["--rounds", "--round-ms", "--only"].includes(args[i - 1]));
// --only <text>: the payloads whose operation id contains it
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
if (!distA || !distB) {
  console.error("usage: node bench/ab.mjs <dist A> <dist B> [--rounds N] [--round-ms MS] [--valid]");
  process.exit(2);
}
const rounds = flag("--rounds", 9);
const roundMs = flag("--round-ms", 100);
const kind = args.includes("--valid") ? "valid" : "invalid";
const cpu = args.includes("--cpu");

const A = await import(pathToFileURL(resolve(distA, "node.js")).href);
const B = await import(pathToFileURL(resolve(distB, "node.js")).href);

// The object floor, over B's wasm instance (the same crossing as `validate` with a callee that
// returns at once).
const glueB = await import(pathToFileURL(resolve(distB, "wasm/customer_update.js")).href);
// In Node the package's entry holds its glue inside its bundle: this module gets an instance of
// its own (the same crossing).
try {
  glueB.__floor(0, 0, 0);
} catch {
  glueB.initSync({ module: (await import("node:fs")).readFileSync(resolve(distB, "wasm/customer_update_bg.wasm")) });
}
const encoder = new TextEncoder();
let scratch = new Uint8Array(4096);
function floorObject(op, input) {
  const text = JSON.stringify(input);
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  glueB.__floor(0, encoder.encodeInto(text, scratch).written, 0);
  return { ok: true, value: JSON.parse(text) };
}

const columns = {
  "A validate": (op, input) => A.validate(op, input),
  "B validate": (op, input) => B.validate(op, input),
  "A checkJson": (op, input, text) => A.checkJson(op, text),
  "B checkJson": (op, input, text) => B.checkJson(op, text),
  "A validateJson": (op, input, text) => A.validateJson(op, text),
  "B validateJson": (op, input, text) => B.validateJson(op, text),
  Zod: (op, input) => zod.validate(op, input),
  Valibot: (op, input) => valibot.validate(op, input),
  "JSON.parse + Zod": (op, input, text) => zod.validate(op, JSON.parse(text)),
  "JSON.parse + Valibot": (op, input, text) => valibot.validate(op, JSON.parse(text)),
};
if (kind === "valid") {
  columns["floor (object)"] = floorObject;
  columns["JSON.parse + Ajv"] = (op, input, text) => ajv.validate(op, JSON.parse(text));
  columns["JSON.parse + handwritten"] = (op, input, text) => handwritten.validate(op, JSON.parse(text));
}

function batchOf(fn, op, input, text) {
  // calibrate a batch of about 1 ms
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(op, input, text);
    if (performance.now() - t0 >= 1) return n;
    n *= 2;
  }
}

const rows = [];
for (const [op, payloads] of Object.entries(bench)) {
  if (only !== undefined && !op.includes(only)) continue;
  const input = payloads[kind];
  const text = JSON.stringify(input);
  // Same verdict and issues from both builds (`fields`, new on cross-field issues, aside).
  const bare = (r) => JSON.stringify(r, (k, v) => (k === "fields" ? undefined : v));
  const a = A.validate(op, input);
  const b = B.validate(op, input);
  if (bare(a) !== bare(b)) throw new Error(`${op}: A and B disagree:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
  const names = Object.keys(columns);
  const batches = {};
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (const n of names) {
    const fn = columns[n];
    const t0 = performance.now();
    while (performance.now() - t0 < 150) fn(op, input, text); // warm-up
    batches[n] = batchOf(fn, op, input, text);
  }
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const fn = columns[n];
      const batch = batches[n];
      let count = 0;
      const t0 = performance.now();
      const c0 = cpu ? process.cpuUsage() : undefined;
      let dt;
      do {
        for (let i = 0; i < batch; i++) fn(op, input, text);
        count += batch;
        dt = performance.now() - t0;
      } while (dt < roundMs);
      if (cpu) {
        const c = process.cpuUsage(c0);
        dt = (c.user + c.system) / 1000;
      }
      samples[n].push(count / (dt / 1000));
    }
  }
  rows.push([`${op} (${kind}${kind === "invalid" ? `, ${a.issues.length} issues` : ""})`, ...names.map((n) => fmtOps(median(samples[n])))]);
}
console.log(`A = ${distA}, B = ${distB}; median ops/s${cpu ? " of CPU time" : ""} of ${rounds} interleaved rounds of ~${roundMs} ms\n`);
console.log(markdownTable(["payload", ...Object.keys(columns)], rows));
