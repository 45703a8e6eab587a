// The Node entry's request, client and contact API: api.js over the full wasm's glue, which
// scripts/build-pkg.sh bundles as CommonJS into dist/wasm/customer_update.cjs; node.js requires it
// synchronously on the first call that needs it and initialises it (`initSync`) with the full wasm.
// Not an entry point of the package (the build removes this source from dist).
export { initSync } from "./wasm/customer_update.js";
export * from "./api.js";
import { useNodeBuffer } from "./issues.js";

// Side strings of issue records decoded with Buffer (issues.js).
useNodeBuffer(Buffer);
