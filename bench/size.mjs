// Sizes, raw and gzip -9: the package's browser payload as shipped in pkg/dist (wasm + wasm-bindgen
// glue + api.js + browser entry), the same bundled and minified by esbuild, the
// `customer-update/validators` entry the same way, and each JS validator bundled with its library
// (esbuild --bundle --minify --format=esm) for the same nine schemas.
//   node bench/size.mjs [--smoke]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { markdownTable } from "./harness.mjs";

const smoke = process.argv.includes("--smoke");
const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(here, smoke ? "out/smoke" : "out/results");
const bundles = join(here, "out/size");
mkdirSync(outDir, { recursive: true });
mkdirSync(bundles, { recursive: true });

const gzip9 = (buf) => execFileSync("gzip", ["-9", "-c"], { input: buf, maxBuffer: 1 << 28 }).length;
const measureFiles = (files) => {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = readFileSync(f);
    raw += b.length;
    gz += gzip9(b);
  }
  return { raw, gz };
};
const fmt = (n) => n.toLocaleString("en-US");
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

const rows = [];
const results = [];
function add(name, files, note = "") {
  const { raw, gz } = measureFiles(files);
  results.push({ name, files: files.map((f) => f.replace(here, "bench/").replace(root, "")), raw, gzip: gz, note });
  rows.push([name, `${fmt(raw)} (${kib(raw)})`, `${fmt(gz)} (${kib(gz)})`, note]);
}

/** The files a browser loads from a package build directory (pkg/dist layout). */
// issues.js and messages.js (the issue records' decoder and the generated message table) since the
// messages are built in JS; absent from older builds.
const shipped = (dir) =>
  ["wasm/customer_update_bg.wasm", "wasm/customer_update.js", "api.js", "issues.js", "messages.js", "text-write.js", "contact.js", "countries.js", "describe.js", "forms.js", "form-fields.js", "browser.js"].map((f) => join(dir, f)).filter(existsSync);

async function bundle(name, contents, resolveDir = here) {
  const outfile = join(bundles, `${name}.js`);
  await esbuild.build({
    stdin: { contents, resolveDir, sourcefile: `${name}.mjs` },
    bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", outfile, logLevel: "warning", absWorkingDir: root,
  });
  return outfile;
}

// ---- the package ----
// the package this bench imports (run.sh's snapshot of pkg/dist via bench/node_modules, else pkg/dist)
const dist = join(dirname(fileURLToPath(import.meta.resolve("customer-update/package.json"))), "dist");
add("customer-update: pkg/dist wasm + glue + api.js + forms.js + form-fields.js + browser.js", shipped(dist), "as shipped (unminified glue)");
for (const f of shipped(dist)) add(`  ${f.replace(dist + "/", "")}`, [f]);
const pkgBundle = await bundle("customer-update", 'export { validate } from "customer-update";');
add("customer-update: esbuild bundle (validate) + wasm", [pkgBundle, join(dist, "wasm/customer_update_bg.wasm")], "minified JS; the wasm is fetched next to it");

// The `customer-update/validators` entry: the validators-only wasm the package ships beside the
// full one (dist/validators/), as a form app that imports only validation gets it.
const vo = join(dist, "validators");
let validatorsOnly = "validators entry: not built";
if (existsSync(join(vo, "wasm/customer_update_bg.wasm"))) {
  const voShipped = [join(vo, "wasm/customer_update_bg.wasm"), join(vo, "wasm/customer_update.js"), join(dist, "validators-browser-api.js"), join(dist, "validators-browser-issues.js"), join(dist, "validators-browser-speed.js"), join(dist, "messages.js"), join(dist, "text-write.js"), join(dist, "contact.js"), join(dist, "countries.js"), join(dist, "describe.js"), join(dist, "forms.js"), join(dist, "form-fields.js"), join(dist, "validators-browser.js")];
  add("customer-update/validators: wasm + glue + api + forms + browser entry", voShipped.filter(existsSync), "dist/validators, as shipped");
  add("  validators/wasm/customer_update_bg.wasm", [join(vo, "wasm/customer_update_bg.wasm")]);
  const voBundle = await bundle("customer-update-validators", 'export { validate } from "customer-update/validators";');
  add("customer-update/validators: esbuild bundle (validate) + wasm", [voBundle, join(vo, "wasm/customer_update_bg.wasm")], "minified JS");
  // The same wasm built for speed (opt-level 3), which the Node entries and the Deno and workerd
  // validators entries read: no browser downloads it, so no size target counts it.
  const speed = join(vo, "wasm/customer_update_speed_bg.wasm");
  if (existsSync(speed)) add("  validators/wasm/customer_update_speed_bg.wasm", [speed], "Node, Deno, workerd only (speed build)");
  validatorsOnly = null;
}

// ---- the JS validators with their libraries ----
for (const lib of ["zod", "valibot", "ajv", "handwritten"]) {
  const file = await bundle(lib, `export { validate } from "./validators/${lib}.mjs";`);
  add(`${lib}: esbuild bundle of bench/validators/${lib}.mjs`, [file], lib === "handwritten" ? "no library" : "library + the nine schemas + formats.mjs");
}
const formatsOnly = await bundle("formats", 'export * from "./validators/formats.mjs";');
add("  of which formats.mjs (shared)", [formatsOnly], "in every JS bundle");

const table = markdownTable(["artifact", "raw bytes", "gzip -9 bytes", "note"], rows, ["---", "---:", "---:", "---"]);
writeFileSync(join(outDir, "size.json"), JSON.stringify({ results, validatorsOnly, table }, null, 1));
console.log("\n### Size (raw and gzip -9)\n");
console.log(table);
if (validatorsOnly) console.log(`\n${validatorsOnly}`);
