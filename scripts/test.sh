#!/usr/bin/env bash
# Installs what is missing, then runs every test. The README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "toolchain (rust wasm target, wasm-bindgen-cli, npm dev dependencies, chromium)"
ensure_rust_target
ensure_wasm_bindgen
ensure_node_modules
ensure_chromium

step "native tests (cargo test)"
cargo test --workspace --all-targets
cargo test --workspace --doc

step "rustfmt: the workspace and the fuzz crate as cargo fmt writes them"
cargo fmt --all --check
(cd fuzz && cargo fmt --check)

step "clippy (unwrap/expect/panic/indexing and core::fmt's format!/write!/to_string denied in library code, clippy.toml), native and wasm32"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features wasm-no-std -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features one-pass,wasm-no-std -- -D warnings
step "a wasm32 program that links std, on the crate without requests (no second panic handler)"
cargo build --target wasm32-unknown-unknown --example std_dependent --no-default-features
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features requests -- -D warnings

step "rustdoc: the public Rust API documented (#![deny(missing_docs)]), no broken links"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
step "wasm-bindgen-test in Node"
cargo test --target wasm32-unknown-unknown --test wasm
step "wasm-bindgen-test in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --test wasm
step "wasm-bindgen-test in a dedicated worker"
WASM_BINDGEN_USE_DEDICATED_WORKER=1 cargo test --target wasm32-unknown-unknown --test wasm

step "npm package (wasm32 release build, wasm-bindgen, wasm-opt)"
bash scripts/build-pkg.sh

step "node --test: the built package imported as users import it"
node --test tests/node/

step "publishing dry runs: npm publish --dry-run (pkg/), cargo package --workspace (the three crates packaged and verified together)"
(cd pkg && npm publish --dry-run)
# Verified in a target directory of its own, made anew: cargo treats a registry crate of a given
# version as immutable, so a previous run's build of these crates (same version, same temporary
# registry path) would be reused instead of this tree's; the same goes for their unpacked sources.
rm -rf target/package-verify "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/customer-update-*-0.1.0
CARGO_TARGET_DIR=target/package-verify cargo package --workspace --allow-dirty

step "runtimes: real workerd, real Deno, esbuild bundle in Chromium + Web Worker, tsc --strict, react-hook-form"
bash tests/runtimes/run.sh

step "packaging matrix: npm pack, installed from the tarball into fresh projects (Node ESM/CJS, tsc --strict, Vite + React with react-hook-form and TanStack Form in Chromium, Next.js build + start, esbuild → workerd)"
bash tests/packaging/run.sh

step "end-to-end: demo page in Chromium through the edge function to the simulator"
node --test --test-concurrency=1 tests/e2e/

step "benchmark smoke (keeps bench/ from rotting; no timing is asserted)"
bash bench/run.sh --smoke

step "fuzz smoke: every fuzz target briefly (scripts/robustness.sh runs the 10-million campaigns)"
bash scripts/fuzz.sh --smoke

step "all tests passed"
