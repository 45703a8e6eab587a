// A Cloudflare-style module worker that uses the package through its `workerd` entry
// (pkg/dist/workerd.js imports the .wasm as a WebAssembly.Module and calls initSync).
// GET / answers with the scenario's answers as JSON (asserted by ../lib/check-scenario.mjs);
// env.UPSTREAM is the local stub server.
import { validate, buildRequest, createClient } from "customer-update";

export default {
  async fetch(request, env) {
    const valid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
    const invalid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email: "tim@example.com" });
    const built = buildRequest("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", first_name: "Tim" }, { baseUrl: env.UPSTREAM });
    const client = createClient("juspay", { baseUrl: env.UPSTREAM, timeoutMs: 5000, retries: 0 });
    const sent = await client.updateCustomer({ customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
    return Response.json({ valid, invalid, built, sent });
  },
};
