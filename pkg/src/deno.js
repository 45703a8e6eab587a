// Deno. As in Node (node.js): validation runs on the validators-only wasm built for speed, through
// the validators entry (validators-deno.js: dist/validators/wasm/customer_update_speed_bg.wasm,
// read and compiled at import); the request, client and contact API is api.js over the full wasm
// (dist/wasm, a size build, about three times as long to compile), read and compiled on the first
// call that needs it, so an app or edge function that only validates never pays for it. Both .wasm
// files are read through file: URLs (needs --allow-read for them). The two instances share no
// state but the message catalog, which `setMessages` sets for both (bench/targets.md, "Session 8:
// cold start and runtime entries").
import { initSync } from "./wasm/customer_update.js";
import * as api from "./api.js";
import { setMessages as setValidationMessages } from "./validators-deno.js";
import { onFirstUse } from "./lazy-requests.js";

let ready = false;
function requests() {
  if (!ready) {
    initSync({ module: Deno.readFileSync(new URL("./wasm/customer_update_bg.wasm", import.meta.url)) });
    ready = true;
  }
  return api;
}

// The validation API's own names and the request API's wrappers go first: they shadow api.js's
// (`export *` yields to them; it brings the message catalog and templates).
export { operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator } from "./validators-deno.js";
export * from "./api.js";

/** Sets the catalog every call uses (see api.js), for validation and the request API alike. */
export function setMessages(messages) {
  setValidationMessages(messages); // checks it (a TypeError leaves both as they were)
  api.setMessages(messages);
}

// The request, client and contact API: api.js's functions over the full wasm, initialised by
// `requests()` on first use.
onFirstUse(requests);
export { toProvider, fromProvider, diffContact, providers, example, describe, diff, buildRequest, matchRequest, createClient } from "./lazy-requests.js";
