// The nine operations' rules as JSON Schema (draft 2020-12 keywords, Ajv 8, `allErrors: true`).
// What JSON Schema says itself: types, required, additionalProperties: false (unknown keys),
// `false` schemas (read-only keys), minLength/maxLength (Ajv counts code points), enum,
// integer bounds, min/maxItems, anyOf-of-required (at_least_one_of). What it cannot say: the
// A.3 formats (custom formats over formats.mjs) and the cross-field rules that compare values
// or compute (custom keywords: shares sum, guardian for minors, SA ID by id_type, status
// transition). `validate(op, input)` returns { ok: true } or { ok: false, issues: [{ path, code }] }
// with Ajv keywords as codes.
import Ajv from "ajv";
import * as f from "./formats.mjs";

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });

// ---- formats ----
const FORMATS = {
  "cu-email": f.isEmail,
  "cu-e164": f.isE164,
  "cu-country-code": f.isCountryCode,
  "cu-pin": f.isPin,
  "cu-pan": f.isPan,
  "cu-name": f.isName,
  "cu-header-text": f.isHeaderText,
  "cu-uuid": f.isUuid,
  "cu-date-iso-past": f.isIsoPastDate,
  "cu-date-dmy-past": f.isDmyPastDate,
  "cu-digits-10": f.isAccountNo,
  "cu-digits-4-15": f.isJuspayMobile,
  "cu-digits-1-3-nz": f.isJuspayCountryCode,
};
for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: "string", validate });

// ---- cross-field keywords ----
function keyword(name, type, check) {
  const fn = function (schema, data, _parent, cxt) {
    const errors = check(schema, data, cxt.instancePath);
    if (errors.length === 0) return true;
    fn.errors = errors.map(([instancePath, message]) => ({ keyword: name, instancePath, params: {}, message }));
    return false;
  };
  ajv.addKeyword({ keyword: name, type, errors: true, validate: fn });
}
keyword("cuSharesSumTo", "array", ({ field, total }, items, at) =>
  f.sharesMismatch(items, field, total) ? [[at, `${field} values must add up to ${total}`]] : []);
keyword("cuGuardianForMinor", "array", (_schema, items, at) => {
  const errors = [];
  for (let i = 0; i < items.length; i++) {
    if (!f.isObject(items[i])) continue;
    const [mismatch, missing] = f.minorIssues(items[i]);
    if (mismatch) errors.push([`${at}/${i}/minor`, "minor contradicts dob"]);
    if (missing) errors.push([`${at}/${i}/guardian`, "a minor needs a guardian"]);
    if (f.ageMismatch(items[i])) errors.push([`${at}/${i}/age`, "age contradicts dob"]);
  }
  return errors;
});
keyword("cuIdNumberByIdType", "object", (_schema, input, at) =>
  f.idNumberInvalid(input) ? [[`${at}/id_number`, "id_number must be a valid South African ID unless id_type is passport"]] : []);
keyword("cuStatusTransition", "object", (_schema, input, at) =>
  f.transitionInvalid(input) ? [[`${at}/status`, "invalid status transition"]] : []);

// ---- schema helpers ----
const str = (maxLength, format) => ({ type: "string", minLength: 1, ...(maxLength ? { maxLength } : {}), ...(format ? { format } : {}) });
const enumOf = (values) => ({ type: "string", minLength: 1, enum: values });
const int = (minimum, maximum) => ({ type: "integer", minimum, maximum });
const bool = { type: "boolean" };
const strict = (properties, required = []) => ({ type: "object", properties, required, additionalProperties: false });
const atLeastOneOf = (fields) => ({ anyOf: fields.map((k) => ({ required: [k] })) });
const READ_ONLY = false;

const bvnkAddress = strict({
  addressLine1: str(255), addressLine2: str(255), city: str(100), postalCode: str(20),
  countryCode: str(0, "cu-country-code"), country: str(100),
}, ["addressLine1", "city", "postalCode", "countryCode"]);
const associate = strict({
  person: strict({
    firstName: str(100), lastName: str(100), dateOfBirth: str(0, "cu-date-iso-past"), address: bvnkAddress,
  }, ["firstName", "lastName", "dateOfBirth"]),
  details: strict({
    birthCountryCode: str(0, "cu-country-code"),
    contactInfo: strict({ emailAddress: str(254, "cu-email"), phoneNumber: str(0, "cu-e164") }),
    documentNumber: str(64),
    documentInfo: strict({
      number: str(64),
      type: enumOf(["DRIVERS_LICENSE", "DRIVER_LICENSE", "PASSPORT", "ID_CARD", "RESIDENCE_PERMIT"]),
      issuingCountryCode: str(0, "cu-country-code"),
    }, ["number", "type", "issuingCountryCode"]),
    taxIdentification: strict({ number: str(64), taxResidenceCountryCode: str(0, "cu-country-code") }, ["number", "taxResidenceCountryCode"]),
  }),
  title: str(100),
  riskScore: enumOf(["LOW", "MEDIUM", "HIGH"]),
  controls: strict({ hasOwnership: bool, hasControl: bool, isSigner: bool }, ["hasOwnership", "hasControl", "isSigner"]),
}, ["person"]);

const m2pAddress = strict({
  address1: str(255), address2: str(255), pin: str(0, "cu-pin"), city: str(100), state: str(100), country: str(100),
}, ["address1", "pin", "city", "state", "country"]);
const mobile = strict({ value: str(0, "cu-digits-10"), countryCode: int(1, 999) }, ["value", "countryCode"]);
const nominee = strict({
  name: str(255), relationship: str(100), dob: str(0, "cu-date-iso-past"), age: int(0, 150), percentShare: int(1, 100), minor: bool,
  guardian: { type: "object", properties: { name: str(255) }, required: ["name"] },
  mobile,
  address: strict({ address1: str(255), city: str(100), state: str(100), country: str(100), pin: str(0, "cu-pin") },
    ["address1", "city", "state", "country", "pin"]),
}, ["name", "relationship", "percentShare"]);

const schemas = {
  "accessbank.updateCustomerDetails": {
    ...strict({ requestId: str(100), accountNo: str(0, "cu-digits-10"), email: str(254, "cu-email"), phoneNumber: str(0, "cu-e164") }, ["accountNo"]),
    ...atLeastOneOf(["email", "phoneNumber"]),
  },
  "juspay.updateCustomer": {
    ...strict({
      customer_id: str(128, "cu-header-text"), email_address: str(254, "cu-email"), first_name: str(255, "cu-name"), last_name: str(255, "cu-name"),
      mobile_number: str(0, "cu-digits-4-15"), mobile_country_code: str(0, "cu-digits-1-3-nz"),
    }, ["customer_id"]),
    ...atLeastOneOf(["email_address", "first_name", "last_name", "mobile_number", "mobile_country_code"]),
  },
  "bvnk.updateCustomer": {
    ...strict({ customerReference: str(64), name: str(255), description: str(1000), address: bvnkAddress }, ["customerReference"]),
    ...atLeastOneOf(["name", "description", "address"]),
  },
  "bvnk.updateCustomerStatus": strict({ customerReference: str(64), status: enumOf(["PENDING", "VERIFIED", "REJECTED"]) }, ["customerReference", "status"]),
  "bvnk.updateCustomerAssociates": strict({
    customerReference: str(64),
    // over 25 items is one issue and the items are not checked (the package's rule)
    associates: { type: "array", minItems: 1, maxItems: 25, if: { maxItems: 25 }, then: { items: associate } },
  }, ["customerReference", "associates"]),
  "gathr.updateCustomer": {
    ...strict({
      customer_id: str(64, "cu-uuid"), client_reference: str(255), popi: bool, terms_and_conditions: bool, email: str(254, "cu-email"),
      id_number: str(64), first_name: str(255), middle_name: str(255), last_name: str(255), id_type: enumOf(["id_number", "passport"]),
      country: str(100), id: READ_ONLY, api_token: READ_ONLY, full_name: READ_ONLY, initials: READ_ONLY,
    }, ["customer_id"]),
    ...atLeastOneOf(["client_reference", "popi", "terms_and_conditions", "email", "id_number", "first_name", "middle_name", "last_name", "id_type", "country"]),
    cuIdNumberByIdType: true,
  },
  "m2p.updateCustomer": strict({
    entityId: str(64), firstName: str(100), lastName: str(100), gender: enumOf(["Male", "Female", "Others"]),
    dob: str(0, "cu-date-dmy-past"), email: str(254, "cu-email"), pan: str(0, "cu-pan"),
    permanentAddress: m2pAddress, communicationAddress: m2pAddress,
    communication: strict({ mobile, email: str(254, "cu-email") }),
    cbsAccountNumber: str(64), cif: str(64), customerId: str(64),
    customerRiskDetails: { type: "object" }, nationalIdentity: { type: "object" },
    customerAdditionalDetails: { type: "object", additionalProperties: { type: "string", minLength: 1 } },
    status: READ_ONLY,
  }, ["entityId"]),
  "m2p.updateCustomerStatus": {
    ...strict({ entityId: str(64), status: enumOf(f.M2P_STATUSES), currentStatus: enumOf(f.M2P_STATUSES) }, ["entityId", "status"]),
    cuStatusTransition: true,
  },
  "m2p.updateNomineeDetails": strict({
    entityId: str(64),
    nominees: { type: "array", minItems: 1, items: nominee, cuSharesSumTo: { field: "percentShare", total: 100 }, cuGuardianForMinor: true },
  }, ["entityId", "nominees"]),
};

const compiled = Object.fromEntries(Object.entries(schemas).map(([op, s]) => [op, ajv.compile(s)]));

export const operations = Object.keys(compiled);

/** A JSON pointer into `root` as a path of keys and array indices. */
function pointerPath(pointer, root) {
  const path = [];
  if (pointer === "") return path;
  let cur = root;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const key = Array.isArray(cur) ? Number(seg) : seg;
    path.push(key);
    cur = cur == null ? undefined : cur[key];
  }
  return path;
}

export function validate(op, input) {
  const check = compiled[op];
  if (!check) throw new TypeError(`unknown operation "${op}"`);
  if (check(input)) return { ok: true };
  const issues = [];
  for (const e of check.errors) {
    // `if` only summarises its `then` branch; a `required` under anyOf is one branch of at_least_one_of
    if (e.keyword === "if" || (e.keyword === "required" && e.schemaPath.includes("/anyOf/"))) continue;
    const path = pointerPath(e.instancePath, input);
    if (e.keyword === "additionalProperties") path.push(e.params.additionalProperty);
    else if (e.keyword === "required") path.push(e.params.missingProperty);
    issues.push({ path, code: e.keyword });
  }
  return { ok: false, issues };
}
