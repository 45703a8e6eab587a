// A/B of two built packages in one headless Chromium page, rounds interleaved, as bench/ab.mjs
// does in Node: `validate`, `checkJson` and `validateJson` of A and B on the valid or invalid
// payloads, with Valibot beside them (and, for valid payloads, the object floor over B's
// `__floor`). Both packages load unbundled through their `slim` entry (initSync with the wasm
// bytes fetched first); wall time only (no CPU clock in a page).
//   node bench/ab-browser.mjs <dist A> <dist B> [--rounds 9] [--round-ms 100] [--valid] [--entry browser.js]
// `--entry browser.js`: both packages through their browser entry instead (top-level await init,
// and what that entry sets up: session 8's short-ASCII writer).
import { resolve } from "node:path";
import { withPage } from "./ab-page.mjs";
import { markdownTable, fmtOps } from "./harness.mjs";

const args = process.argv.slice(2);
const valueOf = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const rounds = valueOf("--rounds", 9);
const roundMs = valueOf("--round-ms", 100);
const kind = args.includes("--valid") ? "valid" : "invalid";
const entry = args.includes("--entry") ? args[args.indexOf("--entry") + 1] : "slim.js";
if (!["slim.js", "browser.js"].includes(entry)) throw new Error("--entry: slim.js or browser.js");
const [distA, distB] = args.filter((a, i) => !a.startsWith("--") && !["--rounds", "--round-ms", "--entry"].includes(args[i - 1])).map((d) => resolve(d));
if (!distA || !distB) {
  console.error("usage: node bench/ab-browser.mjs <dist A> <dist B> [--rounds N] [--round-ms MS] [--valid]");
  process.exit(2);
}

// /A/… and /B/… are the two packages; everything else is the repository (bench/, tests/node/
// cases, node_modules for Valibot through an import map).
const PAGE = `<!doctype html><meta charset="utf-8">
<script type="importmap">{ "imports": { "valibot": "/node_modules/valibot/dist/index.mjs" } }</script>
<script type="module">
import * as A from "/A/${entry}";
import * as B from "/B/${entry}";
import * as glueB from "/B/wasm/customer_update.js";
import * as valibot from "/bench/validators/valibot.mjs";
import { bench } from "/bench/cases.mjs";
const bytes = async (p) => new Uint8Array(await (await fetch(p)).arrayBuffer());
if (typeof A.initSync === "function") { // slim.js; browser.js has initialised itself
  A.initSync({ module: await bytes("/A/wasm/customer_update_bg.wasm") });
  B.initSync({ module: await bytes("/B/wasm/customer_update_bg.wasm") });
}
const encoder = new TextEncoder();
let scratch = new Uint8Array(4096);
const floor = (op, input) => {
  const text = JSON.stringify(input);
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  glueB.__floor(0, encoder.encodeInto(text, scratch).written, 0);
  return { ok: true, value: JSON.parse(text) };
};
const columns = {
  "A validate": (op, input) => A.validate(op, input),
  "B validate": (op, input) => B.validate(op, input),
  "A checkJson": (op, input, text) => A.checkJson(op, text),
  "B checkJson": (op, input, text) => B.checkJson(op, text),
  "A validateJson": (op, input, text) => A.validateJson(op, text),
  "B validateJson": (op, input, text) => B.validateJson(op, text),
  Valibot: (op, input) => valibot.validate(op, input),
  "JSON.parse + Valibot": (op, input, text) => valibot.validate(op, JSON.parse(text)),
};
window.run = (kind, rounds, roundMs) => {
  if (kind === "valid") columns["floor (object)"] = floor;
  const names = Object.keys(columns);
  const rows = [];
  for (const [op, payloads] of Object.entries(bench)) {
    const input = payloads[kind];
    const text = JSON.stringify(input);
    if (JSON.stringify(A.validate(op, input)) !== JSON.stringify(B.validate(op, input))) throw new Error(op + ": A and B disagree");
    const batches = {};
    const samples = Object.fromEntries(names.map((n) => [n, []]));
    for (const n of names) {
      const fn = columns[n];
      let t0 = performance.now();
      while (performance.now() - t0 < 150) fn(op, input, text);
      let b = 1;
      for (;;) { t0 = performance.now(); for (let i = 0; i < b; i++) fn(op, input, text); if (performance.now() - t0 >= 2) break; b *= 2; }
      batches[n] = b;
    }
    for (let r = 0; r < rounds; r++) for (const n of names) {
      const fn = columns[n], batch = batches[n];
      let count = 0, dt;
      const t0 = performance.now();
      do { for (let i = 0; i < batch; i++) fn(op, input, text); count += batch; dt = performance.now() - t0; } while (dt < roundMs);
      samples[n].push(count / (dt / 1000));
    }
    const med = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
    rows.push([op, names.map((n) => med(samples[n]))]);
  }
  return { names, rows };
};
window.ready = true;
</script>`;

await withPage(PAGE, (path) => (path.startsWith("/A/") ? [distA, path.slice(3)] : path.startsWith("/B/") ? [distB, path.slice(3)] : null), async (page, browser) => {
  const { names, rows } = await page.evaluate(([k, r, ms]) => window.run(k, r, ms), [kind, rounds, roundMs]);
  console.log(`Chromium ${browser.version()}; A = ${distA}, B = ${distB} (${entry}); ${kind} payloads, median ops/s of ${rounds} interleaved rounds of ~${roundMs} ms\n`);
  console.log(markdownTable(["payload", ...names], rows.map(([op, v]) => [op, ...v.map(fmtOps)])));
});
