#!/usr/bin/env bash
# Installs what is missing, builds the package and serves the demo page. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/build-pkg.sh
PORT="${PORT:-8080}"
step "demo at http://127.0.0.1:$PORT/ (Ctrl-C stops it)"
exec node www/serve.mjs "$PORT"
