// Shortens the names of a wasm-bindgen module's imports, in the wasm and in its glue together:
//   node scripts/minify-imports.mjs <dir>/customer_update_bg.wasm <dir>/customer_update.js
// wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` (or `__wbindgen_…`) under the
// module "./customer_update_bg.js": the wasm's import section spells each out once, and the glue
// (`__wbg_get_imports`) once more as a key, and neither text compresses well (the hashes). Here
// the module becomes "a" and each import a short key ("a", "b", …, "ba", …), in both files.
// The exports only the glue calls (wasm-bindgen's closure invokes, allocator, externref table)
// are shortened too (below), and since session 17 the API's exports as well, which only the
// glue's JS functions call. Nothing else in the glue refers to the import names; the script
// checks that each import is a key of `import0` exactly once and that every key is an import, and
// fails otherwise (so a wasm-bindgen update that changes the glue's layout stops the build instead
// of breaking it).
import { readFileSync, writeFileSync } from "node:fs";
import { uleb, writeUleb } from "./wasm-leb.mjs";

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error("usage: node scripts/minify-imports.mjs <module.wasm> <glue.js>");
  process.exit(2);
}
const fail = (why) => {
  console.error(`minify-imports: ${why}`);
  process.exit(1);
};

const wasm = readFileSync(wasmPath);
const MODULE = "./customer_update_bg.js";

const bytesOf = (n) => Buffer.from(writeUleb(n));
const name = (s) => Buffer.concat([bytesOf(Buffer.byteLength(s)), Buffer.from(s)]);

// Short keys: one letter, then two (letters and digits after the first), never a JS keyword.
function* keys() {
  const first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const rest = first + "0123456789";
  for (const a of first) yield a;
  for (const a of first) for (const b of rest) if (!["do", "if", "in"].includes(a + b)) yield a + b;
  fail("more imports than two-character keys");
}

// The export section with wasm-bindgen's closure-invoke exports
// (`wasm_bindgen__convert__closures_____invoke__h<16 hex digits>`, which only the glue calls) named
// `i0`, `i1`, …: the hashes compress no better than the import names' (-46 B gzip -9 of
// the default entry's esbuild bundle; bench/targets.md, "Session 16: the full entry's JS"). And
// the allocator and externref exports only the glue calls (`wasm.<name>`), shorter too (-34 B
// there). Not renamed: `__wbindgen_externrefs` (tests read the table) and the memory. (The
// API's exports, `__wbg_client_free` and `__wbindgen_start` among them: below.)
const INVOKE = /^wasm_bindgen__convert__closures_____invoke__h[0-9a-f]+$/;
// (One letter each, like the imports' keys: descriptive names, `malloc` and so on, kept 25 B of
// the 34 in the bundle.)
const SHORT = new Map([
  ["__wbindgen_malloc", "m"],
  ["__wbindgen_realloc", "r"],
  ["__wbindgen_free", "f"],
  ["__wbindgen_exn_store", "e"],
  ["__externref_table_alloc", "a"],
  ["__externref_table_dealloc", "d"],
  ["__wbindgen_destroy_closure", "c"],
]);
// The API's exports too (session 17): every other function export, read by the glue only as
// `wasm.<name>(…)` from its JS function of the same name (which keeps its name: the package's
// modules call those), named "A", "B", … in the export section, the glue's calls and the two
// .d.ts files; each checked like the ones above (`__wbg_client_free` and `__wbindgen_start` as
// well: scripts/shake-glue.mjs, which runs after this, finds the client's free by its call). Kept:
// the memory and the externref table (not functions). And the two globals wasm-bindgen's
// linker exports for its abort handling (`__abort_handler`, `__instance_terminated`), which this
// glue does not read (checked), dropped from the export section (the globals stay; the code reads
// them without the exports). Measured, gzip -9 of the full wasm: the names -129 B (92,458 ->
// 92,329), the two globals -53 B more (-> 92,276); Vite package JS -16 B (bench/targets.md,
// "Session 17: the full entry's JS").
const DROP = new Set(["__abort_handler", "__instance_terminated"]);
const gluePeek = readFileSync(gluePath, "utf8");
for (const n of DROP) if (gluePeek.includes(n)) fail(`${gluePath} reads ${n}: not dropped`);
const apiShort = (() => {
  let i = 0;
  return () => {
    const n = i++;
    return n < 26 ? String.fromCharCode(65 + n) : `${String.fromCharCode(65 + Math.floor(n / 26) - 1)}${String.fromCharCode(65 + (n % 26))}`;
  };
})();
const api = new Map();
const dropped = [];
const invokes = new Map();
const shortened = new Map();
function withShortInvokes(body, end) {
  let p = body;
  let count;
  [count, p] = uleb(wasm, p);
  const entries = [];
  for (let i = 0; i < count; i++) {
    let len;
    [len, p] = uleb(wasm, p);
    const field = wasm.toString("utf8", p, p + len);
    p += len;
    const descStart = p;
    const kind = wasm[p++];
    [, p] = uleb(wasm, p); // index
    let short = field;
    if (INVOKE.test(field)) invokes.set(field, (short = `i${invokes.size}`));
    else if (SHORT.has(field)) shortened.set(field, (short = SHORT.get(field)));
    else if (DROP.has(field)) {
      if (kind !== 3) fail(`export ${field} is not a global`);
      dropped.push(field);
      continue;
    } else if (kind === 0) api.set(field, (short = apiShort()));
    entries.push(name(short), wasm.subarray(descStart, p));
  }
  if (p !== end) fail("the export section has bytes after its entries");
  const section = Buffer.concat([bytesOf(entries.length / 2), ...entries]);
  return [bytesOf(section.length), section];
}

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);
let at = 8;
const parts = [wasm.subarray(0, 8)];
const renamed = new Map();
while (at < wasm.length) {
  const id = wasm[at];
  const [size, body] = uleb(wasm, at + 1);
  const end = body + size;
  if (id === 7) {
    parts.push(Buffer.from([7]), ...withShortInvokes(body, end));
    at = end;
    continue;
  }
  if (id !== 2) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  // The import section: count, then (module, field, kind, description) per import.
  let p = body;
  let count;
  [count, p] = uleb(wasm, p);
  const gen = keys();
  const entries = [bytesOf(count)];
  for (let i = 0; i < count; i++) {
    let len;
    [len, p] = uleb(wasm, p);
    const module = wasm.toString("utf8", p, p + len);
    p += len;
    [len, p] = uleb(wasm, p);
    const field = wasm.toString("utf8", p, p + len);
    p += len;
    const descStart = p;
    const kind = wasm[p++];
    if (kind === 0) [, p] = uleb(wasm, p); // function: type index
    else if (kind === 1) { p++; const flags = wasm[p++]; [, p] = uleb(wasm, p); if (flags & 1) [, p] = uleb(wasm, p); } // table
    else if (kind === 2) { const flags = wasm[p++]; [, p] = uleb(wasm, p); if (flags & 1) [, p] = uleb(wasm, p); } // memory
    else if (kind === 3) p += 2; // global: type, mutability
    else fail(`import ${module}.${field} has an unknown kind ${kind}`);
    if (module !== MODULE) fail(`import ${module}.${field} is not from ${MODULE}`);
    if (renamed.has(field)) fail(`import ${field} twice`);
    const short = gen.next().value;
    renamed.set(field, short);
    entries.push(name("a"), name(short), wasm.subarray(descStart, p));
  }
  if (p !== end) fail("the import section has bytes after its entries");
  const section = Buffer.concat(entries);
  parts.push(Buffer.from([2]), bytesOf(section.length), section);
  at = end;
}
if (renamed.size === 0) fail(`${wasmPath} has no imports`);

// The glue: `const import0 = { __proto__: null, <key>: function(…) {…}, … };` then
// `return { __proto__: null, "./customer_update_bg.js": import0 };`.
let glue = readFileSync(gluePath, "utf8");
const start = glue.indexOf("    const import0 = {\n");
const close = glue.indexOf(`        "${MODULE}": import0,\n`);
if (start < 0 || close < start) fail(`${gluePath}: no import0 object or module key where expected`);
let block = glue.slice(start, close);
const seen = new Set();
block = block.replace(/^        ([A-Za-z_$][\w$]*): /gm, (whole, key) => {
  if (key === "__proto__") return whole;
  const short = renamed.get(key);
  if (short === undefined) fail(`${gluePath}: import0 has a key ${key} the wasm does not import`);
  if (seen.has(key)) fail(`${gluePath}: import0 has the key ${key} twice`);
  seen.add(key);
  return `        ${short}: `;
});
for (const key of renamed.keys()) if (!seen.has(key)) fail(`${gluePath}: the wasm imports ${key}, which import0 does not define`);
glue = glue.slice(0, start) + block + glue.slice(close).replace(`"${MODULE}": import0,`, `"a": import0,`);
// The invoke exports, each called once by the glue as `wasm.<name>(` from a JS function of the same
// name (renamed too), and declared in the two .d.ts files wasm-bindgen writes beside it (kept true).
const dts = [gluePath.replace(/\.js$/, ".d.ts"), wasmPath.replace(/\.wasm$/, ".wasm.d.ts")];
const texts = dts.map((path) => readFileSync(path, "utf8"));
for (const [long, short] of invokes) {
  if (glue.split(`wasm.${long}(`).length !== 2) fail(`${gluePath}: not one call wasm.${long}(…)`);
  if (new RegExp(`\\b${short}\\b`).test(glue) || texts.some((t) => new RegExp(`\\b${short}:`).test(t))) fail(`${gluePath}: ${short} is taken`);
  glue = glue.replaceAll(long, short);
  texts.forEach((t, i) => {
    if (t.split(`readonly ${long}:`).length + t.split(`export const ${long}:`).length !== 3) fail(`${dts[i]}: not one declaration of ${long}`);
    texts[i] = t.replaceAll(long, short);
  });
}
if (/closures_____invoke/.test(glue)) fail(`${gluePath}: a closure invoke export the wasm does not have`);
const exportNames = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
for (const [long, short] of shortened) {
  const calls = glue.split(`wasm.${long}`).length - 1;
  if (calls === 0 || glue.split(long).length - 1 !== calls) fail(`${gluePath}: ${long} is not only read as wasm.${long}`);
  if (new RegExp(`wasm\\.${short}\\b`).test(glue) || exportNames.includes(short)) fail(`${gluePath}: ${short} is taken`);
  glue = glue.replaceAll(`wasm.${long}`, `wasm.${short}`);
  texts.forEach((t, i) => {
    if (t.split(`readonly ${long}:`).length + t.split(`export const ${long}:`).length !== 3) fail(`${dts[i]}: not one declaration of ${long}`);
    texts[i] = t.replace(`readonly ${long}:`, `readonly ${short}:`).replace(`export const ${long}:`, `export const ${short}:`);
  });
}
for (const [long, short] of api) {
  const calls = glue.split(`wasm.${long}(`).length - 1;
  if (calls === 0 || (glue.match(new RegExp(`wasm\\.${long}\\b`, "g")) ?? []).length !== calls) fail(`${gluePath}: ${long} is not only called as wasm.${long}(…)`);
  if (new RegExp(`["']${long}["']`).test(glue) || /\bwasm\[/.test(glue)) fail(`${gluePath}: ${long} is named in a string, or an export is read as wasm[…]`);
  if (new RegExp(`wasm\\.${short}\\b`).test(glue) || exportNames.includes(short)) fail(`${gluePath}: ${short} is taken`);
  glue = glue.replaceAll(`wasm.${long}(`, `wasm.${short}(`);
  texts.forEach((t, i) => {
    if (t.split(`readonly ${long}:`).length + t.split(`export const ${long}:`).length !== 3) fail(`${dts[i]}: not one declaration of ${long}`);
    texts[i] = t.replace(`readonly ${long}:`, `readonly ${short}:`).replace(`export const ${long}:`, `export const ${short}:`);
  });
}
for (const n of dropped) texts.forEach((t, i) => (texts[i] = t.replace(new RegExp(`^ *(readonly ${n}: .*;|export const ${n}: .*;)\\n`, "m"), "")));
if (dropped.length !== DROP.size) fail(`${wasmPath} lacks the exported globals ${[...DROP].filter((n) => !dropped.includes(n)).join(", ")}`);
if (shortened.size !== SHORT.size) fail(`${wasmPath} lacks the exports ${[...SHORT.keys()].filter((n) => !shortened.has(n)).join(", ")}`);
writeFileSync(gluePath, glue);
writeFileSync(wasmPath, Buffer.concat(parts));
dts.forEach((path, i) => writeFileSync(path, texts[i]));
console.log(`minify-imports: ${renamed.size} imports renamed, ${invokes.size + shortened.size + api.size} exports, ${dropped.length} dropped`);
