// Fault injection: which faults a request gets (its `x-sim-fault` header plus at most one entry
// from the queue that `POST /_sim/faults` fills), and the canned bodies some faults send.

/**
 * Parses one fault spec. Returns `{ kind, arg, text }` or throws an Error naming the valid ones.
 *   latency:<ms>       wait, then answer normally (combines with any other fault)
 *   500 | 502 | 503 | 504 (any 5xx)   that status with a JSON error body in the provider's shape
 *   429[:<s>]          429 with Retry-After: <s> (default 1)
 *   reset              destroy the socket before answering (the request is not applied)
 *   reset-after        apply the request, then destroy the socket (the answer is lost)
 *   malformed-json     200 with a truncated JSON body
 *   html               502 with an HTML error page (text/html)
 *   oversized          200 with a 2 MiB JSON body
 *   slow-drip[:<ms>]   the real answer, its body sent in small pieces over <ms> (default 3000)
 *   timeout            never answer (until the client gives up or the simulator closes)
 */
export function parseFault(spec) {
  const text = String(spec ?? "").trim().toLowerCase();
  let m;
  if ((m = /^latency:(\d{1,6})$/.exec(text))) return { kind: "latency", arg: Number(m[1]), text };
  if ((m = /^(5\d\d)$/.exec(text))) return { kind: "status", arg: Number(m[1]), text };
  if ((m = /^429(?::(\d{1,5}))?$/.exec(text))) return { kind: "429", arg: m[1] === undefined ? 1 : Number(m[1]), text };
  if ((m = /^slow-drip(?::(\d{1,6}))?$/.exec(text))) return { kind: "slow-drip", arg: m[1] === undefined ? 3000 : Number(m[1]), text };
  if (["reset", "reset-after", "malformed-json", "html", "oversized", "timeout"].includes(text)) return { kind: text, arg: null, text };
  throw new Error(
    `unknown fault "${String(spec).slice(0, 60)}"; valid: latency:<ms>, 500, 503 (any 5xx), 429[:<seconds>], reset, reset-after, malformed-json, html, oversized, slow-drip[:<ms>], timeout`,
  );
}

/** A comma-separated list of fault specs → parsed faults (throws on an unknown one). */
export function parseFaultList(value) {
  return String(value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseFault);
}

/** Validates a `POST /_sim/faults` entry `{ provider?, op?, fault, times? }`; returns it normalised. */
export function queueEntry(raw, providers) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("a fault entry must be an object { provider, op?, fault, times? }");
  const provider = raw.provider ?? "*";
  if (provider !== "*" && !providers.includes(provider)) throw new Error(`unknown provider "${String(provider).slice(0, 40)}"; valid: ${providers.join(", ")}, *`);
  if (raw.op !== undefined && typeof raw.op !== "string") throw new Error("op must be a string (an operation id, or <provider>.token)");
  const times = raw.times === undefined ? 1 : raw.times;
  if (!Number.isInteger(times) || times < 1 || times > 10000) throw new Error("times must be an integer from 1 to 10000");
  const faults = parseFaultList(raw.fault);
  if (faults.length === 0) throw new Error("fault is required");
  return { provider, op: raw.op ?? null, fault: faults.map((f) => f.text).join(","), times };
}

/** Takes one use of the first queued entry matching `provider`/`op`; returns its fault text. */
export function takeQueued(queue, provider, op) {
  const i = queue.findIndex((e) => (e.provider === "*" || e.provider === provider) && (!e.op || e.op === op));
  if (i < 0) return null;
  const e = queue[i];
  e.times -= 1;
  if (e.times <= 0) queue.splice(i, 1);
  return e.fault;
}

export const HTML_502 =
  "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body></html>\n";

export const OVERSIZED_BYTES = 2 * 1024 * 1024;

let oversized;
/** A valid JSON body of exactly 2 MiB. */
export function oversizedBody() {
  if (!oversized) {
    const head = '{"simulator":"oversized","padding":"';
    const tail = '"}';
    oversized = head + "x".repeat(OVERSIZED_BYTES - head.length - tail.length) + tail;
  }
  return oversized;
}

/** A 200 body that is cut off mid-JSON, in the provider's success shape. */
export function malformedBody(provider) {
  const starts = {
    accessbank: '{"succeeded":true,"code":"200","message":"successful request","data":{',
    juspay: '{"id":"cst_om2l6ctlptxwxuzj","object":"customer","email_address":"tim.da',
    bvnk: '{"reference":"8a0e1da2-2af3-4b9e-a221-e74db4e01b06","status":"PENDING","company":{"name":',
    gathr: '{"data":{"id":"16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","first_name":"Chr',
    m2p: '{"result":{"entityId":"615928984620006085281025","firstName":"Ti',
  };
  return starts[provider] ?? '{"ok":tru';
}
