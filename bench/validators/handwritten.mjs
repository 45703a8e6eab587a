// The nine operations' rules in plain JavaScript, no library: small checker closures composed at
// load time, walking the input once and collecting every issue with the package's own codes
// (required, unknown_field, null_not_allowed, read_only, invalid_type, empty, too_long,
// invalid_format, not_in_enum, out_of_range, too_few_items, too_many_items, at_least_one_required,
// sum_mismatch, guardian_required, minor_mismatch, age_mismatch, invalid_transition, date_in_future), in the
// package's order: fields in spec order, then unknown keys, then the cross-field rules.
// `validate(op, input)` returns { ok: true } or { ok: false, issues: [{ path, code }] }.
import * as f from "./formats.mjs";

const MAX_ISSUES = 200;

function add(out, path, code) {
  if (out.length < MAX_ISSUES) out.push({ path: path.slice(), code });
}

// ---- checkers: (value, path, out) => void; `value` is never undefined ----

/** A string: non-empty, at most `max` code points, one of `values`, passing `format` (a predicate) or `date` (ISO/DMY, past). */
function string({ max, values, format, date } = {}) {
  return (v, path, out) => {
    if (v === null) return add(out, path, "null_not_allowed");
    if (typeof v !== "string") return add(out, path, "invalid_type");
    if (v === "") return add(out, path, "empty");
    if (max !== undefined && !f.withinChars(v, max)) return add(out, path, "too_long");
    if (values !== undefined && !values.includes(v)) return add(out, path, "not_in_enum");
    if (format !== undefined && !format(v)) return add(out, path, "invalid_format");
    if (date !== undefined) {
      const r = f.checkDate(v, date, true);
      if (r === f.DATE_INVALID) add(out, path, "invalid_format");
      else if (r === f.DATE_FUTURE) add(out, path, "date_in_future");
    }
  };
}

const boolean = (v, path, out) => {
  if (v === null) add(out, path, "null_not_allowed");
  else if (typeof v !== "boolean") add(out, path, "invalid_type");
};

function integer(min, max) {
  return (v, path, out) => {
    if (v === null) return add(out, path, "null_not_allowed");
    if (!f.isWholeNumber(v)) return add(out, path, "invalid_type");
    if (v < min || v > max) add(out, path, "out_of_range");
  };
}

/** An object with `fields` ({ name: { check, required, readOnly } }); unknown keys are issues unless `open`. */
function object(fields, open = false) {
  const entries = Object.entries(fields);
  return (v, path, out) => {
    if (v === null) return add(out, path, "null_not_allowed");
    if (!f.isObject(v)) return add(out, path, "invalid_type");
    for (const [name, field] of entries) {
      const x = v[name];
      if (x === undefined) {
        if (field.required) { path.push(name); add(out, path, "required"); path.pop(); }
        continue;
      }
      path.push(name);
      if (field.readOnly) add(out, path, "read_only");
      else field.check(x, path, out);
      path.pop();
    }
    if (open) return;
    for (const key in v) {
      if (v[key] === undefined || Object.prototype.hasOwnProperty.call(fields, key)) continue;
      path.push(key);
      add(out, path, "unknown_field");
      path.pop();
    }
  };
}
const req = (check) => ({ check, required: true });
const opt = (check) => ({ check });
const READ_ONLY = { readOnly: true };

/** Any object (open, no declared keys). */
const anyObject = object({}, true);

/** An object whose every value passes `check`. */
function map(check) {
  return (v, path, out) => {
    if (v === null) return add(out, path, "null_not_allowed");
    if (!f.isObject(v)) return add(out, path, "invalid_type");
    for (const key in v) {
      if (v[key] === undefined) continue;
      path.push(key);
      check(v[key], path, out);
      path.pop();
    }
  };
}

/** An array of `min..=max` items; over `max` is one issue and the items are not checked (the package's rule). */
function array(check, min, max = Infinity) {
  return (v, path, out) => {
    if (v === null) return add(out, path, "null_not_allowed");
    if (!Array.isArray(v)) return add(out, path, "invalid_type");
    if (v.length < min) add(out, path, "too_few_items");
    else if (v.length > max) return add(out, path, "too_many_items");
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      check(v[i] === undefined ? null : v[i], path, out); // JSON.stringify writes undefined items as null
      path.pop();
    }
  };
}

// ---- shared shapes ----
const s = (max) => string({ max });
const email = string({ max: 254, format: f.isEmail });
const e164 = string({ format: f.isE164 });
const countryCode = string({ format: f.isCountryCode });
const pin = string({ format: f.isPin });

const bvnkAddress = object({
  addressLine1: req(s(255)), addressLine2: opt(s(255)), city: req(s(100)), postalCode: req(s(20)),
  countryCode: req(countryCode), country: opt(s(100)),
});
const associate = object({
  person: req(object({
    firstName: req(s(100)), lastName: req(s(100)), dateOfBirth: req(string({ date: f.ISO })), address: opt(bvnkAddress),
  })),
  details: opt(object({
    birthCountryCode: opt(countryCode),
    contactInfo: opt(object({ emailAddress: opt(email), phoneNumber: opt(e164) })),
    documentNumber: opt(s(64)),
    documentInfo: opt(object({
      number: req(s(64)),
      type: req(string({ values: ["DRIVERS_LICENSE", "DRIVER_LICENSE", "PASSPORT", "ID_CARD", "RESIDENCE_PERMIT"] })),
      issuingCountryCode: req(countryCode),
    })),
    taxIdentification: opt(object({ number: req(s(64)), taxResidenceCountryCode: req(countryCode) })),
  })),
  title: opt(s(100)),
  riskScore: opt(string({ values: ["LOW", "MEDIUM", "HIGH"] })),
  controls: opt(object({ hasOwnership: req(boolean), hasControl: req(boolean), isSigner: req(boolean) })),
});

const m2pAddress = object({
  address1: req(s(255)), address2: opt(s(255)), pin: req(pin), city: req(s(100)), state: req(s(100)), country: req(s(100)),
});
const mobile = object({ value: req(string({ format: f.isMobile10 })), countryCode: req(integer(1, 999)) });
const nominee = object({
  name: req(s(255)), relationship: req(s(100)), dob: opt(string({ date: f.ISO })), age: opt(integer(0, 150)), percentShare: req(integer(1, 100)),
  minor: opt(boolean), guardian: opt(object({ name: req(s(255)) }, true)), mobile: opt(mobile),
  address: opt(object({ address1: req(s(255)), city: req(s(100)), state: req(s(100)), country: req(s(100)), pin: req(pin) })),
});

// ---- cross-field rules: (input object, out) ----
const atLeastOneOf = (fields) => (input, out) => {
  if (f.noneOf(input, fields)) add(out, [], "at_least_one_required");
};

const OPS = {
  "accessbank.updateCustomerDetails": [object({
    requestId: opt(s(100)), accountNo: req(string({ format: f.isAccountNo })), email: opt(email), phoneNumber: opt(e164),
  }), atLeastOneOf(["email", "phoneNumber"])],

  "juspay.updateCustomer": [object({
    customer_id: req(string({ max: 128, format: f.isHeaderText })), email_address: opt(email),
    first_name: opt(string({ max: 255, format: f.isName })), last_name: opt(string({ max: 255, format: f.isName })),
    mobile_number: opt(string({ format: f.isJuspayMobile })), mobile_country_code: opt(string({ format: f.isJuspayCountryCode })),
  }), atLeastOneOf(["email_address", "first_name", "last_name", "mobile_number", "mobile_country_code"])],

  "bvnk.updateCustomer": [object({
    customerReference: req(s(64)), name: opt(s(255)), description: opt(s(1000)), address: opt(bvnkAddress),
  }), atLeastOneOf(["name", "description", "address"])],

  "bvnk.updateCustomerStatus": [object({
    customerReference: req(s(64)), status: req(string({ values: ["PENDING", "VERIFIED", "REJECTED"] })),
  })],

  "bvnk.updateCustomerAssociates": [object({
    customerReference: req(s(64)), associates: req(array(associate, 1, 25)),
  })],

  "gathr.updateCustomer": [object({
    customer_id: req(string({ max: 64, format: f.isUuid })), client_reference: opt(s(255)), popi: opt(boolean), terms_and_conditions: opt(boolean),
    email: opt(email), id_number: opt(s(64)), first_name: opt(s(255)), middle_name: opt(s(255)), last_name: opt(s(255)),
    id_type: opt(string({ values: ["id_number", "passport"] })), country: opt(s(100)),
    id: READ_ONLY, api_token: READ_ONLY, full_name: READ_ONLY, initials: READ_ONLY,
  }),
  atLeastOneOf(["client_reference", "popi", "terms_and_conditions", "email", "id_number", "first_name", "middle_name", "last_name", "id_type", "country"]),
  (input, out) => { if (f.idNumberInvalid(input)) add(out, ["id_number"], "invalid_format"); }],

  "m2p.updateCustomer": [object({
    entityId: req(s(64)), firstName: opt(s(100)), lastName: opt(s(100)),
    gender: opt(string({ values: ["Male", "Female", "Others"] })), dob: opt(string({ date: f.DMY })),
    email: opt(email), pan: opt(string({ format: f.isPan })),
    permanentAddress: opt(m2pAddress), communicationAddress: opt(m2pAddress),
    communication: opt(object({ mobile: opt(mobile), email: opt(email) })),
    cbsAccountNumber: opt(s(64)), cif: opt(s(64)), customerId: opt(s(64)),
    customerRiskDetails: opt(anyObject), nationalIdentity: opt(anyObject),
    customerAdditionalDetails: opt(map(string())), status: READ_ONLY,
  })],

  "m2p.updateCustomerStatus": [object({
    entityId: req(s(64)), status: req(string({ values: f.M2P_STATUSES })), currentStatus: opt(string({ values: f.M2P_STATUSES })),
  }), (input, out) => { if (f.transitionInvalid(input)) add(out, ["status"], "invalid_transition"); }],

  "m2p.updateNomineeDetails": [object({
    entityId: req(s(64)), nominees: req(array(nominee, 1)),
  }), (input, out) => {
    const items = input.nominees;
    if (!Array.isArray(items)) return;
    if (f.sharesMismatch(items, "percentShare", 100)) add(out, ["nominees"], "sum_mismatch");
    for (let i = 0; i < items.length; i++) {
      if (!f.isObject(items[i])) continue;
      const [mismatch, missing] = f.minorIssues(items[i]);
      if (mismatch) add(out, ["nominees", i, "minor"], "minor_mismatch");
      if (missing) add(out, ["nominees", i, "guardian"], "guardian_required");
      if (f.ageMismatch(items[i])) add(out, ["nominees", i, "age"], "age_mismatch");
    }
  }],
};

export const operations = Object.keys(OPS);

export function validate(op, input) {
  const checks = OPS[op];
  if (!checks) throw new TypeError(`unknown operation "${op}"`);
  const out = [];
  if (!f.isObject(input)) {
    add(out, [], "invalid_type");
  } else {
    checks[0](input, [], out);
    for (let i = 1; i < checks.length; i++) checks[i](input, out);
  }
  return out.length === 0 ? { ok: true } : { ok: false, issues: out };
}
