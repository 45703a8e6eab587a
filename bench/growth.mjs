// Growth and memory (issue 11): a valid body's cost against its size, and wasm memory over a long
// loop. `checkJson` on text, in Node, rounds interleaved across sizes:
// - bvnk.updateCustomerAssociates with 1 … 25 associates (the seed's associate repeated),
// - m2p.updateNomineeDetails with 1 … 10 nominees (the seed's nominee, shares split evenly);
// per-item cost = time per call / items. Then 1,000,000 `checkJson` calls in a loop: the wasm
// memory size after the first call and after the last.
//   node bench/growth.mjs [--smoke]      writes bench/out/{results,smoke}/growth.json
import { writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median, fmtOps, markdownTable } from "./harness.mjs";
// The wasm instances the package makes, recorded as they are made (the Node entry exposes neither:
// the validators-only one, made at import, serves checkJson; the full one, made on first use,
// serves example). Installed before the package is imported.
const made = [];
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    made.push(instance);
    return instance;
  },
});
const { checkJson, example } = await import("customer-update");
const validation = made[0]; // made by the import, before any other call

const smoke = process.argv.includes("--smoke");
const outDir = fileURLToPath(new URL(smoke ? "./out/smoke/" : "./out/results/", import.meta.url));
mkdirSync(outDir, { recursive: true });

function associates(n) {
  const input = example("bvnk.updateCustomerAssociates");
  input.associates = Array.from({ length: n }, () => structuredClone(input.associates[0]));
  return input;
}
function nominees(n) {
  const input = example("m2p.updateNomineeDetails");
  input.nominees = Array.from({ length: n }, () => ({ ...structuredClone(input.nominees[0]), percentShare: 100 / n }));
  return input;
}
const series = [
  { op: "bvnk.updateCustomerAssociates", items: [1, 5, 10, 25], make: associates },
  { op: "m2p.updateNomineeDetails", items: [1, 2, 5, 10], make: nominees },
];

const rounds = smoke ? 1 : 9;
const perRound = smoke ? 200 : 20000;
const rows = [];
const result = { series: [], memory: null };
for (const { op, items, make } of series) {
  const texts = items.map((n) => JSON.stringify(make(n)));
  for (const t of texts) if (!checkJson(op, t).ok) throw new Error(`${op}: a growth payload is invalid`);
  const ns = texts.map(() => []);
  for (const t of texts) for (let k = 0; k < perRound; k++) checkJson(op, t); // warm-up
  for (let r = 0; r < rounds; r++) {
    texts.forEach((t, i) => {
      const t0 = performance.now();
      for (let k = 0; k < perRound; k++) checkJson(op, t);
      ns[i].push(((performance.now() - t0) * 1e6) / perRound);
    });
  }
  const perCall = ns.map(median);
  const perItem = perCall.map((x, i) => x / items[i]);
  const ratio = perItem[perItem.length - 1] / perItem[0];
  result.series.push({ op, items, bytes: texts.map((t) => t.length), nsPerCall: perCall, nsPerItem: perItem, ratio });
  items.forEach((n, i) => rows.push([`${op} × ${n}`, String(texts[i].length), fmtOps(1e9 / perCall[i]), perCall[i].toFixed(0), perItem[i].toFixed(0)]));
  rows.push([`${op}: per-item cost, largest / smallest`, "", "", "", ratio.toFixed(2)]);
}

const memory = validation.exports.memory;
const text = JSON.stringify(example("m2p.updateNomineeDetails"));
checkJson("m2p.updateNomineeDetails", text);
const before = memory.buffer.byteLength;
const calls = smoke ? 10000 : 1000000;
for (let i = 0; i < calls; i++) checkJson("m2p.updateNomineeDetails", text);
const after = memory.buffer.byteLength;
result.memory = { calls, before, after };
writeFileSync(`${outDir}growth.json`, JSON.stringify(result, null, 1));

const table = markdownTable(["payload", "bytes", "ops/s", "ns per call", "ns per item"], rows);
result.table = table;
writeFileSync(`${outDir}growth.json`, JSON.stringify(result, null, 1));
console.log(`\n### Growth in Node ${process.version} (checkJson on text; median of ${rounds} interleaved rounds)\n`);
console.log(table);
console.log(`\nwasm memory: ${before} bytes after the first call, ${after} after ${calls.toLocaleString("en-US")} more calls`);
