#!/usr/bin/env bash
# A real bundler and a real browser: esbuild bundles browser/app.mjs (format esm, platform browser,
# conditions browser) and browser/worker.mjs (conditions worker), the .wasm is copied next to the
# bundles (esbuild does not emit it), a local static server serves the site and headless Chromium
# loads it; the page and a module Web Worker each validate and send a request to their own stub server.
source "$(dirname "$0")/lib/common.sh"

SITE="$TMP/site"
mkdir -p "$SITE/wasm"
run 60 "$BIN/esbuild" "$RT/browser/app.mjs" --bundle --format=esm --platform=browser --conditions=browser \
  --outfile="$SITE/app.js" --log-level=warning
run 60 "$BIN/esbuild" "$RT/browser/worker.mjs" --bundle --format=esm --platform=browser --conditions=worker \
  --outfile="$SITE/worker.js" --log-level=warning
cp "$ROOT/pkg/dist/wasm/customer_update_bg.wasm" "$SITE/wasm/"
# The page also imports customer-update/validators, whose loader fetches its own .wasm.
mkdir -p "$SITE/validators/wasm"
cp "$ROOT/pkg/dist/validators/wasm/customer_update_bg.wasm" "$SITE/validators/wasm/"
grep -q 'new URL("./validators/wasm/customer_update_bg.wasm", import.meta.url)' "$SITE/app.js" \
  || { echo "  app.js does not load ./validators/wasm/customer_update_bg.wasm relative to itself" >&2; exit 1; }
cp "$RT/browser/index.html" "$SITE/"
for f in app.js worker.js; do
  grep -q 'new URL("./wasm/customer_update_bg.wasm", import.meta.url)' "$SITE/$f" \
    || { echo "  $f does not load ./wasm/customer_update_bg.wasm relative to itself" >&2; exit 1; }
done
echo "  ok - esbuild bundled app.js ($(wc -c <"$SITE/app.js") bytes) and worker.js; wasm copied to wasm/"

start_server site --static "$SITE"
start_server upstream
start_server worker_upstream
run 60 node "$RT/browser/check.mjs" --site "http://127.0.0.1:$site_PORT" \
  --upstream "http://127.0.0.1:$upstream_PORT" --worker-upstream "http://127.0.0.1:$worker_upstream_PORT"
