// Node CommonJS consumer of the installed tarball: require() of every entry that has a Node build.
// Run twice by run.sh: as is, and with --no-experimental-require-module (Node 20.16-20.18, where
// require() of an ES module throws ERR_REQUIRE_ESM).
const assert = require("node:assert/strict");
const { validate, operations, createClient } = require("customer-update");
const validators = require("customer-update/validators");
const { createEdgeHandler } = require("customer-update/edge");

const mode = process.execArgv.includes("--no-experimental-require-module") ? "without require(esm)" : "default flags";
const ok = (name) => console.log(`  ok - node CJS (${mode}): ${name}`);
const input = { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" };

assert.match(require.resolve("customer-update"), /\/dist\/node\.cjs$/);
assert.match(require.resolve("customer-update/validators"), /\/dist\/validators-node\.cjs$/);
assert.match(require.resolve("customer-update/edge"), /\/dist\/edge-node\.cjs$/);
ok("the require condition resolves to the CommonJS builds");
assert.equal(operations().length, 9);
assert.deepEqual(validate("juspay.updateCustomer", input), { ok: true, value: input });
assert.equal(typeof createClient("juspay", { baseUrl: "https://api.example.test" }).updateCustomer, "function");
ok('require("customer-update"): validate, createClient');
assert.equal(validators.validate("juspay.updateCustomer", { customer_id: "" }).ok, false);
assert.equal(validators.buildRequest, undefined);
ok('require("customer-update/validators"): the validation API only');
assert.equal(typeof createEdgeHandler, "function");
ok('require("customer-update/edge")');
