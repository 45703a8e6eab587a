// Cold start in Deno: a fresh `deno eval` per sample imports an empty module, then times `await
// import(<dist>/deno.js)` (or another entry) + the first `validate` of a Gathr input. Builds are
// interleaved sample by sample; prints median, first quartile and min in ms (session 8).
//   node bench/deno-cold.mjs <dist A> [<dist B> ...] [--n 20] [--entry deno.js]
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
const args = process.argv.slice(2);
const opt = (name, d) => { const i = args.indexOf(name); if (i < 0) return d; const v = args[i + 1]; args.splice(i, 2); return v; };
const n = Number(opt("--n", "20"));
const entry = opt("--entry", "deno.js");
const dists = args.map((d) => resolve(d));
if (dists.length === 0) {
  console.error("usage: node bench/deno-cold.mjs <dist A> [<dist B> ...] [--n 20] [--entry deno.js]");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const deno = `${root}node_modules/.bin/deno`;
const res = dists.map(() => []);
for (let s = 0; s < n; s++) {
  for (let k = 0; k < dists.length; k++) {
    const spec = pathToFileURL(`${dists[k]}/${entry}`).href;
    const code = `await import("data:text/javascript,export {}");
const t0 = performance.now();
const m = await import(${JSON.stringify(spec)});
const r = m.validate("gathr.updateCustomer", { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", first_name: "Chris" });
const t1 = performance.now();
if (!r.ok) throw new Error("not valid");
console.log(t1 - t0);`;
    const p = spawnSync(deno, ["eval", "--no-remote", code], { encoding: "utf8", env: { ...process.env, DENO_DIR: `${root}.deno-dir`, DENO_NO_UPDATE_CHECK: "1" } });
    if (p.status !== 0) throw new Error(p.stderr);
    res[k].push(Number(p.stdout));
  }
}
const q = (xs, f) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(f * (s.length - 1))]; };
dists.forEach((d, k) => console.log(`${entry} ${d}: median ${q(res[k], 0.5).toFixed(2)} ms, q1 ${q(res[k], 0.25).toFixed(2)}, min ${q(res[k], 0).toFixed(2)} (n=${n})`));
