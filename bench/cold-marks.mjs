// Cold start by phase in Node: a copy of each build's Node entry with performance marks inserted
// (module body start, end of its top-level code before the .wasm is read, read, compiled,
// instantiated, end of the module), then, as in `node bench/ab-cold.mjs`, a fresh `node` per sample:
// an empty module imported, `await import(entry)`, the first `validate` of the Access Bank seed.
// The builds are interleaved sample by sample. Prints each phase's median and min in ms.
//
//   node bench/cold-marks.mjs <dist A> [<dist B> ...] [--n 20] [--entry validators-node.js] [--coarse]
//
// Phases whose marks cannot be placed (a minified bundle) show as "-"; `--coarse` marks only the
// module's start and end ("top->end": its top-level code with reading, compiling and instantiating
// the wasm), which places in a minified bundle too (session 8). "t0->top" is Node's
// loader (resolve, read, compile and link the module); "imported->validated" the first validate.
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
const args = process.argv.slice(2);
const opt = (name, d) => { const i = args.indexOf(name); if (i < 0) return d; const v = args[i + 1]; args.splice(i, 2); return v; };
const n = Number(opt("--n", "20"));
const entry = opt("--entry", "validators-node.js");
const coarse = args.includes("--coarse") ? (args.splice(args.indexOf("--coarse"), 1), true) : false;
const dists = args.map((d) => resolve(d));
const tmp = mkdtempSync(join(tmpdir(), "marks-"));
const copies = dists.map((d, k) => {
  const c = join(tmp, String(k), "dist");
  cpSync(d, c, { recursive: true });
  const pj = join(d, "..", "package.json");
  if (existsSync(pj)) cpSync(pj, join(tmp, String(k), "package.json"));
  const f = join(c, entry);
  let s = readFileSync(f, "utf8");
  const M = (name) => `globalThis.__m.push([${JSON.stringify(name)}, performance.now()]);`;
  s = M("top") + "\n" + s;
  if (coarse) {
    // The module body as one phase: "end" before the module's last export statement (a minified
    // bundle's `export{…}` too).
    const at = s.search(/export ?\{[^}]*\};?\s*(\/\/# sourceMappingURL=\S*\s*)?$/);
    if (at < 0) throw new Error(`${f}: no final export statement to mark`);
    s = s.slice(0, at) + `;\n${M("end")}\n` + s.slice(at);
    writeFileSync(f, s);
    return c;
  }
  s = s.replace(/\n(initSync\(\{ module: Buffer|var \{ openSync[^}]*\}|var \{ readFileSync \}|const \{ readFileSync \}|const readFileSync|var readFileSync)/, `\n${M("toplevel")}\n$1`);
  s = s.replace("module = new WebAssembly.Module(module);", `${M("read")} module = new WebAssembly.Module(module); ${M("compile")}`);
  s = s.replace("const instance = new WebAssembly.Instance(module, imports);", `const instance = new WebAssembly.Instance(module, imports); ${M("instantiate")}`);
  // The hand-written validators glue (session 9): one statement compiles and instantiates.
  s = s.replace(
    "return ready(new WebAssembly.Instance(module instanceof WebAssembly.Module ? module : new WebAssembly.Module(module), imports));",
    `${M("read")} const compiled = module instanceof WebAssembly.Module ? module : new WebAssembly.Module(module); ${M("compile")} const instance = new WebAssembly.Instance(compiled, imports); ${M("instantiate")} return ready(instance);`,
  );
  s = s.replace(/\nexport \{/, `\n${M("end")}\nexport {`);
  writeFileSync(f, s);
  return c;
});
const warm = join(tmp, "empty.mjs");
writeFileSync(warm, "export {};\n");
const { bench } = await import("./cases.mjs");
const op = Object.keys(bench)[0];
const input = bench[op].valid;
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const res = dists.map(() => new Map());
for (let s = 0; s < n; s++) {
  for (let k = 0; k < copies.length; k++) {
    const spec = pathToFileURL(join(copies[k], entry)).href;
    const code = `await import(${JSON.stringify(pathToFileURL(warm).href)});
globalThis.__m = [];
const t0 = performance.now();
const m = await import(${JSON.stringify(spec)});
const t1 = performance.now();
const r = m.validate(${JSON.stringify(op)}, ${JSON.stringify(input)});
const t2 = performance.now();
const out = [["t0", t0], ...globalThis.__m, ["imported", t1], ["validated", t2]];
process.stdout.write(JSON.stringify({ out, ok: r.ok }));`;
    const p = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
    if (p.status !== 0) throw new Error(p.stderr);
    const { out, ok } = JSON.parse(p.stdout);
    if (!ok) throw new Error("not ok");
    for (let i = 1; i < out.length; i++) {
      const key = `${out[i - 1][0]}->${out[i][0]}`;
      if (!res[k].has(key)) res[k].set(key, []);
      res[k].get(key).push(out[i][1] - out[i - 1][1]);
    }
    const tot = "TOTAL";
    if (!res[k].has(tot)) res[k].set(tot, []);
    res[k].get(tot).push(out.at(-1)[1] - out[0][1]);
  }
}
const keys = [...res[0].keys()];
console.log("phase".padEnd(24) + dists.map((d) => d.slice(-28).padStart(30)).join(""));
for (const key of keys) {
  console.log(key.padEnd(24) + res.map((r) => { const xs = r.get(key) ?? []; return (xs.length ? `${med(xs).toFixed(2)} (min ${Math.min(...xs).toFixed(2)})` : "-").padStart(30); }).join(""));
}
rmSync(tmp, { recursive: true, force: true });
