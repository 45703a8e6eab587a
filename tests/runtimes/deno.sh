#!/usr/bin/env bash
# Deno (real `deno run`): deno/main.mjs imports "customer-update" (resolved through node_modules and
# the exports map's `deno` condition), validates, builds a request and sends one to a local stub
# server. Permissions: read the .wasm file only, net to the stub server's address only. DENO_DIR is
# the repository's gitignored .deno-dir/; --cached-only/--no-remote keep Deno off the network.
source "$(dirname "$0")/lib/common.sh"

start_server upstream
UPSTREAM="http://127.0.0.1:$upstream_PORT"
WASM="$ROOT/pkg/dist/wasm/customer_update_bg.wasm"
# The default entry validates on the speed build of the validators-only wasm (as in Node), and
# builds requests on the full one: it reads both.
VWASM="$ROOT/pkg/dist/validators/wasm/customer_update_speed_bg.wasm"

run 30 env DENO_DIR="$ROOT/.deno-dir" DENO_NO_UPDATE_CHECK=1 "$BIN/deno" run \
  --cached-only --no-remote --no-lock --no-prompt \
  --allow-read="$WASM,$VWASM" --allow-net="127.0.0.1:$upstream_PORT" \
  "$RT/deno/main.mjs" "$UPSTREAM" >"$TMP/result.json"
check_entry "$TMP/result.json" deno.js deno
run 30 node "$RT/lib/check-scenario.mjs" --label deno --upstream "$UPSTREAM" --result-file "$TMP/result.json"

# Validation in the default entry is the validators entry's (the same functions), and setMessages
# reaches both instances; without read permission for the speed .wasm the import fails.
run 30 env DENO_DIR="$ROOT/.deno-dir" DENO_NO_UPDATE_CHECK=1 "$BIN/deno" run \
  --cached-only --no-remote --no-lock --no-prompt --allow-read="$WASM,$VWASM" \
  "$RT/deno/entries.mjs" >"$TMP/entries.json"
run 10 node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const assert = require("assert");
for (const [k, same] of Object.entries(r.same)) assert.ok(same, `deno.js ${k} is not validators-deno.js ${k}`);
const field = (issues) => issues.find((i) => i.path.join(".") === "email");
assert.strictEqual(field(r.validated.issues).message, "Not a field here: email");
assert.strictEqual(r.built.ok, false);
assert.strictEqual(field(r.built.issues).message, "Not a field here: email");
assert.match(field(r.after.issues).message, /Did you mean "email_address"/);
console.log("  ok - deno: the default entry validates with the validators entry (speed wasm); setMessages sets both wasm instances");
' "$TMP/entries.json"
if env DENO_DIR="$ROOT/.deno-dir" DENO_NO_UPDATE_CHECK=1 timeout -k 2 30 "$BIN/deno" run \
  --cached-only --no-remote --no-lock --no-prompt --allow-read="$WASM" \
  "$RT/deno/entries.mjs" >/dev/null 2>"$TMP/denied.err"; then
  echo "  deno: the default entry loaded without reading the speed .wasm" >&2; exit 1
fi
grep -q 'customer_update_speed_bg.wasm' "$TMP/denied.err" || { echo "  deno: the refusal does not name the speed .wasm:" >&2; cat "$TMP/denied.err" >&2; exit 1; }
echo "  ok - deno: the default entry reads dist/validators/wasm/customer_update_speed_bg.wasm"
# The full wasm is read on the first request call only: an app that only validates needs read
# permission for the speed .wasm alone.
run 30 env DENO_DIR="$ROOT/.deno-dir" DENO_NO_UPDATE_CHECK=1 "$BIN/deno" run \
  --cached-only --no-remote --no-lock --no-prompt --allow-read="$VWASM" \
  "$RT/deno/validate-only.mjs" >"$TMP/validate-only.json"
run 10 node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const assert = require("assert");
assert.strictEqual(r.valid.ok, true);
assert.strictEqual(r.built.error, "NotCapable", JSON.stringify(r.built));
assert.match(r.built.message, /customer_update_bg\.wasm/);
console.log("  ok - deno: the default entry validates without reading the full wasm, which the first buildRequest reads");
' "$TMP/validate-only.json"

# The validators entry: only its own wasm (the speed build, as in Node) may be read.
run 30 env DENO_DIR="$ROOT/.deno-dir" DENO_NO_UPDATE_CHECK=1 "$BIN/deno" run \
  --cached-only --no-remote --no-lock --no-prompt --allow-read="$VWASM" \
  "$RT/deno/validators.mjs" >"$TMP/validators.json"
run 10 node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const assert = require("assert");
assert.deepStrictEqual(r.exports, ["checkJson", "fromFormData", "operations", "schema", "setMessages", "tanstackValidator", "validate", "validateJson"]);
assert.deepStrictEqual(r.ok, { ok: true });
assert.strictEqual(r.bad.ok, false);
assert.strictEqual(r.bad.issues[0].code, "unknown_field");
console.log("  ok - deno: customer-update/validators validates with its own wasm");
' "$TMP/validators.json"
