// workerd (Cloudflare Workers). As in Node (node.js): validation runs on the validators-only wasm
// built for speed, through the validators entry (validators-workerd.js, which imports
// validators/wasm/customer_update_speed_bg.wasm); the request, client and contact API is api.js
// over the full wasm (wasm/customer_update_bg.wasm, a size build). The runtime hands each .wasm
// over as a compiled WebAssembly.Module (both are declared as modules; wrangler does it for
// imported .wasm files); `init()` without arguments would fail there, because import.meta.url is
// not a fetchable URL. The two instances share no state but the message catalog, which
// `setMessages` sets for both (bench/targets.md, "Session 8: cold start and runtime entries").
import wasmModule from "./wasm/customer_update_bg.wasm";
import { initSync } from "./wasm/customer_update.js";
import { setMessages as setRequestMessages } from "./api.js";
import { setMessages as setValidationMessages } from "./validators-workerd.js";

initSync({ module: wasmModule });

// The validation API's own names go first: they shadow api.js's (`export *` yields to them).
export { operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator } from "./validators-workerd.js";
export * from "./api.js";

/** Sets the catalog every call uses (see api.js), for validation and the request API alike. */
export function setMessages(messages) {
  setValidationMessages(messages); // checks it (a TypeError leaves both as they were)
  setRequestMessages(messages);
}
