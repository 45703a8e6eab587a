// Deno over the installed tarball (package.json + node_modules, as `deno install` or npm leaves
// it): both entries resolve through the `deno` condition and read their .wasm from disk.
import { validate } from "customer-update";
import { checkJson } from "customer-update/validators";

const input = { customer_id: "cst_1", email_address: "nope" };
const full = validate("juspay.updateCustomer", input);
const only = checkJson("juspay.updateCustomer", JSON.stringify(input));
if (full.ok || full.issues[0].code !== "invalid_format" || JSON.stringify(only.issues) !== JSON.stringify(full.issues)) {
  console.error("unexpected answers", JSON.stringify({ full, only }));
  Deno.exit(1);
}
if (!import.meta.resolve("customer-update").endsWith("/dist/deno.js")) {
  console.error(`resolved ${import.meta.resolve("customer-update")}, not dist/deno.js`);
  Deno.exit(1);
}
if (!validate("juspay.updateCustomer", { customer_id: "cst_1", email_address: "tim@example.com" }).ok) Deno.exit(1);
console.log("  ok - deno: customer-update (dist/deno.js) and customer-update/validators validate, reading only the package's dist/");
