// bench/ab-issues.mjs in headless Chromium: `issuesInView` of each build over the records its full
// wasm (the browser entry's) wrote for each invalid payload, read again and again, with the browser
// entries' setting (text-write.js's `useShortAsciiLoop`). The builds' unbundled modules are served
// from their directories on 127.0.0.1; rounds interleaved, wall time (no CPU clock in a page), ns
// per call, median of 9 rounds of 40 ms:
//   node bench/ab-issues-browser.mjs <dist A> <dist B>
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { extname, resolve, sep } from "node:path";
import { chromium } from "playwright-core";
import { bench } from "./cases.mjs";

const dists = process.argv.slice(2).filter((a) => !a.startsWith("--")).map((d) => resolve(d));
if (dists.length !== 2) {
  console.error("usage: node bench/ab-issues-browser.mjs <dist A> <dist B>");
  process.exit(2);
}
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
// /0/… and /1/… are the two builds' directories; / is an empty page.
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
  const m = /^\/([01])\/(.+)$/.exec(path);
  const file = m && resolve(dists[Number(m[1])], m[2]);
  if (path === "/" || !file?.startsWith(dists[Number(m[1])] + sep)) {
    res.writeHead(path === "/" ? 200 : 404, { "content-type": "text/html" });
    return res.end("");
  }
  try {
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
}).listen(0, "127.0.0.1");
await new Promise((r) => server.once("listening", r));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const texts = Object.fromEntries(Object.entries(bench).map(([op, p]) => [op, JSON.stringify(p.invalid)]));
  const rows = await page.evaluate(async (texts) => {
    const builds = [];
    for (const d of ["/0", "/1"]) {
      const glue = await import(`${d}/wasm/customer_update.js`);
      await glue.default({ module_or_path: `${d}/wasm/customer_update_bg.wasm` });
      (await import(`${d}/text-write.js`)).useShortAsciiLoop();
      const { issuesInView } = await import(`${d}/issues.js`);
      const { OPERATIONS } = await import(`${d}/messages.js`);
      builds.push({ glue, issuesInView, OPERATIONS });
    }
    const encoder = new TextEncoder();
    const out = [];
    for (const [op, text] of Object.entries(texts)) {
      const calls = builds.map(({ glue, issuesInView, OPERATIONS }) => {
        const at = glue.inputBuffer(text.length * 3);
        const len = encoder.encodeInto(text, new Uint8Array(glue.initSync().memory.buffer, at, text.length * 3)).written;
        // As api.js calls it: with the bit that says the caller keeps the text (session 11 on; an
        // older build answers 2, no such operation, and is called without it).
        const index = OPERATIONS.indexOf(op);
        const day = Math.floor(Date.now() / 86_400_000);
        if ((glue.checkInput(index | 0x40000000, len, day) & ~4) === 2 && (glue.checkInput(index, len, day) & ~4) !== 1) throw new Error(`${op}: not refused`);
        const records = glue.lastIssues();
        const words = new Uint32Array(glue.initSync().memory.buffer);
        // (The text too: a build from session 11 on names pieces of it by offset.)
        return () => issuesInView(words, records, undefined, text);
      });
      for (const call of calls) for (let i = 0; i < 20_000; i++) call();
      const samples = calls.map(() => []);
      for (let r = 0; r < 9; r++) {
        calls.forEach((call, j) => {
          let n = 0;
          const t0 = performance.now();
          let t;
          do {
            for (let i = 0; i < 200; i++) call();
            n += 200;
            t = performance.now();
          } while (t - t0 < 40);
          samples[j].push(((t - t0) * 1e6) / n);
        });
      }
      const ns = samples.map((s) => s.sort((x, y) => x - y)[s.length >> 1]);
      out.push(`| ${op} | ${ns[0].toFixed(0)} | ${ns[1].toFixed(0)} | ${(ns[0] / ns[1]).toFixed(2)} |`);
    }
    return out;
  }, texts);
  console.log(`${browser.version()}: issuesInView over fixed records (invalid payloads), ns per call (wall), median of 9 interleaved rounds\n`);
  console.log(`| payload | A ${dists[0]} | B ${dists[1]} | A / B |\n| --- | ---: | ---: | ---: |`);
  console.log(rows.join("\n"));
} finally {
  await browser.close();
  server.close();
}
