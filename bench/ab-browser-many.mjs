// bench/ab-browser.mjs for several builds at once: N packages' browser entries in one headless
// Chromium page, `validate` and `checkJson` on the invalid (or, with --valid, valid) payloads,
// rounds interleaved (each round times every column once; odd rounds in reverse order, so no
// build always runs right after another). Per payload and build: the median over rounds of
// that round's ops/s over the first build's in the same round (B/A per round, then the median:
// load that comes and goes between rounds cancels out), and the geometric mean over payloads.
//   node bench/ab-browser-many.mjs <dist 0> <dist 1> [<dist 2> …] [--rounds 15] [--round-ms 100] [--valid]
// Wall time only (no CPU clock in a page). Made for the full wasm's wasm-opt line (bench/targets.md,
// "Session 13: the full entry's JS and wasm-opt line").
import { resolve } from "node:path";
import { withPage } from "./ab-page.mjs";

const args = process.argv.slice(2);
const valueOf = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const rounds = valueOf("--rounds", 15);
const roundMs = valueOf("--round-ms", 100);
const kind = args.includes("--valid") ? "valid" : "invalid";
const dists = args.filter((a, i) => !a.startsWith("--") && !["--rounds", "--round-ms"].includes(args[i - 1])).map((d) => resolve(d));
if (dists.length < 2) {
  console.error("usage: node bench/ab-browser-many.mjs <dist 0> <dist 1> [<dist 2> …] [--rounds N] [--round-ms MS] [--valid]");
  process.exit(2);
}

const PAGE = `<!doctype html><meta charset="utf-8">
<script type="module">
${dists.map((_, i) => `import * as P${i} from "/D${i}/browser.js";`).join("\n")}
import { bench } from "/bench/cases.mjs";
const packages = [${dists.map((_, i) => `P${i}`).join(", ")}];
const fns = ["validate", "checkJson"];
window.run = (kind, rounds, roundMs) => {
  const cols = [];
  for (const f of fns) packages.forEach((P, i) => cols.push({ f, i, fn: f === "validate" ? (op, input) => P.validate(op, input) : (op, input, text) => P.checkJson(op, text) }));
  const rows = [];
  for (const [op, payloads] of Object.entries(bench)) {
    const input = payloads[kind];
    const text = JSON.stringify(input);
    const first = JSON.stringify(packages[0].validate(op, input));
    for (const P of packages) if (JSON.stringify(P.validate(op, input)) !== first) throw new Error(op + ": the builds disagree");
    for (const c of cols) {
      let t0 = performance.now();
      while (performance.now() - t0 < 150) c.fn(op, input, text);
      let b = 1;
      for (;;) { t0 = performance.now(); for (let i = 0; i < b; i++) c.fn(op, input, text); if (performance.now() - t0 >= 2) break; b *= 2; }
      c.batch = b;
      c.samples = [];
    }
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? cols : [...cols].reverse();
      for (const c of order) {
        let count = 0, dt;
        const t0 = performance.now();
        do { for (let i = 0; i < c.batch; i++) c.fn(op, input, text); count += c.batch; dt = performance.now() - t0; } while (dt < roundMs);
        c.samples.push(count / (dt / 1000));
      }
    }
    const med = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
    const out = {};
    for (const c of cols) {
      const base = cols.find((d) => d.f === c.f && d.i === 0);
      out[c.f + " " + c.i] = { ops: med(c.samples), ratio: med(c.samples.map((s, r) => s / base.samples[r])) };
    }
    rows.push([op, out]);
  }
  return rows;
};
window.ready = true;
</script>`;

await withPage(PAGE, (path) => {
  const m = /^\/D(\d+)\//.exec(path);
  return m ? [dists[Number(m[1])], path.slice(m[0].length)] : null;
}, async (page, browser) => {
  const rows = await page.evaluate(([k, r, ms]) => window.run(k, r, ms), [kind, rounds, roundMs]);
  console.log(`Chromium ${browser.version()}; ${kind} payloads, ${rounds} interleaved rounds of ~${roundMs} ms; each build's ops/s over build 0's, per round, median`);
  dists.forEach((d, i) => console.log(`  build ${i}: ${d}`));
  console.log();
  const keys = Object.keys(rows[0][1]).filter((k) => !k.endsWith(" 0"));
  console.log(`| payload | ${keys.join(" | ")} |\n| --- | ${keys.map(() => "---:").join(" | ")} |`);
  for (const [op, out] of rows) console.log(`| ${op} | ${keys.map((k) => out[k].ratio.toFixed(3)).join(" | ")} |`);
  const gm = (k) => Math.exp(rows.reduce((s, [, out]) => s + Math.log(out[k].ratio), 0) / rows.length);
  console.log(`| geometric mean | ${keys.map((k) => gm(k).toFixed(3)).join(" | ")} |`);
  console.log(`| lowest row | ${keys.map((k) => Math.min(...rows.map(([, out]) => out[k].ratio)).toFixed(3)).join(" | ")} |`);
});
