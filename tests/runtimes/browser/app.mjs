// Browser app bundled by esbuild (format esm, platform browser, conditions browser): the package's
// browser entry initialises the wasm with top-level await, fetching wasm/customer_update_bg.wasm
// next to the bundle. Stores the scenario's answers in window.__page (asserted by check.mjs).
// The page also imports the validators entry (its own wasm, validators/wasm/customer_update_bg.wasm,
// through its hand-written loader) and validates with it too, plain and in form mode.
import { validate, buildRequest, createClient } from "customer-update";
import * as validators from "customer-update/validators";
const upstream = new URLSearchParams(location.search).get("upstream");
const valid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
const invalid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email: "tim@example.com" });
const built = buildRequest("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", first_name: "Tim" }, { baseUrl: upstream });
const client = createClient("juspay", { baseUrl: upstream, timeoutMs: 5000, retries: 0 });
const sent = await client.updateCustomer({ customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });

const formInput = { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "not an email", first_name: "" };
const validatorsEntry = {
  valid: validators.validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" }),
  invalid: validators.validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email: "tim@example.com" }),
  form: validators.validate("juspay.updateCustomer", formInput, { form: true }),
  fullForm: validate("juspay.updateCustomer", formInput, { form: true }),
};

window.__page = { valid, invalid, built, sent, validatorsEntry };
