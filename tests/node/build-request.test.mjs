// buildRequest: method, URL, headers and body byte for byte, for every operation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildRequest } from "customer-update";
import { examples } from "./cases.mjs";

const b64 = (s) => Buffer.from(s).toString("base64");

test("accessbank.updateCustomerDetails: JSON body, bearer + subscription key", () => {
  const r = buildRequest("accessbank.updateCustomerDetails", examples["accessbank.updateCustomerDetails"], {
    baseUrl: "http://127.0.0.1:9/", accessToken: "tok-1", subscriptionKey: "sub-1",
  });
  assert.deepEqual(r, {
    ok: true, method: "POST", url: "http://127.0.0.1:9/waas/Onboarding/updateCustomerDetails",
    headers: { "Content-Type": "application/json", Authorization: "Bearer tok-1", "Ocp-Apim-Subscription-Key": "sub-1" },
    body: '{"requestId":"REQ-2025-002-67890","accountNo":"0702334455","email":"jane.doe@example.com","phoneNumber":"+2348012345678"}',
  });
});

test("accessbank: a missing requestId is generated (UUID v4) and reported", () => {
  const r = buildRequest("accessbank.updateCustomerDetails", { accountNo: "0702334455", email: "a@b.co" }, {});
  assert.equal(r.ok, true);
  assert.match(r.generated.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(r.body, `{"requestId":"${r.generated.requestId}","accountNo":"0702334455","email":"a@b.co"}`);
  assert.equal(r.url, "https://api-sandbox.accessbankplc.com/waas/Onboarding/updateCustomerDetails");
  // proxy mode: no credentials, no auth headers
  assert.deepEqual(r.headers, { "Content-Type": "application/json" });
});

test("juspay.updateCustomer: form body by default, Basic auth, merchant and routing ids", () => {
  const r = buildRequest("juspay.updateCustomer", { ...examples["juspay.updateCustomer"], customer_id: "cst/1 2", first_name: "Mary Ann" }, {
    apiKey: "key_123", merchantId: "m_1",
  });
  assert.deepEqual(r, {
    ok: true, method: "POST", url: "https://sandbox.juspay.in/customers/cst%2F1%202",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${b64("key_123:")}`, "x-merchantid": "m_1", "x-routing-id": "cst/1 2" },
    body: "email_address=tim.david%40example.com&first_name=Mary+Ann&last_name=David&mobile_number=9876543210&mobile_country_code=91",
  });
});

test("juspay.updateCustomer: contentType json switches the body", () => {
  const r = buildRequest("juspay.updateCustomer", { customer_id: "c1", first_name: "Tim" }, { contentType: "json", apiKey: "k", merchantId: "m" });
  assert.equal(r.headers["Content-Type"], "application/json");
  assert.equal(r.body, '{"first_name":"Tim"}');
});

test("bvnk.updateCustomer / Status / Associates: PUT, path encoded, body without the path parameter", () => {
  const base = { baseUrl: "https://api.sandbox.bvnk.com" };
  const r1 = buildRequest("bvnk.updateCustomer", examples["bvnk.updateCustomer"], base);
  assert.equal(r1.method, "PUT");
  assert.equal(r1.url, "https://api.sandbox.bvnk.com/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06");
  assert.equal(r1.body, '{"name":"Updated Company Name","description":"Updated description","address":{"addressLine1":"Updated Address Line 1","addressLine2":"Updated Address Line 2","city":"Updated City","postalCode":"Updated Postal Code","countryCode":"US","country":"United States"}}');
  const r2 = buildRequest("bvnk.updateCustomerStatus", examples["bvnk.updateCustomerStatus"], base);
  assert.equal(r2.url, "https://api.sandbox.bvnk.com/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06/status");
  assert.equal(r2.body, '{"status":"VERIFIED"}');
  const r3 = buildRequest("bvnk.updateCustomerAssociates", examples["bvnk.updateCustomerAssociates"], base);
  assert.equal(r3.url, "https://api.sandbox.bvnk.com/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06/associates");
  const { customerReference, ...body } = examples["bvnk.updateCustomerAssociates"];
  assert.equal(r3.body, JSON.stringify(body));
});

test("gathr.updateCustomer: PATCH with bearer token", () => {
  const r = buildRequest("gathr.updateCustomer", examples["gathr.updateCustomer"], { baseUrl: "https://uat.apply.fincheck.co.za/tenant-7", token: "gt" });
  assert.deepEqual(r, {
    ok: true, method: "PATCH", url: "https://uat.apply.fincheck.co.za/tenant-7/customers/16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
    headers: { "Content-Type": "application/json", Authorization: "Bearer gt" },
    body: '{"email":"chris2@gathr.com","first_name":"Chris"}',
  });
});

test("m2p: tenant, bearer and X-Request-ID (reused when given)", () => {
  const cfg = { tenantId: "ACME_CORP", accessToken: "jwt", requestId: "11111111-1111-4111-8111-111111111111" };
  const r1 = buildRequest("m2p.updateCustomer", examples["m2p.updateCustomer"], cfg);
  assert.deepEqual(r1.headers, { "Content-Type": "application/json", Authorization: "Bearer jwt", "X-TENANT-ID": "ACME_CORP", "X-Request-ID": cfg.requestId });
  assert.equal(r1.url, "https://sandbox-api.m2pprepaid.com/prepaid/customer/v1/customers/update");
  // keys in spec order (src/spec/m2p.toml), not in the order the caller wrote them
  assert.equal(r1.body, '{"entityId":"615928984620006085281025","firstName":"Tim","lastName":"David","gender":"Male","dob":"10/10/1999","pan":"AJXPC9886A","permanentAddress":{"address1":"123 Main Street","address2":"Apt 4B","pin":"600100","city":"Chennai","state":"Tamil Nadu","country":"India"},"communication":{"mobile":{"value":"9876543210","countryCode":91},"email":"tim.david@example.com"},"cbsAccountNumber":"87001810807","cif":"87001810807","customerId":"87001810807"}');
  assert.equal(r1.requestId, cfg.requestId);
  const r2 = buildRequest("m2p.updateCustomerStatus", { entityId: "E1", status: "LOCKED", currentStatus: "ACTIVE" }, cfg);
  assert.equal(r2.body, '{"entityId":"E1","status":"LOCKED"}', "currentStatus is never sent");
  const r3 = buildRequest("m2p.updateNomineeDetails", examples["m2p.updateNomineeDetails"], cfg);
  assert.equal(r3.url, "https://sandbox-api.m2pprepaid.com/prepaid/customer/v1/customers/support/nominee/615928984620006085281025");
  assert.equal(r3.body, JSON.stringify({ nominees: examples["m2p.updateNomineeDetails"].nominees }));
  const fresh = buildRequest("m2p.updateCustomerStatus", { entityId: "E1", status: "LOCKED" }, { tenantId: "T" });
  assert.match(fresh.headers["X-Request-ID"], /^[0-9a-f-]{36}$/);
  assert.equal(fresh.headers.Authorization, undefined);
});

test("invalid input: { ok: false, issues }, nothing built", () => {
  const r = buildRequest("m2p.updateNomineeDetails", { entityId: "E1", nominees: [] }, {});
  assert.deepEqual(r.ok, false);
  assert.deepEqual(r.issues.map((i) => [i.path, i.code]), [[["nominees"], "too_few_items"]]);
});

// ---- Hawk (BVNK): buildRequest signs with hawkId/hawkKey, the same path as the client; `now`
// (Unix ms) and `nonce` make the header deterministic. Verified by @hapi/hawk, an independent
// implementation of the Hawk scheme.
import Hawk from "@hapi/hawk";

const HAWK = { hawkId: "dh37fgj492je", hawkKey: "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn" };

async function hapiVerifies(r, now, key = HAWK.hawkKey) {
  const u = new URL(r.url);
  const req = {
    method: r.method, url: u.pathname + u.search, host: u.hostname,
    port: Number(u.port || (u.protocol === "https:" ? 443 : 80)), authorization: r.headers.Authorization,
  };
  const credentials = async (id) => ({ id, key, algorithm: "sha256" });
  return Hawk.server.authenticate(req, credentials, { localtimeOffsetMsec: now - Date.now() });
}

for (const op of ["bvnk.updateCustomer", "bvnk.updateCustomerStatus", "bvnk.updateCustomerAssociates"]) {
  test(`${op}: Authorization: Hawk from hawkId/hawkKey, verified by @hapi/hawk`, async () => {
    const now = 1_700_000_000_123;
    const r = buildRequest(op, examples[op], { ...HAWK, now, nonce: "j4h3g2" });
    assert.equal(r.ok, true, JSON.stringify(r.issues));
    assert.match(r.headers.Authorization, /^Hawk id="dh37fgj492je", ts="1700000000", nonce="j4h3g2", mac="[A-Za-z0-9+/]{43}="$/);
    const { credentials, artifacts } = await hapiVerifies(r, now);
    assert.equal(credentials.id, "dh37fgj492je");
    assert.equal(artifacts.ts, "1700000000");
    assert.equal(artifacts.nonce, "j4h3g2");
    // Deterministic with `now` and `nonce`; a wrong key does not verify.
    assert.deepEqual(buildRequest(op, examples[op], { ...HAWK, now, nonce: "j4h3g2" }), r);
    await assert.rejects(hapiVerifies(r, now, "another-key"), /Bad mac/);
    // Through a proxy base URL (host and port are signed), with a fresh nonce and the clock.
    const p = buildRequest(op, examples[op], { ...HAWK, baseUrl: "http://127.0.0.1:8787/bvnk" });
    assert.notEqual(p.headers.Authorization.match(/nonce="([^"]+)"/)[1], "j4h3g2");
    await hapiVerifies(p, Date.now());
  });
}

test("bvnk: no Hawk credentials, no Authorization (proxy mode); bad now and nonce options are issues", () => {
  const op = "bvnk.updateCustomerStatus";
  assert.equal(buildRequest(op, examples[op], {}).headers.Authorization, undefined);
  assert.equal(buildRequest(op, examples[op], { hawkId: "only-the-id" }).headers.Authorization, undefined);
  const bad = buildRequest(op, examples[op], { ...HAWK, now: -1, nonce: 'a"b' });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.issues.map((i) => [i.path, i.code]), [[["config", "now"], "invalid_type"], [["config", "nonce"], "invalid_format"]]);
  assert.ok(!JSON.stringify(bad).includes(HAWK.hawkKey));
});
