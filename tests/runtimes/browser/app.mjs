// Browser app bundled by esbuild (format esm, platform browser, conditions browser): the package's
// browser entry initialises the wasm with top-level await, fetching wasm/customer_update_bg.wasm
// next to the bundle. Stores the scenario's answers in window.__page (asserted by check.mjs).
import { validate, buildRequest, createClient } from "customer-update";
const upstream = new URLSearchParams(location.search).get("upstream");
const valid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
const invalid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email: "tim@example.com" });
const built = buildRequest("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", first_name: "Tim" }, { baseUrl: upstream });
const client = createClient("juspay", { baseUrl: upstream, timeoutMs: 5000, retries: 0 });
const sent = await client.updateCustomer({ customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });

window.__page = { valid, invalid, built, sent };
