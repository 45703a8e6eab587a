// customer-update/slim alone in a process (another entry imported first would have initialised the
// shared wasm module): it says "call init() first", then works after initSync.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as slim from "customer-update/slim";

const input = { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" };
assert.throws(() => slim.validate("juspay.updateCustomer", input), /call init\(\) or initSync\(\) first/);
assert.throws(() => slim.buildRequest("juspay.updateCustomer", input, {}), /call init\(\) or initSync\(\) first/);
const require = createRequire(import.meta.url);
slim.initSync({ module: readFileSync(require.resolve("customer-update/customer_update_bg.wasm")) });
assert.equal(slim.validate("juspay.updateCustomer", input).ok, true);
console.log('  ok - node ESM: "customer-update/slim" says "call init() first", then works after initSync');
