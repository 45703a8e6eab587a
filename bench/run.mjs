// Node: throughput (ops/s, median of rounds) per operation × {valid, invalid} × implementation,
// and cold start (a fresh `node` per sample: import + instantiate + first validate, timed with
// performance.now() inside the child, and its process CPU time; median of 30). Prints Markdown tables and writes
// bench/out/results/node-*.json (bench/out/smoke/ with --smoke) for report.mjs.
//   node bench/run.mjs [--smoke] [--throughput] [--cold]     (neither flag: both)
// The "native Rust" column appears when bench/out/results/native.json exists (run.sh writes it
// from `cargo bench --bench native -- --json` when bench/native.rs exists).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { loadavg } from "node:os";
import { IMPLS, FLOORS } from "./impls.mjs";
import { bench } from "./cases.mjs";
import { FULL, SMOKE, measureAll, median, fmtOps, markdownTable } from "./harness.mjs";
import { COLUMNS } from "./columns.mjs";

const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const doThroughput = args.includes("--throughput") || !args.includes("--cold");
const doCold = args.includes("--cold") || !args.includes("--throughput");
const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = fileURLToPath(new URL(smoke ? "./out/smoke/" : "./out/results/", import.meta.url));
mkdirSync(outDir, { recursive: true });

const ops = Object.keys(bench);
const benchOps = smoke ? ops.slice(0, 1) : ops;

// ---- native Rust (optional) ----

/**
 * Reads the native bench output leniently: the last JSON value in the text, either
 * { "<op>": { "valid": ops/s, "invalid": ops/s } } or [{ op, case|kind, ops_per_sec|opsPerSec }]
 * (optionally under a "results" key). Returns Map "op/kind" → ops/s, or null.
 */
export function readNative(file) {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, "utf8");
  let data = null;
  for (const line of text.split("\n").reverse()) {
    const t = line.trim();
    if (!t.startsWith("{") && !t.startsWith("[")) continue;
    try { data = JSON.parse(t); break; } catch { /* not this line */ }
  }
  if (data === null) try { data = JSON.parse(text); } catch { return null; }
  if (data && !Array.isArray(data) && data.results) data = data.results;
  const map = new Map();
  if (Array.isArray(data)) {
    for (const r of data) {
      const v = r.ops_per_sec ?? r.opsPerSec ?? r.ops;
      if (r.op && (r.case ?? r.kind) && typeof v === "number") map.set(`${r.op}/${r.case ?? r.kind}`, v);
    }
  } else if (data && typeof data === "object") {
    for (const [op, kinds] of Object.entries(data)) for (const [kind, v] of Object.entries(kinds ?? {})) if (typeof v === "number") map.set(`${op}/${kind}`, v);
  }
  return map.size ? map : null;
}

// ---- throughput ----

function throughput() {
  const cfg = smoke ? SMOKE : FULL;
  const cells = [];
  for (const op of benchOps) {
    for (const kind of ["valid", "invalid"]) {
      const input = bench[op][kind];
      // every implementation of the cell in interleaved rounds (harness.mjs measureAll)
      const results = measureAll(IMPLS, op, input, cfg);
      for (const impl of Object.keys(IMPLS)) {
        const r = results[impl];
        const expectOk = kind === "valid";
        if (!FLOORS.has(impl) && (r.sink > 0) !== expectOk) throw new Error(`${impl} ${op}/${kind}: verdict changed during the run`);
        cells.push({ op, kind, impl, opsPerSec: r.opsPerSec, samples: r.samples, batch: r.batch });
      }
      if (!smoke) process.stderr.write(".");
    }
  }
  if (!smoke) process.stderr.write("\n");
  const native = readNative(`${outDir}native.json`);
  const header = ["operation / payload", ...Object.values(COLUMNS), ...(native ? ["native Rust"] : [])];
  const rows = [];
  for (const op of benchOps) {
    for (const kind of ["valid", "invalid"]) {
      const row = [`${op} / ${kind}`];
      for (const impl of Object.keys(IMPLS)) row.push(fmtOps(cells.find((c) => c.op === op && c.kind === kind && c.impl === impl)?.opsPerSec));
      if (native) row.push(fmtOps(native.get(`${op}/${kind}`)));
      rows.push(row);
    }
  }
  const table = markdownTable(header, rows);
  const result = { runtime: `Node ${process.version}`, config: cfg, columns: COLUMNS, native: native ? Object.fromEntries(native) : null, cells, table };
  writeFileSync(`${outDir}node-throughput.json`, JSON.stringify(result, null, 1));
  console.log(`\n### Throughput in Node ${process.version} (ops/s, median of ${cfg.rounds} rounds; higher is better)\n`);
  console.log(table);
  if (!native) console.log(`\nnative Rust: ${!existsSync(new URL("./native.rs", import.meta.url)) ? "bench/native.rs not present" : smoke ? "not run in smoke mode" : "no results (see run.sh)"}`);
}

// ---- cold start ----

const SPECIFIERS = {
  // By name, as an app imports the package: the child runs in bench/, so the name resolves to the
  // package this bench imports (run.sh's snapshot through bench/node_modules, else the checkout's
  // pkg). Resolving the name (Node's package resolution, the package.json's exports) is part of an
  // app's import, and the other columns pay it for their libraries (zod.mjs imports "zod", ...).
  // Until session 11 the entry's file URL was resolved here and imported by the child, which left
  // out ~1.2 ms (bench/targets.md, "Session 11: cold start").
  "customer-update": "customer-update",
  "customer-update/validators": "customer-update/validators",
  zod: pathToFileURL(`${root}bench/validators/zod.mjs`).href,
  valibot: pathToFileURL(`${root}bench/validators/valibot.mjs`).href,
  ajv: pathToFileURL(`${root}bench/validators/ajv.mjs`).href,
  handwritten: pathToFileURL(`${root}bench/validators/handwritten.mjs`).href,
};

function coldStart() {
  // 30 samples (10 until session 11): under a shared machine's load the median of 10 moved by half
  // its value between consecutive windows of the same run (7.7–14.7 ms for one build, load ~13;
  // bench/targets.md, "Session 11: cold start"), while the method agreed with ab-cold.mjs's.
  const samples = smoke ? 1 : 30;
  const op = ops[0];
  const input = bench[op].valid;
  const times = Object.fromEntries(Object.keys(SPECIFIERS).map((k) => [k, []]));
  const cpus = Object.fromEntries(Object.keys(SPECIFIERS).map((k) => [k, []]));
  // An `-e` script sets up Node's ESM loader on its first import() (~4 ms, ~16 internal modules),
  // which a real `node app.mjs` has done before its first line runs. An empty module imported
  // before t0 pays that outside the timed region, for every column alike. The empty module is a
  // package imported by name (`exports` and all): Node's first bare-specifier resolution in a
  // process also compiles the regular expressions of its `exports` checks (~0.7 ms, whatever
  // package comes first; bench/targets.md, "Session 11: cold start"), a set-up cost of Node's
  // like the loader's. The package's own lookup by name stays in the timed region.
  const warmHome = join(root, "bench", "node_modules", "cu-bench-empty");
  mkdirSync(warmHome, { recursive: true });
  writeFileSync(join(warmHome, "package.json"), JSON.stringify({ name: "cu-bench-empty", type: "module", exports: { ".": "./index.js" } }));
  writeFileSync(join(warmHome, "index.js"), "export {};\n");
  const load = [loadavg()[0]];
  const entryOf = (name) => spawnSync(process.execPath, ["--input-type=module", "-e", `process.stdout.write(import.meta.resolve(${JSON.stringify(name)}))`], { cwd: join(root, "bench"), encoding: "utf8" }).stdout;
  const resolved = { "customer-update": entryOf("customer-update"), "customer-update/validators": entryOf("customer-update/validators") };
  for (let s = 0; s < samples; s++) {
    for (const [impl, spec] of Object.entries(SPECIFIERS)) { // interleaved, so drift hits all alike
      // cpu: the process's CPU time over the same window (every thread: V8's compile jobs and GC,
      // libuv's pool), which a loaded machine's waits do not inflate as they do the wall clock.
      const code = `await import("cu-bench-empty");
const c0 = process.cpuUsage();
const t0 = performance.now();
const m = await import(${JSON.stringify(spec)});
const r = m.validate(${JSON.stringify(op)}, ${JSON.stringify(input)});
const t1 = performance.now();
const c1 = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ ms: t1 - t0, cpu: (c1.user + c1.system) / 1000, ok: r.ok }));`;
      const p = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: join(root, "bench"), encoding: "utf8" });
      if (p.status !== 0) throw new Error(`cold start ${impl}: ${p.stderr}`);
      const { ms, cpu, ok } = JSON.parse(p.stdout);
      if (!ok) throw new Error(`cold start ${impl}: the seed example did not validate`);
      times[impl].push(ms);
      cpus[impl].push(cpu);
    }
  }
  load.push(loadavg()[0]);
  const fmt = (xs) => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
  const header = ["runtime", ...Object.keys(SPECIFIERS).map((k) => COLUMNS[k] ?? k)];
  const row = [`Node ${process.version}`, ...Object.keys(SPECIFIERS).map((k) => fmt(times[k]))];
  const cpuRow = [`Node ${process.version}, process CPU`, ...Object.keys(SPECIFIERS).map((k) => median(cpus[k]).toFixed(1))];
  const result = { runtime: `Node ${process.version}`, op, samples, resolved, times, cpus, load, row, cpuRow, header };
  writeFileSync(`${outDir}node-cold.json`, JSON.stringify(result, null, 1));
  console.log(`\n### Cold start in Node (ms: import by name + instantiate + first validate of ${op}, after an empty package imported by name; median (min–max) of ${samples} fresh processes; load average ${load[0].toFixed(2)} → ${load[1].toFixed(2)})\n`);
  console.log(markdownTable(header, [row, cpuRow]));
  console.log(`\n(the package imported by name: ${Object.entries(resolved).map(([k, v]) => `${k} → ${v}`).join(", ")})`);
}

if (doThroughput) throughput();
if (doCold) coldStart();
