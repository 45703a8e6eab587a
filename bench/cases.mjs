// Benchmark and agreement cases for the nine operations.
//
// - `bench[op]`: the payloads that are timed: `valid` (the seed example, tests/node/cases.mjs) and
//   `invalid` (3–4 violations, all reported; adapted from tests/node/cases.mjs `several`).
// - `agreement[op]`: ≥ 10 extra edge cases per operation. agree.mjs checks that every
//   implementation gives the same verdict and the same set of issue paths for every case.
//   `expect` (optional) is what docs/providers.md says the package must report, as
//   [path, code] pairs, checked against the package itself; `ok: true` means it must pass.
//   `suggest` ({ unknownKey: "suggested key" | null }) checks the package's "Did you mean" text.
// Dates that depend on today are computed from the current UTC date, as the validators do.
import { examples, several } from "../tests/node/cases.mjs";

// ---- helpers ----
const clone = (v) => structuredClone(v);
/** A copy of `base` with `patch` merged in (objects deeply; `undefined` deletes a key; arrays replace). */
function with_(base, patch) {
  const out = clone(base);
  const merge = (target, p) => {
    for (const [k, v] of Object.entries(p)) {
      if (v === undefined) delete target[k];
      else if (v && typeof v === "object" && !Array.isArray(v) && target[k] && typeof target[k] === "object" && !Array.isArray(target[k])) merge(target[k], v);
      else target[k] = clone(v);
    }
  };
  merge(out, patch);
  return out;
}
const pad = (n, w = 2) => String(n).padStart(w, "0");
/** Today (UTC) shifted by years and days, as yyyy-MM-dd or dd/MM/yyyy. */
function day({ years = 0, days = 0 } = {}, style = "iso") {
  const now = new Date();
  let y = now.getUTCFullYear() + years;
  let m = now.getUTCMonth();
  let d = now.getUTCDate();
  if (m === 1 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) d = 28; // Feb 29 → Feb 28 in a common year
  const t = new Date(Date.UTC(y, m, d) + days * 86400000);
  const [Y, M, D] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  return style === "iso" ? `${pad(Y, 4)}-${pad(M)}-${pad(D)}` : `${pad(D)}/${pad(M)}/${pad(Y, 4)}`;
}
const E = examples;

// ---- the timed payloads ----
const invalid = {
  "accessbank.updateCustomerDetails": several["accessbank.updateCustomerDetails"].input, // 4 issues
  "juspay.updateCustomer": several["juspay.updateCustomer"].input, // 4
  // tests/node/cases.mjs has 5 here; without name: null it is 4 (customerReference, postalCode, countryCode UK, zip)
  "bvnk.updateCustomer": { address: { addressLine1: "1 Road", city: "X", countryCode: "UK", zip: "1" } },
  "bvnk.updateCustomerStatus": several["bvnk.updateCustomerStatus"].input, // 3
  "bvnk.updateCustomerAssociates": several["bvnk.updateCustomerAssociates"].input, // 4
  "gathr.updateCustomer": several["gathr.updateCustomer"].input, // 4
  // 4 of the 5: read-only status, dob layout, lower-case PAN, countryCode out of range
  "m2p.updateCustomer": { entityId: "E", status: "ACTIVE", dob: "1999-10-10", pan: "abcde1234f", communication: { mobile: { value: "9876543210", countryCode: 1000 } } },
  // 2 in tests/node/cases.mjs, plus an unknown key: 3
  "m2p.updateCustomerStatus": { entityId: "", status: "EXPIRED", currentStatus: "CLOSED", reason: "x" },
  "m2p.updateNomineeDetails": several["m2p.updateNomineeDetails"].input, // 3
};

export const bench = Object.fromEntries(Object.keys(E).map((op) => [op, { valid: E[op], invalid: invalid[op] }]));

// ---- the agreement set ----
const AB = E["accessbank.updateCustomerDetails"];
const JP = E["juspay.updateCustomer"];
const BC = E["bvnk.updateCustomer"];
const BS = E["bvnk.updateCustomerStatus"];
const BA = E["bvnk.updateCustomerAssociates"];
const GA = E["gathr.updateCustomer"];
const MC = E["m2p.updateCustomer"];
const MS = E["m2p.updateCustomerStatus"];
const MN = E["m2p.updateNomineeDetails"];
const assoc0 = BA.associates[0];
const withAssoc = (patch) => ({ ...clone(BA), associates: [with_(assoc0, patch)] });
const nom0 = MN.nominees[0];
const nominee = (patch) => with_(nom0, patch);
const nominees = (...items) => ({ entityId: MN.entityId, nominees: items });
const OK = { ok: true };
const x = (...pairs) => ({ expect: pairs });

export const agreement = {
  "accessbank.updateCustomerDetails": [
    { name: "email only", input: with_(AB, { phoneNumber: undefined }), ...OK },
    { name: "no requestId (generated when sent)", input: with_(AB, { requestId: undefined }), ...OK },
    { name: "neither email nor phoneNumber", input: { accountNo: "0702334455" }, ...x([[], "at_least_one_required"]) },
    { name: "accountNo 9 digits", input: with_(AB, { accountNo: "070233445" }), ...x([["accountNo"], "invalid_format"]) },
    { name: "accountNo with letters", input: with_(AB, { accountNo: "07023344AB" }), ...x([["accountNo"], "invalid_format"]) },
    { name: "accountNo as a number", input: with_(AB, { accountNo: 702334455 }), ...x([["accountNo"], "invalid_type"]) },
    { name: "e164: 7 digits is the minimum", input: with_(AB, { phoneNumber: "+1234567" }), ...OK },
    { name: "e164: 6 digits", input: with_(AB, { phoneNumber: "+123456" }), ...x([["phoneNumber"], "invalid_format"]) },
    { name: "e164: 16 digits", input: with_(AB, { phoneNumber: "+1234567890123456" }), ...x([["phoneNumber"], "invalid_format"]) },
    { name: "e164: country code 0", input: with_(AB, { phoneNumber: "+02348012345678" }), ...x([["phoneNumber"], "invalid_format"]) },
    { name: "e164: national form", input: with_(AB, { phoneNumber: "08012345678" }), ...x([["phoneNumber"], "invalid_format"]) },
    { name: "email specials", input: with_(AB, { email: "o'brien+tag{x}@mail.example.co.uk" }), ...OK },
    { name: "email: double dot", input: with_(AB, { email: "jane..doe@example.com" }), ...x([["email"], "invalid_format"]) },
    { name: "email: local ends with _", input: with_(AB, { email: "jane_@example.com" }), ...x([["email"], "invalid_format"]) },
    { name: "email: one-letter TLD", input: with_(AB, { email: "jane@example.c" }), ...x([["email"], "invalid_format"]) },
    { name: "email: label starts with -", input: with_(AB, { email: "jane@-example.com" }), ...x([["email"], "invalid_format"]) },
    { name: "email: no domain dot", input: with_(AB, { email: "jane@localhost" }), ...x([["email"], "invalid_format"]) },
    { name: "email null (present, so at_least_one holds)", input: with_(AB, { email: null, phoneNumber: undefined }), ...x([["email"], "null_not_allowed"]) },
    { name: "unknown key with suggestion", input: with_(AB, { phone: "+2348012345678" }), ...x([["phone"], "unknown_field"]), suggest: { phone: "phoneNumber" } },
    { name: "requestId 101 characters", input: with_(AB, { requestId: "r".repeat(101) }), ...x([["requestId"], "too_long"]) },
    { name: "input is a string", input: "accountNo=0702334455", ...x([[], "invalid_type"]) },
    { name: "input is an array", input: [AB], ...x([[], "invalid_type"]) },
    { name: "input is null", input: null, ...x([[], "invalid_type"]) },
  ],

  "juspay.updateCustomer": [
    { name: "customer_id only", input: { customer_id: "cst_1" }, ...x([[], "at_least_one_required"]) },
    { name: "names with ( ) . - _ and single spaces", input: { customer_id: "c", first_name: "Jean-Luc (JL) St. Pierre_2", last_name: "Mary Ann" }, ...OK },
    { name: "name with a double space", input: { customer_id: "c", first_name: "Mary  Ann" }, ...x([["first_name"], "invalid_format"]) },
    { name: "name with a leading space", input: { customer_id: "c", last_name: " David" }, ...x([["last_name"], "invalid_format"]) },
    { name: "name with an apostrophe", input: { customer_id: "c", last_name: "O'Brien" }, ...x([["last_name"], "invalid_format"]) },
    { name: "name with a non-ASCII letter", input: { customer_id: "c", first_name: "Zoë" }, ...x([["first_name"], "invalid_format"]) },
    { name: "name 256 characters", input: { customer_id: "c", last_name: "A".repeat(256) }, ...x([["last_name"], "too_long"]) },
    { name: "mobile_country_code with leading 0", input: { customer_id: "c", mobile_country_code: "091" }, ...x([["mobile_country_code"], "invalid_format"]) },
    { name: "mobile_country_code 4 digits", input: { customer_id: "c", mobile_country_code: "1234" }, ...x([["mobile_country_code"], "invalid_format"]) },
    { name: "mobile_number 4 digits with leading 0", input: { customer_id: "c", mobile_number: "0123", mobile_country_code: "1" }, ...OK },
    { name: "mobile_number 3 digits", input: { customer_id: "c", mobile_number: "123", last_name: "D" }, ...x([["mobile_number"], "invalid_format"]) },
    { name: "mobile_number as a number", input: { customer_id: "c", mobile_number: 9876543210 }, ...x([["mobile_number"], "invalid_type"]) },
    { name: "email → email_address suggestion", input: { customer_id: "c", email: "tim@example.com" }, ...x([["email"], "unknown_field"], [[], "at_least_one_required"]), suggest: { email: "email_address" } },
    { name: "email_address starting with _", input: { customer_id: "c", email_address: "_tim@example.com" }, ...x([["email_address"], "invalid_format"]) },
    { name: "customer_id 129 characters", input: with_(JP, { customer_id: "c".repeat(129) }), ...x([["customer_id"], "too_long"]) },
    { name: "customer_id null", input: with_(JP, { customer_id: null }), ...x([["customer_id"], "null_not_allowed"]) },
    { name: "customer_id with CR LF (x-routing-id header injection)", input: with_(JP, { customer_id: "cst_1\r\nX-Evil: 1" }), ...x([["customer_id"], "invalid_format"]) },
    { name: "customer_id with a non-ASCII letter", input: with_(JP, { customer_id: "cst_ü" }), ...x([["customer_id"], "invalid_format"]) },
    { name: "customer_id with a trailing space", input: with_(JP, { customer_id: "cst_1 " }), ...x([["customer_id"], "invalid_format"]) },
    { name: "customer_id with an inner space and slash", input: with_(JP, { customer_id: "cst/1 2" }), ...OK },
    { name: "two unknown keys", input: with_(JP, { firstName: "Tim", mobile: "1" }), ...x([["firstName"], "unknown_field"], [["mobile"], "unknown_field"]), suggest: { firstName: "first_name", mobile: "mobile_number" } },
  ],

  "bvnk.updateCustomer": [
    { name: "address only", input: { customerReference: BC.customerReference, address: BC.address }, ...OK },
    { name: "countryCode GB", input: with_(BC, { address: { countryCode: "GB" } }), ...OK },
    { name: "countryCode UK (reserved)", input: with_(BC, { address: { countryCode: "UK" } }), ...x([["address", "countryCode"], "invalid_format"]) },
    { name: "countryCode lower case", input: with_(BC, { address: { countryCode: "us" } }), ...x([["address", "countryCode"], "invalid_format"]) },
    { name: "countryCode XK (user-assigned)", input: with_(BC, { address: { countryCode: "XK" } }), ...x([["address", "countryCode"], "invalid_format"]) },
    { name: "description 1000 characters", input: with_(BC, { description: "d".repeat(1000) }), ...OK },
    { name: "description 1001 characters", input: with_(BC, { description: "d".repeat(1001) }), ...x([["description"], "too_long"]) },
    { name: "name of 255 emoji (510 UTF-16 units)", input: with_(BC, { name: "😀".repeat(255) }), ...OK },
    { name: "name of 256 emoji", input: with_(BC, { name: "😀".repeat(256) }), ...x([["name"], "too_long"]) },
    { name: "address missing three required fields", input: { customerReference: "r", address: { addressLine1: "1 Road" } }, ...x([["address", "city"], "required"], [["address", "postalCode"], "required"], [["address", "countryCode"], "required"]) },
    { name: "address is an array", input: { customerReference: "r", address: [] }, ...x([["address"], "invalid_type"]) },
    { name: "address null", input: { customerReference: "r", address: null }, ...x([["address"], "null_not_allowed"]) },
    { name: "empty name and description", input: { customerReference: "r", name: "", description: "" }, ...x([["name"], "empty"], [["description"], "empty"]) },
    { name: "Name (case) with suggestion", input: { customerReference: "r", Name: "X" }, ...x([["Name"], "unknown_field"], [[], "at_least_one_required"]), suggest: { Name: "name" } },
    { name: "customerReference missing", input: with_(BC, { customerReference: undefined }), ...x([["customerReference"], "required"]) },
  ],

  "bvnk.updateCustomerStatus": [
    { name: "PENDING", input: with_(BS, { status: "PENDING" }), ...OK },
    { name: "REJECTED", input: with_(BS, { status: "REJECTED" }), ...OK },
    { name: "lower case status", input: with_(BS, { status: "verified" }), ...x([["status"], "not_in_enum"]) },
    { name: "status missing", input: { customerReference: "r" }, ...x([["status"], "required"]) },
    { name: "status empty", input: with_(BS, { status: "" }), ...x([["status"], "empty"]) },
    { name: "status a number", input: with_(BS, { status: 1 }), ...x([["status"], "invalid_type"]) },
    { name: "status null", input: with_(BS, { status: null }), ...x([["status"], "null_not_allowed"]) },
    { name: "customerReference 65 characters", input: with_(BS, { customerReference: "r".repeat(65) }), ...x([["customerReference"], "too_long"]) },
    { name: "customerReference 64 characters", input: with_(BS, { customerReference: "r".repeat(64) }), ...OK },
    { name: "keys named constructor, __proto__, prototype", input: JSON.parse('{"customerReference":"r","status":"PENDING","constructor":"x","__proto__":{"a":1},"prototype":1}'), ...x([["constructor"], "unknown_field"], [["__proto__"], "unknown_field"], [["prototype"], "unknown_field"]) },
    { name: "two unknown keys", input: with_(BS, { reason: "x", Status: "VERIFIED" }), ...x([["reason"], "unknown_field"], [["Status"], "unknown_field"]), suggest: { Status: "status", reason: null } },
    { name: "empty object", input: {}, ...x([["customerReference"], "required"], [["status"], "required"]) },
    { name: "input is a number", input: 42, ...x([[], "invalid_type"]) },
  ],

  "bvnk.updateCustomerAssociates": [
    { name: "no associates", input: { customerReference: "r", associates: [] }, ...x([["associates"], "too_few_items"]) },
    { name: "25 associates", input: { customerReference: "r", associates: Array.from({ length: 25 }, () => clone(assoc0)) }, ...OK },
    { name: "26 associates, one invalid: one issue, items unchecked", input: { customerReference: "r", associates: [...Array.from({ length: 25 }, () => clone(assoc0)), { person: {} }] }, ...x([["associates"], "too_many_items"]) },
    { name: "dateOfBirth 2000-02-29 (leap)", input: withAssoc({ person: { dateOfBirth: "2000-02-29" } }), ...OK },
    { name: "dateOfBirth 1900-02-29 (not leap)", input: withAssoc({ person: { dateOfBirth: "1900-02-29" } }), ...x([["associates", 0, "person", "dateOfBirth"], "invalid_format"]) },
    { name: "dateOfBirth 2023-02-29", input: withAssoc({ person: { dateOfBirth: "2023-02-29" } }), ...x([["associates", 0, "person", "dateOfBirth"], "invalid_format"]) },
    { name: "dateOfBirth today", input: withAssoc({ person: { dateOfBirth: day() } }), ...OK },
    { name: "dateOfBirth tomorrow", input: withAssoc({ person: { dateOfBirth: day({ days: 1 }) } }), ...x([["associates", 0, "person", "dateOfBirth"], "date_in_future"]) },
    { name: "dateOfBirth 2001-1-31", input: withAssoc({ person: { dateOfBirth: "2001-1-31" } }), ...x([["associates", 0, "person", "dateOfBirth"], "invalid_format"]) },
    { name: "document type DRIVER_LICENSE", input: withAssoc({ details: { documentInfo: { type: "DRIVER_LICENSE" } } }), ...OK },
    { name: "document type LICENSE", input: withAssoc({ details: { documentInfo: { type: "LICENSE" } } }), ...x([["associates", 0, "details", "documentInfo", "type"], "not_in_enum"]) },
    { name: "phone in national form", input: withAssoc({ details: { contactInfo: { phoneNumber: "08012345678" } } }), ...x([["associates", 0, "details", "contactInfo", "phoneNumber"], "invalid_format"]) },
    { name: "controls: missing and mistyped", input: withAssoc({ controls: { hasOwnership: true, hasControl: "true", isSigner: undefined } }), ...x([["associates", 0, "controls", "hasControl"], "invalid_type"], [["associates", 0, "controls", "isSigner"], "required"]) },
    { name: "person address UK and unknown ssn", input: withAssoc({ person: { address: { countryCode: "UK" } }, details: { ssn: "1" } }), ...x([["associates", 0, "person", "address", "countryCode"], "invalid_format"], [["associates", 0, "details", "ssn"], "unknown_field"]) },
    { name: "taxIdentification missing number", input: withAssoc({ details: { taxIdentification: { number: undefined } } }), ...x([["associates", 0, "details", "taxIdentification", "number"], "required"]) },
    { name: "an associate null, another a string", input: { customerReference: "r", associates: [null, "x", clone(assoc0)] }, ...x([["associates", 0], "null_not_allowed"], [["associates", 1], "invalid_type"]) },
  ],

  "gathr.updateCustomer": [
    { name: "valid SA ID 8001015009087", input: with_(GA, { id_number: "8001015009087" }), ...OK },
    { name: "SA ID with a bad check digit", input: with_(GA, { id_number: "8001015009088" }), ...x([["id_number"], "invalid_format"]) },
    { name: "SA ID 2000-02-29 (leap)", input: with_(GA, { id_number: "0002295009084" }), ...OK },
    { name: "SA ID 01-02-29 (no leap year in either century)", input: with_(GA, { id_number: "0102295009082" }), ...x([["id_number"], "invalid_format"]) },
    { name: "SA ID Feb 30", input: with_(GA, { id_number: "8002305009084" }), ...x([["id_number"], "invalid_format"]) },
    { name: "SA ID citizenship digit 2", input: with_(GA, { id_number: "8001015009285" }), ...x([["id_number"], "invalid_format"]) },
    { name: "SA ID 261231 (2026-12-31 is future: 1926)", input: with_(GA, { id_number: "2612315009084" }), ...OK },
    { name: "passport number with id_type passport", input: with_(GA, { id_number: "A12345678", id_type: "passport" }), ...OK },
    { name: "passport number without id_type", input: with_(GA, { id_number: "A12345678" }), ...x([["id_number"], "invalid_format"]) },
    { name: "passport number with id_type id_number", input: with_(GA, { id_number: "A12345678", id_type: "id_number" }), ...x([["id_number"], "invalid_format"]) },
    { name: "id_type Passport (case)", input: with_(GA, { id_number: "A12345678", id_type: "Passport" }), ...x([["id_type"], "not_in_enum"], [["id_number"], "invalid_format"]) },
    { name: "id_number empty: one issue", input: with_(GA, { id_number: "" }), ...x([["id_number"], "empty"]) },
    { name: "id_number 65 digits", input: with_(GA, { id_number: "8".repeat(65) }), ...x([["id_number"], "too_long"], [["id_number"], "invalid_format"]) },
    { name: "read-only keys, even null", input: with_(GA, { id: "x", api_token: null, initials: "C" }), ...x([["id"], "read_only"], [["api_token"], "read_only"], [["initials"], "read_only"]) },
    { name: "popi alone", input: { customer_id: GA.customer_id, popi: true }, ...OK },
    { name: "popi as a string", input: { customer_id: GA.customer_id, popi: "true" }, ...x([["popi"], "invalid_type"]) },
    { name: "customer_id only", input: { customer_id: GA.customer_id }, ...x([[], "at_least_one_required"]) },
    { name: "firstName → first_name", input: { customer_id: GA.customer_id, firstName: "Chris" }, ...x([["firstName"], "unknown_field"], [[], "at_least_one_required"]), suggest: { firstName: "first_name" } },
    { name: "customer_id upper-case UUID", input: with_(GA, { customer_id: "16CD33D2-CF0A-66AD-8150-CB39E9B9FF27" }), ...OK },
    { name: "customer_id not a UUID (c-1)", input: with_(GA, { customer_id: "c-1" }), ...x([["customer_id"], "invalid_format"]) },
    { name: "customer_id UUID without dashes", input: with_(GA, { customer_id: "16cd33d2cf0a66ad8150cb39e9b9ff27" }), ...x([["customer_id"], "invalid_format"]) },
    { name: "customer_id UUID with a non-hex digit", input: with_(GA, { customer_id: "g6cd33d2-cf0a-66ad-8150-cb39e9b9ff27" }), ...x([["customer_id"], "invalid_format"]) },
  ],

  "m2p.updateCustomer": [
    { name: "entityId only (no at-least-one rule)", input: { entityId: "E" }, ...OK },
    { name: "dob 29/02/2024", input: with_(MC, { dob: "29/02/2024" }), ...OK },
    { name: "dob 29/02/2000", input: with_(MC, { dob: "29/02/2000" }), ...OK },
    { name: "dob 29/02/2023", input: with_(MC, { dob: "29/02/2023" }), ...x([["dob"], "invalid_format"]) },
    { name: "dob 29/02/1900", input: with_(MC, { dob: "29/02/1900" }), ...x([["dob"], "invalid_format"]) },
    { name: "dob 31/04/2020", input: with_(MC, { dob: "31/04/2020" }), ...x([["dob"], "invalid_format"]) },
    { name: "dob 1/1/1999", input: with_(MC, { dob: "1/1/1999" }), ...x([["dob"], "invalid_format"]) },
    { name: "dob today", input: with_(MC, { dob: day({}, "dmy") }), ...OK },
    { name: "dob tomorrow", input: with_(MC, { dob: day({ days: 1 }, "dmy") }), ...x([["dob"], "date_in_future"]) },
    { name: "PAN ABCDE1234F (M2P's sample)", input: with_(MC, { pan: "ABCDE1234F" }), ...OK },
    { name: "PAN 9 characters", input: with_(MC, { pan: "ABCD1234F" }), ...x([["pan"], "invalid_format"]) },
    { name: "status read-only even null", input: with_(MC, { status: null }), ...x([["status"], "read_only"]) },
    { name: "pin 060001 and 60010", input: with_(MC, { permanentAddress: { pin: "060001" }, communicationAddress: { ...MC.permanentAddress, pin: "60010" } }), ...x([["permanentAddress", "pin"], "invalid_format"], [["communicationAddress", "pin"], "invalid_format"]) },
    { name: "pin as a number", input: with_(MC, { permanentAddress: { pin: 600100 } }), ...x([["permanentAddress", "pin"], "invalid_type"]) },
    { name: "countryCode bounds 999 ok", input: with_(MC, { communication: { mobile: { countryCode: 999 } } }), ...OK },
    { name: "countryCode 0", input: with_(MC, { communication: { mobile: { countryCode: 0 } } }), ...x([["communication", "mobile", "countryCode"], "out_of_range"]) },
    { name: "countryCode 91.5, no permanentAddress", input: with_(MC, { communication: { mobile: { countryCode: 91.5 } }, permanentAddress: undefined }), ...x([["communication", "mobile", "countryCode"], "invalid_type"]) },
    { name: "countryCode as a string", input: with_(MC, { communication: { mobile: { countryCode: "91" } } }), ...x([["communication", "mobile", "countryCode"], "invalid_type"]) },
    { name: "open objects take anything, null too", input: with_(MC, { customerRiskDetails: { riskRating: "LOW", politicallyExposed: false, extra: { nested: null } }, nationalIdentity: { aadhaar: null } }), ...OK },
    { name: "open object as an array / null", input: with_(MC, { customerRiskDetails: [], nationalIdentity: null }), ...x([["customerRiskDetails"], "invalid_type"], [["nationalIdentity"], "null_not_allowed"]) },
    { name: "additional details: string values only", input: with_(MC, { customerAdditionalDetails: { a: "x", b: "", c: 1, d: null } }), ...x([["customerAdditionalDetails", "b"], "empty"], [["customerAdditionalDetails", "c"], "invalid_type"], [["customerAdditionalDetails", "d"], "null_not_allowed"]) },
    // (not "__proto__": Zod's record skips that key by design, so it cannot report it)
    { name: "additional details: a key named constructor", input: with_(MC, { customerAdditionalDetails: { constructor: "", ok: "x" } }), ...x([["customerAdditionalDetails", "constructor"], "empty"]) },
    { name: "additional details as an array", input: with_(MC, { customerAdditionalDetails: ["x"] }), ...x([["customerAdditionalDetails"], "invalid_type"]) },
    { name: "gender lower case", input: with_(MC, { gender: "male" }), ...x([["gender"], "not_in_enum"]) },
    { name: "unknown keys at two levels", input: with_(MC, { mobile: "9876543210", permanentAddress: { pincode: "600100" } }), ...x([["mobile"], "unknown_field"], [["permanentAddress", "pincode"], "unknown_field"]), suggest: { pincode: "pin" } },
    { name: "communicationAddress missing state and country", input: with_(MC, { communicationAddress: { address1: "1", pin: "600100", city: "C" } }), ...x([["communicationAddress", "state"], "required"], [["communicationAddress", "country"], "required"]) },
  ],

  "m2p.updateCustomerStatus": [
    { name: "ACTIVE → CLOSED", input: with_(MS, { status: "CLOSED", currentStatus: "ACTIVE" }), ...OK },
    { name: "no currentStatus", input: with_(MS, { status: "ACTIVE" }), ...OK },
    { name: "out of EXPIRED", input: with_(MS, { status: "ACTIVE", currentStatus: "EXPIRED" }), ...x([["status"], "invalid_transition"]) },
    { name: "out of CLOSED", input: with_(MS, { status: "ACTIVE", currentStatus: "CLOSED" }), ...x([["status"], "invalid_transition"]) },
    { name: "same state", input: with_(MS, { status: "LOCKED", currentStatus: "LOCKED" }), ...x([["status"], "invalid_transition"]) },
    { name: "currentStatus lower case", input: with_(MS, { currentStatus: "closed" }), ...x([["currentStatus"], "not_in_enum"]) },
    { name: "status FOO out of CLOSED", input: with_(MS, { status: "FOO", currentStatus: "CLOSED" }), ...x([["status"], "not_in_enum"], [["status"], "invalid_transition"]) },
    { name: "entityId missing", input: { status: "ACTIVE" }, ...x([["entityId"], "required"]) },
    { name: "currentStatus null", input: with_(MS, { currentStatus: null }), ...x([["currentStatus"], "null_not_allowed"]) },
    { name: "reason → unknown", input: with_(MS, { reason: "fraud" }), ...x([["reason"], "unknown_field"]) },
    { name: "status missing, currentStatus CLOSED", input: { entityId: "E", currentStatus: "CLOSED" }, ...x([["status"], "required"]) },
    { name: "entityId 65 characters", input: with_(MS, { entityId: "e".repeat(65) }), ...x([["entityId"], "too_long"]) },
  ],

  "m2p.updateNomineeDetails": [
    { name: "50 + 50", input: nominees(nominee({ percentShare: 50 }), nominee({ name: "Asha", percentShare: 50 })), ...OK },
    { name: "49 + 50 = 99", input: nominees(nominee({ percentShare: 49 }), nominee({ percentShare: 50 })), ...x([["nominees"], "sum_mismatch"]) },
    { name: "51 + 50 = 101", input: nominees(nominee({ percentShare: 51 }), nominee({ percentShare: 50 })), ...x([["nominees"], "sum_mismatch"]) },
    { name: "share 0 + 100: range issue only", input: nominees(nominee({ percentShare: 0 }), nominee({})), ...x([["nominees", 0, "percentShare"], "out_of_range"]) },
    { name: "share 0 alone: range and sum", input: nominees(nominee({ percentShare: 0 })), ...x([["nominees", 0, "percentShare"], "out_of_range"], [["nominees"], "sum_mismatch"]) },
    { name: "share \"50\": sum not computed", input: nominees(nominee({ percentShare: "50" }), nominee({ percentShare: 20 })), ...x([["nominees", 0, "percentShare"], "invalid_type"]) },
    { name: "share 50.0 is whole", input: nominees(nominee({ percentShare: 50.0 }), nominee({ percentShare: 50 })), ...OK },
    { name: "minor by dob (17), no flag, no guardian", input: nominees(nominee({ dob: day({ years: -17 }), minor: undefined })), ...x([["nominees", 0, "guardian"], "guardian_required"]) },
    { name: "18 today, minor false", input: nominees(nominee({ dob: day({ years: -18 }), minor: false })), ...OK },
    { name: "18 tomorrow, minor false", input: nominees(nominee({ dob: day({ years: -18, days: 1 }), minor: false })), ...x([["nominees", 0, "minor"], "minor_mismatch"], [["nominees", 0, "guardian"], "guardian_required"]) },
    { name: "minor true, adult dob, guardian given", input: nominees(nominee({ minor: true, guardian: { name: "G" } })), ...x([["nominees", 0, "minor"], "minor_mismatch"]) },
    { name: "minor true, no dob, no guardian", input: nominees(nominee({ minor: true, dob: undefined })), ...x([["nominees", 0, "guardian"], "guardian_required"]) },
    { name: "guardian without name; open guardian keys", input: nominees(nominee({ minor: true, dob: undefined, guardian: { relation: null } })), ...x([["nominees", 0, "guardian", "name"], "required"]) },
    { name: "guardian null counts as present", input: nominees(nominee({ minor: true, dob: undefined, guardian: null })), ...x([["nominees", 0, "guardian"], "null_not_allowed"]) },
    { name: "dob 2001-02-29, minor true", input: nominees(nominee({ dob: "2001-02-29", minor: true, guardian: { name: "G" } })), ...x([["nominees", 0, "dob"], "invalid_format"]) },
    { name: "dob tomorrow, minor false", input: nominees(nominee({ dob: day({ days: 1 }), minor: false })), ...x([["nominees", 0, "dob"], "date_in_future"]) },
    { name: "age that matches dob", input: nominees(nominee({ dob: day({ years: -30 }), age: 30 })), ...OK },
    { name: "age alone (no dob)", input: nominees(nominee({ dob: undefined, age: 30 })), ...OK },
    { name: "age that contradicts dob", input: nominees(nominee({ dob: day({ years: -30 }), age: 31 })), ...x([["nominees", 0, "age"], "age_mismatch"]) },
    { name: "age one day before the birthday", input: nominees(nominee({ dob: day({ years: -30, days: 1 }), age: 30 })), ...x([["nominees", 0, "age"], "age_mismatch"]) },
    { name: "age 151: range and mismatch", input: nominees(nominee({ dob: day({ years: -30 }), age: 151 })), ...x([["nominees", 0, "age"], "out_of_range"], [["nominees", 0, "age"], "age_mismatch"]) },
    { name: "age \"30\": type only", input: nominees(nominee({ dob: day({ years: -30 }), age: "30" })), ...x([["nominees", 0, "age"], "invalid_type"]) },
    { name: "age with a dob in the future: date only", input: nominees(nominee({ dob: day({ days: 1 }), age: 3, minor: undefined })), ...x([["nominees", 0, "dob"], "date_in_future"]) },
    { name: "no nominees", input: nominees(), ...x([["nominees"], "too_few_items"]) },
    { name: "a nominee null", input: nominees(null, nominee({ percentShare: 50 })), ...x([["nominees", 0], "null_not_allowed"]) },
    { name: "share → unknown (suggest percentShare), percentShare missing", input: nominees(nominee({ percentShare: undefined, share: 100 })), ...x([["nominees", 0, "percentShare"], "required"], [["nominees", 0, "share"], "unknown_field"]), suggest: { share: "percentShare" } },
    { name: "mobile countryCode 1000, pin 000000", input: nominees(nominee({ mobile: { countryCode: 1000 }, address: { pin: "000000" } })), ...x([["nominees", 0, "mobile", "countryCode"], "out_of_range"], [["nominees", 0, "address", "pin"], "invalid_format"]) },
  ],
};

/**
 * Inputs where the package's behaviour is worth a look but that are not part of the agreement
 * gate (agree.mjs prints what each implementation says, and does not fail on them).
 */
export const probes = [
  { op: "bvnk.updateCustomer", name: "a lone UTF-16 surrogate in a free-text field", input: { customerReference: "r", name: "Acme \ud800" } },
  { op: "m2p.updateCustomer", name: "a lone surrogate inside an open object", input: { entityId: "E", customerRiskDetails: { note: "\udfff" } } },
  { op: "m2p.updateCustomer", name: "an open object nested 200 deep", input: { entityId: "E", customerRiskDetails: Array.from({ length: 200 }).reduce((inner) => ({ d: inner }), "leaf") } },
];

// ---- random mutations (agree.mjs --random N) ----

const EDGE_VALUES = [null, "", " ", "x", "X".repeat(300), "😀".repeat(130), 0, 1, -1, 1.5, 100, 999, 1000, 1e21, true, false, [], {}, [null], ["a"], { a: null },
  "2024-02-29", "2023-02-29", "29/02/2024", "31/04/2020", "9999-12-31", "01/01/9999", "0000-01-01", "US", "UK", "us", "GB", "ABCDE1234F", "600100", "060001",
  "+2348012345678", "+0123456", "a@b.co", "a@b", "a..b@c.de", "8001015009087", "8001015009088", "0002295009084", "passport", "id_number", "Passport",
  "ACTIVE", "CLOSED", "EXPIRED", "LOCKED", "PENDING", "LOW", "Male", "DRIVER_LICENSE", "9876543210", "91", "091", "Mary Ann", "Mary  Ann", "12345"];
const EXTRA_KEYS = ["email", "name", "status", "currentStatus", "guardian", "minor", "dob", "percentShare", "id_type", "id_number", "zip", "id", "countryCode", "value", "pin", "address", "mobile", "customer_id", "requestId", "Name", "constructor", "toString"];

/** `count` seeded random mutations of the timed payloads: [{ op, input }], the same on every run. */
export function mutations(count, seed = 20261122) {
  let state = seed;
  const rnd = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff), state / 0x7fffffff);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const mutate = (v) => {
    if (Array.isArray(v)) {
      const a = v.map((item) => (rnd() < 0.3 ? mutate(item) : item));
      const r = rnd();
      if (r < 0.1) a.push(clone(a[0] ?? {}));
      else if (r < 0.15) a.length = 0;
      else if (r < 0.2) a.push(pick(EDGE_VALUES));
      return a;
    }
    if (v && typeof v === "object") {
      const o = { ...v };
      for (const k of Object.keys(o)) {
        const r = rnd();
        if (r < 0.1) delete o[k];
        else if (r < 0.25) o[k] = clone(pick(EDGE_VALUES));
        else if (r < 0.5 && typeof o[k] === "object") o[k] = mutate(o[k]);
      }
      if (rnd() < 0.15) o[pick(EXTRA_KEYS)] = clone(pick(EDGE_VALUES));
      return o;
    }
    return rnd() < 0.5 ? clone(pick(EDGE_VALUES)) : v;
  };
  const ops = Object.keys(bench);
  const out = [];
  for (let i = 0; i < count; i++) {
    const op = pick(ops);
    out.push({ op, input: mutate(clone(pick([bench[op].valid, bench[op].valid, bench[op].invalid]))) });
  }
  return out;
}
