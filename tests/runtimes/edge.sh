#!/usr/bin/env bash
# customer-update/edge in real runtimes. workerd: edge/worker.mjs (the handler with the worker's
# bindings as env) against a recording stub server — a valid request goes through, bad ones are
# refused (lib/check-edge.mjs); then the memory check, four concurrent 100 MB uploads twice with
# workerd's VmRSS sampled (lib/edge-memory.mjs). Deno: edge/deno.mjs serves the handler with
# Deno.serve (the exports map's `deno` condition), same checks against a fresh stub server.
source "$(dirname "$0")/lib/common.sh"

# workerd
start_server upstream
CU_UPSTREAM="http://127.0.0.1:$upstream_PORT" bg 120 "$BIN/workerd" serve "$RT/edge/config.capnp" --control-fd 3 3>"$TMP/edge.control"
wait_file "$TMP/edge.control" 20 "$LAST_PID"
WORKERD_PID=$(pgrep -P "$LAST_PID" | head -1)
port=$(run 10 node -e 'for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) {
  if (!l) continue; const e = JSON.parse(l); if (e.event === "listen" && e.socket === "http") console.log(e.port); }' "$TMP/edge.control")
echo "  [workerd] edge handler on 127.0.0.1:$port (pid $WORKERD_PID), stub server on 127.0.0.1:$upstream_PORT"
run 30 node "$RT/lib/check-edge.mjs" --label "workerd" --edge "http://127.0.0.1:$port" --upstream "http://127.0.0.1:$upstream_PORT"
run 90 node "$RT/lib/edge-memory.mjs" --label workerd --edge "http://127.0.0.1:$port" --pid "$WORKERD_PID" --path /gathr.updateCustomer \
  --header "origin: http://allowed.test" --header "x-test-session: rt-session" --limit-mb 128 --timeout-s 80

# Deno
start_server denoup
WASM="$ROOT/pkg/dist/wasm/customer_update_bg.wasm"
VWASM="$ROOT/pkg/dist/validators/wasm/customer_update_speed_bg.wasm" # validation's (the speed build)
env DENO_DIR="$ROOT/.deno-dir" DENO_NO_UPDATE_CHECK=1 timeout -k 2 60 "$BIN/deno" run \
  --cached-only --no-remote --no-lock --no-prompt \
  --allow-read="$WASM,$VWASM" --allow-net=127.0.0.1 \
  "$RT/edge/deno.mjs" "http://127.0.0.1:$denoup_PORT" >"$TMP/deno.out" &
LAST_PID=$!; PIDS+=("$LAST_PID")
wait_file "$TMP/deno.out" 30 "$LAST_PID"
read -r dport dentry < <(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]); console.log(r.port, r.entry)' "$TMP/deno.out")
[ "$dentry" = "file://$ROOT/pkg/dist/edge-deno.js" ] || { echo "  deno resolved customer-update/edge to $dentry" >&2; exit 1; }
echo "  ok - deno: customer-update/edge resolved to pkg/dist/edge-deno.js; Deno.serve on 127.0.0.1:$dport"
run 30 node "$RT/lib/check-edge.mjs" --label "deno" --edge "http://127.0.0.1:$dport" --upstream "http://127.0.0.1:$denoup_PORT"
