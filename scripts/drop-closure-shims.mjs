// Points every function-table entry of a wasm-bindgen closure invoke shim at one of them, so that
// wasm-opt drops the rest: node scripts/drop-closure-shims.mjs <module.wasm> (in place; needs the
// name section wasm-bindgen keeps without --remove-name-section, which wasm-opt then strips).
//
// Why the entries are dead: wasm-bindgen's `WasmClosure::describe_invoke` takes the address of
// each closure type's `invoke` shim (`inform(invoke::<…> as *const () as usize as u32)`) so that
// the CLI can read it from the closure's descriptor; that address-taking puts every described
// shim into the function table. The CLI interprets the descriptors, exports the shims JavaScript
// calls (`wasm_bindgen__convert__closures_____invoke__…`, through a wrapper that calls the shim
// directly) and deletes the describe functions, but the table keeps its entries, so wasm-opt must
// keep every shim: about 40 of them in the full wasm, most for closure types of js-sys and web-sys
// imports this crate never calls. No code calls a shim through the table (the describe functions
// were its only address-takers), so where an entry points does not matter: at one shim, the others
// are unreferenced and leave. Measured: full wasm -696 B gzip -9 (bench/targets.md, "Session 12:
// the client's share of the full wasm").
//
// The script fails unless the module has a name section naming the shims and one active element
// segment of plain function indices (the layout wasm-bindgen writes), and unless every shim the
// glue names is still exported (`<module>.js` beside the wasm, when given as a second argument).
import { readFileSync, writeFileSync } from "node:fs";
import { uleb as ulebAt, functionNames, readTable, sections, withTableEntries } from "./wasm-leb.mjs";

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath) {
  console.error("usage: node scripts/drop-closure-shims.mjs <module.wasm> [<glue.js>]");
  process.exit(2);
}
const fail = (why) => {
  console.error(`drop-closure-shims: ${why}`);
  process.exit(1);
};

const wasm = readFileSync(wasmPath);
if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);

const uleb = (at) => ulebAt(wasm, at);

const SHIM = /^wasm_bindgen::convert::closures::_::invoke::/;
const names = new Map();
const exportNames = new Set();
let elem = null;
for (const { id, headerAt, start, end } of sections(wasm)) {
  if (id === 7) {
    let [n, p] = uleb(start);
    for (let i = 0; i < n; i++) {
      let len;
      [len, p] = uleb(p);
      exportNames.add(wasm.subarray(p, p + len).toString("utf8"));
      p += len + 1;
      [, p] = uleb(p);
    }
  } else if (id === 9) {
    elem = { headerAt, start, end };
  } else if (id === 0) {
    for (const [index, name] of functionNames(wasm, start, end) ?? []) names.set(index, name);
  }
}
if (names.size === 0) fail(`${wasmPath} has no function names (run wasm-bindgen without --remove-name-section)`);

if (gluePath) {
  // Every shim the glue calls must stay an export (the wrappers call the shims directly, not
  // through the table, so they stay whatever the table says; this checks the glue agrees).
  const glue = readFileSync(gluePath, "utf8");
  for (const m of glue.matchAll(/wasm\.(wasm_bindgen__convert__closures_____invoke__\w+)/g)) {
    if (!exportNames.has(m[1])) fail(`the glue calls ${m[1]}, which the wasm does not export`);
  }
}

const { offsetAt, offsetEnd, entries } = readTable(wasm, elem, fail);

const shims = entries.filter((f) => SHIM.test(names.get(f) ?? ""));
if (shims.length === 0) {
  console.log("drop-closure-shims: no closure shim in the table");
  process.exit(0);
}
const keep = shims[0];
const kept = entries.map((f) => (SHIM.test(names.get(f) ?? "") ? keep : f));
writeFileSync(wasmPath, withTableEntries(wasm, elem, offsetAt, offsetEnd, kept));
console.log(`drop-closure-shims: ${new Set(shims).size} closure shims' table entries pointed at one`);
