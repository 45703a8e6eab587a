// The public API over the wasm exports. Validation, request building and the client run in
// Rust; this file only adds what is JavaScript by nature (the Standard Schema object, the
// per-operation client methods).
import * as wasm from "./wasm/customer_update.js";

/** The nine operation ids. */
export function operations() {
  return wasm.operations();
}

/** `{ ok: true, value }` or `{ ok: false, issues }`; throws a TypeError only for an unknown op. */
export function validate(op, input) {
  return wasm.validate(op, input);
}

/** The provider documentation's example input for `op`. */
export function example(op) {
  return wasm.example(op);
}

/** Field metadata for building forms. */
export function describe(op) {
  return wasm.describe(op);
}

/** The smallest valid update payload from `before` to `after`, or the issues why none exists. */
export function diff(op, before, after) {
  return wasm.diff(op, before, after);
}

/** `{ ok: true, method, url, headers, body }` or `{ ok: false, issues }`, with no network. */
export function buildRequest(op, input, config) {
  return wasm.buildRequest(op, input, config ?? {});
}

/**
 * For servers (edge functions, proxies, simulators): the operation a provider-shaped request
 * names and its input, `{ ok: true, op, input }`, `{ ok: false, issues }` or `null`.
 * `path` is relative to the provider's base URL.
 */
export function matchRequest(provider, method, path, body = "", contentType) {
  return wasm.matchRequest(provider, method, path, contentType ?? undefined, body);
}

const schemas = new Map();

/** A Standard Schema V1 object for `op` (react-hook-form, TanStack Form, …). */
export function schema(op) {
  let s = schemas.get(op);
  if (s) return s;
  wasm.describe(op); // throws a TypeError naming the valid ids for an unknown op
  s = {
    "~standard": {
      version: 1,
      vendor: "customer-update",
      validate(value) {
        const r = wasm.validate(op, value);
        return r.ok ? { value: r.value } : { issues: r.issues };
      },
    },
  };
  schemas.set(op, s);
  return s;
}

const PROVIDERS = ["accessbank", "juspay", "bvnk", "gathr", "m2p"];

/**
 * A client for one provider: one method per operation (`client.updateNomineeDetails(input,
 * { signal, timeoutMs, idempotencyKey })`), each resolving to `{ ok: true, status, data,
 * requestId }` or `{ ok: false, error }`. Expected failures never reject.
 */
export function createClient(provider, config = {}) {
  if (!PROVIDERS.includes(provider)) {
    throw new TypeError(`unknown provider "${String(provider).slice(0, 40)}"; valid: ${PROVIDERS.join(", ")}`);
  }
  const inner = new wasm.Client(provider, config);
  const client = { provider };
  for (const op of wasm.operations()) {
    if (!op.startsWith(`${provider}.`)) continue;
    client[op.slice(provider.length + 1)] = (input, options) => inner.send(op, input, options ?? {});
  }
  return Object.freeze(client);
}
