// The API without automatic initialisation: call `init(...)` or `initSync({ module })` yourself
// (for runtimes this package has no entry point for).
export { default as init, initSync } from "./wasm/customer_update.js";
export * from "./api.js";
