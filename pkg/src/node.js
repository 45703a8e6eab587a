// Node (>= 20.16): the wasm file is read from disk next to this module and compiled synchronously.
// `fs` comes from process.getBuiltinModule: a static `import "node:fs"` makes Node build its ESM
// wrapper of fs, which loads the streams stack (~2 ms of cold start, measured), and top-level
// await would break require() of this module.
import { initSync } from "./wasm/customer_update.js";

const { readFileSync } = process.getBuiltinModule("fs");
initSync({ module: readFileSync(new URL("./wasm/customer_update_bg.wasm", import.meta.url)) });

export * from "./api.js";
