// A/B of the validator alone in wasm: `checkInput` of each build's Node validation wasm (the speed
// build, dist/validators/wasm/customer_update_speed_bg.wasm) with the valid payload's text already
// in wasm memory, so neither JSON.stringify, encodeInto nor the JS API is timed. One Node process,
// rounds interleaved, ns of this process's CPU time per call (process.cpuUsage), median of 9:
//   node bench/ab-check.mjs <dist A> <dist B> [<dist C> …] [--invalid]
// --invalid: the invalid payloads (the one pass, then the reporter writing the records; the
// records are not read, so issues.js is not timed).
// Ratios are to the first build (> 1: faster). Each build gets its own instance of the glue (the
// glue of two builds is byte for byte the same, so it is imported under distinct URLs).
import { bench } from "./cases.mjs";
import { speedBuilds, cpuNs } from "./speed-builds.mjs";

const dists = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const kind = process.argv.includes("--invalid") ? "invalid" : "valid";
if (dists.length < 2) {
  console.error("usage: node bench/ab-check.mjs <dist A> <dist B> [<dist C> …]");
  process.exit(2);
}
const { OPERATIONS, builds } = await speedBuilds(dists);
const encoder = new TextEncoder();
const rows = [];
for (const [op, payloads] of Object.entries(bench)) {
  const text = JSON.stringify(payloads[kind]);
  const index = OPERATIONS.indexOf(op);
  const calls = builds.map((glue) => {
    const at = glue.inputBuffer(text.length * 3);
    const len = encoder.encodeInto(text, new Uint8Array(glue.initSync().memory.buffer, at, text.length * 3)).written;
    // Today's date as api.js passes it (Unix days; builds before session 9 ignore it); bit 4 of the
    // answer only says the verdict read it.
    const today = Math.floor(Date.now() / 86_400_000);
    // As api.js calls it: with the bit that says the caller keeps the text (session 11 on; an
    // older build answers 2, no such operation, and is called without it).
    const keeps = (glue.checkInput(index | 0x40000000, len, today) & ~4) === 2 ? index : index | 0x40000000;
    if ((glue.checkInput(keeps, len, today) & ~4) !== (kind === "valid" ? 0 : 1)) throw new Error(`${op}: not ${kind}`);
    return () => glue.checkInput(keeps, len, today);
  });
  const ns = cpuNs(calls, { warm: 200_000, batch: 500 });
  rows.push(`| ${op} | ${ns.map((x) => x.toFixed(0)).join(" | ")} | ${ns.slice(1).map((x) => (ns[0] / x).toFixed(2)).join(" | ")} |`);
}
console.log(`checkInput alone (${kind} payloads), ns of CPU time per call, median of 9 interleaved rounds; ratios: first build / this one\n`);
console.log(`| payload | ${dists.join(" | ")} | ${dists.slice(1).map((d) => `${d} speed-up`).join(" | ")} |`);
console.log(`| --- | ${dists.map(() => "---:").join(" | ")} | ${dists.slice(1).map(() => "---:").join(" | ")} |`);
console.log(rows.join("\n"));
