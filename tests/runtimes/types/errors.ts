// Mistakes the declarations must reject. Each `@ts-expect-error` line is itself an error if the line
// below it type-checks, so `tsc` passing proves every one of these is a type error; and
// check-expect-errors.mjs compiles a copy without the directives to prove each line fails with the
// TS code written after the directive (not for some unrelated reason).
import { buildRequest, createClient, schema, toProvider, validate, type OperationInputs } from "customer-update";

// A wrong field name (Juspay's field is email_address).
// @ts-expect-error TS2353: 'email' does not exist in type JuspayUpdateCustomerInput
buildRequest("juspay.updateCustomer", { customer_id: "c", email: "x" });

// A missing required field (the path parameter).
// @ts-expect-error TS2741: customer_id is required
buildRequest("juspay.updateCustomer", { email_address: "a@b.co" });

// A wrong operation id, in each function that takes one.
// @ts-expect-error TS2345: not an OperationId
validate("juspay.updateCustomers", {});
// @ts-expect-error TS2345: not an OperationId
buildRequest("stripe.updateCustomer", {});
// @ts-expect-error TS2345: not an OperationId
schema("m2p.updateNominee");

// A wrong client method name, and another provider's method.
const juspay = createClient("juspay", { baseUrl: "http://127.0.0.1:1" });
// @ts-expect-error TS2551: no such method on the Juspay client
void juspay.updateCustomers({ customer_id: "c" });
// @ts-expect-error TS2339: updateNomineeDetails belongs to the M2P client
void juspay.updateNomineeDetails({ entityId: "E", nominees: [] });

// A wrong provider, and a credential of another provider.
// @ts-expect-error TS2345: not a ProviderKey
createClient("paypal");
// @ts-expect-error TS2353: hawkId is a BVNK credential, not a Juspay one
createClient("juspay", { hawkId: "x" });

// A wrong enum value (BVNK statuses are upper case).
// @ts-expect-error TS2820: "verified" is not "PENDING" | "VERIFIED" | "REJECTED"
buildRequest("bvnk.updateCustomerStatus", { customerReference: "r", status: "verified" });
const bvnk = createClient("bvnk");
// @ts-expect-error TS2322: "SUSPENDED" is not a BVNK status
void bvnk.updateCustomerStatus({ customerReference: "r", status: "SUSPENDED" });

// Wrong value types and nested mistakes.
// @ts-expect-error TS2322: countryCode is a number
buildRequest("m2p.updateCustomer", { entityId: "E", communication: { mobile: { value: "9876543210", countryCode: "91" } } });
// @ts-expect-error TS2739: a nominee needs name, relationship and percentShare
buildRequest("m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "Ravi" }] });
// @ts-expect-error TS2561: 'guardain' is misspelt
buildRequest("m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "R", relationship: "Son", percentShare: 100, guardain: { name: "A" } }] });

// A validated value has the operation's type, not another's.
const r = validate("gathr.updateCustomer", {});
if (r.ok) {
  // @ts-expect-error TS2741: a Gathr input is not an M2P input (no entityId)
  const wrong: OperationInputs["m2p.updateCustomer"] = r.value;
  void wrong;
}

// The normalized contact: a phone is a string, and only the contact's own fields exist.
// @ts-expect-error TS2322: phone is E.164 text, not a number
toProvider("juspay", { phone: 919876543210 }, { id: "cst_1" });
// @ts-expect-error TS2353: mobile_number is Juspay's field, not the contact's
toProvider("juspay", { mobile_number: "9876543210" }, { id: "cst_1" });
// @ts-expect-error TS2345: paypal is no provider
toProvider("paypal", {}, { id: "1" });
