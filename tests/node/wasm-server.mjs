// A local server for the glue's loader tests (full-glue.test.mjs, validators-only.test.mjs): the
// wasm served as `application/wasm` (/wasm.wasm), as `application/wasm; charset=binary`
// (/wasm-charset.wasm), as another type (any other path), and a 404 (/gone.wasm).
import { createServer } from "node:http";

export async function serveWasm(bytes) {
  const server = createServer((req, res) => {
    if (req.url === "/gone.wasm") return res.writeHead(404, "Not Found").end("gone");
    const type = { "/wasm.wasm": "application/wasm", "/wasm-charset.wasm": "application/wasm; charset=binary" }[req.url] ?? "application/octet-stream";
    res.writeHead(200, { "Content-Type": type }).end(bytes);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
