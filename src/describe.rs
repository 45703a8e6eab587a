//! `describe(op)`: field metadata for building forms, read from the generated tables. One entry
//! per field, nested fields flattened with their full path; array items are under `"*"`.

use crate::schema::{Extra, Field, Loc, Object, Operation, Ty};
use alloc::vec::Vec;
use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(Clone, Debug, PartialEq)]
/// One field of an operation's input, for building a form (serialised as the JS `describe` entry:
/// camelCase keys, `type` and `enum` for `json_type` and `enum_values`, empty and `None` values
/// left out, `open` and `generated` only when true).
pub struct FieldInfo {
    /// Keys from the input's root; `"*"` stands for any index of an array.
    pub path: Vec<&'static str>,
    /// A short label for the form.
    pub label: &'static str,
    /// `string`, `boolean`, `integer`, `number`, `object`, `array` or `any`.
    pub json_type: &'static str,
    /// Whether the field must be present.
    pub required: bool,
    /// `body`, `path` (moved into the URL) or `input` (read by rules, never sent).
    pub location: &'static str,
    /// A hint on the expected value (empty: none).
    pub hint: &'static str,
    /// The allowed values, for a choice.
    pub enum_values: Option<&'static [&'static str]>,
    /// The named format (`email`, `e164`, …).
    pub format: Option<&'static str>,
    /// For a date: its pattern (`yyyy-MM-dd`, `dd/MM/yyyy`).
    pub date_format: Option<&'static str>,
    /// The fewest characters.
    pub min_length: Option<u32>,
    /// The most characters.
    pub max_length: Option<u32>,
    /// The smallest number.
    pub minimum: Option<i64>,
    /// The largest number.
    pub maximum: Option<i64>,
    /// The fewest items of a list.
    pub min_items: Option<u32>,
    /// The most items of a list.
    pub max_items: Option<u32>,
    /// For objects: whether keys beyond the described ones are accepted.
    pub open: bool,
    /// Filled in by the request builder when absent (Access Bank `requestId`).
    pub generated: bool,
}

/// Written by hand as a map, not derived (when the wasm served `describe`, a derived struct went
/// through serde-wasm-bindgen's field-name cache). The JSON is the derive's, and the package's
/// `describe.js` holds this JSON per operation (tests/diff.rs writes it from here).
impl Serialize for FieldInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(None)?;
        // Every value as one type, [`Entry`]: each value type serialised is one more copy of the
        // serializer's map code (four types were four copies).
        m.serialize_entry("path", &Entry::List(&self.path))?;
        m.serialize_entry("label", &Entry::Text(self.label))?;
        m.serialize_entry("type", &Entry::Text(self.json_type))?;
        m.serialize_entry("required", &Entry::Bool(self.required))?;
        m.serialize_entry("location", &Entry::Text(self.location))?;
        if !self.hint.is_empty() {
            m.serialize_entry("hint", &Entry::Text(self.hint))?;
        }
        if let Some(v) = self.enum_values {
            m.serialize_entry("enum", &Entry::List(v))?;
        }
        if let Some(v) = self.format {
            m.serialize_entry("format", &Entry::Text(v))?;
        }
        if let Some(v) = self.date_format {
            m.serialize_entry("dateFormat", &Entry::Text(v))?;
        }
        let count = |n: Option<u32>| n.map(i64::from);
        for (key, v) in [
            ("minLength", count(self.min_length)),
            ("maxLength", count(self.max_length)),
            ("minimum", self.minimum),
            ("maximum", self.maximum),
            ("minItems", count(self.min_items)),
            ("maxItems", count(self.max_items)),
        ] {
            if let Some(v) = v {
                m.serialize_entry(key, &Entry::Int(v))?;
            }
        }
        if self.open {
            m.serialize_entry("open", &Entry::Bool(true))?;
        }
        if self.generated {
            m.serialize_entry("generated", &Entry::Bool(true))?;
        }
        m.end()
    }
}

/// One value of a [`FieldInfo`] entry, serialised as the value it holds.
enum Entry<'a> {
    Text(&'a str),
    List(&'a [&'a str]),
    Bool(bool),
    Int(i64),
}

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Entry::Text(s) => serializer.serialize_str(s),
            Entry::List(items) => serializer.collect_seq(items.iter()),
            Entry::Bool(b) => serializer.serialize_bool(*b),
            Entry::Int(n) => serializer.serialize_i64(*n),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_the_derive_did() {
        let mut info = FieldInfo {
            path: vec!["address", "line1"],
            label: "Line 1",
            json_type: "string",
            required: true,
            location: "body",
            hint: "",
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
            generated: false,
        };
        assert_eq!(
            serde_json::to_string(&info).unwrap(),
            r#"{"path":["address","line1"],"label":"Line 1","type":"string","required":true,"location":"body"}"#
        );
        info.hint = "h";
        info.enum_values = Some(&["A", "B"]);
        info.format = Some("date");
        info.date_format = Some("yyyy-MM-dd");
        info.min_length = Some(1);
        info.max_length = Some(2);
        info.minimum = Some(-3);
        info.maximum = Some(4);
        info.min_items = Some(5);
        info.max_items = Some(6);
        info.open = true;
        info.generated = true;
        assert_eq!(
            serde_json::to_string(&info).unwrap(),
            concat!(
                r#"{"path":["address","line1"],"label":"Line 1","type":"string","required":true,"#,
                r#""location":"body","hint":"h","enum":["A","B"],"format":"date","dateFormat":"yyyy-MM-dd","#,
                r#""minLength":1,"maxLength":2,"minimum":-3,"maximum":4,"minItems":5,"maxItems":6,"#,
                r#""open":true,"generated":true}"#
            )
        );
    }
}
