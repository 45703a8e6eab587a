// Drives headless Chromium (playwright-core, Debian's /usr/bin/chromium) over the esbuild-bundled
// page: waits for the page's and the Web Worker's answers, asserts them and what the stub server
// received, that the .wasm was served as application/wasm and that the console stayed clean.
//   node check.mjs --site URL --upstream URL --worker-upstream URL
import assert from "node:assert/strict";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { checkScenario } from "../lib/check-scenario.mjs";

const { values: a } = parseArgs({ options: { site: { type: "string" }, upstream: { type: "string" }, "worker-upstream": { type: "string" } } });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  timeout: 30000,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  const problems = [];
  const wasmTypes = [];
  const wasmUrls = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("response", (r) => { if (r.url().endsWith(".wasm")) { wasmTypes.push(r.headers()["content-type"]); wasmUrls.push(r.url()); } });
  // Nothing but the two local servers may be reached.
  await page.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "127.0.0.1") return route.continue();
    problems.push(`blocked request to ${u.href}`);
    return route.abort();
  });

  const query = new URLSearchParams({ upstream: a.upstream, workerUpstream: a["worker-upstream"] });
  await page.goto(`${a.site}/index.html?${query}`, { timeout: 15000 });
  await page.waitForFunction(() => window.__page && window.__worker, null, { timeout: 15000 }).catch(async (e) => {
    const state = await page.evaluate(() => ({ page: !!window.__page, worker: !!window.__worker })).catch(() => "?");
    throw new Error(`${e.message}\nstate: ${JSON.stringify(state)}\nconsole/page problems:\n${problems.join("\n")}`);
  });
  const { pageResult, workerResult } = await page.evaluate(() => ({ pageResult: window.__page, workerResult: window.__worker }));

  await checkScenario(pageResult, { upstream: a.upstream, label: "browser page" });
  assert.equal(workerResult.error, undefined, `worker failed: ${workerResult.error}`);
  await checkScenario(workerResult, { upstream: a["worker-upstream"], label: "web worker" });

  // The validators entry in the same page: its own wasm, the same answers as the default entry.
  const v = pageResult.validatorsEntry;
  assert.deepEqual(v.valid, pageResult.valid, "validators entry: valid");
  assert.deepEqual(v.invalid, pageResult.invalid, "validators entry: invalid");
  assert.deepEqual(v.form, v.fullForm, "validators entry: form mode");
  assert.deepEqual(v.form.issues.map((i) => [i.path.join("."), i.code]), [["email_address", "invalid_format"]]);
  console.log("  ok - browser page: customer-update/validators gives the default entry's answers (plain and form mode)");

  assert.ok(wasmUrls.some((u) => u.endsWith("/validators/wasm/customer_update_bg.wasm")), `the validators entry's .wasm was fetched: ${wasmUrls}`);
  assert.ok(wasmUrls.some((u) => u.endsWith("/wasm/customer_update_bg.wasm") && !u.includes("/validators/")), `the default entry's .wasm was fetched: ${wasmUrls}`);
  assert.ok(wasmTypes.length >= 1, "the .wasm was fetched");
  assert.ok(wasmTypes.every((t) => t === "application/wasm"), `wasm content types: ${wasmTypes}`);
  console.log(`  ok - browser: .wasm served as application/wasm (${wasmTypes.length} fetch(es))`);
  assert.deepEqual(problems, [], "no console errors/warnings, page errors or outside requests");
  console.log("  ok - browser: no console errors or warnings, no page errors, no request beyond 127.0.0.1");
} finally {
  await browser.close();
}
