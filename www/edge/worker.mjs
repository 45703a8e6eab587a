// The demo's edge function (runs in workerd): the package's edge handler with the demo's own
// authorization. The page POSTs /<operation id> with the input as JSON and the demo session token
// (Authorization: Bearer …, which www/dev.mjs gives the page); the handler checks origin, token,
// media type, size, UTF-8 and the input, then sends with the credentials from the CU_* bindings.
// The browser never holds a provider secret.
import { createEdgeHandler } from "./pkg/edge-workerd.js";

// Constant-time comparison of two strings (the session token check).
function same(a, b) {
  if (typeof a !== "string" || typeof b !== "string" || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

let handler; // one per isolate: its clients cache the providers' tokens

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === "/health") return Response.json({ ok: true });
    handler ??= createEdgeHandler({
      env,
      allowedOrigins: JSON.parse(env.EDGE_ALLOWED_ORIGINS || "[]"),
      authorize: (req) => Boolean(env.EDGE_DEMO_SESSION) && same(req.headers.get("authorization"), `Bearer ${env.EDGE_DEMO_SESSION}`),
    });
    return handler(request);
  },
};
