// A TypeScript CommonJS consumer (module nodenext, .cts): require() of the package, typed through
// the .d.cts declarations of the require condition.
import cu = require("customer-update");
import validators = require("customer-update/validators");

const r = cu.validate("juspay.updateCustomer", { customer_id: "cst_1", email_address: "tim@example.com" });
if (r.ok) {
  const id: string = r.value.customer_id;
  void id;
}
void validators.checkJson("juspay.updateCustomer", "{}");
// @ts-expect-error an unknown operation id
cu.validate("nope.op", {});
