// Module Web Worker bundled by esbuild (conditions worker): same package entry, same scenario,
// answers posted back to the page. The entry's top-level await (wasm init) runs before this module's
// body, and a message that arrives before `onmessage` is set is lost: so the worker says "ready"
// first and the page sends its request only then.
import { validate, buildRequest, createClient } from "customer-update";

self.onmessage = async ({ data: { upstream } }) => {
  const valid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
  const invalid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email: "tim@example.com" });
  const built = buildRequest("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", first_name: "Tim" }, { baseUrl: upstream });
  const client = createClient("juspay", { baseUrl: upstream, timeoutMs: 5000, retries: 0 });
  const sent = await client.updateCustomer({ customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
  self.postMessage({ valid, invalid, built, sent });
};
self.postMessage({ ready: true });
