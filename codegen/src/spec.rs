//! The spec model: one TOML file per provider (`src/spec/<provider>.toml`), read with serde.
//! Reading checks the shape (unknown keys, wrong value types, duplicate keys); what the
//! values mean is checked by [`crate::checks`].

use crate::error::{Res, SpecError};
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    pub provider: String,
    pub title: String,
    pub seed: String,
    pub sandbox_url: String,
    pub production_url: String,
    #[serde(default)]
    pub errors: Vec<String>,
    /// The HTTP statuses the provider's documentation gives its error bodies (OpenAPI responses;
    /// any other status is the document's `default` response).
    #[serde(default)]
    pub error_statuses: Vec<u16>,
    /// The request header the provider honours as an idempotency key (a POST carrying it may be
    /// retried).
    pub idempotency_header: Option<String>,
    pub auth: AuthSpec,
    #[serde(default)]
    pub headers: Vec<HeaderSpec>,
    pub operations: Vec<OperationSpec>,
    #[serde(default)]
    pub types: IndexMap<String, TypeSpec>,
    /// How the normalized contact maps onto this provider (issue 16); see `emit::unified`.
    pub unified: Option<UnifiedSpec>,
}

/// The `[unified]` section: the operation that carries the normalized contact, the input field
/// that takes the customer reference, where a response body holds the customer record, and one
/// entry per mapping (contact fields → provider fields through a named conversion).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnifiedSpec {
    pub operation: String,
    pub id: String,
    /// Dotted path of the customer record in a response body; "" (default) is the body itself.
    #[serde(default)]
    pub record: String,
    pub fields: Vec<UnifiedMapSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnifiedMapSpec {
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub convert: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSpec {
    pub scheme: String,
    pub token_path: Option<String>,
    /// `base` (default: the token path is under the configured base URL) or `origin` (under the
    /// base URL's scheme://host:port).
    pub token_from: Option<String>,
    #[serde(default)]
    pub config: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderSpec {
    pub name: String,
    pub value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationSpec {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub encoding: Option<String>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    pub response: String,
    pub example: String,
    pub input: IndexMap<String, FieldSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub kind: String,
    pub fields: Option<Vec<String>>,
    pub array: Option<String>,
    pub field: Option<String>,
    pub total: Option<i64>,
    pub minor: Option<String>,
    pub dob: Option<String>,
    pub date_format: Option<String>,
    pub guardian: Option<String>,
    pub adult_age: Option<i32>,
    pub type_field: Option<String>,
    pub exempt: Option<Vec<String>>,
    pub current: Option<String>,
    pub terminal: Option<Vec<String>>,
    pub age: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    /// `true` (any extra keys) or a type name for their values (`"string"`).
    #[serde(default)]
    pub open: Option<toml::Value>,
    #[serde(default)]
    pub fields: IndexMap<String, FieldSpec>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub items: Option<String>,
    pub values: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub read_only: Option<String>,
    pub format: Option<String>,
    pub digits: Option<(u8, u8)>,
    pub leading_zero: Option<bool>,
    pub date_format: Option<String>,
    pub past: Option<bool>,
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    #[serde(default)]
    pub open_enum: bool,
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub min_items: Option<u32>,
    pub max_items: Option<u32>,
    pub label: Option<String>,
    pub hint: Option<String>,
    #[serde(rename = "in")]
    pub location: Option<String>,
    pub generate: Option<String>,
}

/// Reads one spec file's text. `file` names it in errors.
pub fn load(file: &str, text: &str) -> Res<SpecFile> {
    toml::from_str(text).map_err(|e| toml_error(text, &e).in_file(file))
}

/// A TOML or shape error, placed by line, table and key, with a fix for the common kinds.
fn toml_error(text: &str, e: &toml::de::Error) -> SpecError {
    let message = e.message().trim().to_owned();
    let mut err = if message.contains("duplicate key") {
        SpecError::new(
            message,
            "a key may appear once in a table: remove or rename one of the two (a field, type or operation key is declared twice)",
        )
    } else if message.contains("unknown field") {
        SpecError::new(message, "check the spelling against the keys listed")
    } else if message.contains("missing field") {
        SpecError::new(message, "add it")
    } else {
        SpecError::new(message, "see the TOML at the place named")
    };
    if let Some(span) = e.span() {
        let before = text.get(..span.start).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let lines: Vec<&str> = text.lines().map(str::trim).take(line).collect();
        let line_text = lines.last().copied().unwrap_or_default();
        // The field: the key of a `key = …` line. The key the error points at, when another
        // (a key inside an inline table, or a table header's last part).
        let line_key = line_text
            .split_once('=')
            .map(|(k, _)| k.trim())
            .filter(|k| !k.is_empty() && !k.starts_with('['));
        let pointed = text
            .get(span.clone())
            .map(str::trim)
            .filter(|k| !k.is_empty() && k.len() <= 64)
            .filter(|k| {
                k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
            });
        if let Some(key) = line_key {
            err = err.at(format!("field {key}"));
        }
        if let Some(key) = pointed.filter(|k| Some(*k) != line_key) {
            err.at.push(format!("key {key}"));
        }
        // The table: the last `[header]` at or above the line.
        if let Some(header) = lines.iter().rev().find(|l| l.starts_with('[')) {
            err = err.at(format!("table {header}"));
        }
        err = err.at(format!("line {line}"));
    }
    err
}

/// A type name a field may use without declaring it.
pub fn is_primitive(t: &str) -> bool {
    matches!(t, "string" | "boolean" | "integer" | "number" | "any")
}

impl TypeSpec {
    /// What extra keys an object of this type accepts: `None` (none), `"any"` or `"string"`.
    pub fn open(&self) -> Res<Option<&'static str>> {
        match &self.open {
            None | Some(toml::Value::Boolean(false)) => Ok(None),
            Some(toml::Value::Boolean(true)) => Ok(Some("any")),
            Some(toml::Value::String(s)) if s == "string" => Ok(Some("string")),
            Some(other) => Err(SpecError::new(
                format!("open = {other} is not a choice"),
                "write open = true (any extra keys), open = \"string\" (extra keys with string values) or leave it out",
            )),
        }
    }
}

/// The Rust name of an HTTP method.
pub fn method(m: &str) -> Res<&'static str> {
    match m {
        "POST" => Ok("Post"),
        "PUT" => Ok("Put"),
        "PATCH" => Ok("Patch"),
        other => Err(SpecError::new(
            format!("unsupported method \"{other}\""),
            "use POST, PUT or PATCH",
        )),
    }
}

/// The Rust name of a body encoding.
pub fn encoding(e: Option<&str>) -> Res<&'static str> {
    match e {
        None | Some("json") => Ok("Json"),
        Some("form") => Ok("Form"),
        Some(other) => Err(SpecError::new(
            format!("unknown encoding \"{other}\""),
            "use encoding = \"json\" (the default) or \"form\"",
        )),
    }
}

/// The Rust name of a field's location (`in`).
pub fn location(l: Option<&str>) -> Res<&'static str> {
    match l {
        None | Some("body") => Ok("Body"),
        Some("path") => Ok("Path"),
        Some("input") => Ok("Input"),
        Some(other) => Err(SpecError::new(
            format!("unknown `in` value \"{other}\""),
            "use in = \"body\" (the default), \"path\" or \"input\"",
        )),
    }
}

/// The `{name}` parameters of a URL path, in order.
pub fn path_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some((_, after)) = rest.split_once('{') {
        let Some((name, tail)) = after.split_once('}') else {
            break;
        };
        out.push(name.to_owned());
        rest = tail;
    }
    out
}

/// Which named types are used by inputs (strict structs) and which by responses/errors (lenient).
pub fn input_types(spec: &SpecFile) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = Vec::new();
    let refs = |f: &FieldSpec| -> Vec<String> {
        let mut v = Vec::new();
        if let Some(r) = &f.reference {
            v.push(r.clone());
        }
        if let Some(i) = &f.items {
            if !is_primitive(i) {
                v.push(i.clone());
            }
        }
        v
    };
    for op in &spec.operations {
        for f in op.input.values() {
            stack.extend(refs(f));
        }
    }
    while let Some(t) = stack.pop() {
        if seen.insert(t.clone()) {
            if let Some(ts) = spec.types.get(&t) {
                for f in ts.fields.values() {
                    stack.extend(refs(f));
                }
            }
        }
    }
    seen
}

/// A field of type `ty` with nothing else set (the item or value type of arrays and maps).
pub fn blank_field() -> FieldSpec {
    FieldSpec {
        ty: String::new(),
        reference: None,
        items: None,
        values: None,
        required: false,
        read_only: None,
        format: None,
        digits: None,
        leading_zero: None,
        date_format: None,
        past: None,
        enum_values: None,
        open_enum: false,
        min_length: None,
        max_length: None,
        min: None,
        max: None,
        min_items: None,
        max_items: None,
        label: None,
        hint: None,
        location: None,
        generate: None,
    }
}
