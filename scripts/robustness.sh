#!/usr/bin/env bash
# Prints the robustness figures of issue 6 in one place: executions per fuzz target with their
# crash count, hostile JavaScript kinds passed, fault-matrix cells passed, secrets searched.
#   bash scripts/robustness.sh           full: 10 million executions per fuzz target (~1 h on 2 cores)
#   bash scripts/robustness.sh --smoke   seconds-long fuzz smoke (what CI runs)
# The full run also writes tests/ROBUSTNESS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
MODE="${1:-}"

[ -d pkg/dist ] || bash scripts/build-pkg.sh

fuzz_out=$(mktemp)
bash scripts/fuzz.sh $MODE | tee "$fuzz_out"
node_out=$(mktemp)
node --test tests/node/hostile.test.mjs tests/node/faults.test.mjs tests/node/secrets.test.mjs 2>&1 | tee "$node_out" >/dev/null || {
  cat "$node_out"; echo "robustness: a node suite failed"; exit 1; }

figures=$(
  sed -n '/==> fuzz summary/,$p' "$fuzz_out" | grep -v '==>'
  grep -hoE '(hostile kinds passed|faults passed|secrets searched): [0-9][^"]*' "$node_out" | sort -u
)
step "robustness figures${MODE:+ ($MODE)}"
echo "$figures"
if [ -z "$MODE" ]; then
  {
    echo "# Robustness figures"
    echo
    echo "Produced by \`bash scripts/robustness.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(rustc --version))."
    echo
    echo '```'
    echo "$figures"
    echo '```'
  } > tests/ROBUSTNESS.md
  echo "written: tests/ROBUSTNESS.md"
fi
rm -f "$fuzz_out" "$node_out"
