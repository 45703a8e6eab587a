// Cold start A/B in Node: the child script of `node bench/run.mjs --cold` (a fresh `node` per
// sample, an empty module imported first, then `await import(entry)` + the first `validate` of
// the Access Bank seed, timed with performance.now() inside the child), run over two or more
// package builds, the builds interleaved sample by sample so the machine's load hits all alike.
//
//   node bench/ab-cold.mjs <dist A> <dist B> [...] [--n 20] [--entry node.js,validators-node.js] [--invalid]
//
// --by-name: each build imported by the package's name (`import("customer-update")`,
// "customer-update/validators"), as `bench/run.mjs --cold` does since session 11 and an app does:
// each <dist> needs its package.json one directory up (pkg/dist with pkg/package.json, or
// /tmp/x/dist with /tmp/x/package.json), linked as node_modules/customer-update of a directory the
// child runs in. Without it the child imports the entry's file URL (no name resolution: ~1.2 ms
// less, bench/targets.md "Session 11: cold start").
//
// --invalid: the first `validate` is of that operation's invalid bench case (3–4 issues rendered)
// instead of its valid seed: what a first refusal costs.
//
// --split: a second line per entry and build with the window cut in two, the import (`await
// import`) and the first `validate`, each as median and min of wall time and median of process
// CPU time: what a change moves from one to the other (compile work moved between a module's
// parse and a function's first call, bench/targets.md "Session 12: cold start").
//
// <dist>: a built package directory (pkg/dist, or CU_OUT=/tmp/x bash scripts/build-pkg.sh).
// Prints per entry and build the median, first quartile, min and max in ms, and the median of the
// process's CPU time over the same window.
import { spawnSync } from "node:child_process";
import { writeFileSync, mkdtempSync, rmSync, mkdirSync, symlinkSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bench } from "./cases.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const n = Number(opt("--n", "20"));
const invalid = args.includes("--invalid");
if (invalid) args.splice(args.indexOf("--invalid"), 1);
const byName = args.includes("--by-name");
if (byName) args.splice(args.indexOf("--by-name"), 1);
const split = args.includes("--split");
if (split) args.splice(args.indexOf("--split"), 1);
const NAMES = { "node.js": "customer-update", "validators-node.js": "customer-update/validators", "edge-node.js": "customer-update/edge" };
const entries = opt("--entry", "node.js,validators-node.js").split(",");
const dists = args.map((d) => resolve(d));
if (dists.length < 1) {
  console.error("usage: node bench/ab-cold.mjs <dist A> <dist B> [...] [--n 20] [--entry node.js,validators-node.js]");
  process.exit(2);
}

const op = Object.keys(bench)[0]; // as in run.mjs: the first operation's valid seed
const input = invalid ? bench[op].invalid : bench[op].valid;
const dir = mkdtempSync(join(tmpdir(), "ab-cold-"));
const warm = join(dir, "empty.mjs");
writeFileSync(warm, "export {};\n");
// --by-name: <tmp>/<k>/node_modules/customer-update → the package directory above <dist>.
const homes = dists.map((d, k) => {
  if (!byName) return undefined;
  if (!existsSync(join(d, "..", "package.json"))) throw new Error(`--by-name: no package.json beside ${d}`);
  const home = join(dir, String(k));
  mkdirSync(join(home, "node_modules"), { recursive: true });
  symlinkSync(resolve(d, ".."), join(home, "node_modules", "customer-update"));
  // The warm-up is then an empty package imported by name, as in run.mjs --cold: Node's first
  // bare-specifier resolution compiles its `exports` checks' regular expressions (~0.7 ms) once
  // per process, whatever package comes first.
  const empty = join(home, "node_modules", "cu-bench-empty");
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, "package.json"), JSON.stringify({ name: "cu-bench-empty", type: "module", exports: { ".": "./index.js" } }));
  writeFileSync(join(empty, "index.js"), "export {};\n");
  return home;
});
for (const e of entries) if (byName && !NAMES[e]) throw new Error(`--by-name: no package name for ${e}`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const times = new Map();
for (let s = 0; s < n; s++) {
  for (const entry of entries) {
    for (const [k, dist] of dists.entries()) {
      const spec = byName ? NAMES[entry] : pathToFileURL(join(dist, entry)).href;
      // cpu: the process's CPU time over the same window (process.cpuUsage: every thread, V8's
      // compile and GC threads too), less sensitive to a loaded machine than the wall clock. Nothing
      // else runs before t0: no fs call (it would warm the entry's own read of the .wasm). Only with
      // --split are the marks between the import and the call taken.
      const code = `await import(${JSON.stringify(byName ? "cu-bench-empty" : pathToFileURL(warm).href)});
const c0 = process.cpuUsage();
const t0 = performance.now();
const m = await import(${JSON.stringify(spec)});
${split ? "const ti = performance.now();\nconst ci = process.cpuUsage(c0);\n" : ""}const r = m.validate(${JSON.stringify(op)}, ${JSON.stringify(input)});
const t1 = performance.now();
const c1 = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ ms: t1 - t0, cpu: (c1.user + c1.system) / 1000, ${split ? "imp: ti - t0, impCpu: (ci.user + ci.system) / 1000, " : ""}ok: r.ok }));`;
      const p = spawnSync(process.execPath, ["--input-type=module", "-e", code], byName ? { cwd: homes[k], encoding: "utf8" } : { encoding: "utf8" });
      if (p.status !== 0) throw new Error(`${dist}/${entry}: ${p.stderr}`);
      const { ms, cpu, imp, impCpu, ok } = JSON.parse(p.stdout);
      if (ok === invalid) throw new Error(`${dist}/${entry}: the ${invalid ? "invalid case validated" : "seed example did not validate"}`);
      const key = `${entry}\t${dist}`;
      if (!times.has(key)) times.set(key, { ms: [], cpu: [], imp: [], impCpu: [], val: [], valCpu: [] });
      const t = times.get(key);
      t.ms.push(ms);
      t.cpu.push(cpu);
      t.imp.push(imp);
      t.impCpu.push(impCpu);
      t.val.push(ms - imp);
      t.valCpu.push(cpu - impCpu);
    }
  }
}
const f = (x) => x.toFixed(2);
for (const [key, { ms: xs, cpu, imp, impCpu, val, valCpu }] of times) {
  const [entry, dist] = key.split("\t");
  const q1 = [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 4)];
  console.log(`${entry.padEnd(20)} ${dist.padEnd(28)} median ${f(median(xs))} ms (q1 ${f(q1)}, min ${f(Math.min(...xs))}, max ${f(Math.max(...xs))}), process CPU median ${f(median(cpu))} ms, n=${xs.length}`);
  if (split) {
    console.log(`${"".padEnd(20)} ${"".padEnd(28)}   import ${f(median(imp))} (min ${f(Math.min(...imp))}, CPU ${f(median(impCpu))}), first validate ${f(median(val))} (min ${f(Math.min(...val))}, CPU ${f(median(valCpu))})`);
  }
}
rmSync(dir, { recursive: true, force: true });
