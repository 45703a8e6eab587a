// Deno: the wasm file is read through a file: URL (needs --allow-read for the package folder).
import { initSync } from "./wasm/customer_update.js";

initSync({ module: Deno.readFileSync(new URL("./wasm/customer_update_bg.wasm", import.meta.url)) });

export * from "./api.js";
