// A small static server for the demo page: www/ at /, the built package at /pkg/.
// Usage: node www/serve.mjs [port]. Serves .wasm as application/wasm (streaming compile).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const roots = { "/pkg/": join(here, "..", "pkg", "dist"), "/": here };
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml",
};

export function startStatic(port = 8080, host = "127.0.0.1", json = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end("bad path");
      return;
    }
    if (Object.hasOwn(json, path)) {
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify(json[path]));
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    const root = roots[prefix];
    const file = normalize(join(root, path.slice(prefix.length)));
    const hidden = /(^|\/)(serve|dev)\.mjs$|\/(simulator|edge)\//.test(file.slice(root.length));
    if (!file.startsWith(root) || hidden) {
      res.writeHead(404).end("not found");
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": types[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' http://127.0.0.1:*; style-src 'self'",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 8080);
  await startStatic(port);
  console.log(`demo: http://127.0.0.1:${port}/`);
}
