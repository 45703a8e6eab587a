#!/usr/bin/env bash
# Builds the npm package into pkg/dist: release wasm, wasm-bindgen (web target, one glue for
# every runtime), wasm-opt -Oz from npm's binaryen (never Debian's: its v108 breaks the module),
# and the JS entry points. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_rust_target
ensure_wasm_bindgen
ensure_node_modules

# CU_VALIDATORS_ONLY=1 builds without default features (no `requests`, no `client`: operations,
# validate and validateJson only; no `one-pass` either: the reporting validator alone decides, as
# in the validators entry's "z" wasm), into CU_OUT (default pkg/dist); the benchmarks measure its size.
OUT="${CU_OUT:-pkg/dist}"
CARGO_FLAGS=()
# The validators-only wasm is for forms, where size counts and a validation's microseconds do not:
# its rule vocabulary is built at opt-level "z" like the rest (as the full wasm's is too since
# session 15, Cargo.toml; said here as well, so this build stays "z" whatever the profile). Measured: validators wasm -572 B gzip -9; checkJson on valid payloads within the
# noise of a loaded machine (bench/targets.md, "Session 5: validators entry size").
# `wasm-no-std`: these wasm files are the crate built as a `no_std` artifact of its own (src/lib.rs).
VALIDATORS_CFG=(--features wasm-no-std --config 'profile.wasm-release.package.customer-update-vocab.opt-level="z"')
if [ "${CU_VALIDATORS_ONLY:-}" = 1 ]; then CARGO_FLAGS+=(--no-default-features "${VALIDATORS_CFG[@]}"); fi
# CU_BUILD_STD=1 (opt-in, not the published build) rebuilds std for the wasm with panics as a bare
# trap, so no panic message or formatting machinery is kept for them: measured about 5.5 KB
# (validators-only) to 9 KB (full) gzip less. It needs the rust-src component and unstable flags
# on the stable toolchain (RUSTC_BOOTSTRAP), and a longer build.
CARGO_ENV=()
# Every wasm build (full, validators, speed) with the machine's source paths cut out of the panic
# locations the wasm carries as text: std's sources (the installed rust-src and the /rustc/<hash>
# path std was built with), the registry's crate sources and this checkout, each to "" (so
# "/root/.cargo/registry/src/index.crates.io-<hash>/js-sys-0.3.107/src/lib.rs" is kept as
# "js-sys-0.3.107/src/lib.rs"). Measured in bench/targets.md, "Session 9: full wasm size".
REMAP=()
for prefix in "$(rustc --print sysroot)/lib/rustlib/src/rust/" "/rustc/$(rustc -vV | sed -n 's/^commit-hash: //p')/" \
  "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/ "$PWD/"; do
  REMAP+=("--remap-path-prefix=$prefix=")
done
# (CARGO_ENCODED_RUSTFLAGS: flags separated by 0x1f, so a path may hold spaces.)
RUSTFLAGS_WASM=$(IFS=$'\x1f'; printf '%s' "${REMAP[*]}")
if [ "${CU_BUILD_STD:-}" = 1 ]; then
  rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
  CARGO_FLAGS+=(-Zbuild-std=std,panic_abort)
  CARGO_ENV+=(RUSTC_BOOTSTRAP=1)
  RUSTFLAGS_WASM+=$'\x1f-Zunstable-options\x1f-Cpanic=immediate-abort'
fi
CARGO_ENV+=("CARGO_ENCODED_RUSTFLAGS=$RUSTFLAGS_WASM")
# The "z" validators wasm (the validators entry, and CU_VALIDATORS_ONLY=1) with LLVM's inlining
# threshold at 40 (opt-level "z" has 25): -116 B gzip -9 of that wasm (bench/targets.md, "Session
# 10: validators wasm size"). A local minimum, not a trend (35: -38, 45: +224, 50: +348, 60 and
# above larger still), so re-measured when the code changes much. Set for every crate of that
# build: on the final crate alone (`cargo rustc -- -Cllvm-args=…`) it was +170 B.
Z_ENV=("CARGO_ENCODED_RUSTFLAGS=$RUSTFLAGS_WASM"$'\x1f-Cllvm-args=-inline-threshold=40')
# Every wasm is the crate built as a `cdylib` alone (`cargo rustc --crate-type cdylib`), not as
# Cargo.toml's `["cdylib", "rlib"]` pair: built with an rlib beside it, every public item (and
# every generic copy a downstream crate could share) stays an exported symbol of the one LTO
# module, so LLVM can neither internalize it nor drop or inline it whole where it has one
# caller (seen: the public `unified::Mapping::to_provider` now inlined into its one caller, the
# `toProvider` export); wasm-ld and wasm-opt remove the dead ones later, but the code around them
# was already generated for callers that do not exist. Same exports and imports. Measured, gzip
# -9: full wasm -6,588 B (106,406 -> 99,818), the validators entry's -944 B (21,435 -> 20,491; its
# digit table then gone with its readers), the speed wasm -190 B (bench/targets.md, "Session 14:
# the contact model and the data section").
CDYLIB=(--crate-type cdylib)
step "cargo rustc (wasm-release${CU_VALIDATORS_ONLY:+, validators only}${CU_BUILD_STD:+, build-std})"
if [ "${CU_VALIDATORS_ONLY:-}" = 1 ]; then CARGO_ENV+=("${Z_ENV[@]}"); fi
# For measurements only (not the published build): CU_FULL_CONFIG, one cargo `--config` value for
# the full wasm's build alone (e.g. 'profile.wasm-release.package.customer-update.opt-level="s"'),
# and CU_FULL_LLVM_ARGS, one `-Cllvm-args=` value for it (e.g. -inline-threshold=40); the
# validators and speed builds below never see them (bench/targets.md, "Session 19: the validation
# code's opt-level in the full wasm").
FULL_ENV=("${CARGO_ENV[@]}")
if [ "${CU_VALIDATORS_ONLY:-}" != 1 ]; then
  if [ -n "${CU_FULL_CONFIG:-}" ]; then CARGO_FLAGS+=(--config "$CU_FULL_CONFIG"); fi
  if [ -n "${CU_FULL_LLVM_ARGS:-}" ]; then FULL_ENV+=("CARGO_ENCODED_RUSTFLAGS=$RUSTFLAGS_WASM"$'\x1f'"-Cllvm-args=$CU_FULL_LLVM_ARGS"); fi
fi
env "${FULL_ENV[@]}" cargo rustc --target wasm32-unknown-unknown --profile wasm-release --lib "${CDYLIB[@]}" "${CARGO_FLAGS[@]}"

# CU_KEEP_NAMES=1 keeps the function names in the wasm (for `node --cpu-prof` profiles; not the
# published build).
NAMES=(--remove-name-section)
OPT_NAMES=()
if [ "${CU_KEEP_NAMES:-}" = 1 ]; then NAMES=(); OPT_NAMES=(-g); fi
step "wasm-bindgen → $OUT/wasm"
rm -rf "$OUT"
mkdir -p "$OUT/wasm"
# The full wasm keeps its names through wasm-bindgen for drop-closure-shims.mjs (wasm-opt below
# strips them, unless CU_KEEP_NAMES=1): the function table's entries of wasm-bindgen's closure
# invoke shims are dead once the CLI has read the closure descriptors, and pointed at one shim
# the others leave the wasm (measured: -696 B gzip -9; bench/targets.md, "Session 12: the
# client's share of the full wasm").
FULL_NAMES=("${NAMES[@]}")
if [ "${CU_VALIDATORS_ONLY:-}" != 1 ]; then FULL_NAMES=(); fi
wasm-bindgen "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/customer_update.wasm" \
  --target web --out-dir "$OUT/wasm" --out-name customer_update \
  "${FULL_NAMES[@]}" --remove-producers-section
if [ "${CU_VALIDATORS_ONLY:-}" != 1 ]; then
  step "closure shims' table entries (scripts/drop-closure-shims.mjs)"
  node scripts/drop-closure-shims.mjs "$OUT/wasm/customer_update_bg.wasm" "$OUT/wasm/customer_update.js"
  # js-sys's JSPI task waker: its vtable's four table entries, dead without JSPI exports (the
  # script proves no code can take the vtable's address, and fails otherwise), pointed at a live
  # function, so that wasm-opt drops the waker (bench/targets.md, "Session 15: the client's share
  # of the full wasm").
  step "JSPI waker's table entries (scripts/drop-dead-wakers.mjs)"
  node scripts/drop-dead-wakers.mjs "$OUT/wasm/customer_update_bg.wasm"
fi

# Beyond -Oz (measured, gzip -9 of the full wasm: about -1.8 KB): no inlining of functions with a
# single caller (larger raw, smaller gzipped), the low 1 KiB of memory is never used by Rust
# (its data starts at 1 MiB), and passes repeated until nothing changes. The `target_features`
# section (for linkers only) is dropped: 124 bytes gzip. Measured and not taken (within 0.1 KB):
# -Os, --gufa, --type-ssa, --traps-never-happen, --zero-filled-memory.
# Without memory-packing (its zero runs cut out of the data, one segment per run): the data as a
# couple of whole segments compresses better than hundreds of segment headers and offsets save
# (measured on the validators wasm: -819 B gzip -9 for +1.2 KB raw; bench/targets.md, "Session 8:
# validators entry size"). The zeros still cost nothing at run time: the memory starts zeroed.
PACK=(--skip-pass=memory-packing)
# A validators-only wasm imports nothing (scripts/no-start-import.mjs: wasm-bindgen's externref
# table set-up, its one import, made a function that does nothing; V8 compiles a wrapper for each
# imported function when a process compiles the module: ~0.5 ms of cold start in Node,
# bench/targets.md "Session 9: cold start"). Done to each validators-only build below too.
if [ "${CU_VALIDATORS_ONLY:-}" = 1 ]; then
  node scripts/no-start-import.mjs "$OUT/wasm/customer_update_bg.wasm" "$OUT/wasm/customer_update_bg.wasm" "${OPT_NAMES[@]}"
fi
# -Os without local-cse (a speed pass whose saved locals gzip worse than the expressions they
# replace; without it -Os gzips smaller than -Oz): -813 B gzip -9 (111,464 -> 110,651), and the
# same speed in Chromium, where the browsers validate on this wasm (bench/ab-browser-many.mjs,
# valid and invalid, in two orders, beside an identical copy of the old build) and in Node
# (bench/ab-full.mjs). Measured and not taken: single-caller functions inlined up to 25
# instructions (-599 B alone, -1,338 B with these two) costs Chromium's invalid rows ~7 %, and
# up to 5 or 10 (-240 / -301 B more) 5-10 % of `validate` (bench/targets.md, "Session 13: the full
# entry's JS and wasm-opt line"; session 12's "the Chromium check of the full wasm's flags").
FULL_OPT=(-Os --one-caller-inline-max-function-size 0 --skip-pass=local-cse)
step "wasm-opt ${FULL_OPT[*]}"
node_modules/.bin/wasm-opt "${FULL_OPT[@]}" "${OPT_NAMES[@]}" "${PACK[@]}" --low-memory-unused --converge --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT/wasm/customer_update_bg.wasm" -o "$OUT/wasm/customer_update_bg.wasm"
# The full wasm's imports renamed to short keys in the wasm and its glue together (wasm-bindgen's
# `__wbg_<name>_<hash>` names under "./customer_update_bg.js", spelled once in each file; the
# script fails if the glue's layout is not the one it knows). Measured: wasm -2,026 B, glue
# -1,172 B gzip -9 (bench/targets.md, "Session 8: full wasm size"). Not done to the validators-only
# builds (CU_VALIDATORS_ONLY=1 here, the validators entry below), whose sizes are measured apart.
if [ "${CU_VALIDATORS_ONLY:-}" != 1 ]; then
  step "imports' names shortened (scripts/minify-imports.mjs)"
  node scripts/minify-imports.mjs "$OUT/wasm/customer_update_bg.wasm" "$OUT/wasm/customer_update.js"
fi
# The glue's `initUrl` (browser.js's load) and `memory` (api.js's) added, and the full wasm's
# `Client` class and its registry made droppable for a bundler (annotated pure): an app that only
# validates leaves out `init`'s other ways in, `initSync` and the class (-176 and -180 B gzip -9 in
# the Vite build of the default entry; bench/targets.md, "Session 13: the full entry's JS and
# wasm-opt line").
# With `--client` too, the import shims validation cannot reach (the client's, the request side's,
# serde's: 74 of 80) made by `bindLate()`, which the glue's other exports call first: a bundle
# that only validates leaves them and their helpers out (-1,356 B gzip -9 of package JS in Vite
# with two pure annotations; bench/targets.md, "Session 18: the full entry's JS").
SHAKE_FLAGS=(--client)
if [ "${CU_VALIDATORS_ONLY:-}" = 1 ]; then SHAKE_FLAGS=(); fi
step "glue: initUrl and memory added, the Client class and the late imports droppable (scripts/shake-glue.mjs ${SHAKE_FLAGS[*]})"
node scripts/shake-glue.mjs "$OUT/wasm/customer_update.js" "${SHAKE_FLAGS[@]}"

cp pkg/src/*.js pkg/src/*.d.ts "$OUT/"
# ops_from_messages FILE: a copy of api.js over the validators-only wasm, which has no
# `operations()` export, takes the operation ids from messages.js's OPERATIONS (api.js reads
# them from the full wasm: bench/targets.md, "Session 17: the full entry's JS").
ops_from_messages() {
  sed -i -e 's#^let OPS;$#const OPS = OPERATIONS;#' -e '/^    OPS = wasm\.operations();$/d' "$1"
  grep -q '^const OPS = OPERATIONS;$' "$1" && ! grep -q 'wasm\.operations()' "$1" \
    || { echo "$1: OPS is not messages.js's OPERATIONS (api.js's OPS lines changed)" >&2; exit 1; }
}
if [ "${CU_VALIDATORS_ONLY:-}" = 1 ]; then ops_from_messages "$OUT/api.js"; fi
# The changelog and licence texts live at the repository root; the package ships copies.
cp CHANGELOG.md LICENSE-MIT LICENSE-APACHE pkg/
# The contracts (JSON Schema per operation, OpenAPI 3.1) and the form helpers' field table, from the
# specs by the code generator (native): JS modules and JSON beside the wasm, never inside it.
step "contracts → $OUT/openapi.json, contracts.js, form-fields.js, json-schema/"
cargo run --quiet -p customer-update-codegen --bin customer-update-contracts -- src/spec "$OUT"
for entry in browser node deno workerd; do
  printf 'export * from "./index.js";\n' > "$OUT/$entry.d.ts"
done
printf 'export * from "./index.js";\nexport { default as init, initSync } from "./wasm/customer_update.js";\n' > "$OUT/slim.d.ts"

# The `customer-update/validators` entries: the same runtime entries and API over the
# validators-only wasm (no request, form or client code: a form app ships a third of the wasm and
# compiles it in a third of the time). Made from the full entries by changing their paths, so the
# two cannot drift; they export the validation API only.
if [ "${CU_VALIDATORS_ONLY:-}" != 1 ] && [ "${CU_SKIP_VALIDATORS_ENTRY:-}" != 1 ]; then
  step "validators entry (cargo rustc --no-default-features → $OUT/validators/wasm)"
  env "${CARGO_ENV[@]}" "${Z_ENV[@]}" cargo rustc --target wasm32-unknown-unknown --profile wasm-release --lib "${CDYLIB[@]}" --no-default-features "${VALIDATORS_CFG[@]}"
  mkdir -p "$OUT/validators/wasm"
  wasm-bindgen "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/customer_update.wasm" \
    --target web --out-dir "$OUT/validators/wasm" --out-name customer_update \
    "${NAMES[@]}" --remove-producers-section
  # (--no-start: no start function and two exports fewer, as the hand-written loader below expects.)
  node scripts/no-start-import.mjs "$OUT/validators/wasm/customer_update_bg.wasm" "$OUT/validators/wasm/customer_update_bg.wasm" --no-start "${OPT_NAMES[@]}"
  # Without local-cse too (a speed pass: its saved locals gzip worse than the expressions it
  # replaces here): -166 B gzip -9, +0.3 KB raw (the same section). -O3's default passes, then
  # -Oz's: -107 B gzip -9 and -152 B raw against -Oz alone (bench/targets.md, "Session 11:
  # validators wasm size"); -O3 alone, -O4, -O2 or -Os before -Oz, or -O3 after it, no better.
  # Functions with one caller inlined up to 30 instructions (0 before; 25: -52, 30: -100 B gzip -9
  # with src/wasm.rs's date cache out of this build, 32 and above larger: a local minimum,
  # "Session 12: the validators entry's size").
  node_modules/.bin/wasm-opt -O3 -Oz "${OPT_NAMES[@]}" "${PACK[@]}" --skip-pass=local-cse --one-caller-inline-max-function-size 30 --low-memory-unused --converge --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$OUT/validators/wasm/customer_update_bg.wasm" -o "$OUT/validators/wasm/customer_update_bg.wasm"
  # core's two-digit table, which no code of this wasm reads once wasm-opt has removed the integer
  # formatting of alloc's panics: checked and cut (scripts/drop-dead-digits.mjs; -226 B gzip -9).
  # Built as a cdylib alone (above), this wasm no longer links the table: the script then finds
  # nothing to cut and says so; it stays for a change that brings the table back.
  node scripts/drop-dead-digits.mjs "$OUT/validators/wasm/customer_update_bg.wasm" "$OUT/validators/wasm/customer_update_bg.wasm"
  # Without the templates only requests, the client and the contact hand out (the
  # `withRequestTemplates();` line of api.js's `need`): that wasm hands out none, and the bundle drops the table.
  # Its memory from the loader's `memory()` (api.js reads it so from every glue: the full one's is
  # added by scripts/shake-glue.mjs) rather than `initSync()`, which the browser entry then
  # leaves out of a form app's bundle with the loader's other ways in (initUrl below). Its first
  # input buffer without the "not initialised" error (`firstBuffer`, for customer-update/slim):
  # every validators entry initialises at import (-44 B gzip -9 in Vite).
  sed -e 's#"./wasm/customer_update.js"#"./validators/wasm/customer_update.js"#' -e '/^  withRequestTemplates();$/d' \
    -e 's#^    bufferAt = firstBuffer((bufferSize = 4096));$#    bufferAt = wasm.inputBuffer((bufferSize = 4096));#' \
    pkg/src/api.js > "$OUT/validators-api.js"
  ops_from_messages "$OUT/validators-api.js"
  ! grep -q '^ *withRequestTemplates();' "$OUT/validators-api.js" && grep -q '^  withRequestTemplates();$' "$OUT/api.js" \
    || { echo "validators-api.js: the request templates line was not removed (or api.js lost it)" >&2; exit 1; }
  grep -q '^const wasmMemory = () => wasm.memory();$' "$OUT/validators-api.js" \
    || { echo "validators-api.js: the memory is not read through the loader's memory()" >&2; exit 1; }
  grep -q '^    bufferAt = wasm.inputBuffer((bufferSize = 4096));$' "$OUT/validators-api.js" && ! grep -q 'firstBuffer(' <(grep -v '^function firstBuffer(' "$OUT/validators-api.js") \
    || { echo "validators-api.js: index() still calls firstBuffer (or api.js lost that line)" >&2; exit 1; }
  VALIDATION_API='export { operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator, setMessages } from "./validators-api.js";'
  # The browser validators entry's own copies of that API and of issues.js, without their code for
  # throughput only (`SPEED` false in both: caches, Node's Buffer decoding, records naming pieces
  # of the kept text; the Deno and workerd validators entries, which import validators-api.js,
  # keep it): -498 B gzip -9 in a form app's Vite build (bench/targets.md, "Session 12: the
  # validators entry's JS"). `setMessages` is per entry (README) either way. Their SPEED, and
  # text-write.js's `shortAsciiLoop` (never set there), are imported as constants from a module
  # holding only those, which esbuild inlines too (it keeps a module's own `const` when that module
  # imports anything, and an exported `let`): the esbuild bundle of the packaging test's import
  # 8,573 -> 8,341 B gzip -9; Rolldown (Vite) inlines either.
  printf '// The validators browser entry'"'"'s copies of issues.js and api.js read these from here (scripts/build-pkg.sh).\nexport const SPEED = false;\nexport const shortAsciiLoop = false;\n' > "$OUT/validators-browser-speed.js"
  SPEED_IMPORT='import { SPEED } from "./validators-browser-speed.js";'
  LOOP_IMPORT='import { shortAsciiLoop } from "./validators-browser-speed.js";'
  sed -e "s#^const SPEED = true;\$#$SPEED_IMPORT#" -e "s#^import { shortAsciiLoop } from \"\./text-write\.js\";\$#$LOOP_IMPORT#" \
    "$OUT/issues.js" > "$OUT/validators-browser-issues.js"
  sed -e 's#^import { \(.*\) } from "\./issues\.js";$#import { \1 } from "./validators-browser-issues.js";#' \
    -e 's#^export { \(.*\) } from "\./issues\.js";$#export { \1 } from "./validators-browser-issues.js";#' \
    -e "s#^const SPEED = true;\$#$SPEED_IMPORT#" -e "s#^import { shortAsciiLoop } from \"\./text-write\.js\";\$#$LOOP_IMPORT#" \
    -e '/^ *\/\* SPEED-ONLY {/,/^ *\/\* } SPEED-ONLY \*\/$/d' \
    "$OUT/validators-api.js" > "$OUT/validators-browser-api.js"
  grep -qxF "$SPEED_IMPORT" "$OUT/validators-browser-issues.js" && grep -qxF "$SPEED_IMPORT" "$OUT/validators-browser-api.js" \
    && grep -qxF "$LOOP_IMPORT" "$OUT/validators-browser-issues.js" && grep -qxF "$LOOP_IMPORT" "$OUT/validators-browser-api.js" \
    && ! grep -q '^const SPEED\|"\./text-write\.js"' "$OUT/validators-browser-issues.js" "$OUT/validators-browser-api.js" \
    && ! grep -q '"\./issues\.js"' "$OUT/validators-browser-api.js" \
    && [ "$(grep -c '"\./validators-browser-issues\.js"' "$OUT/validators-browser-api.js")" = 2 ] \
    && [ "$(grep -c 'SPEED-ONLY' "$OUT/validators-api.js")" = 6 ] && ! grep -q 'SPEED-ONLY\|copyFirst\|plainData' "$OUT/validators-browser-api.js" \
    || { echo "validators-browser-api.js / validators-browser-issues.js: the copies were not made (the SPEED lines of issues.js and api.js, their imports of text-write.js, api.js's imports of issues.js, or its SPEED-ONLY blocks, changed)" >&2; exit 1; }
  BROWSER_API=${VALIDATION_API/.\/validators-api.js/.\/validators-browser-api.js}
  # The browser entry's validators entry is made from browser.js by changing its paths (so the two
  # cannot drift); it reads the "z" build, which the size targets count.
  # It loads the wasm with the loader's `initUrl` (a URL only: no bytes, Module or Response path
  # in the bundle; bench/targets.md, "Session 10: the validators entry's JS"), as browser.js does
  # with the full glue's.
  # Without the short-ASCII writer (text-write.js's `useShortAsciiLoop`, its import and comment)
  # and without the object walk (`useObjectWriter`; the validators API copy has no walk):
  # that loop and issues.js's side-string loop save Chromium ~0.5-1 µs a call, a server's
  # throughput and the default browser entry's (the benchmarks' entry), not a form's, and the flag
  # that is never set then reads as a constant `false` to the bundler, which drops both loops:
  # -144 B gzip -9 in a form app's Vite build (bench/targets.md, "Session 12: the validators entry's JS").
  sed -e 's#"\./wasm/#"./validators/wasm/#g' -e "s#^export \* from \"./api.js\";#$BROWSER_API#" \
    -e '/^\/\/ (`initUrl`: `init` for a URL alone/,+1d' -e '/^import { useShortAsciiLoop, useObjectWriter } from "\.\/text-write\.js";$/d' -e '/^\/\/ Short ASCII texts are written with a loop here/,/^\/\/ (Not in the validators entry made from this file/d' -e '/^useShortAsciiLoop();$/d' -e '/^useObjectWriter();$/d' \
    pkg/src/browser.js > "$OUT/validators-browser.js"
  grep -q '"\./validators-browser-api\.js";$' "$OUT/validators-browser.js" || { echo "validators-browser.js: the export line was not rewritten" >&2; exit 1; }
  grep -q '^import { initUrl as init } from' "$OUT/validators-browser.js" || { echo "validators-browser.js: the loader's initUrl is not imported" >&2; exit 1; }
  ! grep -q 'ShortAscii\|ObjectWriter\|text-write' "$OUT/validators-browser.js" && grep -q '^useShortAsciiLoop();$' pkg/src/browser.js \
    && grep -q '^useObjectWriter();$' pkg/src/browser.js \
    || { echo "validators-browser.js: the short-ASCII writer or the object walk was not left out (or browser.js lost it)" >&2; exit 1; }
  # Deno and workerd (servers and edge functions, never a browser's download) validate on the speed
  # build of this wasm (customer_update_speed_bg.wasm, below): validators-deno.js and
  # validators-workerd.js are sources of their own, and the default entries (deno.js, workerd.js)
  # validate through them, as node.js does with its validation API (session 8).
  for entry in deno workerd; do
    grep -q '"./validators/wasm/customer_update_speed_bg.wasm"' "$OUT/validators-$entry.js" || { echo "validators-$entry.js: does not read the speed build" >&2; exit 1; }
    grep -q "from \"./validators-$entry.js\"" "$OUT/$entry.js" || { echo "$entry.js: does not validate through validators-$entry.js" >&2; exit 1; }
  done
  # The Node entry already validates on the validators-only wasm and compiles the full one only on
  # first use: its validation API is this entry (bundled into one module below, as node.js is).
  printf '// customer-update/validators for Node: the validation API of the Node entry (node.js), which\n// runs it on the validators-only wasm; nothing here loads the full one.\n%s\n' \
    "${VALIDATION_API/.\/validators-api.js/./node.js}" > "$OUT/validators-node.js"
  printf 'export { operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator, setMessages } from "./index.js";\nexport type * from "./index.js";\n' > "$OUT/validators.d.ts"
  # The validation wasm of the Node entries (node.js, validators-node.js, and edge-node.js through
  # node.js) and of the Deno and workerd entries (validators-deno.js and validators-workerd.js, through
  # which deno.js, workerd.js and the edge entries validate): the same validators-only build with
  # the whole crate at opt-level 3 and wasm-opt -O3, where a server's throughput counts and no
  # browser downloads it; the browser and form entries keep the "z" build above, which the size
  # targets count. Measured (bench/targets.md, "Session 7: speed per runtime"): checkJson
  # 1.1-1.8x on valid payloads in Node for +4 to 6 KB gzip -9. A validators-only
  # wasm has no closures, so its glue is the "z" build's, byte for byte (checked here): those
  # entries only read another .wasm file.
  step "speed validation wasm (cargo rustc --no-default-features at opt-level 3, wasm-opt -O3 → $OUT/validators/wasm/customer_update_speed_bg.wasm)"
  # With the generated one-pass validators (`one-pass`), which the "z" build leaves out: there the
  # reporting validator alone gives the verdict (bench/targets.md, "Session 8: validators entry size").
  SPEED_CFG=(--config 'profile.wasm-release.opt-level=3' --config 'profile.wasm-release.package.customer-update-vocab.opt-level=3')
  env "${CARGO_ENV[@]}" cargo rustc --target wasm32-unknown-unknown --profile wasm-release --lib "${CDYLIB[@]}" --no-default-features --features one-pass,wasm-no-std "${SPEED_CFG[@]}"
  SPEED_TMP=$(mktemp -d)
  wasm-bindgen "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/customer_update.wasm" \
    --target web --out-dir "$SPEED_TMP" --out-name customer_update \
    "${NAMES[@]}" --remove-producers-section
  cmp -s "$SPEED_TMP/customer_update.js" "$OUT/validators/wasm/customer_update.js" \
    || { echo "the opt-level 3 validators wasm needs other glue than the \"z\" one: node.js cannot share it" >&2; exit 1; }
  node scripts/no-start-import.mjs "$SPEED_TMP/customer_update_bg.wasm" "$SPEED_TMP/customer_update_bg.wasm" --no-start "${OPT_NAMES[@]}"
  # -O3 rather than -Oz on this build: checkJson a further 3-7 % (+185 B gzip); -O4, a larger
  # inlining limit and simd128 measured no faster (the same section).
  node_modules/.bin/wasm-opt -O3 "${OPT_NAMES[@]}" "${PACK[@]}" --low-memory-unused --converge --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$SPEED_TMP/customer_update_bg.wasm" -o "$OUT/validators/wasm/customer_update_speed_bg.wasm"
  rm -rf "$SPEED_TMP"
  # Both validators wasm files are loaded by pkg/src/validators-glue.js, written by hand (about 50
  # lines of code for wasm-bindgen's 177: -0.3 KB gzip -9 in a form app's bundle): the script checks
  # that wasm-bindgen's glue does exactly what it does, then puts it in that glue's place
  # (bench/targets.md, "Session 9: the validators entry's JS").
  step "validators wasm: the hand-written loader in place of wasm-bindgen's glue (scripts/validators-glue.mjs)"
  node scripts/validators-glue.mjs "$OUT/validators/wasm/customer_update.js" "$OUT/validators-glue.js"
  sraw=$(wc -c < "$OUT/validators/wasm/customer_update_speed_bg.wasm")
  sgz=$(gzip -9 -c "$OUT/validators/wasm/customer_update_speed_bg.wasm" | wc -c)
  step "speed validation wasm: $sraw bytes raw, $sgz bytes gzip -9"
  vraw=$(wc -c < "$OUT/validators/wasm/customer_update_bg.wasm")
  vgz=$(gzip -9 -c "$OUT/validators/wasm/customer_update_bg.wasm" | wc -c)
  step "validators entry: wasm $vraw bytes raw, $vgz bytes gzip -9"
fi

# (Without a validators entry, its loader is not used: the main wasm's glue stands in below.)
rm -f "$OUT/validators-glue.js"

# The Node entry (cold start, sessions 5 and 6): validation on the validators-only wasm at import
# (its opt-level 3 build, customer_update_speed_bg.wasm, session 7),
# and dist/node.js one module (an esbuild bundle of pkg/src/node.js with the validation API of
# validators-api.js, issues, messages, forms and the validators-only glue): Node's ES module loader
# pays for every file and byte. The request, client and contact API is api.js over the full wasm's
# glue as CommonJS (wasm/customer_update.cjs, bundled from node-full.js), which node.js requires
# synchronously on first use. Without a validators-only build (CU_VALIDATORS_ONLY=1, where the
# main wasm is that build, or CU_SKIP_VALIDATORS_ENTRY=1) the main wasm stands in for both.
step "Node entry: one module (esbuild → $OUT/node.js), the request API over the full wasm as CommonJS"
# The Node bundles (node.js, validators-node.js, the full API's customer_update.cjs, the .cjs
# entries) are made from messages.js with its templates written out (scripts/expand-templates.mjs):
# no derivation of their codes and params at a Node cold start. The shipped messages.js (browsers,
# bundlers, Deno, workerd) is put back after them.
MESSAGES_TMP=$(mktemp)
cp "$OUT/messages.js" "$MESSAGES_TMP"
node scripts/expand-templates.mjs "$OUT/messages.js"
if [ ! -f "$OUT/validators-api.js" ]; then
  mkdir -p "$OUT/validators/wasm"
  cp "$OUT/wasm/customer_update.js" "$OUT/wasm/customer_update_bg.wasm" "$OUT/validators/wasm/"
  cp "$OUT/wasm/customer_update_bg.wasm" "$OUT/validators/wasm/customer_update_speed_bg.wasm"
  sed 's#"./wasm/customer_update.js"#"./validators/wasm/customer_update.js"#' pkg/src/api.js > "$OUT/validators-api.js"
  ops_from_messages "$OUT/validators-api.js"
fi
# What a first valid `validate` does not run (the issue renderer and catalogs, form mode) is not in
# the module Node parses at import: the Node bundle's copy of the validation API (node-api.js)
# imports node-lazy.js in place of issues.js and forms.js, which reads them from
# dist/node-issues.cjs and dist/node-forms.cjs on first use (bench/targets.md, "Session 10: cold
# start"). Without the request templates' line, as the validators entry's copy: the
# templates the validators-only wasm hands out are validation's (the full API is the .cjs below).
# The object walk api.js takes after a refusal (text-write.js's `objectWriter`, which node.js
# asks for with `useObjectWriter`) comes with the issues part too: node-lazy.js hands it out once
# the part is read (-2.7 KB of node.js; bench/targets.md, "Session 19: cold start (Node)").
sed -e 's#"\./issues\.js"#"./node-lazy.js"#' -e 's#"\./forms\.js"#"./node-lazy.js"#' -e '/^  withRequestTemplates();$/d' \
  -e 's#^import { objectWriter } from "\./text-write\.js";$#import { objectWriter } from "./node-lazy.js";#' \
  "$OUT/validators-api.js" > "$OUT/node-api.js"
{ ! grep -q '"\./issues\.js"\|"\./forms\.js"\|^ *withRequestTemplates();\|objectWriter } from "\./text-write\.js"' "$OUT/node-api.js" && [ "$(grep -c '"\./node-lazy\.js"' "$OUT/node-api.js")" = 4 ]; } \
  || { echo "node-api.js: the imports of issues.js, forms.js and text-write.js's objectWriter were not all pointed at node-lazy.js" >&2; exit 1; }
sed -i 's#^import { useObjectWriter } from "\./text-write\.js";$#import { useObjectWriter } from "./node-lazy.js";#' "$OUT/node.js"
grep -q '^import { useObjectWriter } from "\./node-lazy\.js";$' "$OUT/node.js" && ! grep -q 'from "\./text-write\.js"' "$OUT/node.js" \
  || { echo "node.js: useObjectWriter is not node-lazy.js's (node.js's import of text-write.js changed)" >&2; exit 1; }
# The catalog node-lazy.js exports (messagesEn, messageTemplates), written out as literals from
# issues.js's values over the expanded messages.js (checked equal by the script; "Second pass").
node scripts/node-catalog.mjs "$OUT"
sed -i 's#"\./validators-api\.js"#"./node-api.js"#g' "$OUT/node.js"
grep -q '"\./validators-api\.js"' "$OUT/node.js" && { echo "node.js: still imports validators-api.js" >&2; exit 1; }
# The two parts node-lazy.js reads on first use: CommonJS modules importing nothing, which it runs
# as functions of their own (each Node bundle has its own instance). The issues part has its own
# copy of messages.js (the validators entry's bundle then parses none at import).
ESBUILD="$PWD/node_modules/.bin/esbuild"
(cd "$OUT" && printf 'export { setMessages, callCatalog, countMessage, issueOf, issuesFrom, issuesInView, rootIssue, withRequestTemplates, useNodeBuffer } from "./issues.js";\nexport { objectWriter, useObjectWriter } from "./text-write.js";\n' \
  | "$ESBUILD" --bundle --format=cjs --platform=node --target=node20 \
    --banner:js='"use strict";' --outfile=node-issues.cjs --log-level=warning)
(cd "$OUT" && printf 'export { validateForm, fromEntries, formInput } from "./forms.js";\n' \
  | "$ESBUILD" --bundle --format=cjs --platform=node --target=node20 \
    --banner:js='"use strict";' --outfile=node-forms.cjs --log-level=warning)
! grep -q 'require(' "$OUT/node-issues.cjs" "$OUT/node-forms.cjs" \
  || { echo "node-issues.cjs / node-forms.cjs: an import left (node-lazy.js runs them without require)" >&2; exit 1; }
node_modules/.bin/esbuild "$OUT/node-full.js" --bundle --format=cjs --platform=node --target=node20 \
  --define:import.meta.url=__cu_import_meta_url \
  --banner:js='const __cu_import_meta_url = require("url").pathToFileURL(__filename).href;' \
  --outfile="$OUT/wasm/customer_update.cjs" --log-level=warning
rm "$OUT/node-full.js"
# The size of every .wasm the package ships, by path from dist/ ("./validators/wasm/…"), for
# node.js's readWasm (one open and one read, no fstat: a cold start's first fs calls are slow).
WASM_SIZES=$(cd "$OUT" && find . -name '*.wasm' | sort | while read -r f; do printf '"%s":%s,' "$f" "$(wc -c < "$f")"; done)
WASM_SIZES="{${WASM_SIZES%,}}"
node_modules/.bin/esbuild "$OUT/node.js" --bundle --format=esm --platform=node --target=node20 \
  --define:__CU_WASM_SIZES="$WASM_SIZES" --allow-overwrite --outfile="$OUT/node.js" --log-level=warning
if [ -f "$OUT/validators-node.js" ]; then
  node_modules/.bin/esbuild "$OUT/validators-node.js" --bundle --format=esm --platform=node --target=node20 \
    --define:__CU_WASM_SIZES="$WASM_SIZES" --allow-overwrite --outfile="$OUT/validators-node.js" --log-level=warning
fi
grep -q 'customer_update.cjs' "$OUT/node.js" || { echo "node.js: the bundle lost the lazy load of the full wasm" >&2; exit 1; }
if grep -q 'function readSettings' "$OUT/node.js"; then echo "node.js: the request API is in the bundle import evaluates" >&2; exit 1; fi
if grep -q 'FORM_FIELDS\|compiledCount\|function writeObject' "$OUT/node.js"; then echo "node.js: the issue renderer, form mode or the object walk is in the bundle import evaluates" >&2; exit 1; fi
if grep -q 'englishCatalog\|templateList' "$OUT/node.js"; then echo "node.js: the catalog is built by issues.js's loops, not node-catalog.js's literals" >&2; exit 1; fi
if [ -f "$OUT/validators-node.js" ] && grep -q '"required\.name_part"' "$OUT/validators-node.js"; then echo "validators-node.js: the catalog is in the bundle (node-catalog.js not dropped)" >&2; exit 1; fi
rm "$OUT/node-api.js" "$OUT/node-lazy.js" "$OUT/node-catalog.js"
grep -q '"./validators/wasm/customer_update_bg.wasm": [0-9]' "$OUT/node.js" || { echo "node.js: the wasm sizes were not defined (readWasm reads whole files)" >&2; exit 1; }

# CommonJS for `require()` on Node 20.16-20.18 (require() of an ES module needs Node >= 20.19):
# each Node entry bundled by esbuild with its glue and API into dist/<entry>.cjs, which reads the
# same .wasm next to it (import.meta.url becomes the .cjs file's URL). Declarations for `require`
# (.d.cts) re-export the ESM ones.
step "CommonJS builds of the Node entries (esbuild → $OUT/*.cjs)"
for entry in node validators-node edge-node; do
  [ -f "$OUT/$entry.js" ] || continue
  node_modules/.bin/esbuild "$OUT/$entry.js" --bundle --format=cjs --platform=node --target=node20 \
    --define:import.meta.url=__cu_import_meta_url --define:import.meta.dirname=__dirname \
    --banner:js='const __cu_import_meta_url = require("url").pathToFileURL(__filename).href;' \
    --outfile="$OUT/$entry.cjs" --log-level=warning
done
mv "$MESSAGES_TMP" "$OUT/messages.js"
grep -q '^export const TEMPLATES = /\* @__PURE__ \*/ expand(\[$' "$OUT/messages.js" || { echo "messages.js: the compact templates were not put back" >&2; exit 1; }
if grep -qsF '[...new Set(Array.from(' "$OUT/node.js" "$OUT/validators-node.js"; then echo "node.js: the Node bundle derives the templates at import" >&2; exit 1; fi
for types in index validators edge; do
  [ -f "$OUT/$types.d.ts" ] && cp "$OUT/$types.d.ts" "$OUT/$types.d.cts"
done

raw=$(wc -c < "$OUT/wasm/customer_update_bg.wasm")
gz=$(gzip -9 -c "$OUT/wasm/customer_update_bg.wasm" | wc -c)
step "built $OUT: wasm $raw bytes raw, $gz bytes gzip -9"
