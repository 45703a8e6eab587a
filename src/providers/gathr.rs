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

use super::{field_map_issues, field_path, first_text, get, text, ErrorBody};
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

/// A non-2xx body with `errors` or a top-level `message`.
pub fn parse_error(_op_id: &str, _status: u16, body: &Value) -> Option<ErrorBody> {
    let top_message = first_text(body, &["message"]);
    match get(body, "errors") {
        Some(Value::String(_)) => Some(ErrorBody {
            message: text(get(body, "errors")),
            ..ErrorBody::default()
        }),
        Some(Value::Object(map)) if is_code_message(map) => {
            let errors = get(body, "errors").unwrap_or(&Value::Null);
            Some(ErrorBody {
                code: first_text(errors, &["code"]),
                message: first_text(errors, &["message"]).or(top_message),
                ..ErrorBody::default()
            })
        }
        Some(Value::Object(map)) => {
            let issues = field_map_issues(map, &field_path);
            // Laravel's summary if sent, else the first field message ("… (and 2 more)").
            let message = top_message.or_else(|| {
                let first = issue_text(issues.first()?);
                let first = crate::text::trim(&first, |c| c == b'.', false).to_owned();
                Some(match issues.len() {
                    1 => first,
                    n => format!("{first} (and {} more)", n - 1),
                })
            });
            Some(ErrorBody {
                message,
                issues,
                ..ErrorBody::default()
            })
        }
        Some(Value::Array(items)) => {
            let messages = super::first_texts(items, &|i| text(Some(i)), 3);
            let message = Some(crate::text::join(messages.iter().map(String::as_str), "; "))
                .filter(|m| !m.is_empty())
                .or(top_message);
            Some(ErrorBody {
                message,
                ..ErrorBody::default()
            })
        }
        _ => top_message.map(|m| ErrorBody {
            message: Some(m),
            ..ErrorBody::default()
        }),
    }
}

/// `{code, message}` rather than a field map: a string `message` and no list values.
fn is_code_message(map: &serde_json::Map<String, Value>) -> bool {
    map.get("message").is_some_and(Value::is_string) && !map.values().any(Value::is_array)
}
