// The validators-only build (`CU_VALIDATORS_ONLY=1 CU_OUT=bench/out/validators-only bash
// scripts/build-pkg.sh`, run by scripts/test.sh before this file): the same verdicts and issues
// as the full package from a much smaller wasm, and a clear error for what it leaves out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as full from "customer-update";
import { examples, several } from "./cases.mjs";

const entry = new URL("../../bench/out/validators-only/node.js", import.meta.url);
assert.ok(existsSync(entry), "build it first: CU_VALIDATORS_ONLY=1 CU_OUT=bench/out/validators-only bash scripts/build-pkg.sh");
const slim = await import(entry);

test("validators-only: the same operations, verdicts and issues as the full package", () => {
  assert.deepEqual(slim.operations(), full.operations());
  for (const op of full.operations()) {
    assert.deepEqual(slim.validate(op, examples[op]), full.validate(op, examples[op]), op);
    assert.deepEqual(slim.validate(op, several[op].input), full.validate(op, several[op].input), op);
    const text = JSON.stringify(several[op].input);
    assert.deepEqual(slim.validateJson(op, text), full.validateJson(op, text), op);
    // The general path (an input JSON.stringify cannot read) works without the request code.
    const cyclic = { ...examples[op] };
    cyclic.self = cyclic;
    assert.deepEqual(slim.validate(op, cyclic), full.validate(op, cyclic), op);
  }
});

test("validators-only: Standard Schema works; unknown ops throw the same TypeError", () => {
  const op = "juspay.updateCustomer";
  assert.deepEqual(slim.schema(op)["~standard"].validate(examples[op]), { value: examples[op] });
  assert.throws(() => slim.schema("nope.op"), (e) => e instanceof TypeError && /valid ids/.test(e.message));
  assert.throws(() => slim.validate("nope.op", {}), (e) => e instanceof TypeError && /valid ids/.test(e.message));
});

test("validators-only: forms, requests and the client say they are not in this build", () => {
  const op = "juspay.updateCustomer";
  for (const call of [
    () => slim.describe(op),
    () => slim.example(op),
    () => slim.diff(op, {}, {}),
    () => slim.buildRequest(op, examples[op], {}),
    () => slim.matchRequest("juspay", "POST", "/customers/x", "{}"),
    () => slim.createClient("juspay", {}),
  ]) {
    assert.throws(call, /not in the validators-only build/);
  }
});
