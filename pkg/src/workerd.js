// workerd (Cloudflare Workers): the runtime hands the .wasm over as a compiled WebAssembly.Module;
// `init()` without arguments would fail there, because import.meta.url is not a fetchable URL.
import wasmModule from "./wasm/customer_update_bg.wasm";
import { initSync } from "./wasm/customer_update.js";

initSync({ module: wasmModule });

export * from "./api.js";
