// The built package, imported the way users import it ("customer-update" → exports map → node).
import { test } from "node:test";
import assert from "node:assert/strict";
import { operations, validate, validateJson, checkJson, schema, describe, diff, example } from "customer-update";
import { examples, several } from "./cases.mjs";

const IDS = [
  "accessbank.updateCustomerDetails",
  "bvnk.updateCustomer",
  "bvnk.updateCustomerStatus",
  "bvnk.updateCustomerAssociates",
  "gathr.updateCustomer",
  "juspay.updateCustomer",
  "m2p.updateCustomer",
  "m2p.updateCustomerStatus",
  "m2p.updateNomineeDetails",
];

const pc = (issues) => issues.map((i) => `${JSON.stringify(i.path)} ${i.code}`).sort();

test("operations() lists the nine ids of A.1", () => {
  assert.deepEqual(operations(), IDS);
});

for (const op of IDS) {
  test(`${op}: the seed example validates and comes back unchanged`, () => {
    const r = validate(op, examples[op]);
    assert.equal(r.ok, true, JSON.stringify(r.issues));
    assert.deepEqual(r.value, examples[op]);
  });

  test(`${op}: example() is the spec's seed example`, () => {
    assert.deepEqual(example(op), examples[op]);
  });

  test(`${op}: several violations are all reported with path and code`, () => {
    const { input, expect } = several[op];
    const r = validate(op, input);
    assert.equal(r.ok, false);
    assert.deepEqual(pc(r.issues), expect.map(([p, c]) => `${JSON.stringify(p)} ${c}`).sort());
    for (const i of r.issues) {
      assert.equal(typeof i.message, "string");
      assert.ok(i.message.length > 5);
      if (i.code === "invalid_format") assert.ok(i.format, `format detail on ${JSON.stringify(i)}`);
    }
  });

  test(`${op}: Standard Schema V1 agrees with validate()`, () => {
    const s = schema(op);
    assert.equal(s["~standard"].version, 1);
    assert.equal(s["~standard"].vendor, "customer-update");
    assert.deepEqual(s["~standard"].validate(examples[op]), { value: examples[op] });
    const bad = s["~standard"].validate(several[op].input);
    assert.deepEqual(pc(bad.issues), pc(validate(op, several[op].input).issues));
  });

  test(`${op}: describe() lists every top-level input field`, () => {
    const fields = describe(op);
    for (const key of Object.keys(examples[op])) {
      assert.ok(fields.some((f) => f.path.length === 1 && f.path[0] === key), `${key} described`);
    }
    for (const f of fields) {
      assert.equal(typeof f.label, "string");
      assert.ok(["string", "boolean", "integer", "number", "object", "array", "any"].includes(f.type));
    }
  });
}

test("unknown op: TypeError naming the valid ids", () => {
  assert.throws(() => validate("juspay.nope", {}), (e) => e instanceof TypeError && e.message.includes("m2p.updateNomineeDetails"));
  assert.throws(() => schema("x"), TypeError);
  assert.throws(() => describe("x"), TypeError);
});

test("never throws for hostile input values", () => {
  const circular = {};
  circular.self = circular;
  const values = [undefined, null, 1, "s", [], circular, { customer_id: 10n }, () => 1, Symbol("s"),
    new Proxy({}, { get() { throw new Error("boom"); }, ownKeys() { throw new Error("keys"); } }),
    Object.create(null), { get x() { throw new Error("getter"); } }];
  for (const v of values) {
    const r = validate("gathr.updateCustomer", v);
    assert.equal(r.ok, false);
    assert.ok(r.issues.length >= 1);
  }
  // and it still answers correctly afterwards
  assert.equal(validate("gathr.updateCustomer", examples["gathr.updateCustomer"]).ok, true);
});

test("absent and undefined are the same; null is rejected", () => {
  const r1 = validate("juspay.updateCustomer", { customer_id: "c", first_name: "A", last_name: undefined });
  assert.deepEqual(r1, { ok: true, value: { customer_id: "c", first_name: "A" } });
  const r2 = validate("juspay.updateCustomer", { customer_id: "c", first_name: "A", last_name: null });
  assert.deepEqual(pc(r2.issues), ['["last_name"] null_not_allowed']);
});

test("diff() gives the smallest valid patch plus identifiers", () => {
  const before = { entityId: "E1", firstName: "Tim", lastName: "David", email: "t@x.co" };
  const after = { entityId: "E1", firstName: "Timothy", lastName: "David", email: "t@x.co" };
  assert.deepEqual(diff("m2p.updateCustomer", before, after), { ok: true, value: { entityId: "E1", firstName: "Timothy" }, changed: ["firstName"] });
  const gone = diff("m2p.updateCustomer", before, { entityId: "E1", firstName: "Tim", lastName: "David" });
  assert.deepEqual(pc(gone.issues), ['["email"] null_not_allowed']);
  const status = diff("m2p.updateCustomerStatus", { entityId: "E1", status: "CLOSED" }, { entityId: "E1", status: "ACTIVE" });
  assert.deepEqual(pc(status.issues), ['["status"] invalid_transition']);
  const nothing = diff("juspay.updateCustomer", { customer_id: "c", first_name: "A" }, { customer_id: "c", first_name: "A" });
  assert.deepEqual(pc(nothing.issues), ["[] at_least_one_required"]);
});

test("a raw lone surrogate is refused by validateJson and checkJson as its escape is, and as validate refuses it", () => {
  const op = "juspay.updateCustomer";
  const raw = '{"customer_id":"cst_1","first_name":"a\ud800b"}';
  const escaped = '{"customer_id":"cst_1","first_name":"a\\ud800b"}';
  assert.equal(raw.isWellFormed(), false);
  const want = validateJson(op, escaped);
  assert.equal(want.ok, false);
  assert.match(want.issues[0].message, /unpaired UTF-16 surrogate/);
  assert.deepEqual(validateJson(op, raw), want);
  assert.deepEqual(checkJson(op, raw), { ok: false, issues: want.issues });
  assert.deepEqual(validate(op, { customer_id: "cst_1", first_name: "a\ud800b" }), want);
});

test("providers(): the five providers from their specs, with their operations and credential keys", async () => {
  const { providers } = await import("customer-update");
  const list = providers();
  assert.deepEqual(list.map((p) => p.id), ["accessbank", "bvnk", "gathr", "juspay", "m2p"]);
  assert.deepEqual(list.flatMap((p) => p.operations).sort(), operations().slice().sort());
  const m2p = list.find((p) => p.id === "m2p");
  assert.equal(m2p.name, "M2P Prepaid");
  assert.equal(m2p.auth, "token");
  assert.deepEqual(m2p.environments, { sandbox: "https://sandbox-api.m2pprepaid.com/prepaid/customer", production: "https://api.m2pprepaid.com/prepaid/customer" });
  assert.deepEqual(m2p.credentials, [
    { key: "tenantId", optional: false }, { key: "clientId", optional: false }, { key: "clientSecret", optional: false }, { key: "accessToken", optional: true },
  ]);
  assert.deepEqual(list.find((p) => p.id === "bvnk").credentials.map((c) => c.key), ["hawkId", "hawkKey"]);
});

test("the input size limit is the wasm's (limits()), applied before anything is copied in", () => {
  const op = "juspay.updateCustomer";
  const over = JSON.stringify({ customer_id: "cst_1", first_name: "x".repeat((1 << 20) - 30) });
  assert.ok(over.length > 1 << 20);
  for (const r of [validateJson(op, over), checkJson(op, over), validate(op, JSON.parse(over))]) {
    assert.equal(r.ok, false);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0].code, "too_long");
    assert.deepEqual(r.issues[0].path, []);
  }
});
