// The wasm instances a package entry makes, recorded as they are made: install before the first
// import of the entry in the thread. The Node entry makes two and exposes neither (dist/node.js is
// one bundled module): the validators-only instance at import (every validation call) and the
// full one on the first request, client or contact call. Tests that watch wasm memory or the
// externref table watch both.
export function trackInstances() {
  const made = [];
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args, newTarget) {
      const instance = Reflect.construct(target, args, newTarget);
      made.push(instance);
      return instance;
    },
  });
  return made;
}
