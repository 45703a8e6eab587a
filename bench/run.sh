#!/usr/bin/env bash
# The benchmark: customer-update (wasm) against Zod, Valibot, Ajv, a handwritten validator and,
# when bench/native.rs exists, the same Rust validator compiled natively.
#
#   bash bench/run.sh           full run (a few minutes); writes bench/RESULTS.md and bench/charts/*.svg
#   bash bench/run.sh --smoke   seconds: the full agreement check, then one operation per table
#                               with tiny rounds (for CI: keeps the bench from rotting; no
#                               RESULTS.md, no native build). No timing assertions anywhere.
#
# Steps: build what is missing → snapshot of pkg/dist → agreement (all implementations, every case; fails the run on a
# disagreement) → Node throughput → Chromium throughput → cold start (Node, Chromium) → size →
# bench/RESULTS.md → SVG charts of its tables (bench/charts.mjs). Intermediate results: bench/out/results/ (bench/out/smoke/ for --smoke).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

SMOKE=""
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE="--smoke" ;;
    *) echo "usage: bash bench/run.sh [--smoke]" >&2; exit 2 ;;
  esac
done
if [ -n "$SMOKE" ]; then RESULTS=bench/out/smoke; else RESULTS=bench/out/results; fi
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

step "prerequisites"
ensure_node_modules
ensure_chromium
# A build in progress (scripts/build-pkg.sh empties pkg/dist first) is waited for, not raced.
dist_complete() {
  local f
  for f in package.json dist/node.js dist/browser.js dist/api.js dist/contact.js dist/slim.d.ts dist/wasm/customer_update.js dist/wasm/customer_update_bg.wasm; do
    [ -f "$1/$f" ] || return 1
  done
}
dist_state() { find pkg/dist -type f -printf '%p %s %T@\n' 2>/dev/null | sort | sha256sum; }
if [ ! -d pkg/dist ] || [ -z "$SMOKE" ]; then
  bash scripts/build-pkg.sh
fi

# Every step measures one snapshot of the package (bench/out/pkg), so a rebuild of pkg/dist
# while the bench runs cannot mix builds. bench/node_modules/customer-update points the bench's
# imports (Node and esbuild resolve from bench/ first) at the snapshot for the length of the run.
step "snapshot of pkg/dist → bench/out/pkg"
for attempt in $(seq 1 120); do
  before="$(dist_state)"
  if dist_complete pkg; then
    sleep 2
    if [ "$(dist_state)" = "$before" ]; then
      rm -rf bench/out/pkg && mkdir -p bench/out/pkg
      cp pkg/package.json bench/out/pkg/ && cp -r pkg/dist bench/out/pkg/dist
      if dist_complete bench/out/pkg && [ "$(dist_state)" = "$before" ]; then break; fi
    fi
  fi
  [ "$attempt" -lt 120 ] || { echo "pkg/dist stayed incomplete or kept changing for 10 minutes" >&2; exit 1; }
  echo "pkg/dist is being rebuilt; waiting"
  sleep 5
done
mkdir -p bench/node_modules
ln -sfn ../out/pkg bench/node_modules/customer-update
trap 'rm -rf bench/node_modules' EXIT
sha256sum bench/out/pkg/dist/wasm/customer_update_bg.wasm | cut -c1-16 > "$RESULTS/pkg-wasm-sha256.txt"
cut -d' ' -f1-3 /proc/loadavg > "$RESULTS/loadavg-start.txt"

step "agreement: customer-update, zod, valibot, ajv, handwritten on every case"
node bench/agree.mjs --random "$([ -n "$SMOKE" ] && echo 300 || echo 3000)" --out "$RESULTS/agree.json"

# ---- native Rust hook ----------------------------------------------------------------------
# bench/native.rs (a cargo bench binary, [[bench]] name = "native" in Cargo.toml) reads the timed
# payloads from bench/out/cases.json ({ "<op>": { "valid": …, "invalid": … } }) and prints one
# line of JSON: [{ "op", "case": "valid"|"invalid", "opsPerSec" }]. run.mjs merges it into the
# Node table as a "native Rust" column. Skipped in smoke mode (the release build takes minutes).
if [ -f bench/native.rs ]; then
  node --input-type=module -e 'import { bench } from "./bench/cases.mjs"; import { writeFileSync } from "node:fs"; writeFileSync("bench/out/cases.json", JSON.stringify(bench));'
  if [ -z "$SMOKE" ]; then
    step "native Rust: cargo bench --bench native -- --json"
    if ! cargo bench --bench native -- --json bench/out/cases.json > "$RESULTS/native.json"; then
      echo "native Rust bench failed: the Node table has no native column" >&2
      rm -f "$RESULTS/native.json"
    fi
  else
    echo "native Rust: skipped in smoke mode"
  fi
else
  echo "native Rust: bench/native.rs not present (no native column)"
fi

step "throughput in Node"
node bench/run.mjs $SMOKE --throughput

step "growth with payload size, and wasm memory over a long loop (Node)"
node bench/growth.mjs $SMOKE

step "throughput in headless Chromium"
node bench/browser.mjs $SMOKE --throughput

step "cold start"
node bench/run.mjs $SMOKE --cold
node bench/browser.mjs $SMOKE --cold

step "size"
node bench/size.mjs $SMOKE

if [ -z "$SMOKE" ]; then
  node bench/report.mjs
  step "charts (bench/charts/*.svg from bench/RESULTS.md)"
  node bench/charts.mjs
else
  step "charts (smoke: drawn from the committed bench/RESULTS.md into $RESULTS/charts)"
  node bench/charts.mjs --out "$RESULTS/charts"
fi
step "bench done${SMOKE:+ (smoke)}"
