//! A program that links std and depends on the crate without `requests` (as a Rust user's wasm
//! app with `default-features = false` does). scripts/test.sh builds it for
//! wasm32-unknown-unknown: the crate must not bring a `#[panic_handler]` of its own there (std
//! has one), so the crate is `no_std` only with the `wasm-no-std` feature, which the npm
//! package's validators-only wasm builds alone turn on. Natively it runs as a check.
use customer_update::{operation, rules::CivilDate, validate::check_text};

fn main() {
    let Some(op) = operation("m2p.updateCustomerStatus") else {
        std::process::exit(2);
    };
    let Some(today) = CivilDate::new(2026, 1, 1) else {
        std::process::exit(2);
    };
    let text = r#"{"entityId":"E1","status":"BLOCKED","currentStatus":"ACTIVE"}"#;
    let valid = check_text(op, text, today).is_ok();
    println!("valid: {valid}");
    if !valid {
        std::process::exit(1);
    }
}
