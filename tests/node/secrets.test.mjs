// Secrets never leave the package (issue 6, item 4).
//
// Every credential of every provider gets a recognisable value ("SECRET-<provider>-<key>-<run>"),
// and so do the wrong ones used to provoke 401s. The package is then driven through validate,
// diff, buildRequest and createClient sends against the provider simulator (a second instance,
// started with these credentials) and against local servers, through every kind of failure:
// 401/403 (wrong keys, wrong and expired tokens, token endpoints refusing), 5xx, 429, timeouts,
// network errors (reset, refused, a fetch that throws with the request's headers in its message),
// decode errors (malformed, HTML, oversized), validation failures, and servers that echo the
// request's headers back in their error bodies. Also collected: the tokens the token endpoints
// issue and every Hawk MAC sent (both secrets too, seen on the wire).
//
// Searched, for every secret: every returned result (JSON.stringify of the whole result, the
// error message, each issue), every onRequest/onResponse event, every thrown error (message and
// stack), String/JSON.stringify/util.inspect of every client, the simulator's log lines (memory,
// /_sim/log and its stdout callback) and everything written through console.* during the run.
// buildRequest is a builder: its successful result carries the credentials in its headers by
// design (that is what a backend sends), so it is not searched; its failures are, and the masked
// previews of the same headers (onRequest) must hide them.
//
// Also here: response bodies are size-capped (over 1 MiB → kind "decode", not read, with or
// without Content-Length) and content-type checked (HTML on a 200 → "decode"; `raw` capped).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import util from "node:util";
import { randomBytes } from "node:crypto";
import { validate, diff, buildRequest, createClient, example, operations, matchRequest, schema } from "customer-update";
import { startSimulator } from "../../www/simulator/server.mjs";
import { startServer, closedPort, HANG } from "./support/server.mjs";
import { examples, several } from "./cases.mjs";

const T = { timeout: 20_000 };
const RUN = randomBytes(6).toString("hex");
const secret = (provider, key) => `SECRET-${provider}-${key}-${RUN}`;
const b64 = (s) => Buffer.from(s).toString("base64");

// ---- the credentials. Ids (merchantId, hawkId, tenantId, clientId) are configuration but not
// secret: the simulator logs them on purpose, so they are not searched for. ----
const CREDS = {
  accessbank: { authorizationKey: secret("accessbank", "authorizationKey"), subscriptionKey: secret("accessbank", "subscriptionKey"), merchantId: `ID-accessbank-merchantId-${RUN}` },
  juspay: { apiKey: secret("juspay", "apiKey"), merchantId: `ID-juspay-merchantId-${RUN}` },
  bvnk: { hawkId: `ID-bvnk-hawkId-${RUN}`, hawkKey: secret("bvnk", "hawkKey") },
  gathr: { token: secret("gathr", "token") },
  m2p: { tenantId: `ID-m2p-tenantId-${RUN}`, clientId: `ID-m2p-clientId-${RUN}`, clientSecret: secret("m2p", "clientSecret") },
};
/** Wrong values for each secret (for 401s): secrets as well. */
const WRONG = {
  accessbank: { authorizationKey: secret("accessbank", "authorizationKey-wrong"), subscriptionKey: secret("accessbank", "subscriptionKey-wrong"), accessToken: secret("accessbank", "accessToken") },
  juspay: { apiKey: secret("juspay", "apiKey-wrong") },
  bvnk: { hawkKey: secret("bvnk", "hawkKey-wrong") },
  gathr: { token: secret("gathr", "token-wrong") },
  m2p: { clientSecret: secret("m2p", "clientSecret-wrong"), accessToken: secret("m2p", "accessToken") },
};
/** Every secret value to look for. Grows as tokens are issued and MACs are sent. */
const SECRETS = new Set();
for (const group of [CREDS, WRONG]) {
  for (const [provider, creds] of Object.entries(group)) {
    for (const [k, v] of Object.entries(creds)) {
      if (!/Id$/.test(k)) SECRETS.add(v);
      if (provider === "juspay" && k === "apiKey") SECRETS.add(b64(`${v}:`)); // the Basic header's form
    }
  }
}
const STATIC_SECRETS = SECRETS.size;
const issuedTokens = new Set();
const hawkMacs = new Set();
function addSecret(value, into) {
  if (typeof value === "string" && value.length >= 8) {
    SECRETS.add(value);
    into?.add(value);
  }
}

// ---- places: everything that left the package, or that a user would see or log ----
const places = [];
function place(where, value) {
  let json = "";
  try {
    json = JSON.stringify(value) ?? "";
  } catch (e) {
    json = `[unstringifiable: ${e.message}]`;
  }
  const inspected = util.inspect(value, { depth: 10, showHidden: true, maxArrayLength: null, maxStringLength: null, breakLength: Infinity });
  places.push({ where, text: `${json}\n${inspected}${value instanceof Error ? `\n${value.message}\n${value.stack}` : ""}` });
}
/** A result: the whole of it, and its error's message and issues on their own. */
function placeResult(where, r) {
  place(where, r);
  if (r?.error) {
    place(`${where} error.message`, r.error.message);
    for (const [i, issue] of (r.error.issues ?? []).entries()) place(`${where} error.issues[${i}]`, issue);
  }
  for (const [i, issue] of (r?.issues ?? []).entries()) place(`${where} issues[${i}]`, issue);
}
function placeClient(where, client) {
  place(`String(${where})`, String(client));
  place(`JSON.stringify(${where})`, JSON.stringify(client));
  place(`util.inspect(${where})`, util.inspect(client, { depth: 5, showHidden: true }));
  for (const k of Object.keys(client)) place(`${where}.${k}`, String(client[k]));
}
/** Runs `f`; a throw is recorded (message and stack) and returned as `{ thrown }`. */
function tryCall(where, f) {
  try {
    return f();
  } catch (e) {
    place(`${where} thrown`, e);
    return { thrown: e };
  }
}

// ---- console: captured (and still printed) during the whole run ----
const consoleLines = [];
for (const m of ["log", "info", "warn", "error", "debug", "trace"]) {
  const original = console[m].bind(console);
  console[m] = (...args) => {
    consoleLines.push(`console.${m}: ${util.format(...args)}`);
    original(...args);
  };
}
const warnings = [];
process.on("warning", (w) => warnings.push(`${w.name}: ${w.message}\n${w.stack}`));

// ---- hooks: every event is a place ----
let hookEvents = 0;
const requestEvents = [];
const hooks = (label) => ({
  onRequest: (e) => {
    hookEvents += 1;
    requestEvents.push(e);
    place(`${label} onRequest`, e);
  },
  onResponse: (e) => {
    hookEvents += 1;
    place(`${label} onResponse`, e);
  },
});

// ---- the simulator, with these credentials; its log lines are places ----
let sim;
const simStdout = [];
const BASES = { accessbank: "/accessbank", juspay: "/juspay", bvnk: "/bvnk", gathr: "/gathr", m2p: "/m2p/prepaid/customer" };
const PROVIDERS = Object.keys(BASES);
const opsOf = (p) => operations().filter((o) => o.startsWith(`${p}.`));
const methodOf = (op) => op.split(".")[1];

/** Bearer tokens and Hawk MACs seen in an Authorization header become secrets to search for. */
function collectAuthorization(auth = "") {
  const bearer = /^Bearer (.+)$/i.exec(auth);
  if (bearer) addSecret(bearer[1], issuedTokens);
  const mac = /mac="([^"]+)"/.exec(auth);
  if (mac) addSecret(mac[1], hawkMacs);
}

/** Watches the wire of an http.Server: token bodies issued, Bearer tokens and Hawk MACs sent. */
function tap(server) {
  server.on("request", (req, res) => {
    collectAuthorization(req.headers.authorization);
    const end = res.end.bind(res);
    res.end = (chunk, ...rest) => {
      if (chunk && /\/waas\/Client\/authenticate$|\/auth\/token$/.test(req.url.split("?")[0])) {
        try {
          const body = JSON.parse(Buffer.from(chunk).toString("utf8"));
          addSecret(body?.data?.accessToken, issuedTokens);
          addSecret(body?.access_token, issuedTokens);
        } catch {
          /* not a token body */
        }
      }
      return end(chunk, ...rest);
    };
  });
}

const servers = new Set();
before(async () => {
  sim = await startSimulator({ port: 0, log: (line) => simStdout.push(line), credentials: structuredClone(CREDS), accessbankTokenTtl: 120, m2pTokenTtl: 3600 });
  tap(sim.server);
});
after(async () => {
  await Promise.all([...servers].map((s) => s.close()));
  await sim?.close();
});
async function serve(handler) {
  const srv = await startServer((rec, api) => {
    collectAuthorization(rec.headers.authorization);
    return handler(rec, api);
  });
  servers.add(srv);
  return srv;
}
const simCall = async (method, path, body) => {
  const r = await fetch(`${sim.url}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return r.json();
};
const queueFault = (entry) => simCall("POST", "/_sim/faults", entry);

/** A lost answer (network, timeout) on an operation the client may not repeat: outcome_unknown. */
function lostAnswer(kind, r) {
  return (kind === "network" || kind === "timeout") && r.error?.kind === "outcome_unknown" && r.error.retryable === false;
}

/** Access Bank and M2P fetch a token first: its endpoint failing is kind auth. */
function tokenFailed(p, r) {
  return (p === "accessbank" || p === "m2p") && r.error?.kind === "auth" && /access token/.test(r.error.message);
}

function simClient(p, extra = {}, label = p) {
  const c = createClient(p, { ...CREDS[p], baseUrl: `${sim.url}${BASES[p]}`, timeoutMs: 3000, retries: 0, ...hooks(label), ...extra });
  placeClient(label, c);
  return c;
}
async function send(label, client, op, input, options) {
  const r = await client[methodOf(op)](input, options);
  placeResult(label, r);
  return r;
}

// =====================================================================================
// validate, diff, schema, matchRequest, buildRequest
// =====================================================================================
test("validate, schema, diff and matchRequest results (valid and invalid inputs)", () => {
  for (const op of operations()) {
    placeResult(`validate ${op} example`, validate(op, examples[op]));
    placeResult(`validate ${op} several`, validate(op, several[op].input));
    place(`schema ${op}`, schema(op)["~standard"].validate(several[op].input));
    placeResult(`diff ${op}`, diff(op, examples[op], several[op].input));
  }
  placeResult("matchRequest unreadable", matchRequest("gathr", "PATCH", "/customers/x", "{not json", "application/json"));
  tryCall("validate unknown op", () => validate("nope.op", {}));
});

test("buildRequest: failures and thrown errors never carry a secret; successes are builders (not searched)", () => {
  for (const p of PROVIDERS) {
    const config = { ...CREDS[p], ...WRONG[p], baseUrl: "https://proxy.example" };
    for (const op of opsOf(p)) {
      const ok = buildRequest(op, examples[op], config);
      assert.equal(ok.ok, true, `${op}: ${JSON.stringify(ok.issues)}`);
      placeResult(`buildRequest ${op} invalid input`, buildRequest(op, several[op].input, config));
      placeResult(`buildRequest ${op} hostile input`, buildRequest(op, { ...examples[op], get boom() { throw new Error("getter"); } }, config));
    }
    const firstOp = opsOf(p)[0];
    // Programmer errors: thrown TypeErrors must not quote the config either.
    tryCall(`buildRequest ${p} unknown op`, () => buildRequest(`${p}.nope`, examples[firstOp], config));
    tryCall(`buildRequest ${p} config with a BigInt`, () => buildRequest(firstOp, examples[firstOp], { ...config, n: 1n }));
    tryCall(`buildRequest ${p} circular config`, () => {
      const c = { ...config };
      c.self = c;
      return buildRequest(firstOp, examples[firstOp], c);
    });
    tryCall(`buildRequest ${p} config not an object`, () => buildRequest(firstOp, examples[firstOp], Object.values(config).join(",")));
  }
});

test("createClient: thrown TypeErrors for bad configs do not quote the credentials", () => {
  for (const p of PROVIDERS) {
    const config = { ...CREDS[p], ...WRONG[p] };
    tryCall(`createClient ${p} bad timeoutMs`, () => createClient(p, { ...config, timeoutMs: -1 }));
    tryCall(`createClient ${p} bad fetch`, () => createClient(p, { ...config, fetch: Object.values(config).join(",") }));
    tryCall(`createClient ${p} circular`, () => {
      const c = { ...config };
      c.self = c;
      return createClient(p, c);
    });
    tryCall(`createClient unknown provider`, () => createClient(`${p}-nope`, config));
  }
});

// =====================================================================================
// createClient against the simulator
// =====================================================================================
test("simulator: every operation succeeds, with hooks; tokens and MACs are collected", T, async () => {
  await simCall("POST", "/_sim/reset", { tokens: true });
  for (const p of PROVIDERS) {
    const c = simClient(p, {}, `sim ${p}`);
    for (const op of opsOf(p)) {
      const r = await send(`sim ${op}`, c, op, example(op));
      assert.equal(r.ok, true, `${op}: ${JSON.stringify(r.error)}`);
    }
  }
  assert.ok(issuedTokens.size >= 2, "an Access Bank and an M2P token were issued");
  assert.ok(hawkMacs.size >= 3, "every BVNK request sent a MAC");
});

test("simulator: validation failures (nothing sent)", T, async () => {
  for (const p of PROVIDERS) {
    const c = simClient(p, {}, `sim ${p} validation`);
    for (const op of opsOf(p)) {
      const r = await send(`sim ${op} invalid`, c, op, several[op].input);
      assert.equal(r.error?.kind, "validation");
    }
  }
});

test("simulator: 401/403 with wrong secrets, static wrong tokens, refused token requests", T, async () => {
  const cases = [
    ["accessbank", { authorizationKey: WRONG.accessbank.authorizationKey }],
    ["accessbank", { subscriptionKey: WRONG.accessbank.subscriptionKey }],
    ["accessbank", { accessToken: WRONG.accessbank.accessToken }],
    ["juspay", { apiKey: WRONG.juspay.apiKey }],
    ["bvnk", { hawkKey: WRONG.bvnk.hawkKey }],
    ["gathr", { token: WRONG.gathr.token }],
    ["m2p", { clientSecret: WRONG.m2p.clientSecret }],
    ["m2p", { accessToken: WRONG.m2p.accessToken }],
    ["m2p", { tenantId: `ID-m2p-tenantId-wrong-${RUN}` }],
  ];
  for (const [p, wrong] of cases) {
    const label = `sim ${p} wrong ${Object.keys(wrong)[0]}`;
    const c = simClient(p, wrong, label);
    const op = opsOf(p)[0];
    const r = await send(label, c, op, example(op));
    assert.equal(r.ok, false, label);
    assert.equal(r.error.kind, "auth", `${label}: ${JSON.stringify(r.error)}`);
  }
});

test("simulator: 5xx, 429, malformed JSON, HTML, oversized, reset, timeout (operations and token endpoints)", T, async () => {
  await simCall("POST", "/_sim/reset", { tokens: true });
  const faults = [
    ["503", "http"], ["500", "http"], ["429:1", "http"], ["malformed-json", "decode"], ["html", "http"],
    ["oversized", "decode"], ["reset", "network"], ["timeout", "timeout"],
  ];
  for (const p of PROVIDERS) {
    const op = opsOf(p)[0];
    for (const [fault, kind] of faults) {
      const label = `sim ${op} fault ${fault}`;
      await queueFault({ provider: p, op, fault });
      const c = simClient(p, { timeoutMs: 500 }, label);
      const r = await send(label, c, op, example(op));
      assert.equal(r.ok, false, label);
      // The provider shape of a 5xx/429 body may be recognised: "provider" is then right too. A
      // lost answer on a call that is not safe to repeat is "outcome_unknown".
      assert.ok(r.error.kind === kind || (kind === "http" && r.error.kind === "provider") || lostAnswer(kind, r), `${label}: ${JSON.stringify(r.error).slice(0, 300)}`);
    }
  }
  for (const [p, tokenOp] of [["accessbank", "accessbank.token"], ["m2p", "m2p.token"]]) {
    for (const fault of ["500", "malformed-json", "html", "reset", "timeout"]) {
      const label = `sim ${tokenOp} fault ${fault}`;
      await queueFault({ provider: p, op: tokenOp, fault });
      const c = simClient(p, { timeoutMs: 500 }, label); // a new client: no cached token
      const r = await send(label, c, opsOf(p)[0], example(opsOf(p)[0]));
      assert.equal(r.ok, false, label);
    }
  }
  await simCall("DELETE", "/_sim/faults");
});

test("simulator: a retried 503 (M2P, BVNK) and an expired token renewed after a 401", T, async () => {
  const short = await startSimulator({ port: 0, log: (line) => simStdout.push(line), credentials: structuredClone(CREDS), accessbankTokenTtl: 0.3, m2pTokenTtl: 0.3 });
  tap(short.server);
  try {
    for (const p of ["m2p", "bvnk"]) {
      const op = opsOf(p)[0];
      await fetch(`${short.url}/_sim/faults`, { method: "POST", body: JSON.stringify({ provider: p, op, fault: "503" }) });
      const c = createClient(p, { ...CREDS[p], baseUrl: `${short.url}${BASES[p]}`, timeoutMs: 3000, retries: 2, ...hooks(`short ${p}`) });
      const r = await send(`short ${op} retried`, c, op, example(op));
      assert.equal(r.ok, true, JSON.stringify(r.error));
    }
    for (const p of ["accessbank", "m2p"]) {
      const op = opsOf(p)[0];
      const c = createClient(p, { ...CREDS[p], baseUrl: `${short.url}${BASES[p]}`, timeoutMs: 3000, retries: 0, ...hooks(`short ${p} renew`) });
      assert.equal((await send(`short ${op} first`, c, op, example(op))).ok, true);
      await new Promise((r) => setTimeout(r, 400)); // expired at the server, not yet at the client
      const again = await send(`short ${op} renewed`, c, op, example(op));
      assert.equal(again.ok, true, JSON.stringify(again.error));
    }
    place("short simulator log", short.state.log);
  } finally {
    await short.close();
  }
});

// =====================================================================================
// Local servers: plain (non-JWT) issued tokens, echoing servers, throwing fetch, caps
// =====================================================================================
const TOKEN_PATHS = { accessbank: "/waas/Client/authenticate", m2p: "/auth/token" };
const SUCCESS = {
  accessbank: { succeeded: true, code: "200", message: "successful request", data: {}, pageMeta: {}, errors: {} },
  juspay: { id: "cst_om2l6ctlptxwxuzj", object: "customer" },
  bvnk: { reference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", status: "VERIFIED" },
  gathr: { data: { id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27" } },
  m2p: { result: {}, pagination: null },
};
let tokenSerial = 0;
/** A token answer with a recognisable, non-JWT token (the JWT shape would be redacted by its looks). */
function issue(p) {
  tokenSerial += 1;
  const token = secret(p, `issued-token-${tokenSerial}`);
  addSecret(token, issuedTokens);
  return p === "accessbank"
    ? { body: { succeeded: true, code: "200", message: "Authentication successful", data: { accessToken: token, expiresIn: 120 }, pageMeta: {}, errors: {} } }
    : { body: { access_token: token, token_type: "Bearer", expires_in: 3600 } };
}
const isTokenRequest = (rec) => rec.path.endsWith(TOKEN_PATHS.accessbank) || rec.path === TOKEN_PATHS.m2p;
const localConfig = (p, srv, extra = {}) => ({
  ...CREDS[p],
  baseUrl: p === "m2p" ? `${srv.origin}/prepaid/customer` : srv.origin,
  timeoutMs: 2000,
  retries: 0,
  ...extra,
});
function localClient(p, srv, label, extra = {}) {
  const c = createClient(p, { ...localConfig(p, srv, extra), ...hooks(label) });
  placeClient(label, c);
  return c;
}

/** Everything the request carried, as a hostile or careless server might echo it. */
const echo = (rec) => `method=${rec.method} url=${rec.url} headers=${JSON.stringify(rec.headers)} body=${rec.body}`;

test("local: plain issued tokens, renewed after a 401, never appear", T, async () => {
  for (const p of ["accessbank", "m2p"]) {
    let ops = 0;
    const srv = await serve((rec) => {
      if (isTokenRequest(rec)) return issue(p);
      ops += 1;
      return ops === 1 ? { status: 401, body: { message: "token refused" } } : { body: SUCCESS[p] };
    });
    const c = localClient(p, srv, `local ${p} renew`);
    const op = opsOf(p)[0];
    const r = await send(`local ${op} renewed`, c, op, example(op));
    assert.equal(r.ok, true, JSON.stringify(r.error));
    assert.equal(srv.requests.filter(isTokenRequest).length, 2, "the refused token was renewed once");
  }
});

test("local: servers that echo the request (headers, body, token request) into their answers", T, async () => {
  const answers = [
    [401, "auth", (rec) => ({ status: 401, body: { message: `denied: ${echo(rec)}`, error: echo(rec) } })],
    [403, "auth", (rec) => ({ status: 403, body: `forbidden ${echo(rec)}`, headers: { "content-type": "text/plain" } })],
    [400, "provider", (rec) => ({ status: 400, body: {
      succeeded: false, code: "400", message: `bad request ${echo(rec)}`, errors: { [echo(rec).slice(0, 200)]: [echo(rec)] },
      error_message: echo(rec), error_info: { code: "INVALID_INPUT", category: echo(rec), fields: [{ field_name: "x", reason: echo(rec) }] },
      status: echo(rec), details: { errors: [{ field: "x", message: echo(rec) }] }, fieldErrors: [{ field: "x", message: echo(rec) }], traceId: echo(rec).slice(0, 300),
    } })],
    [500, "http", (rec) => ({ status: 500, body: `<html><body>${echo(rec)}</body></html>`, headers: { "content-type": "text/html" } })],
    [200, "decode", (rec) => ({ status: 200, body: `<html>${echo(rec)}</html>`, headers: { "content-type": "text/html" } })],
  ];
  for (const p of PROVIDERS) {
    const op = opsOf(p)[0];
    for (const [status, kind, answer] of answers) {
      // The operation's answer echoes; so does a failing token request (on its own server).
      const srv = await serve((rec) => (isTokenRequest(rec) ? issue(p) : answer(rec)));
      const c = localClient(p, srv, `echo ${p} ${status}`);
      const r = await send(`echo ${op} ${status}`, c, op, example(op));
      assert.equal(r.ok, false);
      assert.ok([kind, "provider", "http", "auth"].includes(r.error.kind), `${op} ${status}: ${r.error.kind}`);
      if (p === "accessbank" || p === "m2p") {
        const tsrv = await serve((rec) => (isTokenRequest(rec) ? answer(rec) : { body: SUCCESS[p] }));
        const tc = localClient(p, tsrv, `echo ${p} token ${status}`);
        const tr = await send(`echo ${p} token endpoint ${status}`, tc, op, example(op));
        assert.equal(tr.ok, false);
      }
    }
  }
});

test("local: a fetch that throws or rejects with the request's headers in its message", T, async () => {
  for (const p of PROVIDERS) {
    const op = opsOf(p)[0];
    for (const how of ["throws", "rejects", "rejects with a string"]) {
      const fetchImpl = (req) => {
        const text = `cannot reach ${req.url}: ${JSON.stringify(Object.fromEntries(req.headers))}`;
        if (how === "throws") throw new Error(text);
        return Promise.reject(how === "rejects" ? new TypeError(text) : text);
      };
      const c = createClient(p, { ...CREDS[p], baseUrl: "http://127.0.0.1:9", retries: 0, timeoutMs: 1000, fetch: fetchImpl, ...hooks(`fetch ${how} ${p}`) });
      placeClient(`fetch ${how} ${p}`, c);
      const r = await send(`fetch ${how} ${op}`, c, op, example(op));
      // A fetch that rejects may have sent the request: "outcome_unknown" where repeating is unsafe;
      // for Access Bank and M2P the token request fails first: "auth".
      assert.ok(r.error?.kind === "network" || (how !== "throws" && lostAnswer("network", r)) || tokenFailed(p, r), JSON.stringify(r.error));
    }
  }
});

test("local: connection refused and a server that never answers", T, async () => {
  const port = await closedPort();
  for (const p of PROVIDERS) {
    const op = opsOf(p)[0];
    const c = createClient(p, { ...CREDS[p], baseUrl: `http://127.0.0.1:${port}`, retries: 0, timeoutMs: 1000, ...hooks(`refused ${p}`) });
    const r = await send(`refused ${op}`, c, op, example(op));
    assert.ok(r.error?.kind === "network" || tokenFailed(p, r), JSON.stringify(r.error));
  }
  const srv = await serve(() => HANG);
  for (const p of PROVIDERS) {
    const op = opsOf(p)[0];
    const c = localClient(p, srv, `hang ${p}`, { timeoutMs: 300 });
    const r = await send(`hang ${op}`, c, op, example(op));
    assert.ok(r.error?.kind === "timeout" || lostAnswer("timeout", r) || tokenFailed(p, r), JSON.stringify(r.error));
  }
});

// ---- response caps ----
/** A raw server for what support/server.mjs cannot do: chunked streams, lying Content-Length. */
async function rawServer(handler) {
  const sockets = new Set();
  const server = http.createServer(handler);
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const api = {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
  servers.add(api);
  return api;
}

test("caps: a body over 1 MiB is not read — declared (Content-Length) or streamed without one", T, async () => {
  let streamed = 0;
  const srv = await rawServer((req, res) => {
    req.resume();
    if (req.url.includes("declared")) {
      // Declares 2 MiB, sends 1 KiB, then stalls: reading it would end in a timeout, not "decode".
      res.writeHead(200, { "content-type": "application/json", "content-length": String(2 << 20) });
      res.write(`{"data":"${"x".repeat(1000)}`);
      return;
    }
    // Chunked, endless: 64 KiB pieces until the client goes away.
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"data":"');
    const piece = "y".repeat(64 << 10);
    const pump = () => {
      while (!res.destroyed && streamed < (64 << 20)) {
        streamed += piece.length;
        if (!res.write(piece)) return void res.once("drain", pump);
      }
    };
    pump();
  });
  for (const path of ["declared", "streamed"]) {
    const c = createClient("gathr", { ...CREDS.gathr, baseUrl: `${srv.origin}/${path}`, retries: 0, timeoutMs: 5000, ...hooks(`cap ${path}`) });
    const t0 = Date.now();
    const r = await send(`cap ${path}`, c, "gathr.updateCustomer", example("gathr.updateCustomer"));
    assert.equal(r.error?.kind, "decode", `${path}: ${JSON.stringify(r.error)}`);
    assert.equal(r.error.status, 200);
    assert.match(r.error.message, /larger than 1048576 bytes and was not read/);
    assert.ok(Date.now() - t0 < 4000, `${path}: answered before the 5 s timeout`);
    assert.equal(r.error.raw, null, "nothing of an unread body is kept");
  }
  console.log(`caps: the endless chunked body was abandoned after the server had written ${(streamed / 1048576).toFixed(1)} MiB (socket buffers included)`);
  assert.ok(streamed < (16 << 20), `the streamed body was abandoned early (${streamed} bytes written)`);
});

test("caps: HTML on a 200 is kind decode (Content-Type or a leading <), raw kept to 64 KiB", T, async () => {
  const big = `<!DOCTYPE html><html><body>${"<p>gateway</p>".repeat(40_000)}</body></html>`; // ~560 KB
  for (const [label, answer] of [
    ["text/html", { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: big }],
    ["json-labelled html", { status: 200, headers: { "content-type": "application/json" }, body: big }],
    ["html content-type, JSON body", { status: 200, headers: { "content-type": "text/html" }, body: JSON.stringify(SUCCESS.gathr) }],
  ]) {
    const srv = await serve(() => answer);
    const c = localClient("gathr", srv, `html ${label}`);
    const r = await send(`html ${label}`, c, "gathr.updateCustomer", example("gathr.updateCustomer"));
    assert.equal(r.error?.kind, "decode", `${label}: ${JSON.stringify(r.error).slice(0, 200)}`);
    assert.equal(r.error.status, 200);
    assert.match(r.error.message, /HTML page instead of JSON/);
    assert.ok(Buffer.byteLength(r.error.raw) <= 64 * 1024, `${label}: raw is ${Buffer.byteLength(r.error.raw)} bytes`);
  }
});

// =====================================================================================
// The search
// =====================================================================================
test("no secret anywhere: results, hooks, errors, clients, simulator logs, console", async () => {
  // The simulators' logs: memory, /_sim/log, and what they printed.
  place("sim state.log", sim.state.log);
  place("sim state.logEntries", sim.state.logEntries);
  place("GET /_sim/log", await simCall("GET", "/_sim/log"));
  for (const [i, line] of simStdout.entries()) place(`sim stdout line ${i}`, line);
  for (const [i, line] of consoleLines.entries()) place(`console line ${i}`, line);
  for (const [i, w] of warnings.entries()) place(`process warning ${i}`, w);

  assert.ok(issuedTokens.size >= 6, `issued tokens collected: ${issuedTokens.size}`);
  assert.ok(hawkMacs.size >= 3, `Hawk MACs collected: ${hawkMacs.size}`);
  assert.ok(hookEvents > 100, `hook events: ${hookEvents}`);
  // Sanity: the search finds a secret where one is.
  assert.ok(`x${[...SECRETS][0]}x`.includes([...SECRETS][0]));

  // The masked previews: every credential-bearing header of every onRequest event is masked.
  const MASKED = /^(Bearer |Basic |Hawk )?\*\*\*$/;
  let masked = 0;
  for (const e of requestEvents) {
    for (const [name, value] of Object.entries(e.headers)) {
      if (/^(authorization|ocp-apim-subscription-key|x-merchantid|x-tenant-id)$/i.test(name)) {
        assert.match(value, MASKED, `${e.operation} ${name}`);
        masked += 1;
      }
    }
  }
  assert.ok(masked > 50, `masked headers seen: ${masked}`);

  const found = [];
  for (const { where, text } of places) {
    for (const s of SECRETS) if (text.includes(s)) found.push(`${where}: ${s}`);
  }
  console.log(`secrets searched: ${SECRETS.size} values in ${places.length} places, ${found.length} found`);
  console.log(`  (${STATIC_SECRETS} configured or wrong credentials and Basic forms; seen on the wire: ${issuedTokens.size} bearer tokens, ${hawkMacs.size} Hawk MACs; ${hookEvents} hook events)`);
  if (process.env.SECRETS_DEBUG) for (const f of found) console.log(`  FOUND ${f}`);
  assert.deepEqual(found.slice(0, 20), [], `${found.length} secret occurrences`);
});
