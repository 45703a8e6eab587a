// Deno: the bare import resolves through node_modules and the exports map's `deno` condition to
// pkg/dist/deno.js, which reads the .wasm from disk (hence --allow-read for that file). Prints the
// scenario's answers as JSON (asserted by ../lib/check-scenario.mjs). Usage: deno run … main.mjs UPSTREAM_URL
import { validate, buildRequest, createClient } from "customer-update";
const upstream = Deno.args[0];
const valid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
const invalid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email: "tim@example.com" });
const built = buildRequest("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", first_name: "Tim" }, { baseUrl: upstream });
const client = createClient("juspay", { baseUrl: upstream, timeoutMs: 5000, retries: 0 });
const sent = await client.updateCustomer({ customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });

console.log(JSON.stringify({ entry: import.meta.resolve("customer-update"), valid, invalid, built, sent }));
