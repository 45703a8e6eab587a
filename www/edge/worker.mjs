// The edge function (runs in workerd): the browser's proxy. It accepts a provider-shaped request
// without secrets at /p/<provider>/<path>, re-validates it with the same package, adds the
// credentials from its own environment, forwards it to the provider (here: the simulator), and
// returns the provider's answer as it came. The browser never holds a secret.
import { createClient, matchRequest, operations, validate } from "./pkg/workerd.js";

const PROVIDERS = [...new Set(operations().map((op) => op.split(".")[0]))];
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, PUT, PATCH, OPTIONS",
  // What the package's client sends without credentials: Juspay adds x-routing-id, M2P X-Request-ID.
  "Access-Control-Allow-Headers": "Content-Type, X-Request-ID, x-routing-id",
  "Access-Control-Max-Age": "600",
};

function json(status, value) {
  return new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", ...CORS } });
}

// Credentials per provider, from the worker's bindings (never from the request).
function credentials(env, provider) {
  const all = JSON.parse(env.CREDENTIALS || "{}");
  return all[provider] || {};
}

// Provider answers can carry credentials of their own: Gathr returns each customer's `api_token`.
// The edge keeps those server-side.
const SERVER_ONLY = { gathr: ["api_token"] };

function forBrowser(provider, body) {
  const keys = SERVER_ONLY[provider];
  if (!keys) return body;
  try {
    const parsed = JSON.parse(body);
    const record = parsed && typeof parsed === "object" && parsed.data && typeof parsed.data === "object" ? parsed.data : null;
    if (!record) return body;
    for (const k of keys) delete record[k];
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

export default {
  async fetch(request, env) {
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
    const url = new URL(request.url);
    if (url.pathname === "/health") return json(200, { ok: true });
    const [, p, provider, ...rest] = url.pathname.split("/");
    if (p !== "p" || !PROVIDERS.includes(provider)) return json(404, { error: "not found" });
    const path = "/" + rest.join("/");
    const body = await request.text();
    const matched = matchRequest(provider, request.method, path, body, request.headers.get("content-type"));
    if (matched === null) return json(404, { error: `no ${provider} operation at ${request.method} ${path}` });
    if (!matched.ok) return json(400, { error: "unreadable request", issues: matched.issues });
    const checked = validate(matched.op, matched.input);
    if (!checked.ok) return json(422, { error: "invalid request", issues: checked.issues });

    const bases = JSON.parse(env.PROVIDER_URLS || "{}");
    let last = null;
    const client = createClient(provider, {
      ...credentials(env, provider),
      baseUrl: bases[provider],
      timeoutMs: 5000,
      retries: 2,
      onResponse: (event) => { last = event; },
    });
    const method = matched.op.slice(provider.length + 1);
    const options = {};
    const idem = request.headers.get("x-request-id");
    if (idem) options.idempotencyKey = idem;
    const result = await client[method](matched.input, options);
    if (last) {
      return new Response(forBrowser(provider, last.body), {
        status: last.status,
        headers: { "Content-Type": "application/json", "X-Edge-Attempts": String(last.attempt), ...CORS },
      });
    }
    // No answer from the provider (network error or timeout): say so without provider detail.
    return json(result.error?.kind === "timeout" ? 504 : 502, { error: result.error?.message ?? "no answer" });
  },
};
