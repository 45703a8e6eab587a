// Compile time of .wasm files in a fresh Node process each: the file is read before t0, then
// `new WebAssembly.Module(bytes)` is timed. Files interleaved sample by sample. Prints median, first
// quartile and min in ms (session 8: the speed build against the "z" build of the validators wasm).
//   node bench/compile-wasm.mjs <a.wasm> <b.wasm> [...] [--n 40]
import { spawnSync } from "node:child_process";
const args = process.argv.slice(2);
const at = args.indexOf("--n");
const n = at < 0 ? 40 : Number(args.splice(at, 2)[1]);
const files = args;
if (files.length === 0) {
  console.error("usage: node bench/compile-wasm.mjs <a.wasm> [<b.wasm> ...] [--n 40]");
  process.exit(2);
}
const res = files.map(() => []);
for (let s = 0; s < n; s++) {
  for (let k = 0; k < files.length; k++) {
    const code = `const b = require("fs").readFileSync(${JSON.stringify(files[k])}); const t0 = performance.now(); new WebAssembly.Module(b); process.stdout.write(String(performance.now() - t0));`;
    const p = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
    if (p.status !== 0) throw new Error(p.stderr);
    res[k].push(Number(p.stdout));
  }
}
const q = (xs, f) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(f * (s.length - 1))]; };
for (let k = 0; k < files.length; k++) {
  console.log(`${files[k]}: median ${q(res[k], 0.5).toFixed(3)} ms, q1 ${q(res[k], 0.25).toFixed(3)}, min ${q(res[k], 0).toFixed(3)} (n=${n})`);
}
