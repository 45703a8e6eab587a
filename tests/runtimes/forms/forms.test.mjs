// Form libraries over schema(op), in Node: react-hook-form's standardSchemaResolver called the way
// useForm calls it, and the Standard Schema contract TanStack Form (and others) rely on.
import assert from "node:assert/strict";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import { schema } from "customer-update";

const step = async (name, fn) => { await fn(); console.log(`  ok - ${name}`); };
const rhfOptions = { fields: {}, shouldUseNativeValidation: false };

const childDob = `${new Date().getUTCFullYear() - 5}-06-01`; // a minor whatever the date

const validNominees = {
  entityId: "615928984620006085281025",
  nominees: [
    { name: "Ravi Kumar", relationship: "Son", dob: "1990-01-01", percentShare: 60 },
    { name: "Asha Kumar", relationship: "Daughter", dob: childDob, percentShare: 40, minor: true, guardian: { name: "Meera Kumar" } },
  ],
};
const invalidNominees = {
  entityId: "615928984620006085281025",
  nominees: [
    { name: "Asha Kumar", relationship: "Daughter", percentShare: 50, minor: true },
    { name: "Ravi Kumar", relationship: "Son", percentShare: 50, dob: "2020-02-30", mobile: { value: "98765", countryCode: 91 } },
  ],
};

const resolver = standardSchemaResolver(schema("m2p.updateNomineeDetails"));

await step("react-hook-form: an invalid M2P nominee payload gives errors at their nested paths", async () => {
  const r = await resolver(invalidNominees, undefined, rhfOptions);
  assert.deepEqual(r.values, {});
  assert.equal(r.errors.nominees[0].guardian.message, "A minor (under 18) needs a guardian.");
  assert.match(r.errors.nominees[1].dob.message, /real date written yyyy-MM-dd/);
  assert.match(r.errors.nominees[1].mobile.value.message, /10 digits/);
  assert.equal(r.errors.entityId, undefined);
  assert.equal(r.errors.nominees[0].name, undefined);
});

await step("react-hook-form: a valid payload resolves to { values, errors: {} }", async () => {
  const r = await resolver(validNominees, undefined, rhfOptions);
  assert.deepEqual(r, { values: validNominees, errors: {} });
});

await step("react-hook-form: a cross-field issue lands on its array, a root issue on errors.root", async () => {
  const shares = await resolver({ entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: 50 }, { name: "B", relationship: "Wife", percentShare: 40 }] }, undefined, rhfOptions);
  assert.match(shares.errors.nominees.message, /add up to exactly 100; they add up to 90/);
  const root = await standardSchemaResolver(schema("juspay.updateCustomer"))({ customer_id: "cst_1" }, undefined, rhfOptions);
  assert.match(root.errors.root.message, /Provide at least one of: email_address/);
});

await step("react-hook-form: criteriaMode 'all' and a misspelt field (unknown_field with a suggestion)", async () => {
  const r = await standardSchemaResolver(schema("juspay.updateCustomer"))(
    { customer_id: "cst_1", email: "tim@example.com" }, undefined, { ...rhfOptions, criteriaMode: "all" });
  assert.equal(r.errors.email.message, 'Unknown field "email". Did you mean "email_address"?');
  assert.deepEqual(r.errors.email.types, { 0: 'Unknown field "email". Did you mean "email_address"?' });
});

await step("react-hook-form, form mode: an untouched form's first submit says what is required, in words for the user", async () => {
  // What useForm holds before the user types: "" in text inputs, NaN in an empty valueAsNumber input.
  const untouched = { entityId: "", nominees: [{ name: "", relationship: "", dob: "", percentShare: NaN, guardian: { name: "" } }] };
  const r = await standardSchemaResolver(schema("m2p.updateNomineeDetails", { form: true }))(untouched, undefined, rhfOptions);
  assert.deepEqual(r.values, {});
  assert.equal(r.errors.entityId.message, "Entity id is required.");
  assert.equal(r.errors.nominees[0].name.message, "Name is required.");
  assert.equal(r.errors.nominees[0].percentShare.message, "Share (%) is required.");
  assert.equal(r.errors.nominees[0].guardian, undefined, "an optional section left empty is not checked");
  assert.equal(r.errors.nominees[0].dob, undefined, "an optional field left empty is absent");
  for (const m of JSON.stringify(r.errors).match(/"message":"[^"]*"/g)) assert.doesNotMatch(m, /null|omit/);
  // Filled in, the same form resolves to the typed values with the blanks left out.
  const filled = { entityId: "E1", nominees: [{ name: "Ravi", relationship: "Son", dob: "", percentShare: 100, guardian: { name: "" } }] };
  const ok = await standardSchemaResolver(schema("m2p.updateNomineeDetails", { form: true }))(filled, undefined, rhfOptions);
  assert.deepEqual(ok, { values: { entityId: "E1", nominees: [{ name: "Ravi", relationship: "Son", percentShare: 100 }] }, errors: {} });
});

const std = schema("m2p.updateNomineeDetails")["~standard"];

await step("Standard Schema: version 1, vendor, validate is synchronous", () => {
  assert.equal(std.version, 1);
  assert.equal(std.vendor, "customer-update");
  assert.ok(!(std.validate(validNominees) instanceof Promise));
});

await step("Standard Schema (TanStack-style): { value } on success, no issues key", () => {
  const r = std.validate(validNominees);
  assert.deepEqual(r, { value: validNominees });
  assert.equal(r.issues, undefined);
});

await step("Standard Schema (TanStack-style): { issues } with path arrays on failure", () => {
  const r = std.validate(invalidNominees);
  assert.equal(r.value, undefined);
  assert.ok(Array.isArray(r.issues) && r.issues.length === 3, JSON.stringify(r.issues));
  for (const i of r.issues) {
    assert.ok(Array.isArray(i.path) && i.path.every((k) => typeof k === "string" || typeof k === "number"));
    assert.equal(typeof i.message, "string");
  }
  const byPath = Object.fromEntries(r.issues.map((i) => [JSON.stringify(i.path), i.code]));
  assert.deepEqual(byPath, {
    '["nominees",0,"guardian"]': "guardian_required",
    '["nominees",1,"dob"]': "invalid_format",
    '["nominees",1,"mobile","value"]': "invalid_format",
  });
  // TanStack Form's field-level use: the issues for one field, by path prefix.
  const forNominee1 = r.issues.filter((i) => i.path[0] === "nominees" && i.path[1] === 1);
  assert.equal(forNominee1.length, 2);
});

await step("schema(op) is cached per op and rejects an unknown op with a TypeError", () => {
  assert.equal(schema("m2p.updateNomineeDetails"), schema("m2p.updateNomineeDetails"));
  assert.throws(() => schema("m2p.updateNominee"), TypeError);
});
