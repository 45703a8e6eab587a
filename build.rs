//! Generates the provider code into `OUT_DIR` from `src/spec/*.toml`: the generator is the
//! `customer-update-codegen` crate (`codegen/`), a build dependency.

fn main() {
    println!("cargo:rerun-if-changed=src/spec");
    // `cu_no_std`: the crate built as a `no_std` wasm of its own (src/lib.rs): wasm32, the
    // `wasm-no-std` feature, and not `requests` (which needs std and wins). One name for the
    // condition, so the places that depend on it cannot disagree.
    println!("cargo::rustc-check-cfg=cfg(cu_no_std)");
    let feature = |name: &str| std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some();
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32")
        && feature("WASM_NO_STD")
        && !feature("REQUESTS")
    {
        println!("cargo:rustc-cfg=cu_no_std");
    }
    // `cu_size_build`: the validators-only wasm without the one pass (the browser validators
    // entry's "z" wasm, for forms, where bytes count and microseconds do not): wasm32, neither
    // `requests` nor `one-pass`. Speed-only machinery (the allocator's small-block cache, records
    // that name pieces of the input by offset) is left out of it.
    println!("cargo::rustc-check-cfg=cfg(cu_size_build)");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32")
        && !feature("REQUESTS")
        && !feature("ONE_PASS")
    {
        println!("cargo:rustc-cfg=cu_size_build");
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    // A build script runs in the crate root: `src/spec` is also how errors name the files.
    match customer_update_codegen::generate(std::path::Path::new("src/spec"), &out) {
        Ok(read) => {
            for path in read {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        Err(e) => {
            eprintln!("error in the provider specs: {e}");
            std::process::exit(1);
        }
    }
}
