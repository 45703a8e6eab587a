// The edge handler in real Deno (tests/runtimes/edge.sh): customer-update/edge resolved through
// node_modules and the exports map's `deno` condition to dist/edge-deno.js, served with Deno.serve
// on 127.0.0.1 and a free port. Prints { port, entry } once listening.
//   deno run --allow-read=<dist/wasm/customer_update_bg.wasm>,<dist/validators/wasm/customer_update_speed_bg.wasm> --allow-net=127.0.0.1 deno.mjs UPSTREAM_URL
import { createEdgeHandler } from "customer-update/edge";

const handler = createEdgeHandler({
  env: { CU_GATHR_TOKEN: "rt-gathr-token-5c1e", CU_GATHR_BASE_URL: Deno.args[0] },
  allowedOrigins: ["http://allowed.test"],
  authorize: (req) => req.headers.get("x-test-session") === "rt-session",
  allowHeaders: ["X-Test-Session"],
});

Deno.serve({
  hostname: "127.0.0.1",
  port: 0,
  onListen: ({ port }) => console.log(JSON.stringify({ port, entry: import.meta.resolve("customer-update/edge") })),
}, handler);
