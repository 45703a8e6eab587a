// Where `need` in api.js finds the exports only the full wasm has (describe, example, diff,
// buildRequest, matchRequest, providers, the client, the contact API). Unset, api.js's own wasm
// module serves every call (the browser, Deno and workerd entries, `slim`). The Node entry sets a
// loader (node.js): validation runs on the validators-only wasm, instantiated at import, and the
// full wasm is read and compiled on the first call that needs it. This module imports nothing, so
// the validators entry (api.js over the validators-only wasm) loads no other glue through it.
let full = null; // null, the loader (a function), or the full module's exports once loaded

/** Sets the function that instantiates the full wasm module and returns its exports (called once, on first use). */
export function setFullWasm(load) {
  full = load;
}

/** The full wasm module's exports, instantiated on first call; `null` when no loader is set. */
export function fullWasm() {
  if (typeof full === "function") full = full();
  return full;
}
