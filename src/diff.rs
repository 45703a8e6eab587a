//! `diff(op, before, after)`: the smallest valid update payload that turns `before` into `after`.
//!
//! It holds the changed top-level fields (a changed nested object or list is sent whole: no
//! provider documents merging inside one), the fields the operation always needs (path
//! parameters and required keys such as M2P `entityId`), and the context the operation's rules
//! read (Gathr `id_type` beside a changed `id_number`; M2P `currentStatus` from `before`). A
//! field present in `before` but absent in `after` cannot be expressed, because no provider
//! documents clearing a value: that is an issue.

use crate::rules::{Arg, CivilDate, Code, Issue, Msg, PathSeg, Rule};
use crate::schema::{Loc, Operation};
use crate::validate;
use alloc::{borrow::ToOwned, string::String, vec, vec::Vec};
use serde_json::{Map, Value};

/// The patch, or the issues why none exists.
#[derive(Clone, Debug, PartialEq)]
pub struct Patch {
    /// The smallest valid update payload (the key fields and what changed).
    pub value: Value,
    /// The top-level fields whose value changed.
    pub changed: Vec<&'static str>,
}

impl Patch {
    /// The patch as the JSON text `diff` returns: `{ ok: true, value, changed }` (the shape the
    /// TypeScript `DiffResult` is generated from: `rules::shapes::DIFF_OK`).
    pub fn to_json(&self) -> String {
        use crate::rules::shapes::key;
        let mut w = crate::json::Writer::new();
        w.open().key(key::OK).bool(true);
        w.key(key::VALUE).raw(&crate::encode::json(&self.value));
        w.key(key::CHANGED).strs(self.changed.iter().copied());
        w.close();
        w.finish()
    }
}

/// The smallest valid update for `op` from `before` to `after`: the changed fields plus the
/// keys the operation needs (path and required fields), validated; or the issues why none exists.
/// `today` is the current UTC date (for date rules).
pub fn diff(
    op: &Operation,
    before: &Value,
    after: &Value,
    today: CivilDate,
) -> Result<Patch, Vec<Issue>> {
    let empty = Map::new();
    let before_map = before.as_object().unwrap_or(&empty);
    let Some(after_map) = after.as_object() else {
        return Err(vec![Issue::new(
            Vec::new(),
            Code::InvalidType,
            "`after` must be an object of fields.",
        )]);
    };
    let mut out = Map::new();
    let mut changed = Vec::new();
    let mut issues = Vec::new();
    for field in op.input.fields.iter().filter(|f| f.read_only.is_none()) {
        let (b, a) = (before_map.get(field.name), after_map.get(field.name));
        let identifier = field.loc == Loc::Path || field.required;
        // The value sent for the field, if any (one insert for every case).
        let sent = match (b, a) {
            (b, Some(a)) if identifier => {
                // A required body field (M2P `status`, `nominees`, BVNK `associates`) is always
                // sent, and counts as changed when it differs; a path parameter names the record.
                if field.loc == Loc::Body && !b.is_some_and(|b| crate::encode::same(b, a)) {
                    changed.push(field.name);
                }
                Some(a)
            }
            (Some(b), None) if identifier => Some(b),
            (Some(b), Some(a)) if crate::encode::same(b, a) => None,
            (_, Some(a)) if field.loc == Loc::Body => {
                changed.push(field.name);
                Some(a)
            }
            (Some(_), None) if field.loc == Loc::Body => {
                issues.push(Issue::of(
                    vec![PathSeg::from(field.name)],
                    Code::NullNotAllowed,
                    Msg::CannotRemove,
                    vec![Arg::Str(field.label)],
                ));
                None
            }
            _ => None,
        };
        if let Some(v) = sent {
            out.insert(field.name.to_owned(), crate::encode::dup(v));
        }
    }
    for rule in op.rules {
        // The context a rule reads: Gathr `id_type` beside a changed `id_number` (from `after`),
        // M2P `currentStatus` (from `before`). `contains_key` and `insert` rather than `entry`
        // (the wasm's only other user of serde_json's `entry` was `unified::set`).
        let context = match *rule {
            Rule::IdNumberByIdType {
                field, type_field, ..
            } if out.contains_key(field) => after_map.get(type_field).map(|t| (type_field, t)),
            Rule::StatusTransition { field, current, .. } => {
                before_map.get(field).map(|from| (current, from))
            }
            _ => None,
        };
        if let Some((key, v)) = context {
            if !out.contains_key(key) {
                out.insert(key.to_owned(), crate::encode::dup(v));
            }
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let value = Value::Object(out);
    validate::validate(op, &value, today)?;
    Ok(Patch { value, changed })
}
