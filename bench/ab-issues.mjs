// A/B of the issue objects alone: `issuesInView` (issues.js) of each build over the records its own
// Node validation wasm (the speed build) wrote for each invalid payload, read again and again (the
// wasm is not timed; `lastIssues` keeps the records until the next call). One Node process, rounds
// interleaved, ns of this process's CPU time per call, median of 9 rounds of 40 ms:
//   node bench/ab-issues.mjs <dist A> <dist B> [<dist C> …]
// Ratios are to the first build (> 1: faster). Each build's modules load from its own directory.
// Chromium: bench/ab-issues-browser.mjs.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bench } from "./cases.mjs";

const dists = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (dists.length < 2) {
  console.error("usage: node bench/ab-issues.mjs <dist A> <dist B> [<dist C> …]");
  process.exit(2);
}
const url = (d, f) => pathToFileURL(resolve(d, f)).href;
const builds = [];
for (const d of dists) {
  const { OPERATIONS } = await import(url(d, "messages.js"));
  const glue = await import(url(d, "validators/wasm/customer_update.js"));
  glue.initSync({ module: readFileSync(resolve(d, "validators/wasm/customer_update_speed_bg.wasm")) });
  const issues = await import(url(d, "issues.js"));
  // As the Node entry sets it up (a build that has the hook: session 10).
  issues.useNodeBuffer?.(Buffer);
  const { issuesInView } = issues;
  builds.push({ OPERATIONS, glue, issuesInView });
}
const encoder = new TextEncoder();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const rows = [];
for (const [op, p] of Object.entries(bench)) {
  const text = JSON.stringify(p.invalid);
  const calls = builds.map(({ OPERATIONS, glue, issuesInView }) => {
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
  for (const call of calls) for (let i = 0; i < 30_000; i++) call(); // warm-up, tier-up
  const samples = calls.map(() => []);
  for (let r = 0; r < 9; r++) {
    calls.forEach((call, j) => {
      let n = 0;
      const t0 = performance.now();
      const c0 = cpu();
      do {
        for (let i = 0; i < 200; i++) call();
        n += 200;
      } while (performance.now() - t0 < 40);
      samples[j].push((cpu() - c0) / n);
    });
  }
  const ns = samples.map(median);
  rows.push(`| ${op} | ${ns.map((x) => x.toFixed(0)).join(" | ")} | ${ns.slice(1).map((x) => (ns[0] / x).toFixed(2)).join(" | ")} |`);
}
console.log(`issuesInView over fixed records (invalid payloads), ns of CPU time per call, median of 9 interleaved rounds; ratios: first build / this one\n`);
console.log(`| payload | ${dists.join(" | ")} | ${dists.slice(1).map((d) => `${d} speed-up`).join(" | ")} |`);
console.log(`| --- | ${dists.map(() => "---:").join(" | ")} | ${dists.slice(1).map(() => "---:").join(" | ")} |`);
console.log(rows.join("\n"));
