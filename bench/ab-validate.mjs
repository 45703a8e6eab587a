// A/B of two built packages in one Node process, rounds interleaved: `validate` (object in) on
// every timed payload of cases.mjs, with the object floor beside the valid rows. For a change to
// the JS glue or the wasm: build one package, copy pkg/dist somewhere, build the other, then
//   node bench/ab-validate.mjs /path/to/distA /path/to/distB
// Prints op, kind, A ops/s, B ops/s, B/A and the floor (median of 5 interleaved rounds each).
import * as fs from "node:fs";
import { resolve } from "node:path";
import { measure, FULL } from "./harness.mjs";
import { bench } from "./cases.mjs";

async function load(dir) {
  const glue = await import(resolve(dir, "wasm/customer_update.js"));
  glue.initSync({ module: fs.readFileSync(resolve(dir, "wasm/customer_update_bg.wasm")) });
  return import(resolve(dir, "api.js"));
}
const [dirA, dirB] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error("usage: node bench/ab.mjs <distA> <distB>");
  process.exit(2);
}
const A = await load(dirA);
const B = await load(dirB);
const encoder = new TextEncoder();
const scratch = new Uint8Array(1 << 16);
// The object floor without a wasm call: JSON.stringify + encodeInto + JSON.parse.
const floor = (op, input) => {
  const text = JSON.stringify(input);
  encoder.encodeInto(text, scratch);
  return { ok: true, value: JSON.parse(text) };
};
const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
console.log(["op", "kind", "A ops/s", "B ops/s", "B/A", "floor ops/s"].join("\t"));
for (const [op, { valid, invalid }] of Object.entries(bench)) {
  for (const [kind, input] of [["valid", valid], ["invalid", invalid]]) {
    const a = [];
    const b = [];
    const f = [];
    for (let r = 0; r < 5; r++) {
      a.push(measure(A.validate, op, input, FULL).opsPerSec);
      b.push(measure(B.validate, op, input, FULL).opsPerSec);
      if (kind === "valid") f.push(measure(floor, op, input, FULL).opsPerSec);
    }
    const row = [op, kind, Math.round(median(a)), Math.round(median(b)), (median(b) / median(a)).toFixed(3), f.length ? Math.round(median(f)) : "-"];
    console.log(row.join("\t"));
  }
}
