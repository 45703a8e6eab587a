// The page script of the Chromium bench (bundled by browser.mjs into bench/out/browser/page.js).
// The package comes in through its `browser` export (top-level await init, fetching the .wasm
// next to the bundle). browser.mjs drives it through these globals.
import { IMPLS, NO_ISSUES } from "./impls.mjs";
import { bench, agreement } from "./cases.mjs";
import { measureAll } from "./harness.mjs";

const pathSet = (r) => [...new Set((r.issues ?? []).map((i) => JSON.stringify(i.path)))].sort().join(" ");

/** The agreement check of agree.mjs (verdict and issue path sets), in this runtime: a list of disagreements. */
window.benchAgree = () => {
  const out = [];
  const all = [];
  for (const [op, { valid, invalid }] of Object.entries(bench)) all.push([op, "bench valid", valid], [op, "bench invalid", invalid]);
  for (const [op, cases] of Object.entries(agreement)) for (const c of cases) all.push([op, c.name, c.input]);
  for (const [op, name, input] of all) {
    const ref = IMPLS["customer-update"](op, input);
    for (const [impl, fn] of Object.entries(IMPLS)) {
      if (NO_ISSUES.has(impl)) continue;
      const r = fn(op, input);
      if (r.ok !== ref.ok || pathSet(r) !== pathSet(ref)) out.push(`${op} / ${name}: ${impl} ${r.ok ? "ok" : pathSet(r)} vs customer-update ${ref.ok ? "ok" : pathSet(ref)}`);
    }
  }
  return { cases: all.length, disagreements: out };
};

/** ops/s of every implementation for one operation and payload kind. */
window.benchCell = (op, kind, cfg) => {
  const out = {};
  const results = measureAll(IMPLS, op, bench[op][kind], cfg); // rounds interleaved
  for (const [impl, r] of Object.entries(results)) out[impl] = { opsPerSec: r.opsPerSec, samples: r.samples, batch: r.batch, ok: r.sink > 0 };
  return out;
};

window.benchReady = true;
