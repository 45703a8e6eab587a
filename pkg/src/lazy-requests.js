// The request, client and contact API of an entry that loads it on first use (node.js, deno.js):
// each function forwards to api.js's module over the full wasm, which the entry hands over
// through `onFirstUse` and initialises when it is first asked for.
let load = () => {
  throw new Error("customer-update: this entry did not set up its request API");
};

/** `get` returns the request API's module (api.js over the full wasm), loading it the first time. */
export function onFirstUse(get) {
  load = get;
}

export function toProvider(provider, value, options) {
  return load().toProvider(provider, value, options);
}
export function fromProvider(provider, body) {
  return load().fromProvider(provider, body);
}
export function diffContact(before, after) {
  return load().diffContact(before, after);
}
export function providers() {
  return load().providers();
}
export function example(op) {
  return load().example(op);
}
export function describe(op) {
  return load().describe(op);
}
export function diff(op, before, after, options) {
  return load().diff(op, before, after, options);
}
export function buildRequest(op, input, config, options) {
  return load().buildRequest(op, input, config, options);
}
export function matchRequest(provider, method, path, body = "", contentType) {
  return load().matchRequest(provider, method, path, body, contentType);
}
export function createClient(provider, config = {}) {
  return load().createClient(provider, config);
}
