// Node (>= 20.16). Validation runs on the validators-only wasm (dist/validators/wasm, 95 KB),
// read and compiled synchronously at import; the full wasm (requests, client, contact; 352 KB,
// about three times as long to compile) is read and compiled synchronously on the first call that
// needs it (full-wasm.js), so `buildRequest` and the rest stay synchronous and an app that only
// validates never compiles it. The two instances share no state: every validation call goes to
// the first, every request/client/contact call to the second (bench/targets.md, session 5).
// scripts/build-pkg.sh bundles this file with the modules it imports into one dist/node.js: Node's
// ES module loader pays for every file.
// `fs` comes from process.getBuiltinModule: a static `import "node:fs"` makes Node build its ESM
// wrapper of fs, which loads the streams stack (~2 ms of cold start, measured), and top-level
// await would break require() of this module.
import { initSync } from "./validators/wasm/customer_update.js";
import { setFullWasm } from "./full-wasm.js";

const { readFileSync } = process.getBuiltinModule("fs");
initSync({ module: readFileSync(new URL("./validators/wasm/customer_update_bg.wasm", import.meta.url)) });
// The full wasm's glue as CommonJS (scripts/build-pkg.sh makes it from the ES module glue), so it
// is read and parsed only when first needed too: an ES module cannot be imported synchronously.
setFullWasm(() => {
  const full = process.getBuiltinModule("module").createRequire(import.meta.url)("./wasm/customer_update.cjs");
  full.initSync({ module: readFileSync(new URL("./wasm/customer_update_bg.wasm", import.meta.url)) });
  return full;
});

export * from "./validators-api.js";
