#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz / libFuzzer) of every validator entry point and every
# response/error-body parser. `--smoke` runs each target briefly (CI); otherwise RUNS executions
# each (default 10 million), JOBS targets at a time (default: the number of cores). Crashes land
# in fuzz/artifacts/<target>/ and fail the run. Logs: fuzz/logs/<target>.log.
# Stable Rust: RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z flags; no sanitizer runtime is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

RUNS="${RUNS:-10000000}"
if [ "${1:-}" = "--smoke" ]; then RUNS="${SMOKE_RUNS:-20000}"; fi
JOBS="${JOBS:-$(nproc)}"
TARGETS=(validate request_parse provider_errors small_parsers)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  step "installing cargo-fuzz (about 2 minutes)"
  cargo install cargo-fuzz --version 0.13.2
fi
export RUSTC_BOOTSTRAP=1
step "building the fuzz targets"
(cd fuzz && cargo fuzz build -s none)
mkdir -p fuzz/logs

run_target() {
  local t="$1"
  mkdir -p "fuzz/corpus/$t"
  cp -n fuzz/seeds/$t/* "fuzz/corpus/$t/" 2>/dev/null || true
  (cd fuzz && cargo fuzz run -s none "$t" "corpus/$t" "seeds/$t" -- \
      -runs="$RUNS" -max_len=4096 -dict=json.dict -print_final_stats=1 > "logs/$t.log" 2>&1)
}

step "fuzzing ${TARGETS[*]}: $RUNS executions each, $JOBS at a time"
declare -A pids
failed=0
running=0
for t in "${TARGETS[@]}"; do
  run_target "$t" & pids[$t]=$!
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
done
summary=()
for t in "${TARGETS[@]}"; do
  if ! wait "${pids[$t]}"; then
    tail -40 "fuzz/logs/$t.log"
    echo "fuzz $t: CRASH (see fuzz/artifacts/$t/)"
    failed=1
    continue
  fi
  execs=$(awk '/stat::number_of_executed_units/ {print $NF}' "fuzz/logs/$t.log")
  secs=$(awk '/^Done [0-9]+ runs in/ {print $(NF-1)}' "fuzz/logs/$t.log")
  summary+=("$t: ${execs:-?} executions in ${secs:-?} s, 0 crashes")
done
step "fuzz summary"
printf '%s\n' "${summary[@]}"
exit "$failed"
