// The built package, imported the way users import it ("customer-update" → exports map → node).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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

// The glue keeps views of the wasm memory (the input buffer, the issue records) and remakes them
// only when a grown memory has detached them: results stay the same across a growth.
test("results are unchanged after a large input grows the wasm memory", () => {
  const op = "gathr.updateCustomer";
  const bad = several[op].input;
  const before = [validate(op, bad), checkJson(op, JSON.stringify(bad)), validate(op, examples[op])];
  assert.equal(before[0].ok, false);
  // ~900k characters: the input buffer (3 bytes per character) outgrows the memory's first MiB.
  const big = { ...examples[op], first_name: "A".repeat(900_000) };
  assert.equal(validate(op, big).issues[0].code, "too_long");
  assert.equal(checkJson(op, JSON.stringify(big)).issues[0].code, "too_long");
  const after = [validate(op, bad), checkJson(op, JSON.stringify(bad)), validate(op, examples[op])];
  assert.deepEqual(after, before);
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
  assert.throws(() => validate("é".repeat(90), {}), (e) => e.message.startsWith(`unknown operation "${"é".repeat(80)}"; valid ids: accessbank.updateCustomerDetails, bvnk.updateCustomer, `) && e.message.endsWith(", m2p.updateNomineeDetails"));
  assert.throws(() => schema("x"), TypeError);
  assert.throws(() => describe("x"), TypeError);
  // An id that is not a string, or holds a lone surrogate, is named as the wasm's reader writes it.
  for (const [op, named] of [[5, "5"], [undefined, "undefined"], [Symbol("s"), "Symbol(s)"], ["a\ud800b", "a\ufffdb"]]) {
    for (const call of [() => validate(op, {}), () => checkJson(op, "{}"), () => validateJson(op, "{}"), () => schema(op)]) {
      assert.throws(call, (e) => e instanceof TypeError && e.message.startsWith(`unknown operation "${named}"; valid ids: accessbank.`));
    }
  }
});

test("unknown op as the first call of a process: a TypeError, never the remembered operation's verdict", () => {
  // validate, validateJson and checkJson remember the last operation's index; before any call
  // there is none, and an id equal to the "nothing yet" state (undefined) must not pass for one.
  for (const entry of ["customer-update", "customer-update/validators"]) {
    for (const call of ['m.validate(undefined, {})', 'm.checkJson(undefined, "{}")', 'm.validateJson(undefined, "{}")']) {
      const code = `const m = await import(${JSON.stringify(entry)});
try { ${call}; console.log("no error"); } catch (e) { console.log(e instanceof TypeError ? e.message.slice(0, 30) : "other: " + e); }`;
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", cwd: new URL(".", import.meta.url) });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.trim(), 'unknown operation "undefined";', `${entry}: ${call}`);
    }
  }
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
    assert.match(r.issues[0].message, /^The input is too large to read: \d{7} characters of JSON, at most 1048576\.$/);
  }
  assert.equal(validate(op, undefined).issues[0].message, "The input is missing: pass an object of fields.");
  assert.equal(validate(op, 5n).issues[0].message, "The input cannot be read as JSON data (Do not know how to serialize a BigInt).");
  assert.equal(validate(op, Symbol("s")).issues[0].message, "The input must be an object of fields.");
});

// ---- issue 13 item 4: input classes JSON would change without a word ------------------------

test("Symbol, function and undefined-in-a-list values are invalid_type at their path, not dropped", async () => {
  const { buildRequest } = await import("customer-update");
  const G = "gathr.updateCustomer";
  const id = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
  const pc = (r) => (r.ok ? "ok" : r.issues.map((i) => `${JSON.stringify(i.path)} ${i.code}`));
  for (const [what, bad] of [["a Symbol", Symbol("s")], ["a function", function f() {}], ["a function", () => 1]]) {
    // Alone: the only field besides the id, so nothing else is said.
    const r = validate(G, { customer_id: id, first_name: bad });
    assert.deepEqual(pc(r), ['["first_name"] invalid_type'], what);
    assert.match(r.issues[0].message, new RegExp(`"first_name" is ${what}`));
    // Beside a valid field and beside an invalid one: reported with the others.
    assert.deepEqual(pc(validate(G, { customer_id: id, first_name: "Chris", last_name: bad })), ['["last_name"] invalid_type']);
    assert.deepEqual(pc(validate(G, { customer_id: id, email: "bad", last_name: bad })), ['["last_name"] invalid_type', '["email"] invalid_format']);
    // A required field: invalid_type, not required.
    assert.deepEqual(pc(validate(G, { customer_id: bad, first_name: "Chris" })), ['["customer_id"] invalid_type']);
    // Unknown keys holding one: still named.
    assert.deepEqual(pc(validate(G, { customer_id: id, first_name: "Chris", extra: bad })), ['["extra"] invalid_type']);
    // Inside a list and inside an open object (M2P).
    const nominees = { entityId: "E1", nominees: [{ name: "A", relationship: "Son", percentShare: 100, dob: "1990-01-01", minor: false }, bad] };
    assert.deepEqual(pc(validate("m2p.updateNomineeDetails", nominees)), ['["nominees",1] invalid_type']);
    const open = { entityId: "E1", customerRiskDetails: { score: bad } };
    assert.deepEqual(pc(validate("m2p.updateCustomer", open)), ['["customerRiskDetails","score"] invalid_type']);
    // The same through schema() and buildRequest (its other checks still run).
    assert.deepEqual(schema(G)["~standard"].validate({ customer_id: id, first_name: bad }).issues.map((i) => i.code), ["invalid_type"]);
    const b = buildRequest(G, { customer_id: id, first_name: "Chris", last_name: bad }, { token: "t" });
    assert.deepEqual(pc(b), ['["last_name"] invalid_type']);
  }
  // undefined in a list becomes null in JSON: invalid_type there; undefined as a field is absent.
  const list = { entityId: "E1", nominees: [undefined] };
  assert.deepEqual(pc(validate("m2p.updateNomineeDetails", list)), ['["nominees",0] invalid_type']);
  assert.match(validate("m2p.updateNomineeDetails", list).issues[0].message, /undefined.*become null/);
  assert.deepEqual(pc(validate(G, { customer_id: id, first_name: "Chris", last_name: undefined })), "ok");
  // A Symbol key is not a field (JSON has no such key): still ignored.
  assert.equal(validate(G, { customer_id: id, first_name: "Chris", [Symbol("k")]: 1 }).ok, true);
});

test("keys holding undefined (absent from the text) do not hide a Symbol, function, NaN or undefined-in-a-list after them", async () => {
  // The probe reads at most about one value per character of the text; undefined members leave
  // no text, so many of them used to use that up and the odd value after them was sent as valid.
  const { buildRequest } = await import("customer-update");
  const G = "gathr.updateCustomer";
  const id = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
  const pc = (r) => (r.ok ? "ok" : r.issues.map((i) => `${JSON.stringify(i.path)} ${i.code}`));
  const padded = (fields) => {
    const o = { customer_id: id, email: "chris2@gathr.com" };
    for (let i = 0; i < 200; i++) o[`u${i}`] = undefined;
    return Object.assign(o, fields);
  };
  for (const bad of [Symbol("s"), () => 1]) {
    assert.deepEqual(pc(validate(G, padded({ first_name: bad }))), ['["first_name"] invalid_type']);
    assert.deepEqual(pc(buildRequest(G, padded({ first_name: bad }), { token: "t" })), ['["first_name"] invalid_type']);
  }
  const nominees = { entityId: "E1" };
  for (let i = 0; i < 200; i++) nominees[`u${i}`] = undefined;
  nominees.nominees = [{ name: "A", relationship: "Son", percentShare: NaN, dob: "1990-01-01", minor: false }, undefined];
  assert.deepEqual(pc(validate("m2p.updateNomineeDetails", nominees)), ['["nominees",0,"percentShare"] invalid_type', '["nominees",1] invalid_type']);
  // Without an odd value the padding changes nothing.
  assert.deepEqual(pc(validate(G, padded({ first_name: "Chris" }))), "ok");
});

test("NaN and ±Infinity say \"must be a finite number\" (invalid_type), not \"cannot be null\"", async () => {
  const { buildRequest, diff } = await import("customer-update");
  const pc = (r) => (r.ok ? "ok" : r.issues.map((i) => `${JSON.stringify(i.path)} ${i.code}`));
  const op = "m2p.updateCustomer";
  for (const x of [NaN, Infinity, -Infinity]) {
    const input = { entityId: "E1", communication: { mobile: { value: "9876543210", countryCode: x } } };
    const r = validate(op, input);
    assert.deepEqual(pc(r), ['["communication","mobile","countryCode"] invalid_type'], String(x));
    assert.match(r.issues[0].message, new RegExp(`must be a finite number, not ${String(x).replace("-", "\\-")}`));
    assert.doesNotMatch(r.issues[0].message, /null/);
    assert.deepEqual(pc(buildRequest(op, input, { accessToken: "t", tenantId: "T" })), pc(r));
    assert.deepEqual(pc(diff(op, { entityId: "E1" }, input)), pc(r));
  }
  const shares = { entityId: "E1", nominees: [{ name: "A", relationship: "Son", percentShare: NaN, dob: "1990-01-01", minor: false }] };
  assert.deepEqual(pc(validate("m2p.updateNomineeDetails", shares)), ['["nominees",0,"percentShare"] invalid_type']);
});

test("a raw lone surrogate is refused by every entry point alike", async () => {
  const { buildRequest, diff, matchRequest, createClient } = await import("customer-update");
  const G = "gathr.updateCustomer";
  const id = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
  const input = { customer_id: id, first_name: "a\ud800b" };
  const raw = JSON.stringify({ first_name: "a\ud800b" }).replace("\\ud800", "\ud800");
  assert.equal(raw.isWellFormed(), false);
  const surrogate = (r) => !r.ok && r.issues.some((i) => /surrogate/.test(i.message));
  assert.ok(surrogate(validate(G, input)), "validate");
  assert.ok(surrogate(validateJson(G, JSON.stringify(input).replace("\\ud800", "\ud800"))), "validateJson");
  assert.ok(surrogate(checkJson(G, JSON.stringify(input).replace("\\ud800", "\ud800"))), "checkJson");
  assert.ok(schema(G)["~standard"].validate(input).issues.some((i) => /surrogate/.test(i.message)), "schema");
  assert.ok(surrogate(buildRequest(G, input, { token: "t" })), "buildRequest");
  assert.ok(surrogate(diff(G, { customer_id: id, first_name: "Chris" }, input)), "diff");
  assert.ok(surrogate(matchRequest("gathr", "PATCH", `/customers/${id}`, raw, "application/json")), "matchRequest json");
  const form = matchRequest("juspay", "POST", "/customers/cst_1", "first_name=a\ud800b", "application/x-www-form-urlencoded");
  assert.ok(surrogate(form), `matchRequest form: ${JSON.stringify(form)}`);
  let sent = 0;
  const client = createClient("gathr", { token: "t", baseUrl: "http://127.0.0.1:9", fetch: async () => (sent++, new Response("{}")) });
  const c = await client.updateCustomer(input);
  assert.equal(c.ok, false);
  assert.equal(sent, 0);
  assert.ok(c.error.issues.some((i) => /surrogate/.test(i.message)), JSON.stringify(c.error));
});

test("the odd-value probe reads the input a second time: a getter that throws then does not make validate throw", () => {
  const G = "gathr.updateCustomer";
  let reads = 0;
  const input = { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", get first_name() { if (reads++ > 0) throw new Error("second read"); return "Chris"; } };
  const r = validate(G, input);
  assert.equal(r.ok, true);
  let calls = 0;
  const odd = { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", first_name: "Chris", get last_name() { if (calls++ > 1) throw new Error("third read"); return Symbol("s"); } };
  const r2 = validate(G, odd);
  assert.equal(typeof r2.ok, "boolean");
});

// A valid object input is copied first and the copy's text checked (api.js `dataOf`): `value` is
// that copy, and must be exactly what `JSON.parse` of the checked text gives. Each input below is
// validated right after a valid input (the copy path) and right after a refused one (the path
// that reads the input with JSON.stringify and parses the text): both give the same result, and
// a valid one's `value` equals JSON.parse(JSON.stringify(input)): fresh plain objects and arrays,
// the same keys in the same order (its own keys only), no symbol key, −0 as 0.
test("a valid object's value is what JSON.parse of its text gives, copied or parsed", () => {
  const G = "gathr.updateCustomer";
  const M = "m2p.updateCustomer";
  const id = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
  const proto = JSON.parse(`{"__proto__":{"x":1},"customer_id":"${id}","first_name":"Chris"}`);
  const inputs = [
    [G, { customer_id: id, first_name: "Chris", last_name: undefined }],
    [G, { customer_id: id, first_name: "Chris", [Symbol("s")]: "hidden" }],
    [G, Object.defineProperty({ customer_id: id, first_name: "Chris" }, "hidden", { value: 1, enumerable: false })],
    [G, { customer_id: id, first_name: "Ch\u00e9ris \ud83d\ude00" }],
    [G, { first_name: "Chris", customer_id: id, 2: "two", 1: "one" }],
    [G, proto],
    [G, { customer_id: id, first_name: "Chris", tags: ["a", 1, -0, true, null, { b: [] }] }],
    [G, { customer_id: id, first_name: "Chris", n: -0, f: 1.5e300 }],
    [G, { customer_id: id, first_name: "Chris", when: new Date(0) }],
    [G, { customer_id: id, first_name: new String("Chris") }],
    [G, { customer_id: id, first_name: "Chris", list: [undefined] }],
    [G, { customer_id: id, first_name: "Chris", toJSON: "not a function" }],
    [G, new (class { customer_id = id; first_name = "Chris"; })()],
    [G, Object.assign(Object.create(null), { customer_id: id, first_name: "Chris" })],
    [G, new Proxy({ customer_id: id, first_name: "Chris" }, {})],
    [G, { customer_id: id, first_name: "Chris", ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])) }],
    [M, { entityId: "E1", communication: { mobile: { value: "9876543210", countryCode: 91 } } }],
    [M, { entityId: "E1", communication: { mobile: { value: "9876543210", countryCode: -0 } } }],
    [M, { entityId: "E1", communication: { mobile: { value: "9876543210", countryCode: 91, extra: undefined } } }],
    ...IDS.map((op) => [op, examples[op]]),
  ];
  const good = { customer_id: id, first_name: "Chris" };
  for (const [op, input] of inputs) {
    const results = [];
    for (const before of [good, { customer_id: 1 }]) {
      validate(G, before);
      results.push(validate(op, input));
    }
    const [copied, parsed] = results;
    const text = JSON.stringify(input);
    assert.deepStrictEqual(copied, parsed, `${op} ${text}`);
    if (!copied.ok) continue;
    assert.deepStrictEqual(copied.value, JSON.parse(text), text);
    assert.equal(JSON.stringify(copied.value), text);
    assert.notEqual(copied.value, input);
    const plain = (v) => {
      if (typeof v !== "object" || v === null) return;
      assert.equal(Object.getPrototypeOf(v), Array.isArray(v) ? Array.prototype : Object.prototype, text);
      assert.deepEqual(Object.getOwnPropertySymbols(v), [], text);
      for (const k of Object.keys(v)) plain(v[k]);
    };
    plain(copied.value);
  }
  // An enumerable key on Object.prototype is not copied as the value's own.
  validate(G, good);
  Object.prototype.polluted = "p";
  try {
    const r = validate(G, good);
    assert.equal(r.ok, true);
    assert.ok(!Object.hasOwn(r.value, "polluted"));
    assert.deepStrictEqual(Object.keys(r.value), ["customer_id", "first_name"]);
  } finally {
    delete Object.prototype.polluted;
  }
});

// The value handed back is the one checked: a getter that answers differently on each read
// gives `value` what the checked text held, on either path, and a copy is never the input.
test("a valid value is the text that was checked, whatever a getter answers on a later read", () => {
  const M = "m2p.updateCustomer";
  for (const before of [{ entityId: "E0" }, { entityId: 1 }]) {
    validate(M, before);
    let reads = 0;
    const mobile = { value: "9876543210", countryCode: 91 };
    const input = { get entityId() { return reads++ === 0 ? "E1" : 7; }, communication: { mobile } };
    const r = validate(M, input);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepStrictEqual(r.value, { entityId: "E1", communication: { mobile: { value: "9876543210", countryCode: 91 } } });
    assert.notEqual(r.value.communication.mobile, mobile);
    r.value.communication.mobile.countryCode = 1;
    assert.equal(mobile.countryCode, 91);
  }
});

// After a refused input, plain ASCII data is written into wasm memory by api.js's own walk
// (`writeData`), not by JSON.stringify and encodeInto, and the issue objects take the pieces of
// the text the records name from the strings it wrote (`pieces`). Each input below, validated
// after a refusal, gives the issues its JSON text gives (`validateJson`), whichever path took it:
// the walk (unknown keys, values named in messages, numbers, nesting, lists) or the path it
// leaves the input to (non-ASCII, escaped and control characters, a text longer than the buffer).
test("a refused object after a refusal gives the issues of its JSON text, written by the walk or by JSON.stringify", () => {
  const S = "m2p.updateCustomerStatus";
  const B = "bvnk.updateCustomerStatus";
  const A = "accessbank.updateCustomerDetails";
  const N = "m2p.updateNomineeDetails";
  const inputs = [
    ...IDS.map((op) => [op, several[op].input]),
    [S, { entityId: "", status: "EXPIRED", currentStatus: "CLOSED", reason: "x" }],
    [S, { entityId: "E", status: "EXPIRED", currentStatus: "CLOSED", zz: 1, yy: [1, 2, { a: "b" }], xx: null }],
    [B, { customerReference: 42, status: "verified", note: "x" }],
    [B, { customerReference: -0, status: "verifiedé", ["n\u00f6te"]: "x" }],
    [B, { customerReference: 1e21, status: 'ver"ified', ["no\\te"]: "x" }],
    [B, { customerReference: 1.5, status: "ver\nified", ["no\u0001te"]: "\u007f" }],
    [B, { customerReference: "r", status: 'ver"ified' }],
    [B, { customerReference: "r", ['no"te']: "x" }],
    [B, { customerReference: "r", status: "ver\\ified" }],
    [B, { customerReference: "r", status: "ver\tified" }],
    [B, { customerReference: "r", status: "ver\u2028ified" }],
    [B, { customerReference: "r", status: "\ud83d\ude00" }],
    [B, { customerReference: "r", status: "\ud83d" }],
    [A, { accountNo: "12345", emial: "x@y.co", requestId: "", [Symbol("s")]: 1, skipped: undefined }],
    [A, { accountNo: "12345", ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`unknownKey${i}`, `v${i}`])) }],
    [A, { accountNo: "1".repeat(5000), emial: "x" }],
    [A, { emial: "x".repeat(2000), email: "y".repeat(3000) }],
    [N, { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: 50, minor: true }, { name: "B", relationship: "Wife", percentShare: 1.5, dob: "2020-02-30" }] }],
    [N, { entityId: "E", nominees: [[[[[[[[]]]]]]], { name: "" }, "x", 1, false, null] }],
    [N, new Proxy({ entityId: "", nominees: [] }, {})],
  ];
  const refused = { customer_id: 1 };
  for (const [op, input] of inputs) {
    const text = JSON.stringify(input);
    const want = validateJson(op, text);
    validate("gathr.updateCustomer", refused);
    assert.deepStrictEqual(validate(op, input), want, `${op} ${text}`);
    assert.deepStrictEqual(validate(op, input), want, `${op} ${text} (again)`);
    // A function message gets the same issue (its path and code) and the same English message.
    const messages = { unknown_field: (i) => `${i.path.join(".")} ${i.message}` };
    assert.deepStrictEqual(validate(op, input, { messages }), validateJson(op, text, { messages }), `${op} ${text} (messages)`);
  }
});

// The walk reads the input while it writes: a getter that validates another input (which writes
// its own text into the same buffer) or grows the wasm memory voids the walk, and the input is
// read again by the path below; a getter that throws leaves it to that path too.
test("a getter that validates, grows the memory or throws while a refused input is written", () => {
  const S = "m2p.updateCustomerStatus";
  const G = "gathr.updateCustomer";
  const big = { customer_id: "c", x: "y".repeat(300_000) };
  const getters = [
    () => (validate(G, { customer_id: 1, popi: "true" }), "CLOSED"),
    () => (validate(G, big), "CLOSED"),
    () => (validateJson(G, JSON.stringify(big)), "CLOSED"),
  ];
  for (const get of getters) {
    validate(G, { customer_id: 1 });
    const input = { entityId: "", status: "EXPIRED", get currentStatus() { return get(); }, reason: "x" };
    assert.deepStrictEqual(validate(S, input), validateJson(S, JSON.stringify({ entityId: "", status: "EXPIRED", currentStatus: "CLOSED", reason: "x" })));
  }
  let reads = 0;
  validate(G, { customer_id: 1 });
  const throwsOnce = { entityId: "", get status() { if (reads++ === 0) throw new Error("first read"); return "EXPIRED"; } };
  assert.deepStrictEqual(validate(S, throwsOnce), validateJson(S, '{"entityId":"","status":"EXPIRED"}'));
});
