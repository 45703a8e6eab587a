# Shared helpers for the project's scripts (sourced, not run).

step() { printf '\n==> %s\n' "$*"; }

# The wasm target for the machine's one Rust toolchain.
ensure_rust_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}
