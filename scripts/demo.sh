#!/usr/bin/env bash
# Installs what is missing, builds the package, and starts the provider simulator, the edge
# function (real workerd) and the demo page; prints the URL. Ctrl-C stops all of it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/build-pkg.sh
step "starting simulator, edge function and page"
exec node www/dev.mjs
