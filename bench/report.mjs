// Writes bench/RESULTS.md from bench/out/results/*.json (written by agree/run/browser/size) plus
// the machine and the versions. Called by run.sh after a full (non-smoke) run.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fmtOps, markdownTable } from "./harness.mjs";
import { COLUMNS } from "./columns.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("..", import.meta.url));
const dir = join(here, "out/results");
const read = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : null);
const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unavailable";
  }
};
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return "unavailable";
  }
};

const agree = read("agree.json");
const node = read("node-throughput.json");
const chrome = read("chromium-throughput.json");
const nodeCold = read("node-cold.json");
const chromeCold = read("chromium-cold.json");
const size = read("size.json");
const growth = read("growth.json");

const cpuModel = (readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? cpus()[0]?.model ?? "unknown";
const memKb = Number((readFileSync("/proc/meminfo", "utf8").match(/^MemTotal:\s*(\d+)/m) ?? [])[1] ?? 0);

/** Cells where customer-update is slower than zod or valibot: "op / kind: N vs zod M (×r)". */
function slower(result) {
  if (!result) return [];
  const out = [];
  const keys = [...new Set(result.cells.map((c) => `${c.op}\u0000${c.kind}`))];
  for (const key of keys) {
    const [op, kind] = key.split("\u0000");
    const get = (impl) => result.cells.find((c) => c.op === op && c.kind === kind && c.impl === impl)?.opsPerSec;
    const cu = get("customer-update");
    const behind = ["zod", "valibot"].filter((lib) => get(lib) > cu).map((lib) => `${lib} ${fmtOps(get(lib))} (×${(get(lib) / cu).toFixed(1)})`);
    if (behind.length) out.push(`- ${op} / ${kind}: customer-update ${fmtOps(cu)} ops/s; faster: ${behind.join(", ")}`);
  }
  return out;
}

const coldRows = [nodeCold?.row, nodeCold?.cpuRow, chromeCold?.row].filter(Boolean);
const lines = [];
lines.push("# Benchmark results");
lines.push("");
lines.push(`Written by \`bash bench/run.sh\` on ${new Date().toISOString().replace(/\.\d+Z$/, "Z")} (UTC). Numbers from one machine and one run: compare columns within a table, not across machines.`);
lines.push("");
lines.push("## Machine and versions");
lines.push("");
lines.push(`- CPU: ${cpuModel}, nproc ${sh("nproc", [])}; memory ${(memKb / 1024 / 1024).toFixed(1)} GiB; ${sh("uname", ["-sr"])}`);
lines.push(`- Node ${process.version}; ${chrome?.runtime ?? chromeCold?.runtime ?? sh("/usr/bin/chromium", ["--version"])} (headless, playwright-core ${pkgVersion("playwright-core")}); ${sh("rustc", ["--version"])}`);
const text = (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8").trim() : null);
lines.push(`- load average (1/5/15 min) when the run started: ${text("loadavg-start.txt") ?? "unknown"}; at the end: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")} (other processes on the machine skew the numbers)`);
lines.push(`- customer-update ${pkgVersion("customer-update")} (a snapshot of pkg/dist taken at the start, wasm-opt -Oz; wasm sha256 ${text("pkg-wasm-sha256.txt") ?? "?"}…); zod ${pkgVersion("zod")}; valibot ${pkgVersion("valibot")}; ajv ${pkgVersion("ajv")}; esbuild ${pkgVersion("esbuild")}`);
lines.push("");
lines.push("## Agreement");
lines.push("");
if (agree) {
  lines.push(`Before timing, \`bench/agree.mjs\` ran ${agree.cases} cases (the timed payloads and ≥ 10 edge cases per operation: ${Object.values(agree.agreementCasesPerOp).join(", ")}) through all ${agree.implementations.length} implementations: ${agree.problems.length === 0 ? "same verdict and same set of issue paths everywhere (and the package's issue codes for handwritten); the package also matched every expectation from docs/providers.md written into the cases" : `${agree.problems.length} problem(s)`}. The Chromium run repeats the verdict/path check in the page.`);
} else lines.push("not run");
lines.push("");
lines.push("## Throughput in Node");
lines.push("");
if (node) {
  lines.push(`ops/s, higher is better; median of ${node.config.rounds} rounds of ~${node.config.roundMs} ms after a ${node.config.warmupMs} ms warm-up, rounds interleaved (each round times every column of the row once, in turn); ${node.runtime}.${node.native ? " The native Rust column is `cargo bench --bench native` (bench/native.rs: the same JSON text through the same reader and validator, `validate::issues_text`, plus the issues JSON for an invalid one; release build)." : ""}`);
  lines.push("");
  lines.push(node.table);
} else lines.push("not run");
lines.push("");
lines.push("## Throughput in headless Chromium");
lines.push("");
if (chrome) {
  lines.push(`Same payloads and method, in the page (esbuild bundle, minified; the package through its \`browser\` export); ${chrome.runtime}.`);
  lines.push("");
  lines.push(chrome.table);
} else lines.push("not run");
lines.push("");
lines.push("## Growth and memory");
lines.push("");
if (growth) {
  lines.push("`checkJson` on valid text of growing size (`bench/growth.mjs`): the seed's associate or nominee repeated (nominee shares split evenly); ns per call and per item, median of interleaved rounds. Then a million `checkJson` calls in a loop and the wasm memory size before and after.");
  lines.push("");
  lines.push(growth.table);
  lines.push("");
  lines.push(`wasm memory: ${growth.memory.before.toLocaleString("en-US")} bytes after the first call, ${growth.memory.after.toLocaleString("en-US")} after ${growth.memory.calls.toLocaleString("en-US")} more calls.`);
} else lines.push("not run");
lines.push("");
lines.push("## Where customer-update is slower than Zod or Valibot");
lines.push("");
const sNode = slower(node);
const sChrome = slower(chrome);
lines.push(`Node (${sNode.length} of ${node ? node.cells.length / Object.keys(COLUMNS).length : 0} cells):`);
lines.push("");
lines.push(...(sNode.length ? sNode : ["- none"]));
lines.push("");
lines.push(`Chromium (${sChrome.length} of ${chrome ? chrome.cells.length / Object.keys(COLUMNS).length : 0} cells):`);
lines.push("");
lines.push(...(sChrome.length ? sChrome : ["- none"]));
lines.push("");
lines.push("## Cold start");
lines.push("");
if (coldRows.length) {
  lines.push(`ms, lower is better: import + instantiate + first \`validate\` of ${nodeCold?.op ?? chromeCold?.op} (seed example), timed with performance.now() inside a fresh Node process (the package imported by name, \`import("customer-update")\`, as an app does; until session 11 by its entry's file URL, ~1.2 ms less) / a fresh Chromium context per sample; median (min–max) of ${[nodeCold && `${nodeCold.samples} (Node)`, chromeCold && `${chromeCold.samples} (Chromium)`].filter(Boolean).join(" and ")}${nodeCold?.cpuRow ? `; the \"process CPU\" row is the median of each Node process's CPU time over the same window (all its threads), which a loaded machine's waits do not inflate${nodeCold.load ? ` (load average ${nodeCold.load.map((l) => l.toFixed(2)).join(" → ")} over the Node samples)` : ""}` : ""}. For the package this includes reading (Node) or fetching (Chromium) and compiling the wasm; for Zod/Valibot/Ajv building the nine schemas (Ajv compiles all nine at import). In Node an empty package is imported by name before the timer starts, so Node's own ESM loader set-up (~4 ms, paid by any app before its first line) and its one-time compile of the \`exports\` checks' regular expressions (~0.7 ms, paid on the first package resolved by name, whichever it is; session 11) are in no column.`);
  lines.push("");
  lines.push(markdownTable(nodeCold?.header ?? chromeCold?.header, coldRows));
} else lines.push("not run");
lines.push("");
lines.push("## Size");
lines.push("");
if (size) {
  lines.push("Raw and `gzip -9` bytes. JS validator bundles: `esbuild --bundle --minify --format=esm` of each bench/validators file with its library (the same nine schemas).");
  lines.push("");
  lines.push(size.table);
  if (size.validatorsOnly) lines.push("", size.validatorsOnly);
} else lines.push("not run");
lines.push("");
// What a user's Vite build ships per entry: measured by the packaging matrix
// (tests/packaging/run.sh vite → bench/out/packaging-sizes.json); kept from the previous
// RESULTS.md when this run has no such file.
const viteSizes = existsSync(join(here, "out/packaging-sizes.json")) ? JSON.parse(readFileSync(join(here, "out/packaging-sizes.json"), "utf8")) : null;
if (viteSizes) {
  const n = (x) => x.toLocaleString("en-US");
  lines.push("### Bundle sizes in a Vite build", "");
  lines.push(`What a user's \`vite build\` (Vite ${viteSizes.vite}) ships, measured by \`bash tests/packaging/run.sh vite\` on the`);
  lines.push("packed tarball (bytes, `gzip -9`; written to `bench/out/packaging-sizes.json`). \"Package JS\" is a");
  lines.push("build of `validate` imported alone (no React); \"form app JS\" is the whole React + react-hook-form +");
  lines.push("TanStack Form app the matrix drives in Chromium.", "");
  lines.push("| entry | wasm | package JS | wasm + package JS | form app JS (all) |", "| --- | ---: | ---: | ---: | ---: |");
  for (const b of viteSizes.builds) {
    lines.push(`| \`${b.entry}\` | ${n(b.wasmGzip)} (${n(b.wasmRaw)} raw) | ${n(b.packageJsGzip)} (${n(b.packageJsRaw)} raw) | ${n(b.wasmGzip + b.packageJsGzip)} | ${n(b.appJsGzip)} |`);
  }
  lines.push("");
} else if (existsSync(join(here, "RESULTS.md"))) {
  const previous = readFileSync(join(here, "RESULTS.md"), "utf8");
  const at = previous.indexOf("### Bundle sizes in a Vite build");
  if (at >= 0) lines.push(previous.slice(at, previous.indexOf("\n## ", at) + 1));
}
lines.push("## What is measured");
lines.push("");
lines.push("- **customer-update validate (object)**: `validate(op, object)`: a copy of the input's plain data (session 15: it is `value`, in place of `JSON.parse` of the text; input that is not plain data is stringified directly and `value` is `JSON.parse` of its text), `JSON.stringify` of that copy, the text written with `encodeInto` into the input buffer in wasm memory, one call with the operation's index; the generated one-pass validator reads the text (no tree) and a valid input comes back as the number 0; an invalid one is read again by the generated reporter, which writes its issues as compact records in wasm memory that the JS glue turns into issue objects with their messages.");
lines.push("- **validateJson (text)** / **checkJson (text)**: the same for callers that hold JSON text (a request body); `checkJson` gives the verdict without parsing `value` back. The text is made once per payload, outside the timed loop.");
lines.push("- **floor (object)** / **floor (text)**: the same crossing with a callee that returns at once (`__floor`): `JSON.stringify` + `encodeInto` + the call + `JSON.parse` for objects, `encodeInto` + the call for text. No verdict; the ceiling for the package's design.");
lines.push("- **checkInput alone (text in)**: the wasm call `checkJson` makes, on the wasm it makes it on (in Node the Node entry's validation wasm, in the page the browser entry's), with the text already in wasm memory: written once, checked 16 times, each check counted. The validator's own cost in wasm plus a bare call, to set beside the native column (the same validator compiled natively); on an invalid payload it includes writing the issue records, not building the issue objects.");
lines.push("- **JSON.parse + zod / valibot / ajv / handwritten**: the JS validators given the same text, which they must parse first.");
lines.push("- **zod / valibot / ajv / handwritten**: `bench/validators/*.mjs`, the same rules (strict objects, null, read-only keys, formats from the shared `formats.mjs`, enums, bounds, the cross-field rules with today's UTC date), issues normalised to `{ path, code }`. Zod/Valibot/Ajv issue codes are the libraries' own; handwritten uses the package's codes.");
lines.push("- Each timed payload: `valid` is the seed example of the operation; `invalid` has 3–4 violations, all reported (bench/cases.mjs).");
lines.push("- No timing assertion anywhere: `bash bench/run.sh --smoke` (CI) checks that the bench still runs and that the implementations still agree.");
lines.push("");
// The targets of the issue, which ones this run misses, and why: kept by hand in targets.md.
const targets = join(here, "targets.md");
if (existsSync(targets)) lines.push(readFileSync(targets, "utf8"));
writeFileSync(join(here, "RESULTS.md"), lines.join("\n"));
console.log(`\nwrote bench/RESULTS.md`);
