// A CPU profile of one build's browser entry in headless Chromium (CDP `Profiler`): `validate`
// (or `checkJson`) on the bench's invalid (or, with --valid, valid) payloads for a few seconds,
// then the self time by function and the total time by function (each function once per sample,
// wherever it is on the stack), the top of each printed, the whole profile written for DevTools.
//   node bench/profile-browser.mjs <dist> [--only <text>] [--valid] [--check] [--seconds 4]
//        [--interval-us 50] [--top 40] [--out /tmp/browser.cpuprofile]
// Wasm functions carry their names when the build keeps them:
// `CU_KEEP_NAMES=1 CU_SKIP_VALIDATORS_ENTRY=1 CU_OUT=/tmp/names bash scripts/build-pkg.sh`.
// `--only` keeps the payloads whose operation id contains the text (e.g. `--only Nominee`).
import { resolve } from "node:path";
import { writeFileSync } from "node:fs";
import { withPage } from "./ab-page.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const dist = args.find((a, i) => !a.startsWith("--") && !["--only", "--seconds", "--interval-us", "--top", "--out"].includes(args[i - 1]));
if (dist === undefined) {
  console.error("usage: node bench/profile-browser.mjs <dist> [--only <text>] [--valid] [--check] [--seconds 4] [--interval-us 50] [--top 40] [--out file]");
  process.exit(2);
}
const only = opt("--only", "");
const kind = args.includes("--valid") ? "valid" : "invalid";
const fn = args.includes("--check") ? "checkJson" : "validate";
const seconds = Number(opt("--seconds", 4));
const interval = Number(opt("--interval-us", 50));
const top = Number(opt("--top", 40));
const out = opt("--out", "/tmp/browser.cpuprofile");

const PAGE = `<!doctype html><meta charset="utf-8">
<script type="module">
import * as P from "/D/browser.js";
import { bench } from "/bench/cases.mjs";
const cases = Object.entries(bench).filter(([op]) => op.includes(${JSON.stringify(only)}))
  .map(([op, p]) => [op, p[${JSON.stringify(kind)}], JSON.stringify(p[${JSON.stringify(kind)}])]);
const call = ${fn === "validate" ? "(op, input) => P.validate(op, input)" : "(op, input, text) => P.checkJson(op, text)"};
window.warm = (ms) => { const t0 = performance.now(); while (performance.now() - t0 < ms) for (const [op, i, t] of cases) call(op, i, t); return cases.map(([op]) => op); };
window.spin = (ms) => { let n = 0; const t0 = performance.now(); while (performance.now() - t0 < ms) { for (const [op, i, t] of cases) call(op, i, t); n++; } return n; };
window.ready = true;
</script>`;

// A function's name (+ file:line when it is not the wasm's).
const keyOf = (f) => {
  const file = f.url.split("/").pop();
  return `${f.functionName || "(anonymous)"}${file && !file.includes(".wasm") ? ` ${file}:${f.lineNumber + 1}` : ""}`;
};

await withPage(PAGE, (path) => (path.startsWith("/D/") ? [resolve(dist), path.slice(3)] : null), async (page) => {
  const ops = await page.evaluate(() => window.warm(1500));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval });
  await cdp.send("Profiler.start");
  const rounds = await page.evaluate((ms) => window.spin(ms), seconds * 1000);
  const { profile } = await cdp.send("Profiler.stop");
  writeFileSync(out, JSON.stringify(profile));
  // Self time by function name (+ url when it is not the wasm), as a share of the samples.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const self = new Map();
  let total = 0;
  for (const [id, c] of counts) {
    const key = keyOf(byId.get(id).callFrame);
    self.set(key, (self.get(key) ?? 0) + c);
    total += c;
  }
  console.log(`${fn}, ${kind} payloads: ${ops.join(", ")}; ${rounds} rounds in ${seconds} s; ${total} samples at ${interval} µs; profile: ${out}`);
  console.log("| self % | function |\n| ---: | --- |");
  for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${((100 * c) / total).toFixed(1)} | ${k} |`);
  // Total time by function (each function counted once per sample, wherever it is on the
  // stack): a function's self time holds what was inlined into it (in a "z" wasm, e.g., the
  // rules' view in `Report::input`), which the callee's own share of the total separates out.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map();
  for (const [id, c] of counts) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const k = keyOf(byId.get(at).callFrame);
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + c);
      seen.add(k);
    }
  }
  console.log("\n| total % | function |\n| ---: | --- |");
  for (const [k, c] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${((100 * c) / total).toFixed(1)} | ${k} |`);
});
