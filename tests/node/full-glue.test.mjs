// The full wasm's glue as the package ships it (wasm-bindgen's, rewritten by
// scripts/shake-glue.mjs): `initUrl`, the browser entry's way in, fetches and instantiates with its
// own few lines (not wasm-bindgen's `__wbg_load`), and passStringToWasm0 keeps only its
// `realloc` path (bench/targets.md, "Session 16: the full entry's JS").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { serveWasm } from "./wasm-server.mjs";
import { fileURLToPath } from "node:url";

const dist = new URL("./", import.meta.resolve("customer-update"));
const glueUrl = new URL("wasm/customer_update.js", dist);
const bytes = readFileSync(fileURLToPath(new URL("wasm/customer_update_bg.wasm", dist)));

test("full glue: initUrl instantiates from a URL served as application/wasm or not; a failed fetch names the status", async () => {
  const server = await serveWasm(bytes);
  const base = server.base;
  let n = 0;
  try {
    for (const path of ["/wasm.wasm", "/wasm-charset.wasm", "/octet.wasm"]) {
      const glue = await import(`${glueUrl.href}?init-url-${n++}`);
      const exports = await glue.initUrl({ module_or_path: new URL(`${base}${path}`) });
      assert.ok(exports.memory instanceof WebAssembly.Memory, path);
      assert.equal(glue.memory(), exports.memory, `${path}: memory() is the instance's`);
      assert.deepEqual(glue.contactPath("m2p", ["mobile_number"]), [], path);
    }
    const gone = await import(`${glueUrl.href}?init-url-${n++}`);
    await assert.rejects(gone.initUrl({ module_or_path: new URL(`${base}/gone.wasm`) }), /failed to fetch Wasm: 404 Not Found fetching 'http:\/\/127\.0\.0\.1:\d+\/gone\.wasm'/);
    assert.throws(() => gone.memory(), TypeError, "no instance after a failed fetch");
  } finally {
    server.close();
  }
});

test("full glue: strings reach the wasm whole, ASCII or not (passStringToWasm0's realloc path)", async () => {
  const glue = await import(`${glueUrl.href}?strings`);
  glue.initSync({ module: bytes });
  for (const op of ["unknown.op", "ünknown.op", "unknown.😀", `${"x".repeat(70)}é`]) {
    assert.throws(() => glue.diff(op, {}, {}), (e) => e.message.startsWith(`unknown operation "${op}"`), op);
  }
});
