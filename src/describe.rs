//! `describe(op)`: field metadata for building forms, read from the generated tables. One entry
//! per field, nested fields flattened with their full path; array items are under `"*"`.

use crate::schema::{Extra, Field, Loc, Object, Operation, Ty};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
/// One field of an operation's input, for building a form (serialised as the JS `describe` entry).
pub struct FieldInfo {
    /// Keys from the input's root; `"*"` stands for any index of an array.
    pub path: Vec<&'static str>,
    /// A short label for the form.
    pub label: &'static str,
    /// `string`, `boolean`, `integer`, `number`, `object`, `array` or `any`.
    #[serde(rename = "type")]
    pub json_type: &'static str,
    /// Whether the field must be present.
    pub required: bool,
    /// `body`, `path` (moved into the URL) or `input` (read by rules, never sent).
    pub location: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    /// A hint on the expected value (empty: none).
    pub hint: &'static str,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    /// The allowed values, for a choice.
    pub enum_values: Option<&'static [&'static str]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The named format (`email`, `e164`, …).
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// For a date: its pattern (`yyyy-MM-dd`, `dd/MM/yyyy`).
    pub date_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The fewest characters.
    pub min_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The most characters.
    pub max_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The smallest number.
    pub minimum: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The largest number.
    pub maximum: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The fewest items of a list.
    pub min_items: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The most items of a list.
    pub max_items: Option<u32>,
    /// For objects: whether keys beyond the described ones are accepted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// Filled in by the request builder when absent (Access Bank `requestId`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
}

/// Every field of `op`'s input, parents before children, in spec order. Read-only keys are
/// left out (a form must not offer them).
pub fn describe(op: &Operation) -> Vec<FieldInfo> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    walk(op.input, &mut path, &mut out);
    out
}

fn walk(obj: &'static Object, path: &mut Vec<&'static str>, out: &mut Vec<FieldInfo>) {
    for field in obj.fields.iter().filter(|f| f.read_only.is_none()) {
        path.push(field.name);
        entry(field, &field.ty, path, out);
        path.pop();
    }
}

fn entry(
    field: &'static Field,
    ty: &'static Ty,
    path: &mut Vec<&'static str>,
    out: &mut Vec<FieldInfo>,
) {
    let mut info = FieldInfo {
        path: path.clone(),
        label: field.label,
        json_type: ty.json_type(),
        required: field.required,
        location: match field.loc {
            Loc::Body => "body",
            Loc::Path => "path",
            Loc::Input => "input",
        },
        hint: field.hint,
        enum_values: None,
        format: None,
        date_format: None,
        min_length: None,
        max_length: None,
        minimum: None,
        maximum: None,
        min_items: None,
        max_items: None,
        open: false,
        generated: field.generate.is_some(),
    };
    match ty {
        Ty::String(s) => {
            if !s.enum_values.is_empty() {
                info.enum_values = Some(s.enum_values);
            }
            info.format = s.format.map(|f| f.name());
            if let Some(crate::rules::Format::Date { style, .. }) = s.format {
                info.date_format = Some(style.pattern());
            }
            info.min_length = Some(s.min_len);
            info.max_length = s.max_len;
            out.push(info);
        }
        Ty::Integer { min, max } => {
            info.minimum = *min;
            info.maximum = *max;
            out.push(info);
        }
        Ty::Object(obj) => {
            info.open = !matches!(obj.extra, Extra::Deny);
            out.push(info);
            walk(obj, path, out);
        }
        Ty::Map { .. } => {
            info.open = true;
            out.push(info);
        }
        Ty::Array {
            items,
            min_items,
            max_items,
        } => {
            info.min_items = Some(*min_items);
            info.max_items = *max_items;
            out.push(info);
            if let Ty::Object(obj) = items {
                path.push("*");
                walk(obj, path, out);
                path.pop();
            }
        }
        Ty::Boolean | Ty::Number | Ty::Any => out.push(info),
    }
}
