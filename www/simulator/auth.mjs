// Credential checks, exactly as the providers document them (docs/providers.md#accessbank-auth,
// #juspay-auth, #bvnk-auth, #gathr-auth, #m2p-auth). Each check returns null when the request may pass, or a failure
// `{ reason }` the provider module turns into that provider's documented error body.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

const b64url = (s) => Buffer.from(s).toString("base64url");

/** Bearer tokens issued by the token endpoints (Access Bank, M2P), with their expiry. */
export class TokenStore {
  constructor(now = Date.now) {
    this.now = now;
    this.tokens = new Map(); // token -> { provider, expiresAt }
    this.signingKey = randomBytes(32);
  }

  /** A JWT-shaped token (HS256 over a random signing key) for `provider`, living `ttlS` seconds. */
  issue(provider, ttlS, claims = {}) {
    const iat = Math.floor(this.now() / 1000);
    const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
    const payload = b64url(
      JSON.stringify({ iss: "customer-update-simulator", aud: provider, iat, exp: iat + Math.ceil(ttlS), jti: randomUUID(), ...claims }),
    );
    const sig = createHmac("sha256", this.signingKey).update(`${header}.${payload}`).digest("base64url");
    const token = `${header}.${payload}.${sig}`;
    this.tokens.set(token, { provider, expiresAt: this.now() + ttlS * 1000 });
    this.prune();
    return token;
  }

  /** null when `token` was issued for `provider` and has not expired, else `{ reason }`. */
  check(provider, token) {
    const t = token && this.tokens.get(token);
    if (!t || t.provider !== provider) return { reason: "unknown token" };
    if (this.now() >= t.expiresAt) return { reason: "expired token" };
    return null;
  }

  prune() {
    if (this.tokens.size < 1000) return;
    const now = this.now();
    for (const [k, v] of this.tokens) if (v.expiresAt <= now) this.tokens.delete(k);
  }

  clear() {
    this.tokens.clear();
  }
}

/** The token after "Bearer " in an Authorization value, or null. */
export function bearer(value) {
  const m = /^Bearer ([^\s]+)$/.exec(String(value ?? ""));
  return m ? m[1] : null;
}

/** Constant-time string equality. */
export function same(a, b) {
  const x = Buffer.from(String(a ?? ""));
  const y = Buffer.from(String(b ?? ""));
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Juspay: `Authorization: Basic base64(apiKey + ":")` (empty password). */
export function checkBasic(value, apiKey) {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(String(value ?? ""));
  if (!m) return { reason: "missing Basic authorization" };
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return { reason: "malformed Basic credentials" };
  if (!same(decoded.slice(0, i), apiKey) || decoded.slice(i + 1) !== "") return { reason: "wrong API key" };
  return null;
}

// ---- Hawk (BVNK) ----

/** `Hawk id="…", ts="…", nonce="…", [hash="…",] [ext="…",] mac="…"` → attributes, or null. */
export function parseHawk(value) {
  const v = String(value ?? "");
  if (!/^Hawk\s+/i.test(v)) return null;
  const attrs = {};
  const re = /(\w+)="([^"\\]*)"/g;
  let m;
  while ((m = re.exec(v))) {
    if (attrs[m[1]] !== undefined) return null; // duplicate attribute
    attrs[m[1]] = m[2];
  }
  for (const k of ["id", "ts", "nonce", "mac"]) if (!attrs[k]) return null;
  if (!/^\d+$/.test(attrs.ts)) return null;
  return attrs;
}

/** Host and port as Hawk signs them, from a Host header (`127.0.0.1:18787`, `[::1]:80`). */
export function hostPort(hostHeader, defaultPort = 80) {
  const h = String(hostHeader ?? "");
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d*))?$/.exec(h);
  if (!m) return null;
  return { host: m[1].toLowerCase(), port: m[2] ? Number(m[2]) : defaultPort };
}

export function hawkNormalized({ ts, nonce, method, resource, host, port, hash = "", ext = "" }) {
  const e = ext.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
  return `hawk.1.header\n${ts}\n${nonce}\n${method.toUpperCase()}\n${resource}\n${host}\n${port}\n${hash}\n${e}\n`;
}

export function hawkMac(key, normalized) {
  return createHmac("sha256", key).update(normalized).digest("base64");
}

/** Nonces seen per Hawk id, kept for the replay window (15 minutes). */
export class NonceStore {
  constructor(windowMs = 15 * 60 * 1000, now = Date.now) {
    this.windowMs = windowMs;
    this.now = now;
    this.seen = new Map(); // `${id}\n${nonce}` -> time seen
  }

  /** true if the nonce is fresh (and records it), false if it was used within the window. */
  use(id, nonce) {
    const now = this.now();
    for (const [k, t] of this.seen) {
      if (now - t < this.windowMs) break; // insertion order = time order
      this.seen.delete(k);
    }
    const key = `${id}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }

  clear() {
    this.seen.clear();
  }
}

/**
 * Verifies a BVNK Hawk header: known id, ts within ±`skewS` seconds, MAC over the request as
 * received (method, raw path+query, Host header's host and port), nonce not seen in 15 minutes.
 * Returns null or `{ reason, wwwAuthenticate? }`.
 */
export function verifyHawk({ authorization, method, url, hostHeader, hawkId, hawkKey, nonces, now = Date.now, skewS = 60 }) {
  const attrs = parseHawk(authorization);
  if (!attrs) return { reason: "missing or malformed Hawk authorization header" };
  if (!same(attrs.id, hawkId)) return { reason: "unknown Hawk credentials id" };
  const hp = hostPort(hostHeader);
  if (!hp) return { reason: "missing Host header" };
  const nowS = Math.floor(now() / 1000);
  if (Math.abs(nowS - Number(attrs.ts)) > skewS) {
    const tsm = createHmac("sha256", hawkKey).update(`hawk.1.ts\n${nowS}\n`).digest("base64");
    return { reason: "stale timestamp", wwwAuthenticate: `Hawk ts="${nowS}", tsm="${tsm}", error="Stale timestamp"` };
  }
  // A lone trailing "?" is not signed (the Hawk reference client drops it).
  const resource = url.endsWith("?") ? url.slice(0, -1) : url;
  const expected = hawkMac(
    hawkKey,
    hawkNormalized({ ts: attrs.ts, nonce: attrs.nonce, method, resource, host: hp.host, port: hp.port, hash: attrs.hash ?? "", ext: attrs.ext ?? "" }),
  );
  if (!same(expected, attrs.mac)) return { reason: "bad mac" };
  if (!nonces.use(attrs.id, attrs.nonce)) return { reason: "replayed nonce" };
  return null;
}

/** A Hawk header for tests and tools (what the package's client sends). */
export function hawkHeader({ id, key, method, url, ts = Math.floor(Date.now() / 1000), nonce = randomBytes(9).toString("base64url") }) {
  const u = new URL(url);
  const port = u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  const mac = hawkMac(key, hawkNormalized({ ts, nonce, method, resource: u.pathname + u.search, host: u.hostname.toLowerCase(), port }));
  return `Hawk id="${id}", ts="${ts}", nonce="${nonce}", mac="${mac}"`;
}
