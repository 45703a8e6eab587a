# workerd config for the edge function. The port is given on the command line
# (--socket-addr http=127.0.0.1:PORT); the provider URLs and the credentials come from the
# environment of the workerd process (server side only), never from this file or the browser.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .edge),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const edge :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "pkg/workerd.js", esModule = embed "../../pkg/dist/workerd.js"),
    (name = "pkg/api.js", esModule = embed "../../pkg/dist/api.js"),
    (name = "pkg/wasm/customer_update.js", esModule = embed "../../pkg/dist/wasm/customer_update.js"),
    (name = "pkg/wasm/customer_update_bg.wasm", wasm = embed "../../pkg/dist/wasm/customer_update_bg.wasm"),
  ],
  bindings = [
    (name = "PROVIDER_URLS", fromEnvironment = "EDGE_PROVIDER_URLS"),
    (name = "CREDENTIALS", fromEnvironment = "EDGE_CREDENTIALS"),
  ],
  compatibilityDate = "2025-09-01",
);
