// Node (>= 20): the bare import resolves through the exports map's `node` condition to
// pkg/dist/node.js, which reads the .wasm from disk. Prints the scenario's answers as JSON
// (asserted by ../lib/check-scenario.mjs). Usage: node main.mjs UPSTREAM_URL
import { validate, buildRequest, createClient } from "customer-update";
const upstream = process.argv[2];
const valid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
const invalid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email: "tim@example.com" });
const built = buildRequest("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", first_name: "Tim" }, { baseUrl: upstream });
const client = createClient("juspay", { baseUrl: upstream, timeoutMs: 5000, retries: 0 });
const sent = await client.updateCustomer({ customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });

console.log(JSON.stringify({ entry: import.meta.resolve("customer-update"), valid, invalid, built, sent }));
