// Today's date in validation: api.js passes the validators wasm the day it last read from the clock
// (the wasm imports no clock, bench/targets.md "Session 9: cold start"), reads the clock again only
// when a verdict read the date, and checks the input again when the day has changed. So a verdict
// is always taken on the day of the call: here across UTC midnight, forwards and backwards, with
// the clock (Date.now) set by the test.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as full from "customer-update";
import * as slim from "customer-update/validators";
import * as slimPkg from "customer-update/slim";
import { readFileSync } from "node:fs";

slimPkg.initSync({ module: readFileSync(new URL("../../pkg/dist/wasm/customer_update_bg.wasm", import.meta.url)) });

const op = "bvnk.updateCustomerAssociates";
// A date of birth must be in the past.
const input = { customerReference: "c1", associates: [{ person: { firstName: "A", lastName: "B", dateOfBirth: "2030-01-01" } }] };
const text = JSON.stringify(input);
const BEFORE = Date.UTC(2029, 11, 31, 23, 59, 59, 999); // the last millisecond of 2029-12-31
const AFTER = Date.UTC(2030, 0, 2); // the first of 2030-01-02

function at(ms, f) {
  const real = Date.now;
  Date.now = () => ms;
  try {
    return f();
  } finally {
    Date.now = real;
  }
}

for (const [name, api] of [["customer-update", full], ["customer-update/validators", slim], ["customer-update/slim", slimPkg]]) {
  test(`${name}: a verdict that reads today's date is taken on the day of each call`, () => {
    const refused = at(BEFORE, () => api.validate(op, input));
    assert.equal(refused.ok, false);
    assert.deepEqual(refused.issues.map((i) => i.path), [["associates", 0, "person", "dateOfBirth"]]);
    // The day it read is the one passed next: a day later the same input is checked again.
    assert.equal(at(AFTER, () => api.validate(op, input)).ok, true, "after midnight");
    assert.equal(at(AFTER, () => api.checkJson(op, text)).ok, true, "checkJson, the same day");
    assert.equal(at(BEFORE, () => api.checkJson(op, text)).ok, false, "the clock set back");
    assert.equal(at(AFTER, () => api.validateJson(op, text)).ok, true, "validateJson, forwards again");
    const form = at(BEFORE, () => api.validate(op, input, { form: true }));
    assert.equal(form.ok, false, "form mode");
    // On the wrong side of the date with the real clock (2026 and later: the date is ahead).
    assert.equal(api.validate(op, input).ok, Date.now() >= Date.UTC(2030, 0, 2));
  });
}

test("an input the date does not decide reads no clock", () => {
  let reads = 0;
  const real = Date.now;
  full.validate("bvnk.updateCustomerStatus", { customerReference: "c1", status: "VERIFIED" }); // the first call sets the day
  Date.now = () => (reads++, real());
  try {
    for (let i = 0; i < 3; i++) assert.equal(full.validate("bvnk.updateCustomerStatus", { customerReference: "c1", status: "VERIFIED" }).ok, true);
    assert.equal(full.checkJson("bvnk.updateCustomerStatus", '{"customerReference":"c1","status":"NOPE"}').ok, false);
  } finally {
    Date.now = real;
  }
  assert.equal(reads, 0);
});
