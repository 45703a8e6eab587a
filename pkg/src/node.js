// Node (>= 20.16). Validation runs on the validators-only wasm (dist/validators/wasm, 95 KB),
// read and compiled synchronously at import. The request, client and contact API is the whole
// API (api.js) over the full wasm (requests, client, contact; 334 KB, about three times as long to
// compile), bundled as CommonJS (dist/wasm/customer_update.cjs, from node-full.js) and required
// synchronously on the first call that needs it, so `buildRequest` and the rest stay synchronous,
// and an app that only validates neither compiles that wasm nor parses that code. The two
// instances share no state: every validation call goes to the first, every request/client/contact
// call to the second; `setMessages` sets the catalog of both (bench/targets.md, sessions 5 and 6).
// scripts/build-pkg.sh bundles this file with the modules it imports into one dist/node.js: Node's
// ES module loader pays for every file. The issue renderer and form mode are not in it: the build
// points this bundle's validation API at node-lazy.js, which reads them on first use (a refusal,
// a catalog, form mode) from dist/node-issues.cjs and dist/node-forms.cjs: Node's loader pays for
// every byte too (bench/targets.md, "Session 10: cold start").
// `fs` comes from process.getBuiltinModule: a static `import "node:fs"` makes Node build its ESM
// wrapper of fs, which loads the streams stack (~2 ms of cold start, measured), and top-level
// await would break require() of this module.
import { initSync } from "./validators/wasm/customer_update.js";
import { setMessages as setValidationMessages } from "./validators-api.js";
import { onFirstUse } from "./lazy-requests.js";
import { useObjectWriter } from "./text-write.js";

const { openSync, readvSync, closeSync, readFileSync } = process.getBuiltinModule("fs");

// A .wasm next to this module, read with one open and one read when its size is known: the sizes
// of the package's .wasm files are set by scripts/build-pkg.sh (esbuild --define of
// __CU_WASM_SIZES, by path). A fresh process pays for the first call of each fs function, and
// readFileSync's fstat is one more (cold start: 0.73 -> 0.40 ms median in a fresh process,
// bench/targets.md, session 7). The read is `readvSync` (one buffer), whose first call costs
// about half of `readSync`'s (0.19 -> 0.10 ms, session 9), and the file is opened by path (the
// directory of this module, `import.meta.dirname`; a URL is converted first, ~0.03 ms more). A
// file of another size (or an unbundled source) is read whole.
function readWasm(path) {
  const size = typeof __CU_WASM_SIZES === "object" ? __CU_WASM_SIZES[path] : undefined;
  if (typeof size === "number") {
    const fd = openSync(import.meta.dirname + path.slice(1));
    try {
      const bytes = new Uint8Array(size + 1); // one byte more: a longer file reads past `size`
      if (readvSync(fd, [bytes]) === size) return bytes.subarray(0, size);
    } finally {
      closeSync(fd);
    }
  }
  return readFileSync(new URL(path, import.meta.url));
}

// The validators-only wasm built for speed (opt-level 3, wasm-opt -O3; the same glue as the "z"
// build the browser entries ship): scripts/build-pkg.sh, bench/targets.md "Session 7".
initSync({ module: readWasm("./validators/wasm/customer_update_speed_bg.wasm") });
// After a refusal, plain data written by text-write.js's walk, not JSON.stringify (api.js). In
// the bundle, node-lazy.js's: the walk comes with the issues part, which a refusal reads
// (scripts/build-pkg.sh; bench/targets.md, "Session 19: cold start (Node)").
useObjectWriter();

export { operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator, messagesEn, messageTemplates } from "./validators-api.js";

let full = null; // the request API's module once loaded
let catalog = null; // what setMessages last set, for that module when it loads
function requests() {
  if (full === null) {
    const api = process.getBuiltinModule("module").createRequire(import.meta.url)("./wasm/customer_update.cjs");
    api.initSync({ module: readWasm("./wasm/customer_update_bg.wasm") });
    if (catalog !== null) api.setMessages(catalog);
    full = api;
  }
  return full;
}

/** Sets the catalog every call uses (see api.js), for validation and the request API alike. */
export function setMessages(messages) {
  setValidationMessages(messages); // checks it (a TypeError leaves both as they were)
  catalog = messages ?? null;
  full?.setMessages(messages);
}

// The request, client and contact API: api.js's functions over the full wasm (node-full.js),
// loaded by `requests()` on first use.
onFirstUse(requests);
export { toProvider, fromProvider, diffContact, providers, example, describe, diff, buildRequest, matchRequest, createClient } from "./lazy-requests.js";
