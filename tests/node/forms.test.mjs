// Form mode (issue 15 item 1): validate(op, input, { form: true }), schema(op, { form: true }) and
// fromFormData(op, FormData | URLSearchParams), on the built package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { operations, validate, schema, fromFormData, tanstackValidator, describe } from "customer-update";
import * as validators from "customer-update/validators";
import { examples, several } from "./cases.mjs";

const form = { form: true };
const at = (issues) => Object.fromEntries(issues.map((i) => [JSON.stringify(i.path), [i.code, i.message]]));
const childDob = `${new Date().getUTCFullYear() - 5}-06-01`;

// What an untouched form holds: "" for every text field, NaN for every number field.
function untouched(op) {
  const input = {};
  for (const f of describe(op)) {
    if (f.path.length !== 1 || f.location === "input" && f.type !== "string") continue;
    if (f.type === "string") input[f.path[0]] = "";
    else if (f.type === "integer" || f.type === "number") input[f.path[0]] = NaN;
  }
  return input;
}

test("empty submit: every field blank gives 'X is required' for the required ones, and nothing about blanks", () => {
  for (const op of operations()) {
    const r = validate(op, untouched(op), form);
    assert.equal(r.ok, false, op);
    const required = describe(op).filter((f) => f.path.length === 1 && f.required).map((f) => JSON.stringify(f.path));
    for (const p of required) {
      const [code, message] = at(r.issues)[p] ?? [];
      const label = describe(op).find((f) => JSON.stringify(f.path) === p).label;
      assert.equal(code, "required", `${op} ${p}`);
      assert.equal(message, `${label} is required.`);
    }
    for (const i of r.issues) assert.ok(["required", "at_least_one_required"].includes(i.code), `${op}: ${JSON.stringify(i)}`);
  }
  // Without form mode the same blanks are `empty` issues (the contract for API callers is unchanged).
  const plain = validate("juspay.updateCustomer", untouched("juspay.updateCustomer"));
  assert.ok(plain.issues.some((i) => i.code === "empty"));
  assert.deepEqual(at(validate("juspay.updateCustomer", untouched("juspay.updateCustomer"), form).issues), {
    '["customer_id"]': ["required", "Customer id is required."],
    "[]": ["at_least_one_required", "Fill in at least one of: Email address, First name, Last name, Mobile number, Mobile country code."],
  });
});

test("an empty number input (NaN) is absent: a required number is required, an optional one is left out", () => {
  const r = validate("m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: NaN }] }, form);
  assert.deepEqual(at(r.issues), { '["nominees",0,"percentShare"]': ["required", "Share (%) is required."] });
  const plain = validate("m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: NaN }] });
  assert.equal(plain.issues[0].code, "invalid_type", "without form mode NaN is not a finite number");
  assert.match(plain.issues[0].message, /must be a finite number/);
  const ok = validate("m2p.updateCustomer", { entityId: "E", communication: { mobile: { value: "", countryCode: NaN }, email: "" } }, form);
  assert.deepEqual(ok, { ok: true, value: { entityId: "E" } });
});

test("an optional section left empty is absent; a partly filled one is checked; a required one left empty is required", () => {
  const empty = { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: 100, guardian: { name: "" }, address: { address1: "", city: "", state: "", country: "", pin: "" } }] };
  assert.deepEqual(validate("m2p.updateNomineeDetails", empty, form), {
    ok: true,
    value: { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: 100 }] },
  });
  const partly = structuredClone(empty);
  partly.nominees[0].address.city = "Chennai";
  const r = validate("m2p.updateNomineeDetails", partly, form);
  assert.deepEqual(r.issues.map((i) => i.path.at(-1)).sort(), ["address1", "country", "pin", "state"]);
  assert.ok(r.issues.every((i) => i.code === "required" && / is required\.$/.test(i.message)));
  const person = validate("bvnk.updateCustomerAssociates", { customerReference: "r", associates: [{ person: { firstName: "", lastName: "", dateOfBirth: "" } }] }, form);
  assert.deepEqual(at(person.issues), { '["associates",0,"person"]': ["required", "Person is required."] });
  // A list row whose fields are all empty stays a row: its required fields are reported.
  const row = validate("m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "", relationship: "", percentShare: NaN }] }, form);
  assert.deepEqual(row.issues.map((i) => JSON.stringify(i.path)).sort(), ['["nominees",0,"name"]', '["nominees",0,"percentShare"]', '["nominees",0,"relationship"]']);
});

test("form messages never say null, omit or a field key: over the corpus's invalid inputs", () => {
  const inputs = [...Object.entries(several).map(([op, c]) => [op, c.input]), ...operations().map((op) => [op, untouched(op)])];
  inputs.push(["m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "A", relationship: "S", percentShare: 50, dob: "1990-01-01", minor: true }] }]);
  inputs.push(["gathr.updateCustomer", { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", id_number: "123" }]);
  inputs.push(["m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "A", relationship: "S", percentShare: "50" }] }]);
  let n = 0;
  for (const [op, input] of inputs) {
    const r = validate(op, input, form);
    assert.equal(r.ok, false, op);
    for (const i of r.issues) {
      n++;
      assert.doesNotMatch(i.message, /\bnull\b|omit|percentShare|id_type|nominees\b|email_address/, `${op}: ${i.message}`);
      assert.match(i.message, /^[A-Z"]/, i.message);
    }
  }
  assert.ok(n > 30);
  const rewritten = at(validate("m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "A", relationship: "S", percentShare: 50, dob: "1990-01-01", minor: true }] }, form).issues);
  assert.deepEqual(rewritten, {
    '["nominees"]': ["sum_mismatch", "The Share (%) values must add up to 100; they add up to 50."],
    '["nominees",0,"minor"]': ["minor_mismatch", "Minor does not match the date of birth (under 18 is a minor)."],
    '["nominees",0,"guardian"]': ["guardian_required", "Guardian is required for someone under 18."],
  });
  assert.equal(validate("gathr.updateCustomer", { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", id_number: "123" }, form).issues[0].message,
    'ID number must be a valid 13-digit South African ID number; for another document choose ID type "passport".');
});

test("form mode: a value JSON cannot carry (Infinity, -Infinity in a list, a function) is named by its label, not its quoted key", () => {
  // The odd-value issues' own messages start with the quoted path ("\"first_name\" must be a finite
  // number, …"): form mode must not read that as the field's label.
  const cases = [
    ["juspay.updateCustomer", { customer_id: "c", first_name: Infinity }, ["first_name"], "First name must be text."],
    ["juspay.updateCustomer", { customer_id: "c", first_name: () => 1 }, ["first_name"], "First name must be text."],
    ["m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: -Infinity, relationship: "S", percentShare: 100 }] }, ["nominees", 0, "name"], "Name must be text."],
  ];
  for (const entry of [validate, validators.validate]) {
    for (const [op, input, path, message] of cases) {
      const issue = entry(op, input, form).issues.find((i) => JSON.stringify(i.path) === JSON.stringify(path));
      assert.ok(issue, `${op} ${JSON.stringify(path)}`);
      assert.equal(issue.message, message);
    }
  }
});

test("fromFormData: nested names (dots and brackets), numbers and booleans by the spec, valid", () => {
  const fd = new FormData();
  for (const [k, v] of [
    ["entityId", "615928984620006085281025"],
    ["nominees.0.name", "Ravi Kumar"], ["nominees.0.relationship", "Son"], ["nominees.0.dob", "1990-01-01"], ["nominees.0.percentShare", "60"],
    ["nominees.0.minor", "false"], ["nominees.0.mobile.value", "9876543210"], ["nominees.0.mobile.countryCode", " 91 "],
    ["nominees[1][name]", "Asha Kumar"], ["nominees[1][relationship]", "Daughter"], ["nominees[1][dob]", childDob], ["nominees[1].percentShare", "40"],
    ["nominees[1][minor]", "false"], ["nominees[1][minor]", "on"], // a hidden "false" before the checkbox: the last value wins
    ["nominees[1][guardian][name]", "Meera Kumar"],
    ["nominees.1.address.address1", ""], ["nominees.1.address.city", ""], ["nominees.1.address.state", ""], ["nominees.1.address.country", ""], ["nominees.1.address.pin", ""],
  ]) fd.append(k, v);
  assert.deepEqual(fromFormData("m2p.updateNomineeDetails", fd), {
    ok: true,
    value: {
      entityId: "615928984620006085281025",
      nominees: [
        { name: "Ravi Kumar", relationship: "Son", dob: "1990-01-01", percentShare: 60, minor: false, mobile: { value: "9876543210", countryCode: 91 } },
        { name: "Asha Kumar", relationship: "Daughter", dob: childDob, percentShare: 40, minor: true, guardian: { name: "Meera Kumar" } },
      ],
    },
  });
  // Numbers stay strings where the spec says string (an account number keeps its leading zero).
  assert.deepEqual(fromFormData("accessbank.updateCustomerDetails", new URLSearchParams("accountNo=0702334455&email=jane.doe%40example.com&requestId=")),
    { ok: true, value: { accountNo: "0702334455", email: "jane.doe@example.com" } });
});

test("fromFormData: booleans as checkboxes send them (on, true, 1, yes / off, false, 0, no; unchecked is absent)", () => {
  for (const [v, want] of [["on", true], ["true", true], ["1", true], ["yes", true], ["off", false], ["false", false], ["0", false], ["no", false]]) {
    const r = fromFormData("gathr.updateCustomer", new URLSearchParams({ customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", popi: v }));
    assert.deepEqual(r, { ok: true, value: { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", popi: want } }, v);
  }
  const unchecked = fromFormData("gathr.updateCustomer", new URLSearchParams({ customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", popi: "" }));
  assert.deepEqual(at(unchecked.issues), { "[]": ["at_least_one_required", "Fill in at least one of: Client reference, POPI consent, Terms accepted, Email, ID number, First name, Middle name, Last name, ID type, Nationality."] });
  const bad = fromFormData("gathr.updateCustomer", new URLSearchParams({ customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", popi: "maybe" }));
  assert.deepEqual(at(bad.issues), { '["popi"]': ["invalid_type", "POPI consent must be yes or no."] });
});

test("fromFormData: invalid values are reported at the form's names, for a person", () => {
  const r = fromFormData("m2p.updateNomineeDetails", new URLSearchParams(
    "entityId=E&nominees.0.name=A&nominees.0.relationship=Son&nominees.0.percentShare=sixty&nominees.0.dob=2020-02-30&nominees.0.mobile.value=98765&nominees.0.mobile.countryCode=",
  ));
  assert.deepEqual(at(r.issues), {
    '["nominees",0,"dob"]': ["invalid_format", "Date of birth must be a real date written yyyy-MM-dd (e.g. 1990-01-31)."],
    '["nominees",0,"percentShare"]': ["invalid_type", "Share (%) must be a whole number."],
    '["nominees",0,"mobile","value"]': ["invalid_format", "Mobile number must be exactly 10 digits."],
    '["nominees",0,"mobile","countryCode"]': ["required", "Country code is required."],
  });
  const empty = fromFormData("m2p.updateNomineeDetails", new FormData());
  assert.deepEqual(at(empty.issues), { '["entityId"]': ["required", "Entity id is required."], '["nominees"]': ["required", "Nominees is required."] });
});

test("fromFormData: hostile names and shapes stay data (no prototype writes, no huge lists), bad arguments throw a TypeError", () => {
  const r = fromFormData("m2p.updateNomineeDetails", new URLSearchParams("entityId=E&__proto__.polluted=1&constructor.prototype.x=1&nominees.99999999.name=A&nominees.99999999.relationship=S&nominees.99999999.percentShare=100&nominees.x.name=B"));
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.x, undefined);
  assert.deepEqual(r.issues.map((i) => `${JSON.stringify(i.path)} ${i.code}`).sort(), ['["__proto__"] unknown_field', '["constructor"] unknown_field']);
  assert.throws(() => fromFormData("m2p.nope", new FormData()), TypeError);
  assert.throws(() => fromFormData("m2p.updateNomineeDetails", 42), TypeError);
  assert.deepEqual(fromFormData("bvnk.updateCustomerStatus", [["customerReference", "r"], ["status", "VERIFIED"]]), { ok: true, value: { customerReference: "r", status: "VERIFIED" } });
});

test("schema(op, { form: true }): a Standard Schema in form mode, cached apart from the plain one", async () => {
  const s = schema("m2p.updateNomineeDetails", form);
  assert.equal(s, schema("m2p.updateNomineeDetails", form));
  assert.notEqual(s, schema("m2p.updateNomineeDetails"));
  const r = s["~standard"].validate({ entityId: "", nominees: [] });
  assert.deepEqual(at(r.issues), { '["entityId"]': ["required", "Entity id is required."], '["nominees"]': ["too_few_items", "Nominees needs at least one item."] });
  assert.deepEqual(s["~standard"].validate({ ...examples["m2p.updateNomineeDetails"], nominees: [{ ...examples["m2p.updateNomineeDetails"].nominees[0], address: { address1: "", city: "", state: "", country: "", pin: "" } }] }).issues, undefined);
  assert.throws(() => schema("m2p.nope", form), TypeError);
});

test("the non-form path is unchanged: same results with no options, {} or { form: false }", () => {
  for (const op of operations()) {
    for (const input of [examples[op], several[op].input, untouched(op)]) {
      const plain = validate(op, input);
      assert.deepEqual(validate(op, input, {}), plain);
      assert.deepEqual(validate(op, input, { form: false }), plain);
      assert.deepEqual(validate(op, input, null), plain);
    }
  }
});

test("customer-update/validators has form mode and fromFormData too", () => {
  assert.deepEqual(at(validators.validate("juspay.updateCustomer", { customer_id: "", email_address: "" }, form).issues)['["customer_id"]'], ["required", "Customer id is required."]);
  assert.deepEqual(validators.fromFormData("bvnk.updateCustomerStatus", new URLSearchParams("customerReference=r&status=VERIFIED")), { ok: true, value: { customerReference: "r", status: "VERIFIED" } });
  assert.equal(validators.schema("bvnk.updateCustomerStatus", form)["~standard"].validate({ customerReference: "", status: "" }).issues.length, 2);
});

test("form mode never throws for hostile values: circular, throwing getters, BigInt, Proxies, non-objects", () => {
  const circ = { entityId: "E" };
  circ.self = circ;
  const hostile = [circ, { entityId: "E", get nominees() { throw new Error("x"); } }, { entityId: 1n },
    new Proxy({}, { ownKeys() { throw new Error("k"); } }), "text", 42, null, undefined, [], { nominees: [[[[]]]] }, Object.create({ inherited: 1 })];
  for (const input of hostile) {
    const r = validate("m2p.updateNomineeDetails", input, form);
    assert.equal(r.ok, false);
    for (const i of r.issues) assert.ok(Array.isArray(i.path) && typeof i.code === "string" && typeof i.message === "string" && i.message.length > 0);
  }
  assert.deepEqual(at(validate("m2p.updateNomineeDetails", circ, form).issues), { "[]": ["invalid_type", "The form could not be read."] });
});

test("tanstackValidator: field issues under TanStack's names, issues about the whole input as the form's error", () => {
  const v = tanstackValidator("m2p.updateNomineeDetails", form);
  assert.equal(v({ value: { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: 100 }] } }), undefined);
  const r = v({ value: { entityId: "E", nominees: [{ name: "", relationship: "Son", percentShare: NaN }] } });
  assert.equal(r.form, undefined);
  assert.deepEqual(Object.keys(r.fields).sort(), ["nominees[0].name", "nominees[0].percentShare"]);
  assert.equal(r.fields["nominees[0].percentShare"], "Share (%) is required.");
  // A root issue (at least one of several fields) is the form's error, never a field named "".
  const root = tanstackValidator("juspay.updateCustomer", form)({ value: { customer_id: "cst_1" } });
  assert.match(root.form, /at least one of/i);
  assert.equal(Object.hasOwn(root.fields, ""), false);
  assert.throws(() => tanstackValidator("nope.op"), TypeError);
});

// `example(op)`: the seed's example input, a fresh copy each call (since session 8 read from the
// generated examples.js instead of the wasm: the same values, key order and errors).
test("example(op) is the seed's input, fresh each call; an unknown id is a TypeError naming the ids", async () => {
  const { example } = await import("customer-update");
  for (const op of operations()) {
    assert.deepEqual(example(op), examples[op], op);
    assert.equal(JSON.stringify(example(op)), JSON.stringify(examples[op]), `${op}: key order`);
    const a = example(op);
    a.changed = true;
    assert.equal(example(op).changed, undefined, `${op}: a fresh copy`);
  }
  assert.throws(() => example("nope.op"), (e) => e instanceof TypeError && e.message === `unknown operation "nope.op"; valid ids: ${operations().join(", ")}`);
  assert.throws(() => example("x".repeat(100)), (e) => e instanceof TypeError && e.message.startsWith(`unknown operation "${"x".repeat(80)}"; valid ids: `));
});

// `describe(op)`: since session 10 read from the generated describe.js instead of the wasm (the
// same entries, key order and errors; tests/diff.rs holds the text to the native `describe`).
test("describe(op) is fresh each call, lists nested and array fields with hints; an unknown id is a TypeError naming the ids", async () => {
  const { describe } = await import("customer-update");
  for (const op of operations()) {
    const a = describe(op);
    assert.ok(a.length > 0, op);
    a[0].label = "changed";
    a.push({});
    assert.deepEqual(describe(op).length, a.length - 1, `${op}: a fresh copy`);
    assert.notEqual(describe(op)[0].label, "changed", `${op}: a fresh copy`);
  }
  const share = describe("m2p.updateNomineeDetails").find((f) => f.path.join(".") === "nominees.*.percentShare");
  assert.deepEqual(share, { path: ["nominees", "*", "percentShare"], label: share.label, type: "integer", required: true, location: "body", ...(share.hint ? { hint: share.hint } : {}), minimum: 1, maximum: 100 });
  assert.ok(operations().some((op) => describe(op).some((f) => typeof f.hint === "string" && f.hint.length > 0)), "hints are served");
  assert.throws(() => describe("nope.op"), (e) => e instanceof TypeError && e.message === `unknown operation "nope.op"; valid ids: ${operations().join(", ")}`);
  assert.throws(() => describe("x".repeat(100)), (e) => e instanceof TypeError && e.message.startsWith(`unknown operation "${"x".repeat(80)}"; valid ids: `));
});

test("form-fields.js: a row without a label gets its last key's humanise, which is the spec's label", async () => {
  // The generator leaves a label out when forms.js's `humanise` of the row's last key gives it
  // (codegen/src/emit/contracts.rs, `form_label_default`: the same steps in Rust, held to the same
  // answers as here).
  const dist = new URL("./", import.meta.resolve("customer-update"));
  const { humanise } = await import(new URL("forms.js", dist).href);
  const { FORM_FIELDS } = await import(new URL("form-fields.js", dist).href);
  for (const [key, label] of [
    ["email", "Email"],
    ["phoneNumber", "Phone number"],
    ["first_name", "First name"],
    ["hasOwnership", "Has ownership"],
    ["nominees", "Nominees"],
    ["addressLine1", "Address line1"],
    ["x1Y", "X1 y"],
    ["ABC", "Abc"],
    ["a__b--c", "A b c"],
    ["_lead_", "Lead"],
    ["customer-id", "Customer id"],
    ["id_type", "Id type"],
    ["__", "This field"],
  ]) {
    assert.equal(humanise(key), label, key);
  }
  let omitted = 0;
  for (const op of operations()) {
    const labels = new Map(describe(op).map((f) => [f.path.join("."), f.label]));
    // An operation with no row and no rule is left out (forms.js reads it as empty).
    for (const [path, type, label] of FORM_FIELDS[op]?.fields ?? []) {
      const effective = label ?? humanise(path.split(".").filter((k) => k !== "*").pop());
      if (label === undefined) omitted++;
      // A text field's row is there for its own label only (text with the default label is
      // what forms.js assumes for a field it has no row for).
      assert.ok(type !== "string" || label !== undefined, `${op}: ${path} is a text row without a label`);
      // A list's rows ("nominees.*") are labelled as the list.
      assert.equal(effective, labels.get(path) ?? labels.get(path.replace(/\.\*$/, "")), `${op}: ${path}`);
    }
  }
  assert.ok(omitted > 20, `${omitted} labels left out`);
});
