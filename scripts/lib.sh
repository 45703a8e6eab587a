# Shared helpers for the project's scripts (sourced, not run).

step() { printf '\n==> %s\n' "$*"; }

# The wasm target for the machine's one Rust toolchain.
ensure_rust_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}

# wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock (it also
# brings wasm-bindgen-test-runner). Not --locked: its lock pins a crate the mirror lacks.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}
ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if [ -z "$want" ]; then cargo generate-lockfile; want="$(wasm_bindgen_version)"; fi
  if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$want" ]; then
    step "installing wasm-bindgen-cli $want (about 2 minutes)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

# The JS tools of the repo (package-lock.json), installed when missing or out of date.
ensure_node_modules() {
  if ! command -v node >/dev/null 2>&1; then
    step "installing Node.js"
    apt-get update && apt-get install -y nodejs npm
  fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "installing npm dev dependencies"
    # The lock keeps every platform's optional binaries (workerd, deno, esbuild, rolldown ship one
    # per platform: add dev dependencies with `npm install --save-dev --save-exact`), so `npm ci`
    # accepts it on any machine.
    npm ci --no-audit --no-fund
  fi
}

# Debian's Chromium and its driver (for wasm-bindgen-test in a browser and Playwright).
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    step "installing chromium and chromium-driver"
    apt-get update && apt-get install -y chromium chromium-driver
  fi
}
