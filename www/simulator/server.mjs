// The provider simulator: one node:http server playing Access Bank WaaS, Juspay, BVNK, Gathr and
// M2P Prepaid under path prefixes, with exact auth, the package's own validation, in-memory state
// seeded from the seed documents, fault injection, a masked request log and CORS.
//
//   node www/simulator/server.mjs [--port 18787] [--host 127.0.0.1] [--quiet]
//        [--accessbank-token-ttl 120] [--m2p-token-ttl 3600] [--credentials path.json]
//
//   import { startSimulator } from "./www/simulator/server.mjs";
//   const sim = await startSimulator({ port: 0, log: false });   // { url, port, close(), state, reset() }
//
// See README.md beside this file for routes, credentials, faults and the /_sim endpoints.
import http from "node:http";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { matchRequest, validate } from "customer-update";
import { NonceStore, TokenStore } from "./auth.mjs";
import { HTML_502, malformedBody, oversizedBody, parseFaultList, queueEntry, takeQueued } from "./faults.mjs";
import { maskBody, maskedHeaders, maskPath, scrub, secretValues } from "./mask.mjs";
import { HANDLERS, PREFIXES, PROVIDERS, seedRecords } from "./providers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_PORT = 18787;
export const CREDENTIALS_FILE = join(here, "credentials.json");
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_LOG_ENTRIES = 5000;
const MAX_IDEMPOTENCY_KEYS = 10000;

const ALLOW_HEADERS = [
  "Authorization",
  "Content-Type",
  "Ocp-Apim-Subscription-Key",
  "x-merchantid",
  "x-routing-id",
  "X-TENANT-ID",
  "X-Request-ID",
  "x-sim-fault",
].join(", ");
const EXPOSE_HEADERS = "Retry-After, X-Request-ID, WWW-Authenticate, X-Sim-Op, X-Idempotent-Replayed";

/** Reads the credentials: an object, a file path, $SIM_CREDENTIALS_FILE, or credentials.json here. */
export function loadCredentials(source) {
  const creds =
    source && typeof source === "object"
      ? source
      : JSON.parse(readFileSync(source ?? process.env.SIM_CREDENTIALS_FILE ?? CREDENTIALS_FILE, "utf8"));
  const need = {
    accessbank: ["authorizationKey", "subscriptionKey", "merchantId"],
    juspay: ["apiKey", "merchantId"],
    bvnk: ["hawkId", "hawkKey"],
    gathr: ["token"],
    m2p: ["tenantId", "clientId", "clientSecret"],
  };
  for (const [p, keys] of Object.entries(need)) {
    for (const k of keys) {
      if (typeof creds?.[p]?.[k] !== "string" || creds[p][k] === "") throw new Error(`simulator credentials: ${p}.${k} is missing`);
    }
  }
  return creds;
}

/** Which provider (and relative path) a request path names, or null. */
function route(pathOnly) {
  if (pathOnly === "/auth/token") return { provider: "m2p", rel: "/auth/token", token: true };
  for (const provider of ["m2p", "accessbank", "juspay", "bvnk", "gathr"]) {
    const prefix = PREFIXES[provider];
    if (pathOnly === prefix || pathOnly.startsWith(`${prefix}/`)) {
      const rel = pathOnly.slice(prefix.length) || "/";
      return { provider, rel, token: provider === "accessbank" && rel === "/waas/Client/authenticate" };
    }
  }
  return null;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error("body too large"), { tooLarge: true }));
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * Starts the simulator.
 * options: port (default 18787; 0 = any free port), host ("127.0.0.1"), log (true → stdout,
 * a function → called with each line, false → memory only), accessbankTokenTtl (s, 120),
 * m2pTokenTtl (s, 3600), hawkSkewS (60), credentials (object or file path), now (() => ms).
 * Resolves to { url, port, close(), reset(), state, credentials }.
 */
export async function startSimulator(options = {}) {
  const opts = {
    port: DEFAULT_PORT,
    host: "127.0.0.1",
    log: false,
    accessbankTokenTtl: 120,
    m2pTokenTtl: 3600,
    hawkSkewS: 60,
    ...options,
  };
  for (const k of ["accessbankTokenTtl", "m2pTokenTtl", "hawkSkewS"]) {
    if (!(typeof opts[k] === "number" && opts[k] > 0 && Number.isFinite(opts[k]))) throw new TypeError(`${k} must be a positive number of seconds`);
  }
  const credentials = loadCredentials(opts.credentials);
  const secrets = secretValues(credentials);
  const now = typeof opts.now === "function" ? opts.now : Date.now;
  const tokens = new TokenStore(now);
  const nonces = new NonceStore(15 * 60 * 1000, now);
  const timers = new Set();

  const state = {
    /** provider → Map(id → record) */
    records: seedRecords(),
    /** token endpoint calls per provider (every call, accepted or not) */
    tokenRequests: { accessbank: 0, m2p: 0 },
    /** op → number of updates applied to the records (replays and rejections excluded) */
    appliedUpdates: {},
    /** M2P answers replayed for a repeated X-Request-ID */
    idempotentReplays: 0,
    /** requests served (all routes except /_sim) */
    requests: 0,
    /** pending faults from POST /_sim/faults */
    faultQueue: [],
    /** masked log lines, and the same as objects */
    log: [],
    logEntries: [],
    /** M2P X-Request-ID → { fingerprint, answer } */
    idempotency: new Map(),
  };
  const sim = { options: opts, state, tokens, nonces, now, credentials };

  function reset({ tokens: dropTokens = false } = {}) {
    state.records = seedRecords();
    state.tokenRequests = { accessbank: 0, m2p: 0 };
    state.appliedUpdates = {};
    state.idempotentReplays = 0;
    state.requests = 0;
    state.faultQueue.length = 0;
    state.log.length = 0;
    state.logEntries.length = 0;
    state.idempotency.clear();
    nonces.clear();
    if (dropTokens) tokens.clear();
  }

  const sleep = (ms) =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function writeLog(entry, toMemory) {
    const headers = JSON.stringify(entry.headers);
    const body = entry.body ? ` body=${entry.body.length > 200 ? `${entry.body.slice(0, 200)}…` : entry.body}` : "";
    const line = scrub(
      `${entry.time} ${entry.method} ${entry.path} provider=${entry.provider} op=${entry.op} status=${entry.status} fault=${entry.fault} ${entry.durationMs}ms headers=${headers}${body}`,
      secrets,
    );
    if (toMemory) {
      state.log.push(line);
      state.logEntries.push(JSON.parse(scrub(JSON.stringify(entry), secrets)));
      if (state.log.length > MAX_LOG_ENTRIES) {
        state.log.splice(0, state.log.length - MAX_LOG_ENTRIES);
        state.logEntries.splice(0, state.logEntries.length - MAX_LOG_ENTRIES);
      }
    }
    if (opts.log === true) console.log(line);
    else if (typeof opts.log === "function") opts.log(line);
  }

  function cors(req, res) {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    const asked = req.headers["access-control-request-headers"];
    res.setHeader("Access-Control-Allow-Headers", asked && /^[\w\-, ]{1,1000}$/.test(asked) ? asked : ALLOW_HEADERS);
    res.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    res.setHeader("Access-Control-Max-Age", "600");
  }

  /** Writes an answer `{ status, body, contentType?, headers? }`; `drip` sends the body slowly. */
  async function send(res, answer, drip) {
    const payload = answer.body === undefined || answer.body === null ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    const headers = { ...(answer.headers ?? {}) };
    if (payload !== "" || answer.contentType) headers["Content-Type"] = answer.contentType ?? "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(payload));
    if (res.destroyed) return;
    res.writeHead(answer.status, headers);
    if (!drip) {
      res.end(payload);
      return;
    }
    res.flushHeaders();
    const bytes = Buffer.from(payload);
    const pieces = Math.max(1, Math.min(bytes.length, 20));
    const size = Math.ceil(bytes.length / pieces);
    const gap = drip / pieces;
    for (let i = 0; i < bytes.length; i += size) {
      await sleep(gap);
      if (res.destroyed) return;
      res.write(bytes.subarray(i, i + size));
    }
    res.end();
  }

  const json = (res, status, body) => send(res, { status, body });

  // ---- /_sim: read endpoints and controls ----
  function simRoute(req, res, pathOnly, body) {
    const m = /^\/_sim\/customers\/([^/]+)(?:\/([^/]+))?$/.exec(pathOnly);
    if (m && req.method === "GET") {
      const provider = m[1];
      if (!PROVIDERS.includes(provider)) return json(res, 404, { error: `unknown provider; valid: ${PROVIDERS.join(", ")}` });
      if (m[2] === undefined) return json(res, 200, { provider, ids: [...state.records[provider].keys()] });
      let id;
      try {
        id = decodeURIComponent(m[2]);
      } catch {
        return json(res, 400, { error: "bad percent-encoding in the id" });
      }
      const rec = state.records[provider].get(id);
      return rec ? json(res, 200, rec) : json(res, 404, { error: "no such record", provider, id });
    }
    if (pathOnly === "/_sim/reset" && req.method === "POST") {
      let o = {};
      try {
        o = body.trim() ? JSON.parse(body) : {};
      } catch {
        return json(res, 400, { error: "the body must be JSON, e.g. {} or {\"tokens\": true}" });
      }
      reset({ tokens: o?.tokens === true });
      return json(res, 200, { ok: true });
    }
    if (pathOnly === "/_sim/log") {
      if (req.method === "GET") return json(res, 200, { lines: state.log, entries: state.logEntries });
      if (req.method === "DELETE") {
        state.log.length = 0;
        state.logEntries.length = 0;
        return json(res, 200, { ok: true });
      }
    }
    if (pathOnly === "/_sim/faults") {
      if (req.method === "GET") return json(res, 200, { queued: state.faultQueue });
      if (req.method === "DELETE") {
        state.faultQueue.length = 0;
        return json(res, 200, { ok: true });
      }
      if (req.method === "POST") {
        try {
          const parsed = JSON.parse(body);
          const entries = (Array.isArray(parsed) ? parsed : [parsed]).map((e) => queueEntry(e, PROVIDERS));
          state.faultQueue.push(...entries);
          return json(res, 200, { queued: state.faultQueue });
        } catch (e) {
          return json(res, 400, { error: e instanceof SyntaxError ? "the body must be JSON" : e.message });
        }
      }
    }
    if (pathOnly === "/_sim/state" && req.method === "GET") {
      return json(res, 200, {
        tokenRequests: state.tokenRequests,
        appliedUpdates: state.appliedUpdates,
        idempotentReplays: state.idempotentReplays,
        requests: state.requests,
        faultQueue: state.faultQueue,
      });
    }
    return json(res, 404, { error: "unknown /_sim route" });
  }

  // ---- provider requests ----
  function processRequest(rt, match, ctx) {
    const P = HANDLERS[rt.provider];
    if (rt.token) return ctx.method === "POST" ? P.token(ctx) : P.noRoute(ctx);
    if (!match) return P.noRoute(ctx);
    const denied = P.authenticate(ctx);
    if (denied) return denied;

    // M2P: X-Request-ID is an idempotency key ("for idempotency and tracing", docs/providers.md#m2p-idempotency).
    const key = rt.provider === "m2p" ? ctx.headers["x-request-id"] : undefined;
    const fingerprint = `${ctx.method} ${rt.rel}\n${ctx.body}`;
    if (key) {
      const stored = state.idempotency.get(key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) return P.idempotencyMismatch();
        state.idempotentReplays += 1;
        return { ...stored.answer, headers: { ...(stored.answer.headers ?? {}), "X-Idempotent-Replayed": "true" } };
      }
    }

    let answer;
    if (!match.ok) {
      answer = P.unreadable(match.issues?.[0]?.message ?? "The request body cannot be read.");
    } else {
      const input = P.prepare ? P.prepare(match.op, match.input) : match.input;
      const v = validate(match.op, input);
      const issues = [...(v.ok ? [] : v.issues), ...(P.extraIssues ? P.extraIssues(match.op, input) : [])];
      answer = issues.length ? P.validationError(issues, match.op) : P.apply(match.op, v.value, ctx);
    }
    if (answer.applied) state.appliedUpdates[match.op] = (state.appliedUpdates[match.op] ?? 0) + 1;
    if (key && answer.status < 500) {
      const { applied, ...kept } = answer;
      state.idempotency.set(key, { fingerprint, answer: structuredClone(kept) });
      if (state.idempotency.size > MAX_IDEMPOTENCY_KEYS) state.idempotency.delete(state.idempotency.keys().next().value);
    }
    return answer;
  }

  async function handle(req, res) {
    const started = performance.now();
    const url = req.url ?? "/";
    const pathOnly = url.split("?")[0];
    const isSim = pathOnly === "/_sim" || pathOnly.startsWith("/_sim/");
    const entry = {
      time: new Date(now()).toISOString(),
      method: req.method,
      path: maskPath(url).slice(0, 500),
      provider: "-",
      op: "-",
      status: "-",
      fault: "-",
      durationMs: 0,
      headers: maskedHeaders(req.headers),
      body: "",
    };
    let wasReset = false;
    res.on("close", () => {
      entry.durationMs = Math.round(performance.now() - started);
      if (res.writableFinished) entry.status = res.statusCode;
      else if (res.headersSent) entry.status = `${res.statusCode}-incomplete`;
      else entry.status = wasReset ? "reset" : "none";
      writeLog(entry, !isSim);
    });
    cors(req, res);

    if (req.method === "OPTIONS") {
      const rt = route(pathOnly);
      entry.provider = rt?.provider ?? "-";
      entry.op = "preflight";
      res.writeHead(204).end();
      return;
    }

    let body;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e.tooLarge) {
        res.setHeader("Connection", "close");
        await json(res, 413, { error: `request body over ${MAX_BODY_BYTES} bytes` });
      } else {
        res.destroy();
      }
      return;
    }
    const contentType = req.headers["content-type"] ?? "";

    if (isSim) return simRoute(req, res, pathOnly, body);
    state.requests += 1;

    const rt = route(pathOnly);
    if (!rt) {
      if (pathOnly === "/" && req.method === "GET") {
        const base = `http://${req.headers.host ?? `${opts.host}:${opts.port}`}`;
        return json(res, 200, {
          simulator: "customer-update provider simulator",
          baseUrls: Object.fromEntries(PROVIDERS.map((p) => [p, `${base}${PREFIXES[p]}`])),
          tokenEndpoints: { accessbank: `${base}/accessbank/waas/Client/authenticate`, m2p: `${base}/auth/token` },
          control: ["GET /_sim/customers/{provider}/{id}", "POST /_sim/reset", "GET /_sim/log", "POST /_sim/faults", "GET /_sim/state"],
        });
      }
      return json(res, 404, { error: "no provider at this path", prefixes: PREFIXES, tokenEndpoints: ["/accessbank/waas/Client/authenticate", "/auth/token"] });
    }
    entry.provider = rt.provider;
    const P = HANDLERS[rt.provider];
    const queryIndex = url.indexOf("?");
    const relWithQuery = rt.rel + (queryIndex >= 0 ? url.slice(queryIndex) : "");
    const match = rt.token ? null : matchRequest(rt.provider, req.method, relWithQuery, body, contentType);
    entry.op = rt.token ? `${rt.provider}.token` : match?.op ?? "-";
    entry.body = maskBody(body, contentType);

    // Faults: the request's x-sim-fault header, plus one matching entry from the queue.
    let faults;
    try {
      faults = parseFaultList(req.headers["x-sim-fault"]);
    } catch (e) {
      return json(res, 400, { error: `x-sim-fault: ${e.message}` });
    }
    const queued = takeQueued(state.faultQueue, rt.provider, entry.op);
    if (queued) faults.push(...parseFaultList(queued));
    if (faults.length) entry.fault = faults.map((f) => f.text).join(",");

    const latency = faults.filter((f) => f.kind === "latency").reduce((a, f) => a + f.arg, 0);
    if (latency > 0) {
      await sleep(latency);
      if (res.destroyed) return;
    }
    const terminal = faults.find((f) => ["status", "429", "reset", "html", "malformed-json", "oversized", "timeout"].includes(f.kind));
    if (terminal) {
      switch (terminal.kind) {
        case "status":
          return send(res, P.httpError(terminal.arg, 1));
        case "429": {
          const a = P.httpError(429, terminal.arg);
          return send(res, { ...a, headers: { ...(a.headers ?? {}), "Retry-After": String(terminal.arg) } });
        }
        case "reset":
          wasReset = true;
          req.socket.destroy();
          return;
        case "html":
          return send(res, { status: 502, contentType: "text/html; charset=utf-8", body: HTML_502 });
        case "malformed-json":
          return send(res, { status: 200, body: malformedBody(rt.provider) });
        case "oversized":
          return send(res, { status: 200, body: oversizedBody() });
        case "timeout":
          return; // never answered; close() or the client's abort ends it
      }
    }

    const ctx = {
      sim,
      creds: credentials[rt.provider],
      records: state.records[rt.provider],
      method: req.method,
      url,
      headers: req.headers,
      body,
      contentType,
    };
    let answer;
    try {
      answer = processRequest(rt, match, ctx);
    } catch (e) {
      console.error("simulator: handler error", e);
      answer = P.httpError(500, 1);
    }
    if (rt.provider === "m2p" && req.headers["x-request-id"]) {
      answer = { ...answer, headers: { ...(answer.headers ?? {}), "X-Request-ID": String(req.headers["x-request-id"]).slice(0, 200) } };
    }
    if (entry.op !== "-") answer.headers = { ...(answer.headers ?? {}), "X-Sim-Op": entry.op };
    if (faults.some((f) => f.kind === "reset-after")) {
      wasReset = true;
      req.socket.destroy();
      return;
    }
    const drip = faults.find((f) => f.kind === "slow-drip");
    return send(res, answer, drip ? Math.max(drip.arg, 1) : 0);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error("simulator: request failed", e);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" }).end('{"error":"simulator error"}');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = server.address().port;
  const hostForUrl = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  const url = `http://${hostForUrl}:${port}`;

  let closing;
  function close() {
    closing ??= new Promise((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      // Resolve after the cut connections' "close" events, so their log lines are written.
      server.close(() => setImmediate(resolve));
      server.closeAllConnections();
    });
    return closing;
  }

  return { url, port, close, reset, state, credentials, server };
}

// ---- command line ----
function parseArgs(argv) {
  const out = { log: true };
  const num = (name, v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--port" || flag === "-p") out.port = num("--port", value());
    else if (flag === "--host") out.host = value();
    else if (flag === "--quiet" || flag === "-q") out.log = false;
    else if (flag === "--accessbank-token-ttl") out.accessbankTokenTtl = num(flag, value());
    else if (flag === "--m2p-token-ttl") out.m2pTokenTtl = num(flag, value());
    else if (flag === "--credentials") out.credentials = value();
    else if (flag === "--help" || flag === "-h") out.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`simulator: ${e.message}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(
      "usage: node www/simulator/server.mjs [--port 18787] [--host 127.0.0.1] [--quiet] [--accessbank-token-ttl S] [--m2p-token-ttl S] [--credentials file.json]",
    );
    process.exit(0);
  }
  const { help, ...options } = args;
  const sim = await startSimulator(options);
  console.log(`provider simulator listening on ${sim.url}`);
  for (const p of PROVIDERS) console.log(`  ${p.padEnd(10)} ${sim.url}${PREFIXES[p]}`);
  console.log(`  m2p token  ${sim.url}/auth/token`);
  console.log(`  control    ${sim.url}/_sim/{customers/{provider}/{id},reset,log,faults,state}`);
  const stop = () => sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
