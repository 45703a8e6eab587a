//! BVNK answers (docs/providers.md#bvnk-errors).
//!
//! Three error envelopes are documented:
//! * current: `{code: "bvnk:<domain>:<nnnn>", status, traceId, message, details: {errors,
//!   documentLink}}` (`details.errors` is not specified: read as a field map or a list of
//!   `{field|parameter, message}`);
//! * legacy: `{requestId?, errorList: [{code: "MER-PAY-xxxx", parameter, message}]}`, where
//!   `parameter` names the field (`dotted.path` or `a[0].b`) and becomes the issue path;
//! * the dictionary form `{code: "MER-PAY-1000", status: "Forbidden", message, documentLink}`.
//!
//! Success is the full customer object.

use super::{
    and_more, field_list_issues, field_path, first_text, get, joined_texts, list_or_map_issues,
    text, ErrorBody, MAX_ISSUES,
};
use serde_json::Value;

const FIELD_KEYS: [&str; 4] = ["parameter", "field", "path", "name"];
const MESSAGE_KEYS: [&str; 3] = ["message", "reason", "description"];

/// BVNK's rules: any 2xx JSON (or an empty 204) is success; no token flow.
pub static RULES: super::Rules = super::Rules {
    key: "bvnk",
    check_success: super::any_json_is_success,
    parse_error,
    empty_success: true,
    token: None,
};

/// A non-2xx body in one of the three envelopes.
pub fn parse_error(_op_id: &str, _status: u16, body: &Value) -> Option<ErrorBody> {
    if let Some(list) = get(body, "errorList").and_then(Value::as_array) {
        return Some(legacy(body, list));
    }
    let has_code = get(body, "code").is_some_and(Value::is_string);
    let has_message = get(body, "message").is_some_and(Value::is_string);
    if !(has_code
        || (has_message && (get(body, "traceId").is_some() || get(body, "status").is_some())))
    {
        return None;
    }
    let details = get(body, "details");
    let issues = list_or_map_issues(
        details.and_then(|d| get(d, "errors")),
        &FIELD_KEYS,
        &MESSAGE_KEYS,
        &field_path,
    );
    Some(ErrorBody {
        code: first_text(body, &["code"]),
        // `status` is the HTTP status as a number in the current envelope, a word ("Forbidden")
        // in the dictionary form; only the word adds anything.
        category: get(body, "status")
            .filter(|s| s.is_string())
            .and_then(|s| text(Some(s))),
        trace_id: first_text(body, &["traceId", "requestId"]),
        message: first_text(body, &["message", "error"]),
        issues,
        retryable: false,
    })
}

fn legacy(body: &Value, list: &[Value]) -> ErrorBody {
    let code = list.iter().find_map(|e| first_text(e, &["code"]));
    let (message, n) = joined_texts(list, &MESSAGE_KEYS);
    let message = if n > 0 {
        and_more(message, list.len() - n)
    } else {
        message
    };
    let issues = field_list_issues(list, &FIELD_KEYS, &MESSAGE_KEYS, &field_path);
    let mut issues = issues;
    issues.truncate(MAX_ISSUES);
    ErrorBody {
        code,
        trace_id: first_text(body, &["requestId", "traceId"]),
        message: (!message.is_empty())
            .then_some(message)
            .or_else(|| first_text(body, &["message"])),
        issues,
        ..ErrorBody::default()
    }
}
