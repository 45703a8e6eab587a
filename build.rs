//! Generates the provider code into `OUT_DIR` from `src/spec/*.toml`: the generator is the
//! `customer-update-codegen` crate (`codegen/`), a build dependency.

fn main() {
    println!("cargo:rerun-if-changed=src/spec");
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
