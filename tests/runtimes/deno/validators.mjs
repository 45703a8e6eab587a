// deno run --allow-read=<node_modules/customer-update/dist/validators/wasm/customer_update_bg.wasm> validators.mjs
// The `customer-update/validators` entry under Deno: the `deno` condition, the validators-only wasm.
import * as v from "customer-update/validators";
const ok = v.checkJson("juspay.updateCustomer", JSON.stringify({ customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" }));
const bad = v.checkJson("juspay.updateCustomer", JSON.stringify({ customer_id: "cst_om2l6ctlptxwxuzj", email: "tim@example.com" }));
console.log(JSON.stringify({ exports: Object.keys(v).sort(), ok, bad }));
