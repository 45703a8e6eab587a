//! Gathr answers (docs/providers.md#gathr-errors).
//!
//! `errors` comes in three shapes:
//! * a field map `{"popi": ["The popi field must be true or false."]}` (422): one issue per
//!   message, at the field's path (Laravel-style dotted keys such as `items.0.name` give indices);
//! * an object `{code, message}` (404 `entity_not_found`);
//! * a string (409 `"Business not unique"`).
//!
//! A Laravel top-level `message` (e.g. `"Unauthenticated."`) is read as the message too.
//! Success is `{data: customer}`.

use super::{
    and_more, field_map_issues, field_path, first_text, get, joined_texts, text, ErrorBody,
};
use crate::request::issue_text;
use serde_json::Value;

/// Gathr's rules: any 2xx JSON (or an empty 204) is success; no token flow.
pub static RULES: super::Rules = super::Rules {
    key: "gathr",
    check_success: super::any_json_is_success,
    parse_error,
    empty_success: true,
    token: None,
};

/// A non-2xx body with `errors` or a top-level `message`. (One `ErrorBody` whose fields each
/// shape sets, rather than one built per shape: smaller in the wasm.)
pub fn parse_error(_op_id: &str, _status: u16, body: &Value) -> Option<ErrorBody> {
    let mut out = ErrorBody {
        message: first_text(body, &["message"]),
        ..ErrorBody::default()
    };
    let errors = get(body, "errors");
    match errors {
        Some(Value::String(_)) => out.message = text(errors),
        Some(e @ Value::Object(map)) if is_code_message(map) => {
            out.code = first_text(e, &["code"]);
            if let Some(m) = first_text(e, &["message"]) {
                out.message = Some(m);
            }
        }
        Some(Value::Object(map)) => {
            out.issues = field_map_issues(map, &field_path);
            // Laravel's summary if sent, else the first field message ("… (and 2 more)").
            if out.message.is_none() {
                out.message = out.issues.first().map(|issue| {
                    let first = issue_text(issue);
                    let first = crate::text::trim(&first, |c| c == b'.', false).to_owned();
                    and_more(first, out.issues.len() - 1)
                });
            }
        }
        Some(Value::Array(items)) => {
            let (joined, _) = joined_texts(items, &[]);
            if !joined.is_empty() {
                out.message = Some(joined);
            }
        }
        _ if out.message.is_none() => return None,
        _ => {}
    }
    Some(out)
}

/// `{code, message}` rather than a field map: a string `message` and no list values.
fn is_code_message(map: &serde_json::Map<String, Value>) -> bool {
    map.get("message").is_some_and(Value::is_string) && !map.iter().any(|(_, v)| v.is_array())
}
