// The nine operations' rules as Zod 4 schemas (strict objects, refinements for the A.3 formats,
// superRefine for the cross-field rules). `validate(op, input)` returns { ok: true } or
// { ok: false, issues: [{ path, code }] } with Zod's own codes; `unrecognized_keys` is spread
// into one issue per key so the paths match the package's. Known gap: z.record skips a key named
// "__proto__" (by design), so `customerAdditionalDetails: {"__proto__": …}` is not checked.
import * as z from "zod";
import * as f from "./formats.mjs";

// ---- building blocks ----

/** A non-empty string of at most `max` code points, with optional format refinements. */
function str(max, ...formats) {
  let s = z.string().min(1);
  if (max !== undefined) s = s.refine((v) => f.withinChars(v, max), { message: `at most ${max} characters` });
  for (const [check, message] of formats) s = s.refine(check, { message });
  return s;
}
const email = () => str(254, [f.isEmail, "invalid email"]);
const e164 = () => str(undefined, [f.isE164, "invalid e164"]);
const countryCode = () => str(undefined, [f.isCountryCode, "invalid country_code"]);
const pin = () => str(undefined, [f.isPin, "invalid pin"]);
const isoPastDate = () => str(undefined, [f.isIsoPastDate, "invalid or future yyyy-MM-dd date"]);
/** An integer in min..=max. Not z.int(): its type issue aborts the whole parse, so the
 * cross-field rules would not run (the package runs them whatever the fields say). */
const int = (min, max) => z.number().refine(Number.isSafeInteger, { message: "expected an integer" }).min(min).max(max);
const readOnly = () => z.never().optional();
const opt = (s) => s.optional();
/** Keeps the package's rule: an array over its limit is one issue; its items are not checked. */
const boundedArray = (item, min, max) => z.array(z.unknown()).min(min).max(max).pipe(z.array(item));
/** Cross-field rules run even when fields failed (the package checks every rule on every object input). */
const always = { when: () => true };
const custom = (ctx, path, message) => ctx.addIssue({ code: "custom", path, message, input: undefined });

// ---- BVNK ----
const bvnkAddress = z.strictObject({
  addressLine1: str(255),
  addressLine2: opt(str(255)),
  city: str(100),
  postalCode: str(20),
  countryCode: countryCode(),
  country: opt(str(100)),
});
const associate = z.strictObject({
  person: z.strictObject({
    firstName: str(100),
    lastName: str(100),
    dateOfBirth: isoPastDate(),
    address: opt(bvnkAddress),
  }),
  details: opt(z.strictObject({
    birthCountryCode: opt(countryCode()),
    contactInfo: opt(z.strictObject({ emailAddress: opt(email()), phoneNumber: opt(e164()) })),
    documentNumber: opt(str(64)),
    documentInfo: opt(z.strictObject({
      number: str(64),
      type: z.enum(["DRIVERS_LICENSE", "DRIVER_LICENSE", "PASSPORT", "ID_CARD", "RESIDENCE_PERMIT"]),
      issuingCountryCode: countryCode(),
    })),
    taxIdentification: opt(z.strictObject({ number: str(64), taxResidenceCountryCode: countryCode() })),
  })),
  title: opt(str(100)),
  riskScore: opt(z.enum(["LOW", "MEDIUM", "HIGH"])),
  controls: opt(z.strictObject({ hasOwnership: z.boolean(), hasControl: z.boolean(), isSigner: z.boolean() })),
});

// ---- M2P ----
const m2pAddress = z.strictObject({
  address1: str(255),
  address2: opt(str(255)),
  pin: pin(),
  city: str(100),
  state: str(100),
  country: str(100),
});
const mobile = z.strictObject({ value: str(undefined, [f.isMobile10, "invalid digits"]), countryCode: int(1, 999) });
const nominee = z.strictObject({
  name: str(255),
  relationship: str(100),
  dob: opt(isoPastDate()),
  age: opt(int(0, 150)),
  percentShare: int(1, 100),
  minor: opt(z.boolean()),
  guardian: opt(z.looseObject({ name: str(255) })),
  mobile: opt(mobile),
  address: opt(z.strictObject({ address1: str(255), city: str(100), state: str(100), country: str(100), pin: pin() })),
});

function atLeastOneOf(fields) {
  return (input, ctx) => {
    if (f.isObject(input) && f.noneOf(input, fields)) custom(ctx, [], `provide at least one of: ${fields.join(", ")}`);
  };
}

const schemas = {
  "accessbank.updateCustomerDetails": z.strictObject({
    requestId: opt(str(100)),
    accountNo: str(undefined, [f.isAccountNo, "invalid digits"]),
    email: opt(email()),
    phoneNumber: opt(e164()),
  }).superRefine(atLeastOneOf(["email", "phoneNumber"]), always),

  "juspay.updateCustomer": z.strictObject({
    customer_id: str(128, [f.isHeaderText, "invalid header_text"]),
    email_address: opt(email()),
    first_name: opt(str(255, [f.isName, "invalid name"])),
    last_name: opt(str(255, [f.isName, "invalid name"])),
    mobile_number: opt(str(undefined, [f.isJuspayMobile, "invalid digits"])),
    mobile_country_code: opt(str(undefined, [f.isJuspayCountryCode, "invalid digits"])),
  }).superRefine(atLeastOneOf(["email_address", "first_name", "last_name", "mobile_number", "mobile_country_code"]), always),

  "bvnk.updateCustomer": z.strictObject({
    customerReference: str(64),
    name: opt(str(255)),
    description: opt(str(1000)),
    address: opt(bvnkAddress),
  }).superRefine(atLeastOneOf(["name", "description", "address"]), always),

  "bvnk.updateCustomerStatus": z.strictObject({
    customerReference: str(64),
    status: z.enum(["PENDING", "VERIFIED", "REJECTED"]),
  }),

  "bvnk.updateCustomerAssociates": z.strictObject({
    customerReference: str(64),
    associates: boundedArray(associate, 1, 25),
  }),

  "gathr.updateCustomer": z.strictObject({
    customer_id: str(64, [f.isUuid, "invalid uuid"]),
    client_reference: opt(str(255)),
    popi: opt(z.boolean()),
    terms_and_conditions: opt(z.boolean()),
    email: opt(email()),
    id_number: opt(str(64)),
    first_name: opt(str(255)),
    middle_name: opt(str(255)),
    last_name: opt(str(255)),
    id_type: opt(z.enum(["id_number", "passport"])),
    country: opt(str(100)),
    id: readOnly(),
    api_token: readOnly(),
    full_name: readOnly(),
    initials: readOnly(),
  }).superRefine((input, ctx) => {
    if (!f.isObject(input)) return;
    atLeastOneOf(["client_reference", "popi", "terms_and_conditions", "email", "id_number", "first_name", "middle_name", "last_name", "id_type", "country"])(input, ctx);
    if (f.idNumberInvalid(input)) custom(ctx, ["id_number"], "id_number must be a valid South African ID unless id_type is passport");
  }, always),

  "m2p.updateCustomer": z.strictObject({
    entityId: str(64),
    firstName: opt(str(100)),
    lastName: opt(str(100)),
    gender: opt(z.enum(["Male", "Female", "Others"])),
    dob: opt(str(undefined, [f.isDmyPastDate, "invalid or future dd/MM/yyyy date"])),
    email: opt(email()),
    pan: opt(str(undefined, [f.isPan, "invalid pan"])),
    permanentAddress: opt(m2pAddress),
    communicationAddress: opt(m2pAddress),
    communication: opt(z.strictObject({ mobile: opt(mobile), email: opt(email()) })),
    cbsAccountNumber: opt(str(64)),
    cif: opt(str(64)),
    customerId: opt(str(64)),
    customerRiskDetails: opt(z.looseObject({})),
    nationalIdentity: opt(z.looseObject({})),
    customerAdditionalDetails: opt(z.record(z.string(), z.string().min(1))),
    status: readOnly(),
  }),

  "m2p.updateCustomerStatus": z.strictObject({
    entityId: str(64),
    status: z.enum(f.M2P_STATUSES),
    currentStatus: opt(z.enum(f.M2P_STATUSES)),
  }).superRefine((input, ctx) => {
    if (f.isObject(input) && f.transitionInvalid(input)) custom(ctx, ["status"], "invalid status transition");
  }, always),

  "m2p.updateNomineeDetails": z.strictObject({
    entityId: str(64),
    nominees: z.array(nominee).min(1),
  }).superRefine((input, ctx) => {
    if (!f.isObject(input) || !Array.isArray(input.nominees)) return;
    const items = input.nominees;
    if (f.sharesMismatch(items, "percentShare", 100)) custom(ctx, ["nominees"], "percentShare values must add up to 100");
    for (let i = 0; i < items.length; i++) {
      if (!f.isObject(items[i])) continue;
      const [mismatch, missing] = f.minorIssues(items[i]);
      if (mismatch) custom(ctx, ["nominees", i, "minor"], "minor contradicts dob");
      if (missing) custom(ctx, ["nominees", i, "guardian"], "a minor needs a guardian");
      if (f.ageMismatch(items[i])) custom(ctx, ["nominees", i, "age"], "age contradicts dob");
    }
  }, always),
};

export const operations = Object.keys(schemas);

export function validate(op, input) {
  const schema = schemas[op];
  if (!schema) throw new TypeError(`unknown operation "${op}"`);
  const r = schema.safeParse(input);
  if (r.success) return { ok: true };
  const issues = [];
  for (const i of r.error.issues) {
    if (i.code === "unrecognized_keys") for (const k of i.keys) issues.push({ path: [...i.path, k], code: "unknown_field" });
    else issues.push({ path: i.path, code: i.code });
  }
  return { ok: false, issues };
}
