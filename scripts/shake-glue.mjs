// Rewrites a wasm-bindgen glue of the package's wasm so that bundlers can leave out what an app
// never runs:
//   node scripts/shake-glue.mjs <dir>/customer_update.js [--client]
// - `initUrl` and `memory` added (every main glue, the validators-only builds' too): the browser
//   entry's load (`init({ module_or_path: url })` for its URL alone: fetched and instantiated as
//   `init` does, without the default URL, the warnings for deprecated arguments and the other
//   kinds of argument), and the instance's memory for api.js (which read it through `initSync()`
//   before). The validators entry's hand-written loader has the same two (validators-glue.js), so
//   a default-entry app's bundle holds neither `init` nor `initSync` (-50 B for `memory`, -126 B
//   for `initUrl`, gzip -9 in the Vite build of the default entry). Since session 16 `initUrl`
//   fetches and instantiates with its own few lines (as the validators entry's loader), so
//   `__wbg_load` (its bytes and Module paths, its MIME-type warning) leaves the bundle too.
// - passStringToWasm0's branch for a call without `realloc` (no call here has none, checked) and
//   the TextEncoder.encodeInto polyfill (every supported runtime has encodeInto) removed.
// - getDataViewMemory0's cache removed: a DataView made per call (session 17).
// - `--client` (the full wasm): wasm-bindgen writes the `Client` class, then a statement that
//   adds `Symbol.dispose` to its prototype, and its FinalizationRegistry as a `new` call: a
//   statement and a call a bundler must keep, and with them the class. Here the class and that
//   statement become a function call annotated pure (`/* @__PURE__ */`, which esbuild, Rollup and
//   Rolldown read) that returns the class, and the registry's `new` is annotated pure too: same
//   objects, made at import as before, but a bundle that imports `validate` alone leaves them out
//   (-180 B gzip -9 in the Vite build of the default entry).
//   Also with `--client` (session 18): the import shims validation cannot reach made by
//   `bindLate()`, which every exported function but validation's calls first (below).
// (bench/targets.md, "Session 13: the full entry's JS and wasm-opt line" and "Session 16: the
// full entry's JS".) Each text is checked to
// occur exactly once, and the script fails otherwise (so a wasm-bindgen update that changes the
// glue's layout stops the build instead of breaking it).
import { readFileSync, writeFileSync } from "node:fs";

const [gluePath, ...flags] = process.argv.slice(2);
if (!gluePath || flags.some((f) => f !== "--client")) {
  console.error("usage: node scripts/shake-glue.mjs <glue.js> [--client]");
  process.exit(2);
}
const fail = (why) => {
  console.error(`shake-glue: ${gluePath}: ${why}`);
  process.exit(1);
};

let glue = readFileSync(gluePath, "utf8");
const once = (from, to) => {
  const at = glue.indexOf(from);
  if (at < 0 || glue.indexOf(from, at + 1) >= 0) fail(`expected exactly one ${JSON.stringify(from)}`);
  glue = glue.slice(0, at) + to + glue.slice(at + from.length);
};
if (flags.includes("--client")) {
  const DISPOSE = "if (Symbol.dispose) Client.prototype[Symbol.dispose] = Client.prototype.free;\n";
  // The class body runs from its declaration to the dispose statement: nothing else in between.
  const start = glue.indexOf("export class Client {\n");
  const end = glue.indexOf(DISPOSE);
  if (start < 0 || end < start || !/\n}\n$/.test(glue.slice(start, end))) fail("no `export class Client` directly followed by its Symbol.dispose statement");
  once("export class Client {\n", "export const Client = /* @__PURE__ */ (() => {\nclass Client {\n");
  once(DISPOSE, `${DISPOSE}return Client;\n})();\n`);
  // (The wasm's `__wbg_client_free` export, under its short name since scripts/minify-imports.mjs
  // renames the API's exports.)
  const registry = glue.match(/\n    : new FinalizationRegistry\(ptr => wasm\.(\w+)\(ptr, 1\)\);/);
  if (!registry || !glue.includes(`wasm.${registry[1]}(ptr, 0);`)) fail("no FinalizationRegistry calling the client's free");
  once(registry[0], registry[0].replace(": new", ": /* @__PURE__ */ new"));
}
// The import shims only requests, the contact and the client run, bound when one of those first
// runs (`--client`, the full glue): the wasm must have every import at instantiation, so
// wasm-bindgen's import object holds the client's fetch, timers, promises, serde reads... which a
// bundle keeps even when the app only validates. Here the import object keeps the shims validation
// can call (`EARLY`: the clock's `Date.now`, `operations()`'s array, string and push, the externref
// table's set-up; not js-sys's global lookups, which only the client's code reads) and answers
// every other import with a forwarder to `late`, an object made by `bindLate()`, which each
// exported function but validation's
// (`VALIDATION`) and the Client constructor call first: a bundle without those leaves the late
// shims and their helpers (handleError, makeMutClosure, passStringToWasm0, ...) out. Which imports
// validation can reach was read off the names build's call graph (bench/wasm-import-reach.mjs;
// bench/targets.md, "Session 18: the full entry's JS"); a late shim called before `bindLate()`
// would throw a TypeError, not answer wrongly (tests/node/late-imports.test.mjs validates every
// operation's examples and invalid inputs on a fresh instance first).
if (flags.includes("--client")) {
  const START = "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n";
  const END = /\n    \};\n    return \{\n        __proto__: null,\n        "[^"]+": import0,\n    \};\n\}\n/;
  const at = glue.indexOf(START);
  const end = glue.slice(at).match(END);
  if (at < 0 || glue.indexOf(START, at + 1) >= 0 || !end) fail("no `__wbg_get_imports` with one import object");
  const stop = at + end.index;
  const shims = glue.slice(at + START.length, stop + 1).split(/(?=^        \w+: function\()/m);
  if (shims.some((s) => !/^        \w+: function\([^]*\n        }[^\n]*,\n$/.test(s))) fail("an import shim not written `key: function(…) {…},`");
  const EARLY = [/\bDate\.now\(\)/, /= new Array\(\);/, /= arg0\.push\(arg1\);/, /`Ref\(String\) -> Externref`/, /wasm\.__wbindgen_externrefs;\n\s*table\.set\(0,/];
  const early = shims.filter((s) => EARLY.some((e) => e.test(s)));
  const late = shims.filter((s) => !early.includes(s));
  for (const e of EARLY) if (!early.some((s) => e.test(s))) fail(`no import shim matching ${e}`);
  if (late.length === 0) fail("no late import shims");
  glue = glue.slice(0, at) + START.replace("{\n        __proto__", "new Proxy({\n        __proto__") + early.join("") +
    "    }, { get: (o, k) => o[k] ?? ((...a) => late[k](...a)) });" + glue.slice(stop + "\n    };".length, at + end.index + end[0].length) +
    "let late;\nfunction bindLate() {\n    late ??= {\n" + late.join("") + "    };\n}\n" + glue.slice(at + end.index + end[0].length);
  const VALIDATION = new Set(["checkInput", "inputBuffer", "lastIssues", "operations", "__floor", "initSync", "initUrl"]);
  let bound = 0;
  glue = glue.replace(/^(export (?:async )?function (\w+)\([^)]*\) \{\n)/gm, (all, head, name) => (VALIDATION.has(name) ? all : (bound++, `${head}    bindLate();\n`)));
  once("\n    constructor(provider, config) {\n", "\n    constructor(provider, config) {\n        bindLate();\n");
  if (bound < 5) fail(`bindLate() added to ${bound} exported functions only`);
  // Made at import but read by late code only (makeMutClosure, passStringToWasm0): annotated pure,
  // so that a bundle without the late shims leaves them out too.
  once("\n    : new FinalizationRegistry(state => wasm.", "\n    : /* @__PURE__ */ new FinalizationRegistry(state => wasm.");
  once("\nconst cachedTextEncoder = new TextEncoder();\n", "\nconst cachedTextEncoder = /* @__PURE__ */ new TextEncoder();\n");
}
// passStringToWasm0's branch for a caller that passes no `realloc`: every call in this glue passes
// the wasm's (checked), so the branch is dead code every bundle kept (-28 B gzip -9, esbuild
// bundle of the default entry). And the TextEncoder.encodeInto polyfill: every runtime the
// package supports (current browsers with ES2022, Node, Deno, workerd) has encodeInto, which
// api.js and text-write.js call directly too (-53 B).
if (glue.includes("function passStringToWasm0(")) {
  const args = [...glue.matchAll(/passStringToWasm0\(([^)]*)\)/g)].map((m) => m[1]).filter((a) => a !== "arg, malloc, realloc");
  // (`m` and `r` as scripts/minify-imports.mjs names them in the full wasm.)
  const odd = args.filter((a) => !/^\w+, wasm\.(__wbindgen_malloc|m), wasm\.(__wbindgen_realloc|r)$/.test(a));
  if (odd.length > 0) fail(`passStringToWasm0 called without the wasm's realloc: ${odd.join("; ")}`);
  once(`    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

`, "");
}
if (glue.includes("'encodeInto' in cachedTextEncoder")) {
  once(`if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}
`, "");
}
// The DataView over the memory, made per call rather than cached: only the import shims that
// hand a value back through a return pointer (a string, a number, a header's value: the client's,
// the request side's and serde's reads, never validation's) take it, once or twice per call,
// and the cache's checks of a detached or grown buffer cost more bytes than the view they save
// (-39 B gzip -9 in the Vite build of the default entry; bench/targets.md, "Session 17: the
// full entry's JS").
if (glue.includes("function getDataViewMemory0()")) {
  once(`let cachedDataViewMemory0 = null;
function getDataViewMemory0() {
    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
    }
    return cachedDataViewMemory0;
}
`, `function getDataViewMemory0() {
    return new DataView(wasm.memory.buffer);
}
`);
  once("\n    cachedDataViewMemory0 = null;", "");
  if (glue.includes("cachedDataViewMemory0")) fail("cachedDataViewMemory0 is still read");
}
// The pieces `initUrl` shares with `__wbg_init_once` (the imports, the instance's finish), as that
// uses them.
if (!glue.includes("\nfunction __wbg_get_imports() {\n")) fail("no `function __wbg_get_imports()`");
once("    const { instance, module } = await __wbg_load(await module_or_path, imports);\n\n    return __wbg_finalize_init(instance, module);\n",
  "    const { instance, module } = await __wbg_load(await module_or_path, imports);\n\n    return __wbg_finalize_init(instance, module);\n");
once("\nexport { initSync, __wbg_init as default };\n", `
/** The browser entry's load (scripts/shake-glue.mjs): \`init\` for \`{ module_or_path: url }\`
 * alone, the URL of the .wasm, fetched and instantiated (with its own few lines rather than
 * \`init\`'s \`__wbg_load\`, whose other kinds of argument and MIME-type warning a bundle then
 * leaves out). */
export async function initUrl({ module_or_path: url }) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(\`failed to fetch Wasm: \${response.status} \${response.statusText} fetching '\${response.url}'\`);
    // Compiled while it downloads when served as application/wasm (instantiateStreaming refuses
    // any other type; Node's also a type with parameters), else from its bytes.
    const imports = __wbg_get_imports();
    const { instance, module } = response.headers.get("Content-Type") === "application/wasm" && WebAssembly.instantiateStreaming
        ? await WebAssembly.instantiateStreaming(response, imports)
        : await WebAssembly.instantiate(await response.arrayBuffer(), imports);
    return __wbg_finalize_init(instance, module);
}

/** The instance's memory once initialised (api.js reads it here, not through \`initSync\`). */
export const memory = () => wasm.memory;

export { initSync, __wbg_init as default };
`);
writeFileSync(gluePath, glue);
console.log(`shake-glue: initUrl and memory added${flags.includes("--client") ? ", the Client class and its registry made droppable" : ""}`);
