//! Helpers for the generated typed structs.

use serde::{Deserialize, Deserializer};

/// Deserialises an optional field that, when present, must hold a value: `null` is an error
/// (docs/providers.md#common-absent: omit a field to keep its value), absence is `None` (with `#[serde(default)]`).
pub fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}
