// A local HTTP test server for the client suites: node:http on 127.0.0.1, a random port, every
// request recorded (method, path, headers, body, arrival time), answers chosen by a handler that
// can be swapped mid-test. Also: a closed port (connection refused) and a Hawk verifier.
import http from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";

/** Returned by a handler to leave the request unanswered (until the client gives up or close()). */
export const HANG = Symbol("hang");
/** Returned by a handler to drop the connection after the whole request was read (a lost answer). */
export const RESET = Symbol("reset");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a server. `handler(rec, server)` returns (or resolves to) an answer
 * `{ status = 200, headers = {}, body, delayMs, stall }` (an object/array body is sent as JSON
 * with `application/json` unless a content-type is given; a string as is; `stall` sends the
 * headers and `body` but never ends the response), `HANG` or `RESET`.
 * `rec` is `{ index, method, url, path, query, headers, body, at, closed }` (`closed` turns true
 * when the client drops the connection before an answer).
 */
export async function startServer(handler = () => ({ status: 404, body: "" })) {
  let current = handler;
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const [path, query = ""] = req.url.split(/\?(.*)/s);
      const rec = {
        index: requests.length,
        method: req.method,
        url: req.url,
        path,
        query,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
        closed: false,
      };
      requests.push(rec);
      res.on("close", () => {
        if (!res.writableEnded) rec.closed = true;
      });
      let answer;
      try {
        answer = await current(rec, api);
      } catch (e) {
        answer = { status: 599, headers: { "content-type": "text/plain" }, body: `test handler threw: ${e?.stack ?? e}` };
      }
      if (answer === RESET) {
        req.socket.destroy();
        return;
      }
      if (answer === HANG || res.destroyed) return;
      const { status = 200, headers = {}, body = "", delayMs = 0, stall = false } = answer ?? {};
      if (delayMs > 0) await sleep(delayMs);
      if (res.destroyed) return;
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      let text = body;
      if (typeof body !== "string" && !Buffer.isBuffer(body)) {
        text = JSON.stringify(body);
        lower["content-type"] ??= "application/json";
      }
      if (stall) {
        // Headers and the start of the body, then nothing more (until the client gives up).
        res.writeHead(status, lower);
        res.write(text);
        return;
      }
      res.writeHead(status, lower);
      res.end(text);
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  let closed = false;
  const api = {
    port,
    origin,
    requests,
    /** Replaces the handler for the requests that follow. */
    setHandler(h) {
      current = h;
    },
    /** The recorded requests whose path (without query) is `path`. */
    hits(path) {
      return requests.filter((r) => r.path === path);
    },
    /** Closes the server and every open connection (hanging requests included). Idempotent. */
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}

/** Routes on `"METHOD /path"` (path without query); anything else gets `fallback` (a 404). */
export function router(routes, fallback = () => ({ status: 404, body: { message: "no route" } })) {
  return (rec, srv) => {
    const route = routes[`${rec.method} ${rec.path}`];
    return route ? route(rec, srv) : fallback(rec, srv);
  };
}

/** Runs `fn(server)` against a fresh server, always closing it. */
export async function withServer(handler, fn) {
  const srv = await startServer(handler);
  try {
    return await fn(srv);
  } finally {
    await srv.close();
  }
}

/** A port on 127.0.0.1 with nothing listening (a server was bound there and closed). */
export async function closedPort() {
  const s = http.createServer();
  await new Promise((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(() => resolve()));
  return port;
}

/** The attributes of a `Hawk id="…", ts="…", …` header, or null when it is not one. */
export function parseHawk(header) {
  if (typeof header !== "string" || !header.startsWith("Hawk ")) return null;
  const attrs = {};
  for (const m of header.slice(5).matchAll(/(\w+)="([^"\\]*)"/g)) attrs[m[1]] = m[2];
  return attrs;
}

/**
 * Checks a Hawk `Authorization` header the way a server does: HMAC-SHA256 with `key` over
 * `hawk.1.header\n{ts}\n{nonce}\n{METHOD}\n{path+query}\n{host}\n{port}\n\n\n` (no payload hash,
 * no ext). `rec` is a recorded request; host and port come from its Host header.
 * Returns `{ ok, attrs, expected, normalized }`.
 */
export function verifyHawk(rec, { id, key }) {
  const attrs = parseHawk(rec.headers.authorization);
  if (!attrs) return { ok: false, attrs: null, expected: null, normalized: null };
  const hostHeader = rec.headers.host ?? "";
  const colon = hostHeader.lastIndexOf(":");
  const host = colon > 0 ? hostHeader.slice(0, colon) : hostHeader;
  const port = colon > 0 ? hostHeader.slice(colon + 1) : "80";
  const normalized = `hawk.1.header\n${attrs.ts}\n${attrs.nonce}\n${rec.method}\n${rec.url}\n${host.toLowerCase()}\n${port}\n\n\n`;
  const expected = createHmac("sha256", key).update(normalized).digest("base64");
  const given = Buffer.from(attrs.mac ?? "");
  const want = Buffer.from(expected);
  const macOk = given.length === want.length && timingSafeEqual(given, want);
  return { ok: macOk && attrs.id === id && !("ext" in attrs && attrs.ext !== ""), attrs, expected, normalized };
}
