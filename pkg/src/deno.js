// Deno. As in Node (node.js): validation runs on the validators-only wasm built for speed, through
// the validators entry (validators-deno.js: dist/validators/wasm/customer_update_speed_bg.wasm);
// the request, client and contact API is api.js over the full wasm (dist/wasm, a size build). Both
// .wasm files are read through file: URLs (needs --allow-read for them). The two instances share
// no state but the message catalog, which `setMessages` sets for both (bench/targets.md,
// "Session 8: cold start and runtime entries").
import { initSync } from "./wasm/customer_update.js";
import { setMessages as setRequestMessages } from "./api.js";
import { setMessages as setValidationMessages } from "./validators-deno.js";

initSync({ module: Deno.readFileSync(new URL("./wasm/customer_update_bg.wasm", import.meta.url)) });

// The validation API's own names go first: they shadow api.js's (`export *` yields to them).
export { operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator } from "./validators-deno.js";
export * from "./api.js";

/** Sets the catalog every call uses (see api.js), for validation and the request API alike. */
export function setMessages(messages) {
  setValidationMessages(messages); // checks it (a TypeError leaves both as they were)
  setRequestMessages(messages);
}
