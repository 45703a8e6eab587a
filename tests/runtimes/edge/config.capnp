# workerd config for the edge handler check (tests/runtimes/edge.sh): the package's dist files
# embedded under the names their relative imports resolve to from "customer-update/edge". The
# socket binds 127.0.0.1:0 (the port is reported on the control fd); the stub server's URL comes
# from the environment.
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
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "customer-update/edge", esModule = embed "../../../pkg/dist/edge-workerd.js"),
    (name = "customer-update/edge-core.js", esModule = embed "../../../pkg/dist/edge-core.js"),
    (name = "customer-update/workerd.js", esModule = embed "../../../pkg/dist/workerd.js"),
    (name = "customer-update/api.js", esModule = embed "../../../pkg/dist/api.js"),
    (name = "customer-update/contact.js", esModule = embed "../../../pkg/dist/contact.js"),
    (name = "customer-update/countries.js", esModule = embed "../../../pkg/dist/countries.js"),
    (name = "customer-update/issues.js", esModule = embed "../../../pkg/dist/issues.js"),
    (name = "customer-update/messages.js", esModule = embed "../../../pkg/dist/messages.js"),
    (name = "customer-update/text-write.js", esModule = embed "../../../pkg/dist/text-write.js"),
    (name = "customer-update/examples.js", esModule = embed "../../../pkg/dist/examples.js"),
    (name = "customer-update/describe.js", esModule = embed "../../../pkg/dist/describe.js"),
    (name = "customer-update/forms.js", esModule = embed "../../../pkg/dist/forms.js"),
    (name = "customer-update/form-fields.js", esModule = embed "../../../pkg/dist/form-fields.js"),
    (name = "customer-update/wasm/customer_update.js", esModule = embed "../../../pkg/dist/wasm/customer_update.js"),
    (name = "customer-update/wasm/customer_update_bg.wasm", wasm = embed "../../../pkg/dist/wasm/customer_update_bg.wasm"),
    (name = "customer-update/validators-workerd.js", esModule = embed "../../../pkg/dist/validators-workerd.js"),
    (name = "customer-update/validators-api.js", esModule = embed "../../../pkg/dist/validators-api.js"),
    (name = "customer-update/validators/wasm/customer_update.js", esModule = embed "../../../pkg/dist/validators/wasm/customer_update.js"),
    (name = "customer-update/validators/wasm/customer_update_speed_bg.wasm", wasm = embed "../../../pkg/dist/validators/wasm/customer_update_speed_bg.wasm"),
  ],
  bindings = [
    (name = "CU_GATHR_TOKEN", text = "rt-gathr-token-5c1e"),
    (name = "CU_GATHR_BASE_URL", fromEnvironment = "CU_UPSTREAM"),
    (name = "TEST_SESSION", text = "rt-session"),
  ],
  globalOutbound = "internet",
  compatibilityDate = "2025-09-01",
);
