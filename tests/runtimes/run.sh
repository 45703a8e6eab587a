#!/usr/bin/env bash
# Runs every runtime check (assumes pkg/dist is built: bash scripts/build-pkg.sh). Each check is a
# script next to this one, bounded by `timeout`; it prints its own "ok -" lines, and this prints one
# PASS/FAIL line per check and a final "N passed, M failed". Exits non-zero if any check fails.
#   bash tests/runtimes/run.sh [check ...]      e.g. bash tests/runtimes/run.sh deno types
set -uo pipefail
cd "$(dirname "$0")"

CHECKS=(node deno workerd edge browser types forms readme)
declare -A LIMIT=([node]=60 [deno]=60 [workerd]=90 [edge]=240 [browser]=120 [types]=180 [forms]=60 [readme]=30)
[ $# -gt 0 ] && CHECKS=("$@")

if [ ! -f ../../pkg/dist/index.d.ts ] || [ ! -f ../../pkg/dist/wasm/customer_update_bg.wasm ]; then
  echo "pkg/dist is not built: run bash scripts/build-pkg.sh first" >&2
  exit 2
fi

passed=0 failed=0 failures=()
for check in "${CHECKS[@]}"; do
  [ -f "$check.sh" ] || { echo "no such check: $check" >&2; exit 2; }
  echo "── $check"
  start=$(date +%s%N)
  timeout -k 10 "${LIMIT[$check]:-120}" bash "$check.sh"
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 )); secs="$((ms / 1000)).$((ms % 1000 / 100))"
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1)); echo "PASS $check (${secs}s)"
  else
    failed=$((failed + 1)); failures+=("$check")
    [ "$rc" -eq 124 ] && why="timed out after ${LIMIT[$check]:-120}s" || why="exit $rc"
    echo "FAIL $check ($why, ${secs}s)"
  fi
done

[ "$failed" -eq 0 ] || echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
