// deno run --allow-read=<dist/validators/wasm/customer_update_speed_bg.wasm> validate-only.mjs
// The default entry under Deno reads the full wasm only on the first request, client or contact
// call: with read permission for the validators' speed .wasm alone it imports and validates, and
// that first call fails on the permission (Node's entry does the same with its full wasm).
import { validate, buildRequest } from "customer-update";
const valid = validate("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
let built;
try {
  built = { value: buildRequest("juspay.updateCustomer", { customer_id: "cst_om2l6ctlptxwxuzj", first_name: "Tim" }, { baseUrl: "https://api.example.test" }) };
} catch (e) {
  built = { error: e.name, message: String(e.message) };
}
console.log(JSON.stringify({ valid, built }));
