// A/B of two builds of the package in one Node process, rounds interleaved (each round times every
// column once, in turn), on the bench's invalid payloads, with Zod and Valibot on the same
// payloads for reference (object in; text in pays JSON.parse first):
//   node bench/ab.mjs <dist A> <dist B> [--rounds 9] [--round-ms 100] [--valid]
// e.g. `CU_OUT=bench/out/old-pkg bash scripts/build-pkg.sh` on the old commit, then
// `node bench/ab.mjs bench/out/old-pkg pkg/dist`. Prints a Markdown table of median ops/s.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bench } from "./cases.mjs";
import { median, fmtOps, markdownTable } from "./harness.mjs";
import * as zod from "./validators/zod.mjs";
import * as valibot from "./validators/valibot.mjs";

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : Number(args[i + 1]);
};
const [distA, distB] = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--r"));
if (!distA || !distB) {
  console.error("usage: node bench/ab.mjs <dist A> <dist B> [--rounds N] [--round-ms MS] [--valid]");
  process.exit(2);
}
const rounds = flag("--rounds", 9);
const roundMs = flag("--round-ms", 100);
const kind = args.includes("--valid") ? "valid" : "invalid";

const A = await import(pathToFileURL(resolve(distA, "node.js")).href);
const B = await import(pathToFileURL(resolve(distB, "node.js")).href);

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
      let dt;
      do {
        for (let i = 0; i < batch; i++) fn(op, input, text);
        count += batch;
        dt = performance.now() - t0;
      } while (dt < roundMs);
      samples[n].push(count / (dt / 1000));
    }
  }
  rows.push([`${op} (${kind}${kind === "invalid" ? `, ${a.issues.length} issues` : ""})`, ...names.map((n) => fmtOps(median(samples[n])))]);
}
console.log(`A = ${distA}, B = ${distB}; median ops/s of ${rounds} interleaved rounds of ~${roundMs} ms\n`);
console.log(markdownTable(["payload", ...Object.keys(columns)], rows));
