#!/usr/bin/env bash
# Deno (real `deno run`): deno/main.mjs imports "customer-update" (resolved through node_modules and
# the exports map's `deno` condition), validates, builds a request and sends one to a local stub
# server. Permissions: read the .wasm file only, net to the stub server's address only. DENO_DIR is
# the repository's gitignored .deno-dir/; --cached-only/--no-remote keep Deno off the network.
source "$(dirname "$0")/lib/common.sh"

start_server upstream
UPSTREAM="http://127.0.0.1:$upstream_PORT"
WASM="$ROOT/pkg/dist/wasm/customer_update_bg.wasm"

run 30 env DENO_DIR="$ROOT/.deno-dir" DENO_NO_UPDATE_CHECK=1 "$BIN/deno" run \
  --cached-only --no-remote --no-lock --no-prompt \
  --allow-read="$WASM" --allow-net="127.0.0.1:$upstream_PORT" \
  "$RT/deno/main.mjs" "$UPSTREAM" >"$TMP/result.json"
check_entry "$TMP/result.json" deno.js deno
run 30 node "$RT/lib/check-scenario.mjs" --label deno --upstream "$UPSTREAM" --result-file "$TMP/result.json"

# The validators entry: only its own wasm (the speed build, as in Node) may be read.
VWASM="$ROOT/pkg/dist/validators/wasm/customer_update_speed_bg.wasm"
run 30 env DENO_DIR="$ROOT/.deno-dir" DENO_NO_UPDATE_CHECK=1 "$BIN/deno" run \
  --cached-only --no-remote --no-lock --no-prompt --allow-read="$VWASM" \
  "$RT/deno/validators.mjs" >"$TMP/validators.json"
run 10 node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const assert = require("assert");
assert.deepStrictEqual(r.exports, ["checkJson", "fromFormData", "operations", "schema", "setMessages", "tanstackValidator", "validate", "validateJson"]);
assert.deepStrictEqual(r.ok, { ok: true });
assert.strictEqual(r.bad.ok, false);
assert.strictEqual(r.bad.issues[0].code, "unknown_field");
console.log("  ok - deno: customer-update/validators validates with its own wasm");
' "$TMP/validators.json"
