// Browsers, Web Workers and bundlers (Vite emits the .wasm as an asset from this URL; with
// esbuild, copy dist/wasm/customer_update_bg.wasm next to the bundle). Top-level await.
import init from "./wasm/customer_update.js";

await init({ module_or_path: new URL("./wasm/customer_update_bg.wasm", import.meta.url) });

export * from "./api.js";
