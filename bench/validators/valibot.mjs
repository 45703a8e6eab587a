// The nine operations' rules as Valibot 1 schemas. Strict objects are `objectWithRest(…, never())`
// (Valibot's `strictObject` stops at the first unknown key; this reports every one, as the
// package does) behind a plain-object check (Valibot's object schemas accept arrays), plus a
// `rawCheck` for the keys Valibot's object schemas skip (`__proto__`, `prototype`,
// `constructor`), which the package reports as unknown. Formats are `check` actions over
// formats.mjs; the cross-field rules run in that same `rawCheck`, on the input, even when fields
// failed (as in the package). `validate(op, input)` returns { ok: true } or
// { ok: false, issues: [{ path, code }] } with Valibot's issue types as codes.
import * as v from "valibot";
import * as f from "./formats.mjs";

// ---- building blocks ----

const plainObject = v.custom(f.isObject, "must be an object");
/** Keys Valibot's object schemas skip (prototype-pollution guard); the package reports them as unknown. */
const SKIPPED_KEYS = ["__proto__", "prototype", "constructor"];
/** A strict object; `rules` are cross-field checks run on the input whatever its fields say. */
function strict(entries, ...rules) {
  let raw; // the input object (objectWithRest outputs a copy without unknown keys)
  return v.pipe(
    v.custom((x) => ((raw = x), f.isObject(x)), "must be an object"),
    v.objectWithRest(entries, v.never()),
    v.rawCheck(({ addIssue }) => {
      for (const k of SKIPPED_KEYS) {
        if (Object.prototype.hasOwnProperty.call(raw, k) && raw[k] !== undefined && !Object.prototype.hasOwnProperty.call(entries, k)) addIssue({ message: `unknown key ${k}`, path: [key(k)] });
      }
      for (const rule of rules) rule(raw, addIssue);
    }),
  );
}
const loose = (entries) => v.pipe(plainObject, v.looseObject(entries));
/** A map of string keys to `value`s (a record, plus the keys Valibot's record skips). */
function map(value) {
  let raw;
  return v.pipe(
    v.custom((x) => ((raw = x), f.isObject(x)), "must be an object"),
    v.record(v.string(), value),
    v.rawCheck(({ addIssue }) => {
      for (const k of SKIPPED_KEYS) {
        if (Object.prototype.hasOwnProperty.call(raw, k) && raw[k] !== undefined && !v.safeParse(value, raw[k]).success) addIssue({ message: `invalid value for ${k}`, path: [key(k)] });
      }
    }),
  );
}

/** A non-empty string of at most `max` code points, with optional format checks. */
function str(max, ...formats) {
  const items = [v.string(), v.minLength(1)];
  if (max !== undefined) items.push(v.check((s) => f.withinChars(s, max), `at most ${max} characters`));
  for (const [check, message] of formats) items.push(v.check(check, message));
  return v.pipe(...items);
}
const email = () => str(254, [f.isEmail, "invalid email"]);
const e164 = () => str(undefined, [f.isE164, "invalid e164"]);
const countryCode = () => str(undefined, [f.isCountryCode, "invalid country_code"]);
const pin = () => str(undefined, [f.isPin, "invalid pin"]);
const isoPastDate = () => str(undefined, [f.isIsoPastDate, "invalid or future yyyy-MM-dd date"]);
const int = (min, max) => v.pipe(v.number(), v.safeInteger(), v.minValue(min), v.maxValue(max));
const readOnly = () => v.optional(v.never());
const opt = (s) => v.optional(s);
const key = (k) => ({ type: "object", origin: "value", input: undefined, key: k, value: undefined });
const index = (i) => ({ type: "array", origin: "value", input: undefined, key: i, value: undefined });

// ---- BVNK ----
const bvnkAddress = strict({
  addressLine1: str(255),
  addressLine2: opt(str(255)),
  city: str(100),
  postalCode: str(20),
  countryCode: countryCode(),
  country: opt(str(100)),
});
const associate = strict({
  person: strict({
    firstName: str(100),
    lastName: str(100),
    dateOfBirth: isoPastDate(),
    address: opt(bvnkAddress),
  }),
  details: opt(strict({
    birthCountryCode: opt(countryCode()),
    contactInfo: opt(strict({ emailAddress: opt(email()), phoneNumber: opt(e164()) })),
    documentNumber: opt(str(64)),
    documentInfo: opt(strict({
      number: str(64),
      type: v.picklist(["DRIVERS_LICENSE", "DRIVER_LICENSE", "PASSPORT", "ID_CARD", "RESIDENCE_PERMIT"]),
      issuingCountryCode: countryCode(),
    })),
    taxIdentification: opt(strict({ number: str(64), taxResidenceCountryCode: countryCode() })),
  })),
  title: opt(str(100)),
  riskScore: opt(v.picklist(["LOW", "MEDIUM", "HIGH"])),
  controls: opt(strict({ hasOwnership: v.boolean(), hasControl: v.boolean(), isSigner: v.boolean() })),
});

// ---- M2P ----
const m2pAddress = strict({
  address1: str(255),
  address2: opt(str(255)),
  pin: pin(),
  city: str(100),
  state: str(100),
  country: str(100),
});
const mobile = strict({ value: str(undefined, [f.isMobile10, "invalid digits"]), countryCode: int(1, 999) });
const nominee = strict({
  name: str(255),
  relationship: str(100),
  dob: opt(isoPastDate()),
  age: opt(int(0, 150)),
  percentShare: int(1, 100),
  minor: opt(v.boolean()),
  guardian: opt(loose({ name: str(255) })),
  mobile: opt(mobile),
  address: opt(strict({ address1: str(255), city: str(100), state: str(100), country: str(100), pin: pin() })),
});

/** An operation: its strict input object and its cross-field rules. */
const operation = strict;

const atLeastOneOf = (fields) => (input, addIssue) => {
  if (f.noneOf(input, fields)) addIssue({ message: `provide at least one of: ${fields.join(", ")}` });
};

const schemas = {
  "accessbank.updateCustomerDetails": operation({
    requestId: opt(str(100)),
    accountNo: str(undefined, [f.isAccountNo, "invalid digits"]),
    email: opt(email()),
    phoneNumber: opt(e164()),
  }, atLeastOneOf(["email", "phoneNumber"])),

  "juspay.updateCustomer": operation({
    customer_id: str(128, [f.isHeaderText, "invalid header_text"]),
    email_address: opt(email()),
    first_name: opt(str(255, [f.isName, "invalid name"])),
    last_name: opt(str(255, [f.isName, "invalid name"])),
    mobile_number: opt(str(undefined, [f.isJuspayMobile, "invalid digits"])),
    mobile_country_code: opt(str(undefined, [f.isJuspayCountryCode, "invalid digits"])),
  }, atLeastOneOf(["email_address", "first_name", "last_name", "mobile_number", "mobile_country_code"])),

  "bvnk.updateCustomer": operation({
    customerReference: str(64),
    name: opt(str(255)),
    description: opt(str(1000)),
    address: opt(bvnkAddress),
  }, atLeastOneOf(["name", "description", "address"])),

  "bvnk.updateCustomerStatus": operation({
    customerReference: str(64),
    status: v.picklist(["PENDING", "VERIFIED", "REJECTED"]),
  }),

  "bvnk.updateCustomerAssociates": operation({
    customerReference: str(64),
    // over 25 items is one issue and the items are not checked (the package's rule)
    associates: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(25), v.array(associate)),
  }),

  "gathr.updateCustomer": operation({
    customer_id: str(64, [f.isUuid, "invalid uuid"]),
    client_reference: opt(str(255)),
    popi: opt(v.boolean()),
    terms_and_conditions: opt(v.boolean()),
    email: opt(email()),
    id_number: opt(str(64)),
    first_name: opt(str(255)),
    middle_name: opt(str(255)),
    last_name: opt(str(255)),
    id_type: opt(v.picklist(["id_number", "passport"])),
    country: opt(str(100)),
    id: readOnly(),
    api_token: readOnly(),
    full_name: readOnly(),
    initials: readOnly(),
  },
  atLeastOneOf(["client_reference", "popi", "terms_and_conditions", "email", "id_number", "first_name", "middle_name", "last_name", "id_type", "country"]),
  (input, addIssue) => {
    if (f.idNumberInvalid(input)) addIssue({ message: "id_number must be a valid South African ID unless id_type is passport", path: [key("id_number")] });
  }),

  "m2p.updateCustomer": operation({
    entityId: str(64),
    firstName: opt(str(100)),
    lastName: opt(str(100)),
    gender: opt(v.picklist(["Male", "Female", "Others"])),
    dob: opt(str(undefined, [f.isDmyPastDate, "invalid or future dd/MM/yyyy date"])),
    email: opt(email()),
    pan: opt(str(undefined, [f.isPan, "invalid pan"])),
    permanentAddress: opt(m2pAddress),
    communicationAddress: opt(m2pAddress),
    communication: opt(strict({ mobile: opt(mobile), email: opt(email()) })),
    cbsAccountNumber: opt(str(64)),
    cif: opt(str(64)),
    customerId: opt(str(64)),
    customerRiskDetails: opt(plainObject),
    nationalIdentity: opt(plainObject),
    customerAdditionalDetails: opt(map(v.pipe(v.string(), v.minLength(1)))),
    status: readOnly(),
  }),

  "m2p.updateCustomerStatus": operation({
    entityId: str(64),
    status: v.picklist(f.M2P_STATUSES),
    currentStatus: opt(v.picklist(f.M2P_STATUSES)),
  }, (input, addIssue) => {
    if (f.transitionInvalid(input)) addIssue({ message: "invalid status transition", path: [key("status")] });
  }),

  "m2p.updateNomineeDetails": operation({
    entityId: str(64),
    nominees: v.pipe(v.array(nominee), v.minLength(1)),
  }, (input, addIssue) => {
    const items = input.nominees;
    if (!Array.isArray(items)) return;
    if (f.sharesMismatch(items, "percentShare", 100)) addIssue({ message: "percentShare values must add up to 100", path: [key("nominees")] });
    for (let i = 0; i < items.length; i++) {
      if (!f.isObject(items[i])) continue;
      const [mismatch, missing] = f.minorIssues(items[i]);
      if (mismatch) addIssue({ message: "minor contradicts dob", path: [key("nominees"), index(i), key("minor")] });
      if (missing) addIssue({ message: "a minor needs a guardian", path: [key("nominees"), index(i), key("guardian")] });
      if (f.ageMismatch(items[i])) addIssue({ message: "age contradicts dob", path: [key("nominees"), index(i), key("age")] });
    }
  }),
};

export const operations = Object.keys(schemas);

export function validate(op, input) {
  const schema = schemas[op];
  if (!schema) throw new TypeError(`unknown operation "${op}"`);
  const r = v.safeParse(schema, input);
  if (r.success) return { ok: true };
  return { ok: false, issues: r.issues.map((i) => ({ path: i.path ? i.path.map((p) => p.key) : [], code: i.type })) };
}
