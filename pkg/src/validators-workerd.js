// customer-update/validators for workerd (Cloudflare Workers): the validation API over the
// validators-only wasm built for speed (customer_update_speed_bg.wasm, opt-level 3:
// scripts/build-pkg.sh, bench/targets.md "Session 7: speed per runtime"). The runtime hands the
// .wasm over as a compiled WebAssembly.Module (declare it a module); `init()` without arguments
// would fail there, because import.meta.url is not a fetchable URL. The default entry
// (workerd.js) validates through this module too.
import wasmModule from "./validators/wasm/customer_update_speed_bg.wasm";
import { initSync } from "./validators/wasm/customer_update.js";

initSync({ module: wasmModule });

export { operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator, setMessages } from "./validators-api.js";
