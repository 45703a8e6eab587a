// Headless Chromium: the agreement check, the throughput table (as run.mjs, in the page) and cold
// start (a fresh browser context per sample: dynamic import of the bundle + wasm fetch and
// instantiate + first validate, timed with performance.now() in the page; median of 10).
// Bundles with esbuild into bench/out/browser/, serves it from 127.0.0.1 (wasm as
// application/wasm) and drives Chromium with playwright-core.
//   node bench/browser.mjs [--smoke] [--throughput] [--cold]     (neither flag: both)
import { createServer } from "node:http";
import { mkdirSync, copyFileSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
import { bench } from "./cases.mjs";
import { FULL, SMOKE, median, fmtOps, markdownTable } from "./harness.mjs";
import { COLUMNS } from "./columns.mjs";

const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const doThroughput = args.includes("--throughput") || !args.includes("--cold");
const doCold = args.includes("--cold") || !args.includes("--throughput");
const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("..", import.meta.url));
const site = join(here, "out/browser");
const outDir = join(here, smoke ? "out/smoke" : "out/results");
mkdirSync(site, { recursive: true });
mkdirSync(outDir, { recursive: true });
const ops = Object.keys(bench);
const benchOps = smoke ? ops.slice(0, 1) : ops;
const IMPL_NAMES = Object.keys(COLUMNS);

// ---- bundle ----
const COLD_ENTRIES = {
  "customer-update": 'export { validate } from "customer-update";',
  zod: 'export { validate } from "./validators/zod.mjs";',
  valibot: 'export { validate } from "./validators/valibot.mjs";',
  ajv: 'export { validate } from "./validators/ajv.mjs";',
  handwritten: 'export { validate } from "./validators/handwritten.mjs";',
};
const common = { bundle: true, format: "esm", platform: "browser", target: "es2022", minify: true, logLevel: "warning", absWorkingDir: root };
await esbuild.build({ ...common, entryPoints: [join(here, "browser-page.mjs")], outfile: join(site, "page.js") });
for (const [impl, contents] of Object.entries(COLD_ENTRIES)) {
  await esbuild.build({ ...common, stdin: { contents, resolveDir: here, sourcefile: `cold-${impl}.mjs` }, outfile: join(site, `cold-${impl}.js`) });
}
mkdirSync(join(site, "wasm"), { recursive: true });
// the package the bundle was built from (run.sh's snapshot via bench/node_modules, else pkg/dist)
const dist = join(dirname(fileURLToPath(import.meta.resolve("customer-update/package.json"))), "dist");
copyFileSync(join(dist, "wasm/customer_update_bg.wasm"), join(site, "wasm/customer_update_bg.wasm"));
writeFileSync(join(site, "index.html"), '<!doctype html><meta charset="utf-8"><title>customer-update bench</title><script type="module" src="./page.js"></script>\n');
const coldOp = ops[0];
writeFileSync(join(site, "cold.html"), `<!doctype html><meta charset="utf-8"><title>cold start</title>
<script type="module">
const impl = new URLSearchParams(location.search).get("impl");
try {
  const t0 = performance.now();
  const m = await import("./cold-" + impl + ".js");
  const r = m.validate(${JSON.stringify(coldOp)}, ${JSON.stringify(bench[coldOp].valid)});
  window.__cold = { ms: performance.now() - t0, ok: r.ok };
} catch (e) {
  window.__cold = { error: String(e && e.stack || e) };
}
</script>
`);

// ---- serve ----
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm" };
const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const file = normalize(join(site, decodeURIComponent(url.pathname)));
  if (!file.startsWith(site) || !existsSync(file)) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

// ---- drive ----
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let exitCode = 0;
try {
  const version = `Chromium ${browser.version()}`;
  if (doThroughput) {
    const cfg = smoke ? SMOKE : FULL;
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${base}/index.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30000 }).catch(() => {
      throw new Error(`the bench page did not load: ${errors.join("; ")}`);
    });
    const agree = await page.evaluate(() => window.benchAgree());
    if (agree.disagreements.length) {
      console.error(`Chromium agreement: ${agree.disagreements.length} disagreement(s)`);
      for (const d of agree.disagreements) console.error(`- ${d}`);
      exitCode = 1;
    } else {
      console.log(`\nChromium agreement: ${agree.cases} cases × ${IMPL_NAMES.length} implementations agree (verdicts and issue paths)`);
    }
    const cells = [];
    for (const op of benchOps) {
      for (const kind of ["valid", "invalid"]) {
        const r = await page.evaluate(([op, kind, cfg]) => window.benchCell(op, kind, cfg), [op, kind, cfg]);
        for (const [impl, c] of Object.entries(r)) {
          if (!impl.startsWith("floor-") && c.ok !== (kind === "valid")) throw new Error(`${impl} ${op}/${kind}: unexpected verdict in Chromium`);
          cells.push({ op, kind, impl, opsPerSec: c.opsPerSec, samples: c.samples, batch: c.batch });
        }
        if (!smoke) process.stderr.write(".");
      }
    }
    if (!smoke) process.stderr.write("\n");
    await page.close();
    const header = ["operation / payload", ...Object.values(COLUMNS)];
    const rows = [];
    for (const op of benchOps) {
      for (const kind of ["valid", "invalid"]) {
        rows.push([`${op} / ${kind}`, ...IMPL_NAMES.map((impl) => fmtOps(cells.find((c) => c.op === op && c.kind === kind && c.impl === impl)?.opsPerSec))]);
      }
    }
    const table = markdownTable(header, rows);
    writeFileSync(join(outDir, "chromium-throughput.json"), JSON.stringify({ runtime: version, config: cfg, columns: COLUMNS, cells, table }, null, 1));
    console.log(`\n### Throughput in headless ${version} (ops/s, median of ${cfg.rounds} rounds; higher is better)\n`);
    console.log(table);
  }

  if (doCold) {
    const samples = smoke ? 1 : 10;
    const times = Object.fromEntries(Object.keys(COLD_ENTRIES).map((k) => [k, []]));
    for (let s = 0; s < samples; s++) {
      for (const impl of Object.keys(COLD_ENTRIES)) { // interleaved; a fresh context has an empty HTTP and code cache
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(`${base}/cold.html?impl=${encodeURIComponent(impl)}`);
          await page.waitForFunction(() => window.__cold !== undefined, null, { timeout: 30000 });
          const r = await page.evaluate(() => window.__cold);
          if (r.error) throw new Error(`cold start ${impl} in Chromium: ${r.error}`);
          if (!r.ok) throw new Error(`cold start ${impl} in Chromium: the seed example did not validate`);
          times[impl].push(r.ms);
        } finally {
          await context.close();
        }
      }
    }
    const fmt = (xs) => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
    const coldImpls = Object.keys(COLD_ENTRIES);
    const header = ["runtime", ...coldImpls.map((k) => COLUMNS[k])];
    const row = [`headless ${version}`, ...coldImpls.map((k) => fmt(times[k]))];
    writeFileSync(join(outDir, "chromium-cold.json"), JSON.stringify({ runtime: version, op: coldOp, samples, times, row, header }, null, 1));
    console.log(`\n### Cold start in headless ${version} (ms: import of the bundle + wasm fetch/instantiate + first validate of ${coldOp}; median (min–max) of ${samples} fresh contexts)\n`);
    console.log(markdownTable(header, [row]));
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(exitCode);
