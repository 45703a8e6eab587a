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
//! Only `std` is used; the runtime re-exports every module under `customer_update::rules`.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

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
    (f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER).then_some(f as i64)
}
