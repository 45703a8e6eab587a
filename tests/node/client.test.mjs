// The SEND path of the built package against a local HTTP server (tests/node/support/server.mjs):
// every operation's method, URL, headers and body; every documented error body; timeouts;
// retries with Retry-After (and none for a POST without an honoured idempotency key); the token
// flows of Access Bank and M2P (cache, one shared request, expiry, renew once on 401); abort,
// hooks, network, decode and HTTP failures. Each test has its own server and a 10 s limit.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createClient, buildRequest } from "customer-update";
import { examples } from "./cases.mjs";
import { startServer, router, closedPort, verifyHawk, parseHawk, HANG } from "./support/server.mjs";

const T = { timeout: 10_000 };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const b64 = (s) => Buffer.from(s).toString("base64");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const clone = (v) => structuredClone(v);

// Every server a test starts is closed here too, should a test fail before its own `finally`.
const servers = new Set();
async function serve(handler) {
  const srv = await startServer(handler);
  servers.add(srv);
  return srv;
}
after(async () => {
  await Promise.all([...servers].map((s) => s.close()));
});

// ---- credentials (every one contains "SECRET" so leaks are easy to spot) ----
const GATHR_ID = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27"; // Gathr customer ids are UUIDs (seed 003)
const SECRETS = {
  abAuthKey: "ab-authorization-key-SECRET",
  abSubKey: "ab-subscription-key-SECRET",
  jpApiKey: "jp_api_key_SECRET",
  hawkKey: "bvnk-hawk-key-SECRET-werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn",
  gathrToken: "gathr-user-token-SECRET",
  m2pSecret: "m2p-client-secret-SECRET",
};
const HAWK_ID = "dh37fgj492je";

function config(provider, srv, extra = {}) {
  const o = srv.origin;
  switch (provider) {
    case "accessbank":
      return { baseUrl: o, authorizationKey: SECRETS.abAuthKey, subscriptionKey: SECRETS.abSubKey, merchantId: "MERCHANT-001", ...extra };
    case "juspay":
      return { baseUrl: o, apiKey: SECRETS.jpApiKey, merchantId: "merchant_1", ...extra };
    case "bvnk":
      return { baseUrl: o, hawkId: HAWK_ID, hawkKey: SECRETS.hawkKey, ...extra };
    case "gathr":
      return { baseUrl: `${o}/tenant-42`, token: SECRETS.gathrToken, ...extra };
    case "m2p":
      return { baseUrl: `${o}/prepaid/customer`, tenantId: "ACME_CORP", clientId: "m2p-client-1", clientSecret: SECRETS.m2pSecret, ...extra };
    default:
      throw new Error(provider);
  }
}

// ---- token endpoints ----
const AB_TOKEN_PATH = "/waas/Client/authenticate";
const M2P_TOKEN_PATH = "/auth/token";

/** A token route issuing tok-1, tok-2, … with the given lifetime (seconds). */
function tokenRoute(provider, lifetime, state = { n: 0 }) {
  return () => {
    state.n += 1;
    const token = `${provider}-tok-${state.n}`;
    return provider === "accessbank"
      ? { body: { succeeded: true, code: "200", message: "Authentication successful", data: { accessToken: token, expiresIn: lifetime }, pageMeta: {}, errors: {} } }
      : { body: { access_token: token, token_type: "Bearer", expires_in: lifetime } };
  };
}

// ---- documented success bodies ----
const SUCCESS = {
  "accessbank.updateCustomerDetails": { succeeded: true, code: "200", message: "successful request", data: {}, pageMeta: {}, errors: {} },
  "juspay.updateCustomer": {
    id: "cst_om2l6ctlptxwxuzj", object: "customer", object_reference_id: "ref-00000001", mobile_number: "9876543210", mobile_country_code: "91",
    email_address: "tim.david@example.com", first_name: "Tim", last_name: "David", date_created: "2024-01-01T00:00:00Z", last_updated: "2024-01-02T00:00:00Z",
  },
  "bvnk.updateCustomer": {
    reference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", status: "VERIFIED", type: "COMPANY",
    company: { name: "Updated Company Name", description: "Updated description", verification: { url: "https://verify.com/1", status: "infoRequired" } }, riskScore: "LOW",
  },
  "gathr.updateCustomer": {
    data: { id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", client_reference: "clientnumber1", popi: null, email: "chris2@gathr.com", first_name: "Chris", full_name: "John Jovonovich Wick", initials: "CJW" },
  },
  "m2p.updateCustomer": { result: { entityId: "615928984620006085281025", firstName: "Tim", lastName: "David", dob: "10/10/1999", gender: "Male" }, pagination: null },
  "m2p.updateCustomerStatus": { result: { entityId: "615928984620006085281025", status: "CREDIT_FREEZE" }, pagination: null },
  "m2p.updateNomineeDetails": { result: {}, pagination: { list: true, pageSize: 0, pageNo: 0, totalPages: 0, totalElements: 0 } },
};
SUCCESS["bvnk.updateCustomerStatus"] = SUCCESS["bvnk.updateCustomer"];
SUCCESS["bvnk.updateCustomerAssociates"] = SUCCESS["bvnk.updateCustomer"];

// ---- per operation: the expected request ----
const OPS = [
  { op: "accessbank.updateCustomerDetails", method: "POST", path: () => "/waas/Onboarding/updateCustomerDetails" },
  { op: "juspay.updateCustomer", method: "POST", path: () => "/customers/cst_om2l6ctlptxwxuzj" },
  { op: "bvnk.updateCustomer", method: "PUT", path: () => "/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06" },
  { op: "bvnk.updateCustomerStatus", method: "PUT", path: () => "/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06/status" },
  { op: "bvnk.updateCustomerAssociates", method: "PUT", path: () => "/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06/associates" },
  { op: "gathr.updateCustomer", method: "PATCH", path: () => "/tenant-42/customers/16cd33d2-cf0a-66ad-8150-cb39e9b9ff27" },
  { op: "m2p.updateCustomer", method: "POST", path: () => "/prepaid/customer/v1/customers/update" },
  { op: "m2p.updateCustomerStatus", method: "POST", path: () => "/prepaid/customer/v1/customers/update/status" },
  { op: "m2p.updateNomineeDetails", method: "POST", path: () => "/prepaid/customer/v1/customers/support/nominee/615928984620006085281025" },
];
const PATH_PARAMS = { juspay: ["customer_id"], bvnk: ["customerReference"], gathr: ["customer_id"], m2p: [] };
const provOf = (op) => op.split(".")[0];
const methodOf = (op) => op.split(".")[1];

/** The input minus the path parameters (and M2P nominee's entityId), i.e. what the body carries. */
function bodyFields(op, input) {
  const out = clone(input);
  for (const k of PATH_PARAMS[provOf(op)] ?? []) delete out[k];
  if (op === "m2p.updateNomineeDetails") delete out.entityId;
  return out;
}

function checkAuthHeaders(provider, rec, srv, input, tokenSeen) {
  const h = rec.headers;
  switch (provider) {
    case "accessbank":
      assert.equal(h.authorization, `Bearer ${tokenSeen}`);
      assert.equal(h["ocp-apim-subscription-key"], SECRETS.abSubKey);
      assert.equal(h["content-type"], "application/json");
      break;
    case "juspay":
      assert.equal(h.authorization, `Basic ${b64(`${SECRETS.jpApiKey}:`)}`);
      assert.equal(h["x-merchantid"], "merchant_1");
      assert.equal(h["x-routing-id"], input.customer_id);
      assert.equal(h["content-type"], "application/x-www-form-urlencoded");
      break;
    case "bvnk": {
      const v = verifyHawk(rec, { id: HAWK_ID, key: SECRETS.hawkKey });
      assert.ok(v.ok, `Hawk MAC must verify: ${rec.headers.authorization} over ${JSON.stringify(v.normalized)}`);
      assert.match(h.authorization, /^Hawk id="[^"]+", ts="\d+", nonce="[^"]+", mac="[^"]+"$/);
      assert.ok(Math.abs(Number(v.attrs.ts) - Date.now() / 1000) < 60, "ts is the current Unix time in seconds");
      assert.equal(h.host, `127.0.0.1:${srv.port}`);
      assert.equal(h["content-type"], "application/json");
      break;
    }
    case "gathr":
      assert.equal(h.authorization, `Bearer ${SECRETS.gathrToken}`);
      assert.equal(h["content-type"], "application/json");
      break;
    case "m2p":
      assert.equal(h.authorization, `Bearer ${tokenSeen}`);
      assert.equal(h["x-tenant-id"], "ACME_CORP");
      assert.match(h["x-request-id"], UUID_V4);
      assert.equal(h["content-type"], "application/json");
      break;
  }
}

// =====================================================================================
// 1. Every operation: method, URL, headers, body; resolves { ok: true, status, data, requestId }
// =====================================================================================
for (const { op, method, path } of OPS) {
  test(`send ${op}: ${method} ${path()} with the provider's auth, the built body, and { ok: true }`, T, async () => {
    const provider = provOf(op);
    const tokens = { n: 0 };
    const srv = await serve(
      router({
        [`POST ${AB_TOKEN_PATH}`]: tokenRoute("accessbank", 120, tokens),
        [`POST ${M2P_TOKEN_PATH}`]: tokenRoute("m2p", 3600, tokens),
        [`${method} ${path()}`]: () => ({ status: 200, body: SUCCESS[op] }),
      }),
    );
    try {
      const input = clone(examples[op]);
      const client = createClient(provider, config(provider, srv, { retries: 0, timeoutMs: 3000 }));
      const r = await client[methodOf(op)](input);
      const opReqs = srv.requests.filter((q) => q.path === path());
      assert.equal(opReqs.length, 1, "exactly one operation request");
      const rec = opReqs[0];
      assert.equal(rec.method, method);
      assert.equal(rec.url, path(), "no query string");

      // Body: byte for byte what buildRequest builds, and exactly the input's body fields.
      const built = buildRequest(op, input, { baseUrl: config(provider, srv).baseUrl, requestId: rec.headers["x-request-id"] });
      assert.equal(built.ok, true);
      assert.equal(rec.body, built.body);
      if (provider === "juspay") {
        assert.equal(rec.body, "email_address=tim.david%40example.com&first_name=Tim&last_name=David&mobile_number=9876543210&mobile_country_code=91");
      } else {
        assert.deepEqual(JSON.parse(rec.body), bodyFields(op, input));
      }

      const tokenSeen = provider === "accessbank" ? "accessbank-tok-1" : "m2p-tok-1";
      checkAuthHeaders(provider, rec, srv, input, tokenSeen);

      // Token requests: only for the token-flow providers, one each.
      if (provider === "accessbank") {
        const t = srv.hits(AB_TOKEN_PATH);
        assert.equal(t.length, 1);
        assert.equal(t[0].headers.authorization, SECRETS.abAuthKey, "raw key, no Bearer");
        assert.equal(t[0].headers["ocp-apim-subscription-key"], SECRETS.abSubKey);
        assert.deepEqual(JSON.parse(t[0].body), { merchantId: "MERCHANT-001" });
        assert.ok(t[0].at <= rec.at);
      } else if (provider === "m2p") {
        const t = srv.hits(M2P_TOKEN_PATH);
        assert.equal(t.length, 1, "token at the ORIGIN, not under /prepaid/customer");
        assert.deepEqual(JSON.parse(t[0].body), { clientId: "m2p-client-1", clientSecret: SECRETS.m2pSecret, grantType: "client_credentials" });
        assert.equal(t[0].headers["content-type"], "application/json");
      } else {
        assert.equal(srv.requests.length, 1, "no token request");
      }

      const requestId = provider === "accessbank" ? input.requestId : provider === "m2p" ? rec.headers["x-request-id"] : null;
      assert.deepEqual(r, { ok: true, status: 200, data: SUCCESS[op], requestId });
    } finally {
      await srv.close();
    }
  });
}

test("send accessbank: a missing requestId is generated once (UUID v4), sent in the body and reported back", T, async () => {
  const srv = await serve(
    router({
      [`POST ${AB_TOKEN_PATH}`]: tokenRoute("accessbank", 120),
      "POST /waas/Onboarding/updateCustomerDetails": () => ({ body: SUCCESS["accessbank.updateCustomerDetails"] }),
    }),
  );
  try {
    const r = await createClient("accessbank", config("accessbank", srv)).updateCustomerDetails({ accountNo: "0702334455", phoneNumber: "+2348012345678" });
    assert.equal(r.ok, true);
    assert.match(r.requestId, UUID_V4);
    const sent = JSON.parse(srv.hits("/waas/Onboarding/updateCustomerDetails")[0].body);
    assert.deepEqual(sent, { requestId: r.requestId, accountNo: "0702334455", phoneNumber: "+2348012345678" });
  } finally {
    await srv.close();
  }
});

test("send juspay: contentType json sends JSON; a path parameter is percent-encoded in the URL, raw in x-routing-id", T, async () => {
  const srv = await serve(() => ({ body: SUCCESS["juspay.updateCustomer"] }));
  try {
    const client = createClient("juspay", config("juspay", srv, { contentType: "json" }));
    const r = await client.updateCustomer({ customer_id: "cst/1 2", first_name: "Mary Ann" });
    assert.equal(r.ok, true);
    const [rec] = srv.requests;
    assert.equal(rec.url, "/customers/cst%2F1%202");
    assert.equal(rec.headers["x-routing-id"], "cst/1 2");
    assert.equal(rec.headers["content-type"], "application/json");
    assert.equal(rec.body, '{"first_name":"Mary Ann"}');
  } finally {
    await srv.close();
  }
});

test("send bvnk: the Hawk MAC covers the percent-encoded path; every request gets a fresh nonce", T, async () => {
  const srv = await serve(() => ({ body: SUCCESS["bvnk.updateCustomer"] }));
  try {
    const client = createClient("bvnk", config("bvnk", srv));
    for (let i = 0; i < 3; i++) {
      const r = await client.updateCustomerStatus({ customerReference: "ref with space/é", status: "PENDING" });
      assert.equal(r.ok, true, JSON.stringify(r));
    }
    assert.equal(srv.requests.length, 3);
    for (const rec of srv.requests) {
      assert.equal(rec.url, "/platform/v1/customers/ref%20with%20space%2F%C3%A9/status");
      assert.ok(verifyHawk(rec, { id: HAWK_ID, key: SECRETS.hawkKey }).ok);
    }
    const nonces = new Set(srv.requests.map((q) => parseHawk(q.headers.authorization).nonce));
    assert.equal(nonces.size, 3);
    // A wrong key must not verify (the verifier really checks).
    assert.equal(verifyHawk(srv.requests[0], { id: HAWK_ID, key: "other-key" }).ok, false);
    // Behind a path prefix (a proxy) with a trailing slash: the MAC covers the full path.
    const proxied = createClient("bvnk", config("bvnk", srv, { baseUrl: `${srv.origin}/bvnk-proxy/` }));
    assert.equal((await proxied.updateCustomer({ customerReference: "r-9", description: "D" })).ok, true);
    const last = srv.requests.at(-1);
    assert.equal(last.url, "/bvnk-proxy/platform/v1/customers/r-9");
    assert.ok(verifyHawk(last, { id: HAWK_ID, key: SECRETS.hawkKey }).ok);
  } finally {
    await srv.close();
  }
});

test("send with config.fetch: the injected fetch carries the request", T, async () => {
  const srv = await serve(() => ({ body: SUCCESS["gathr.updateCustomer"] }));
  try {
    const seen = [];
    const client = createClient("gathr", config("gathr", srv, {
      fetch: (req) => {
        seen.push(`${req.method} ${req.url}`);
        return fetch(req);
      },
    }));
    const r = await client.updateCustomer({ customer_id: GATHR_ID, popi: true });
    assert.equal(r.ok, true);
    assert.deepEqual(seen, [`PATCH ${srv.origin}/tenant-42/customers/${GATHR_ID}`]);
    assert.equal(srv.requests[0].body, '{"popi":true}');
  } finally {
    await srv.close();
  }
});

test("send: invalid input resolves kind validation and sends nothing", T, async () => {
  const srv = await serve(() => ({ body: {} }));
  try {
    const r = await createClient("m2p", config("m2p", srv)).updateCustomerStatus({ entityId: "E1", status: "CLOSED", currentStatus: "CLOSED" });
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, "validation");
    assert.equal(r.error.status, null);
    assert.equal(r.error.retryable, false);
    assert.deepEqual(r.error.issues.map((i) => [i.path, i.code]), [[["status"], "invalid_transition"]]);
    assert.equal(srv.requests.length, 0, "not even a token request");
  } finally {
    await srv.close();
  }
});

// =====================================================================================
// 2. Every documented error body → { ok: false, error } with kind, status, code, issues, retryable
// =====================================================================================
const inputs = {
  accessbank: examples["accessbank.updateCustomerDetails"],
  juspay: examples["juspay.updateCustomer"],
  bvnk: examples["bvnk.updateCustomer"],
  gathr: examples["gathr.updateCustomer"],
  m2p: examples["m2p.updateCustomer"],
};

const ERROR_CASES = [
  // Access Bank (seed 000 codes; envelope; HTTP 200 + succeeded:false)
  { name: "accessbank 200 succeeded:false code 31 (invalid account number)", op: "accessbank.updateCustomerDetails", status: 200,
    body: { succeeded: false, code: "31", message: "Invalid account number", data: null, pageMeta: {}, errors: {} },
    expect: { kind: "provider", status: 200, providerCode: "31", issues: [], retryable: false, message: /Invalid account number/ } },
  { name: "accessbank 400 code 31", op: "accessbank.updateCustomerDetails", status: 400,
    body: { succeeded: false, code: "31", message: "Invalid account number", data: null, errors: {} },
    expect: { kind: "provider", status: 400, providerCode: "31", issues: [], retryable: false } },
  { name: "accessbank 400 invalid email format (errors field map, ASP.NET casing)", op: "accessbank.updateCustomerDetails", status: 400,
    body: { succeeded: false, code: "400", message: "Bad Request", data: null, errors: { Email: ["Invalid email format"] } },
    expect: { kind: "provider", status: 400, providerCode: "400", issues: [[["email"], "provider_rejected", /Invalid email format/]], retryable: false } },
  { name: "accessbank 400 invalid phone format (errors list)", op: "accessbank.updateCustomerDetails", status: 400,
    body: { succeeded: false, code: "400", message: "Bad Request", errors: [{ field: "$.phoneNumber", message: "Include country code" }] },
    expect: { kind: "provider", status: 400, providerCode: "400", issues: [[["phoneNumber"], "provider_rejected", /country code/]], retryable: false } },
  { name: "accessbank 400 missing both email and phone", op: "accessbank.updateCustomerDetails", status: 400,
    body: { succeeded: false, code: "400", message: "Bad Request", errors: {} },
    expect: { kind: "provider", status: 400, providerCode: "400", issues: [], retryable: false } },
  { name: "accessbank 404 wallet not found", op: "accessbank.updateCustomerDetails", status: 404,
    body: { succeeded: false, code: "404", message: "Not Found", data: null, errors: {} },
    expect: { kind: "provider", status: 404, providerCode: "404", issues: [], retryable: false } },
  { name: "accessbank 401 from the API gateway", op: "accessbank.updateCustomerDetails", status: 401,
    body: { statusCode: 401, message: "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API." },
    expect: { kind: "auth", status: 401, providerCode: null, issues: [], retryable: false, message: /subscription key/ } },
  { name: "accessbank 200 succeeded:false code 503 (try again)", op: "accessbank.updateCustomerDetails", status: 200,
    body: { succeeded: false, code: "503", message: "Service Unavailable", errors: {} },
    expect: { kind: "provider", status: 200, providerCode: "503", issues: [], retryable: true } },

  // Juspay (B.2.4)
  { name: "juspay 404 unknown customer", op: "juspay.updateCustomer", status: 404,
    body: { error_message: "Cannot find what you are looking for", status: "invalid_request_error", error_code: "object_not_found",
      error_info: { user_message: "Cannot find what you are looking for", developer_message: "Customer account not found.", code: "RESOURCE_NOT_FOUND", category: "USER_ERROR" } },
    expect: { kind: "provider", status: 404, providerCode: "RESOURCE_NOT_FOUND", providerCategory: "USER_ERROR", issues: [], retryable: false } },
  { name: "juspay 400 mobile_number invalid (error_info.fields)", op: "juspay.updateCustomer", status: 400,
    body: { error_message: "Wrong value in mobile_number", status: "Invalid Request", error_code: "Invalid Request",
      error_info: { user_message: "Invalid value in mobile_number", fields: [{ field_name: "mobile_number", reason: "Invalid value." }], developer_message: "Invalid request params", code: "INVALID_INPUT", category: "USER_ERROR" } },
    expect: { kind: "provider", status: 400, providerCode: "INVALID_INPUT", providerCategory: "USER_ERROR", issues: [[["mobile_number"], "provider_rejected", /Invalid value/]], retryable: false } },
  { name: "juspay 403 bad origin", op: "juspay.updateCustomer", status: 403,
    body: { error: true, error_message: "Internal Server error.", user_message: "Bad Origin.",
      error_info: { code: "BAD_ORIGIN", category: "USER_ERROR", user_message: "Bad Origin.", developer_message: "IP Verification Failed" } },
    expect: { kind: "auth", status: 403, providerCode: "BAD_ORIGIN", providerCategory: "USER_ERROR", issues: [], retryable: false } },
  { name: "juspay 401 wrong API key", op: "juspay.updateCustomer", status: 401,
    body: { status: "error", error_code: "access_denied", error_info: { user_message: "Access denied.", developer_message: "Invalid API key.", code: "UNAUTHORIZED", category: "USER_ERROR" } },
    expect: { kind: "auth", status: 401, providerCode: "UNAUTHORIZED", providerCategory: "USER_ERROR", issues: [], retryable: false } },
  { name: "juspay 404 wrong endpoint (no body)", op: "juspay.updateCustomer", status: 404, body: "", contentType: "text/plain",
    expect: { kind: "http", status: 404, providerCode: null, issues: [], retryable: false } },

  // BVNK (B.3.7)
  { name: "bvnk 400 current envelope with details.errors", op: "bvnk.updateCustomer", status: 400,
    body: { code: "bvnk:onboarding-accounts:4004", status: 400, traceId: "5f1c2e9a7b", message: "Customer can only be updated while INFO_REQUIRED",
      details: { errors: [{ field: "address.countryCode", message: "must be ISO 3166-1 alpha-2" }], documentLink: "https://docs.bvnk.com/errors" } },
    expect: { kind: "provider", status: 400, providerCode: "bvnk:onboarding-accounts:4004", traceId: "5f1c2e9a7b", issues: [[["address", "countryCode"], "provider_rejected", /alpha-2/]], retryable: false } },
  { name: "bvnk 404 current envelope", op: "bvnk.updateCustomerStatus", status: 404,
    body: { code: "bvnk:platform:4040", status: 404, traceId: "t-404", message: "Customer not found", details: { errors: null, documentLink: "" } },
    expect: { kind: "provider", status: 404, providerCode: "bvnk:platform:4040", traceId: "t-404", issues: [], retryable: false } },
  { name: "bvnk 400 legacy errorList", op: "bvnk.updateCustomerAssociates", status: 400,
    body: { requestId: "req-77", errorList: [{ code: "MER-PAY-2004", parameter: "associates[0].person.dateOfBirth", message: "Date of birth is invalid" }, { code: "MER-PAY-2004", parameter: "associates[0].details.contactInfo.emailAddress", message: "Email is invalid" }] },
    expect: { kind: "provider", status: 400, providerCode: "MER-PAY-2004", traceId: "req-77",
      issues: [[["associates", 0, "person", "dateOfBirth"], "provider_rejected", /Date of birth/], [["associates", 0, "details", "contactInfo", "emailAddress"], "provider_rejected", /Email/]], retryable: false } },
  { name: "bvnk 403 dictionary form", op: "bvnk.updateCustomer", status: 403,
    body: { code: "MER-PAY-1000", status: "Forbidden", message: "You are not allowed to perform this action", documentLink: "" },
    expect: { kind: "auth", status: 403, providerCode: "MER-PAY-1000", providerCategory: "Forbidden", issues: [], retryable: false } },
  { name: "bvnk 401 bad Hawk signature", op: "bvnk.updateCustomer", status: 401,
    body: { code: "bvnk:auth:4010", status: 401, traceId: "t-401", message: "Invalid Hawk signature" },
    expect: { kind: "auth", status: 401, providerCode: "bvnk:auth:4010", issues: [], retryable: false } },

  // Gathr (B.4.4)
  { name: "gathr 422 field map", op: "gathr.updateCustomer", status: 422,
    body: { errors: { "address.0.city": ["The city is required."], popi: ["The popi field must be true or false."] } },
    expect: { kind: "provider", status: 422, providerCode: null, issues: [[["address", 0, "city"], "provider_rejected", /required/], [["popi"], "provider_rejected", /true or false/]], retryable: false, message: /city/ } },
  { name: "gathr 422 seed body (popi)", op: "gathr.updateCustomer", status: 422,
    body: { errors: { popi: ["The popi field must be true or false."] } },
    expect: { kind: "provider", status: 422, providerCode: null, issues: [[["popi"], "provider_rejected", /true or false/]], retryable: false, message: /popi/ } },
  { name: "gathr 404 {errors:{code,message}}", op: "gathr.updateCustomer", status: 404,
    body: { errors: { code: "entity_not_found", message: "Record not found in customers" } },
    expect: { kind: "provider", status: 404, providerCode: "entity_not_found", issues: [], retryable: false, message: /Record not found/ } },
  { name: "gathr 409 errors string", op: "gathr.updateCustomer", status: 409,
    body: { errors: "Business not unique" },
    expect: { kind: "provider", status: 409, providerCode: null, issues: [], retryable: false, message: /Business not unique/ } },
  { name: "gathr 401 Laravel message", op: "gathr.updateCustomer", status: 401,
    body: { message: "Unauthenticated." },
    expect: { kind: "auth", status: 401, providerCode: null, issues: [], retryable: false, message: /Unauthenticated/ } },

  // M2P (B.5)
  { name: "m2p 400 problem-with-message", op: "m2p.updateCustomer", status: 400,
    body: { type: "https://www.m2pfintech.com/problem/problem-with-message", title: "Bad Request", status: 400, detail: "Unable to convert http message", message: "error.http.400" },
    expect: { kind: "provider", status: 400, providerCode: null, providerCategory: "error.http.400", issues: [], retryable: false, message: /Unable to convert/ } },
  { name: "m2p 409 PPCUST_002 customer does not exist", op: "m2p.updateCustomer", status: 409,
    body: { type: "https://www.m2pfintech.com/problem/problem-with-message", title: "Customer does not exists for id", status: 409, detail: "Customer does not exists for id", message: "error.business", businessCode: "PPCUST_002" },
    expect: { kind: "provider", status: 409, providerCode: "PPCUST_002", providerCategory: "error.business", issues: [], retryable: false } },
  { name: "m2p 409 PPCUST_032 invalid transition → invalid_transition at [status]", op: "m2p.updateCustomerStatus", status: 409,
    body: { type: "https://www.m2pfintech.com/problem/problem-with-message", title: "Invalid Status Transition from : CREDIT_FREEZE to CREDIT_FREEZE", status: 409, detail: "Invalid Status Transition from : CREDIT_FREEZE to CREDIT_FREEZE", message: "error.business", businessCode: "PPCUST_032" },
    expect: { kind: "provider", status: 409, providerCode: "PPCUST_032", providerCategory: "error.business", issues: [[["status"], "invalid_transition", /CREDIT_FREEZE/]], retryable: false } },
  { name: "m2p 409 PPCUST_032 as business.code", op: "m2p.updateCustomerStatus", status: 409,
    body: { title: "Invalid Status Transition from : CLOSED to ACTIVE", status: 409, message: "error.business", "business.code": "PPCUST_032", path: "/v1/customers/update/status" },
    expect: { kind: "provider", status: 409, providerCode: "PPCUST_032", issues: [[["status"], "invalid_transition"]], retryable: false } },
  { name: "m2p 400 fieldErrors (constraint violation)", op: "m2p.updateCustomer", status: 400,
    body: { type: "https://www.m2pfintech.com/problem/constraint-violation", title: "Method argument not valid", status: 400, message: "error.validation", fieldErrors: [{ field: "pan", message: "PAN is not valid" }, { field: "permanentAddress.pin", message: "PIN is not valid" }] },
    expect: { kind: "provider", status: 400, providerCode: null, providerCategory: "error.validation", issues: [[["pan"], "provider_rejected", /PAN is not valid/], [["permanentAddress", "pin"], "provider_rejected", /PIN/]], retryable: false } },
  { name: "m2p 409 PPCUST_010 nominee invalid request", op: "m2p.updateNomineeDetails", status: 409,
    body: { type: "https://www.m2pfintech.com/problem/problem-with-message", title: "Invalid request", status: 409, detail: "Invalid request", message: "error.business", businessCode: "PPCUST_010" },
    expect: { kind: "provider", status: 409, providerCode: "PPCUST_010", issues: [], retryable: false } },
  { name: "m2p 503 problem (retryable; retries 0)", op: "m2p.updateCustomer", status: 503,
    body: { title: "Service Unavailable", status: 503, detail: "Try later", message: "error.http.503" },
    expect: { kind: "provider", status: 503, providerCode: null, issues: [], retryable: true } },
  { name: "m2p 429 (retryable; retries 0)", op: "m2p.updateCustomerStatus", status: 429,
    body: { title: "Too Many Requests", status: 429, message: "error.http.429" },
    expect: { kind: "provider", status: 429, issues: [], retryable: true } },
];

for (const c of ERROR_CASES) {
  test(`error body: ${c.name} → kind ${c.expect.kind}`, T, async () => {
    const provider = provOf(c.op);
    const srv = await serve(router({
      [`POST ${AB_TOKEN_PATH}`]: tokenRoute("accessbank", 120),
      [`POST ${M2P_TOKEN_PATH}`]: tokenRoute("m2p", 3600),
    }, () => ({ status: c.status, body: c.body, headers: c.contentType ? { "content-type": c.contentType } : {} })));
    try {
      // A fixed accessToken for the token providers: a 401 is then final (the renewal has its own tests).
      const extra = { retries: 0, timeoutMs: 3000, ...(provider === "accessbank" || provider === "m2p" ? { accessToken: "static-tok" } : {}) };
      const client = createClient(provider, config(provider, srv, extra));
      const input = clone(examples[c.op] ?? inputs[provider]);
      const r = await client[methodOf(c.op)](input);
      assert.equal(r.ok, false, JSON.stringify(r));
      const e = r.error;
      assert.equal(e.kind, c.expect.kind, e.message);
      assert.equal(e.status, c.expect.status);
      if ("providerCode" in c.expect) assert.equal(e.providerCode, c.expect.providerCode);
      if ("providerCategory" in c.expect) assert.equal(e.providerCategory, c.expect.providerCategory);
      if ("traceId" in c.expect) assert.equal(e.traceId, c.expect.traceId);
      assert.equal(e.retryable, c.expect.retryable);
      assert.deepEqual(e.issues.map((i) => [i.path, i.code]), c.expect.issues.map(([p, code]) => [p, code]));
      c.expect.issues.forEach(([, , msg], i) => {
        if (msg) assert.match(e.issues[i].message, msg);
      });
      if (c.expect.message) assert.match(e.message, c.expect.message);
      assert.equal(typeof e.message, "string");
      assert.ok(e.message.length > 0);
      assert.equal(e.raw, typeof c.body === "string" ? (c.body || null) : JSON.stringify(c.body));
      for (const s of Object.values(SECRETS)) assert.ok(!JSON.stringify(r).includes(s), "no secret in the error");
      const opReqs = srv.requests.filter((q) => q.path !== AB_TOKEN_PATH && q.path !== M2P_TOKEN_PATH);
      assert.equal(opReqs.length, 1, "sent once");
      assert.equal(srv.requests.length, 1, "no token request with a fixed accessToken");
    } finally {
      await srv.close();
    }
  });
}

// =====================================================================================
// 3. Transport failures: timeout, network, decode, HTML
// =====================================================================================
// (A PUT: repeating it is safe, so a lost answer stays `timeout`; a POST/PATCH gives outcome_unknown.)
test("timeout: a server that never answers → kind timeout within the client's timeoutMs", T, async () => {
  const srv = await serve(() => HANG);
  try {
    const client = createClient("bvnk", config("bvnk", srv, { timeoutMs: 200, retries: 0 }));
    const t0 = Date.now();
    const r = await client.updateCustomerStatus({ customerReference: "ref-1", status: "PENDING" });
    const elapsed = Date.now() - t0;
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, "timeout");
    assert.equal(r.error.status, null);
    assert.equal(r.error.retryable, true);
    assert.ok(elapsed >= 180 && elapsed < 1500, `elapsed ${elapsed} ms`);
    assert.equal(srv.requests.length, 1);
    await sleep(50);
    assert.equal(srv.requests[0].closed, true, "the client aborted the connection");
  } finally {
    await srv.close();
  }
});

test("timeout: a response whose body stalls after the headers → kind timeout (the limit covers the body)", T, async () => {
  const srv = await serve(() => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"data":{"id":', stall: true }));
  try {
    const t0 = Date.now();
    const r = await createClient("bvnk", config("bvnk", srv, { timeoutMs: 200, retries: 0 })).updateCustomerStatus({ customerReference: "ref-1", status: "PENDING" });
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, "timeout");
    assert.ok(Date.now() - t0 < 1500);
  } finally {
    await srv.close();
  }
});

test("timeout: the per-call timeoutMs option wins; a PUT is retried on timeout, each attempt bounded", T, async () => {
  const srv = await serve(() => HANG);
  try {
    const client = createClient("bvnk", config("bvnk", srv, { timeoutMs: 30_000, retries: 2 }));
    const t0 = Date.now();
    const r = await client.updateCustomerStatus({ customerReference: "ref-1", status: "PENDING" }, { timeoutMs: 150 });
    const elapsed = Date.now() - t0;
    assert.equal(r.error.kind, "timeout");
    assert.equal(srv.requests.length, 3, "1 attempt + 2 retries");
    assert.ok(elapsed < 4000, `elapsed ${elapsed} ms`);
    const nonces = new Set(srv.requests.map((q) => parseHawk(q.headers.authorization).nonce));
    assert.equal(nonces.size, 3, "each retry is signed afresh");
  } finally {
    await srv.close();
  }
});

test("network: connection refused (closed port) → kind network, retryable, no status", T, async () => {
  const port = await closedPort();
  const client = createClient("gathr", { baseUrl: `http://127.0.0.1:${port}`, token: SECRETS.gathrToken, retries: 0, timeoutMs: 2000 });
  const t0 = Date.now();
  const r = await client.updateCustomer({ customer_id: GATHR_ID, first_name: "Chris" });
  assert.equal(r.ok, false);
  assert.equal(r.error.kind, "network");
  assert.equal(r.error.status, null);
  assert.equal(r.error.retryable, true);
  assert.equal(r.error.raw, null);
  assert.ok(Date.now() - t0 < 2000);
  assert.ok(!r.error.message.includes(SECRETS.gathrToken));
});

test("network: a token provider with nothing listening → kind auth (the token endpoint failed), retryable", T, async () => {
  const port = await closedPort();
  const client = createClient("m2p", { baseUrl: `http://127.0.0.1:${port}/prepaid/customer`, tenantId: "T", clientId: "c", clientSecret: SECRETS.m2pSecret, retries: 0, timeoutMs: 2000 });
  const r = await client.updateCustomerStatus({ entityId: "E1", status: "ACTIVE" });
  assert.equal(r.ok, false);
  assert.equal(r.error.kind, "auth");
  assert.equal(r.error.retryable, true);
});

const DECODE_CASES = [
  { name: "malformed JSON on 200", provider: "bvnk", status: 200, body: '{"reference": "8a0e1da2", "status": ', ct: "application/json", kind: "decode", retryable: false },
  { name: "HTML on 200", provider: "juspay", status: 200, body: "<!doctype html><html><body>Welcome</body></html>", ct: "text/html; charset=utf-8", kind: "decode", retryable: false },
  { name: "HTML on 200 labelled as JSON", provider: "gathr", status: 200, body: "<html><body>Login</body></html>", ct: "application/json", kind: "decode", retryable: false },
  { name: "accessbank 200 without the envelope", provider: "accessbank", status: 200, body: '{"ok":true}', ct: "application/json", kind: "decode", retryable: false },
  { name: "500 with HTML", provider: "m2p", status: 500, body: "<html><head><title>500 Internal Server Error</title></head><body>nginx</body></html>", ct: "text/html", kind: "http", retryable: true },
  { name: "502 with HTML from a gateway", provider: "juspay", status: 502, body: "<html><body>Bad Gateway</body></html>", ct: "text/html", kind: "http", retryable: true },
  { name: "400 with an unknown JSON shape", provider: "gathr", status: 400, body: '{"weird":1}', ct: "application/json", kind: "http", retryable: false },
];
const FIRST_OP = { accessbank: "accessbank.updateCustomerDetails", juspay: "juspay.updateCustomer", bvnk: "bvnk.updateCustomer", gathr: "gathr.updateCustomer", m2p: "m2p.updateCustomer" };

for (const c of DECODE_CASES) {
  test(`answer: ${c.name} → kind ${c.kind}`, T, async () => {
    const srv = await serve(() => ({ status: c.status, body: c.body, headers: { "content-type": c.ct } }));
    try {
      const op = FIRST_OP[c.provider];
      const client = createClient(c.provider, config(c.provider, srv, { retries: 0, accessToken: "static-tok" }));
      const r = await client[methodOf(op)](clone(examples[op]));
      assert.equal(r.ok, false);
      assert.equal(r.error.kind, c.kind, r.error.message);
      assert.equal(r.error.status, c.status);
      assert.equal(r.error.retryable, c.retryable);
      assert.equal(r.error.raw, c.body);
      if (c.kind === "http" && c.ct.includes("html")) assert.match(r.error.message, /HTML/);
      assert.equal(srv.requests.length, 1);
    } finally {
      await srv.close();
    }
  });
}

test("answer: a body over 1 MiB → kind decode, not read", T, async () => {
  const big = JSON.stringify({ data: { pad: "x".repeat((1 << 20) + 10) } });
  const srv = await serve(() => ({ status: 200, body: big }));
  try {
    const r = await createClient("gathr", config("gathr", srv, { retries: 0 })).updateCustomer({ customer_id: GATHR_ID, first_name: "A" });
    assert.equal(r.error.kind, "decode");
    assert.equal(r.error.status, 200);
  } finally {
    await srv.close();
  }
});

// =====================================================================================
// 4. Retries: Retry-After honoured on retry-safe requests; never a second POST without a key
// =====================================================================================
function flaky(failures, okBody) {
  let n = 0;
  return () => {
    n += 1;
    return n <= failures.length ? failures[n - 1] : { status: 200, body: okBody };
  };
}

test("retry: PUT (bvnk) 503 + Retry-After: 1 then 200 → waits ≥ 1 s, 2 attempts, ok", T, async () => {
  const responses = [];
  const srv = await serve(flaky([{ status: 503, headers: { "retry-after": "1" }, body: { code: "bvnk:platform:5030", status: 503, message: "Busy" } }], SUCCESS["bvnk.updateCustomer"]));
  try {
    const requests = [];
    const client = createClient("bvnk", config("bvnk", srv, {
      onRequest: (e) => requests.push(e.attempt),
      onResponse: (e) => responses.push([e.attempt, e.status]),
    }));
    const t0 = Date.now();
    const r = await client.updateCustomerStatus({ customerReference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", status: "VERIFIED" });
    const elapsed = Date.now() - t0;
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.status, 200);
    assert.equal(srv.requests.length, 2);
    const gap = srv.requests[1].at - srv.requests[0].at;
    assert.ok(gap >= 950, `Retry-After honoured: gap ${gap} ms`);
    assert.ok(elapsed < 3000, `elapsed ${elapsed} ms`);
    assert.equal(srv.requests[0].body, srv.requests[1].body);
    for (const q of srv.requests) assert.ok(verifyHawk(q, { id: HAWK_ID, key: SECRETS.hawkKey }).ok);
    assert.notEqual(parseHawk(srv.requests[0].headers.authorization).nonce, parseHawk(srv.requests[1].headers.authorization).nonce);
    assert.deepEqual(requests, [1, 2]);
    assert.deepEqual(responses, [[1, 503], [2, 200]]);
  } finally {
    await srv.close();
  }
});

test("retry: PATCH (gathr) is not idempotent: a 429 is reported (retryable), never resent by the client", T, async () => {
  const srv = await serve(flaky([{ status: 429, headers: { "retry-after": "1" }, body: { message: "Too Many Attempts." } }], SUCCESS["gathr.updateCustomer"]));
  try {
    const r = await createClient("gathr", config("gathr", srv)).updateCustomer({ customer_id: GATHR_ID, first_name: "Chris" });
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(r.error.status, 429);
    assert.equal(r.error.retryable, true);
    assert.equal(srv.requests.length, 1);
  } finally {
    await srv.close();
  }
});

test("retry: M2P POST 503 + Retry-After: 1 then 200 → same X-Request-ID on both attempts, reported back", T, async () => {
  const srv = await serve(router({
    [`POST ${M2P_TOKEN_PATH}`]: tokenRoute("m2p", 3600),
    "POST /prepaid/customer/v1/customers/update/status": flaky(
      [{ status: 503, headers: { "retry-after": "1" }, body: { title: "Service Unavailable", status: 503, message: "error.http.503" } }],
      SUCCESS["m2p.updateCustomerStatus"],
    ),
  }));
  try {
    const r = await createClient("m2p", config("m2p", srv)).updateCustomerStatus({ entityId: "615928984620006085281025", status: "CREDIT_FREEZE" });
    assert.equal(r.ok, true, JSON.stringify(r));
    const ops = srv.hits("/prepaid/customer/v1/customers/update/status");
    assert.equal(ops.length, 2);
    assert.ok(ops[1].at - ops[0].at >= 950, `gap ${ops[1].at - ops[0].at}`);
    const id = ops[0].headers["x-request-id"];
    assert.match(id, UUID_V4);
    assert.equal(ops[1].headers["x-request-id"], id, "the logical request id is reused");
    assert.equal(r.requestId, id);
    assert.equal(ops[0].body, ops[1].body);
    assert.equal(srv.hits(M2P_TOKEN_PATH).length, 1, "the cached token serves the retry");
  } finally {
    await srv.close();
  }
});

test("retry: M2P POST with idempotencyKey → that key as X-Request-ID on every attempt", T, async () => {
  const srv = await serve(router({
    [`POST ${M2P_TOKEN_PATH}`]: tokenRoute("m2p", 3600),
    "POST /prepaid/customer/v1/customers/update": flaky(
      [{ status: 429, headers: { "retry-after": "1" }, body: { title: "Too Many Requests", status: 429 } }],
      SUCCESS["m2p.updateCustomer"],
    ),
  }));
  try {
    const key = "order-42-update-1";
    const r = await createClient("m2p", config("m2p", srv)).updateCustomer({ entityId: "E1", firstName: "Tim" }, { idempotencyKey: key });
    assert.equal(r.ok, true);
    const ops = srv.hits("/prepaid/customer/v1/customers/update");
    assert.deepEqual(ops.map((q) => q.headers["x-request-id"]), [key, key]);
    assert.ok(ops[1].at - ops[0].at >= 950);
    assert.equal(r.requestId, key);
  } finally {
    await srv.close();
  }
});

test("retry: without Retry-After, a PUT 503 is retried with backoff up to `retries` times", T, async () => {
  const srv = await serve(() => ({ status: 503, body: "", headers: { "content-type": "text/plain" } }));
  try {
    const r = await createClient("bvnk", config("bvnk", srv, { retries: 2 })).updateCustomer({ customerReference: "r", name: "N" });
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, "http");
    assert.equal(r.error.status, 503);
    assert.equal(r.error.retryable, true);
    assert.equal(srv.requests.length, 3);
  } finally {
    await srv.close();
  }
});

test("retry: a Retry-After beyond the call's time budget is not waited for", T, async () => {
  const srv = await serve(() => ({ status: 503, headers: { "retry-after": "3600" }, body: "" }));
  try {
    const t0 = Date.now();
    const r = await createClient("gathr", config("gathr", srv, { timeoutMs: 500, totalTimeoutMs: 2000 })).updateCustomer({ customer_id: GATHR_ID, first_name: "A" });
    assert.equal(r.error.status, 503);
    assert.equal(srv.requests.length, 1);
    assert.ok(Date.now() - t0 < 1000);
  } finally {
    await srv.close();
  }
});

test("retry: non-retryable answers (400, 401, 404, 409, 422) are never resent, even for PUT/PATCH", T, async () => {
  for (const status of [400, 401, 404, 409, 422]) {
    const srv = await serve(() => ({ status, body: { errors: { code: "x", message: "no" } } }));
    try {
      const r = await createClient("gathr", config("gathr", srv)).updateCustomer({ customer_id: GATHR_ID, first_name: "A" });
      assert.equal(r.ok, false);
      assert.equal(r.error.retryable, false);
      assert.equal(srv.requests.length, 1, `HTTP ${status} sent once`);
    } finally {
      await srv.close();
    }
  }
});

for (const provider of ["juspay", "accessbank"]) {
  test(`no retry: a ${provider} POST (no honoured idempotency key) is never sent twice after a 503`, T, async () => {
    const op = FIRST_OP[provider];
    const srv = await serve(router({
      [`POST ${AB_TOKEN_PATH}`]: tokenRoute("accessbank", 120),
    }, () => ({ status: 503, headers: { "retry-after": "0" }, body: "" })));
    try {
      const client = createClient(provider, config(provider, srv, { retries: 5 }));
      const r = await client[methodOf(op)](clone(examples[op]));
      assert.equal(r.ok, false);
      assert.equal(r.error.status, 503);
      assert.equal(r.error.retryable, true, "retryable in principle: the caller decides");
      await sleep(300);
      const ops = srv.requests.filter((q) => q.path !== AB_TOKEN_PATH);
      assert.equal(ops.length, 1, "sent exactly once");
    } finally {
      await srv.close();
    }
  });

  test(`no retry: a ${provider} POST that times out is not resent: outcome_unknown, not retryable`, T, async () => {
    const op = FIRST_OP[provider];
    const srv = await serve(router({ [`POST ${AB_TOKEN_PATH}`]: tokenRoute("accessbank", 120) }, () => HANG));
    try {
      const client = createClient(provider, config(provider, srv, { retries: 5, timeoutMs: 150 }));
      const r = await client[methodOf(op)](clone(examples[op]));
      assert.equal(r.error.kind, "outcome_unknown");
      assert.equal(r.error.retryable, false);
      await sleep(300);
      assert.equal(srv.requests.filter((q) => q.path !== AB_TOKEN_PATH).length, 1);
    } finally {
      await srv.close();
    }
  });
}

// =====================================================================================
// 5. Tokens: cache, one shared request, expiry, renew once on 401
// =====================================================================================
const TOKEN_FLOWS = [
  { provider: "accessbank", op: "accessbank.updateCustomerDetails", opPath: "/waas/Onboarding/updateCustomerDetails", tokenPath: AB_TOKEN_PATH },
  { provider: "m2p", op: "m2p.updateCustomerStatus", opPath: "/prepaid/customer/v1/customers/update/status", tokenPath: M2P_TOKEN_PATH },
];

function tokenServer({ provider, opPath, tokenPath }, { lifetime = 3600, opHandler } = {}) {
  const state = { n: 0 };
  return serve(router({
    [`POST ${tokenPath}`]: tokenRoute(provider, lifetime, state),
    [`POST ${opPath}`]: opHandler ?? (() => ({ body: SUCCESS[provider === "m2p" ? "m2p.updateCustomerStatus" : "accessbank.updateCustomerDetails"] })),
  }));
}
const bearer = (q) => q.headers.authorization;

for (const flow of TOKEN_FLOWS) {
  const { provider, op, opPath, tokenPath } = flow;
  const call = (client, i = 0) => client[methodOf(op)](provider === "m2p" ? { entityId: `E${i}`, status: "ACTIVE" } : { requestId: `R-${i}`, accountNo: "0702334455", email: "a@b.co" });

  test(`token ${provider}: two sequential calls → one token request, both use it`, T, async () => {
    const srv = await tokenServer(flow);
    try {
      const client = createClient(provider, config(provider, srv));
      assert.equal((await call(client, 1)).ok, true);
      assert.equal((await call(client, 2)).ok, true);
      assert.equal(srv.hits(tokenPath).length, 1);
      assert.deepEqual(srv.hits(opPath).map(bearer), [`Bearer ${provider}-tok-1`, `Bearer ${provider}-tok-1`]);
      if (provider === "m2p") assert.equal(srv.hits(tokenPath)[0].headers["x-tenant-id"], "ACME_CORP");
      else {
        assert.equal(srv.hits(tokenPath)[0].headers.authorization, SECRETS.abAuthKey);
        assert.equal(srv.hits(tokenPath)[0].headers["ocp-apim-subscription-key"], SECRETS.abSubKey);
      }
    } finally {
      await srv.close();
    }
  });

  test(`token ${provider}: 20 concurrent calls → exactly one token request`, T, async () => {
    const srv = await tokenServer(flow, { lifetime: 3600 });
    // Slow the token answer so every call arrives while it is in flight.
    const inner = tokenRoute(provider, 3600);
    srv.setHandler(router({
      [`POST ${tokenPath}`]: (rec) => ({ ...inner(rec), delayMs: 150 }),
      [`POST ${opPath}`]: () => ({ body: SUCCESS[provider === "m2p" ? "m2p.updateCustomerStatus" : "accessbank.updateCustomerDetails"] }),
    }));
    try {
      const client = createClient(provider, config(provider, srv));
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call(client, i)));
      assert.ok(results.every((r) => r.ok), JSON.stringify(results.find((r) => !r.ok)));
      assert.equal(srv.hits(tokenPath).length, 1);
      assert.equal(srv.hits(opPath).length, 20);
      assert.ok(srv.hits(opPath).every((q) => bearer(q) === `Bearer ${provider}-tok-1`));
      if (provider === "m2p") assert.equal(new Set(srv.hits(opPath).map((q) => q.headers["x-request-id"])).size, 20, "one X-Request-ID per logical request");
      // and the cache still serves later calls
      assert.equal((await call(client, 99)).ok, true);
      assert.equal(srv.hits(tokenPath).length, 1);
    } finally {
      await srv.close();
    }
  });

  test(`token ${provider}: an expired token (lifetime 1 s, margin 100 ms) is refreshed`, T, async () => {
    const srv = await tokenServer(flow, { lifetime: 1 });
    try {
      const client = createClient(provider, config(provider, srv));
      assert.equal((await call(client, 1)).ok, true);
      assert.equal((await call(client, 2)).ok, true, "still fresh right after");
      assert.equal(srv.hits(tokenPath).length, 1);
      await sleep(1000); // past expiry - margin (900 ms)
      assert.equal((await call(client, 3)).ok, true);
      assert.equal(srv.hits(tokenPath).length, 2);
      assert.deepEqual(srv.hits(opPath).map(bearer), [`Bearer ${provider}-tok-1`, `Bearer ${provider}-tok-1`, `Bearer ${provider}-tok-2`]);
    } finally {
      await srv.close();
    }
  });

  test(`token ${provider}: a 401 on the operation → the token is renewed once and the call succeeds`, T, async () => {
    let n = 0;
    const srv = await tokenServer(flow, {
      opHandler: () => (++n === 1 ? { status: 401, body: provider === "m2p" ? { error: "invalid_token", error_description: "Token expired" } : { statusCode: 401, message: "Unauthorized" } } : { body: SUCCESS[provider === "m2p" ? "m2p.updateCustomerStatus" : "accessbank.updateCustomerDetails"] }),
    });
    try {
      const events = [];
      const client = createClient(provider, config(provider, srv, {
        retries: 0,
        onRequest: (e) => events.push(`send ${e.attempt} ${e.headers.Authorization}`),
        onResponse: (e) => events.push(`answer ${e.attempt} ${e.status}`),
      }));
      const r = await call(client, 1);
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.deepEqual(events, ["send 1 Bearer ***", "answer 1 401", "send 2 Bearer ***", "answer 2 200"], "each send is its own attempt in the hooks");
      assert.equal(srv.hits(tokenPath).length, 2);
      const ops = srv.hits(opPath);
      assert.deepEqual(ops.map(bearer), [`Bearer ${provider}-tok-1`, `Bearer ${provider}-tok-2`]);
      assert.equal(ops[0].body, ops[1].body, "the same logical request");
      if (provider === "m2p") assert.equal(ops[0].headers["x-request-id"], ops[1].headers["x-request-id"]);
      // the renewed token is cached
      assert.equal((await call(client, 2)).ok, true);
      assert.equal(srv.hits(tokenPath).length, 2);
      assert.equal(bearer(srv.hits(opPath)[2]), `Bearer ${provider}-tok-2`);
    } finally {
      await srv.close();
    }
  });

  test(`token ${provider}: a second 401 → kind auth, no third attempt`, T, async () => {
    const srv = await tokenServer(flow, { opHandler: () => ({ status: 401, body: "" }) });
    try {
      const r = await call(createClient(provider, config(provider, srv, { retries: 3 })), 1);
      assert.equal(r.ok, false);
      assert.equal(r.error.kind, "auth");
      assert.equal(r.error.status, 401);
      assert.equal(r.error.retryable, false);
      assert.equal(srv.hits(tokenPath).length, 2);
      assert.equal(srv.hits(opPath).length, 2);
    } finally {
      await srv.close();
    }
  });

  test(`token ${provider}: the token endpoint refusing the credentials → kind auth, the operation is never sent`, T, async () => {
    const srv = await serve(router({
      [`POST ${tokenPath}`]: () => ({ status: 401, body: provider === "m2p" ? { error: "invalid_client", error_description: "Bad client credentials" } : { succeeded: false, code: "401", message: "Invalid authorization key" } }),
    }));
    try {
      const r = await call(createClient(provider, config(provider, srv)), 1);
      assert.equal(r.ok, false);
      assert.equal(r.error.kind, "auth");
      assert.equal(r.error.status, 401);
      assert.match(r.error.message, /access token/);
      assert.equal(srv.hits(opPath).length, 0);
      for (const s of Object.values(SECRETS)) assert.ok(!JSON.stringify(r).includes(s));
    } finally {
      await srv.close();
    }
  });

  test(`token ${provider}: a token answer without a token → kind auth`, T, async () => {
    const srv = await serve(router({ [`POST ${tokenPath}`]: () => ({ body: provider === "m2p" ? { token_type: "Bearer" } : { succeeded: true, code: "200", data: {} } }) }));
    try {
      const r = await call(createClient(provider, config(provider, srv)), 1);
      assert.equal(r.error.kind, "auth");
      assert.equal(srv.hits(opPath).length, 0);
    } finally {
      await srv.close();
    }
  });

  test(`token ${provider}: a failed token request is not cached; the next call asks again`, T, async () => {
    let n = 0;
    const srv = await tokenServer(flow);
    const inner = tokenRoute(provider, 3600);
    srv.setHandler(router({
      [`POST ${tokenPath}`]: (rec) => (++n === 1 ? { status: 500, body: "" } : inner(rec)),
      [`POST ${opPath}`]: () => ({ body: SUCCESS[provider === "m2p" ? "m2p.updateCustomerStatus" : "accessbank.updateCustomerDetails"] }),
    }));
    try {
      const client = createClient(provider, config(provider, srv, { retries: 0 }));
      const r1 = await call(client, 1);
      assert.equal(r1.ok, false);
      assert.equal(r1.error.status, 500);
      assert.equal(r1.error.kind, "auth");
      assert.equal(r1.error.retryable, true);
      const r2 = await call(client, 2);
      assert.equal(r2.ok, true);
      assert.equal(srv.hits(tokenPath).length, 2);
    } finally {
      await srv.close();
    }
  });
}

test("token accessbank: a generated requestId survives the renewal after a 401 (one logical request)", T, async () => {
  let n = 0;
  const srv = await tokenServer(TOKEN_FLOWS[0], {
    opHandler: () => (++n === 1 ? { status: 401, body: { statusCode: 401, message: "Unauthorized" } } : { body: SUCCESS["accessbank.updateCustomerDetails"] }),
  });
  try {
    const r = await createClient("accessbank", config("accessbank", srv)).updateCustomerDetails({ accountNo: "0702334455", email: "a@b.co" });
    assert.equal(r.ok, true);
    const ops = srv.hits("/waas/Onboarding/updateCustomerDetails");
    assert.equal(ops.length, 2);
    assert.equal(ops[0].body, ops[1].body);
    assert.equal(JSON.parse(ops[0].body).requestId, r.requestId);
    assert.match(r.requestId, UUID_V4);
  } finally {
    await srv.close();
  }
});

test("token m2p: a token endpoint that never answers → kind auth within timeoutMs, the operation is never sent", T, async () => {
  const srv = await serve(router({ [`POST ${M2P_TOKEN_PATH}`]: () => HANG }));
  try {
    const t0 = Date.now();
    const r = await createClient("m2p", config("m2p", srv, { timeoutMs: 200, retries: 0 })).updateCustomerStatus({ entityId: "E1", status: "ACTIVE" });
    assert.equal(r.error.kind, "auth");
    assert.equal(r.error.retryable, true);
    assert.ok(Date.now() - t0 < 1500);
    assert.equal(srv.requests.length, 1);
  } finally {
    await srv.close();
  }
});

test("token: a renewal that hangs cannot stretch a call past its totalTimeoutMs", T, async () => {
  // The first token comes at once; the operation answers 401 after 700 ms; the renewal hangs.
  // Each request may take 1500 ms, the whole call 1500 ms: without the bound the renewal's own
  // 1500 ms would end the call at ~2200 ms.
  let tokens = 0;
  const srv = await serve(router({
    [`POST ${M2P_TOKEN_PATH}`]: () => (++tokens === 1 ? { body: { access_token: "m2p-tok-1", token_type: "Bearer", expires_in: 3600 } } : HANG),
    ["POST /prepaid/customer/v1/customers/update/status"]: () => ({ status: 401, delayMs: 700, body: { type: "about:blank", title: "Unauthorized", status: 401 } }),
  }));
  try {
    const t0 = Date.now();
    const r = await createClient("m2p", config("m2p", srv, { timeoutMs: 1500, totalTimeoutMs: 1500, retries: 0 })).updateCustomerStatus({ entityId: "E1", status: "ACTIVE" });
    const took = Date.now() - t0;
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, "timeout");
    assert.ok(took < 2000, `ended after ${took} ms: bounded by totalTimeoutMs, not by the renewal's own timeout`);
    assert.equal(tokens, 2, "the renewal was requested");
  } finally {
    await srv.close();
  }
});

test("token: with accessToken in the config no token request is made", T, async () => {
  const srv = await tokenServer(TOKEN_FLOWS[1]);
  try {
    const r = await createClient("m2p", config("m2p", srv, { accessToken: "given-tok" })).updateCustomerStatus({ entityId: "E1", status: "ACTIVE" });
    assert.equal(r.ok, true);
    assert.equal(srv.hits(M2P_TOKEN_PATH).length, 0);
    assert.equal(srv.requests[0].headers.authorization, "Bearer given-tok");
  } finally {
    await srv.close();
  }
});

for (const provider of ["accessbank", "m2p"]) {
  test(`token ${provider}: a call that waited for the token request leaves no timer set`, T, async () => {
    // The wait for the shared token request is bounded by a timer up to the call's deadline
    // (70 s by default); when the token came first that timer must be cleared, or it would keep
    // Node's event loop alive until then. Every timer the package sets during the call is
    // tracked (an injected fetch answers: no server's timers are counted).
    const realSet = globalThis.setTimeout;
    const realClear = globalThis.clearTimeout;
    const pending = new Map();
    globalThis.setTimeout = (f, ms, ...args) => {
      const id = realSet(() => {
        pending.delete(id);
        f(...args);
      }, ms);
      pending.set(id, ms);
      return id;
    };
    globalThis.clearTimeout = (id) => {
      pending.delete(id);
      realClear(id);
    };
    const json = (body) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    const tokens = { n: 0 };
    const fetch = async (req) => {
      await new Promise((r) => realSet(r, 5)); // the token arrives after the call started waiting
      const path = new URL(req.url).pathname;
      return json(path === AB_TOKEN_PATH || path === M2P_TOKEN_PATH ? tokenRoute(provider, 3600, tokens)().body : SUCCESS[provider === "m2p" ? "m2p.updateCustomerStatus" : "accessbank.updateCustomerDetails"]);
    };
    try {
      const client = createClient(provider, config(provider, { origin: "https://example.test" }, { fetch }));
      const r = await client[provider === "m2p" ? "updateCustomerStatus" : "updateCustomerDetails"](provider === "m2p" ? { entityId: "E1", status: "ACTIVE" } : { requestId: "R-1", accountNo: "0702334455", email: "a@b.co" });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(tokens.n, 1);
      assert.deepEqual([...pending.values()], [], "timers left set (ms)");
    } finally {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
      for (const id of pending.keys()) realClear(id);
    }
  });
}

// =====================================================================================
// 6. Abort and hooks
// =====================================================================================
test("abort: an already-aborted signal resolves with an error and sends nothing", T, async () => {
  const srv = await serve(() => ({ body: SUCCESS["gathr.updateCustomer"] }));
  try {
    const ac = new AbortController();
    ac.abort();
    const r = await createClient("gathr", config("gathr", srv)).updateCustomer({ customer_id: GATHR_ID, first_name: "A" }, { signal: ac.signal });
    assert.equal(r.ok, false);
    assert.equal(r.error.retryable, false);
    assert.match(r.error.message, /[Aa]bort/);
    assert.equal(srv.requests.length, 0);
  } finally {
    await srv.close();
  }
});

test("abort: aborting mid-request resolves (no rejection) promptly, without a retry", T, async () => {
  const srv = await serve(() => HANG);
  try {
    const ac = new AbortController();
    const client = createClient("bvnk", config("bvnk", srv, { timeoutMs: 5000, retries: 3 }));
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 100);
    const r = await client.updateCustomer({ customerReference: "r", name: "N" }, { signal: ac.signal });
    const elapsed = Date.now() - t0;
    assert.equal(r.ok, false);
    assert.notEqual(r.error.kind, "timeout");
    assert.equal(r.error.retryable, false);
    assert.ok(elapsed < 1000, `elapsed ${elapsed} ms`);
    await sleep(300);
    assert.equal(srv.requests.length, 1, "no retry after an abort");
    assert.equal(srv.requests[0].closed, true);
  } finally {
    await srv.close();
  }
});

test("abort: during the token request → the operation is never sent", T, async () => {
  const inner = tokenRoute("m2p", 3600);
  const srv = await serve(router({
    [`POST ${M2P_TOKEN_PATH}`]: (rec) => ({ ...inner(rec), delayMs: 300 }),
    "POST /prepaid/customer/v1/customers/update/status": () => ({ body: SUCCESS["m2p.updateCustomerStatus"] }),
  }));
  try {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const t0 = Date.now();
    const r = await createClient("m2p", config("m2p", srv)).updateCustomerStatus({ entityId: "E1", status: "ACTIVE" }, { signal: ac.signal });
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(r.error.retryable, false);
    assert.ok(Date.now() - t0 < 250, "resolves at the abort, not when the token arrives");
    await sleep(400);
    assert.equal(srv.hits("/prepaid/customer/v1/customers/update/status").length, 0, "nothing sent after the abort");
  } finally {
    await srv.close();
  }
});

test("abort: during a Retry-After wait → resolves promptly, no second attempt", T, async () => {
  const srv = await serve(() => ({ status: 503, headers: { "retry-after": "3" }, body: "" }));
  try {
    const ac = new AbortController();
    const client = createClient("bvnk", config("bvnk", srv, { retries: 2 }));
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 200);
    const r = await client.updateCustomerStatus({ customerReference: "ref-1", status: "PENDING" }, { signal: ac.signal });
    const elapsed = Date.now() - t0;
    assert.equal(r.ok, false);
    assert.ok(elapsed < 800, `resolved after ${elapsed} ms, not after the 3 s wait`);
    assert.match(r.error.message, /[Aa]bort/);
    await sleep(100);
    assert.equal(srv.requests.length, 1);
  } finally {
    await srv.close();
  }
});

const HOOK_CASES = [
  { provider: "accessbank", op: "accessbank.updateCustomerDetails", auth: "Bearer ***", masked: { "Ocp-Apim-Subscription-Key": "***" } },
  { provider: "juspay", op: "juspay.updateCustomer", auth: "Basic ***", masked: { "x-merchantid": "***" } },
  { provider: "bvnk", op: "bvnk.updateCustomer", auth: "Hawk ***", masked: {} },
  { provider: "gathr", op: "gathr.updateCustomer", auth: "Bearer ***", masked: {} },
  { provider: "m2p", op: "m2p.updateCustomer", auth: "Bearer ***", masked: { "X-TENANT-ID": "***" } },
];

for (const h of HOOK_CASES) {
  test(`hooks ${h.provider}: onRequest sees masked auth headers (no secret anywhere), onResponse sees the status`, T, async () => {
    const srv = await serve(router({
      [`POST ${AB_TOKEN_PATH}`]: tokenRoute("accessbank", 120),
      [`POST ${M2P_TOKEN_PATH}`]: tokenRoute("m2p", 3600),
    }, () => ({ status: 200, body: SUCCESS[h.op] })));
    try {
      const reqEvents = [];
      const resEvents = [];
      const client = createClient(h.provider, config(h.provider, srv, { onRequest: (e) => reqEvents.push(e), onResponse: (e) => resEvents.push(e) }));
      const r = await client[methodOf(h.op)](clone(examples[h.op]));
      assert.equal(r.ok, true);
      assert.equal(reqEvents.length, 1, "one event per operation attempt (token requests are not reported)");
      const e = reqEvents[0];
      assert.equal(e.operation, h.op);
      assert.equal(e.attempt, 1);
      const opRec = srv.requests.at(-1);
      assert.equal(e.method, opRec.method);
      assert.equal(e.url, srv.origin + opRec.url);
      assert.equal(e.body, opRec.body);
      assert.equal(e.headers.Authorization, h.auth);
      for (const [k, v] of Object.entries(h.masked)) assert.equal(e.headers[k], v);
      const dump = JSON.stringify(reqEvents) + JSON.stringify(resEvents);
      const secrets = [...Object.values(SECRETS), b64(`${SECRETS.jpApiKey}:`), "accessbank-tok-1", "m2p-tok-1", "ACME_CORP", "MERCHANT-001", "merchant_1"];
      for (const s of secrets) assert.ok(!dump.includes(s), `hook events leak ${s}`);
      if (h.provider === "bvnk") assert.ok(!dump.includes(parseHawk(opRec.headers.authorization).mac), "no Hawk MAC");
      assert.deepEqual(resEvents.map((x) => [x.operation, x.attempt, x.status]), [[h.op, 1, 200]]);
      assert.equal(resEvents[0].body, JSON.stringify(SUCCESS[h.op]));
    } finally {
      await srv.close();
    }
  });
}

test("hooks: a throwing onRequest/onResponse does not break the call; onResponse sees error statuses", T, async () => {
  const srv = await serve(() => ({ status: 422, body: { errors: { popi: ["The popi field must be true or false."] } } }));
  try {
    const statuses = [];
    const client = createClient("gathr", config("gathr", srv, {
      onRequest: () => {
        throw new Error("hook boom");
      },
      onResponse: (e) => {
        statuses.push(e.status);
        throw new Error("hook boom");
      },
    }));
    const r = await client.updateCustomer({ customer_id: GATHR_ID, popi: true });
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, "provider");
    assert.deepEqual(statuses, [422]);
  } finally {
    await srv.close();
  }
});

test("maxRetryAfterMs: a Retry-After above it is returned at once with retryAfterMs, not slept; per call too", T, async () => {
  const srv = await serve(() => ({ status: 503, headers: { "retry-after": "7" }, body: { code: "bvnk:platform:5030", status: 503, message: "Busy" } }));
  try {
    const op = { customerReference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", status: "VERIFIED" };
    const client = createClient("bvnk", config("bvnk", srv, { maxRetryAfterMs: 1000 }));
    const t0 = Date.now();
    const r = await client.updateCustomerStatus(op);
    assert.ok(Date.now() - t0 < 1000, "not slept");
    assert.equal(srv.requests.length, 1);
    assert.equal(r.error.status, 503);
    assert.equal(r.error.retryAfterMs, 7000);
    assert.equal(r.error.retryable, true);
    // Per call: the client's default (30 s) would sleep 7 s; the call's 2 s does not.
    const other = createClient("bvnk", config("bvnk", srv));
    const t1 = Date.now();
    const r2 = await other.updateCustomerStatus(op, { maxRetryAfterMs: 2000 });
    assert.ok(Date.now() - t1 < 1000);
    assert.equal(r2.error.retryAfterMs, 7000);
    assert.equal(srv.requests.length, 2);
    const bad = await other.updateCustomerStatus(op, { maxRetryAfterMs: "soon" });
    assert.equal(bad.error.kind, "validation");
    assert.deepEqual(bad.error.issues.map((i) => i.path), [["options", "maxRetryAfterMs"]]);
    assert.throws(() => createClient("bvnk", config("bvnk", srv, { maxRetryAfterMs: -1 })), /config\.maxRetryAfterMs must be a non-negative number/);
    // No Retry-After: no retryAfterMs.
    const plain = await serve(() => ({ status: 400, body: { code: "bvnk:x", status: 400, message: "no" } }));
    try {
      const r3 = await createClient("bvnk", config("bvnk", plain)).updateCustomerStatus(op);
      assert.equal("retryAfterMs" in r3.error, false);
    } finally {
      await plain.close();
    }
  } finally {
    await srv.close();
  }
});
