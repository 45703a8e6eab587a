// Puts the hand-written loader (pkg/src/validators-glue.js) in place of the JS wasm-bindgen
// generated for the validators-only wasm, after checking that the generated glue does exactly
// what the loader does:
//   node scripts/validators-glue.mjs <dir>/customer_update.js <loader.js>
// Run after scripts/no-start-import.mjs --no-start on that wasm (which leaves it no import and no
// start function). Checked: the glue's import object is the externref table's set-up alone (with
// this body), and the wasm imports nothing; its exported calls are __floor, checkInput,
// inputBuffer and lastIssues, each `wasm.<name>(…) >>> 0`, and nothing else; the instance's start
// function is run once instantiated, and nothing else done (the wasm has none left: its exports
// are the memory, those calls and the externref table, checked); `initSync` and the default
// `init` are its other exports. A wasm-bindgen update
// or a Rust change that alters any of this stops the build here, with what differs; then the
// loader needs the same change (bench/targets.md, "Session 9: the validators entry's JS").
import { readFileSync, renameSync, writeFileSync } from "node:fs";

const [gluePath, loaderPath] = process.argv.slice(2);
if (!gluePath || !loaderPath) {
  console.error("usage: node scripts/validators-glue.mjs <glue.js> <loader.js>");
  process.exit(2);
}
const fail = (why) => {
  console.error(`validators-glue: ${gluePath}: ${why}`);
  process.exit(1);
};
const flat = (s) => s.replace(/\s+/g, " ").trim();
const glue = readFileSync(gluePath, "utf8");

// The imports: only the externref table's set-up, which scripts/no-start-import.mjs has made a
// function of the module (it checks that no code uses that table and that nothing else is
// imported), so the loader instantiates with no imports.
const start = glue.indexOf("    const import0 = {\n");
const end = glue.indexOf("\n    };\n", start);
if (start < 0 || end < 0) fail("no import0 object where expected");
const imports = flat(glue.slice(start, end + 7));
const wantImports = flat(`const import0 = {
  __proto__: null,
  __wbindgen_init_externref_table: function() {
    const table = wasm.__wbindgen_externrefs;
    table.set(0, undefined); table.set(1024, undefined); table.set(1025, null); table.set(1026, true); table.set(1027, false);
  },
};`);
if (imports !== wantImports) fail(`the imports are not the table set-up alone:\n  glue:   ${imports}\n  wanted: ${wantImports}`);
const wasmPath = gluePath.replace(/customer_update\.js$/, "customer_update_bg.wasm");
const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));
const left = WebAssembly.Module.imports(wasmModule);
if (left.length !== 0) fail(`${wasmPath} still imports ${left.map((i) => `${i.module}.${i.name}`).join(", ")} (run scripts/no-start-import.mjs first)`);
// No start function to run (and no other export a glue could read): the loader runs none.
const wasmExports = WebAssembly.Module.exports(wasmModule).map((e) => e.name).join(", ");
if (wasmExports !== "memory, __floor, checkInput, inputBuffer, lastIssues, __wbindgen_externrefs") {
  fail(`${wasmPath} exports ${wasmExports} (run scripts/no-start-import.mjs --no-start first)`);
}

// The exported calls: `export function name(args) { const ret = wasm.name(args); return ret >>> 0; }`.
const calls = [...glue.matchAll(/^export function (\w+)\(([^)]*)\) \{\n([\s\S]*?)\n\}$/gm)].map(([, name, args, body]) => [name, args, flat(body)]);
const wantCalls = [
  ["__floor", "op, len, today"],
  ["checkInput", "op, len, today"],
  ["inputBuffer", "len"],
  ["lastIssues", ""],
];
const got = calls.map(([n, a]) => `${n}(${a})`).join(", ");
if (got !== wantCalls.map(([n, a]) => `${n}(${a})`).join(", ")) fail(`the exported calls are ${got}, not the loader's`);
for (const [name, args, body] of calls) {
  if (body !== `const ret = wasm.${name}(${args}); return ret >>> 0;`) fail(`${name}: the body is "${body}", not the loader's`);
}
const exportLines = glue.match(/^export \{[^}]*\};?$/gm) ?? [];
if (exportLines.join("|") !== "export { initSync, __wbg_init as default };") fail(`other exports: ${exportLines.join(" ")}`);

// Instantiated, then the start function, and nothing else done with the instance.
const finish = glue.match(/function __wbg_finalize_init\(instance, module\) \{([\s\S]*?)\n\}/);
if (!finish || flat(finish[1]) !== "wasmInstance = instance; wasm = instance.exports; wasmModule = module; wasm.__wbindgen_start(); return wasm;") {
  fail("__wbg_finalize_init does more than run the start function");
}

// The loader the package ships: what it knows must be what was checked.
const loader = readFileSync(loaderPath, "utf8");
for (const [name, args] of wantCalls) {
  if (!loader.includes(`export const ${name} = (${args}) => wasm.${name}(${args}) >>> 0;`)) fail(`the loader lacks ${name}`);
}
if (!loader.includes("const imports = {};")) fail("the loader lacks `const imports = {};`");
if (loader.includes("__wbindgen_start")) fail("the loader runs a start function the wasm no longer has");
renameSync(loaderPath, gluePath);
// wasm-bindgen's declarations beside it: without the start function the wasm no longer exports.
for (const [path, line] of [
  [gluePath.replace(/\.js$/, ".d.ts"), "    readonly __wbindgen_start: () => void;\n"],
  [wasmPath.replace(/\.wasm$/, ".wasm.d.ts"), "export const __wbindgen_start: () => void;\n"],
]) {
  const text = readFileSync(path, "utf8");
  if (text.split(line).length !== 2) fail(`${path}: not one \`${line.trim()}\` to remove`);
  writeFileSync(path, text.replace(line, ""));
}
console.log("validators-glue: wasm-bindgen's glue checked; the hand-written loader put in its place");
