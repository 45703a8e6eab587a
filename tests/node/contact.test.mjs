// The normalized contact (issue 16) through the built package: toProvider per provider, the
// conversions' edge cases, unsupported fields and issue paths with the provider, fromProvider,
// diff on contacts, and round trips contact → provider input → request → simulator →
// fromProvider → the same contact, through client.updateContact.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildRequest, createClient, diff, diffContact, fromProvider, toProvider } from "customer-update";
import { startSimulator } from "../../www/simulator/server.mjs";

const creds = JSON.parse(readFileSync(fileURLToPath(new URL("../../www/simulator/credentials.json", import.meta.url)), "utf8"));
const BASES = { accessbank: "/accessbank", juspay: "/juspay", bvnk: "/bvnk", gathr: "/gathr", m2p: "/m2p/prepaid/customer" };
const IDS = {
  accessbank: "0702334455",
  juspay: "cst_om2l6ctlptxwxuzj",
  bvnk: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06",
  gathr: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
  m2p: "615928984620006085281025",
};
const T = { timeout: 20_000 };

/** A full contact of the fields each provider stores (the others are unsupported there). */
const CONTACTS = {
  accessbank: { email: "ada@example.ng", phone: "+2348031234567" },
  juspay: { email: "ravi@example.in", phone: "+919812345678", givenName: "Ravi", middleName: "Kumar", familyName: "Sharma" },
  bvnk: { address: { lines: ["1 Market Street", "Floor 2"], city: "London", postalCode: "EC1A 1BB", country: "GB" } },
  gathr: { email: "thandi@example.co.za", givenName: "Thandi", middleName: "Nomsa", familyName: "Dlamini" },
  m2p: {
    email: "priya@example.in",
    phone: "+919988776655",
    givenName: "Priya",
    familyName: "Nair",
    birthDate: "1992-07-15",
    address: { lines: ["12 Beach Road", "Flat 3"], city: "Chennai", region: "Tamil Nadu", postalCode: "600001", country: "IN" },
  },
};

/** What each provider's success body gives back (Access Bank's envelope holds no record; M2P's
 * result has no address). */
const IN_RESPONSE = {
  accessbank: [],
  juspay: ["email", "phone", "givenName", "middleName", "familyName"],
  bvnk: ["address"],
  gathr: ["email", "givenName", "middleName", "familyName"],
  m2p: ["email", "phone", "givenName", "familyName", "birthDate"],
};

let sim;
before(async () => {
  sim = await startSimulator({ port: 0, log: () => {} });
});
after(async () => {
  await sim?.close();
});

const paths = (issues) => issues.map((i) => [i.path.join("."), i.code, i.provider]);
const stored = async (p) => (await fetch(`${sim.url}/_sim/customers/${p}/${encodeURIComponent(IDS[p])}`)).json();

/** The contact's own keys of `c` (address keys included), to compare with what was sent. */
function pick(c, like) {
  const out = {};
  for (const k of Object.keys(like)) {
    if (k === "address") out.address = pick(c.address ?? {}, like.address);
    else if (c[k] !== undefined) out[k] = c[k];
  }
  return out;
}

// First in the file: the country names reach the wasm (contact.js's setCountryNames) on the first
// contact call, whichever function it is; here fromProvider, reading names back into codes.
test("fromProvider as the first contact call reads country names", () => {
  assert.deepEqual(fromProvider("bvnk", { address: { country: " united kingdom " } }), { address: { country: "GB" } });
  assert.deepEqual(fromProvider("m2p", { result: { permanentAddress: { country: "Nigeria" } } }), { address: { country: "NG" } });
  assert.deepEqual(fromProvider("bvnk", { address: { country: "Atlantis" } }), {});
});

test("toProvider: one example per provider", () => {
  const ab = toProvider("accessbank", { email: "a@b.co", phone: "+2348012345678" }, { id: IDS.accessbank });
  assert.deepEqual(ab, { ok: true, op: "accessbank.updateCustomerDetails", input: { accountNo: IDS.accessbank, email: "a@b.co", phoneNumber: "+2348012345678" }, unsupported: [] });
  const j = toProvider("juspay", { phone: "+919876543210", givenName: "Tim", familyName: "David" }, { id: IDS.juspay });
  assert.deepEqual(j.input, { customer_id: IDS.juspay, mobile_country_code: "91", mobile_number: "9876543210", first_name: "Tim", last_name: "David" });
  const b = toProvider("bvnk", { address: { lines: ["1 Main St"], city: "Austin", postalCode: "78701", country: "US" } }, { id: IDS.bvnk });
  assert.deepEqual(b.input.address, { addressLine1: "1 Main St", city: "Austin", postalCode: "78701", countryCode: "US", country: "United States" });
  const g = toProvider("gathr", { givenName: "Chris", middleName: "John", familyName: "Wick" }, { id: IDS.gathr });
  assert.deepEqual(g.input, { customer_id: IDS.gathr, first_name: "Chris", middle_name: "John", last_name: "Wick" });
  const m = toProvider("m2p", { phone: "+919876543210", birthDate: "1999-10-10" }, { id: IDS.m2p });
  assert.deepEqual(m.input, { entityId: IDS.m2p, dob: "10/10/1999", communication: { mobile: { countryCode: 91, value: "9876543210" } } });
});

test("phone numbers of the providers' countries: Nigeria, India, South Africa, US, UK", () => {
  const cases = [
    ["+2348012345678", "234", "8012345678"],
    ["+919876543210", "91", "9876543210"],
    ["+27821234567", "27", "821234567"],
    ["+14155550123", "1", "4155550123"],
    ["+447911123456", "44", "7911123456"],
  ];
  for (const [phone, cc, national] of cases) {
    const r = toProvider("juspay", { phone }, { id: IDS.juspay });
    assert.equal(r.ok, true, phone);
    assert.deepEqual([r.input.mobile_country_code, r.input.mobile_number], [cc, national]);
  }
  // M2P's 10-digit rule on the South African number, reported on `phone` with the provider.
  const za = toProvider("m2p", { phone: "+27821234567" }, { id: IDS.m2p });
  assert.deepEqual(paths(za.issues), [["phone", "invalid_format", "m2p"]]);
  // Not E.164.
  assert.deepEqual(paths(toProvider("accessbank", { phone: "08012345678" }, { id: IDS.accessbank }).issues), [["phone", "invalid_format", "accessbank"]]);
});

test("dates, names of one and three parts, country forms", () => {
  assert.equal(toProvider("m2p", { birthDate: "2000-02-29" }, { id: IDS.m2p }).input.dob, "29/02/2000");
  assert.deepEqual(paths(toProvider("m2p", { birthDate: "2001-02-29" }, { id: IDS.m2p }).issues), [["birthDate", "invalid_format", "m2p"]]);
  assert.equal(toProvider("juspay", { givenName: "Cher" }, { id: IDS.juspay }).input.first_name, "Cher");
  const three = { givenName: "Ada", middleName: "King", familyName: "Lovelace" };
  assert.equal(toProvider("m2p", three, { id: IDS.m2p }).input.firstName, "Ada King");
  assert.equal(toProvider("gathr", three, { id: IDS.gathr }).input.middle_name, "King");
  assert.deepEqual(paths(toProvider("juspay", { middleName: "King" }, { id: IDS.juspay }).issues), [["givenName", "required", "juspay"]]);
  const addr = toProvider("m2p", { address: { lines: ["1 Rd"], city: "Lagos", region: "Lagos", postalCode: "100001", country: "NG" } }, { id: IDS.m2p });
  assert.equal(addr.input.permanentAddress.country, "Nigeria");
  assert.deepEqual(paths(toProvider("bvnk", { address: { lines: ["1 Rd"], city: "X", postalCode: "1", country: "UK" } }, { id: IDS.bvnk }).issues), [["address.country", "invalid_format", "bvnk"]]);
});

test("unsupported fields: issues with the provider, or skipped and listed", () => {
  const contact = { email: "a@b.co", givenName: "Ada", birthDate: "1990-01-31" };
  assert.deepEqual(paths(toProvider("accessbank", contact, { id: IDS.accessbank }).issues), [
    ["givenName", "unsupported_field", "accessbank"],
    ["birthDate", "unsupported_field", "accessbank"],
  ]);
  const r = toProvider("accessbank", contact, { id: IDS.accessbank, skipUnsupported: true });
  assert.deepEqual(r, { ok: true, op: "accessbank.updateCustomerDetails", input: { accountNo: IDS.accessbank, email: "a@b.co" }, unsupported: ["givenName", "birthDate"] });
  assert.deepEqual(paths(toProvider("bvnk", { phone: "+14155550123" }, { id: IDS.bvnk }).issues), [["phone", "unsupported_field", "bvnk"]]);
});

test("the operation's own issues come back on the contact's paths", () => {
  const r = toProvider("m2p", { address: { lines: ["1 Main St", "x".repeat(300)], city: "Chennai" } }, { id: IDS.m2p });
  assert.deepEqual(paths(r.issues), [
    ["address.lines.1", "too_long", "m2p"],
    ["address.postalCode", "required", "m2p"],
    ["address.region", "required", "m2p"],
    ["address.country", "required", "m2p"],
  ]);
  assert.deepEqual(r.issues[0].path, ["address", "lines", 1]);
  assert.deepEqual(paths(toProvider("juspay", { email: "nope" }, { id: IDS.juspay }).issues), [["email", "invalid_format", "juspay"]]);
  assert.deepEqual(paths(toProvider("accessbank", { email: "a@b.co" }, { id: "12" }).issues), [["id", "invalid_format", "accessbank"]]);
  assert.deepEqual(paths(toProvider("gathr", { email: "a@b.co" }, {}).issues), [["id", "required", "gathr"]]);
  assert.throws(() => toProvider("paypal", {}, { id: "1" }), TypeError);
});

test("an unknown provider key throws one TypeError text, from the contact API and createClient alike", () => {
  const message = (shown) => `unknown provider "${shown}"; valid: accessbank, bvnk, gathr, juspay, m2p`;
  for (const call of [() => toProvider("paypal", {}, { id: "1" }), () => fromProvider("paypal", {}), () => createClient("paypal", {})]) {
    assert.throws(call, (e) => e instanceof TypeError && e.message === message("paypal"));
  }
  // The contact API (wasm) cuts the key at 40 characters (code points: an emoji stays whole);
  // createClient's JS cuts it at 40 UTF-16 units before the wasm sees it.
  const long = "pay\u{1F600}".repeat(12);
  for (const call of [() => toProvider(long, {}, { id: "1" }), () => fromProvider(long, {})]) {
    assert.throws(call, (e) => e instanceof TypeError && e.message === message([...long].slice(0, 40).join("")));
  }
  assert.throws(() => createClient(long, {}), (e) => e instanceof TypeError && e.message === message(long.slice(0, 40)));
});

test("hostile contacts are issues, not exceptions", () => {
  const circular = {};
  circular.self = circular;
  for (const bad of [circular, 1n, "text", null, [], { phone: 5 }, { address: "x" }]) {
    let r;
    try {
      r = toProvider("juspay", bad, { id: IDS.juspay });
    } catch (e) {
      assert.fail(`threw for ${String(bad)}: ${e}`);
    }
    assert.equal(r.ok, false);
    assert.ok(r.issues.length > 0);
  }
});

test("fromProvider and diff on contacts", () => {
  assert.deepEqual(fromProvider("gathr", { data: { email: "c@x.co", first_name: "Chris", middle_name: "John", last_name: "Wick", full_name: "Chris John Wick" } }), {
    email: "c@x.co",
    givenName: "Chris",
    middleName: "John",
    familyName: "Wick",
  });
  assert.deepEqual(fromProvider("m2p", JSON.stringify({ result: { dob: "15/07/1992" } })), { birthDate: "1992-07-15" });
  assert.throws(() => fromProvider("m2p", 5), TypeError);
  const before = { email: "a@b.co", address: { lines: ["1 Rd"], city: "Lagos" } };
  const afterC = { email: "a@b.co", address: { lines: ["1 Rd"], city: "Abuja" } };
  assert.deepEqual(diff("contact", before, afterC), { ok: true, value: { address: { lines: ["1 Rd"], city: "Abuja" } } });
  assert.deepEqual(diffContact(before, { address: afterC.address }).issues.map((i) => [i.path, i.code]), [[["email"], "null_not_allowed"]]);
});

for (const p of Object.keys(CONTACTS)) {
  test(`round trip ${p}: contact → input → request → simulator → fromProvider → the same contact`, T, async () => {
    await fetch(`${sim.url}/_sim/reset`, { method: "POST", body: "{}" });
    const contact = CONTACTS[p];
    const config = { ...creds[p], baseUrl: `${sim.url}${BASES[p]}`, timeoutMs: 5000, retries: 0 };
    const mapped = toProvider(p, contact, { id: IDS[p] });
    assert.equal(mapped.ok, true, JSON.stringify(mapped.issues));
    // The request it would send carries the converted values.
    const req = buildRequest(mapped.op, mapped.input, p === "accessbank" || p === "m2p" ? { ...config, accessToken: "t" } : config);
    assert.equal(req.ok, true, JSON.stringify(req.issues));
    assert.ok(req.url.includes(BASES[p]), req.url);
    // Sent through the client, as updateContact.
    const client = createClient(p, config);
    const sent = await client.updateContact(IDS[p], contact);
    assert.equal(sent.ok, true, JSON.stringify(sent.error));
    assert.equal(sent.op, mapped.op);
    // What the response gives back is the contact's, where the body holds it.
    assert.deepEqual(Object.keys(sent.contact).sort(), [...IN_RESPONSE[p]].sort());
    assert.deepEqual(pick(contact, sent.contact), sent.contact);
    // What the provider stored reads back as the same contact.
    assert.deepEqual(pick(fromProvider(p, await stored(p)), contact), contact);
  });
}

test("updateContact: refused locally without sending; the provider's field errors on the contact's paths", T, async () => {
  await fetch(`${sim.url}/_sim/reset`, { method: "POST", body: "{}" });
  const m2p = createClient("m2p", { ...creds.m2p, baseUrl: `${sim.url}${BASES.m2p}`, timeoutMs: 5000, retries: 0 });
  const before = sim.state.requests ?? 0;
  const local = await m2p.updateContact(IDS.m2p, { phone: "+27821234567", nickname: "x" });
  assert.equal(local.ok, false);
  assert.equal(local.error.kind, "validation");
  assert.deepEqual(paths(local.error.issues), [["nickname", "unknown_field", "m2p"]]);
  assert.equal(sim.state.requests ?? 0, before, "nothing sent");
  const missing = await m2p.updateContact("999", { givenName: "X" });
  assert.equal(missing.ok, false);
  assert.equal(missing.error.providerCode, "PPCUST_002");
  // A provider's own field error (Juspay's seed 400 for mobile_number) comes back on `phone`.
  const body = {
    error_message: "Wrong value in mobile_number",
    status: "Invalid Request",
    error_code: "Invalid Request",
    error_info: { user_message: "Invalid value in mobile_number", fields: [{ field_name: "mobile_number", reason: "Invalid value." }], developer_message: "Invalid request params", code: "INVALID_INPUT", category: "USER_ERROR" },
  };
  const juspay = createClient("juspay", {
    ...creds.juspay,
    retries: 0,
    fetch: async () => new Response(JSON.stringify(body), { status: 400, headers: { "Content-Type": "application/json" } }),
  });
  const rejected = await juspay.updateContact(IDS.juspay, { phone: "+919812345678" });
  assert.equal(rejected.ok, false);
  assert.equal(rejected.error.providerCode, "INVALID_INPUT");
  assert.deepEqual(paths(rejected.error.issues), [["phone", "provider_rejected", "juspay"]]);
});

test("updateContact with before: only the changed fields are sent", T, async () => {
  await fetch(`${sim.url}/_sim/reset`, { method: "POST", body: "{}" });
  const sent = [];
  const juspay = createClient("juspay", { ...creds.juspay, baseUrl: `${sim.url}${BASES.juspay}`, retries: 0, onRequest: (e) => sent.push(e.body) });
  const before = { email: "ravi@example.in", phone: "+919812345678", familyName: "Sharma" };
  const r = await juspay.updateContact(IDS.juspay, { ...before, phone: "+919800000000" }, { before });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.deepEqual(sent, ["mobile_number=9800000000&mobile_country_code=91"]);
  // Nothing changed: nothing to send, and nothing sent.
  const same = await juspay.updateContact(IDS.juspay, before, { before });
  assert.equal(same.ok, false);
  assert.deepEqual(paths(same.error.issues), [["", "at_least_one_required", "juspay"]]);
  // A field removed cannot be expressed.
  const removed = await juspay.updateContact(IDS.juspay, { email: "ravi@example.in" }, { before });
  assert.deepEqual(paths(removed.error.issues), [["familyName", "null_not_allowed", "juspay"], ["phone", "null_not_allowed", "juspay"]]);
  assert.equal(removed.op, "juspay.updateCustomer");
  assert.equal(sent.length, 1);
});

test("updateContact keeps the call's own option and config paths (not moved onto the contact's root)", T, async () => {
  let sent = 0;
  const juspay = createClient("juspay", {
    ...creds.juspay,
    retries: 0,
    fetch: async () => {
      sent += 1;
      return new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } });
    },
  });
  const r = await juspay.updateContact(IDS.juspay, { email: "ravi@example.in" }, { idempotencyKey: "a\nb" });
  assert.equal(r.ok, false);
  assert.equal(r.error.kind, "validation");
  assert.deepEqual(r.error.issues.map((i) => i.path), [["options", "idempotencyKey"]]);
  assert.equal(r.error.issues[0].provider, "juspay");
  assert.equal(sent, 0);
});
