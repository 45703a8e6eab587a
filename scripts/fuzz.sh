#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz / libFuzzer) of every validator entry point and every
# response/error-body parser. `--smoke` runs each target briefly (CI); otherwise RUNS executions
# each (default 10 million). Crashes land in fuzz/artifacts/<target>/ and fail the run.
# Stable Rust: RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z flags; no sanitizer runtime is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

RUNS="${RUNS:-10000000}"
if [ "${1:-}" = "--smoke" ]; then RUNS="${SMOKE_RUNS:-20000}"; fi
TARGETS=(validate request_parse provider_errors small_parsers)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  step "installing cargo-fuzz (about 2 minutes)"
  cargo install cargo-fuzz --version 0.13.2
fi
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/logs
summary=()
for t in "${TARGETS[@]}"; do
  step "fuzz $t: $RUNS executions"
  mkdir -p "fuzz/corpus/$t"
  cp -n fuzz/seeds/$t/* "fuzz/corpus/$t/" 2>/dev/null || true
  (cd fuzz && cargo fuzz run -s none "$t" "corpus/$t" "seeds/$t" -- \
      -runs="$RUNS" -max_len=4096 -dict=json.dict -print_final_stats=1 > "logs/$t.log" 2>&1) || {
    tail -40 "fuzz/logs/$t.log"; echo "fuzz $t: CRASH (see fuzz/artifacts/$t/)"; exit 1; }
  execs=$(awk -F: '/stat::number_of_executed_units/ {gsub(/ /, "", $2); print $2}' "fuzz/logs/$t.log")
  summary+=("$t: ${execs:-?} executions, 0 crashes")
done
step "fuzz summary"
printf '%s\n' "${summary[@]}"
