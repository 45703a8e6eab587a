// Makes a validators-only wasm import nothing: wasm-bindgen's `__wbindgen_init_externref_table`
// (the one import left once the validators take today's date as an argument, src/wasm.rs
// `checkInput`) becomes a function of the module that does nothing, still exported as
// `__wbindgen_start`, which the glue calls at initialisation.
//
//   node scripts/no-start-import.mjs <in.wasm> <out.wasm> [--no-start] [-g]
//
// -g keeps the function names (build-pkg.sh's CU_KEEP_NAMES=1, for profiles).
// --no-start (the validators entry's two wasm files, which pkg/src/validators-glue.js loads): no
// start function at all instead of one that does nothing, and without the two exported globals
// wasm-bindgen's linker flags export for its abort handling (`__abort_handler`,
// `__instance_terminated`: addresses of statics that no glue of this wasm reads; its code reads
// them, if at all, without the exports). The loader then instantiates and runs nothing: -60 B
// gzip -9 of the "z" wasm, -12 B of the loader (bench/targets.md, "Session 11: the validators
// entry's JS"). Not for a wasm that wasm-bindgen's own glue loads (CU_VALIDATORS_ONLY=1), whose
// initialisation calls `__wbindgen_start`.
//
// Why: V8 compiles a wrapper (TurboFan) for every imported function when a new process compiles
// the module, and an export that is an import gets a compiled JS-to-wasm wrapper instead of the
// generic one: ~0.5 ms of cold start in Node for a module with any import against one with none
// (bench/targets.md, "Session 9: cold start"). What the import did: fill the externref table's
// reserved slots (undefined, null, true, false) for code that passes JS values, which this wasm
// has none of (checked: no instruction reads or writes a table of externrefs, and no other import
// is left). The glue keeps its import object; an import the module does not ask for is unused.
//
// Done on binaryen's text form (wasm-dis, then wasm-as from npm's binaryen, as build-pkg.sh uses
// for wasm-opt), before wasm-opt: the script fails rather than guess if the module is not laid out
// as it expects.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [input, output, ...options] = process.argv.slice(2);
const noStart = options.includes("--no-start");
const asFlags = options.filter((f) => f !== "--no-start");
if (asFlags.some((f) => f !== "-g")) {
  console.error("no-start-import.mjs: the only options are --no-start and -g");
  process.exit(2);
}
if (!input || !output) {
  console.error("usage: node scripts/no-start-import.mjs <in.wasm> <out.wasm> [--no-start] [-g]");
  process.exit(2);
}
const bin = new URL("../node_modules/.bin/", import.meta.url).pathname;
const FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
const fail = (why) => {
  console.error(`no-start-import.mjs: ${input}: ${why}`);
  process.exit(1);
};

const dir = mkdtempSync(join(tmpdir(), "no-start-import-"));
try {
  const wat = join(dir, "m.wat");
  execFileSync(join(bin, "wasm-dis"), [...FEATURES, input, "-o", wat]);
  let text = readFileSync(wat, "utf8");
  const imports = text.match(/^ \(import .*$/gm) ?? [];
  const start = /^ \(import "\.\/customer_update_bg\.js" "__wbindgen_init_externref_table" \(func (\$\S+)\)\)$/m;
  const m = text.match(start);
  if (!m) fail("no __wbindgen_init_externref_table import of the expected form");
  if (imports.length !== 1) fail(`imports other than the externref table's set-up: ${imports.join(" | ")}`);
  if (!text.includes(` (export "__wbindgen_start" (func ${m[1]}))`)) fail("__wbindgen_start is not that import");
  text = text.replace(start, "");
  // The externref table: declared and exported, and no instruction or segment of the module uses
  // it, nor any externref.
  const table = text.match(/^ \(table (\$\S+) \d+ externref\)$/m);
  if (!table) fail("no externref table of the expected form");
  const rest = text.replace(table[0], "").replace(` (export "__wbindgen_externrefs" (table ${table[1]}))`, "");
  const name = table[1].replace(/\$/g, "\\$");
  if (/extern/.test(rest) || new RegExp(`(table\\.\\w+|call_indirect|\\(table) ${name}\\b`).test(rest)) {
    fail("the module uses externrefs besides the table's declaration and export");
  }
  if (noStart) {
    text = text.replace(` (export "__wbindgen_start" (func ${m[1]}))\n`, "");
    for (const name of ["__abort_handler", "__instance_terminated"]) {
      const global = new RegExp(`^ \\(export "${name}" \\(global \\$\\S+\\)\\)\\n`, "m");
      if (!global.test(text)) fail(`no exported global ${name} of the expected form`);
      text = text.replace(global, "");
    }
    if (new RegExp(`\\b(call|ref\\.func) ${m[1].replace(/\$/g, "\\$")}\\b`).test(text)) fail("code calls the start function");
  } else {
    const end = text.lastIndexOf(")");
    text = `${text.slice(0, end)} (func ${m[1]})\n)\n`;
  }
  writeFileSync(wat, text);
  execFileSync(join(bin, "wasm-as"), [...FEATURES, ...asFlags, wat, "-o", output]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
