// customer-update/validators for Deno: the validation API over the validators-only wasm built for
// speed (customer_update_speed_bg.wasm, opt-level 3: scripts/build-pkg.sh, bench/targets.md
// "Session 7: speed per runtime"), read through a file: URL (needs --allow-read for that file).
// The default entry (deno.js) validates through this module too.
import { initSync } from "./validators/wasm/customer_update.js";

initSync({ module: Deno.readFileSync(new URL("./validators/wasm/customer_update_speed_bg.wasm", import.meta.url)) });

export { operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator, setMessages } from "./validators-api.js";
