// Masking for the simulator's log: every credential-bearing header, body key and known secret
// value becomes "***" before a line is written anywhere. Three layers, so one slip does not leak:
//   1. headers are summarised by name (Authorization → "Bearer ***", Hawk mac → mac="***", …);
//   2. bodies and query strings have secret-named keys masked (clientSecret, accessToken, …);
//   3. the finished line is scrubbed of every configured secret value (and its Basic base64
//      form) and of anything shaped like a JWT.

/** Body/query keys whose values are secrets. */
const SECRET_KEY = /secret|password|passwd|token|api[_-]?key|authori[sz]ation|signature|subscription|hawkkey|^key$|^mac$/i;

/** Credential keys in credentials.json that are secrets (ids such as merchantId stay visible). */
const SECRET_CREDENTIALS = /key|secret|token|password/i;

const JWT_SHAPED = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

/** Header names shown in the log (credential headers masked); others are left out. */
const SHOWN_HEADERS = ["authorization", "ocp-apim-subscription-key", "x-merchantid", "x-tenant-id", "x-request-id", "x-sim-fault"];

/** The masked form of one Authorization value. */
export function maskAuthorization(value) {
  const v = String(value ?? "");
  if (/^bearer\s/i.test(v)) return "Bearer ***";
  if (/^basic\s/i.test(v)) return "Basic ***";
  if (/^hawk\s/i.test(v)) {
    // id, ts and nonce are not secret; mac (and hash/ext, which could carry anything) are.
    return v.replace(/\b(mac|hash|ext)="[^"]*"/gi, '$1="***"').slice(0, 300);
  }
  return v ? "***" : "";
}

/** `{ name: maskedValue }` for the headers worth logging. */
export function maskedHeaders(headers) {
  const out = {};
  for (const name of SHOWN_HEADERS) {
    const v = headers[name];
    if (v === undefined) continue;
    if (name === "authorization") out[name] = maskAuthorization(v);
    else if (name === "ocp-apim-subscription-key") out[name] = "***";
    else out[name] = String(v).slice(0, 120);
  }
  return out;
}

function maskValue(value, depth = 0) {
  if (depth > 20) return "…";
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? "***" : maskValue(v, depth + 1);
    return out;
  }
  return value;
}

/** A request body for the log: secret-named keys masked (JSON or form), cut to `max` chars. */
export function maskBody(text, contentType = "", max = 500) {
  if (!text) return "";
  let out;
  if (/x-www-form-urlencoded/i.test(contentType)) {
    out = maskQuery(text);
  } else {
    try {
      out = JSON.stringify(maskValue(JSON.parse(text)));
    } catch {
      out = text;
    }
  }
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/** `a=1&clientSecret=x` → `a=1&clientSecret=***` (also for a path's query string). */
export function maskQuery(query) {
  return String(query)
    .split("&")
    .map((pair) => {
      const i = pair.indexOf("=");
      if (i < 0) return pair;
      let key = pair.slice(0, i);
      try {
        key = decodeURIComponent(key.replace(/\+/g, " "));
      } catch {
        /* keep raw */
      }
      return SECRET_KEY.test(key) ? `${pair.slice(0, i)}=***` : pair;
    })
    .join("&");
}

/** A path with a masked query string. */
export function maskPath(path) {
  const i = path.indexOf("?");
  return i < 0 ? path : `${path.slice(0, i)}?${maskQuery(path.slice(i + 1))}`;
}

/** Every secret value in a credentials object (plus the Basic base64 form of Juspay's key). */
export function secretValues(credentials) {
  const out = new Set();
  for (const [provider, creds] of Object.entries(credentials ?? {})) {
    if (!creds || typeof creds !== "object") continue;
    for (const [k, v] of Object.entries(creds)) {
      if (typeof v !== "string" || v.length < 4 || !SECRET_CREDENTIALS.test(k)) continue;
      out.add(v);
      if (provider === "juspay" && k === "apiKey") out.add(Buffer.from(`${v}:`).toString("base64"));
    }
  }
  return out;
}

/** The last layer: removes known secret values and JWT-shaped strings from a log string. */
export function scrub(text, secrets) {
  let out = String(text).replace(JWT_SHAPED, "***");
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join("***");
  return out;
}
