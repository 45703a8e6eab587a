// customer-update/edge: the edge proxy as a product. `createEdgeHandler(options)` returns
// `(request: Request) => Promise<Response>` for workerd, Deno, Node and any runtime with the Fetch
// API. The per-runtime entries (edge-node.js, edge-deno.js, edge-workerd.js, edge-browser.js) bind
// this module to that runtime's initialised package API; nothing here depends on a runtime.
//
// Everything the caller can get wrong is refused before any provider is involved (origin,
// method, authorization, media type, size, UTF-8, JSON, validation), so a handler built with
// `env: {}` answers all of those correctly. README.md, "Edge handler", has the status table.

// The credentials each provider's client reads come from the package (`providers()`: the
// `[auth] config` keys of each spec, with the ones the client can do without marked optional).
function credentialTable(api) {
  return new Map(api.providers().map((p) => [p.id, p.credentials]));
}

// Provider answers can carry credentials of their own: Gathr returns each customer's `api_token`.
// They stay on the server.
const SERVER_ONLY = { gathr: ["api_token"] };

const MAX_BODY_LIMIT = 1 << 20; // the package refuses inputs over 1 Mi characters anyway
const DEFAULTS = {
  maxBodyBytes: 64 * 1024,
  bodyTimeoutMs: 10_000,
  timeoutMs: 10_000,
  totalTimeoutMs: 25_000,
  retries: 2,
  maxRetryWaitMs: 1000,
};
const BASE_HEADERS = ["Content-Type", "Authorization", "Idempotency-Key"];
const EXPOSE = "Retry-After, X-Upstream-Status, X-Edge-Error-Kind";
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** `CU_<PROVIDER>_<CONFIG_KEY>`: `CU_M2P_CLIENT_SECRET`, `CU_ACCESSBANK_AUTHORIZATION_KEY`, … */
export function envName(provider, key) {
  return `CU_${provider.toUpperCase()}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** Binds `edgeEnvNames()` (the environment variables the handler reads, per provider: for docs
 * and deploy scripts) to one initialised package API. */
export function makeEdgeEnvNames(api) {
  return function edgeEnvNames() {
    const out = {};
    for (const [p, credentials] of credentialTable(api)) {
      out[p] = {
        required: credentials.filter((c) => !c.optional).map((c) => envName(p, c.key)),
        optional: [...credentials.filter((c) => c.optional).map((c) => envName(p, c.key)), envName(p, "baseUrl")],
      };
    }
    return out;
  };
}

function fail(message) {
  return new TypeError(`createEdgeHandler: ${message}`);
}

function integerOption(options, name, min, max) {
  const v = options[name];
  if (v === undefined) return DEFAULTS[name];
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw fail(`options.${name} must be an integer from ${min} to ${max}`);
  }
  return v;
}

function readOrigins(list) {
  if (!Array.isArray(list)) {
    throw fail('options.allowedOrigins is required: an array of origins such as ["https://app.example.com"] (an empty array allows no browser origin)');
  }
  const out = new Set();
  for (const o of list) {
    let ok = false;
    if (typeof o === "string" && o !== "*" && o !== "null") {
      try {
        const u = new URL(o);
        ok = (u.protocol === "https:" || u.protocol === "http:") && u.origin === o;
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      throw fail(`options.allowedOrigins: ${JSON.stringify(String(o)).slice(0, 80)} is not an origin (scheme://host[:port], no path; "*" and "null" are never allowed)`);
    }
    out.add(o);
  }
  return out;
}

function envString(env, name) {
  let v;
  try {
    v = env[name];
  } catch {
    return undefined;
  }
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** Per provider: `{ config }` when every required credential is set, else `{ missing }`. */
function readProviders(env, table) {
  const out = new Map();
  for (const [p, credentials] of table) {
    const config = {};
    const missing = [];
    for (const { key: k, optional } of credentials) {
      const v = envString(env, envName(p, k));
      if (v !== undefined) config[k] = v;
      else if (!optional) missing.push(envName(p, k));
    }
    const baseName = envName(p, "baseUrl");
    const base = envString(env, baseName);
    if (base !== undefined) {
      let u;
      try {
        u = new URL(base);
      } catch {
        u = null;
      }
      if (!u || (u.protocol !== "https:" && u.protocol !== "http:")) throw fail(`env.${baseName} must be an http or https URL`);
      config.baseUrl = base.replace(/\/+$/, "");
    }
    out.set(p, missing.length ? { missing } : { config });
  }
  return out;
}

function stripServerOnly(provider, data) {
  const keys = SERVER_ONLY[provider];
  if (!keys || !data || typeof data !== "object") return data;
  for (const target of [data, data.data]) {
    if (target && typeof target === "object" && !Array.isArray(target)) for (const k of keys) delete target[k];
  }
  return data;
}

/**
 * Binds the handler factory to one initialised package API (`validateJson`/`checkJson`,
 * `createClient`, `operations`).
 */
export function makeCreateEdgeHandler(api) {
  return function createEdgeHandler(options) {
    if (!options || typeof options !== "object") throw fail("options are required: { env, allowedOrigins, authorize, maxBodyBytes? }");
    const { authorize } = options;
    if (typeof authorize !== "function") {
      throw fail("options.authorize is required: a function (request, { op }) returning (or resolving to) true to let a request through");
    }
    const origins = readOrigins(options.allowedOrigins);
    const env = options.env ?? {};
    if (typeof env !== "object") throw fail("options.env must be an object (the runtime's environment bindings)");
    const maxBodyBytes = integerOption(options, "maxBodyBytes", 1, MAX_BODY_LIMIT);
    const bodyTimeoutMs = integerOption(options, "bodyTimeoutMs", 1, 600_000);
    const timeoutMs = integerOption(options, "timeoutMs", 1, 600_000);
    const totalTimeoutMs = integerOption(options, "totalTimeoutMs", 1, 3_600_000);
    const retries = integerOption(options, "retries", 0, 10);
    const maxRetryWaitMs = integerOption(options, "maxRetryWaitMs", 0, 60_000);
    if (options.fetch !== undefined && typeof options.fetch !== "function") throw fail("options.fetch must be a function (request) => Promise<Response>");
    const extraHeaders = options.allowHeaders ?? [];
    if (!Array.isArray(extraHeaders) || !extraHeaders.every((h) => typeof h === "string" && /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/.test(h))) {
      throw fail("options.allowHeaders must be an array of header names");
    }
    const allowCredentials = options.allowCredentials === true;
    const allowHeaders = [...new Set([...BASE_HEADERS, ...extraHeaders])].join(", ");

    const ops = new Set(api.operations());
    const configured = readProviders(env, credentialTable(api));
    const upstream = options.fetch ?? ((request) => fetch(request));
    const check = typeof api.checkJson === "function"
      ? (op, text) => api.checkJson(op, text)
      : (op, text) => api.validateJson(op, text);

    // ---- one client per provider, created on first use and shared by every request ----------
    // The client never sleeps a Retry-After longer than maxRetryWaitMs (its `maxRetryAfterMs`):
    // it answers at once with the provider's answer and `error.retryAfterMs`, which the edge
    // passes on to the browser as Retry-After.
    const clients = new Map();

    function client(provider, config) {
      let c = clients.get(provider);
      if (!c) {
        c = api.createClient(provider, { ...config, fetch: upstream, timeoutMs, totalTimeoutMs, retries, maxRetryAfterMs: maxRetryWaitMs });
        clients.set(provider, c);
      }
      return c;
    }

    // ---- answers ---------------------------------------------------------------------------
    function headersFor(origin) {
      const h = new Headers({
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
        Vary: "Origin",
      });
      if (origin !== null && origins.has(origin)) {
        h.set("Access-Control-Allow-Origin", origin);
        h.set("Access-Control-Expose-Headers", EXPOSE);
        if (allowCredentials) h.set("Access-Control-Allow-Credentials", "true");
      }
      return h;
    }

    function json(status, origin, value, extra = {}) {
      const h = headersFor(origin);
      h.set("Content-Type", "application/json; charset=utf-8");
      for (const [k, v] of Object.entries(extra)) h.set(k, v);
      return new Response(JSON.stringify(value), { status, headers: h });
    }

    function refuse(status, origin, kind, message, extra = {}, issues = undefined) {
      const body = { ok: false, kind, error: message };
      if (issues) body.issues = issues;
      return json(status, origin, body, extra);
    }

    // ---- the request's body: JSON only, capped while streaming, strict UTF-8 --------------
    async function readBody(request, origin) {
      const type = request.headers.get("content-type");
      if (type === null || !JSON_TYPE.test(type.trim())) {
        return refuse(415, origin, "unsupported_media_type", 'Send the input as JSON with "Content-Type: application/json".');
      }
      const declared = request.headers.get("content-length");
      if (declared !== null) {
        if (!/^\d{1,15}$/.test(declared.trim())) return refuse(400, origin, "bad_request", "Content-Length is not a number.");
        if (Number(declared.trim()) > maxBodyBytes) {
          return refuse(413, origin, "too_large", `The body is over ${maxBodyBytes} bytes.`);
        }
      }
      if (request.body === null) return new Uint8Array(0);
      const reader = request.body.getReader();
      const chunks = [];
      let total = 0;
      let empty = 0;
      let timer;
      const expired = new Promise((resolve) => {
        timer = setTimeout(() => resolve("timeout"), bodyTimeoutMs);
      });
      try {
        for (;;) {
          const step = await Promise.race([reader.read(), expired]);
          if (step === "timeout") {
            reader.cancel().catch(() => {});
            return refuse(408, origin, "timeout", `The body did not arrive within ${bodyTimeoutMs} ms.`);
          }
          if (step.done) break;
          const chunk = step.value;
          if (!ArrayBuffer.isView(chunk)) {
            reader.cancel().catch(() => {});
            return refuse(400, origin, "bad_request", "The body could not be read.");
          }
          if (chunk.byteLength === 0 && ++empty > 10_000) {
            reader.cancel().catch(() => {});
            return refuse(400, origin, "bad_request", "The body could not be read.");
          }
          total += chunk.byteLength;
          if (total > maxBodyBytes) {
            reader.cancel().catch(() => {});
            return refuse(413, origin, "too_large", `The body is over ${maxBodyBytes} bytes.`);
          }
          chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        }
      } catch {
        return refuse(400, origin, "bad_request", "The body could not be read.");
      } finally {
        clearTimeout(timer);
      }
      const bytes = new Uint8Array(total);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.byteLength;
      }
      return bytes;
    }

    // ---- the provider's outcome ---------------------------------------------------------
    function answer(provider, origin, result) {
      if (result.ok) {
        return json(result.status, origin, { ok: true, status: result.status, data: stripServerOnly(provider, result.data), requestId: result.requestId ?? null });
      }
      const e = result.error ?? {};
      const extra = {};
      if (typeof e.status === "number") extra["X-Upstream-Status"] = String(e.status);
      if (Number.isFinite(e.retryAfterMs)) extra["Retry-After"] = String(Math.ceil(e.retryAfterMs / 1000));
      const body = {
        ok: false,
        kind: e.kind,
        error: e.message,
        status: e.status ?? null,
        providerCode: e.providerCode ?? null,
        providerCategory: e.providerCategory ?? null,
        traceId: e.traceId ?? null,
        issues: Array.isArray(e.issues) ? e.issues : [],
        retryable: e.retryable === true,
      };
      switch (e.kind) {
        case "validation":
          return json(422, origin, body, extra);
        case "timeout":
          return json(504, origin, body, extra);
        case "network":
        case "decode":
        case "auth":
          // Not the caller's fault: the edge's credentials, or the provider's answer, failed.
          return json(502, origin, body, extra);
        default: {
          const status = typeof e.status === "number" ? e.status : 502;
          if (status >= 200 && status < 300) return json(422, origin, body, extra); // Access Bank's 200 + succeeded:false
          if (status < 400 || status > 599) return json(502, origin, body, extra);
          // A body that is not JSON (an HTML error page) goes through as it came, under its own
          // content type (the start of it: the client keeps at most 64 KiB).
          const raw = typeof e.raw === "string" ? e.raw : "";
          let isJson = true;
          try {
            JSON.parse(raw);
          } catch {
            isJson = false;
          }
          if (!isJson && raw !== "") {
            const h = headersFor(origin);
            // Under the provider's own type (the client reports it), never labelled JSON.
            const type = typeof e.contentType === "string" ? e.contentType : (/^\s*</.test(raw) ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
            h.set("Content-Type", /json/i.test(type) ? "text/plain; charset=utf-8" : type);
            h.set("X-Edge-Error-Kind", String(e.kind ?? "http"));
            for (const [k, v] of Object.entries(extra)) h.set(k, v);
            return new Response(raw, { status, headers: h });
          }
          return json(status, origin, body, extra);
        }
      }
    }

    // ---- the route ------------------------------------------------------------------------
    async function route(request) {
      const origin = request.headers.get("origin");
      if (origin !== null && !origins.has(origin)) {
        return refuse(403, null, "origin", "This origin may not call the edge.");
      }
      let path;
      try {
        path = new URL(request.url).pathname;
      } catch {
        return refuse(400, origin, "bad_request", "The request URL cannot be read.");
      }
      const op = path.slice(1);
      if (!path.startsWith("/") || !ops.has(op)) {
        return refuse(404, origin, "not_found", "No such operation. POST /<operation id>, e.g. /juspay.updateCustomer.");
      }
      if (request.method === "OPTIONS") {
        if (origin === null) return new Response(null, { status: 204, headers: { Allow: "POST, OPTIONS", Vary: "Origin" } });
        const h = headersFor(origin);
        h.set("Access-Control-Allow-Methods", "POST");
        h.set("Access-Control-Allow-Headers", allowHeaders);
        h.set("Access-Control-Max-Age", "600");
        return new Response(null, { status: 204, headers: h });
      }
      if (request.method !== "POST") {
        return refuse(405, origin, "method", `${op} takes POST.`, { Allow: "POST, OPTIONS" });
      }
      let verdict;
      try {
        verdict = await authorize(request, { op });
      } catch {
        return refuse(500, origin, "internal", "The authorization check failed.");
      }
      if (verdict === "forbidden") return refuse(403, origin, "forbidden", `This caller may not use ${op}.`);
      if (verdict !== true) return refuse(401, origin, "unauthorized", "Not authorized.");

      const idem = request.headers.get("idempotency-key");
      if (idem !== null && !IDEMPOTENCY_KEY.test(idem)) {
        return refuse(400, origin, "bad_request", "Idempotency-Key must be 1 to 128 visible ASCII characters.");
      }
      const bytes = await readBody(request, origin);
      if (bytes instanceof Response) return bytes;
      let text;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        return refuse(400, origin, "bad_request", "The body is not valid UTF-8.");
      }
      let input;
      try {
        input = JSON.parse(text);
      } catch {
        return refuse(400, origin, "bad_request", "The body is not valid JSON.");
      }
      const checked = check(op, text);
      if (!checked.ok) return refuse(422, origin, "validation", "The input is not valid.", {}, checked.issues);

      const provider = op.split(".")[0];
      const setup = configured.get(provider);
      if (!setup || !setup.config) {
        return refuse(503, origin, "not_configured", `The edge has no ${provider} credentials: set ${(setup?.missing ?? []).join(", ")}.`);
      }
      let c;
      try {
        c = client(provider, setup.config);
      } catch {
        return refuse(500, origin, "not_configured", `The edge could not set up its ${provider} client.`);
      }
      const sendOptions = idem === null ? {} : { idempotencyKey: idem };
      const result = await c[op.slice(provider.length + 1)](checked.value ?? input, sendOptions);
      return answer(provider, origin, result);
    }

    return async function edgeHandler(request) {
      try {
        return await route(request);
      } catch {
        // Never a crash and never a detail: whatever failed, the caller gets a JSON 500.
        let origin = null;
        try {
          origin = request.headers.get("origin");
        } catch {
          origin = null;
        }
        return refuse(500, origin !== null && origins.has(origin) ? origin : null, "internal", "The edge failed to handle the request.");
      }
    };
  };
}
