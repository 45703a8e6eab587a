# Shared helpers for the runtime checks, sourced by each tests/runtimes/<check>.sh.
# Every process a check starts goes through `bg` or `run`: bounded by `timeout`, recorded, and killed
# by its id on EXIT. A TERM/INT (run.sh's own timeout) interrupts `wait` at once and exits through
# the same trap, so nothing is left behind even when a check is cut short.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
RT="$ROOT/tests/runtimes"
BIN="$ROOT/node_modules/.bin"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/cu-runtimes.XXXXXX")"
PIDS=()
cd "$ROOT"

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

[ -f "$ROOT/pkg/dist/index.d.ts" ] || { echo "pkg/dist is not built: run bash scripts/build-pkg.sh" >&2; exit 2; }

# bg SECONDS CMD...: start CMD in the background under `timeout`; its pid is in $LAST_PID.
bg() { local secs=$1; shift; timeout -k 2 "$secs" "$@" & LAST_PID=$!; PIDS+=("$LAST_PID"); }

# run SECONDS CMD...: run CMD to completion under `timeout` and return its status (a signal to this
# script interrupts the wait, and the EXIT trap kills CMD).
run() { bg "$@"; wait "$LAST_PID"; }

# wait_file FILE SECONDS [PID]: wait until FILE is non-empty; fail early if PID has exited.
wait_file() {
  local f=$1 n=$(( $2 * 10 )) pid=${3:-}
  while [ ! -s "$f" ]; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then echo "  process $pid exited before writing $f" >&2; return 1; fi
    n=$((n - 1)); [ "$n" -gt 0 ] || { echo "  timed out waiting for $f" >&2; return 1; }
    sleep 0.1
  done
}

# start_server NAME [--static DIR]: a recording stub server (lib/server.mjs) on a free port; sets $NAME_PORT.
start_server() {
  local name=$1; shift
  bg 150 node "$RT/lib/server.mjs" --port-file "$TMP/$name.port" "$@"
  wait_file "$TMP/$name.port" 15 "$LAST_PID"
  printf -v "${name}_PORT" '%s' "$(cat "$TMP/$name.port")"
}

# check_entry RESULT_JSON FILE LABEL: the "entry" the runtime resolved "customer-update" to is pkg/dist/FILE.
check_entry() {
  run 15 node -e '
    const [file, want, label] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
    if (r.entry !== want) { console.error(`  ${label}: resolved ${r.entry}, expected ${want}`); process.exit(1); }
    console.log(`  ok - ${label}: "customer-update" resolved to ${want.slice(want.indexOf("pkg/"))}`);' \
    "$1" "file://$ROOT/pkg/dist/$2" "$3"
}
