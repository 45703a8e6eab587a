# workerd config for the runtime check (tests/runtimes/workerd.sh). The package's dist files are
# embedded as modules under the names its relative imports resolve to; each .wasm (the full one, and
# the speed build of the validators-only one that validation runs on) is a `wasm` module.
# The socket address and the stub server's URL come from the command line / environment.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # fetch() to 127.0.0.1 is refused unless the outbound network allows private/local addresses.
    (name = "internet", network = (allow = ["private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "customer-update", esModule = embed "../../../pkg/dist/workerd.js"),
    (name = "api.js", esModule = embed "../../../pkg/dist/api.js"),
    (name = "contact.js", esModule = embed "../../../pkg/dist/contact.js"),
    (name = "countries.js", esModule = embed "../../../pkg/dist/countries.js"),
    (name = "issues.js", esModule = embed "../../../pkg/dist/issues.js"),
    (name = "messages.js", esModule = embed "../../../pkg/dist/messages.js"),
    (name = "text-write.js", esModule = embed "../../../pkg/dist/text-write.js"),
    (name = "examples.js", esModule = embed "../../../pkg/dist/examples.js"),
    (name = "describe.js", esModule = embed "../../../pkg/dist/describe.js"),
    (name = "forms.js", esModule = embed "../../../pkg/dist/forms.js"),
    (name = "form-fields.js", esModule = embed "../../../pkg/dist/form-fields.js"),
    (name = "wasm/customer_update.js", esModule = embed "../../../pkg/dist/wasm/customer_update.js"),
    (name = "wasm/customer_update_bg.wasm", wasm = embed "../../../pkg/dist/wasm/customer_update_bg.wasm"),
    # Validation: the validators entry over the speed build of the validators-only wasm.
    (name = "validators-workerd.js", esModule = embed "../../../pkg/dist/validators-workerd.js"),
    (name = "validators-api.js", esModule = embed "../../../pkg/dist/validators-api.js"),
    (name = "validators/wasm/customer_update.js", esModule = embed "../../../pkg/dist/validators/wasm/customer_update.js"),
    (name = "validators/wasm/customer_update_speed_bg.wasm", wasm = embed "../../../pkg/dist/validators/wasm/customer_update_speed_bg.wasm"),
  ],
  bindings = [ (name = "UPSTREAM", fromEnvironment = "CU_UPSTREAM") ],
  globalOutbound = "internet",
  compatibilityDate = "2025-09-01",
);
