// The five providers as the simulator plays them: seeded records (from the seed documents),
// auth checks, the operations, and every answer in the provider's documented shape
// (docs/providers.md; verbatim where the seed gives the body).
import { randomUUID } from "node:crypto";
import { describe } from "customer-update";
import { bearer, checkBasic, same, verifyHawk } from "./auth.mjs";

export const PROVIDERS = ["accessbank", "juspay", "bvnk", "gathr", "m2p"];

/** Where each provider lives under the simulator's origin (M2P's token endpoint: /auth/token). */
export const PREFIXES = {
  accessbank: "/accessbank",
  juspay: "/juspay",
  bvnk: "/bvnk",
  gathr: "/gathr",
  m2p: "/m2p/prepaid/customer",
};

const clone = (v) => structuredClone(v);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Sent objects are merged key by key (absent = unchanged, at every level); arrays and scalars replace. */
function deepMerge(target, patch) {
  for (const [k, v] of Object.entries(patch)) {
    if (isObject(v) && isObject(target[k])) deepMerge(target[k], v);
    else target[k] = clone(v);
  }
  return target;
}

/** `["associates", 0, "person", "firstName"]` → `associates[0].person.firstName`. */
const bracketPath = (path) =>
  path.reduce((s, seg) => (typeof seg === "number" ? `${s}[${seg}]` : s ? `${s}.${seg}` : String(seg)), "");
/** Laravel / ASP.NET style: `associates.0.person.firstName`; the whole request is "". */
const dottedPath = (path) => path.join(".");

/** `{ "field": ["message", …] }`, root issues under "" (ASP.NET and Laravel use "" too). */
function fieldMap(issues, key = dottedPath, message = (i) => i.message) {
  const out = {};
  for (const i of issues) (out[key(i.path)] ??= []).push(message(i));
  return out;
}

const rootMessages = (issues) => issues.filter((i) => i.path.length === 0).map((i) => i.message);
const fieldIssues = (issues) => issues.filter((i) => i.path.length > 0);

// ---------------------------------------------------------------------------------------------
// Seed records. Values come from the seed documents; where a seed shows no stored record (Access
// Bank, Juspay), the record is composed from the documented sample values and says so.
// ---------------------------------------------------------------------------------------------

const ACCESSBANK_SEED = [
  // Account numbers from Access Bank's docs (docs/providers.md#accessbank-fields); names/contacts composed.
  { accountNo: "0702334455", accountName: "Jane Doe", email: "jane.doe@old-mail.example", phoneNumber: "+2348000000001" },
  { accountNo: "1934639270", accountName: "John Okafor", email: "john.okafor@example.com", phoneNumber: "+2348098765432" },
];

const JUSPAY_SEED = [
  // Customer id from seed 001 (docs/providers.md#juspay-operation); other values composed from the documented examples.
  {
    id: "cst_om2l6ctlptxwxuzj",
    object: "customer",
    object_reference_id: "customer-1001",
    mobile_number: "9123456780",
    mobile_country_code: "91",
    email_address: "tim.d@example.com",
    first_name: "Timothy",
    last_name: "David",
    date_created: "2025-01-15T10:00:00Z",
    last_updated: "2025-01-15T10:00:00Z",
  },
];

const BVNK_ADDRESS = {
  addressLine1: "Updated Address Line 1",
  addressLine2: "Updated Address Line 2",
  city: "Updated City",
  postalCode: "Updated Postal Code",
  countryCode: "US",
  country: "United States",
};

const BVNK_SEED = [
  // Seed 002, the first response (customer status PENDING, associate Sean Bond).
  {
    reference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06",
    status: "PENDING",
    type: "COMPANY",
    company: {
      name: "Updated Company Name",
      description: "Updated description",
      taxResidenceCountryCode: "US",
      registrationNumber: "21-4532998",
      address: BVNK_ADDRESS,
      associates: [
        {
          person: {
            reference: "911685b0-acaa-418d-bd91-ed80b96c62cf",
            firstName: "Sean",
            lastName: "Bond",
            dateOfBirth: "2001-01-31",
            address: {
              addressLine1: "101 West Broadway",
              addressLine2: "Suite 1975",
              city: "San Diego",
              postalCode: "92101",
              countryCode: "US",
              country: "United States",
            },
          },
          details: {
            birthCountryCode: "US",
            contactInfo: { emailAddress: "Sean.Bond@disney.com", phoneNumber: "+123456789" },
            documentNumber: "123456789",
            documentInfo: { number: "123456789", type: "DRIVERS_LICENSE", issuingCountryCode: "US" },
            taxIdentification: { number: "914764628", taxResidenceCountryCode: "US" },
          },
          title: "CEO",
          riskScore: "LOW",
          controls: { hasOwnership: true, hasControl: true, isSigner: false },
          verification: { url: "https://verify.com/2", status: "infoRequired" },
        },
      ],
      verification: { url: "https://verify.com/1", status: "infoRequired" },
    },
    riskScore: "LOW",
  },
];

const GATHR_SEED = [
  // Seed 003 "Before" (api_token is a template placeholder there; a fake value here).
  {
    id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
    client_reference: "clientnumber1",
    popi: null,
    terms_and_conditions: null,
    email: "john.w@finch-technologies.co.za",
    id_number: "8511215433085",
    first_name: "John",
    middle_name: "Jovonovich",
    last_name: "Wick",
    full_name: "John Jovonovich Wick",
    id_type: "id_number",
    country: null,
    initials: "JJW",
    api_token: "sim-gathr-customer-api-token-16cd33d2",
  },
];

const M2P_SEED = [
  // Seed 004 (the curl example's profile), status ACTIVE, no nominees yet.
  {
    entityId: "615928984620006085281025",
    firstName: "Tim",
    lastName: "David",
    gender: "Male",
    dob: "10/10/1999",
    pan: "AJXPC9886A",
    cbsAccountNumber: "87001810807",
    cif: "87001810807",
    customerId: "87001810807",
    permanentAddress: { address1: "123 Main Street", address2: "Apt 4B", pin: "600100", city: "Chennai", state: "Tamil Nadu", country: "India" },
    communication: { mobile: { value: "9876543210", countryCode: 91 }, email: "tim.david@example.com" },
    status: "ACTIVE",
    nominees: [],
  },
];

/** Fresh copies of every seeded record, keyed by provider then id. */
export function seedRecords() {
  const byId = (list, key) => new Map(list.map((r) => [r[key], clone(r)]));
  return {
    accessbank: byId(ACCESSBANK_SEED, "accountNo"),
    juspay: byId(JUSPAY_SEED, "id"),
    bvnk: byId(BVNK_SEED, "reference"),
    gathr: byId(GATHR_SEED, "id"),
    m2p: byId(M2P_SEED, "entityId"),
  };
}

const REASON = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};
export const reason = (status) => REASON[status] ?? (status >= 500 ? "Server Error" : "Error");

// ---------------------------------------------------------------------------------------------
// Access Bank WaaS (seed 000, docs/providers.md#accessbank): the envelope on every answer, business failures with HTTP 200.
// ---------------------------------------------------------------------------------------------

const envelope = (succeeded, code, message, extra = {}) => ({ succeeded, code, message, data: {}, pageMeta: {}, errors: {}, ...extra });

const accessbank = {
  /** The API gateway's own answer (Azure API Management) for a missing or wrong subscription key. */
  subscription(ctx) {
    const key = ctx.headers["ocp-apim-subscription-key"];
    if (!key) {
      return { status: 401, body: { statusCode: 401, message: "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API." } };
    }
    if (!same(key, ctx.creds.subscriptionKey)) {
      return { status: 401, body: { statusCode: 401, message: "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription." } };
    }
    return null;
  },

  authenticate(ctx) {
    const gateway = accessbank.subscription(ctx);
    if (gateway) return gateway;
    const token = bearer(ctx.headers.authorization);
    const bad = token ? ctx.sim.tokens.check("accessbank", token) : { reason: "missing bearer token" };
    if (!bad) return null;
    const message = bad.reason === "expired token" ? "Unauthorized: the access token has expired" : "Unauthorized: the access token is missing or invalid";
    return { status: 401, body: envelope(false, "401", message) };
  },

  token(ctx) {
    ctx.sim.state.tokenRequests.accessbank += 1;
    const gateway = accessbank.subscription(ctx);
    if (gateway) return gateway;
    // Authorization: <raw authorization key>, no "Bearer" (docs/providers.md#accessbank-auth).
    if (!same(ctx.headers.authorization, ctx.creds.authorizationKey)) {
      return { status: 401, body: envelope(false, "401", "Invalid authorization key") };
    }
    let body;
    try {
      body = JSON.parse(ctx.body || "null");
    } catch {
      body = null;
    }
    if (!isObject(body) || typeof body.merchantId !== "string" || body.merchantId === "") {
      return { status: 400, body: envelope(false, "400", "Bad Request", { errors: { merchantId: ["The merchantId field is required."] } }) };
    }
    if (!same(body.merchantId, ctx.creds.merchantId)) {
      return { status: 401, body: envelope(false, "401", "Invalid merchant id") };
    }
    const ttl = ctx.sim.options.accessbankTokenTtl;
    const accessToken = ctx.sim.tokens.issue("accessbank", ttl, { sub: body.merchantId });
    return {
      status: 200,
      body: { succeeded: true, code: "200", message: "Authentication successful", data: { accessToken, expiresIn: Math.ceil(ttl) }, pageMeta: {}, errors: {} },
    };
  },

  /** The seed names requestId as required; the client generates one, so the package's rules leave it optional. */
  extraIssues(op, input) {
    return input.requestId === undefined ? [{ path: ["requestId"], code: "required", message: "Request id is required." }] : [];
  },

  // "400 Bad Request" is a business code in the envelope, sent with HTTP 200 (docs/providers.md#accessbank-errors).
  validationError: (issues) => ({ status: 200, body: envelope(false, "400", "Bad Request", { errors: fieldMap(issues) }) }),
  unreadable: (message) => ({ status: 200, body: envelope(false, "400", "Bad Request", { errors: { "": [message] } }) }),
  notFound: () => ({ status: 200, body: envelope(false, "31", "Invalid account number") }),
  httpError(status, retryAfter) {
    if (status === 429) return { status, body: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.` } };
    return { status, body: envelope(false, String(status), reason(status)) };
  },
  noRoute: () => ({ status: 404, body: { statusCode: 404, message: "Resource not found" } }),

  apply(op, input, ctx) {
    const rec = ctx.records.get(input.accountNo);
    if (!rec) return accessbank.notFound();
    if (input.email !== undefined) rec.email = input.email;
    if (input.phoneNumber !== undefined) rec.phoneNumber = input.phoneNumber;
    return { status: 200, body: envelope(true, "200", "successful request"), applied: true };
  },
};

// ---------------------------------------------------------------------------------------------
// Juspay (seed 001, docs/providers.md#juspay): bodies verbatim from the seed's error table.
// ---------------------------------------------------------------------------------------------

const JUSPAY_404 = {
  error_message: "Cannot find what you are looking for",
  status: "invalid_request_error",
  error_code: "object_not_found",
  error_info: {
    user_message: "Cannot process your request as customer account not found.",
    developer_message: "Customer account not found.",
    code: "RESOURCE_NOT_FOUND",
    category: "USER_ERROR",
  },
};

const juspay401 = (developerMessage = "Invalid API Key. Please pass a valid and active api key.") => ({
  status: 401,
  body: {
    status: "error",
    error_code: "access_denied",
    error_info: { user_message: "Unauthorized.", developer_message: developerMessage, code: "UNAUTHORIZED", category: "USER_ERROR" },
  },
});

const juspay400 = (fields, developerMessage = "Invalid request params") => ({
  status: 400,
  body: {
    error_message: fields.length ? `Wrong value in ${[...new Set(fields.map((f) => f.field_name))].join(", ")}` : developerMessage,
    status: "Invalid Request",
    error_code: "Invalid Request",
    error_info: {
      user_message: "Invalid request params. Please verify your input.",
      fields,
      developer_message: developerMessage,
      code: "INVALID_INPUT",
      category: "USER_ERROR",
    },
  },
});

const juspay = {
  authenticate(ctx) {
    if (checkBasic(ctx.headers.authorization, ctx.creds.apiKey)) return juspay401();
    if (!same(ctx.headers["x-merchantid"], ctx.creds.merchantId)) {
      return juspay401("Invalid merchant id. Pass the x-merchantid header of the merchant the API key belongs to.");
    }
    return null;
  },
  validationError(issues) {
    const roots = rootMessages(issues);
    const fields = fieldIssues(issues).map((i) => ({ field_name: dottedPath(i.path), reason: i.message }));
    return juspay400(fields, roots.length ? `Invalid request params: ${roots.join(" ")}` : "Invalid request params");
  },
  unreadable: (message) => juspay400([], `Invalid request params: ${message}`),
  notFound: () => ({ status: 404, body: clone(JUSPAY_404) }),
  httpError(status) {
    if (status === 429) {
      return {
        status,
        body: {
          status: "error",
          error_code: "too_many_requests",
          error_message: "Too many requests",
          error_info: { user_message: "Too many requests. Please retry after some time.", developer_message: "Rate limit exceeded.", code: "TOO_MANY_REQUESTS", category: "USER_ERROR" },
        },
      };
    }
    return {
      status,
      body: {
        status: "error",
        error_code: "internal_error",
        error_message: "Internal Server error.",
        error_info: { user_message: "Something went wrong. Please try again.", developer_message: reason(status), code: "INTERNAL_SERVER_ERROR", category: "SERVER_ERROR" },
      },
    };
  },
  // "Wrong API endpoint: 404 Not Found" (no body given in the seed).
  noRoute: () => ({ status: 404, body: "" }),

  apply(op, input, ctx) {
    const id = input.customer_id;
    // customer_id is Juspay's id or the merchant's object_reference_id (docs/providers.md#juspay-operation).
    const rec = ctx.records.get(id) ?? [...ctx.records.values()].find((r) => r.object_reference_id === id);
    if (!rec) return juspay.notFound();
    for (const k of ["email_address", "first_name", "last_name", "mobile_number", "mobile_country_code"]) {
      if (input[k] !== undefined) rec[k] = input[k];
    }
    rec.last_updated = new Date(ctx.sim.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
    // The docs disagree on "id" vs "customer_id" (docs/providers.md#juspay-errors): both are sent.
    return { status: 200, body: { ...clone(rec), customer_id: rec.id }, applied: true };
  },
};

// ---------------------------------------------------------------------------------------------
// BVNK (seed 002, docs/providers.md#bvnk): Hawk; errors {code: "bvnk:<domain>:<nnnn>", status, traceId, message, details}.
// ---------------------------------------------------------------------------------------------

const bvnkError = (status, code, message, extra = {}) => ({
  status,
  body: { code, status: reason(status), traceId: randomUUID(), message, ...extra },
});

const BVNK_AUTH_MESSAGES = {
  "missing or malformed Hawk authorization header": "Missing or malformed Hawk Authorization header.",
  "unknown Hawk credentials id": "Unknown Hawk credentials.",
  "missing Host header": "Missing Host header.",
  "stale timestamp": "Stale timestamp: the request's ts is more than 60 seconds away from the server clock.",
  "bad mac": "Bad MAC: the request signature does not match.",
  "replayed nonce": "Invalid nonce: this nonce was already used within the last 15 minutes.",
};

const bvnk = {
  authenticate(ctx) {
    const bad = verifyHawk({
      authorization: ctx.headers.authorization,
      method: ctx.method,
      url: ctx.url,
      hostHeader: ctx.headers.host,
      hawkId: ctx.creds.hawkId,
      hawkKey: ctx.creds.hawkKey,
      nonces: ctx.sim.nonces,
      now: ctx.sim.now,
      skewS: ctx.sim.options.hawkSkewS,
    });
    if (!bad) return null;
    const answer = bvnkError(401, "bvnk:auth:4010", BVNK_AUTH_MESSAGES[bad.reason] ?? "Unauthorized.");
    if (bad.wwwAuthenticate) answer.headers = { "WWW-Authenticate": bad.wwwAuthenticate };
    return answer;
  },
  validationError(issues) {
    const roots = rootMessages(issues);
    const errors = fieldIssues(issues).map((i) => ({ field: bracketPath(i.path), message: i.message }));
    return bvnkError(400, "bvnk:platform:4000", roots.length ? roots.join(" ") : "Request validation failed.", { details: { errors, documentLink: "" } });
  },
  unreadable: (message) => bvnkError(400, "bvnk:platform:4000", message, { details: { errors: [], documentLink: "" } }),
  notFound: () => bvnkError(404, "bvnk:platform:4040", "Customer not found."),
  httpError(status) {
    return bvnkError(status, `bvnk:platform:${status}0`, status === 429 ? "Too many requests. Slow down." : `${reason(status)}.`);
  },
  noRoute: () => bvnkError(404, "bvnk:platform:4041", "No such endpoint."),

  apply(op, input, ctx) {
    const rec = ctx.records.get(input.customerReference);
    if (!rec) return bvnk.notFound();
    rec.company ??= {};
    if (op === "bvnk.updateCustomer") {
      if (input.name !== undefined) rec.company.name = input.name;
      if (input.description !== undefined) rec.company.description = input.description;
      if (input.address !== undefined) deepMerge((rec.company.address ??= {}), input.address);
    } else if (op === "bvnk.updateCustomerStatus") {
      rec.status = input.status;
    } else if (op === "bvnk.updateCustomerAssociates") {
      // The list is replaced. Person references and verification links are kept by position, as
      // the seed's response keeps 911685b0-… for the updated first associate (not documented: docs/providers.md#bvnk-operations).
      const old = rec.company.associates ?? [];
      rec.company.associates = input.associates.map((a, i) => {
        const { person, ...rest } = clone(a);
        return {
          person: { reference: old[i]?.person?.reference ?? randomUUID(), ...person },
          ...rest,
          verification: old[i]?.verification ?? { url: `https://verify.com/${i + 2}`, status: "infoRequired" },
        };
      });
    }
    return { status: 200, body: clone(rec), applied: true };
  },
};

// ---------------------------------------------------------------------------------------------
// Gathr (seed 003, docs/providers.md#gathr): Laravel-style 422 field map; {errors: {code, message}} for not found.
// ---------------------------------------------------------------------------------------------

let gathrTypes;
function gathrType(path) {
  gathrTypes ??= new Map(describe("gathr.updateCustomer").map((f) => [f.path.join("."), f.type]));
  return gathrTypes.get(path.join("."));
}

/** Laravel's wording for the rules it has ("The popi field must be true or false."), else the package's. */
function laravelMessage(issue) {
  const name = issue.path.length ? String(issue.path[issue.path.length - 1]).replace(/_/g, " ") : "";
  const type = gathrType(issue.path);
  switch (issue.code) {
    case "invalid_type":
      if (type === "boolean") return `The ${name} field must be true or false.`;
      if (type === "string") return `The ${name} field must be a string.`;
      return issue.message;
    case "invalid_format":
      return issue.format === "email" ? `The ${name} field must be a valid email address.` : issue.message;
    case "not_in_enum":
      return `The selected ${name} is invalid.`;
    default:
      return issue.message;
  }
}

const gathr = {
  authenticate(ctx) {
    const token = bearer(ctx.headers.authorization);
    if (token && same(token, ctx.creds.token)) return null;
    return { status: 401, body: { message: "Unauthenticated." } };
  },
  validationError: (issues) => ({ status: 422, body: { errors: fieldMap(issues, dottedPath, laravelMessage) } }),
  unreadable: (message) => ({ status: 400, body: { errors: message } }),
  notFound: () => ({ status: 404, body: { errors: { code: "entity_not_found", message: "Record not found in customers" } } }),
  httpError(status) {
    const message = status === 429 ? "Too Many Attempts." : status === 503 ? "Service Unavailable" : "Server Error";
    return { status, body: { message } };
  },
  noRoute: () => ({ status: 404, body: { message: "The route could not be found." } }),

  apply(op, input, ctx) {
    const rec = ctx.records.get(input.customer_id);
    if (!rec) return gathr.notFound();
    const fields = ["client_reference", "popi", "terms_and_conditions", "email", "id_number", "first_name", "middle_name", "last_name", "id_type", "country"];
    for (const k of fields) if (input[k] !== undefined) rec[k] = input[k];
    // initials are derived from the name fields; full_name is left as is, as in the seed's
    // before/after example (docs/providers.md#gathr-fields notes the inconsistency).
    rec.initials = [rec.first_name, rec.middle_name, rec.last_name]
      .filter((n) => typeof n === "string" && n.trim() !== "")
      .map((n) => n.trim()[0].toUpperCase())
      .join("");
    return { status: 200, body: { data: clone(rec) }, applied: true };
  },
};

// ---------------------------------------------------------------------------------------------
// M2P Prepaid (seed 004, docs/providers.md#m2p): problem+json; 409 business errors with businessCode.
// ---------------------------------------------------------------------------------------------

const PROBLEM = "https://www.m2pfintech.com/problem/problem-with-message";
const problem = (status, title, detail, message, extra = {}) => ({
  status,
  contentType: "application/problem+json",
  body: { type: PROBLEM, title, status, detail, message, ...extra },
});
const TERMINAL = ["CLOSED", "EXPIRED"];
/** Nominee rules the server reports as 409 PPCUST_010 "Invalid request" (docs/providers.md#m2p-errors), not as 400. */
const NOMINEE_BUSINESS = new Set(["sum_mismatch", "guardian_required", "minor_mismatch", "age_mismatch"]);

const m2p = {
  authenticate(ctx) {
    const token = bearer(ctx.headers.authorization);
    const bad = token ? ctx.sim.tokens.check("m2p", token) : { reason: "missing bearer token" };
    if (bad) {
      const detail = bad.reason === "expired token" ? "The access token has expired" : "Full authentication is required to access this resource";
      return problem(401, "Unauthorized", detail, "error.http.401");
    }
    const tenant = ctx.headers["x-tenant-id"];
    if (!tenant) return problem(403, "Forbidden", "The X-TENANT-ID header is required", "error.http.403");
    if (!same(tenant, ctx.creds.tenantId)) return problem(403, "Forbidden", "Unknown tenant", "error.http.403");
    return null;
  },

  token(ctx) {
    ctx.sim.state.tokenRequests.m2p += 1;
    let body;
    try {
      body = JSON.parse(ctx.body || "null");
    } catch {
      return problem(400, "Bad Request", "Unable to convert http message", "error.http.400");
    }
    if (!isObject(body)) return problem(400, "Bad Request", "Unable to convert http message", "error.http.400");
    if (body.grantType !== "client_credentials") return problem(400, "Bad Request", "Unsupported grant type", "error.http.400");
    if (!same(body.clientId, ctx.creds.clientId) || !same(body.clientSecret, ctx.creds.clientSecret)) {
      return problem(401, "Unauthorized", "Bad client credentials", "error.http.401");
    }
    const ttl = ctx.sim.options.m2pTokenTtl;
    const access_token = ctx.sim.tokens.issue("m2p", ttl, { sub: body.clientId });
    return { status: 200, body: { access_token, token_type: "Bearer", expires_in: Math.ceil(ttl) } };
  },

  /** currentStatus is the client's own check and never sent; the server uses its stored status. */
  prepare(op, input) {
    if (op === "m2p.updateCustomerStatus" && isObject(input)) delete input.currentStatus;
    return input;
  },

  validationError(issues) {
    if (issues.every((i) => NOMINEE_BUSINESS.has(i.code))) {
      const detail = issues.map((i) => i.message).join(" ");
      return problem(409, "Invalid request", detail, "error.business", { businessCode: "PPCUST_010" });
    }
    const roots = rootMessages(issues);
    return {
      status: 400,
      contentType: "application/problem+json",
      body: {
        type: "https://www.m2pfintech.com/problem/constraint-violation",
        title: "Method argument not valid",
        status: 400,
        ...(roots.length ? { detail: roots.join(" ") } : {}),
        message: "error.validation",
        fieldErrors: fieldIssues(issues).map((i) => ({ field: bracketPath(i.path), message: i.message })),
      },
    };
  },
  // Seed 004's 400, verbatim.
  unreadable: () => problem(400, "Bad Request", "Unable to convert http message", "error.http.400"),
  // Seed 004's 409, verbatim.
  notFound: () => problem(409, "Customer does not exists for id", "Customer does not exists for id", "error.business", { businessCode: "PPCUST_002" }),
  httpError: (status) => problem(status, reason(status), reason(status), `error.http.${status}`),
  noRoute: () => problem(404, "Not Found", "No endpoint for this method and path", "error.http.404"),

  apply(op, input, ctx) {
    const rec = ctx.records.get(input.entityId);
    if (!rec) return m2p.notFound();
    if (op === "m2p.updateCustomer") {
      const { entityId, ...patch } = input;
      deepMerge(rec, patch);
      // The seed's success body shows these keys.
      const result = {};
      for (const k of ["entityId", "firstName", "lastName", "dob", "gender", "communication"]) if (rec[k] !== undefined) result[k] = clone(rec[k]);
      return { status: 200, body: { result, pagination: null }, applied: true };
    }
    if (op === "m2p.updateCustomerStatus") {
      const from = rec.status;
      const to = input.status;
      if (from === to || TERMINAL.includes(from)) {
        const title = `Invalid Status Transition from : ${from} to ${to}`;
        return problem(409, title, title, "error.business", { businessCode: "PPCUST_032" });
      }
      rec.status = to;
      return { status: 200, body: { result: { entityId: rec.entityId, status: to }, pagination: null }, applied: true };
    }
    // m2p.updateNomineeDetails: the list is replaced (add-or-update semantics are not documented: docs/providers.md#m2p-nominees).
    rec.nominees = clone(input.nominees);
    return {
      status: 200,
      body: { result: {}, pagination: { list: true, pageSize: 0, pageNo: 0, totalPages: 0, totalElements: 0 } },
      applied: true,
    };
  },

  /** Same X-Request-ID, different request (not documented by M2P; the simulator's choice). */
  idempotencyMismatch: () =>
    problem(409, "Duplicate X-Request-ID", "This X-Request-ID was already used for a different request", "error.idempotency"),
};

export const HANDLERS = { accessbank, juspay, bvnk, gathr, m2p };
