#!/usr/bin/env bash
# Installs what is missing, then runs every test. The README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "toolchain"
ensure_rust_target

step "native tests (cargo test)"
cargo test --all-targets
cargo test --doc

step "clippy (unwrap/expect/panic/indexing denied in library code)"
cargo clippy --all-targets -- -D warnings

step "wasm32-unknown-unknown release build"
cargo build --target wasm32-unknown-unknown --profile wasm-release --lib

step "all tests passed"
