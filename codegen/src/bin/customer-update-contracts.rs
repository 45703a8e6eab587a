//! Writes the contract files the npm package ships (`openapi.json`, `contracts.js`,
//! `form-fields.js`, `json-schema/<op>.json`) from the specs:
//! `customer-update-contracts <spec dir> <out dir>` (run by `scripts/build-pkg.sh`).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec_dir, out_dir] = args.as_slice() else {
        eprintln!("usage: customer-update-contracts <spec dir> <out dir>");
        std::process::exit(2);
    };
    if let Err(e) = customer_update_codegen::generate_package_files(
        std::path::Path::new(spec_dir),
        std::path::Path::new(out_dir),
    ) {
        eprintln!("error in the provider specs: {e}");
        std::process::exit(1);
    }
}
