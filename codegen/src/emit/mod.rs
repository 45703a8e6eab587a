//! The emitters. Each reads a checked spec and writes one kind of output:
//! [`tables`] (validation tables, `PROVIDER`, operations, `providers.rs`), [`one_pass`] (the
//! one-pass validators, `quote` + `prettyplease`), [`report`] (the reporting validators, likewise), [`types`] (typed structs) and [`ts`]
//! (TypeScript declarations); [`messages`] (the message templates as a JS module); [`contracts`]
//! (JSON Schema, OpenAPI and the form field table).

pub mod contracts;
pub mod messages;
pub mod one_pass;
pub mod report;
pub mod tables;
pub mod ts;
pub mod types;
pub mod unified;

use crate::error::Res;
use crate::spec::SpecFile;

/// `<provider>.rs`: the tables, the `check` module of one-pass validators, the `types` module.
pub fn rust(spec: &SpecFile) -> Res<String> {
    let mut s = tables::emit(spec)?;
    s.push_str(&one_pass::emit(spec)?);
    s.push('\n');
    s.push_str(&report::emit(spec)?);
    s.push('\n');
    s.push_str(&types::emit(spec)?);
    Ok(s)
}
