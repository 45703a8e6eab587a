#!/usr/bin/env bash
# Node (>= 20): node/main.mjs imports "customer-update" (exports map `node` condition → dist/node.js),
# validates, builds a request and sends one with createClient to a local stub server.
source "$(dirname "$0")/lib/common.sh"

start_server upstream
UPSTREAM="http://127.0.0.1:$upstream_PORT"
run 30 node "$RT/node/main.mjs" "$UPSTREAM" >"$TMP/result.json"
check_entry "$TMP/result.json" node.js node
run 30 node "$RT/lib/check-scenario.mjs" --label node --upstream "$UPSTREAM" --result-file "$TMP/result.json"
