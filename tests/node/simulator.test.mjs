// The provider simulator (www/simulator): auth per provider, documented error bodies, validation
// shapes, state, M2P rules and idempotency, every fault, CORS, the masked log, and the package's
// createClient against it for all nine operations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createClient, example, operations } from "customer-update";
import { startSimulator } from "../../www/simulator/server.mjs";

const creds = JSON.parse(readFileSync(fileURLToPath(new URL("../../www/simulator/credentials.json", import.meta.url)), "utf8"));
const BASES = { accessbank: "/accessbank", juspay: "/juspay", bvnk: "/bvnk", gathr: "/gathr", m2p: "/m2p/prepaid/customer" };
const AB_ACCOUNT = "0702334455";
const JUSPAY_ID = "cst_om2l6ctlptxwxuzj";
const BVNK_REF = "8a0e1da2-2af3-4b9e-a221-e74db4e01b06";
const GATHR_ID = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
const M2P_ID = "615928984620006085281025";
const T = { timeout: 15_000 };

let sim;
const stdout = [];
/** Every token the tests obtained, to prove none reaches the log. */
const issuedTokens = new Set();
const hawkMacs = new Set();

before(async () => {
  sim = await startSimulator({ port: 0, log: (line) => stdout.push(line) });
});
after(async () => {
  await sim?.close();
});

// ---- helpers ----

async function call(method, path, { headers = {}, body, timeoutMs = 5000, base } = {}) {
  const res = await fetch(`${base ?? sim.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const record = async (provider, id, base) => (await call("GET", `/_sim/customers/${provider}/${encodeURIComponent(id)}`, { base })).json;
const reset = (base) => call("POST", "/_sim/reset", { body: {}, base });
const JSON_CT = { "Content-Type": "application/json" };

async function abToken(base) {
  const r = await call("POST", "/accessbank/waas/Client/authenticate", {
    base,
    headers: { ...JSON_CT, Authorization: creds.accessbank.authorizationKey, "Ocp-Apim-Subscription-Key": creds.accessbank.subscriptionKey },
    body: { merchantId: creds.accessbank.merchantId },
  });
  assert.equal(r.status, 200, r.text);
  issuedTokens.add(r.json.data.accessToken);
  return r.json.data.accessToken;
}

async function m2pToken(base) {
  const r = await call("POST", "/auth/token", {
    base,
    headers: JSON_CT,
    body: { clientId: creds.m2p.clientId, clientSecret: creds.m2p.clientSecret, grantType: "client_credentials" },
  });
  assert.equal(r.status, 200, r.text);
  issuedTokens.add(r.json.access_token);
  return r.json.access_token;
}

const abHeaders = (token) => ({ ...JSON_CT, Authorization: `Bearer ${token}`, "Ocp-Apim-Subscription-Key": creds.accessbank.subscriptionKey });
const juspayHeaders = (apiKey = creds.juspay.apiKey) => ({
  "Content-Type": "application/x-www-form-urlencoded",
  Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`,
  "x-merchantid": creds.juspay.merchantId,
});
const gathrHeaders = (token = creds.gathr.token) => ({ ...JSON_CT, Authorization: `Bearer ${token}` });
const m2pHeaders = (token, extra = {}) => ({ ...JSON_CT, Authorization: `Bearer ${token}`, "X-TENANT-ID": creds.m2p.tenantId, "X-Request-ID": randomUUID(), ...extra });

/** An independent Hawk signer (the simulator's verifier is not reused). */
function hawk(method, path, { key = creds.bvnk.hawkKey, id = creds.bvnk.hawkId, ts = Math.floor(Date.now() / 1000), nonce = randomBytes(9).toString("base64url"), base } = {}) {
  const u = new URL(`${base ?? sim.url}${path}`);
  const normalized = `hawk.1.header\n${ts}\n${nonce}\n${method}\n${u.pathname}${u.search}\n${u.hostname}\n${u.port || 80}\n\n\n`;
  const mac = createHmac("sha256", key).update(normalized).digest("base64");
  hawkMacs.add(mac);
  return `Hawk id="${id}", ts="${ts}", nonce="${nonce}", mac="${mac}"`;
}
const bvnkPut = (path, body, opts = {}) =>
  call("PUT", `/bvnk${path}`, { body, headers: { ...JSON_CT, Authorization: opts.authorization ?? hawk("PUT", `/bvnk${path}`, opts) } });

const stripVolatile = ({ traceId, ...rest }) => rest;

// ---- auth ----

test("Access Bank: token endpoint issues the documented envelope; the token authorises the update", T, async () => {
  await reset();
  const r = await call("POST", "/accessbank/waas/Client/authenticate", {
    headers: { ...JSON_CT, Authorization: creds.accessbank.authorizationKey, "Ocp-Apim-Subscription-Key": creds.accessbank.subscriptionKey },
    body: { merchantId: creds.accessbank.merchantId },
  });
  assert.equal(r.status, 200);
  const { accessToken, expiresIn } = r.json.data;
  issuedTokens.add(accessToken);
  assert.match(accessToken, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.deepEqual(r.json, { succeeded: true, code: "200", message: "Authentication successful", data: { accessToken, expiresIn: 120 }, pageMeta: {}, errors: {} });
  assert.equal(expiresIn, 120);

  const ok = await call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", {
    headers: abHeaders(accessToken),
    body: { requestId: "REQ-1", accountNo: AB_ACCOUNT, email: "jane.new@example.com" },
  });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.json, { succeeded: true, code: "200", message: "successful request", data: {}, pageMeta: {}, errors: {} });
  assert.equal(sim.state.tokenRequests.accessbank, 1);
});

test("Access Bank: auth failures (Bearer on the token call, wrong key, missing/invalid subscription key, unknown token)", T, async () => {
  const tokenCall = (headers, body = { merchantId: creds.accessbank.merchantId }) =>
    call("POST", "/accessbank/waas/Client/authenticate", { headers: { ...JSON_CT, ...headers }, body });
  const sub = { "Ocp-Apim-Subscription-Key": creds.accessbank.subscriptionKey };

  let r = await tokenCall({ ...sub, Authorization: `Bearer ${creds.accessbank.authorizationKey}` });
  assert.equal(r.status, 401);
  assert.deepEqual(r.json, { succeeded: false, code: "401", message: "Invalid authorization key", data: {}, pageMeta: {}, errors: {} });
  r = await tokenCall({ ...sub, Authorization: "wrong" });
  assert.equal(r.status, 401);
  r = await tokenCall({ ...sub, Authorization: creds.accessbank.authorizationKey }, { merchantId: "OTHER" });
  assert.equal(r.status, 401);
  assert.equal(r.json.message, "Invalid merchant id");
  r = await tokenCall({ Authorization: creds.accessbank.authorizationKey });
  assert.equal(r.status, 401);
  assert.deepEqual(r.json, { statusCode: 401, message: "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API." });

  const body = { requestId: "REQ-2", accountNo: AB_ACCOUNT, email: "x@example.com" };
  const token = await abToken();
  r = await call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", { headers: { ...abHeaders(token), "Ocp-Apim-Subscription-Key": "nope" }, body });
  assert.equal(r.status, 401);
  assert.match(r.json.message, /invalid subscription key/);
  r = await call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", { headers: abHeaders("not-a-token"), body });
  assert.equal(r.status, 401);
  assert.equal(r.json.succeeded, false);
  assert.equal(r.json.code, "401");
  r = await call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", { headers: { ...abHeaders(token), Authorization: token }, body });
  assert.equal(r.status, 401, "a token without 'Bearer ' is refused");
});

test("Access Bank and M2P: expired tokens are refused with 401 (lifetimes set by startSimulator options)", T, async () => {
  const short = await startSimulator({ port: 0, accessbankTokenTtl: 0.3, m2pTokenTtl: 0.3 });
  try {
    const ab = await abToken(short.url);
    const m = await m2pToken(short.url);
    const abCall = () =>
      call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", {
        base: short.url,
        headers: abHeaders(ab),
        body: { requestId: randomUUID(), accountNo: AB_ACCOUNT, phoneNumber: "+2348011111111" },
      });
    const m2pCall = () =>
      call("POST", "/m2p/prepaid/customer/v1/customers/update", { base: short.url, headers: m2pHeaders(m), body: { entityId: M2P_ID, firstName: "Tom" } });
    assert.equal((await abCall()).json.succeeded, true);
    assert.equal((await m2pCall()).status, 200);
    await new Promise((r) => setTimeout(r, 400));
    const a = await abCall();
    assert.equal(a.status, 401);
    assert.deepEqual(a.json, { succeeded: false, code: "401", message: "Unauthorized: the access token has expired", data: {}, pageMeta: {}, errors: {} });
    const b = await m2pCall();
    assert.equal(b.status, 401);
    assert.equal(b.json.detail, "The access token has expired");
    assert.deepEqual(short.state.tokenRequests, { accessbank: 1, m2p: 1 });
  } finally {
    await short.close();
  }
});

test("Juspay: Basic base64(apiKey:) + x-merchantid; the seed's 401 body on a wrong key", T, async () => {
  await reset();
  const path = `/juspay/customers/${JUSPAY_ID}`;
  const ok = await call("POST", path, { headers: juspayHeaders(), body: "first_name=Tim" });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.first_name, "Tim");

  const seed401 = {
    status: "error",
    error_code: "access_denied",
    error_info: { user_message: "Unauthorized.", developer_message: "Invalid API Key. Please pass a valid and active api key.", code: "UNAUTHORIZED", category: "USER_ERROR" },
  };
  let r = await call("POST", path, { headers: juspayHeaders("wrong-key"), body: "first_name=Tim" });
  assert.equal(r.status, 401);
  assert.deepEqual(r.json, seed401);
  r = await call("POST", path, { headers: { ...juspayHeaders(), Authorization: `Basic ${Buffer.from(`${creds.juspay.apiKey}:pw`).toString("base64")}` }, body: "first_name=Tim" });
  assert.equal(r.status, 401, "the password must be empty");
  r = await call("POST", path, { headers: { ...juspayHeaders(), "x-merchantid": "someone_else" }, body: "first_name=Tim" });
  assert.equal(r.status, 401);
  assert.equal(r.json.error_info.code, "UNAUTHORIZED");
});

test("BVNK: Hawk MAC, ±60 s clock, replayed nonce; 401 {code: bvnk:auth:4010, status, traceId, message}", T, async () => {
  await reset();
  const path = `/platform/v1/customers/${BVNK_REF}/status`;
  const ok = await bvnkPut(path, { status: "VERIFIED" });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, "VERIFIED");

  const check401 = (r, message) => {
    assert.equal(r.status, 401, r.text);
    assert.equal(r.json.code, "bvnk:auth:4010");
    assert.equal(r.json.status, "Unauthorized");
    assert.match(r.json.traceId, /^[0-9a-f-]{36}$/);
    assert.match(r.json.message, message);
  };
  check401(await bvnkPut(path, { status: "VERIFIED" }, { key: "wrong-key" }), /Bad MAC/);
  check401(await bvnkPut(path, { status: "VERIFIED" }, { id: "other-id" }), /Unknown Hawk credentials/);
  const stale = await bvnkPut(path, { status: "VERIFIED" }, { ts: Math.floor(Date.now() / 1000) - 120 });
  check401(stale, /Stale timestamp/);
  assert.match(stale.headers.get("www-authenticate"), /^Hawk ts="\d+", tsm="[^"]+", error="Stale timestamp"$/);
  check401(await bvnkPut(path, { status: "VERIFIED" }, { ts: Math.floor(Date.now() / 1000) + 120 }), /Stale timestamp/);
  check401(await bvnkPut(path, { status: "VERIFIED" }, { authorization: `Bearer ${creds.bvnk.hawkKey}` }), /Missing or malformed/);
  // signed for another path
  check401(await bvnkPut(path, { status: "VERIFIED" }, { authorization: hawk("PUT", `/bvnk/platform/v1/customers/${BVNK_REF}`) }), /Bad MAC/);
  // replay: the same header twice
  const header = hawk("PUT", `/bvnk${path}`);
  assert.equal((await bvnkPut(path, { status: "PENDING" }, { authorization: header })).status, 200);
  check401(await bvnkPut(path, { status: "PENDING" }, { authorization: header }), /nonce/);
  // within the clock window is fine
  assert.equal((await bvnkPut(path, { status: "PENDING" }, { ts: Math.floor(Date.now() / 1000) - 50 })).status, 200);
});

test("Gathr: static Bearer token; Laravel's 401 otherwise", T, async () => {
  await reset();
  const path = `/gathr/customers/${GATHR_ID}`;
  const ok = await call("PATCH", path, { headers: gathrHeaders(), body: { first_name: "Chris" } });
  assert.equal(ok.status, 200);
  for (const headers of [gathrHeaders("wrong"), { ...JSON_CT }, { ...JSON_CT, Authorization: creds.gathr.token }]) {
    const r = await call("PATCH", path, { headers, body: { first_name: "Chris" } });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, { message: "Unauthenticated." });
  }
});

test("M2P: /auth/token at the origin; bearer + X-TENANT-ID; 401/403 problem+json", T, async () => {
  await reset();
  const r = await call("POST", "/auth/token", {
    headers: JSON_CT,
    body: { clientId: creds.m2p.clientId, clientSecret: creds.m2p.clientSecret, grantType: "client_credentials" },
  });
  assert.equal(r.status, 200);
  issuedTokens.add(r.json.access_token);
  assert.deepEqual(Object.keys(r.json).sort(), ["access_token", "expires_in", "token_type"]);
  assert.equal(r.json.token_type, "Bearer");
  assert.equal(r.json.expires_in, 3600);
  const token = r.json.access_token;

  const bad = await call("POST", "/auth/token", { headers: JSON_CT, body: { clientId: creds.m2p.clientId, clientSecret: "nope", grantType: "client_credentials" } });
  assert.equal(bad.status, 401);
  assert.equal(bad.json.title, "Unauthorized");
  assert.equal(bad.json.detail, "Bad client credentials");
  assert.equal(sim.state.tokenRequests.m2p, 2);

  const path = "/m2p/prepaid/customer/v1/customers/update";
  const body = { entityId: M2P_ID, firstName: "Tim" };
  assert.equal((await call("POST", path, { headers: m2pHeaders(token), body })).status, 200);
  const noToken = await call("POST", path, { headers: { ...m2pHeaders(token), Authorization: "" }, body });
  assert.equal(noToken.status, 401);
  assert.match(noToken.headers.get("content-type"), /^application\/problem\+json/);
  assert.deepEqual(noToken.json, {
    type: "https://www.m2pfintech.com/problem/problem-with-message",
    title: "Unauthorized",
    status: 401,
    detail: "Full authentication is required to access this resource",
    message: "error.http.401",
  });
  assert.equal((await call("POST", path, { headers: m2pHeaders("forged.token.value"), body })).status, 401);
  const wrongTenant = await call("POST", path, { headers: m2pHeaders(token, { "X-TENANT-ID": "OTHER" }), body });
  assert.equal(wrongTenant.status, 403);
  assert.equal(wrongTenant.json.status, 403);
  const { "X-TENANT-ID": _, ...noTenant } = m2pHeaders(token);
  const missing = await call("POST", path, { headers: noTenant, body });
  assert.equal(missing.status, 403);
  assert.match(missing.json.detail, /X-TENANT-ID/);
  // an Access Bank token is not an M2P token
  const ab = await abToken();
  assert.equal((await call("POST", path, { headers: m2pHeaders(ab), body })).status, 401);
});

// ---- server-side validation, in each provider's shape ----

test("validation errors come back in each provider's own shape, and nothing is stored", T, async () => {
  await reset();
  const before = {
    juspay: await record("juspay", JUSPAY_ID),
    gathr: await record("gathr", GATHR_ID),
    m2p: await record("m2p", M2P_ID),
    accessbank: await record("accessbank", AB_ACCOUNT),
    bvnk: await record("bvnk", BVNK_REF),
  };

  // Juspay: 400 with error_info.fields (the seed's "mobile_number empty" case)
  const j = await call("POST", `/juspay/customers/${JUSPAY_ID}`, { headers: juspayHeaders(), body: "mobile_number=&first_name=Tim" });
  assert.equal(j.status, 400);
  assert.equal(j.json.error_message, "Wrong value in mobile_number");
  assert.equal(j.json.status, "Invalid Request");
  assert.equal(j.json.error_code, "Invalid Request");
  assert.equal(j.json.error_info.code, "INVALID_INPUT");
  assert.equal(j.json.error_info.category, "USER_ERROR");
  assert.deepEqual(j.json.error_info.fields.map((f) => f.field_name), ["mobile_number"]);
  assert.equal(typeof j.json.error_info.fields[0].reason, "string");
  // …also for a JSON body, with an unknown key
  const j2 = await call("POST", `/juspay/customers/${JUSPAY_ID}`, { headers: { ...juspayHeaders(), "Content-Type": "application/json" }, body: { email: "a@b.co" } });
  assert.equal(j2.status, 400);
  assert.deepEqual(j2.json.error_info.fields, [{ field_name: "email", reason: 'Unknown field "email". Did you mean "email_address"?' }]);

  // Gathr: 422 field map, Laravel's wording
  const g = await call("PATCH", `/gathr/customers/${GATHR_ID}`, { headers: gathrHeaders(), body: { popi: "yes" } });
  assert.equal(g.status, 422);
  assert.deepEqual(g.json, { errors: { popi: ["The popi field must be true or false."] } });
  const g2 = await call("PATCH", `/gathr/customers/${GATHR_ID}`, { headers: gathrHeaders(), body: { email: "bad", terms_and_conditions: 1 } });
  assert.deepEqual(g2.json, { errors: { email: ["The email field must be a valid email address."], terms_and_conditions: ["The terms and conditions field must be true or false."] } });

  // M2P: 400 problem+json with fieldErrors (bracketed paths)
  const token = await m2pToken();
  const m = await call("POST", "/m2p/prepaid/customer/v1/customers/update", {
    headers: m2pHeaders(token),
    body: { entityId: M2P_ID, pan: "abc", permanentAddress: { address1: "x", pin: "060001", city: "c", state: "s", country: "India" } },
  });
  assert.equal(m.status, 400);
  assert.match(m.headers.get("content-type"), /problem\+json/);
  assert.equal(m.json.type, "https://www.m2pfintech.com/problem/constraint-violation");
  assert.equal(m.json.title, "Method argument not valid");
  assert.equal(m.json.message, "error.validation");
  assert.deepEqual(m.json.fieldErrors.map((f) => f.field).sort(), ["pan", "permanentAddress.pin"]);
  const mn = await call("POST", `/m2p/prepaid/customer/v1/customers/support/nominee/${M2P_ID}`, {
    headers: m2pHeaders(token),
    body: { nominees: [{ name: "A", relationship: "Son", percentShare: 100, dob: "1990-02-30" }] },
  });
  assert.equal(mn.status, 400);
  assert.deepEqual(mn.json.fieldErrors.map((f) => f.field), ["nominees[0].dob"]);

  // Access Bank: HTTP 200, succeeded:false, code "400"
  const abt = await abToken();
  const a = await call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", {
    headers: abHeaders(abt),
    body: { requestId: "R1", accountNo: AB_ACCOUNT, email: "not-an-email" },
  });
  assert.equal(a.status, 200);
  assert.equal(a.json.succeeded, false);
  assert.equal(a.json.code, "400");
  assert.equal(a.json.message, "Bad Request");
  assert.deepEqual(Object.keys(a.json.errors), ["email"]);
  const a2 = await call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", { headers: abHeaders(abt), body: { accountNo: AB_ACCOUNT } });
  assert.equal(a2.json.code, "400");
  assert.deepEqual(Object.keys(a2.json.errors).sort(), ["", "requestId"], "neither email nor phone (root) and no requestId");

  // BVNK: 400 {code: bvnk:…:4000, status, traceId, message, details: {errors}}
  const b = await bvnkPut(`/platform/v1/customers/${BVNK_REF}/associates`, {
    associates: [{ person: { firstName: "A", lastName: "B", dateOfBirth: "2001-01-31", address: { addressLine1: "x", city: "y", postalCode: "1", countryCode: "UK" } } }],
  });
  assert.equal(b.status, 400);
  assert.equal(b.json.code, "bvnk:platform:4000");
  assert.equal(b.json.status, "Bad Request");
  assert.match(b.json.traceId, /^[0-9a-f-]{36}$/);
  assert.deepEqual(b.json.details.errors.map((e) => e.field), ["associates[0].person.address.countryCode"]);
  const b2 = await bvnkPut(`/platform/v1/customers/${BVNK_REF}`, {});
  assert.equal(b2.status, 400);
  assert.match(b2.json.message, /at least one of: name, description, address/);

  for (const [p, id] of [["juspay", JUSPAY_ID], ["gathr", GATHR_ID], ["m2p", M2P_ID], ["accessbank", AB_ACCOUNT], ["bvnk", BVNK_REF]]) {
    assert.deepEqual(await record(p, id), before[p], `${p} record unchanged after rejected requests`);
  }
  assert.deepEqual(sim.state.appliedUpdates, {});
});

test("unreadable bodies: M2P's seed 400, others in their shapes", T, async () => {
  const token = await m2pToken();
  const m = await call("POST", "/m2p/prepaid/customer/v1/customers/update", { headers: m2pHeaders(token), body: "{not json" });
  assert.equal(m.status, 400);
  assert.deepEqual(m.json, {
    type: "https://www.m2pfintech.com/problem/problem-with-message",
    title: "Bad Request",
    status: 400,
    detail: "Unable to convert http message",
    message: "error.http.400",
  });
  const g = await call("PATCH", `/gathr/customers/${GATHR_ID}`, { headers: gathrHeaders(), body: "[1,2" });
  assert.equal(g.status, 400);
  assert.equal(typeof g.json.errors, "string");
});

// ---- not found ----

test("unknown ids get each provider's documented not-found answer", T, async () => {
  await reset();
  const abt = await abToken();
  const a = await call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", {
    headers: abHeaders(abt),
    body: { requestId: "R9", accountNo: "0000000000", email: "a@example.com" },
  });
  assert.equal(a.status, 200);
  assert.deepEqual(a.json, { succeeded: false, code: "31", message: "Invalid account number", data: {}, pageMeta: {}, errors: {} });

  const j = await call("POST", "/juspay/customers/cst_doesnotexist", { headers: juspayHeaders(), body: "first_name=Tim" });
  assert.equal(j.status, 404);
  assert.deepEqual(j.json, {
    error_message: "Cannot find what you are looking for",
    status: "invalid_request_error",
    error_code: "object_not_found",
    error_info: {
      user_message: "Cannot process your request as customer account not found.",
      developer_message: "Customer account not found.",
      code: "RESOURCE_NOT_FOUND",
      category: "USER_ERROR",
    },
  });

  const ref = "00000000-0000-4000-8000-000000000000";
  const b = await bvnkPut(`/platform/v1/customers/${ref}/status`, { status: "VERIFIED" });
  assert.equal(b.status, 404);
  assert.deepEqual(stripVolatile(b.json), { code: "bvnk:platform:4040", status: "Not Found", message: "Customer not found." });

  const g = await call("PATCH", "/gathr/customers/00000000-0000-0000-0000-000000000000", { headers: gathrHeaders(), body: { first_name: "X" } });
  assert.equal(g.status, 404);
  assert.deepEqual(g.json, { errors: { code: "entity_not_found", message: "Record not found in customers" } });

  const token = await m2pToken();
  const m = await call("POST", "/m2p/prepaid/customer/v1/customers/update", { headers: m2pHeaders(token), body: { entityId: "999", firstName: "X" } });
  assert.equal(m.status, 409);
  assert.deepEqual(m.json, {
    type: "https://www.m2pfintech.com/problem/problem-with-message",
    title: "Customer does not exists for id",
    status: 409,
    detail: "Customer does not exists for id",
    message: "error.business",
    businessCode: "PPCUST_002",
  });
  assert.deepEqual(sim.state.appliedUpdates, {});
});

// ---- state: updates change exactly the sent fields ----

test("updates change exactly the sent fields (read endpoint before/after), success bodies as in the seeds", T, async () => {
  await reset();
  // Gathr: seed 003's before/after example, verbatim
  const g0 = await record("gathr", GATHR_ID);
  const g = await call("PATCH", `/gathr/customers/${GATHR_ID}`, { headers: gathrHeaders(), body: { email: "chris2@gathr.com", first_name: "Chris" } });
  assert.equal(g.status, 200);
  const g1 = await record("gathr", GATHR_ID);
  assert.deepEqual(g1, { ...g0, email: "chris2@gathr.com", first_name: "Chris", initials: "CJW" });
  assert.equal(g1.full_name, "John Jovonovich Wick", "as in the seed's After");
  assert.deepEqual(g.json, { data: g1 });

  // Juspay: one field (plus the server's last_updated)
  const j0 = await record("juspay", JUSPAY_ID);
  const j = await call("POST", `/juspay/customers/${JUSPAY_ID}`, { headers: juspayHeaders(), body: "last_name=Davids" });
  const j1 = await record("juspay", JUSPAY_ID);
  assert.deepEqual({ ...j1, last_updated: j0.last_updated }, { ...j0, last_name: "Davids" });
  assert.equal(j.json.object, "customer");
  assert.equal(j.json.id, JUSPAY_ID);
  // …and by object_reference_id
  const jr = await call("POST", `/juspay/customers/${j0.object_reference_id}`, { headers: juspayHeaders(), body: "first_name=Tim" });
  assert.equal(jr.status, 200);
  assert.equal((await record("juspay", JUSPAY_ID)).first_name, "Tim");

  // Access Bank: phone only
  const a0 = await record("accessbank", AB_ACCOUNT);
  const abt = await abToken();
  await call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", { headers: abHeaders(abt), body: { requestId: "R3", accountNo: AB_ACCOUNT, phoneNumber: "+2348099999999" } });
  assert.deepEqual(await record("accessbank", AB_ACCOUNT), { ...a0, phoneNumber: "+2348099999999" });
  assert.equal((await record("accessbank", "1934639270")).accountNo, "1934639270", "the second seeded account");

  // BVNK: name only; then an address with addressLine2 absent keeps the old addressLine2
  const b0 = await record("bvnk", BVNK_REF);
  const b = await bvnkPut(`/platform/v1/customers/${BVNK_REF}`, { name: "Acme Ltd" });
  assert.equal(b.status, 200);
  const b1 = await record("bvnk", BVNK_REF);
  assert.deepEqual(b1, { ...b0, company: { ...b0.company, name: "Acme Ltd" } });
  assert.deepEqual(b.json, b1, "the full customer object");
  const addr = { addressLine1: "1 New St", city: "Austin", postalCode: "73301", countryCode: "US" };
  await bvnkPut(`/platform/v1/customers/${BVNK_REF}`, { address: addr });
  assert.deepEqual((await record("bvnk", BVNK_REF)).company.address, { ...b0.company.address, ...addr });

  // M2P: one nested field
  const m0 = await record("m2p", M2P_ID);
  const token = await m2pToken();
  const m = await call("POST", "/m2p/prepaid/customer/v1/customers/update", { headers: m2pHeaders(token), body: { entityId: M2P_ID, communication: { email: "t@example.com" } } });
  assert.equal(m.status, 200);
  const m1 = await record("m2p", M2P_ID);
  assert.deepEqual(m1, { ...m0, communication: { ...m0.communication, email: "t@example.com" } });
  assert.deepEqual(m.json, {
    result: { entityId: M2P_ID, firstName: "Tim", lastName: "David", dob: "10/10/1999", gender: "Male", communication: m1.communication },
    pagination: null,
  });

  assert.deepEqual(sim.state.appliedUpdates, {
    "gathr.updateCustomer": 1,
    "juspay.updateCustomer": 2,
    "accessbank.updateCustomerDetails": 1,
    "bvnk.updateCustomer": 2,
    "m2p.updateCustomer": 1,
  });

  // reset restores the seeds
  await reset();
  assert.deepEqual(await record("gathr", GATHR_ID), g0);
  const missing = await call("GET", "/_sim/customers/gathr/nope");
  assert.equal(missing.status, 404);
});

test("BVNK associates: the list is replaced; person references kept by position", T, async () => {
  await reset();
  const ex = example("bvnk.updateCustomerAssociates");
  const second = structuredClone(ex.associates[0]);
  second.person.firstName = "Second";
  const r = await bvnkPut(`/platform/v1/customers/${BVNK_REF}/associates`, { associates: [ex.associates[0], second] });
  assert.equal(r.status, 200, r.text);
  const list = (await record("bvnk", BVNK_REF)).company.associates;
  assert.equal(list.length, 2);
  assert.equal(list[0].person.reference, "911685b0-acaa-418d-bd91-ed80b96c62cf");
  assert.equal(list[0].person.firstName, "Updated First Name");
  assert.equal(list[0].title, "Updated Title");
  assert.match(list[1].person.reference, /^[0-9a-f-]{36}$/);
  assert.notEqual(list[1].person.reference, list[0].person.reference);
  assert.deepEqual(list[0].verification, { url: "https://verify.com/2", status: "infoRequired" });
  const one = await bvnkPut(`/platform/v1/customers/${BVNK_REF}/associates`, { associates: [second] });
  assert.equal(one.json.company.associates.length, 1);
});

// ---- M2P rules ----

test("M2P: status transitions (same state, out of CLOSED/EXPIRED → 409 PPCUST_032)", T, async () => {
  await reset();
  const token = await m2pToken();
  const setStatus = (status) => call("POST", "/m2p/prepaid/customer/v1/customers/update/status", { headers: m2pHeaders(token), body: { entityId: M2P_ID, status } });
  const same = await setStatus("ACTIVE");
  assert.equal(same.status, 409);
  assert.deepEqual(same.json, {
    type: "https://www.m2pfintech.com/problem/problem-with-message",
    title: "Invalid Status Transition from : ACTIVE to ACTIVE",
    status: 409,
    detail: "Invalid Status Transition from : ACTIVE to ACTIVE",
    message: "error.business",
    businessCode: "PPCUST_032",
  });
  const lock = await setStatus("LOCKED");
  assert.equal(lock.status, 200);
  assert.deepEqual(lock.json, { result: { entityId: M2P_ID, status: "LOCKED" }, pagination: null });
  assert.equal((await setStatus("ACTIVE")).status, 200);
  assert.equal((await setStatus("CLOSED")).status, 200);
  const out = await setStatus("ACTIVE");
  assert.equal(out.status, 409);
  assert.equal(out.json.title, "Invalid Status Transition from : CLOSED to ACTIVE");
  assert.equal((await record("m2p", M2P_ID)).status, "CLOSED");
  // a client-side currentStatus is ignored by the server (it uses its stored status)
  const withCurrent = await call("POST", "/m2p/prepaid/customer/v1/customers/update/status", {
    headers: m2pHeaders(token),
    body: { entityId: M2P_ID, status: "ACTIVE", currentStatus: "LOCKED" },
  });
  assert.equal(withCurrent.status, 409);
  assert.equal(sim.state.appliedUpdates["m2p.updateCustomerStatus"], 3);
});

test("M2P: nominee shares must total 100 (409 PPCUST_010); nominees are stored", T, async () => {
  await reset();
  const token = await m2pToken();
  const nominee = (name, percentShare) => ({ name, relationship: "Son", dob: "1990-01-01", percentShare, minor: false });
  const path = `/m2p/prepaid/customer/v1/customers/support/nominee/${M2P_ID}`;
  const bad = await call("POST", path, { headers: m2pHeaders(token), body: { nominees: [nominee("A", 60), nominee("B", 30)] } });
  assert.equal(bad.status, 409);
  assert.equal(bad.json.businessCode, "PPCUST_010");
  assert.equal(bad.json.title, "Invalid request");
  assert.equal(bad.json.message, "error.business");
  assert.deepEqual((await record("m2p", M2P_ID)).nominees, []);
  const good = await call("POST", path, { headers: m2pHeaders(token), body: { nominees: [nominee("A", 60), nominee("B", 40)] } });
  assert.equal(good.status, 200);
  assert.deepEqual(good.json, { result: {}, pagination: { list: true, pageSize: 0, pageNo: 0, totalPages: 0, totalElements: 0 } });
  assert.deepEqual((await record("m2p", M2P_ID)).nominees, [nominee("A", 60), nominee("B", 40)]);
});

test("issue 13 item 5: M2P nominee age that contradicts dob → 409 PPCUST_010; Gathr customer_id that is not a UUID → 422", T, async () => {
  await reset();
  const token = await m2pToken();
  const path = `/m2p/prepaid/customer/v1/customers/support/nominee/${M2P_ID}`;
  const nominee = (age) => ({ name: "A", relationship: "Son", dob: "1990-01-01", age, percentShare: 100, minor: false });
  const bad = await call("POST", path, { headers: m2pHeaders(token), body: { nominees: [nominee(5)] } });
  assert.equal(bad.status, 409);
  assert.equal(bad.json.businessCode, "PPCUST_010");
  assert.match(bad.json.detail, /age is 5, but dob makes this person \d+ today/);
  assert.deepEqual((await record("m2p", M2P_ID)).nominees, []);
  const born = new Date(Date.UTC(1990, 0, 1));
  const now = new Date();
  const age = now.getUTCFullYear() - 1990 - (now < new Date(Date.UTC(now.getUTCFullYear(), born.getUTCMonth(), born.getUTCDate())) ? 1 : 0);
  const good = await call("POST", path, { headers: m2pHeaders(token), body: { nominees: [nominee(age)] } });
  assert.equal(good.status, 200);
  assert.deepEqual((await record("m2p", M2P_ID)).nominees, [nominee(age)]);
  const g = await call("PATCH", "/gathr/customers/c-1", { headers: gathrHeaders(), body: { first_name: "X" } });
  assert.equal(g.status, 422);
  assert.deepEqual(Object.keys(g.json.errors), ["customer_id"]);
});

test("M2P: a repeated X-Request-ID replays the stored answer without applying twice", T, async () => {
  await reset();
  const token = await m2pToken();
  const id = randomUUID();
  const body = { entityId: M2P_ID, status: "LOCKED" };
  const send = (b = body) => call("POST", "/m2p/prepaid/customer/v1/customers/update/status", { headers: m2pHeaders(token, { "X-Request-ID": id }), body: b });
  const first = await send();
  assert.equal(first.status, 200);
  assert.equal(first.headers.get("x-request-id"), id);
  // Applying LOCKED again would be a 409 (same state): the replay proves it was not re-applied.
  const second = await send();
  assert.equal(second.status, 200);
  assert.equal(second.text, first.text);
  assert.equal(second.headers.get("x-idempotent-replayed"), "true");
  assert.equal(sim.state.appliedUpdates["m2p.updateCustomerStatus"], 1);
  assert.equal(sim.state.idempotentReplays, 1);
  // same key, different body
  const other = await send({ entityId: M2P_ID, status: "BLOCKED" });
  assert.equal(other.status, 409);
  assert.equal((await record("m2p", M2P_ID)).status, "LOCKED");
  // without a key, the same request is applied again (and is a same-state 409)
  const fresh = await call("POST", "/m2p/prepaid/customer/v1/customers/update/status", { headers: m2pHeaders(token), body });
  assert.equal(fresh.status, 409);
  const state = await call("GET", "/_sim/state");
  assert.equal(state.json.idempotentReplays, 1);
});

// ---- faults ----

const gathrPatch = (fault, { timeoutMs = 5000, body = { first_name: "Chris" } } = {}) =>
  call("PATCH", `/gathr/customers/${GATHR_ID}`, { headers: { ...gathrHeaders(), ...(fault ? { "x-sim-fault": fault } : {}) }, body, timeoutMs });

test("faults: latency, 500, 503, 429 with Retry-After, html (502 text/html), malformed-json", T, async () => {
  await reset();
  let t = Date.now();
  const slow = await gathrPatch("latency:300");
  assert.equal(slow.status, 200);
  assert.ok(Date.now() - t >= 290, "latency applied");

  const e500 = await gathrPatch("500");
  assert.equal(e500.status, 500);
  assert.match(e500.headers.get("content-type"), /json/);
  assert.deepEqual(e500.json, { message: "Server Error" });

  const token = await m2pToken();
  const m503 = await call("POST", "/m2p/prepaid/customer/v1/customers/update", { headers: m2pHeaders(token, { "x-sim-fault": "503" }), body: { entityId: M2P_ID, firstName: "Q" } });
  assert.equal(m503.status, 503);
  assert.match(m503.headers.get("content-type"), /problem\+json/);
  assert.equal(m503.json.message, "error.http.503");
  assert.ok(!m503.text.includes("<"), "no HTML");
  assert.equal((await record("m2p", M2P_ID)).firstName, "Tim", "a faulted request is not applied");

  const r429 = await gathrPatch("429:7");
  assert.equal(r429.status, 429);
  assert.equal(r429.headers.get("retry-after"), "7");
  assert.deepEqual(r429.json, { message: "Too Many Attempts." });

  const html = await gathrPatch("html");
  assert.equal(html.status, 502);
  assert.match(html.headers.get("content-type"), /^text\/html/);
  assert.match(html.text, /<html>.*502 Bad Gateway/s);

  const broken = await gathrPatch("malformed-json");
  assert.equal(broken.status, 200);
  assert.match(broken.headers.get("content-type"), /json/);
  assert.throws(() => JSON.parse(broken.text));

  const unknown = await gathrPatch("explode");
  assert.equal(unknown.status, 400);
  assert.match(unknown.json.error, /unknown fault/);
});

test("faults: reset (fetch throws), oversized (2 MiB), slow-drip (body over time), timeout (no answer)", T, async () => {
  await reset();
  await assert.rejects(gathrPatch("reset"), (e) => e instanceof TypeError);

  const big = await gathrPatch("oversized");
  assert.equal(big.status, 200);
  assert.equal(Buffer.byteLength(big.text), 2 * 1024 * 1024);
  assert.equal(big.json.simulator, "oversized");

  const started = Date.now();
  const res = await fetch(`${sim.url}/gathr/customers/${GATHR_ID}`, {
    method: "PATCH",
    headers: { ...gathrHeaders(), "x-sim-fault": "slow-drip:800" },
    body: JSON.stringify({ first_name: "Drip" }),
    signal: AbortSignal.timeout(5000),
  });
  const headersAt = Date.now() - started;
  assert.equal(res.status, 200);
  let chunks = 0;
  let text = "";
  const decoder = new TextDecoder();
  for await (const c of res.body) {
    chunks += 1;
    text += decoder.decode(c, { stream: true });
  }
  const doneAt = Date.now() - started;
  assert.ok(headersAt < 400, `headers came first (${headersAt} ms)`);
  assert.ok(doneAt >= 700, `the body took ${doneAt} ms`);
  assert.ok(chunks >= 5, `${chunks} chunks`);
  assert.equal(JSON.parse(text).data.first_name, "Drip", "slow-drip sends the real answer");

  const t0 = Date.now();
  await assert.rejects(gathrPatch("timeout", { timeoutMs: 300 }), (e) => e.name === "TimeoutError" || e.name === "AbortError");
  assert.ok(Date.now() - t0 < 2000);
  await new Promise((r) => setTimeout(r, 50));
  const entry = sim.state.logEntries.findLast((e) => e.fault === "timeout");
  assert.equal(entry.status, "none");
  assert.ok(sim.state.logEntries.some((e) => e.fault === "reset" && e.status === "reset"));
});

test("faults: the /_sim/faults queue targets a provider and op, one request per use", T, async () => {
  await reset();
  const token = await m2pToken();
  const q = await call("POST", "/_sim/faults", { body: { provider: "m2p", op: "m2p.updateCustomer", fault: "503", times: 2 } });
  assert.equal(q.status, 200);
  assert.equal(q.json.queued.length, 1);
  const update = () => call("POST", "/m2p/prepaid/customer/v1/customers/update", { headers: m2pHeaders(token), body: { entityId: M2P_ID, lastName: "Q" } });
  // another op and another provider are not affected
  assert.equal((await call("POST", "/m2p/prepaid/customer/v1/customers/update/status", { headers: m2pHeaders(token), body: { entityId: M2P_ID, status: "LOCKED" } })).status, 200);
  assert.equal((await gathrPatch()).status, 200);
  assert.equal((await update()).status, 503);
  assert.equal((await update()).status, 503);
  assert.equal((await update()).status, 200);
  assert.deepEqual((await call("GET", "/_sim/faults")).json.queued, []);

  // a queued fault for any op of a provider, and validation of entries
  await call("POST", "/_sim/faults", { body: [{ provider: "gathr", fault: "429:3" }] });
  const limited = await gathrPatch();
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "3");
  const invalid = await call("POST", "/_sim/faults", { body: { provider: "nope", fault: "503" } });
  assert.equal(invalid.status, 400);
  const invalid2 = await call("POST", "/_sim/faults", { body: { provider: "m2p", fault: "boom" } });
  assert.equal(invalid2.status, 400);
});

test("faults: reset-after applies, loses the answer; the M2P retry with the same X-Request-ID replays", T, async () => {
  await reset();
  const token = await m2pToken();
  const headers = m2pHeaders(token);
  const body = { entityId: M2P_ID, firstName: "Once" };
  await assert.rejects(call("POST", "/m2p/prepaid/customer/v1/customers/update", { headers: { ...headers, "x-sim-fault": "reset-after" }, body }));
  assert.equal((await record("m2p", M2P_ID)).firstName, "Once");
  const retry = await call("POST", "/m2p/prepaid/customer/v1/customers/update", { headers, body });
  assert.equal(retry.status, 200);
  assert.equal(retry.headers.get("x-idempotent-replayed"), "true");
  assert.equal(sim.state.appliedUpdates["m2p.updateCustomer"], 1);
});

// ---- CORS ----

test("CORS: preflights are answered; every answer allows any origin", T, async () => {
  const pre = await fetch(`${sim.url}/m2p/prepaid/customer/v1/customers/update`, {
    method: "OPTIONS",
    headers: { Origin: "http://localhost:8080", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type,x-tenant-id,x-request-id" },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), "*");
  assert.match(pre.headers.get("access-control-allow-methods"), /POST/);
  assert.match(pre.headers.get("access-control-allow-methods"), /PATCH/);
  assert.match(pre.headers.get("access-control-allow-headers"), /authorization/i);
  assert.match(pre.headers.get("access-control-allow-headers"), /x-tenant-id/i);
  const plain = await fetch(`${sim.url}/m2p/prepaid/customer/v1/customers/support/nominee/x`, { method: "OPTIONS" });
  assert.match(plain.headers.get("access-control-allow-headers"), /Ocp-Apim-Subscription-Key/);
  const err = await gathrPatch("503");
  assert.equal(err.headers.get("access-control-allow-origin"), "*");
  assert.match(err.headers.get("access-control-expose-headers"), /Retry-After/);
});

// ---- the package's client, end to end ----

test("createClient for each provider succeeds against the simulator for every operation (example inputs)", T, async () => {
  await reset();
  const clients = {};
  for (const p of Object.keys(BASES)) {
    clients[p] = createClient(p, { ...creds[p], baseUrl: `${sim.url}${BASES[p]}`, timeoutMs: 3000, retries: 0 });
  }
  for (const op of operations()) {
    const [p, name] = op.split(".");
    const r = await clients[p][name](example(op));
    assert.equal(r.ok, true, `${op}: ${JSON.stringify(r.error)}`);
    assert.equal(r.status, 200);
  }
  assert.deepEqual(sim.state.tokenRequests, { accessbank: 1, m2p: 1 }, "one token per client, cached");
  assert.equal(Object.values(sim.state.appliedUpdates).reduce((a, b) => a + b, 0), 9);
  assert.equal((await record("m2p", M2P_ID)).status, "CREDIT_FREEZE");
  assert.equal((await record("bvnk", BVNK_REF)).status, "VERIFIED");
  assert.equal((await record("gathr", GATHR_ID)).initials, "CJW");
  // the client reads the simulator's errors as typed provider errors
  const nf = await clients.m2p.updateCustomer({ entityId: "999", firstName: "X" });
  assert.equal(nf.ok, false);
  assert.equal(nf.error.providerCode, "PPCUST_002");
  const tr = await clients.m2p.updateCustomerStatus({ entityId: M2P_ID, status: "CREDIT_FREEZE" });
  assert.equal(tr.error.providerCode, "PPCUST_032");
  assert.deepEqual(tr.error.issues.map((i) => [i.path, i.code]), [[["status"], "invalid_transition"]]);
  const ab = await clients.accessbank.updateCustomerDetails({ accountNo: "0000000000", email: "a@example.com" });
  assert.equal(ab.error.kind, "provider");
  assert.equal(ab.error.providerCode, "31");
  const wrong = createClient("juspay", { ...creds.juspay, apiKey: "wrong", baseUrl: `${sim.url}/juspay`, retries: 0 });
  const denied = await wrong.updateCustomer(example("juspay.updateCustomer"));
  assert.equal(denied.error.kind, "auth");
  assert.equal(denied.error.providerCode, "UNAUTHORIZED");
});

test("createClient: retries a queued 503 with the same X-Request-ID; renews an expired Access Bank token once", T, async () => {
  const short = await startSimulator({ port: 0, accessbankTokenTtl: 0.3 });
  try {
    const m2p = createClient("m2p", { ...creds.m2p, baseUrl: `${short.url}${BASES.m2p}`, timeoutMs: 3000, retries: 2 });
    await call("POST", "/_sim/faults", { base: short.url, body: { provider: "m2p", op: "m2p.updateCustomer", fault: "503" } });
    const r = await m2p.updateCustomer({ entityId: M2P_ID, firstName: "Retried" });
    assert.equal(r.ok, true, JSON.stringify(r.error));
    assert.equal(short.state.appliedUpdates["m2p.updateCustomer"], 1);
    const attempts = short.state.logEntries.filter((e) => e.op === "m2p.updateCustomer");
    assert.deepEqual(attempts.map((e) => e.status), [503, 200]);
    assert.equal(attempts[0].headers["x-request-id"], attempts[1].headers["x-request-id"]);

    const ab = createClient("accessbank", { ...creds.accessbank, baseUrl: `${short.url}${BASES.accessbank}`, timeoutMs: 3000, retries: 0 });
    assert.equal((await ab.updateCustomerDetails({ accountNo: AB_ACCOUNT, email: "one@example.com" })).ok, true);
    await new Promise((res) => setTimeout(res, 400)); // server-side expiry (0.3 s) before the client's refresh point
    const again = await ab.updateCustomerDetails({ accountNo: AB_ACCOUNT, email: "two@example.com" });
    assert.equal(again.ok, true, JSON.stringify(again.error));
    assert.equal(short.state.tokenRequests.accessbank, 2);
    assert.equal((await record("accessbank", AB_ACCOUNT, short.url)).email, "two@example.com");
  } finally {
    await short.close();
  }
});

// ---- the log ----

test("the log has one line per request and masks every secret (memory, /_sim/log and stdout)", T, async () => {
  await reset();
  stdout.length = 0;
  // every provider through the client (tokens, Hawk, Basic, Bearer), plus direct calls with secrets
  for (const p of Object.keys(BASES)) {
    const c = createClient(p, { ...creds[p], baseUrl: `${sim.url}${BASES[p]}`, retries: 0, timeoutMs: 3000 });
    for (const op of operations().filter((o) => o.startsWith(`${p}.`))) await c[op.split(".")[1]](example(op));
  }
  const abt = await abToken();
  const mt = await m2pToken();
  await call("POST", "/accessbank/waas/Onboarding/updateCustomerDetails", { headers: abHeaders(abt), body: { requestId: "L1", accountNo: AB_ACCOUNT, email: "l@example.com" } });
  await call("POST", "/m2p/prepaid/customer/v1/customers/update", { headers: m2pHeaders(mt), body: { entityId: M2P_ID, firstName: "L" } });
  await bvnkPut(`/platform/v1/customers/${BVNK_REF}/status`, { status: "PENDING" });
  await call("POST", `/juspay/customers/${JUSPAY_ID}`, { headers: juspayHeaders(), body: "first_name=Tim" });
  // secrets in the wrong places: a query string, a body, a wrong-credential attempt
  await call("PATCH", `/gathr/customers/${GATHR_ID}?token=${creds.gathr.token}&apiKey=${creds.juspay.apiKey}`, { headers: gathrHeaders(), body: { first_name: "Q" } });
  await call("PATCH", `/gathr/customers/${GATHR_ID}`, { headers: gathrHeaders(), body: { first_name: "Q", clientSecret: creds.m2p.clientSecret, note: creds.accessbank.authorizationKey } });
  await call("POST", "/accessbank/waas/Client/authenticate", {
    headers: { ...JSON_CT, Authorization: `Bearer ${creds.accessbank.authorizationKey}`, "Ocp-Apim-Subscription-Key": creds.accessbank.subscriptionKey },
    body: { merchantId: creds.accessbank.merchantId },
  });

  const log = await call("GET", "/_sim/log");
  const n = sim.state.log.length;
  assert.ok(n >= 20, `${n} lines`);
  assert.equal(log.json.lines.length, n);
  assert.equal(log.json.entries.length, n);
  assert.deepEqual(stdout.filter((l) => !/ \/_sim\//.test(l)), sim.state.log, "stdout got the same lines");
  for (const line of log.json.lines) {
    assert.match(line, /^\S+ (GET|POST|PUT|PATCH|OPTIONS) \S+ provider=\S+ op=\S+ status=\S+ fault=\S+ \d+ms /);
  }
  assert.ok(log.json.lines.some((l) => l.includes("op=m2p.token") && l.includes('"clientSecret":"***"')));
  assert.ok(log.json.lines.some((l) => l.includes('mac=\\"***\\"')));
  assert.ok(log.json.lines.some((l) => l.includes("Basic ***")));

  const secrets = [
    creds.accessbank.authorizationKey,
    creds.accessbank.subscriptionKey,
    creds.juspay.apiKey,
    Buffer.from(`${creds.juspay.apiKey}:`).toString("base64"),
    creds.bvnk.hawkKey,
    creds.gathr.token,
    creds.m2p.clientSecret,
    ...issuedTokens,
    ...hawkMacs,
  ];
  assert.ok(issuedTokens.size >= 4 && hawkMacs.size >= 1);
  const everything = [log.text, stdout.join("\n"), JSON.stringify(sim.state.logEntries), sim.state.log.join("\n")].join("\n");
  for (const s of secrets) {
    assert.ok(!everything.includes(s), `a secret (${s.slice(0, 6)}…) reached the log`);
    // JSON-escaped forms too (a "/" or "+" in base64 stays as is in JSON, but be thorough)
    assert.ok(!everything.includes(JSON.stringify(s).slice(1, -1)));
  }
});
