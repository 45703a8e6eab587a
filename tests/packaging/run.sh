#!/usr/bin/env bash
# The packaging matrix: the package as users get it. `npm pack` of pkg/ (built: bash
# scripts/build-pkg.sh), installed from the tarball into fresh projects in a temp folder, then:
#   node      Node ESM (every entry) and CommonJS (require(), also with --no-experimental-require-module
#             as on Node 20.16-20.18); the tarball's metadata, README sections, changelog, licences
#   types     tsc --strict over consumer files (moduleResolution bundler; nodenext with a .cts)
#   vite      Vite + React with react-hook-form (standardSchemaResolver) and TanStack Form, built
#             with `vite build` twice (the forms importing customer-update/validators, then the
#             default entry) and driven in Chromium: empty submit, invalid, root issue, valid; prints
#             what each build ships (gzip -9) and writes it to bench/out/packaging-sizes.json
#   next      Next.js (app router, Turbopack): `next build`, then `next start`: a route handler over
#             the default entry, and a client component (react-hook-form over the validators
#             entry) driven in Chromium
#   deno      Deno 2 over the project's node_modules: both entries through the `deno` condition,
#             read permission for the package's dist/ only
#   workerd   esbuild → workerd: a bundle without runtime conditions fails with the fix in its
#             message; with --conditions=workerd,worker, the .wasm files copied and declared as
#             modules, real workerd answers one validate request through each entry
# The tools (vite, react, the form libraries, typescript, esbuild, workerd, playwright-core) are the
# repository's pinned dev dependencies, linked into each project; the package under test is always
# the tarball.
#   bash tests/packaging/run.sh [check ...]     e.g. bash tests/packaging/run.sh node types
source "$(dirname "$0")/../runtimes/lib/common.sh"
PK="$ROOT/tests/packaging"
CHECKS=(node types vite next deno workerd)
[ $# -gt 0 ] && CHECKS=("$@")

echo "── npm pack (pkg/)"
run 60 npm pack --silent --pack-destination "$TMP" ./pkg >"$TMP/pack.txt"
TARBALL="$TMP/$(tail -n 1 "$TMP/pack.txt")"
[ -f "$TARBALL" ] || { echo "npm pack wrote no tarball" >&2; exit 1; }
echo "  $(basename "$TARBALL"): $(wc -c <"$TARBALL") bytes"

# project NAME TOOL...: a fresh project in $TMP/NAME from tests/packaging/NAME, the tarball
# installed by npm as a user installs it, then the repository's pinned tools linked in (after the
# install: npm would prune links it did not make). Sets $P.
project() {
  local name=$1 tool; shift
  P="$TMP/$name"
  mkdir -p "$P"
  cp -r "$PK/$name/." "$P/"
  printf '{ "name": "cu-packaging-%s", "private": true, "type": "module" }\n' "$name" >"$P/package.json"
  (cd "$P" && run 120 npm install --no-audit --no-fund --no-package-lock --ignore-scripts --prefer-offline --loglevel=error "$TARBALL" >/dev/null)
  [ -f "$P/node_modules/customer-update/dist/index.d.ts" ] || { echo "  the tarball did not install" >&2; return 1; }
  for tool in "$@"; do
    mkdir -p "$(dirname "$P/node_modules/$tool")"
    ln -s "$ROOT/node_modules/$tool" "$P/node_modules/$tool"
  done
}

check_node() {
  project node
  cd "$P"
  run 30 node metadata.mjs
  run 30 node esm.mjs
  run 30 node slim.mjs
  run 30 node cjs.cjs
  run 30 node --no-experimental-require-module cjs.cjs
}

check_types() {
  project types
  cd "$P"
  run 120 "$BIN/tsc" -p tsconfig.bundler.json
  echo "  ok - tsc --strict (moduleResolution bundler): consumer.ts over every entry, with expected errors"
  run 120 "$BIN/tsc" -p tsconfig.nodenext.json
  echo "  ok - tsc --strict (module nodenext): consumer.ts and the CommonJS consumer.cts"
}

# gz FILE...: total gzip -9 bytes.
gz() { local t=0 f; for f in "$@"; do t=$((t + $(gzip -9 -c "$f" | wc -c))); done; echo "$t"; }
raw() { local t=0 f; for f in "$@"; do t=$((t + $(wc -c <"$f"))); done; echo "$t"; }

check_vite() {
  project vite react react-dom react-hook-form @hookform/resolvers @tanstack/react-form playwright-core
  cd "$P"
  run 30 node readme-match.mjs
  local sizes="$TMP/vite-sizes.txt" entry label
  : >"$sizes"
  for entry in customer-update/validators customer-update; do
    label="vite build, forms importing \"$entry\""
    printf 'export { schema, validate, tanstackValidator } from "%s";\n' "$entry" >src/cu.js
    rm -rf dist
    run 180 "$BIN/vite" build
    local js=(dist/assets/*.js) wasm=(dist/assets/*.wasm)
    [ "${#wasm[@]}" -eq 1 ] && [ -f "${wasm[0]}" ] || { echo "  $label: expected one .wasm asset, got: ${wasm[*]}" >&2; return 1; }
    echo "  ok - $label: built"
    start_server "site" --static "$P/dist"
    run 90 node drive.mjs "http://127.0.0.1:$site_PORT/" "$label"
    # The same import alone (only/index.html: no React, no form library; only/vite.config.mjs: without
    # Vite's modulepreload polyfill, Vite's code in any app): the package's own share.
    run 180 "$BIN/vite" build only --config "$P/only/vite.config.mjs" --outDir "$P/dist-only" --emptyOutDir
    local ojs=(dist-only/assets/*.js) owasm=(dist-only/assets/*.wasm)
    [ -f "${owasm[0]}" ] && [ -f "${ojs[0]}" ] || { echo "  $entry alone: no .wasm or .js asset" >&2; return 1; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$entry" "$(raw "${wasm[@]}")" "$(gz "${wasm[@]}")" "$(raw "${js[@]}")" "$(gz "${js[@]}")" \
      "$(raw "${ojs[@]}")" "$(gz "${ojs[@]}")" >>"$sizes"
  done
  # What each build ships: the .wasm asset, and every JS chunk (React and the form libraries too).
  node -e '
    const fs = require("fs");
    const rows = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split("\t"));
    const out = rows.map(([entry, wasmRaw, wasmGz, jsRaw, jsGz, pkgJsRaw, pkgJsGz]) =>
      ({ entry, wasmRaw: +wasmRaw, wasmGzip: +wasmGz, appJsRaw: +jsRaw, appJsGzip: +jsGz, packageJsRaw: +pkgJsRaw, packageJsGzip: +pkgJsGz }));
    for (const r of out) {
      console.log(`  size - ${r.entry} in a Vite build: wasm ${r.wasmGzip} B gzip -9 (${r.wasmRaw} raw) + package JS ${r.packageJsGzip} B gzip -9 (${r.packageJsRaw} raw) = ${r.wasmGzip + r.packageJsGzip} B; the whole form app JS with React and the form libraries: ${r.appJsGzip} B gzip -9`);
    }
    fs.mkdirSync(process.argv[2], { recursive: true });
    fs.writeFileSync(process.argv[2] + "/packaging-sizes.json", JSON.stringify({ vite: process.argv[3], builds: out }, null, 1));
  ' "$sizes" "$ROOT/bench/out" "$(node -p 'require(process.argv[1]).version' "$ROOT/node_modules/vite/package.json")"
}

check_next() {
  project next next react react-dom react-hook-form @hookform/resolvers playwright-core
  cd "$P"
  cp "$PK/vite/drive.mjs" .
  # Turbopack compiles only files under its root, and the linked tools live in the repository:
  # the root is widened for this test (a user's own node_modules needs no such line).
  sed -i 's|^export default { serverExternalPackages: \["customer-update"\] };$|export default { serverExternalPackages: ["customer-update"], turbopack: { root: "/" } };|' next.config.mjs
  grep -q 'turbopack: { root: "/" }' next.config.mjs || { echo "  next.config.mjs: the turbopack root was not set" >&2; return 1; }
  export NEXT_TELEMETRY_DISABLED=1
  run 300 node node_modules/next/dist/bin/next build >"$TMP/next-build.log" 2>&1 || { cat "$TMP/next-build.log" >&2; return 1; }
  echo "  ok - next build (app router, Turbopack): a client component with react-hook-form over customer-update/validators, a route handler over customer-update"
  local port
  port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  bg 120 node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$port" >"$TMP/next-start.log" 2>&1
  local n=100
  until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
    n=$((n - 1)); [ "$n" -gt 0 ] && kill -0 "$LAST_PID" 2>/dev/null || { echo "  next start did not come up" >&2; return 1; }
    sleep 0.2
  done
  run 30 node -e '
    const assert = require("assert/strict");
    (async () => {
      const r = await fetch(process.argv[1], { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customer_id: "cst_1", email_address: "nope" }) });
      const body = await r.json();
      assert.equal(body.ok, false);
      assert.equal(body.issues[0].code, "invalid_format");
      console.log("  ok - next start: the route handler validates with the node entry");
    })().catch((e) => { console.error(e); process.exit(1); });' "http://127.0.0.1:$port/api/validate"
  run 90 node drive.mjs "http://127.0.0.1:$port/" "next start" rhf
}

check_deno() {
  project deno
  cd "$P"
  run 60 env DENO_DIR="$TMP/deno-dir" DENO_NO_UPDATE_CHECK=1 "$BIN/deno" run --no-remote --no-lock --no-prompt \
    --allow-read=node_modules/customer-update/dist main.mjs
}

check_workerd() {
  project workerd
  cd "$P"
  # Without runtime conditions the build must fail, and say how to fix it.
  if run 60 "$BIN/esbuild" worker.mjs --bundle --format=esm --platform=neutral --outfile=neutral.js --log-level=error 2>"$TMP/neutral.err"; then
    echo "  esbuild --platform=neutral without conditions built a bundle: it should fail at build time" >&2; return 1
  fi
  grep -q -- "--conditions=workerd,worker" "$TMP/neutral.err" || { echo "  the build error does not name the fix:" >&2; cat "$TMP/neutral.err" >&2; return 1; }
  echo "  ok - esbuild --platform=neutral without conditions fails at build time, naming --conditions=workerd,worker"
  run 60 "$BIN/esbuild" worker.mjs --bundle --format=esm --platform=neutral --conditions=workerd,worker \
    --external:'*.wasm' --outfile=bundle/worker.js --log-level=warning
  mkdir -p bundle/wasm bundle/validators/wasm
  cp node_modules/customer-update/dist/wasm/customer_update_bg.wasm bundle/wasm/
  cp node_modules/customer-update/dist/validators/wasm/customer_update_speed_bg.wasm bundle/validators/wasm/
  echo "  ok - esbuild --conditions=workerd,worker bundled; both .wasm files copied next to the bundle"
  # With the `worker` condition alone esbuild picks the browser entry, which cannot find its .wasm
  # in workerd (no import.meta.url): workerd must refuse to start with the fix in the message.
  mkdir -p worker-only
  run 60 "$BIN/esbuild" worker.mjs --bundle --format=esm --platform=neutral --conditions=worker \
    --outfile=worker-only/worker.js --log-level=error
  sed 's#embed "bundle/worker.js"#embed "worker-only/worker.js"#' config.capnp >worker-only.capnp
  if run 30 "$BIN/workerd" serve worker-only.capnp >"$TMP/worker-only.log" 2>&1; then
    echo "  workerd started a bundle of the browser entry" >&2; return 1
  fi
  grep -q 'bundle with the "workerd" condition' "$TMP/worker-only.log" \
    || { echo "  workerd's error for the browser entry does not name the fix:" >&2; cat "$TMP/worker-only.log" >&2; return 1; }
  echo "  ok - a bundle with --conditions=worker alone (the browser entry): workerd refuses to start, naming the workerd condition"
  bg 60 "$BIN/workerd" serve config.capnp --control-fd 3 3>"$TMP/workerd.control"
  wait_file "$TMP/workerd.control" 20 "$LAST_PID"
  local port
  port=$(run 10 node -e 'for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) {
    if (!l) continue; const e = JSON.parse(l); if (e.event === "listen" && e.socket === "http") console.log(e.port); }' "$TMP/workerd.control")
  run 30 node -e '
    const assert = require("assert/strict");
    (async () => {
      const r = await fetch(process.argv[1], { method: "POST", body: JSON.stringify({ customer_id: "cst_1", email_address: "nope" }) });
      assert.equal(r.status, 200);
      const body = await r.json();
      assert.equal(body.full.ok, false);
      assert.equal(body.full.issues[0].code, "invalid_format");
      assert.deepEqual(body.validators.issues, body.full.issues);
      const v = await (await fetch(process.argv[1], { method: "POST", body: JSON.stringify({ customer_id: "cst_1", email_address: "tim@example.com" }) })).json();
      assert.equal(v.full.ok, true);
      assert.equal(v.validators.ok, true);
      console.log("  ok - workerd: one validate request through each entry (invalid, then valid)");
    })().catch((e) => { console.error(e); process.exit(1); });' "http://127.0.0.1:$port/"
}

passed=0 failed=0 failures=()
for check in "${CHECKS[@]}"; do
  declare -F "check_$check" >/dev/null || { echo "no such check: $check" >&2; exit 2; }
  echo "── $check"
  start=$(date +%s)
  # A subshell with errexit on (an `if ( … )` would switch it off), which stops what it started.
  set +e
  (
    set -e
    trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
    "check_$check"
  )
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1)); echo "PASS $check ($(( $(date +%s) - start ))s)"
  else
    failed=$((failed + 1)); failures+=("$check"); echo "FAIL $check ($(( $(date +%s) - start ))s)"
  fi
done
[ "$failed" -eq 0 ] || echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
