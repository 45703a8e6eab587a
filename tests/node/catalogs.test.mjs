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
  // The hot path as api.js drives it: the JSON text written into the wasm's input buffer.
  const records = () => {
    const json = JSON.stringify(input);
    const at = wasm.inputBuffer(json.length * 3);
    const { written } = new TextEncoder().encodeInto(json, new Uint8Array(wasm.initSync().memory.buffer, at, json.length * 3));
    assert.equal(wasm.checkInput(wasm.operations().indexOf(op), written, Math.floor(Date.now() / 86_400_000)) & ~4, 1); // today; the bit that says it was read left out
    return [wasm.initSync().memory.buffer, wasm.lastIssues()];
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

test("the glue's own issues (values JSON cannot carry) come from the catalogs too", () => {
  const op = "m2p.updateCustomer";
  const input = { entityId: "E1", communication: { mobile: { value: "9876543210", countryCode: NaN } } };
  assert.equal(validate(op, input).issues[0].message, '"communication.mobile.countryCode" must be a finite number, not NaN.');
  assert.equal(validate(op, input, { messages: fr }).issues[0].message, "« communication.mobile.countryCode » doit être un nombre fini, pas NaN.");
  const list = { entityId: "E1", nominees: [undefined] };
  assert.equal(
    validate("m2p.updateNomineeDetails", list, { messages: fr }).issues[0].message,
    "« nominees[0] » est undefined, que JSON ne peut pas transporter (il deviendrait null) : envoyez une valeur JSON, ou omettez la clé.",
  );
  const G = "gathr.updateCustomer";
  const dropped = { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", first_name: "Chris", last_name: Symbol("s") };
  assert.equal(validate(G, dropped).issues[0].message, '"last_name" is a Symbol, which JSON cannot carry (it would be dropped without a word): send a JSON value, or leave the key out.');
  assert.match(validate(G, dropped, { messages: { words: { symbol: "un symbole" } } }).issues[0].message, /^"last_name" is un symbole,/);
  // A message function sees the template and its parameters, as for the wasm's issues.
  const seen = validate(op, input, { messages: { "invalid_type.not_finite": (i) => `${i.template} ${i.code} ${i.params.path} ${i.params.value}` } });
  assert.equal(seen.issues[0].message, "invalid_type.not_finite invalid_type communication.mobile.countryCode NaN");
  setMessages(fr);
  try {
    assert.match(validate(op, input).issues[0].message, /doit être un nombre fini/);
  } finally {
    setMessages(null);
  }
});

test("buildRequest, diff, toProvider, diffContact and client issues are rendered from the catalogs", async () => {
  const { buildRequest, diff, toProvider, diffContact, createClient } = await import("customer-update");
  const op = "bvnk.updateCustomerStatus";
  const input = { customerReference: 42, status: "verified" };
  const french = ["Customer reference doit être du texte, pas un nombre.", "Status doit être l'une des valeurs : PENDING, VERIFIED, REJECTED. Vouliez-vous dire « VERIFIED » ?"];
  const english = validate(op, input).issues.map((i) => i.message);
  const messages = (r) => (r.ok ? "ok" : r.issues.map((i) => i.message));
  assert.deepEqual(messages(buildRequest(op, input)), english);
  setMessages(fr);
  try {
    assert.deepEqual(messages(buildRequest(op, input)), french);
    assert.deepEqual(messages(diff(op, { customerReference: "C1", status: "PENDING" }, input)), french);
    const mapped = toProvider("juspay", { email: "not an email" }, { id: "c1" });
    assert.equal(mapped.ok, false);
    assert.match(mapped.issues[0].message, /doit être une adresse e-mail/);
    assert.equal(mapped.issues[0].provider, "juspay");
    // A catalog entry for an issue's code applies to each of its templates (diffContact's
    // is `null_not_allowed.remove`).
    setMessages({ null_not_allowed: (issue) => `${issue.path.join(".")} : retrait impossible` });
    assert.deepEqual(messages(diffContact({ email: "a@example.com" }, {})), ["email : retrait impossible"]);
    setMessages(fr);
    const client = createClient("gathr", { token: "t", baseUrl: "http://127.0.0.1:9" });
    const sent = await client.updateCustomer({ customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", first_name: 5 });
    assert.equal(sent.ok, false);
    assert.equal(sent.error.kind, "validation");
    assert.match(sent.error.issues[0].message, /doit être du texte, pas un nombre\.$/);
  } finally {
    setMessages(null);
  }
  // The `messages` option: buildRequest's and diff's last argument, a client's config.
  assert.deepEqual(messages(buildRequest(op, input, {}, { messages: fr })), french);
  assert.deepEqual(messages(buildRequest(op, input)), english);
  assert.deepEqual(messages(diff(op, { customerReference: "C1", status: "PENDING" }, input, { messages: fr })), french);
  const odd = { entityId: "E1", communication: { mobile: { value: "9876543210", countryCode: NaN } } };
  assert.match(buildRequest("m2p.updateCustomer", odd, { accessToken: "t", tenantId: "T" }, { messages: fr }).issues[0].message, /doit être un nombre fini/);
  assert.throws(() => buildRequest(op, input, {}, { messages: 5 }), TypeError);
  const frClient = createClient("gathr", { token: "t", baseUrl: "http://127.0.0.1:9", messages: fr });
  const id = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
  const refused = await frClient.updateCustomer({ customer_id: id, first_name: 5 });
  assert.match(refused.error.issues[0].message, /doit être du texte, pas un nombre\.$/);
  const oddRefused = await frClient.updateCustomer({ customer_id: id, first_name: NaN });
  assert.match(oddRefused.error.issues[0].message, /doit être un nombre fini/);
  assert.throws(() => createClient("gathr", { token: "t", messages: { required: 5 } }), TypeError);
  // client.updateContact: the client's catalog applies to the contact's own issues too.
  const frJuspay = createClient("juspay", { merchantId: "m", apiKey: "k", baseUrl: "http://127.0.0.1:9", messages: fr });
  const contactRefused = await frJuspay.updateContact("c1", { email: "not an email" });
  assert.equal(contactRefused.ok, false);
  assert.match(contactRefused.error.issues[0].message, /doit être une adresse e-mail/);
  assert.equal(contactRefused.error.issues[0].provider, "juspay");
  const changedRefused = await frJuspay.updateContact("c1", {}, { before: { email: "a@example.com" } });
  assert.deepEqual(changedRefused.error.issues.map((i) => [i.code, i.message]), [["null_not_allowed", "email ne peut pas être retiré : aucun fournisseur ne documente l'effacement d'une valeur ; gardez-le ou changez-le."]]);
  const unknown = await frJuspay.updateContact("c1", { nick: "x", address: { lines: [] } });
  assert.deepEqual(unknown.error.issues.map((i) => i.message), ["nick n'est pas un champ du contact ; champs connus : email, phone, givenName, middleName, familyName, birthDate, address.", "Juspay n'a pas de champ pour address.lines : il ne peut pas y être envoyé."]);
  const mappedEn = toProvider("juspay", { email: "not an email" }, { id: "c1" });
  assert.match(mappedEn.issues[0].message, /email address/);
});

test("the client's refusal message has one source (the glue's and Rust's say the same)", async () => {
  const { createClient } = await import("customer-update");
  const { NOT_SENT } = await import("../../pkg/dist/messages.js");
  const client = createClient("gathr", { token: "t", baseUrl: "http://127.0.0.1:9" });
  const id = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
  const byRust = await client.updateCustomer({ customer_id: id, first_name: 5 });
  const byGlue = await client.updateCustomer({ customer_id: id, first_name: NaN });
  assert.equal(byRust.error.message, NOT_SENT[0]);
  assert.equal(byGlue.error.message, NOT_SENT[0]);
  const two = await client.updateCustomer({ customer_id: id, first_name: NaN, last_name: Symbol("s") });
  assert.equal(two.error.message, `${NOT_SENT[1]}2${NOT_SENT[2]}`);
  assert.equal(two.error.message, "The request has 2 problems; nothing was sent.");
});

test("setMessages is per entry: the default entry's catalog does not reach customer-update/validators, which has its own", async () => {
  const v = await import("customer-update/validators");
  const [op, { input }] = Object.entries(several)[0];
  const english = v.validate(op, input);
  setMessages(fr);
  try {
    assert.notDeepEqual(validate(op, input).issues.map((i) => i.message), english.issues.map((i) => i.message));
    assert.deepEqual(v.validate(op, input), english);
    v.setMessages(fr);
    assert.deepEqual(v.validate(op, input), validate(op, input));
  } finally {
    setMessages(null);
    v.setMessages(null);
  }
  assert.deepEqual(v.validate(op, input), english);
});
