//! The shared rule vocabulary: issue codes, named formats (docs/providers.md#formats), the cross-field rules
//! and the close-match suggestion for unknown keys.
//!
//! This module is compiled twice: into the library, and into `build.rs` (through a `#[path]`
//! include), so the generator and the runtime can never disagree about a format name, a rule
//! name or an issue code. It therefore uses only `core`/`std`/`serde_json`, and reaches its
//! siblings through `super::`.

pub mod codes;
pub mod country;
pub mod cross;
pub mod date;
pub mod formats;
pub mod suggest;

pub use codes::{Code, Issue, PathSeg};
pub use cross::{Acc, Rule, Val};
pub use date::{CivilDate, DateStyle};
pub use formats::Format;
