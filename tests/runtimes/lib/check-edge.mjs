// Asserts the edge handler's answers in a real runtime (tests/runtimes/edge.sh): a valid request
// goes through to the stub server with the credential from the runtime's environment, and bad ones
// are refused before it (wrong origin, no session, text/plain, invalid UTF-8, invalid input, unknown
// operation, a 1 MiB streamed body). Prints "ok -" lines; exits non-zero on the first failure.
//   node check-edge.mjs --label L --edge URL --upstream URL
import assert from "node:assert/strict";
import { parseArgs } from "node:util";
import { rawUpload } from "./raw-upload.mjs";

const { values: a } = parseArgs({ options: { label: { type: "string" }, edge: { type: "string" }, upstream: { type: "string" } } });
const ORIGIN = "http://allowed.test";
const ID = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
const ok = (what) => console.log(`  ok - ${a.label}: ${what}`);

async function post(path, { body, type = "application/json", origin = ORIGIN, session = "rt-session" } = {}) {
  const headers = {};
  if (type) headers["content-type"] = type;
  if (origin) headers.origin = origin;
  if (session) headers["x-test-session"] = session;
  const res = await fetch(`${a.edge}${path}`, { method: "POST", headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: /json/.test(res.headers.get("content-type") ?? "") ? JSON.parse(text) : null };
}
const received = async () => (await (await fetch(`${a.upstream}/__requests`, { signal: AbortSignal.timeout(5000) })).json());

const valid = JSON.stringify({ customer_id: ID, first_name: "Chris" });
const r = await post("/gathr.updateCustomer", { body: valid });
assert.equal(r.status, 200, r.text);
assert.equal(r.json.ok, true);
assert.equal(r.headers.get("access-control-allow-origin"), ORIGIN);
const sent = await received();
assert.equal(sent.length, 1);
assert.equal(sent[0].method, "PATCH");
assert.equal(sent[0].path, `/customers/${ID}`);
assert.equal(sent[0].headers.authorization, "Bearer rt-gathr-token-5c1e");
assert.deepEqual(JSON.parse(sent[0].body), { first_name: "Chris" });
ok("a valid request is sent with the credential from the environment (200, ok: true, CORS for the allowed origin)");

const pre = await fetch(`${a.edge}/gathr.updateCustomer`, { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "POST" }, signal: AbortSignal.timeout(5000) });
assert.equal(pre.status, 204);
assert.equal(pre.headers.get("access-control-allow-origin"), ORIGIN);
ok("preflight from the allowed origin: 204");

const refusals = [
  ["a foreign origin", "/gathr.updateCustomer", { body: valid, origin: "http://evil.test" }, 403],
  ["no session", "/gathr.updateCustomer", { body: valid, session: null }, 401],
  ["text/plain", "/gathr.updateCustomer", { body: valid, type: "text/plain" }, 415],
  ["bytes FF FE C3", "/gathr.updateCustomer", { body: Buffer.concat([Buffer.from(`{"customer_id":"${ID}","first_name":"`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]) }, 400],
  ["invalid input", "/gathr.updateCustomer", { body: JSON.stringify({ customer_id: ID, email: "x" }) }, 422],
  ["an unknown operation", "/gathr.deleteCustomer", { body: valid }, 404],
];
for (const [name, path, opts, status] of refusals) {
  const res = await post(path, opts);
  assert.equal(res.status, status, `${name}: ${res.text}`);
  assert.equal(res.json?.ok, false, name);
  if (status === 403) assert.equal(res.headers.get("access-control-allow-origin"), null);
}
ok(`refused before the provider: ${refusals.map(([n, , , s]) => `${n} ${s}`).join(", ")}`);

// Over the 64 KiB cap: a chunked body without Content-Length (413 while streaming), and 70 KB with
// its Content-Length (413 before reading).
const hdrs = { "content-type": "application/json", origin: ORIGIN, "x-test-session": "rt-session" };
// workerd answers 413 and closes without reading the rest; a client still sending may then see the
// connection reset before it reads the answer (a TCP RST can discard it). So: up to six tries,
// each either 413 or a closed connection, and at least one 413 seen.
const streamedTries = [];
for (let i = 0; i < 6 && !streamedTries.includes(413); i++) {
  const { status } = await rawUpload({ url: `${a.edge}/gathr.updateCustomer`, headers: hdrs, size: 1024 * 1024, timeoutMs: 10_000 });
  streamedTries.push(status);
}
assert.ok(streamedTries.every((s) => s === 413 || s === null), `1 MiB chunked: ${streamedTries}`);
assert.ok(streamedTries.includes(413), `1 MiB chunked: a 413 seen (${streamedTries})`);
const declared = await post("/gathr.updateCustomer", { body: " ".repeat(70_000) });
assert.equal(declared.status, 413, declared.text);
assert.equal(declared.json.kind, "too_large");
ok("a 1 MiB chunked body without Content-Length and a 70 KB body with one: 413");

assert.equal((await received()).length, 1, "nothing else reached the provider");
ok("only the valid request reached the provider");
