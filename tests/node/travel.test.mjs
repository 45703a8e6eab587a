// Issue 13, the request and client side of items 2, 3 and 5, each finding as its attack:
// - values that cannot travel (a line break in a credential, an id or a field that becomes a
//   header; a 60 KB X-Request-ID; baseUrl "javascript:alert(1)"; a config with a throwing getter
//   or a BigInt) are refused by buildRequest (issues at ["config", key] / the field's path) and by
//   createClient (a TypeError naming the option), never built, never an internal TypeError;
// - honest outcomes: a request that was sent and lost its answer (reset, timeout) is
//   `outcome_unknown`, not retryable and not resent, unless repeating it is safe (PUT, or M2P with
//   an idempotency key); Gathr's PATCH is no longer resent; token endpoint failures are `auth` and
//   retried; `Retry-After: 0` still waits the policy's backoff;
// - `environment: "production"` uses the specs' production hosts (Access Bank has none: baseUrl).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { buildRequest, createClient, validate, validateJson, checkJson, schema, describe } from "customer-update";
import { startServer, router, closedPort, HANG, RESET } from "./support/server.mjs";

const T = { timeout: 10_000 };
const servers = new Set();
async function serve(handler) {
  const srv = await startServer(handler);
  servers.add(srv);
  return srv;
}
after(async () => {
  await Promise.all([...servers].map((s) => s.close()));
});

const CRLF = "t\r\nX-Evil: 1";
const JUSPAY_INPUT = { customer_id: "cst_om2l6ctlptxwxuzj", first_name: "Tim" };
const M2P_STATUS = { entityId: "E1", status: "LOCKED" };
const pathsOf = (r) => r.issues.map((i) => [i.path, i.code]);
const noInjectedHeader = (r) => {
  if (r.ok) for (const v of Object.values(r.headers)) assert.doesNotMatch(v, /[\r\n\0]/);
};

// ---- item 2: values that cannot travel ----------------------------------------------------

test("buildRequest: a line break in a credential, the request id or a header field is an issue at its path, never ok", () => {
  const cases = [
    ["m2p.updateCustomerStatus", M2P_STATUS, { accessToken: CRLF, tenantId: "T" }, [[["config", "accessToken"], "invalid_format"]]],
    ["m2p.updateCustomerStatus", M2P_STATUS, { tenantId: CRLF }, [[["config", "tenantId"], "invalid_format"]]],
    ["m2p.updateCustomerStatus", M2P_STATUS, { requestId: CRLF }, [[["config", "requestId"], "invalid_format"]]],
    ["m2p.updateCustomerStatus", M2P_STATUS, { requestId: "r".repeat(60_000) }, [[["config", "requestId"], "too_long"]]],
    ["juspay.updateCustomer", JUSPAY_INPUT, { apiKey: "k", merchantId: CRLF }, [[["config", "merchantId"], "invalid_format"]]],
    ["juspay.updateCustomer", JUSPAY_INPUT, { apiKey: "k\u0000", merchantId: "m" }, [[["config", "apiKey"], "invalid_format"]]],
    ["juspay.updateCustomer", { ...JUSPAY_INPUT, customer_id: "cst_1\r\nX-Evil: 1" }, { apiKey: "k", merchantId: "m" }, [[["customer_id"], "invalid_format"]]],
    ["juspay.updateCustomer", { ...JUSPAY_INPUT, customer_id: "cst_\u00e9" }, {}, [[["customer_id"], "invalid_format"]]],
    ["gathr.updateCustomer", { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", first_name: "Chris" }, { token: "é".repeat(3) }, [[["config", "token"], "invalid_format"]]],
    ["gathr.updateCustomer", { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", first_name: "Chris" }, { token: "x".repeat(4097) }, [[["config", "token"], "too_long"]]],
    ["gathr.updateCustomer", { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", first_name: "Chris" }, { token: 12345 }, [[["config", "token"], "invalid_type"]]],
  ];
  for (const [op, input, config, expected] of cases) {
    const r = buildRequest(op, input, config);
    noInjectedHeader(r);
    assert.equal(r.ok, false, `${op} ${JSON.stringify(config).slice(0, 80)}: ${JSON.stringify(r).slice(0, 300)}`);
    assert.deepEqual(pathsOf(r), expected);
    for (const i of r.issues) assert.ok(!i.message.includes("X-Evil"), `the value is not echoed: ${i.message}`);
  }
});

test("validate itself refuses a header-bound field (Juspay customer_id → x-routing-id) that no header can carry, through every entry point", () => {
  const op = "juspay.updateCustomer";
  for (const bad of ["cst_1\r\nX-Evil: 1", "cst_1\nX", "cst\u0000", "cst\t1", "cst_\u00e9", "cst_\u4e2d", " cst", "cst "]) {
    const input = { ...JUSPAY_INPUT, customer_id: bad };
    const text = JSON.stringify(input);
    const std = schema(op)["~standard"].validate(input);
    for (const [name, r] of [["validate", validate(op, input)], ["validateJson", validateJson(op, text)], ["checkJson", checkJson(op, text)], ["schema", { ok: !std.issues, issues: std.issues }]]) {
      assert.equal(r.ok, false, `${name} ${JSON.stringify(bad)}`);
      assert.deepEqual(pathsOf(r), [[["customer_id"], "invalid_format"]], `${name} ${JSON.stringify(bad)}`);
      assert.equal(r.issues[0].format, "header_text");
      assert.match(r.issues[0].message, /HTTP header/);
    }
  }
  assert.deepEqual(pathsOf(validate(op, { ...JUSPAY_INPUT, customer_id: "c".repeat(129) })), [[["customer_id"], "too_long"]]);
  assert.equal(validate(op, { ...JUSPAY_INPUT, customer_id: "cst/1 2" }).ok, true);
  assert.equal(describe(op).find((f) => f.path.join(".") === "customer_id").format, "header_text");
});

test("buildRequest: baseUrl must be http(s); javascript:, data:, credentials in the URL are refused", () => {
  for (const baseUrl of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "https://user:pw@example.com", "https://example.com/\r\nX: 1", "//evil.example"]) {
    const r = buildRequest("juspay.updateCustomer", JUSPAY_INPUT, { baseUrl });
    assert.equal(r.ok, false, baseUrl);
    assert.deepEqual(pathsOf(r), [[["config", "baseUrl"], "invalid_format"]], baseUrl);
  }
  assert.equal(buildRequest("juspay.updateCustomer", JUSPAY_INPUT, { baseUrl: "http://127.0.0.1:9/x" }).url, "http://127.0.0.1:9/x/customers/cst_om2l6ctlptxwxuzj");
});

test("buildRequest: a config with a throwing getter, a BigInt or a Symbol → an issue naming the key, no exception", () => {
  const getter = Object.defineProperty({ merchantId: "m" }, "apiKey", { enumerable: true, get() { throw new Error("boom"); } });
  const cases = [
    [getter, "apiKey", /getter threw/],
    [{ apiKey: 10n, merchantId: "m" }, "apiKey", /BigInt/],
    [{ apiKey: Symbol("k"), merchantId: "m" }, "apiKey", /Symbol/],
    [{ apiKey: { nested: 1n }, merchantId: "m" }, "apiKey", /object/],
    [{ baseUrl: 1n }, "baseUrl", /BigInt/],
  ];
  for (const [config, key, why] of cases) {
    let r;
    assert.doesNotThrow(() => {
      r = buildRequest("juspay.updateCustomer", JUSPAY_INPUT, config);
    }, key);
    assert.equal(r.ok, false);
    assert.deepEqual(r.issues.map((i) => [i.path, i.code]), [[["config", key], "invalid_type"]]);
    assert.match(r.issues[0].message, new RegExp(`config\\.${key}`));
    assert.match(r.issues[0].message, why);
  }
  // An unknown key is not read at all (its getter never runs).
  const unknown = Object.defineProperty({}, "other", { enumerable: true, get() { throw new Error("boom"); } });
  assert.equal(buildRequest("juspay.updateCustomer", JUSPAY_INPUT, unknown).ok, true);
  // A config that is not an object.
  assert.deepEqual(pathsOf(buildRequest("juspay.updateCustomer", JUSPAY_INPUT, "apiKey")), [[["config"], "invalid_type"]]);
  // The input's issues come with the config's.
  const both = buildRequest("juspay.updateCustomer", { customer_id: "c1", first_name: "Tim", email: "x" }, { apiKey: CRLF });
  assert.deepEqual(both.issues.map((i) => i.path.join(".")), ["config.apiKey", "email"]);
});

test("createClient: a credential or option that cannot travel is a TypeError naming it (never the value)", () => {
  const cases = [
    ["juspay", { apiKey: CRLF, merchantId: "m" }, /config\.apiKey/],
    ["m2p", { tenantId: "T", accessToken: CRLF }, /config\.accessToken/],
    ["gathr", { token: "x".repeat(5000) }, /config\.token is longer than 4096/],
    ["juspay", { baseUrl: "javascript:alert(1)" }, /config\.baseUrl must be an http:\/\/ or https:\/\/ URL/],
    ["juspay", { apiKey: 1n }, /config\.apiKey cannot be read \(it is a BigInt/],
    ["juspay", Object.defineProperty({}, "merchantId", { enumerable: true, get() { throw new Error("boom"); } }), /config\.merchantId cannot be read \(its getter threw\)/],
    ["juspay", { environment: "live" }, /config\.environment must be "sandbox" or "production"/],
    ["juspay", { timeoutMs: 5n }, /config\.timeoutMs must be a non-negative number/],
    ["juspay", Object.defineProperty({}, "fetch", { enumerable: true, get() { throw new Error("boom"); } }), /config\.fetch cannot be read/],
  ];
  for (const [provider, config, message] of cases) {
    assert.throws(() => createClient(provider, config), (e) => {
      assert.ok(e instanceof TypeError, String(e));
      assert.match(e.message, message);
      assert.ok(!e.message.includes("X-Evil") && !e.message.includes("alert"), e.message);
      return true;
    }, String(message));
  }
});

test("client: an idempotencyKey with a line break or over 200 characters → kind validation at options.idempotencyKey, nothing sent", T, async () => {
  const srv = await serve(() => ({ body: {} }));
  const client = createClient("m2p", { baseUrl: `${srv.origin}/prepaid/customer`, tenantId: "T", accessToken: "tok-123456" });
  for (const [key, code] of [[CRLF, "invalid_format"], ["k".repeat(201), "too_long"], [7, "invalid_type"]]) {
    const r = await client.updateCustomerStatus(M2P_STATUS, { idempotencyKey: key });
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, "validation");
    assert.deepEqual(r.error.issues.map((i) => [i.path, i.code]), [[["options", "idempotencyKey"], code]]);
  }
  const getter = Object.defineProperty({}, "idempotencyKey", { enumerable: true, get() { throw new Error("boom"); } });
  const g = await client.updateCustomerStatus(M2P_STATUS, getter);
  assert.equal(g.error.kind, "validation");
  assert.match(g.error.issues[0].message, /getter threw/);
  assert.equal(srv.requests.length, 0);
  const ok = await client.updateCustomerStatus(M2P_STATUS, { idempotencyKey: "k".repeat(200) });
  assert.equal(ok.ok, true, JSON.stringify(ok));
  assert.equal(srv.requests[0].headers["x-request-id"], "k".repeat(200));
});

// ---- item 5: environment ------------------------------------------------------------------

test("environment: production uses the spec's production host; sandbox is the default; baseUrl wins", () => {
  const prod = (op, input, config = {}) => buildRequest(op, input, { environment: "production", ...config });
  assert.equal(prod("juspay.updateCustomer", JUSPAY_INPUT).url, "https://api.juspay.in/customers/cst_om2l6ctlptxwxuzj");
  assert.equal(buildRequest("juspay.updateCustomer", JUSPAY_INPUT, {}).url, "https://sandbox.juspay.in/customers/cst_om2l6ctlptxwxuzj");
  assert.equal(buildRequest("juspay.updateCustomer", JUSPAY_INPUT, { environment: "sandbox" }).url, "https://sandbox.juspay.in/customers/cst_om2l6ctlptxwxuzj");
  assert.equal(prod("m2p.updateCustomerStatus", M2P_STATUS).url, "https://api.m2pprepaid.com/prepaid/customer/v1/customers/update/status");
  assert.equal(prod("bvnk.updateCustomerStatus", { customerReference: "r1", status: "VERIFIED" }).url, "https://api.bvnk.com/platform/v1/customers/r1/status");
  assert.equal(prod("juspay.updateCustomer", JUSPAY_INPUT, { baseUrl: "https://proxy.example/jp" }).url, "https://proxy.example/jp/customers/cst_om2l6ctlptxwxuzj");
  assert.deepEqual(pathsOf(buildRequest("juspay.updateCustomer", JUSPAY_INPUT, { environment: "live" })), [[["config", "environment"], "not_in_enum"]]);
});

test("environment: Access Bank publishes no production host → production without baseUrl names baseUrl", () => {
  const input = { requestId: "REQ-1", accountNo: "0702334455", email: "a@b.co" };
  const r = buildRequest("accessbank.updateCustomerDetails", input, { environment: "production" });
  assert.equal(r.ok, false);
  assert.deepEqual(pathsOf(r), [[["config", "baseUrl"], "required"]]);
  assert.match(r.issues[0].message, /baseUrl/);
  assert.throws(() => createClient("accessbank", { environment: "production", authorizationKey: "a", subscriptionKey: "s", merchantId: "m" }), /config\.baseUrl/);
  const ok = buildRequest("accessbank.updateCustomerDetails", input, { environment: "production", baseUrl: "https://ab.example" });
  assert.equal(ok.url, "https://ab.example/waas/Onboarding/updateCustomerDetails");
});

test("environment: the client sends to the production host (through an injected fetch, nothing leaves the machine)", T, async () => {
  const seen = [];
  const fetch = async (req) => {
    seen.push(req.url);
    return new Response(JSON.stringify({ id: "cst_1", object: "customer" }), { headers: { "content-type": "application/json" } });
  };
  const r = await createClient("juspay", { environment: "production", apiKey: "k", merchantId: "m", fetch }).updateCustomer(JUSPAY_INPUT);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.deepEqual(seen, ["https://api.juspay.in/customers/cst_om2l6ctlptxwxuzj"]);
});

// ---- item 3: honest outcomes ------------------------------------------------------------

const JUSPAY_OK = { id: "cst_om2l6ctlptxwxuzj", object: "customer" };

test("lost answer: Juspay POST applied, then the connection reset → outcome_unknown, not retryable, sent once", T, async () => {
  let applied = 0;
  const srv = await serve(() => {
    applied += 1;
    return RESET;
  });
  const r = await createClient("juspay", { baseUrl: srv.origin, apiKey: "k", merchantId: "m", retries: 2 }).updateCustomer(JUSPAY_INPUT);
  assert.equal(r.ok, false);
  assert.equal(r.error.kind, "outcome_unknown", r.error.message);
  assert.equal(r.error.retryable, false);
  assert.equal(r.error.status, null);
  assert.match(r.error.message, /may or may not have applied/);
  assert.equal(srv.requests.length, 1);
  assert.equal(applied, 1);
});

test("lost answer: Juspay POST timed out → outcome_unknown, sent once", T, async () => {
  const srv = await serve(() => HANG);
  const r = await createClient("juspay", { baseUrl: srv.origin, apiKey: "k", merchantId: "m", timeoutMs: 200 }).updateCustomer(JUSPAY_INPUT);
  assert.equal(r.error.kind, "outcome_unknown", r.error.message);
  assert.equal(r.error.retryable, false);
  assert.match(r.error.message, /no answer came in time/);
  assert.equal(srv.requests.length, 1);
});

test("lost answer: Gathr PATCH reset → outcome_unknown, never resent (it was applied twice before)", T, async () => {
  let applied = 0;
  const srv = await serve(() => {
    applied += 1;
    return applied === 1 ? RESET : { body: { id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27" } };
  });
  const r = await createClient("gathr", { baseUrl: `${srv.origin}/tenant`, token: "gathr-token", retries: 2 })
    .updateCustomer({ customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", first_name: "Chris" });
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(r.error.kind, "outcome_unknown");
  assert.equal(r.error.retryable, false);
  assert.equal(applied, 1, "applied once");
});

test("lost answer: a PUT (BVNK) is still retried; connection refused (never sent) stays network and retryable", T, async () => {
  let n = 0;
  const srv = await serve(() => (++n === 1 ? RESET : { body: { reference: "r1", status: "VERIFIED" } }));
  const r = await createClient("bvnk", { baseUrl: srv.origin, hawkId: "id", hawkKey: "key-0123456789" })
    .updateCustomerStatus({ customerReference: "r1", status: "VERIFIED" });
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(srv.requests.length, 2);
  const port = await closedPort();
  const refused = await createClient("juspay", { baseUrl: `http://127.0.0.1:${port}`, retries: 0 }).updateCustomer(JUSPAY_INPUT);
  assert.equal(refused.error.kind, "network");
  assert.equal(refused.error.retryable, true);
});

test("lost answer: M2P retries with its X-Request-ID; when every answer is lost, outcome_unknown names the id — unless the caller gave its own key", T, async () => {
  const srv = await serve(() => RESET);
  const client = createClient("m2p", { baseUrl: `${srv.origin}/prepaid/customer`, tenantId: "T", accessToken: "tok-123456", retries: 1 });
  const r = await client.updateCustomerStatus(M2P_STATUS);
  assert.equal(srv.requests.length, 2, "retried once with the same id");
  const id = srv.requests[0].headers["x-request-id"];
  assert.equal(srv.requests[1].headers["x-request-id"], id);
  assert.equal(r.error.kind, "outcome_unknown");
  assert.equal(r.error.retryable, false);
  assert.ok(r.error.message.includes(`idempotencyKey "${id}"`), r.error.message);
  const own = await client.updateCustomerStatus(M2P_STATUS, { idempotencyKey: "caller-key-1" });
  assert.equal(own.error.kind, "network");
  assert.equal(own.error.retryable, true, "the caller holds the key: repeating with it is safe");
});

test("token endpoint: a 503 is kind auth and retried by the policy; every failure is auth", T, async () => {
  let tokens = 0;
  const srv = await serve(router({
    "POST /auth/token": () => (++tokens === 1 ? { status: 503, body: { message: "busy" } } : { body: { access_token: "m2p-tok-000001", token_type: "Bearer", expires_in: 3600 } }),
    "POST /prepaid/customer/v1/customers/update/status": () => ({ body: { result: true } }),
  }));
  const cfg = { baseUrl: `${srv.origin}/prepaid/customer`, tenantId: "T", clientId: "c", clientSecret: "client-secret-1" };
  const r = await createClient("m2p", cfg).updateCustomerStatus(M2P_STATUS);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(tokens, 2);

  srv.setHandler(router({ "POST /auth/token": () => ({ status: 503, body: { message: "busy" } }) }));
  const before = srv.requests.length;
  const down = await createClient("m2p", { ...cfg, retries: 2 }).updateCustomerStatus(M2P_STATUS);
  assert.equal(down.error.kind, "auth");
  assert.equal(down.error.status, 503);
  assert.equal(down.error.retryable, true);
  assert.equal(srv.requests.length - before, 3, "1 + 2 retries, all token requests");
  assert.ok(srv.requests.slice(before).every((q) => q.path === "/auth/token"), "the operation was never sent");

  const port = await closedPort();
  const none = await createClient("m2p", { ...cfg, baseUrl: `http://127.0.0.1:${port}/prepaid/customer`, retries: 0 }).updateCustomerStatus(M2P_STATUS);
  assert.equal(none.error.kind, "auth");
  assert.equal(none.error.retryable, true);
  assert.match(none.error.message, /access token/);
});

test("Retry-After: 0 still waits the policy's backoff (≥ 150 ms), not three attempts in 8 ms", T, async () => {
  const srv = await serve(() => ({ status: 503, headers: { "retry-after": "0" }, body: { code: "bvnk:platform:5030", status: 503, message: "Busy" } }));
  const r = await createClient("bvnk", { baseUrl: srv.origin, hawkId: "id", hawkKey: "key-0123456789", retries: 2 })
    .updateCustomerStatus({ customerReference: "r1", status: "VERIFIED" });
  assert.equal(r.error.kind, "provider");
  assert.equal(srv.requests.length, 3);
  const gaps = [srv.requests[1].at - srv.requests[0].at, srv.requests[2].at - srv.requests[1].at];
  assert.ok(gaps[0] >= 140, `first wait ${gaps[0]} ms (policy: 300 ms base, equal jitter ≥ 150)`);
  assert.ok(gaps[1] >= 290, `second wait ${gaps[1]} ms (≥ 300)`);
});
