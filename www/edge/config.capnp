# workerd config for the demo's edge function. The port is given on the command line
# (--socket-addr http=127.0.0.1:PORT). The credentials (CU_<PROVIDER>_<KEY>), the providers' base
# URLs (CU_<PROVIDER>_BASE_URL), the allowed origins and the demo session token come from the
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
    (name = "pkg/edge-workerd.js", esModule = embed "../../pkg/dist/edge-workerd.js"),
    (name = "pkg/edge-core.js", esModule = embed "../../pkg/dist/edge-core.js"),
    (name = "pkg/workerd.js", esModule = embed "../../pkg/dist/workerd.js"),
    (name = "pkg/api.js", esModule = embed "../../pkg/dist/api.js"),
    (name = "pkg/contact.js", esModule = embed "../../pkg/dist/contact.js"),
    (name = "pkg/countries.js", esModule = embed "../../pkg/dist/countries.js"),
    (name = "pkg/issues.js", esModule = embed "../../pkg/dist/issues.js"),
    (name = "pkg/messages.js", esModule = embed "../../pkg/dist/messages.js"),
    (name = "pkg/text-write.js", esModule = embed "../../pkg/dist/text-write.js"),
    (name = "pkg/examples.js", esModule = embed "../../pkg/dist/examples.js"),
    (name = "pkg/describe.js", esModule = embed "../../pkg/dist/describe.js"),
    (name = "pkg/forms.js", esModule = embed "../../pkg/dist/forms.js"),
    (name = "pkg/form-fields.js", esModule = embed "../../pkg/dist/form-fields.js"),
    (name = "pkg/wasm/customer_update.js", esModule = embed "../../pkg/dist/wasm/customer_update.js"),
    (name = "pkg/wasm/customer_update_bg.wasm", wasm = embed "../../pkg/dist/wasm/customer_update_bg.wasm"),
    (name = "pkg/validators-workerd.js", esModule = embed "../../pkg/dist/validators-workerd.js"),
    (name = "pkg/validators-api.js", esModule = embed "../../pkg/dist/validators-api.js"),
    (name = "pkg/validators/wasm/customer_update.js", esModule = embed "../../pkg/dist/validators/wasm/customer_update.js"),
    (name = "pkg/validators/wasm/customer_update_speed_bg.wasm", wasm = embed "../../pkg/dist/validators/wasm/customer_update_speed_bg.wasm"),
  ],
  bindings = [
    (name = "CU_ACCESSBANK_AUTHORIZATION_KEY", fromEnvironment = "CU_ACCESSBANK_AUTHORIZATION_KEY"),
    (name = "CU_ACCESSBANK_SUBSCRIPTION_KEY", fromEnvironment = "CU_ACCESSBANK_SUBSCRIPTION_KEY"),
    (name = "CU_ACCESSBANK_MERCHANT_ID", fromEnvironment = "CU_ACCESSBANK_MERCHANT_ID"),
    (name = "CU_ACCESSBANK_ACCESS_TOKEN", fromEnvironment = "CU_ACCESSBANK_ACCESS_TOKEN"),
    (name = "CU_ACCESSBANK_BASE_URL", fromEnvironment = "CU_ACCESSBANK_BASE_URL"),
    (name = "CU_JUSPAY_API_KEY", fromEnvironment = "CU_JUSPAY_API_KEY"),
    (name = "CU_JUSPAY_MERCHANT_ID", fromEnvironment = "CU_JUSPAY_MERCHANT_ID"),
    (name = "CU_JUSPAY_BASE_URL", fromEnvironment = "CU_JUSPAY_BASE_URL"),
    (name = "CU_BVNK_HAWK_ID", fromEnvironment = "CU_BVNK_HAWK_ID"),
    (name = "CU_BVNK_HAWK_KEY", fromEnvironment = "CU_BVNK_HAWK_KEY"),
    (name = "CU_BVNK_BASE_URL", fromEnvironment = "CU_BVNK_BASE_URL"),
    (name = "CU_GATHR_TOKEN", fromEnvironment = "CU_GATHR_TOKEN"),
    (name = "CU_GATHR_BASE_URL", fromEnvironment = "CU_GATHR_BASE_URL"),
    (name = "CU_M2P_TENANT_ID", fromEnvironment = "CU_M2P_TENANT_ID"),
    (name = "CU_M2P_CLIENT_ID", fromEnvironment = "CU_M2P_CLIENT_ID"),
    (name = "CU_M2P_CLIENT_SECRET", fromEnvironment = "CU_M2P_CLIENT_SECRET"),
    (name = "CU_M2P_ACCESS_TOKEN", fromEnvironment = "CU_M2P_ACCESS_TOKEN"),
    (name = "CU_M2P_BASE_URL", fromEnvironment = "CU_M2P_BASE_URL"),
    (name = "EDGE_ALLOWED_ORIGINS", fromEnvironment = "EDGE_ALLOWED_ORIGINS"),
    (name = "EDGE_DEMO_SESSION", fromEnvironment = "EDGE_DEMO_SESSION"),
  ],
  compatibilityDate = "2025-09-01",
);
