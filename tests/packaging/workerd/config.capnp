# The bundle (bundle/worker.js, from worker.mjs) with both .wasm files copied next to it and
# declared as modules under the paths the bundle imports.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "bundle/worker.js"),
    (name = "wasm/customer_update_bg.wasm", wasm = embed "bundle/wasm/customer_update_bg.wasm"),
    (name = "validators/wasm/customer_update_speed_bg.wasm", wasm = embed "bundle/validators/wasm/customer_update_speed_bg.wasm"),
  ],
  compatibilityDate = "2025-09-01",
);
