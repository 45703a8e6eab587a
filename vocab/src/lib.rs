//! The rule vocabulary of customer-update, in one small crate that both the code generator
//! (`customer-update-codegen`, at build time) and the runtime (`customer_update::rules`)
//! depend on, so the two can never disagree about a format name and its parameters, a date
//! style, a rule kind or an issue code.
//!
//! What the generated validators call is here too, as inherent methods (`Format::check`,
//! `Rule::item`, `Rule::holds`): the generated code names these types and nothing else. The
//! runtime's JSON object reaches the rules through the [`cross::Input`] trait. What only the
//! generator calls (`Format::from_spec`, `to_rust`, `country::check_list`) is small and
//! left out of the wasm by the linker.
//!
//! `no_std` (`core` and `alloc` only), so that the runtime's validators-only wasm, which is
//! `no_std`, can link it; the runtime re-exports every module under `customer_update::rules`.
#![cfg_attr(not(test), no_std)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        // core::fmt's machinery: messages use text::concat and text::decimal (clippy.toml)
        clippy::disallowed_macros,
        clippy::disallowed_methods
    )
)]

extern crate alloc;

pub mod codes;
pub mod convert;
pub mod country;
pub mod cross;
pub mod date;
pub mod formats;
pub mod keys;
pub mod limits;
pub mod messages;
pub mod shapes;
pub mod text;

pub use codes::{Code, Issue, PathSeg};
pub use cross::{Acc, Input, Rule, Val};
pub use date::{CivilDate, DateStyle};
pub use formats::Format;
pub use messages::{Arg, Msg, Word};

/// Largest integer JavaScript represents exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A number as an integer the way JavaScript sends one: integral (`50` or `50.0`) and within the
/// safe range. The one definition the integer field check, the share-sum rule and request
/// building use.
pub fn safe_integer(f: f64) -> Option<i64> {
    // Within the safe range `as` is exact for whole numbers and truncates the others.
    let i = f as i64;
    (f.abs() <= MAX_SAFE_INTEGER && i as f64 == f).then_some(i)
}

/// Whether `f` is a whole number: `f.fract() == 0.0`, which `core` does not have (for `no_std`
/// builds). Every finite `f64` of magnitude 2^52 or more is whole; below that, `as i64`
/// truncates exactly. Infinities and NaN are not whole.
pub fn is_whole(f: f64) -> bool {
    if f.abs() < 4_503_599_627_370_496.0 {
        f as i64 as f64 == f
    } else {
        f.is_finite()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `safe_integer` and `is_whole` as they were written with std's `fract`.
    #[test]
    fn whole_numbers_as_std_fract_says() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            1e-300,
            f64::MIN_POSITIVE,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            -4_503_599_627_370_497.0,
            MAX_SAFE_INTEGER,
            MAX_SAFE_INTEGER + 1.0,
            -MAX_SAFE_INTEGER,
            -MAX_SAFE_INTEGER - 1.0,
            9.3e18,
            -9.3e18,
            1e300,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for e in -60..=60 {
            let p = 2f64.powi(e);
            values.extend([p, -p, p + 0.5, p - 0.25, p * 1.1, -(p * 3.3)]);
        }
        for f in values {
            assert_eq!(is_whole(f), f.fract() == 0.0, "{f:e}");
            let std = (f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER).then_some(f as i64);
            assert_eq!(safe_integer(f), std, "{f:e}");
        }
    }
}
