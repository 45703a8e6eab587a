// Node ESM consumer of the installed tarball: every entry imported as a user imports it.
import assert from "node:assert/strict";
import { validate, buildRequest, operations } from "customer-update";
import * as validators from "customer-update/validators";
import { createEdgeHandler } from "customer-update/edge";

const ok = (name) => console.log(`  ok - node ESM: ${name}`);
const input = { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" };

assert.equal(operations().length, 9);
assert.deepEqual(validate("juspay.updateCustomer", input), { ok: true, value: input });
assert.equal(validate("juspay.updateCustomer", { customer_id: "cst_1", email_address: "nope" }).issues[0].code, "invalid_format");
assert.equal(buildRequest("juspay.updateCustomer", input, { baseUrl: "https://api.example.test" }).method, "POST");
ok('"customer-update": validate and buildRequest');

assert.deepEqual(Object.keys(validators).sort(), ["checkJson", "fromFormData", "operations", "schema", "setMessages", "tanstackValidator", "validate", "validateJson"]);
assert.equal(validators.checkJson("juspay.updateCustomer", JSON.stringify(input)).ok, true);
ok('"customer-update/validators": the validation API only, working');

const handler = createEdgeHandler({ env: {}, allowedOrigins: [], authorize: () => true });
const res = await handler(new Request("http://edge.test/juspay.updateCustomer", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
assert.equal(res.status, 422);
ok('"customer-update/edge": a handler that answers an invalid body with 422');


const resolved = import.meta.resolve("customer-update");
assert.match(resolved, /\/dist\/node\.js$/);
ok(`"customer-update" resolved to dist/node.js under the node condition`);
