// A/B of `checkInput` on a stream that mixes refused and valid inputs: per operation the sequence
// `pattern` (R: the bench's invalid payload, V: its valid one; e.g. RV, RRRRRRRRRV) over and over,
// each input written into wasm memory with encodeInto before its call, as api.js does (both
// builds pay the same for that). For a build that adapts to the inputs it saw (a state kept
// between calls, e.g. the reporter first after a refusal: bench/targets.md, "Session 16: the
// invalid path", "Session 19: the invalid path (wasm)"), the price of a wrong guess, which the
// bench's one payload again and again never shows. Each build's Node validation wasm (the speed
// build, as `ab-check.mjs`), one process, rounds interleaved, ns of CPU time per sequence, median
// of 9; every verdict checked.
//   node bench/ab-mixed.mjs <dist A> <dist B> [<dist C> …] [--pattern RV]
import { bench } from "./cases.mjs";
import { speedBuilds, cpuNs } from "./speed-builds.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--pattern");
const pattern = at >= 0 ? args[at + 1] : "RV";
const dists = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--pattern");
if (dists.length < 2 || !/^[RV]+$/.test(pattern)) {
  console.error("usage: node bench/ab-mixed.mjs <dist A> <dist B> [<dist C> …] [--pattern RV]");
  process.exit(2);
}
const { OPERATIONS, builds } = await speedBuilds(dists);
const encoder = new TextEncoder();
const today = Math.floor(Date.now() / 86_400_000);
const SIZE = 65536;
const rows = [];
for (const [op, payloads] of Object.entries(bench)) {
  const texts = [...pattern].map((c) => JSON.stringify(c === "V" ? payloads.valid : payloads.invalid));
  const verdicts = [...pattern].map((c) => (c === "V" ? 0 : 1));
  // As api.js calls it: with the bit that says the caller keeps the text.
  const index = OPERATIONS.indexOf(op) | 0x40000000;
  const calls = builds.map((glue) => {
    const buffer = glue.inputBuffer(SIZE);
    return () => {
      for (let k = 0; k < texts.length; k++) {
        const len = encoder.encodeInto(texts[k], new Uint8Array(glue.initSync().memory.buffer, buffer, SIZE)).written;
        if ((glue.checkInput(index, len, today) & 3) !== verdicts[k]) throw new Error(`${op}: input ${k} of ${pattern} not ${verdicts[k] ? "refused" : "valid"}`);
      }
    };
  });
  const ns = cpuNs(calls, { warm: 30_000, batch: 100 });
  rows.push(`| ${op} | ${ns.map((x) => x.toFixed(0)).join(" | ")} | ${ns.slice(1).map((x) => (ns[0] / x).toFixed(2)).join(" | ")} |`);
}
console.log(`checkInput on the stream ${pattern} (R refused, V valid), ns of CPU time per sequence, median of 9 interleaved rounds; ratios: first build / this one\n`);
console.log(`| payload | ${dists.join(" | ")} | ${dists.slice(1).map((d) => `${d} speed-up`).join(" | ")} |`);
console.log(`| --- | ${dists.map(() => "---:").join(" | ")} | ${dists.slice(1).map(() => "---:").join(" | ")} |`);
console.log(rows.join("\n"));
