#!/usr/bin/env bash
# workerd (real `workerd serve`): workerd/worker.mjs imports the package's workerd entry, validates,
# builds a request and sends one with createClient to a local stub server; we fetch the worker and
# assert its JSON and what the stub received. Twice: with the dist files embedded as modules
# (workerd/config.capnp), and bundled by esbuild as wrangler does (workerd/bundled.capnp).
source "$(dirname "$0")/lib/common.sh"

# serve_and_check NAME CONFIG: run workerd on CONFIG against a fresh stub server, then assert.
serve_and_check() {
  local name=$1 config=$2 upstream port
  start_server "$name"
  upstream="http://127.0.0.1:$(cat "$TMP/$name.port")"
  # The socket binds 127.0.0.1:0; workerd reports the port it got on the control fd.
  CU_UPSTREAM="$upstream" bg 60 "$BIN/workerd" serve "$config" --control-fd 3 3>"$TMP/$name.control"
  wait_file "$TMP/$name.control" 20 "$LAST_PID"
  port=$(run 10 node -e 'for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) {
    if (!l) continue; const e = JSON.parse(l); if (e.event === "listen" && e.socket === "http") console.log(e.port); }' "$TMP/$name.control")
  echo "  [$name] workerd on 127.0.0.1:$port, stub server on $upstream"
  run 30 node "$RT/lib/check-scenario.mjs" --label "workerd ($name)" --upstream "$upstream" --result-url "http://127.0.0.1:$port/"
}

serve_and_check embedded "$RT/workerd/config.capnp"

mkdir -p "$TMP/bundled/bundle/wasm" "$TMP/bundled/bundle/validators/wasm"
cp "$RT/workerd/bundled.capnp" "$TMP/bundled/"
cp "$ROOT/pkg/dist/wasm/customer_update_bg.wasm" "$TMP/bundled/bundle/wasm/"
cp "$ROOT/pkg/dist/validators/wasm/customer_update_speed_bg.wasm" "$TMP/bundled/bundle/validators/wasm/"
run 60 "$BIN/esbuild" "$RT/workerd/worker.mjs" --bundle --format=esm --platform=neutral \
  --conditions=workerd,worker --external:'*.wasm' --outfile="$TMP/bundled/bundle/worker.js" --log-level=warning
grep -q 'from "./wasm/customer_update_bg.wasm"' "$TMP/bundled/bundle/worker.js" \
  || { echo "  the bundle does not import the .wasm module: the workerd condition did not pick dist/workerd.js" >&2; exit 1; }
# Validation runs on the speed build of the validators-only wasm, as in Node (dist/workerd.js through
# dist/validators-workerd.js): the bundle imports that .wasm too.
grep -q 'from "./validators/wasm/customer_update_speed_bg.wasm"' "$TMP/bundled/bundle/worker.js" \
  || { echo "  the bundle does not import the speed validators .wasm: dist/workerd.js does not validate on it" >&2; exit 1; }
echo "  ok - esbuild with conditions workerd,worker resolved customer-update to dist/workerd.js (both .wasm files imported)"
serve_and_check bundled "$TMP/bundled/bundled.capnp"
