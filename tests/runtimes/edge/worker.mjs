// The edge handler in real workerd (tests/runtimes/edge.sh): customer-update/edge resolved to
// dist/edge-workerd.js (embedded under that name by config.capnp), created once per isolate with the
// worker's bindings as `env` (CU_GATHR_TOKEN, CU_GATHR_BASE_URL → the stub server), the one allowed
// origin, and a session header as the app's authorization.
import { createEdgeHandler } from "customer-update/edge";

let handler;

export default {
  fetch(request, env) {
    handler ??= createEdgeHandler({
      env,
      allowedOrigins: ["http://allowed.test"],
      authorize: (req) => req.headers.get("x-test-session") === env.TEST_SESSION,
      allowHeaders: ["X-Test-Session"],
    });
    return handler(request);
  },
};
