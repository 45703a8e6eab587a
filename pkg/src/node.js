// Node (>= 20.16). Validation runs on the validators-only wasm (dist/validators/wasm, 95 KB),
// read and compiled synchronously at import. The request, client and contact API is the whole
// API (api.js) over the full wasm (requests, client, contact; 334 KB, about three times as long to
// compile), bundled as CommonJS (dist/wasm/customer_update.cjs, from node-full.js) and required
// synchronously on the first call that needs it, so `buildRequest` and the rest stay synchronous,
// and an app that only validates neither compiles that wasm nor parses that code. The two
// instances share no state: every validation call goes to the first, every request/client/contact
// call to the second; `setMessages` sets the catalog of both (bench/targets.md, sessions 5 and 6).
// scripts/build-pkg.sh bundles this file with the modules it imports into one dist/node.js: Node's
// ES module loader pays for every file.
// `fs` comes from process.getBuiltinModule: a static `import "node:fs"` makes Node build its ESM
// wrapper of fs, which loads the streams stack (~2 ms of cold start, measured), and top-level
// await would break require() of this module.
import { initSync } from "./validators/wasm/customer_update.js";
import { setMessages as setValidationMessages } from "./validators-api.js";

const { readFileSync } = process.getBuiltinModule("fs");
// The validators-only wasm built for speed (opt-level 3, wasm-opt -O3; the same glue as the "z"
// build the browser entries ship): scripts/build-pkg.sh, bench/targets.md "Session 7".
initSync({ module: readFileSync(new URL("./validators/wasm/customer_update_speed_bg.wasm", import.meta.url)) });

export { operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator, messagesEn, messageTemplates } from "./validators-api.js";

let full = null; // the request API's module once loaded
let catalog = null; // what setMessages last set, for that module when it loads
function requests() {
  if (full === null) {
    const api = process.getBuiltinModule("module").createRequire(import.meta.url)("./wasm/customer_update.cjs");
    api.initSync({ module: readFileSync(new URL("./wasm/customer_update_bg.wasm", import.meta.url)) });
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

// The request, client and contact API: api.js's functions over the full wasm (node-full.js).
export function toProvider(provider, value, options) {
  return requests().toProvider(provider, value, options);
}
export function fromProvider(provider, body) {
  return requests().fromProvider(provider, body);
}
export function diffContact(before, after) {
  return requests().diffContact(before, after);
}
export function providers() {
  return requests().providers();
}
export function example(op) {
  return requests().example(op);
}
export function describe(op) {
  return requests().describe(op);
}
export function diff(op, before, after, options) {
  return requests().diff(op, before, after, options);
}
export function buildRequest(op, input, config, options) {
  return requests().buildRequest(op, input, config, options);
}
export function matchRequest(provider, method, path, body = "", contentType) {
  return requests().matchRequest(provider, method, path, body, contentType);
}
export function createClient(provider, config = {}) {
  return requests().createClient(provider, config);
}
