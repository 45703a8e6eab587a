// Message catalogs: English is the default and unchanged; every catalog has a message for every
// template (so for every code); the per-call `messages` option, `setMessages` and their order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { validate, validateJson, checkJson, schema, setMessages, messagesEn, messageTemplates } from "customer-update";
import fr from "customer-update/messages/fr";
import { several } from "./cases.mjs";

const CATALOGS = { en: messagesEn, fr };
const placeholders = (text) => [...text.matchAll(/\{([^}:]*)(?::[^}]*)?\}/g)].map((m) => m[1]);

test("every catalog has a message for every template, using only that template's parameters", () => {
  const codes = new Set();
  for (const t of messageTemplates) {
    if (t.code) codes.add(t.code);
    for (const [name, catalog] of Object.entries(CATALOGS)) {
      const text = catalog[t.id];
      assert.equal(typeof text, "string", `${name} has no message for ${t.id}`);
      for (const p of placeholders(text)) assert.ok(t.params.includes(p), `${name} ${t.id}: {${p}} is not a parameter (${t.params})`);
    }
  }
  // every issue code has at least one template, so every code has a message in every catalog
  const all = ["required", "unknown_field", "null_not_allowed", "read_only", "invalid_type", "empty", "too_long", "invalid_format", "not_in_enum", "at_least_one_required", "too_few_items", "too_many_items", "sum_mismatch", "guardian_required", "invalid_transition", "date_in_future", "out_of_range", "minor_mismatch"];
  for (const c of all) assert.ok(codes.has(c), `no template for ${c}`);
  for (const [name, catalog] of Object.entries(CATALOGS)) {
    for (const w of Object.keys(messagesEn.words)) assert.equal(typeof catalog.words[w], "string", `${name} has no word ${w}`);
    for (const key of Object.keys(catalog)) assert.ok(key === "words" || messageTemplates.some((t) => t.id === key), `${name}: ${key} is no template`);
  }
});

test("a catalog changes messages only: paths, codes, formats and order stay", () => {
  for (const [op, { input }] of Object.entries(several)) {
    const en = validate(op, input);
    const inFrench = validate(op, input, { messages: fr });
    assert.equal(en.ok, false);
    assert.deepEqual(inFrench.issues.map(({ message, ...rest }) => rest), en.issues.map(({ message, ...rest }) => rest), op);
    for (let i = 0; i < en.issues.length; i++) assert.notEqual(inFrench.issues[i].message, en.issues[i].message, `${op} ${en.issues[i].code}`);
    const text = JSON.stringify(input);
    assert.deepEqual(validateJson(op, text, { messages: fr }), inFrench);
    assert.deepEqual(checkJson(op, text, { messages: fr }), inFrench);
  }
  const r = validate("bvnk.updateCustomerStatus", { customerReference: 42, status: "verified" }, { messages: fr });
  assert.deepEqual(r.issues.map((i) => i.message), [
    "Customer reference doit être du texte, pas un nombre.",
    "Status doit être l'une des valeurs : PENDING, VERIFIED, REJECTED. Vouliez-vous dire « VERIFIED » ?",
  ]);
});

test("messages by code or template id, as strings or functions, over setMessages, over English", () => {
  const op = "accessbank.updateCustomerDetails";
  const input = several[op].input; // invalid_format, unknown_field, empty, at_least_one_required
  const en = validate(op, input).issues;
  const seen = [];
  const custom = validate(op, input, {
    messages: {
      empty: "{label}: fill it in",
      unknown_field: (issue) => {
        seen.push(issue);
        return `no ${issue.params.key} here`;
      },
      "unknown_field.suggest": (issue) => `no ${issue.params.key}; ${issue.params.suggestion}?`,
    },
  }).issues;
  assert.deepEqual(custom.map((i) => i.code), en.map((i) => i.code));
  const by = (issues, code) => issues.find((i) => i.code === code).message;
  assert.equal(by(custom, "empty"), "Request id: fill it in");
  assert.equal(by(custom, "unknown_field"), "no emial; email?");
  assert.equal(by(custom, "invalid_format"), by(en, "invalid_format"), "other codes keep English");
  assert.equal(seen.length, 0, "the template id goes before the code");

  // A function gets path, code, params, label, template and the English message.
  let context;
  validate(op, input, { messages: { invalid_format: (issue) => ((context = issue), "x") } });
  assert.deepEqual(context.path, ["accountNo"]);
  assert.equal(context.code, "invalid_format");
  assert.equal(context.template, "invalid_format.digits_exact");
  assert.equal(context.label, context.params.label);
  assert.equal(context.params.count, 10);
  assert.equal(context.message, by(en, "invalid_format"));

  // setMessages: every call, the per-call option first, null goes back to English.
  try {
    setMessages(fr);
    assert.equal(by(validate(op, input).issues, "at_least_one_required"), by(validate(op, input, { messages: fr }).issues, "at_least_one_required"));
    assert.match(by(validate(op, input).issues, "at_least_one_required"), /^Fournissez au moins/);
    assert.equal(by(validate(op, input, { messages: { at_least_one_required: "one please" } }).issues, "at_least_one_required"), "one please");
    assert.match(by(validate(op, input, { messages: { at_least_one_required: "one please" } }).issues, "empty"), /ne peut pas être vide/);
    assert.match(by(schema(op)["~standard"].validate(input).issues, "empty"), /ne peut pas être vide/);
  } finally {
    setMessages(null);
  }
  assert.deepEqual(validate(op, input).issues, en, "back to English");
  assert.deepEqual(schema(op, { messages: fr })["~standard"].validate(input).issues, validate(op, input, { messages: fr }).issues);
  assert.deepEqual(schema(op)["~standard"].validate(input).issues, en);

  // words: the words templates insert
  const typed = validate("bvnk.updateCustomerStatus", { customerReference: true, status: "VERIFIED" }, { messages: { words: { boolean: "a yes/no" } } });
  assert.match(typed.issues[0].message, /must be text, not a yes\/no\.$/);
});

test("a malformed catalog is a TypeError; a function returning no string falls back to English", () => {
  assert.throws(() => validate("gathr.updateCustomer", {}, { messages: 5 }), TypeError);
  assert.throws(() => validate("gathr.updateCustomer", {}, { messages: { required: 5 } }), /must be a string or a function/);
  assert.throws(() => setMessages("fr"), TypeError);
  const r = validate("gathr.updateCustomer", {}, { messages: { required: () => undefined } });
  assert.equal(r.issues[0].message, validate("gathr.updateCustomer", {}).issues[0].message);
});

test("a mode can layer its catalog under the caller's (issuesAt with a list, first match first)", async () => {
  // An instance of its own (the node entry's are not exposed): the records it keeps are the same.
  const wasm = await import("../../pkg/dist/wasm/customer_update.js");
  wasm.initSync({ module: readFileSync(new URL("../../pkg/dist/wasm/customer_update_bg.wasm", import.meta.url)) });
  const { issuesAt } = await import("../../pkg/dist/issues.js");
  const op = "accessbank.updateCustomerDetails";
  const input = several[op].input;
  const records = () => {
    assert.equal(wasm.validate(op, input), 1);
    return [wasm.wasmMemory().buffer, wasm.lastIssues()];
  };
  const mode = { empty: "{label} is required", at_least_one_required: "Fill in {fields}", words: { or: "or else" } };
  const caller = { at_least_one_required: "caller wins" };
  const [words, side] = records();
  const layered = issuesAt(words, side, [caller, mode]);
  const english = validate(op, input).issues;
  assert.deepEqual(layered.map((i) => i.message), english.map((i) =>
    i.code === "empty" ? "Request id is required" : i.code === "at_least_one_required" ? "caller wins" : i.message));
  const [w2, s2] = records();
  assert.equal(issuesAt(w2, s2, [undefined, mode]).find((i) => i.code === "at_least_one_required").message, "Fill in email, phoneNumber");
});

test("a message function may itself validate (the records it reads are not overwritten under it)", () => {
  const op = "bvnk.updateCustomerStatus";
  const input = { customerReference: 42, status: "verified", note: "x" };
  const english = validate(op, input).issues;
  const r = validate(op, input, {
    messages: {
      invalid_type: (issue) => {
        const inner = validate("gathr.updateCustomer", { popi: 1, x: 2, y: 3, z: [1, 2, 3] });
        return `${issue.message} (${inner.issues.length})`;
      },
    },
  });
  assert.deepEqual(r.issues.map(({ message, ...rest }) => rest), english.map(({ message, ...rest }) => rest));
  assert.equal(r.issues[0].message, `${english[0].message} (${validate("gathr.updateCustomer", { popi: 1, x: 2, y: 3, z: [1, 2, 3] }).issues.length})`);
  assert.deepEqual(r.issues.slice(1), english.slice(1));
});
