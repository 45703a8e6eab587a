// A/B of two package builds' workerd default entry (dist/workerd.js) in real workerd: each build's
// entry bundled by esbuild as wrangler does (conditions workerd,worker, .wasm external, each imported
// .wasm declared as a module), one workerd per build; GET /?op=…&n=… runs `checkJson` n times on the
// bench's valid payload inside the worker, timed from outside over HTTP (workerd's clocks do not
// advance while a request runs), A and B interleaved, 9 rounds; median ops/s and B/A per payload.
//   node bench/ab-workerd.mjs <dist A> <dist B> [--n 20000] [--entry workerd.js]
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bench } from "./cases.mjs";

const args = process.argv.slice(2);
const opt = (name, d) => { const i = args.indexOf(name); if (i < 0) return d; const v = args[i + 1]; args.splice(i, 2); return v; };
const n = Number(opt("--n", "20000"));
const entry = opt("--entry", "workerd.js");
const dists = args.map((d) => resolve(d));
if (dists.length !== 2) {
  console.error("usage: node bench/ab-workerd.mjs <dist A> <dist B> [--n 20000] [--entry workerd.js]");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
const tmp = mkdtempSync(join(tmpdir(), "ab-workerd-"));
const payloads = Object.fromEntries(Object.entries(bench).map(([op, p]) => [op, JSON.stringify(p.valid)]));

function prepare(dist, k) {
  const dir = join(tmp, String(k));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "worker.mjs"), `import { checkJson } from ${JSON.stringify(join(dist, entry))};
const P = ${JSON.stringify(payloads)};
export default {
  async fetch(request) {
    const u = new URL(request.url);
    const op = u.searchParams.get("op");
    const count = Number(u.searchParams.get("n"));
    const text = P[op];
    let ok = 0;
    for (let i = 0; i < count; i++) if (checkJson(op, text).ok) ok++;
    return new Response(String(ok));
  },
};\n`);
  const b = spawnSync(bin("esbuild"), [join(dir, "worker.mjs"), "--bundle", "--format=esm", "--platform=neutral", "--conditions=workerd,worker",
    "--external:*.wasm", `--outfile=${join(dir, "worker.js")}`, "--log-level=warning"], { encoding: "utf8" });
  if (b.status !== 0) throw new Error(b.stderr);
  const wasms = [...readFileSync(join(dir, "worker.js"), "utf8").matchAll(/from "\.\/([^"]+\.wasm)"/g)].map((m) => m[1]);
  for (const w of wasms) {
    mkdirSync(dirname(join(dir, w)), { recursive: true });
    copyFileSync(join(dist, w), join(dir, w));
  }
  writeFileSync(join(dir, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
${wasms.map((w) => `    (name = "${w}", wasm = embed "${w}"),`).join("\n")}
  ],
  compatibilityDate = "2025-09-01",
);\n`);
  return { dir, wasms };
}

async function start({ dir }) {
  const control = join(dir, "control.txt");
  writeFileSync(control, "");
  const p = spawn(bin("workerd"), ["serve", join(dir, "config.capnp"), "--control-fd", "3"], { stdio: ["ignore", "inherit", "inherit", openSync(control, "w")] });
  for (let i = 0; i < 300; i++) {
    const line = readFileSync(control, "utf8").split("\n").find((l) => l.includes('"listen"'));
    if (line) return { p, port: JSON.parse(line).port };
    await new Promise((r) => setTimeout(r, 100));
  }
  p.kill();
  throw new Error(`workerd did not start on ${dir}/config.capnp`);
}

const builds = dists.map(prepare);
const servers = [];
try {
  for (const b of builds) servers.push(await start(b));
  builds.forEach((b, k) => console.log(`${"AB"[k]} = ${dists[k]}/${entry}; .wasm modules: ${b.wasms.join(", ")}`));
  const time = async ({ port }, op) => {
    const t0 = performance.now();
    const r = await (await fetch(`http://127.0.0.1:${port}/?op=${op}&n=${n}`)).text();
    const dt = performance.now() - t0;
    if (Number(r) !== n) throw new Error(`${op}: ${r}`);
    return n / (dt / 1000);
  };
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  for (const op of Object.keys(payloads)) {
    for (let w = 0; w < 2; w++) for (const s of servers) await time(s, op);
    const ra = [], rb = [];
    for (let r = 0; r < 9; r++) { ra.push(await time(servers[0], op)); rb.push(await time(servers[1], op)); }
    console.log(`${op}: A ${med(ra).toFixed(0)} B ${med(rb).toFixed(0)} ops/s, B/A ${(med(rb) / med(ra)).toFixed(2)}`);
  }
} finally {
  for (const s of servers) s.p.kill();
  rmSync(tmp, { recursive: true, force: true });
}
