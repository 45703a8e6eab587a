# The same worker, bundled the way wrangler does (esbuild, conditions workerd/worker, .wasm external):
# workerd.sh bundles worker.mjs into bundle/worker.js next to a copy of this file, the package's
# exports map picks dist/workerd.js, and the two .wasm files it imports are embedded as `wasm` modules.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "bundle/worker.js"),
    (name = "wasm/customer_update_bg.wasm", wasm = embed "bundle/wasm/customer_update_bg.wasm"),
    (name = "validators/wasm/customer_update_speed_bg.wasm", wasm = embed "bundle/validators/wasm/customer_update_speed_bg.wasm"),
  ],
  bindings = [ (name = "UPSTREAM", fromEnvironment = "CU_UPSTREAM") ],
  globalOutbound = "internet",
  compatibilityDate = "2025-09-01",
);
