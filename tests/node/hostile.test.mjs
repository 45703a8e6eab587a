// Hostile JavaScript values across the wasm boundary (issue 6, item 2).
//
// Every kind of hostile value below goes through every API that takes caller data: validate,
// schema(op)["~standard"].validate, diff (as `before` and as `after`), buildRequest (as the input
// and as the config), matchRequest (body strings, JSON and form-encoded), createClient(...)
// .method(input) (an injected fetch, so nothing leaves the process), the method's `options`, and
// createClient's config. Each call must end in a result; only buildRequest's and createClient's
// config may instead throw a TypeError (a bad config is a programmer error). Never a wasm trap
// (`RuntimeError: unreachable`), never an uncaught exception, never a hang. Afterwards the same
// module instance must still validate a normal input correctly.
//
// Each kind runs in its own worker thread (this file, started with workerData): a hang is then
// caught by a deadline in the main thread even when it is synchronous (node:test's own timeout
// cannot fire while the event loop is blocked), and a trap or an uncaught exception in one kind
// cannot poison the instance the next kind uses.
//
// The memory test runs in a child process (this file again, with CU_HOSTILE_MEMORY_CHILD=1):
// `customer-update/slim` + initSync(bytes) there is the only instance, its `memory` is the memory
// the calls use, and the process RSS is that instance's alone. The `node` entry makes two
// instances it does not expose (the validators-only one at import, the full one on first use):
// the kinds and the leak test record them as they are made (support/instances.mjs).
import { isMainThread, parentPort, workerData, Worker } from "node:worker_threads";
import { readFileSync, realpathSync } from "node:fs";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const GATHR = "gathr.updateCustomer";
const GATHR_ID = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
const GOOD = { customer_id: GATHR_ID, email: "chris2@gathr.com", first_name: "Chris" };
const BAD = { customer_id: GATHR_ID, popi: "true", id_number: "8511215433086", full_name: "X Y", email: "bad" };
const BAD_CODES = ['["email"] invalid_format', '["full_name"] read_only', '["id_number"] invalid_format', '["popi"] invalid_type'];
const GOODS = {
  "gathr.updateCustomer": GOOD,
  "juspay.updateCustomer": { customer_id: "cst_om2l6ctlptxwxuzj", first_name: "Tim" },
  "m2p.updateCustomer": { entityId: "615928984620006085281025", communication: { mobile: { value: "9876543210", countryCode: 91 } } },
  "bvnk.updateCustomer": { customerReference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", name: "Acme" },
};
const BASE = "http://127.0.0.1:9"; // never contacted: the clients below use an injected fetch
const MATCH = {
  json: ["gathr", "PATCH", `/customers/${GATHR_ID}`, "application/json"],
  form: ["juspay", "POST", "/customers/cst_om2l6ctlptxwxuzj", "application/x-www-form-urlencoded"],
};
const SUCCESS = {
  gathr: { data: { id: GATHR_ID, first_name: "Chris" } },
  juspay: { id: "cst_om2l6ctlptxwxuzj", object: "customer" },
  m2p: { result: { entityId: "615928984620006085281025" }, pagination: null },
  bvnk: { reference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", status: "VERIFIED" },
};
/** Fake, non-secret credentials: these clients only ever talk to the injected fetch. */
const CREDS = {
  gathr: { token: "t" },
  juspay: { apiKey: "k", merchantId: "m" },
  m2p: { accessToken: "t", tenantId: "T" },
  bvnk: { hawkId: "id", hawkKey: "key" },
};
const injectedFetch = (provider) => async () =>
  new Response(JSON.stringify(SUCCESS[provider]), { status: 200, headers: { "content-type": "application/json" } });

// ---- value makers ----
function deep(n, array, leaf = 1) {
  let v = leaf;
  for (let i = 0; i < n; i++) v = array ? [v] : { a: v };
  return v;
}
function manyKeys(n, prefix = "k") {
  const o = {};
  for (let i = 0; i < n; i++) o[`${prefix}${i}`] = i;
  return o;
}
function deepFreeze(o) {
  for (const v of Object.values(o)) if (v && typeof v === "object") deepFreeze(v);
  return Object.freeze(o);
}
const safe = (f) => {
  try {
    return f();
  } catch {
    return undefined;
  }
};
/** A maker that hands out `values` in turn (deterministic variety across the calls). */
const cycle = (values) => {
  let i = 0;
  return () => values[i++ % values.length];
};
/** The text a server would receive for `v`, or a stand-in when `v` has none. */
const textOf = (v) => safe(() => JSON.stringify(v)) ?? safe(() => String(v)) ?? "[unprintable]";

// ---- the kinds ----
// `input()` is the whole input (a fresh value per call). `config()` defaults to the same value
// for whole-input kinds; `part()` kinds put the hostile value into a field of a valid input and
// into config/options values. `body()` is the request body text for matchRequest.
// `expect`: what validate must say for the input ("valid" | "invalid"), when it is certain.
const field = (make) => ({
  input: () => ({ ...GOOD, first_name: make() }),
  config: () => ({ baseUrl: BASE, token: make(), requestId: make(), contentType: make() }),
  options: () => ({ timeoutMs: make(), idempotencyKey: make(), signal: make() }),
});

const KINDS = [
  { name: "circular object", expect: "invalid", input: () => { const o = { ...GOOD }; o.self = o; return o; } },
  { name: "circular array", expect: "invalid", ...field(() => { const a = [1]; a.push(a); return a; }) },
  { name: "circular through three levels", expect: "invalid", input: () => { const o = { ...GOOD, x: { y: { z: {} } } }; o.x.y.z.back = o; return o; } },
  {
    name: "__proto__ as an own key (JSON.parse)", expect: "invalid",
    input: () => JSON.parse(`{"__proto__":{"first_name":"Polluted"},"customer_id":"${GATHR_ID}","first_name":"A"}`),
    body: () => `{"__proto__":{"first_name":"Polluted"},"first_name":"A"}`,
  },
  {
    name: "__proto__ own key nested (m2p communication)", op: "m2p.updateCustomer", expect: "invalid",
    input: () => JSON.parse('{"entityId":"E1","communication":{"__proto__":{"email":"x@y.co"},"email":"a@b.co"}}'),
  },
  {
    name: "constructor and prototype keys (JSON.parse)", expect: "invalid",
    input: () => JSON.parse(`{"constructor":{"prototype":{"polluted":true}},"prototype":1,"customer_id":"${GATHR_ID}","first_name":"A"}`),
    body: () => '{"constructor":{"prototype":{"polluted":true}},"prototype":1,"__proto__":[]}',
  },
  { name: "fields inherited through a {__proto__: …} literal", expect: "invalid", input: () => ({ __proto__: { first_name: "Inherited" }, customer_id: GATHR_ID }) },
  { name: "throwing getter", expect: "invalid", input: () => ({ ...GOOD, get first_name() { throw new Error("getter boom"); } }) },
  {
    name: "Proxy with throwing traps", expect: "invalid",
    input: () => new Proxy({}, Object.fromEntries(["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "set", "defineProperty", "deleteProperty", "apply"].map((t) => [t, () => { throw new Error(`trap ${t}`); }]))),
  },
  {
    name: "Proxy with lying ownKeys and changing values",
    input: () => {
      let n = 0;
      return new Proxy({ customer_id: GATHR_ID }, {
        ownKeys: () => ["customer_id", "first_name", "ghost", "email"],
        getOwnPropertyDescriptor: (t, k) => ({ value: `v${n++}`, enumerable: true, configurable: true, writable: true }),
        get: (t, k) => (k === "customer_id" ? GATHR_ID : k === "toJSON" ? undefined : n++ % 2 ? `changing-${n}` : { nested: n }),
      });
    },
  },
  { name: "revoked Proxy", expect: "invalid", input: () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; } },
  { name: "deeply frozen object", expect: "valid", input: () => deepFreeze(structuredClone(GOOD)) },
  { name: "sealed and non-extensible objects", expect: "valid", input: () => Object.preventExtensions(Object.seal({ ...GOOD })) },
  { name: "null-prototype objects", expect: "valid", input: () => Object.assign(Object.create(null), GOOD) },
  { name: "BigInt value", expect: "invalid", ...field(() => 12345678901234567890n) },
  { name: "BigInt top level", expect: "invalid", input: () => 10n, body: () => "123456789012345678901234567890" },
  // Issue 13 item 4 (a contract change): JSON would drop it without a word; it is invalid_type.
  { name: "Symbol value", expect: "invalid", ...field(() => Symbol("v")) },
  { name: "Symbol key", expect: "valid", input: () => ({ ...GOOD, [Symbol("k")]: "x", [Symbol.toPrimitive]: () => { throw new Error("toPrimitive"); } }) },
  { name: "Symbol top level", expect: "invalid", input: () => Symbol("top") },
  { name: "functions (value and top level)", expect: "invalid", input: () => Object.assign(() => 1, GOOD), config: () => () => 1, options: () => function f() {} },
  { name: "function as a field value", expect: "invalid", ...field(() => function f() { return 1; }) },
  { name: "Date (valid and Invalid Date)", expect: "invalid", input: () => ({ ...GOOD, first_name: new Date(0), last_name: new Date(NaN) }) },
  { name: "Map and Set", expect: "invalid", input: () => ({ ...GOOD, first_name: new Map([["a", 1]]), last_name: new Set([1, 2]) }), config: () => new Map([["baseUrl", BASE]]) },
  { name: "typed arrays", expect: "invalid", input: () => ({ ...GOOD, first_name: new Uint8Array(1 << 16), last_name: new Float64Array([NaN, Infinity]) }) },
  { name: "ArrayBuffer and DataView", expect: "invalid", input: () => ({ ...GOOD, first_name: new ArrayBuffer(1 << 20), last_name: new DataView(new ArrayBuffer(8)) }) },
  { name: "sparse arrays", expect: "invalid", ...field(() => { const a = []; a[100_000] = "x"; a[3] = 1; return a; }) },
  {
    name: "NaN, Infinity and -0 in number fields", op: "m2p.updateNomineeDetails", expect: "invalid",
    input: () => ({ entityId: "E1", nominees: [{ name: "A", relationship: "Son", percentShare: NaN, dob: "1990-01-01", minor: false, mobile: { value: "9876543210", countryCode: Infinity } }, { name: "B", relationship: "Son", percentShare: -0, dob: "1990-01-01" }] }),
    body: () => '{"nominees":[{"percentShare":NaN,"x":Infinity,"y":-0,"z":1e400}]}',
  },
  {
    name: "integers past 2^53", op: "m2p.updateCustomer", expect: "invalid",
    input: () => ({ entityId: "E1", communication: { mobile: { value: "9876543210", countryCode: 2 ** 53 + 2 } }, x: Number.MAX_VALUE }),
    body: () => '{"entityId":"E1","communication":{"mobile":{"value":"9876543210","countryCode":123456789012345678901234567890}},"y":-9007199254740993}',
  },
  { name: "lone surrogates in values", expect: "invalid", ...field(() => "a\uD800b\uDFFFc"), body: () => '{"first_name":"a\uD800b","last_name":"\\udc00"}' },
  { name: "lone surrogates in keys", expect: "invalid", input: () => ({ ...GOOD, "\uD83D": 1, ["x\uDE00"]: 2 }), body: () => '{"\uD83D":1,"\\ud800":2}' },
  { name: "10 MB strings", expect: "invalid", ...field(() => "x".repeat(10 << 20)), body: () => `{"first_name":"${"y".repeat(10 << 20)}"}` },
  { name: "10 MB string top level", expect: "invalid", input: () => "z".repeat(10 << 20), body: () => "z".repeat(10 << 20) },
  { name: "nesting 10 000 deep (objects)", expect: "invalid", ...field(() => deep(10_000, false)), body: () => `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}` },
  { name: "nesting 10 000 deep (arrays)", expect: "invalid", input: () => deep(10_000, true), body: () => `{"first_name":${"[".repeat(10_000)}${"]".repeat(10_000)}}` },
  { name: "nesting 200 deep (past serde_json's limit, within JSON.stringify's)", expect: "invalid", ...field(() => deep(200, false)), body: () => `{"first_name":${"[".repeat(200)}${"]".repeat(200)}}` },
  { name: "objects with 100 000 keys", expect: "invalid", input: () => ({ ...GOOD, ...manyKeys(100_000) }), body: () => JSON.stringify(manyKeys(100_000)) },
  { name: "100 000 keys one level down", op: "m2p.updateCustomer", expect: "invalid", input: () => ({ entityId: "E1", communication: manyKeys(100_000) }) },
  { name: "toJSON that throws", expect: "invalid", input: () => ({ ...GOOD, toJSON() { throw new Error("toJSON boom"); } }) },
  {
    name: "thrown values that are hostile themselves (Error with a throwing message getter, revoked Proxy, 5 MB string, null)", expect: "invalid",
    input: cycle([
      { ...GOOD, get first_name() { throw new (class extends Error { get message() { throw new Error("message getter"); } })(); } },
      { ...GOOD, get first_name() { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); throw proxy; } },
      { ...GOOD, get first_name() { throw "s".repeat(5 << 20); } },
      { ...GOOD, get first_name() { throw Object.assign(new Error("e"), { message: { toString() { throw new Error("toString"); } } }); } },
      { ...GOOD, get first_name() { throw null; } },
    ]),
  },
  { name: "toJSON returning BigInt, itself, or a huge value", expect: "invalid", input: () => ({ ...GOOD, first_name: { toJSON: () => 1n }, last_name: { toJSON() { return this; } }, email: { toJSON: () => "e".repeat(1 << 20) } }) },
  { name: "String, Number and Boolean wrapper objects", expect: "valid", input: () => ({ customer_id: new String(GATHR_ID), first_name: new String("Chris"), popi: new Boolean(true), email: Object("a@b.co") }) },
  { name: "Number wrapper in an integer field", op: "m2p.updateCustomer", expect: "valid", input: () => ({ entityId: "E1", communication: { mobile: { value: "9876543210", countryCode: new Number(91) } } }) },
  { name: "Error and RegExp", expect: "invalid", input: () => ({ ...GOOD, first_name: new Error("e"), last_name: /re(g)ex/giu, email: new TypeError("t") }) },
  { name: "Promise, WeakMap, WeakSet, WeakRef", expect: "invalid", input: () => ({ ...GOOD, first_name: Promise.resolve(1), last_name: new WeakMap(), email: new WeakSet(), middle_name: new WeakRef({}) }) },
  { name: "1 MB keys", expect: "invalid", input: () => ({ ...GOOD, ["k".repeat(1 << 20)]: 1, ["\u00e9".repeat(1 << 19)]: 2 }), body: () => `{"${"k".repeat(1 << 20)}":1}` },
  { name: "huge arrays (1e6 items)", expect: "invalid", ...field(() => new Array(1e6).fill("x")), body: () => `{"first_name":[${new Array(1e6).fill("1").join(",")}]}` },
  { name: "huge array top level (1e6 objects)", expect: "invalid", input: () => Array.from({ length: 1e6 }, () => ({})) },
  // 4 MB of JSON, over the input cap. Before the cap such arrays grew the wasm memory for good
  // (10^7 numbers: to ~770 MiB) and 10^8 of them trapped with `unreachable` (allocation failure).
  { name: "huge array (2e6 numbers)", expect: "invalid", ...field(() => new Array(2e6).fill(0)), body: () => `{"first_name":[${"0,".repeat(2e6)}0]}` },
  // JSON.stringify takes the key list before it reads the getter, so one serialisation does not
  // see the added keys and a second one does: valid or not depends on how often it is read.
  { name: "getter that adds keys while being serialised", input: () => { const o = { ...GOOD, get first_name() { for (let i = 0; i < 1000; i++) o[`added${i}`] = i; return "Chris"; } }; return o; } },
  { name: "class instances with private fields and accessors", expect: "valid", input: () => new (class { #secret = 1; customer_id = GATHR_ID; first_name = "Chris"; get email() { return "x"; } })() },
  { name: "undefined, null, numbers, booleans at the top level", expect: "invalid", input: cycle([undefined, null, 0, -0, NaN, true, "str"]), config: cycle([42, true, "str", 0]), options: cycle([42, null, "str"]) },
  {
    name: "strings that break headers (CR/LF, NUL, non-Latin-1) in a header-bound field", op: "juspay.updateCustomer", expect: "invalid",
    input: () => ({ customer_id: "cst\r\nX-Injected: 1\u0000\u2028\uFEFF\u4E2D", first_name: "Tim" }),
    // Sent for real through an injected fetch: a config value that no header can carry.
    config: () => ({ baseUrl: BASE, apiKey: "k\r\nX-Evil: 1", merchantId: "m\u4E2D\u0000", fetch: injectedFetch("juspay") }),
    configSends: true,
    body: () => "first_name=%0D%0A%00%FF%ED%A0%80&customer_id=%E4%B8%AD&%=%%&&==",
  },
  { name: "control characters and bidi overrides in values and keys", expect: "invalid", input: () => ({ ...GOOD, first_name: "\u202E\u0000\u001F\u007F", ["\u0000\u202E"]: 1 }) },
  { name: "a key named toJSON that is not a function", expect: "invalid", input: () => ({ ...GOOD, toJSON: "not a function" }) },
  // The trap is the caller's own code and JSON.stringify runs it once per claimed index, so the
  // claimed length is kept at 10^5 (10^8 takes minutes inside V8, before the package sees anything).
  { name: "Proxy around an array lying about its length", expect: "invalid", ...field(() => new Proxy([1, 2, 3], { get: (t, k) => (k === "length" ? 1e5 : Reflect.get(t, k)) })) },
  { name: "sparse array of length 2^32-1", expect: "invalid", ...field(() => { const a = []; a.length = 2 ** 32 - 1; return a; }) },
  { name: "Array with extra properties", expect: "invalid", ...field(() => Object.assign(["a"], { extra: 1, "-1": 2 })) },
];

// =====================================================================================
// Worker side
// =====================================================================================
const ISSUE_OK = (i) => i && Array.isArray(i.path) && typeof i.code === "string" && typeof i.message === "string" && i.message.length > 0;
function failureShape(r) {
  if (!Array.isArray(r.issues) || r.issues.length === 0) return "ok:false without issues";
  if (!r.issues.every(ISSUE_OK)) return "an issue without path/code/message";
  return null;
}
const SHAPES = {
  result(r) {
    if (!r || typeof r !== "object" || typeof r.ok !== "boolean") return `not a result: ${textOf(r).slice(0, 80)}`;
    return r.ok ? ("value" in r ? null : "ok:true without value") : failureShape(r);
  },
  built(r) {
    if (!r || typeof r !== "object" || typeof r.ok !== "boolean") return `not a result: ${textOf(r).slice(0, 80)}`;
    if (!r.ok) return failureShape(r);
    return typeof r.url === "string" && typeof r.body === "string" && r.headers && typeof r.headers === "object" ? null : "ok:true without url/headers/body";
  },
  standard(r) {
    if (!r || typeof r !== "object") return "not a Standard Schema result";
    if ("issues" in r) return Array.isArray(r.issues) && r.issues.length > 0 && r.issues.every(ISSUE_OK) ? null : "bad issues";
    return "value" in r ? null : "neither value nor issues";
  },
  match(r) {
    if (r === null) return null;
    if (!r || typeof r !== "object" || typeof r.ok !== "boolean") return `not a result: ${textOf(r).slice(0, 80)}`;
    if (r.ok) return typeof r.op === "string" && r.input && typeof r.input === "object" ? null : "ok:true without op/input";
    return failureShape(r);
  },
  sent(r) {
    if (!r || typeof r !== "object" || typeof r.ok !== "boolean") return `not a send result: ${textOf(r).slice(0, 80)}`;
    if (r.ok) return typeof r.status === "number" ? null : "ok:true without status";
    const e = r.error;
    if (!e || typeof e.kind !== "string" || typeof e.message !== "string") return "ok:false without error.kind/message";
    return ["validation", "auth", "provider", "http", "network", "timeout", "decode", "outcome_unknown"].includes(e.kind) ? null : `unknown kind ${e.kind}`;
  },
  client: () => null,
};

function summarise(r) {
  if (r === null) return "null";
  if (r?.ok === true) return "ok";
  if (r?.ok === false && r.error) return `error ${r.error.kind}`;
  const issues = r?.issues;
  if (Array.isArray(issues)) return `issues ${[...new Set(issues.map((i) => i.code))].slice(0, 3).join(",")}${issues.length > 3 ? ` (+${issues.length})` : ""}`;
  if (r && "value" in r) return "value";
  return typeof r;
}

async function runKind(name) {
  // The instances `api` makes (validators-only at import, full on first use), as they are made.
  const instances = (await import("./support/instances.mjs")).trackInstances();
  const api = await import("customer-update");
  const kind = KINDS.find((k) => k.name === name);
  const op = kind.op ?? GATHR;
  const provider = op.split(".")[0];
  const method = op.split(".")[1];
  const good = GOODS[op];
  const input = () => kind.input();
  const config = () => (kind.config ?? kind.input)();
  const options = () => (kind.options ?? kind.input)();
  const body = () => (kind.body ? kind.body() : textOf(kind.input()));
  const client = api.createClient(provider, { ...CREDS[provider], baseUrl: BASE, fetch: injectedFetch(provider), retries: 0, timeoutMs: 5000 });
  const results = [];

  async function check(apiName, shape, call, mayThrowTypeError = false) {
    const t0 = performance.now();
    const out = { api: apiName };
    try {
      const r = await call();
      const problem = SHAPES[shape](r);
      out.pass = problem === null;
      out.outcome = problem ?? summarise(r);
      out.value = r;
    } catch (e) {
      const trap = e instanceof WebAssembly.RuntimeError;
      out.pass = !trap && mayThrowTypeError && e instanceof TypeError;
      out.outcome = `${trap ? "WASM TRAP " : "threw "}${e?.constructor?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 160)}`;
    }
    out.ms = Math.round(performance.now() - t0);
    results.push(out);
    return out;
  }

  const v = await check("validate", "result", () => api.validate(op, input()));
  await check("schema.validate", "standard", () => api.schema(op)["~standard"].validate(input()));
  await check("diff(before)", "result", () => api.diff(op, input(), good));
  await check("diff(after)", "result", () => api.diff(op, good, input()));
  await check("buildRequest(input)", "built", () => api.buildRequest(op, input(), { baseUrl: BASE }));
  await check("buildRequest(config)", "built", () => api.buildRequest(op, good, config()), true);
  await check("matchRequest(json body)", "match", () => api.matchRequest(...MATCH.json.slice(0, 3), body(), MATCH.json[3]));
  await check("matchRequest(form body)", "match", () => api.matchRequest(...MATCH.form.slice(0, 3), body(), MATCH.form[3]));
  const sent = await check("client.method(input)", "sent", () => client[method](input()));
  await check("client.method(good, options)", "sent", () => client[method](good, options()));
  await check("createClient(config)", "client", async () => {
    const c = api.createClient(provider, config());
    // An already-aborted signal: the configured client runs its whole send path up to the
    // network and stops there (nothing may leave the process).
    const r = await c[method](good, kind.configSends ? {} : { signal: AbortSignal.abort() });
    const problem = SHAPES.sent(r);
    if (problem) throw new Error(`createClient(config) send: ${problem}`);
    return r;
  }, true);

  if (kind.expect && v.pass) {
    const got = v.value.ok ? "valid" : "invalid";
    if (got !== kind.expect) {
      v.pass = false;
      v.outcome = `expected ${kind.expect}, got ${got}: ${summarise(v.value)}`;
    }
  }

  // What validate refuses, the client never sends (a Symbol or NaN must not vanish on the way).
  if (kind.expect === "invalid" && sent.pass && sent.value?.ok === true) {
    sent.pass = false;
    sent.outcome = `validate refuses this input, but the client sent it: ${summarise(sent.value)}`;
  }

  // The same instance still answers normal calls correctly.
  let sane = true;
  let saneWhy = "";
  try {
    const ok = api.validate(GATHR, GOOD);
    const bad = api.validate(GATHR, BAD);
    const codes = bad.ok ? [] : bad.issues.map((i) => `${JSON.stringify(i.path)} ${i.code}`).sort();
    sane = ok.ok === true && JSON.stringify(ok.value) === JSON.stringify(GOOD) && JSON.stringify(codes) === JSON.stringify(BAD_CODES);
    if (!sane) saneWhy = `after: ${JSON.stringify(ok).slice(0, 100)} / ${JSON.stringify(codes)}`;
    // No result (parsed by JSON.parse) may have polluted a prototype.
    const probe = {};
    if (probe.polluted !== undefined || probe.first_name !== undefined || probe.email !== undefined || [].first_name !== undefined) {
      sane = false;
      saneWhy = "Object.prototype was polluted";
    }
  } catch (e) {
    sane = false;
    saneWhy = `after: threw ${e?.constructor?.name}: ${e?.message}`;
  }
  return { name, results: results.map(({ value, ...r }) => r), sane, saneWhy, wasmBytes: Math.max(...instances.map((i) => i.exports.memory.buffer.byteLength)), instances: instances.length };
}

/** A million validate calls on a separately initialised instance (customer-update/slim). */
async function runMemory() {
  const v8 = await import("node:v8");
  const slim = await import("customer-update/slim");
  const gc = typeof globalThis.gc === "function" ? globalThis.gc : () => {};
  let initialisedBefore = true;
  try {
    slim.validate(GATHR, GOOD);
  } catch {
    initialisedBefore = false; // as expected: this worker's glue has no instance yet
  }
  const wasmPath = fileURLToPath(new URL("../../pkg/dist/wasm/customer_update_bg.wasm", import.meta.url));
  const exports = slim.initSync({ module: readFileSync(wasmPath) });
  const memory = exports.memory;
  const table = exports.__wbindgen_externrefs; // JS values held by wasm: a leak shows here first

  const cases = await import("./cases.mjs");
  const circular = { ...GOOD };
  circular.self = circular;
  // Valid and invalid inputs of five operations (the cheaper ones: a million calls must fit the
  // time budget on a loaded machine), and hostile values.
  const inputs = [];
  for (const op of ["juspay.updateCustomer", "bvnk.updateCustomerStatus", "m2p.updateCustomerStatus", "gathr.updateCustomer", "accessbank.updateCustomerDetails"]) {
    inputs.push([op, cases.examples[op], true]);
    inputs.push([op, cases.several[op].input, false]);
  }
  inputs.push(
    [GATHR, GOOD, true],
    [GATHR, BAD, false],
    [GATHR, circular, false],
    [GATHR, { ...GOOD, first_name: 10n }, false],
    [GATHR, { ...GOOD, get first_name() { throw new Error("getter"); } }, false],
    [GATHR, { ...GOOD, first_name: "a\uD800b" }, false],
    [GATHR, { ...GOOD, first_name: deep(200, false) }, false],
    [GATHR, JSON.parse(`{"__proto__":{"a":1},"customer_id":"${GATHR_ID}","first_name":"A"}`), false],
    [GATHR, { ...GOOD, first_name: "x".repeat(10_000) }, false],
    [GATHR, Symbol("s"), false],
  );
  // Rare and costly: a 1 MiB string (just under the input cap), one over the cap, and 1 000
  // unknown keys (200 issues, each with a "did you mean" search: ~5 ms), each once per 10 000.
  const RARE = {
    2_500: [GATHR, { ...GOOD, first_name: "y".repeat((1 << 20) - 200) }, false],
    5_000: [GATHR, { ...GOOD, first_name: "y".repeat(1 << 20) }, false],
    7_500: [GATHR, { ...GOOD, ...manyKeys(1000, "unknown_key_") }, false],
  };
  let wrong = 0;
  const run = (from, to) => {
    for (let i = from; i < to; i++) {
      const [op, value, valid] = RARE[i % 10_000] ?? inputs[i % inputs.length];
      const r = slim.validate(op, value);
      if (r.ok !== valid) wrong += 1;
    }
  };
  const mem = () => {
    gc();
    const u = process.memoryUsage();
    return { wasm: memory.buffer.byteLength, table: table.length, rss: u.rss, heapUsed: v8.getHeapStatistics().used_heap_size };
  };
  const start = mem();
  run(0, 10_000);
  const warm = mem();
  const t0 = performance.now();
  run(10_000, 1_000_000);
  const ms = Math.round(performance.now() - t0);
  const end = mem();
  return { initialisedBefore, start, warm, end, ms, wrong, kinds: inputs.length + Object.keys(RARE).length };
}

if (process.env.CU_HOSTILE_MEMORY_CHILD === "1") {
  // A child process of its own, so that its RSS is the instance's alone.
  process.send(await runMemory(), () => process.exit(0));
} else if (!isMainThread) {
  parentPort.postMessage(await runKind(workerData.kind));
} else {
  await main();
}

// =====================================================================================
// Main thread: one test per kind (each in a worker with a deadline), a summary, the memory test
// =====================================================================================
async function main() {
  const { test, describe } = await import("node:test");
  const assert = (await import("node:assert/strict")).default;

  /** Runs `data` in a worker of this file; resolves `{ report }` or `{ failure }`, never hangs. */
  function inWorker(data, deadlineMs) {
    return new Promise((resolve) => {
      const w = new Worker(new URL(import.meta.url), { workerData: data });
      let settled = false;
      const done = (v) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        w.terminate().finally(() => resolve(v));
      };
      const timer = setTimeout(() => done({ failure: `HANG: no answer within ${deadlineMs} ms` }), deadlineMs);
      w.once("message", (report) => done({ report }));
      w.once("error", (e) => done({ failure: `uncaught in the worker: ${e?.constructor?.name}: ${String(e?.message ?? e).slice(0, 300)}` }));
      w.once("exit", (code) => done({ failure: `worker exited (code ${code}) without a report` }));
    });
  }

  /** Runs the memory test in a child process (its RSS is then its own); never hangs. */
  function inChild(deadlineMs) {
    return new Promise((resolve) => {
      const child = fork(fileURLToPath(import.meta.url), [], {
        env: { ...process.env, CU_HOSTILE_MEMORY_CHILD: "1" },
        execArgv: ["--expose-gc"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      let settled = false;
      const done = (v) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (child.exitCode === null) child.kill();
        resolve(v);
      };
      const timer = setTimeout(() => done({ failure: `HANG: no answer within ${deadlineMs} ms` }), deadlineMs);
      child.once("message", (report) => done({ report }));
      child.once("error", (e) => done({ failure: `child process: ${e?.message}` }));
      child.once("exit", (code, signal) => done({ failure: `child exited (${code ?? signal}) without a report` }));
    });
  }

  // The million calls take ~15-30 s: they run in their own process while the kinds below run.
  // (Deadlines are generous: `node --test tests/node/` runs other files beside this one.)
  const memoryRun = inChild(150_000);

  const names = new Set();
  for (const k of KINDS) {
    assert.ok(!names.has(k.name), `duplicate kind ${k.name}`);
    names.add(k.name);
  }
  const outcome = new Map(); // kind → null (passed) | why it failed
  const wasmPeak = new Map(); // kind → wasm memory bytes after its calls
  const WASM_BOUND = 64 << 20;

  describe("hostile kinds", { concurrency: 1 }, () => {
    for (const kind of KINDS) {
      test(kind.name, { timeout: 90_000 }, async () => {
        outcome.set(kind.name, "did not finish");
        const { report, failure } = await inWorker({ mode: "kind", kind: kind.name }, 60_000);
        if (failure) {
          outcome.set(kind.name, failure);
          assert.fail(failure);
        }
        const bad = report.results.filter((r) => !r.pass).map((r) => `${r.api}: ${r.outcome}`);
        if (!report.sane) bad.push(report.saneWhy);
        wasmPeak.set(kind.name, report.wasmBytes);
        // Inputs are read up to 1 Mi characters of JSON: whatever the kind, the wasm memory stays small.
        if (report.wasmBytes > WASM_BOUND) bad.push(`wasm memory grew to ${report.wasmBytes} bytes`);
        // Validation on the validators-only instance, the rest on the full one: both were watched.
        if (report.instances !== 2) bad.push(`the entry made ${report.instances} wasm instances, not 2`);
        outcome.set(kind.name, bad.length ? bad.join("; ") : null);
        assert.deepEqual(bad, [], `${kind.name}:\n  ${report.results.map((r) => `${r.pass ? "ok " : "BAD"} ${r.api} → ${r.outcome} (${r.ms} ms)`).join("\n  ")}`);
      });
    }
  });

  test("summary: every hostile kind passed every API", () => {
    const passed = KINDS.filter((k) => outcome.get(k.name) === null).length;
    console.log(`hostile kinds passed: ${passed}/${KINDS.length} (each through 11 calls: validate, schema.validate, diff before/after, buildRequest input/config, matchRequest json/form, client method input/options, createClient config)`);
    const peak = Math.max(...wasmPeak.values());
    console.log(`hostile kinds: largest wasm memory after a kind's calls ${(peak / 1048576).toFixed(1)} MiB (bound ${WASM_BOUND / 1048576} MiB)`);
    for (const k of KINDS) {
      const why = outcome.get(k.name);
      if (why !== null) console.log(`  FAILED ${k.name}: ${why ?? "not run"}`);
    }
    assert.ok(KINDS.length >= 30);
    assert.equal(passed, KINDS.length);
  });

  test("no leak on exception paths: throwing hooks, primitive options, throwing inputs (2 000 sends each)", { timeout: 30_000 }, async () => {
    // The instances `api` makes (validators-only at import, full on first use), as they are made.
    const instances = (await import("./support/instances.mjs")).trackInstances();
    const api = await import("customer-update");
    const client = api.createClient("gathr", {
      ...CREDS.gathr, baseUrl: BASE, fetch: injectedFetch("gathr"), retries: 0,
      onRequest: () => { throw new Error("onRequest throws"); },
      onResponse: () => { throw new (class extends Error { get message() { throw new Error("and so does its message"); } })(); },
    });
    const hostile = { ...GOOD, get first_name() { throw new Error("getter"); } };
    const round = async (n) => {
      for (let i = 0; i < n; i++) {
        const a = await client.updateCustomer(GOOD, i % 2 ? "options as a string" : 42);
        const b = await client.updateCustomer(hostile);
        if (a.ok !== true || b.error?.kind !== "validation") throw new Error(`unexpected: ${JSON.stringify([a, b])}`);
        api.validate(GATHR, { ...GOOD, first_name: 1n });
        api.diff(GATHR, hostile, hostile);
      }
    };
    await round(200); // warm-up
    assert.equal(instances.length, 2, "the validators-only instance and the full one");
    const sizes = () => instances.map(({ exports: wasm }) => [wasm.__wbindgen_externrefs.length, wasm.memory.buffer.byteLength]);
    const before = sizes();
    await round(2000);
    const after = sizes();
    for (const [i, which] of ["validators-only", "full"].entries()) {
      const [[table0, mem0], [table1, mem1]] = [before[i], after[i]];
      console.log(`exception paths, ${which} instance: externref table ${table0} → ${table1} slots, wasm memory ${mem0} → ${mem1} bytes over 2 000 rounds`);
      assert.ok(table1 <= table0, `${which}: externref table grew from ${table0} to ${table1}`);
      assert.ok(mem1 <= mem0 + 65536, `${which}: wasm memory grew from ${mem0} to ${mem1}`);
    }
  });

  test("memory: 1 000 000 validate calls keep the wasm memory flat (separate slim instance)", { timeout: 160_000 }, async () => {
    // Node resolves the package's "./slim" export to dist/slim.js (the exports map has only a
    // "default" condition for it), over dist/wasm/customer_update.js, a glue module the node entry
    // never imports (it holds its own glue and requires the full one as CommonJS on first use).
    // (node_modules/customer-update is a symlink to pkg/; the loader uses the real path.)
    const slimPath = realpathSync(fileURLToPath(import.meta.resolve("customer-update/slim")));
    assert.equal(slimPath, fileURLToPath(new URL("../../pkg/dist/slim.js", import.meta.url)));
    assert.match(readFileSync(slimPath, "utf8"), /from "\.\/wasm\/customer_update\.js"/);
    assert.doesNotMatch(readFileSync(realpathSync(fileURLToPath(import.meta.resolve("customer-update"))), "utf8"), /from "\.\/wasm\/customer_update\.js"/);

    const { report, failure } = await memoryRun;
    assert.equal(failure, undefined, failure);
    const { start, warm, end, ms, wrong, initialisedBefore, kinds } = report;
    const mb = (n) => `${(n / 1048576).toFixed(1)} MiB`;
    console.log(`memory: wasm ${mb(start.wasm)} at start, ${mb(warm.wasm)} after 10 000 warm-up calls, ${mb(end.wasm)} after 1 000 000 calls (${kinds} input kinds, ${ms} ms, ${(ms * 1000 / 990_000).toFixed(1)} µs/call)`);
    console.log(`memory: externref table ${warm.table} slots after the warm-up, ${end.table} after the million`);
    console.log(`memory: process RSS ${mb(start.rss)} at start, ${mb(warm.rss)} after the warm-up, ${mb(end.rss)} after the million; JS heap used ${mb(start.heapUsed)} → ${mb(warm.heapUsed)} → ${mb(end.heapUsed)} (after a forced GC)`);
    assert.equal(initialisedBefore, false, "the worker's slim glue was not initialised before initSync: a separate instance");
    assert.equal(wrong, 0, "every call gave the expected ok/invalid answer");
    // The allocator (dlmalloc) never returns pages, so the wasm memory is a high-water mark: the
    // warm-up makes every kind of call (the 1 MiB input included) at least once, after which
    // the million calls must reuse that memory. One page (64 KiB) of slack covers a single
    // growth from fragmentation: different interleavings of the same allocation sizes can need
    // one more chunk than the warm-up's. A leak of even 64 bytes per call would grow it by ~60 MiB.
    assert.ok(end.wasm <= warm.wasm + 65536, `wasm memory grew from ${warm.wasm} to ${end.wasm} bytes`);
    // Every JS value wasm holds sits in this table; inputs that make JSON.stringify throw used to
    // leave one slot behind per call (which also grew the wasm memory: 1 MiB over the million).
    assert.ok(end.table <= warm.table, `externref table grew from ${warm.table} to ${end.table} slots`);
  });
}
