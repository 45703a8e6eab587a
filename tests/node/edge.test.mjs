// customer-update/edge (issue 13 item 1): the handler's status table, refusals before any provider
// (a handler with `env: {}` answers them all), CORS allow-list and preflight, JSON-only bodies, the
// size cap from Content-Length and while streaming, strict UTF-8, the provider's answers passed
// through (status, content type, Retry-After) without sleeping a long Retry-After, transport
// failures, one token request for 20 concurrent Access Bank calls, no secret in any answer, and
// a load run. Against the provider simulator (www/simulator) and a local stub server, on loopback.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createEdgeHandler, edgeEnvNames, envName } from "customer-update/edge";
import { example, operations } from "customer-update";
import { startSimulator } from "../../www/simulator/server.mjs";
import { startServer, HANG } from "./support/server.mjs";

const ORIGIN = "https://app.example";
const EDGE = "http://edge.test";
const BASES = { accessbank: "/accessbank", juspay: "/juspay", bvnk: "/bvnk", gathr: "/gathr", m2p: "/m2p/prepaid/customer" };
const OPS = operations();
const GATHR_ID = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
const JUSPAY_ID = "cst_om2l6ctlptxwxuzj";

let sim;
let env;
const answers = []; // every answer body, for the secrets check at the end

before(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", log: false });
  env = {};
  for (const [p, creds] of Object.entries(sim.credentials)) {
    if (p.startsWith("_")) continue;
    for (const [k, v] of Object.entries(creds)) env[envName(p, k)] = v;
    env[envName(p, "baseUrl")] = `${sim.url}${BASES[p]}`;
  }
});
after(async () => {
  await sim?.close();
});

async function simCall(method, path, body) {
  const r = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  return r.json();
}
const resetSim = (tokens = false) => simCall("POST", "/_sim/reset", { tokens });
const queueFault = (entry) => simCall("POST", "/_sim/faults", entry);

function handler(overrides = {}) {
  return createEdgeHandler({ env, allowedOrigins: [ORIGIN], authorize: () => true, ...overrides });
}

/** A POST to the edge: `body` a string, bytes or a stream; `input` an object sent as JSON. */
function request(op, { input, body, method = "POST", origin = ORIGIN, type = "application/json", headers = {} } = {}) {
  const h = new Headers(headers);
  if (origin !== null) h.set("origin", origin);
  if (type !== null) h.set("content-type", type);
  const init = { method, headers: h };
  if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") {
    init.body = body ?? (input === undefined ? undefined : JSON.stringify(input));
    if (init.body instanceof ReadableStream) init.duplex = "half";
  }
  return new Request(`${EDGE}/${op}`, init);
}

async function call(h, op, opts) {
  const res = await h(request(op, opts));
  const text = await res.text();
  answers.push(text);
  let json = null;
  if (/^application\/json/.test(res.headers.get("content-type") ?? "")) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, json };
}

// ---- creation ---------------------------------------------------------------------------------

test("createEdgeHandler refuses unsafe or missing options with a TypeError naming the option", () => {
  assert.throws(() => createEdgeHandler({ env: {}, allowedOrigins: [] }), { name: "TypeError", message: /options\.authorize is required/ });
  assert.throws(() => createEdgeHandler({ env: {}, allowedOrigins: [], authorize: true }), { name: "TypeError", message: /options\.authorize/ });
  assert.throws(() => createEdgeHandler({ env: {}, authorize: () => true }), { name: "TypeError", message: /options\.allowedOrigins is required/ });
  for (const bad of ["*", "null", "https://app.example/", "https://app.example/path", "javascript:alert(1)", "app.example", 42]) {
    assert.throws(() => createEdgeHandler({ allowedOrigins: [bad], authorize: () => true }), { name: "TypeError", message: /options\.allowedOrigins/ }, String(bad));
  }
  for (const bad of [0, -1, 1.5, 2 ** 21, "65536"]) {
    assert.throws(() => createEdgeHandler({ allowedOrigins: [], authorize: () => true, maxBodyBytes: bad }), { name: "TypeError", message: /options\.maxBodyBytes/ });
  }
  assert.throws(() => createEdgeHandler({ env: { CU_JUSPAY_BASE_URL: "javascript:alert(1)" }, allowedOrigins: [], authorize: () => true }),
    { name: "TypeError", message: /CU_JUSPAY_BASE_URL must be an http or https URL/ });
  assert.throws(() => createEdgeHandler(), { name: "TypeError", message: /options are required/ });
});

test("the env names are CU_<PROVIDER>_<KEY> for exactly the [auth] config keys of each spec", () => {
  const specDir = fileURLToPath(new URL("../../src/spec/", import.meta.url));
  const names = edgeEnvNames();
  const providers = [...new Set(OPS.map((op) => op.split(".")[0]))];
  assert.deepEqual(Object.keys(names).sort(), providers.sort());
  for (const file of readdirSync(specDir).filter((f) => f.endsWith(".toml"))) {
    const text = readFileSync(specDir + file, "utf8");
    const auth = /\[auth\][^[]*?config\s*=\s*\[([^\]]*)\]/s.exec(text);
    if (!auth) continue;
    const provider = file.replace(/\.toml$/, "");
    const keys = [...auth[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    const want = keys.map((k) => envName(provider, k)).sort();
    const got = [...names[provider].required, ...names[provider].optional.filter((n) => !n.endsWith("_BASE_URL"))].sort();
    assert.deepEqual(got, want, `${provider}: ${file} [auth] config`);
  }
  assert.equal(envName("accessbank", "authorizationKey"), "CU_ACCESSBANK_AUTHORIZATION_KEY");
  assert.equal(envName("m2p", "clientSecret"), "CU_M2P_CLIENT_SECRET");
});

// ---- refusals, with no credentials at all ---------------------------------------------------

test("with env: {} every refusal is still answered, and no provider is contacted", async () => {
  const fetched = [];
  const h = createEdgeHandler({ env: {}, allowedOrigins: [ORIGIN], authorize: (req) => req.headers.get("authorization") === "Bearer ok", fetch: (r) => { fetched.push(r.url); return Promise.reject(new Error("no")); } });
  const auth = { authorization: "Bearer ok" };
  const valid = { customer_id: JUSPAY_ID, first_name: "Tim" };
  const cases = [
    ["wrong origin", "juspay.updateCustomer", { input: valid, origin: "https://evil.example", headers: auth }, 403, "origin"],
    ["no authorization", "juspay.updateCustomer", { input: valid }, 401, "unauthorized"],
    ["text/plain", "juspay.updateCustomer", { body: JSON.stringify(valid), type: "text/plain", headers: auth }, 415, "unsupported_media_type"],
    ["413 by Content-Length", "juspay.updateCustomer", { body: "x".repeat(70_000), headers: { ...auth, "content-length": "70000" } }, 413, "too_large"],
    ["invalid UTF-8", "juspay.updateCustomer", { body: new Uint8Array([0xff, 0xfe, 0xc3]), headers: auth }, 400, "bad_request"],
    ["not JSON", "juspay.updateCustomer", { body: "{", headers: auth }, 400, "bad_request"],
    ["invalid input", "juspay.updateCustomer", { input: { customer_id: JUSPAY_ID, email: "x" }, headers: auth }, 422, "validation"],
    ["unknown op", "juspay.deleteCustomer", { input: valid, headers: auth }, 404, "not_found"],
    ["valid but no credentials", "juspay.updateCustomer", { input: valid, headers: auth }, 503, "not_configured"],
  ];
  for (const [name, op, opts, status, kind] of cases) {
    const r = await call(h, op, opts);
    assert.equal(r.status, status, `${name}: ${r.text}`);
    assert.equal(r.json?.ok, false, name);
    assert.equal(r.json?.kind, kind, name);
    assert.equal(typeof r.json.error, "string", name);
  }
  const missing = await call(h, "m2p.updateCustomer", { input: example("m2p.updateCustomer"), headers: auth });
  assert.match(missing.json.error, /CU_M2P_TENANT_ID, CU_M2P_CLIENT_ID, CU_M2P_CLIENT_SECRET/);
  assert.deepEqual(fetched, [], "no provider was contacted");
});

test("only the nine operations: 404 for anything else, 405 with Allow for other methods", async () => {
  const h = handler();
  for (const path of ["", "p/juspay/customers/cst_1", "juspay.updatecustomer", "juspay.updateCustomer/x", "__proto__", "constructor", "juspay", "..%2fjuspay.updateCustomer"]) {
    const r = await call(h, path, { input: {} });
    assert.equal(r.status, 404, path);
    assert.equal(r.json.kind, "not_found");
  }
  for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
    const r = await call(h, "juspay.updateCustomer", { method, input: method === "GET" ? undefined : {} });
    assert.equal(r.status, 405, method);
    assert.equal(r.headers.get("allow"), "POST, OPTIONS");
  }
  for (const op of OPS) {
    const r = await call(h, op, { input: {} });
    assert.equal(r.status, 422, `${op} is routed and validated`);
  }
});

test("authorize: false → 401, \"forbidden\" → 403, a throw → 500; it sees the request and the op; it runs before the body is read", async () => {
  const seen = [];
  const verdicts = { false: false, undefined: undefined, one: 1, str: "yes" };
  for (const [name, v] of Object.entries(verdicts)) {
    const r = await call(handler({ authorize: () => v }), "gathr.updateCustomer", { input: { customer_id: GATHR_ID, first_name: "X" } });
    assert.equal(r.status, 401, name);
  }
  const forbidden = await call(handler({ authorize: async () => "forbidden" }), "gathr.updateCustomer", { input: {} });
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.json.kind, "forbidden");
  const thrown = await call(handler({ authorize: () => { throw new Error("secret detail"); } }), "gathr.updateCustomer", { input: {} });
  assert.equal(thrown.status, 500);
  assert.doesNotMatch(thrown.text, /secret detail/);
  const rejected = await call(handler({ authorize: () => Promise.reject(new Error("x")) }), "gathr.updateCustomer", { input: {} });
  assert.equal(rejected.status, 500);
  // 401 comes before the body: an unauthorised caller's 100 MB body is not read.
  let pulled = 0;
  const big = new ReadableStream({ pull(c) { pulled += 65536; c.enqueue(new Uint8Array(65536)); } });
  const r = await call(handler({ authorize: (req, ctx) => { seen.push([req.method, ctx.op]); return false; } }), "bvnk.updateCustomer", { body: big });
  assert.equal(r.status, 401);
  assert.deepEqual(seen, [["POST", "bvnk.updateCustomer"]]);
  assert.ok(pulled <= 65536 * 2, `the body was not read (${pulled} bytes pulled)`);
});

test("hostile inputs get a JSON answer, never a throw: not a Request, deep nesting, __proto__, huge numbers, a BOM, duplicate keys", async () => {
  const h = handler();
  for (const notRequest of [null, undefined, {}, "http://edge.test/juspay.updateCustomer", { headers: { get() { throw new Error("boom"); } } }]) {
    const res = await h(notRequest);
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { ok: false, kind: "internal", error: "The edge failed to handle the request." });
  }
  const cases = [
    ["deep nesting", `{"customer_id":"${GATHR_ID}","first_name":${"[".repeat(20_000)}${"]".repeat(20_000)}}`, 422],
    ["__proto__", `{"customer_id":"${GATHR_ID}","__proto__":{"first_name":"X"}}`, 422],
    ["constructor", `{"customer_id":"${GATHR_ID}","constructor":{"prototype":{"x":1}}}`, 422],
    ["a huge number", `{"customer_id":"${GATHR_ID}","first_name":1e999999}`, 422],
    ["a lone surrogate escape", `{"customer_id":"${GATHR_ID}","first_name":"\\ud800"}`, 422],
    ["top-level array", "[]", 422],
    ["top-level null", "null", 422],
    ["empty body", "", 400],
  ];
  for (const [name, body, status] of cases) {
    const r = await call(h, "gathr.updateCustomer", { body });
    assert.equal(r.status, status, `${name}: ${r.text.slice(0, 200)}`);
    assert.equal(r.json.ok, false, name);
  }
  assert.equal(Object.prototype.x, undefined, "no prototype pollution");
});

// ---- CORS -------------------------------------------------------------------------------------

test("CORS: the allowed origin is echoed (never *), a foreign origin gets 403 and no CORS header, preflight only for allowed origins", async () => {
  const h = handler({ allowHeaders: ["X-Session"] });
  const ok = await call(h, "juspay.updateCustomer", { input: { customer_id: JUSPAY_ID, email: "x" } });
  assert.equal(ok.headers.get("access-control-allow-origin"), ORIGIN);
  assert.equal(ok.headers.get("vary"), "Origin");
  assert.match(ok.headers.get("access-control-expose-headers"), /Retry-After/);
  assert.equal(ok.headers.get("access-control-allow-credentials"), null);

  for (const origin of ["https://evil.example", "null", "https://app.example.evil.example", "http://app.example"]) {
    for (const method of ["POST", "OPTIONS"]) {
      const r = await call(h, "juspay.updateCustomer", { method, origin, input: method === "POST" ? { customer_id: JUSPAY_ID, first_name: "X" } : undefined });
      assert.equal(r.status, 403, `${method} from ${origin}`);
      for (const [k] of r.headers) assert.doesNotMatch(k, /^access-control-/, `${method} from ${origin}: ${k}`);
    }
  }
  const pre = await h(request("juspay.updateCustomer", { method: "OPTIONS", type: null, headers: { "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" } }));
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), ORIGIN);
  assert.equal(pre.headers.get("access-control-allow-methods"), "POST");
  assert.equal(pre.headers.get("access-control-allow-headers"), "Content-Type, Authorization, Idempotency-Key, X-Session");
  assert.equal(pre.headers.get("access-control-max-age"), "600");
  const preUnknown = await h(request("nope", { method: "OPTIONS", type: null }));
  assert.equal(preUnknown.status, 404);
  assert.equal(preUnknown.headers.get("access-control-allow-methods"), null);
  // No Origin (a server, curl): no CORS headers at all.
  const server = await call(h, "juspay.updateCustomer", { origin: null, input: { customer_id: JUSPAY_ID, email: "x" } });
  assert.equal(server.status, 422);
  assert.equal(server.headers.get("access-control-allow-origin"), null);
  const withCreds = await call(handler({ allowCredentials: true }), "juspay.updateCustomer", { input: {} });
  assert.equal(withCreds.headers.get("access-control-allow-credentials"), "true");
});

// ---- bodies -----------------------------------------------------------------------------------

test("415 for anything but application/json (forms cannot skip the preflight)", async () => {
  const h = handler();
  const body = JSON.stringify({ customer_id: GATHR_ID, first_name: "Pwned" });
  for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "application/json; charset=latin1", "application/json, text/plain", "", null]) {
    const r = await call(h, "gathr.updateCustomer", { body, type });
    assert.equal(r.status, 415, String(type));
    assert.equal(r.json.kind, "unsupported_media_type");
  }
  for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"]) {
    const r = await call(h, "gathr.updateCustomer", { input: { customer_id: GATHR_ID, email: "bad" }, type });
    assert.equal(r.status, 422, type);
  }
});

test("413 from Content-Length before reading, and from a streamed body without Content-Length as soon as the cap is passed", async () => {
  const h = handler({ maxBodyBytes: 1000 });
  let pulled = 0;
  const stream = (chunk, limit = Infinity) => new ReadableStream({
    pull(c) {
      if (pulled >= limit) return c.close();
      pulled += chunk;
      c.enqueue(new Uint8Array(chunk).fill(0x20));
    },
  });
  // Declared too large: refused without reading a byte.
  const declared = await call(h, "gathr.updateCustomer", { body: stream(64 * 1024), headers: { "content-length": String(100 * 1024 * 1024) } });
  assert.equal(declared.status, 413);
  assert.ok(pulled <= 64 * 1024 * 2, `Content-Length refused up front (${pulled} bytes pulled)`);
  // Undeclared, 100 MB offered in 16 KiB pieces: refused after at most one chunk past the cap.
  pulled = 0;
  const streamed = await call(h, "gathr.updateCustomer", { body: stream(16 * 1024, 100 * 1024 * 1024) });
  assert.equal(streamed.status, 413);
  assert.equal(streamed.json.kind, "too_large");
  assert.ok(pulled <= 16 * 1024 * 3, `stopped reading at the cap (${pulled} bytes pulled)`);
  // Exactly at the cap is fine (and then a 422 for this input); bad Content-Length is 400.
  const at = JSON.stringify({ customer_id: GATHR_ID, first_name: "X".repeat(1000) }).slice(0, 1000);
  assert.equal((await call(h, "gathr.updateCustomer", { body: at })).status, 400);
  assert.equal((await call(h, "gathr.updateCustomer", { body: "{}", headers: { "content-length": "abc" } })).status, 400);
  assert.equal((await call(h, "gathr.updateCustomer", { body: "{}", headers: { "content-length": "2" } })).status, 422);
});

test("a body that stalls is refused with 408 after bodyTimeoutMs", async () => {
  const h = handler({ bodyTimeoutMs: 200 });
  const t0 = Date.now();
  const r = await call(h, "gathr.updateCustomer", { body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("{")); } }) });
  assert.equal(r.status, 408);
  assert.ok(Date.now() - t0 < 2000);
});

test("strict UTF-8: bytes FF FE C3 (and an overlong or truncated sequence, a lone surrogate's bytes) → 400, nothing replaced by U+FFFD", async () => {
  const h = handler();
  const before = await simCall("GET", `/_sim/customers/gathr/${GATHR_ID}`);
  const prefix = new TextEncoder().encode(`{"customer_id":"${GATHR_ID}","first_name":"`);
  for (const bad of [[0xff, 0xfe, 0xc3], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80]]) {
    const body = new Uint8Array([...prefix, ...bad, ...new TextEncoder().encode('"}')]);
    const r = await call(h, "gathr.updateCustomer", { body });
    assert.equal(r.status, 400, bad.map((b) => b.toString(16)).join(" "));
    assert.match(r.json.error, /UTF-8/);
  }
  assert.deepEqual(await simCall("GET", `/_sim/customers/gathr/${GATHR_ID}`), before, "nothing stored");
});

test("a bad Idempotency-Key is 400; a good one is M2P's X-Request-ID", async () => {
  await resetSim();
  const h = handler();
  for (const key of ["", "a b", "x".repeat(129), "tab\there", "\u00e9t\u00e9"]) {
    const r = await call(h, "m2p.updateCustomer", { input: example("m2p.updateCustomer"), headers: { "idempotency-key": key } });
    assert.equal(r.status, 400, JSON.stringify(key));
  }
  const r = await call(h, "m2p.updateCustomer", { input: example("m2p.updateCustomer"), headers: { "idempotency-key": "order-42:edit-1" } });
  assert.equal(r.status, 200, r.text);
  const entry = (await simCall("GET", "/_sim/log")).entries.find((e) => e.op === "m2p.updateCustomer");
  assert.equal(entry.headers["x-request-id"], "order-42:edit-1");
});

// ---- the providers' answers ---------------------------------------------------------------------

test("every operation's documented example goes through to the simulator: 200 { ok: true, data }, Gathr's api_token kept server-side", async () => {
  await resetSim();
  const h = handler();
  for (const op of OPS) {
    const r = await call(h, op, { input: example(op) });
    assert.equal(r.status, 200, `${op}: ${r.text}`);
    assert.equal(r.json.ok, true);
    assert.equal(r.json.status, 200);
    assert.match(r.headers.get("content-type"), /^application\/json/);
  }
  const state = await simCall("GET", "/_sim/state");
  for (const op of OPS) assert.equal(state.appliedUpdates[op], 1, op);
  assert.doesNotMatch(answers.join("\n"), /api_token|sim-gathr-customer-api-token/);
});

test("a provider 429 with a long Retry-After is answered at once with its status and Retry-After (not slept); a short one is retried", async () => {
  await resetSim();
  const h = handler();
  await queueFault({ provider: "gathr", fault: "429:7" });
  const t0 = Date.now();
  const r = await call(h, "gathr.updateCustomer", { input: { customer_id: GATHR_ID, first_name: "Later" } });
  const ms = Date.now() - t0;
  assert.equal(r.status, 429, r.text);
  assert.equal(r.headers.get("retry-after"), "7");
  assert.equal(r.headers.get("access-control-allow-origin"), ORIGIN);
  assert.equal(r.json.kind, "provider");
  assert.equal(r.json.retryable, true);
  assert.ok(ms < 1500, `answered in ${ms} ms, not after 7 s`);
  assert.equal((await simCall("GET", "/_sim/log")).entries.filter((e) => e.op === "gathr.updateCustomer").length, 1, "sent once");
  // Not retry-safe (a Juspay POST): never repeated, Retry-After passed on.
  await queueFault({ provider: "juspay", fault: "429:3" });
  const j = await call(h, "juspay.updateCustomer", { input: { customer_id: JUSPAY_ID, first_name: "Later" } });
  assert.equal(j.status, 429);
  assert.equal(j.headers.get("retry-after"), "3");
  // 1 s is within maxRetryWaitMs: a PUT (BVNK) is retried and succeeds. (Gathr's PATCH is not
  // idempotent: never repeated.)
  await queueFault({ provider: "bvnk", fault: "429:1" });
  const short = await call(h, "bvnk.updateCustomerStatus", { input: example("bvnk.updateCustomerStatus") });
  assert.equal(short.status, 200, short.text);
});

test("concurrent calls each get their own provider's Retry-After (the answer is matched to its call)", async () => {
  const stub = await startServer((rec) => {
    const wait = JSON.parse(rec.body).first_name.length; // "W" × n → Retry-After n+1
    return { status: 503, headers: { "retry-after": String(wait + 1), "content-type": "application/json" }, body: { message: "busy" }, delayMs: 50 - wait * 5 };
  });
  try {
    const h = handler({ env: { CU_GATHR_TOKEN: "t", CU_GATHR_BASE_URL: stub.origin } });
    const rs = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => call(h, "gathr.updateCustomer", { input: { customer_id: GATHR_ID, first_name: "W".repeat(n) } })));
    assert.deepEqual(rs.map((r) => r.status), Array(8).fill(503));
    assert.deepEqual(rs.map((r) => r.headers.get("retry-after")), ["2", "3", "4", "5", "6", "7", "8", "9"]);
  } finally {
    await stub.close();
  }
});

test("a non-JSON provider answer goes through under the provider's own content type (XML stays XML, text keeps its charset)", async () => {
  const answers = [
    { status: 503, headers: { "content-type": "application/xml" }, body: "<error><code>busy</code></error>" },
    { status: 400, headers: { "content-type": "text/plain; charset=iso-8859-1" }, body: "Bad request, see docs" },
    { status: 502, headers: { "content-type": "application/json" }, body: "<html>not json</html>" },
  ];
  let i = 0;
  const stub = await startServer(() => answers[i++]);
  try {
    const h = handler({ env: { CU_GATHR_TOKEN: "t", CU_GATHR_BASE_URL: stub.origin } });
    const send = () => call(h, "gathr.updateCustomer", { input: { customer_id: GATHR_ID, first_name: "X" } });
    const xml = await send();
    assert.equal(xml.status, 503);
    assert.equal(xml.headers.get("content-type"), "application/xml");
    assert.equal(xml.text, "<error><code>busy</code></error>");
    const text = await send();
    assert.equal(text.status, 400);
    assert.equal(text.headers.get("content-type"), "text/plain; charset=iso-8859-1");
    // A body that claims JSON but is not is never labelled JSON.
    const liar = await send();
    assert.equal(liar.status, 502);
    assert.match(liar.headers.get("content-type"), /^text\/plain/);
  } finally {
    await stub.close();
  }
});

test("an HTML error page goes through with its status and content type (not labelled JSON); a JSON 503 as JSON", async () => {
  await resetSim();
  const h = handler();
  await queueFault({ provider: "juspay", fault: "html" });
  const r = await call(h, "juspay.updateCustomer", { input: { customer_id: JUSPAY_ID, first_name: "Tom" } });
  assert.equal(r.status, 502);
  assert.match(r.headers.get("content-type"), /^text\/html/);
  assert.match(r.text, /<title>502 Bad Gateway<\/title>/);
  assert.equal(r.headers.get("x-edge-error-kind"), "http");
  assert.equal(r.headers.get("x-upstream-status"), "502");
  assert.equal(r.headers.get("x-content-type-options"), "nosniff");
  assert.match(r.headers.get("content-security-policy"), /sandbox/);
  // BVNK's PUT is retried on the 502s, and the last one goes through as it came.
  await queueFault({ provider: "bvnk", fault: "html", times: 3 });
  const b = await call(h, "bvnk.updateCustomer", { input: example("bvnk.updateCustomer") });
  assert.equal(b.status, 502);
  assert.match(b.headers.get("content-type"), /^text\/html/);
  await queueFault({ provider: "juspay", fault: "503" });
  const j = await call(h, "juspay.updateCustomer", { input: { customer_id: JUSPAY_ID, first_name: "Tom" } });
  assert.equal(j.status, 503);
  assert.match(j.headers.get("content-type"), /^application\/json/);
  assert.equal(j.json.ok, false);
  assert.equal(j.json.providerCode, "INTERNAL_SERVER_ERROR");
});

test("provider errors keep their status and field issues; Access Bank's error inside a 200 is 422; bad edge credentials are 502 auth", async () => {
  await resetSim();
  const h = handler();
  const notFound = await call(h, "juspay.updateCustomer", { input: { customer_id: "cst_doesnotexist00", first_name: "Tom" } });
  assert.equal(notFound.status, 404);
  assert.equal(notFound.json.kind, "provider");
  const transition = await call(h, "m2p.updateCustomerStatus", { input: { entityId: "615928984620006085281025", status: "ACTIVE" } });
  assert.equal(transition.status, 409);
  assert.equal(transition.json.providerCode, "PPCUST_032");
  assert.deepEqual(transition.json.issues.map((i) => [i.path.join("."), i.code]), [["status", "invalid_transition"]]);
  const ab = await call(h, "accessbank.updateCustomerDetails", { input: { ...example("accessbank.updateCustomerDetails"), accountNo: "0000000000" } });
  assert.equal(ab.status, 422);
  assert.equal(ab.headers.get("x-upstream-status"), "200");
  assert.equal(ab.json.providerCode, "31");
  const wrong = handler({ env: { ...env, CU_GATHR_TOKEN: "wrong-token-value-123" } });
  const denied = await call(wrong, "gathr.updateCustomer", { input: { customer_id: GATHR_ID, first_name: "X" } });
  assert.equal(denied.status, 502);
  assert.equal(denied.json.kind, "auth");
  assert.doesNotMatch(denied.text, /wrong-token-value-123/);
});

test("transport failures: a lost answer on a POST is 502 outcome_unknown (not retryable); a PUT's reset is 502 network, its timeout 504", async () => {
  await resetSim();
  const h = handler({ timeoutMs: 300, totalTimeoutMs: 1500 });
  await queueFault({ provider: "juspay", fault: "reset" });
  const reset = await call(h, "juspay.updateCustomer", { input: { customer_id: JUSPAY_ID, first_name: "Tom" } });
  assert.equal(reset.status, 502);
  assert.equal(reset.json.kind, "outcome_unknown");
  assert.equal(reset.json.retryable, false);
  await queueFault({ provider: "juspay", fault: "timeout" });
  const t0 = Date.now();
  const slow = await call(h, "juspay.updateCustomer", { input: { customer_id: JUSPAY_ID, first_name: "Tom" } });
  assert.equal(slow.status, 502);
  assert.equal(slow.json.kind, "outcome_unknown");
  assert.ok(Date.now() - t0 < 3000);
  const put = handler({ timeoutMs: 300, totalTimeoutMs: 1500, retries: 0 });
  await queueFault({ provider: "bvnk", fault: "reset" });
  const putReset = await call(put, "bvnk.updateCustomerStatus", { input: example("bvnk.updateCustomerStatus") });
  assert.equal(putReset.status, 502);
  assert.equal(putReset.json.kind, "network");
  await queueFault({ provider: "bvnk", fault: "timeout" });
  const putSlow = await call(put, "bvnk.updateCustomerStatus", { input: example("bvnk.updateCustomerStatus") });
  assert.equal(putSlow.status, 504);
  assert.equal(putSlow.json.kind, "timeout");
  // Nothing listening at all.
  const stub = await startServer(() => HANG);
  const origin = stub.origin;
  await stub.close();
  const gone = await call(handler({ env: { CU_GATHR_TOKEN: "t", CU_GATHR_BASE_URL: origin }, retries: 0 }), "gathr.updateCustomer", { input: { customer_id: GATHR_ID, first_name: "X" } });
  assert.equal(gone.status, 502);
  assert.equal(gone.json.kind, "network");
});

test("one client per provider per handler: 20 concurrent Access Bank and 20 M2P requests make one token request each", async () => {
  await resetSim(true);
  const h = handler();
  const ab = example("accessbank.updateCustomerDetails");
  const rs = await Promise.all([
    ...Array.from({ length: 20 }, (_, i) => call(h, "accessbank.updateCustomerDetails", { input: { ...ab, requestId: `REQ-${i}` } })),
    ...Array.from({ length: 20 }, () => call(h, "m2p.updateCustomer", { input: example("m2p.updateCustomer") })),
  ]);
  assert.deepEqual(rs.map((r) => r.status), Array(40).fill(200));
  assert.deepEqual((await simCall("GET", "/_sim/state")).tokenRequests, { accessbank: 1, m2p: 1 });
  // A second wave reuses the cached tokens.
  await Promise.all(Array.from({ length: 5 }, () => call(h, "m2p.updateCustomer", { input: example("m2p.updateCustomer") })));
  assert.deepEqual((await simCall("GET", "/_sim/state")).tokenRequests, { accessbank: 1, m2p: 1 });
});

test("load: 1,000 requests at concurrency 50 (valid and invalid mixed): 0 unexpected answers, every valid update applied once", async () => {
  await resetSim(true);
  const h = handler();
  const valid = ["gathr.updateCustomer", "m2p.updateCustomer", "juspay.updateCustomer", "bvnk.updateCustomer"];
  const jobs = Array.from({ length: 1000 }, (_, i) => (i % 4 === 3
    ? { op: "juspay.updateCustomer", input: { customer_id: JUSPAY_ID, email: "x" }, want: 422 }
    : { op: valid[i % 4], input: example(valid[i % 4]), want: 200 }));
  const statuses = [];
  let next = 0;
  const t0 = Date.now();
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const res = await h(request(job.op, { input: job.input }));
      await res.arrayBuffer();
      statuses.push(res.status === job.want ? "ok" : `${job.op} ${res.status}`);
    }
  }));
  const ms = Date.now() - t0;
  console.log(`edge load: 1000 requests at concurrency 50 in ${ms} ms (${Math.round(1000 / (ms / 1000))} req/s)`);
  assert.deepEqual(statuses.filter((s) => s !== "ok"), []);
  const applied = (await simCall("GET", "/_sim/state")).appliedUpdates;
  const want = {};
  jobs.filter((j) => j.want === 200).forEach((j) => { want[j.op] = (want[j.op] ?? 0) + 1; });
  assert.deepEqual(applied, want);
});

test("no credential or issued token appears in any answer of this suite", async () => {
  const secrets = [];
  for (const [p, creds] of Object.entries(sim.credentials)) {
    if (p.startsWith("_")) continue;
    for (const [k, v] of Object.entries(creds)) if (/key|secret|token/i.test(k)) secrets.push(v);
  }
  secrets.push(Buffer.from(`${sim.credentials.juspay.apiKey}:`).toString("base64"));
  const all = answers.join("\n");
  assert.ok(answers.length > 100);
  for (const s of secrets) assert.equal(all.includes(s), false, `a secret (${s.slice(0, 6)}…) appears in an answer`);
  assert.doesNotMatch(all, /eyJ[\w-]*\.[\w-]*\.[\w-]+/, "no JWT-shaped token");
});
