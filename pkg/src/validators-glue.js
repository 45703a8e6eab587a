/* @ts-self-types="./customer_update.d.ts" */
// The loader of the validators-only wasm (dist/validators/wasm/customer_update.js), written by hand
// in place of the JS wasm-bindgen generates for it: that wasm takes no JS value and hands out only
// numbers, so what its glue does is instantiate, run the start function and export four calls.
// wasm-bindgen still builds the wasm; scripts/validators-glue.mjs checks that its generated glue
// for this wasm holds exactly the imports and exports written here (same bodies), or the build
// fails, and puts this file in its place (bench/targets.md, "Session 9: the validators entry's JS").
// The same API as wasm-bindgen's (its customer_update.d.ts, kept): `initSync` and the default `init`.
let wasm;

// The wasm imports nothing: it takes today's date from api.js (`checkInput`'s third argument), and
// wasm-bindgen's one import, the externref table's set-up, is gone with the start function that
// called it (scripts/no-start-import.mjs --no-start, which checks that no code there uses that
// table): wasm-bindgen's glue runs the start function once instantiated, this wasm has none.
const imports = {};

function ready(instance) {
  return (wasm = instance.exports);
}

// `{ module }` / `{ module_or_path }`, or the value itself (wasm-bindgen's older form).
const given = (arg, key) => (arg !== undefined && arg !== null && Object.getPrototypeOf(arg) === Object.prototype ? arg[key] : arg);

/** Instantiates the wasm from its bytes or a compiled `WebAssembly.Module`; returns its exports. */
export function initSync(arg) {
  if (wasm !== undefined) return wasm;
  const module = given(arg, "module");
  return ready(new WebAssembly.Instance(module instanceof WebAssembly.Module ? module : new WebAssembly.Module(module), imports));
}

async function load(source) {
  if (wasm !== undefined) return wasm;
  source = await (source ?? new URL("customer_update_bg.wasm", import.meta.url));
  if (typeof source === "string" || source instanceof URL || source instanceof Request) source = await fetch(source);
  if (!(source instanceof Response)) {
    const result = await WebAssembly.instantiate(source, imports); // bytes, or a Module: an Instance
    return ready(result instanceof WebAssembly.Instance ? result : result.instance);
  }
  return fromResponse(source);
}

async function fromResponse(source) {
  if (!source.ok) throw new Error(`failed to fetch Wasm: ${source.status} ${source.statusText} fetching '${source.url}'`);
  // Compiled while it downloads when served as application/wasm (instantiateStreaming refuses
  // any other type; Node's also a type with a parameter); else from its bytes.
  return ready(
    (source.headers.get("Content-Type") === "application/wasm" && WebAssembly.instantiateStreaming
      ? await WebAssembly.instantiateStreaming(source, imports)
      : await WebAssembly.instantiate(await source.arrayBuffer(), imports)
    ).instance,
  );
}

let loading;
/** Fetches (a URL or its text, a Request) and instantiates the wasm (a Response, bytes, a Module;
 * by default the .wasm beside this file); returns its exports. Once: a call while one is under way
 * or done gets its promise; after a failure, the next call tries again. */
export default function init(arg) {
  return (loading ??= load(given(arg, "module_or_path")).catch((e) => {
    loading = undefined;
    throw e;
  }));
}

/** The browser entry's load (validators-browser.js, once at its top-level await): `init` for
 * `{ module_or_path: url }` alone, the URL of the .wasm, fetched and instantiated as `init` does.
 * Narrower than `init` so that a form app's bundle holds none of the other ways in (bytes, a
 * Module, a Response, `initSync`): -0.2 KB gzip -9 (bench/targets.md, "Session 10: the
 * validators entry's JS"). */
export async function initUrl({ module_or_path: url }) {
  return fromResponse(await fetch(url));
}

/** The instance's memory once initialised (api.js of the validators entry reads it here, not
 * through `initSync`). */
export const memory = () => wasm.memory;

// The calls api.js makes (see src/wasm.rs); their numbers as unsigned, as wasm-bindgen hands them.
/** The benchmark's floor: the same crossing as `checkInput`, doing nothing. */
export const __floor = (op, len, today) => wasm.__floor(op, len, today) >>> 0;
/** 0 valid, 1 refused (its issues at `lastIssues()`), 2 no such operation; + 4 when the verdict
 * read `today` (Unix days). */
export const checkInput = (op, len, today) => wasm.checkInput(op, len, today) >>> 0;
/** The input buffer's address, grown to at least `len` bytes. */
export const inputBuffer = (len) => wasm.inputBuffer(len) >>> 0;
/** The address of the last refused input's issue records. */
export const lastIssues = () => wasm.lastIssues() >>> 0;
