// Node (>= 20): the wasm file is read from disk next to this module and compiled synchronously.
import { readFileSync } from "node:fs";
import { initSync } from "./wasm/customer_update.js";

initSync({ module: readFileSync(new URL("./wasm/customer_update_bg.wasm", import.meta.url)) });

export * from "./api.js";
