//! Juspay answers (docs/providers.md#juspay-errors).
//!
//! Errors carry `error_info{code, category, user_message, developer_message, fields[{field_name,
//! reason}]}`; the top-level keys vary between errors (`status` is `"invalid_request_error"`,
//! `"Invalid Request"` or `"error"`; `error` is a bool only on the 403), so everything is read
//! leniently: `error_info` first, the top level as a fallback. `fields[]` become issues at
//! `[field_name]`. Success is the customer object.

use super::{field_list_issues, field_path, first_text, get, ErrorBody};
use serde_json::Value;

/// Juspay's rules: any 2xx JSON (or an empty 204) is success; no token flow.
pub static RULES: super::Rules = super::Rules {
    key: "juspay",
    check_success: super::any_json_is_success,
    parse_error,
    empty_success: true,
    token: None,
};

/// A non-2xx body with `error_info`, `error_code`, `error_message` or `error: true`.
pub fn parse_error(_op_id: &str, _status: u16, body: &Value) -> Option<ErrorBody> {
    let info = get(body, "error_info").filter(|v| v.is_object());
    let recognised = info.is_some()
        || ["error_code", "error_message"]
            .iter()
            .any(|k| get(body, k).is_some_and(Value::is_string))
        || matches!(get(body, "error"), Some(Value::Bool(true)));
    if !recognised {
        return None;
    }
    let pick = |keys: &[&str]| {
        info.and_then(|i| first_text(i, keys))
            .or_else(|| first_text(body, keys))
    };
    let code = info
        .and_then(|i| first_text(i, &["code"]))
        .or_else(|| first_text(body, &["error_code"]));
    let category = pick(&["category"]);
    let user = pick(&["user_message"]);
    let developer = pick(&["developer_message"]);
    let message = match (user, developer) {
        (Some(u), Some(d)) if !contains_ci(&u, no_final_dots(&d)) => Some(crate::text::concat(&[
            no_final_dots(&u),
            " (",
            no_final_dots(&d),
            ")",
        ])),
        (Some(u), _) => Some(u),
        (None, Some(d)) => Some(d),
        (None, None) => first_text(body, &["error_message"]),
    };
    let fields = info
        .and_then(|i| get(i, "fields"))
        .or_else(|| get(body, "fields"))
        .and_then(Value::as_array);
    let issues = fields
        .map(|items| {
            field_list_issues(
                items,
                &["field_name", "field", "name"],
                &["reason", "message"],
                &field_path,
            )
        })
        .unwrap_or_default();
    Some(ErrorBody {
        code,
        category,
        message,
        issues,
        ..ErrorBody::default()
    })
}

/// `s` without its trailing dots.
fn no_final_dots(s: &str) -> &str {
    crate::text::trim(s, |c| c == b'.', false)
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    crate::text::contains(&haystack.to_ascii_lowercase(), &needle.to_ascii_lowercase())
}
