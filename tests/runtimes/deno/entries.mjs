// deno run --allow-read=<dist/wasm/customer_update_bg.wasm>,<dist/validators/wasm/customer_update_speed_bg.wasm> entries.mjs
// The default entry under Deno validates through the validators entry (the speed build of the
// validators-only wasm, as in Node) and builds requests on the full wasm; setMessages reaches both.
import * as full from "customer-update";
import * as v from "customer-update/validators";
const op = "juspay.updateCustomer";
const bad = { customer_id: "cst_om2l6ctlptxwxuzj", email: "tim@example.com" };
const same = Object.fromEntries(["operations", "validate", "validateJson", "checkJson", "schema", "fromFormData", "tanstackValidator"].map((k) => [k, full[k] === v[k]]));
full.setMessages({ unknown_field: (issue) => `Not a field here: ${issue.path.join(".")}` });
const validated = full.validate(op, bad);
const built = full.buildRequest(op, bad, { baseUrl: "https://api.example.test" });
full.setMessages(null);
const after = full.validate(op, bad);
console.log(JSON.stringify({ same, validated, built, after }));
