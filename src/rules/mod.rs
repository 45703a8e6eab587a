//! The shared rule vocabulary: issue codes, named formats (docs/providers.md#formats), the cross-field rules
//! and the close-match suggestion for unknown keys.
//!
//! Codes, formats, date styles and rules live in the `customer-update-vocab` crate (`vocab/`),
//! which the code generator uses as well, so the generator and the runtime can never disagree
//! about a format name, a rule name or an issue code. They are re-exported here under their
//! usual paths (`crate::rules::Format`, `crate::rules::formats::is_email`, …); what only the
//! runtime needs (the suggestion for unknown keys, the rules' view of a JSON object) is here.

pub mod suggest;

pub use customer_update_vocab::{
    codes, convert, country, cross, date, formats, keys, limits, messages, shapes,
};

pub use codes::{Code, Issue, PathSeg};
pub use cross::{Acc, Rule, Val};
pub use date::{CivilDate, DateStyle};
pub use formats::Format;
pub use messages::{Arg, Msg, Word};

#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
use crate::json::{Json, Obj};

/// The rules read the tree reader's JSON objects through this view (the oracle's; the
/// generated reporters give them `validate::report`'s view of the text).
#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
impl cross::Input for Obj<'_> {
    fn val(&self, key: &str) -> Val<'_> {
        match self.get(key) {
            None => Val::Absent,
            Some(Json::Str(s)) => Val::Str(s),
            Some(Json::Num(n)) => Val::Num(*n),
            Some(Json::Bool(b)) => Val::Bool(*b),
            Some(_) => Val::Other,
        }
    }

    fn items(&self, key: &str) -> Option<impl Iterator<Item = Option<&Self>>> {
        match self.get(key) {
            Some(Json::Arr(items)) => Some(items.iter().map(Json::as_object)),
            _ => None,
        }
    }
}
