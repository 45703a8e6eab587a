// Browsers, Web Workers and bundlers (Vite emits the .wasm as an asset from this URL; with
// esbuild, copy dist/wasm/customer_update_bg.wasm next to the bundle). Top-level await.
// (`initUrl`: `init` for a URL alone, added to wasm-bindgen's glue by scripts/shake-glue.mjs, so
// the bundle holds none of `init`'s other ways in.)
import { initUrl as init } from "./wasm/customer_update.js";
import { useShortAsciiLoop, useObjectWriter } from "./text-write.js";

// Short ASCII texts are written with a loop here (Chromium's encodeInto costs ~0.5 µs a call),
// and after a refusal `validate` writes plain data into wasm memory with its own walk, not with
// JSON.stringify (Chromium: 1.08-1.21x on the refused objects of four payloads; bench/targets.md,
// "Session 18: the object walk in the browser entry").
// (Not in the validators entry made from this file: scripts/build-pkg.sh.)
useShortAsciiLoop();
useObjectWriter();

let wasmUrl;
try {
  wasmUrl = new URL("./wasm/customer_update_bg.wasm", import.meta.url);
} catch (cause) {
  // workerd has no import.meta.url: a bundle made with the `worker` condition alone lands here.
  throw new Error(
    'customer-update: the browser entry cannot locate its .wasm here (import.meta.url is not a URL). In workerd / Cloudflare Workers, bundle with the "workerd" condition (esbuild --conditions=workerd,worker; wrangler does this) and declare the .wasm a module.',
    { cause },
  );
}
await init({ module_or_path: wasmUrl });

export * from "./api.js";
