// A stand-in for a provider API (and, with --static DIR, a static file server), on 127.0.0.1 and a
// free port. It records every request; GET /__requests returns them as JSON. CORS is open, so a
// page served from another port can call it. Writes its port to --port-file once it listens.
//   node server.mjs --port-file FILE [--static DIR]
import http from "node:http";
import { readFile, writeFile, rename } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({ options: { "port-file": { type: "string" }, static: { type: "string" } } });
if (!args["port-file"]) throw new Error("--port-file is required");
const root = args.static ? resolve(args.static) : null;

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, OPTIONS",
  "access-control-allow-headers": "*",
  "access-control-expose-headers": "*",
};

const received = [];

const server = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks).toString("utf8");
  const url = new URL(req.url, "http://127.0.0.1");
  const send = (status, type, data, extra = {}) => {
    res.writeHead(status, { ...CORS, "content-type": type, "cache-control": "no-store", ...extra });
    res.end(data);
  };

  if (req.method === "OPTIONS") return send(204, "text/plain", "");
  if (req.method === "GET" && url.pathname === "/__requests") {
    return send(200, "application/json", JSON.stringify(received));
  }
  if (req.method === "GET" && root) {
    const file = normalize(join(root, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname)));
    if (!file.startsWith(root + sep)) return send(403, "text/plain", "forbidden");
    try {
      return send(200, TYPES[extname(file)] ?? "application/octet-stream", await readFile(file));
    } catch {
      return send(404, "text/plain", "not found");
    }
  }
  if (["POST", "PUT", "PATCH"].includes(req.method)) {
    received.push({ method: req.method, path: url.pathname + url.search, headers: req.headers, body });
    // A plausible success body: Juspay-style customer for /customers/…, M2P-style envelope otherwise.
    const data = url.pathname.startsWith("/customers/")
      ? { id: decodeURIComponent(url.pathname.split("/")[2]), object: "customer", stub: true }
      : { result: { stub: true }, pagination: null };
    return send(200, "application/json", JSON.stringify(data), { "x-request-id": req.headers["x-request-id"] ?? "" });
  }
  send(404, "text/plain", "not found");
});

server.listen(0, "127.0.0.1", async () => {
  const file = args["port-file"];
  await writeFile(`${file}.tmp`, String(server.address().port));
  await rename(`${file}.tmp`, file);
});
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));
