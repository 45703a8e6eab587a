//! M2P Prepaid answers (docs/providers.md#m2p-errors).
//!
//! Errors are problem+json: `{type, title, status, detail, message, businessCode}`. The business
//! code is `businessCode` on every endpoint example, `"business.code"` on the error-codes page
//! (read both, and a nested `business: {code}`). `message` is a key such as `"error.business"`,
//! `"error.http.400"` or `"error.validation"` (kept as the category). Bean-validation errors add
//! `fieldErrors[{field, message}]`, mapped onto paths. HTTP 409 carries business-rule violations
//! (`PPCUST_xxx`); `PPCUST_032` (invalid status transition) also becomes an `invalid_transition`
//! issue at `["status"]`, the code local validation uses for the same rule.
//!
//! Inferred: the token layer may answer OAuth-style `{error, error_description}`; recognised too.

use super::{cleaned, field_list_issues, field_path, first_text, get, ErrorBody};
use super::{Part, Rules, TokenAnswer, TokenCall, TokenFlow};
use crate::auth::token::Token;
use crate::rules::{Code, Issue, PathSeg};
use serde_json::Value;

/// M2P's business code for an invalid status transition.
pub const INVALID_TRANSITION: &str = "PPCUST_032";

/// M2P's rules: any 2xx JSON (or an empty 204) is success; a client-credentials token flow with
/// `accessToken` as the token obtained elsewhere.
pub static RULES: Rules = Rules {
    key: "m2p",
    check_success: super::any_json_is_success,
    parse_error,
    empty_success: true,
    token: Some(TokenFlow {
        credentials: &TOKEN_CREDENTIALS,
        given_token: "accessToken",
        call: TokenCall {
            missing: "the M2P token flow needs clientId and clientSecret (or pass accessToken)",
            headers: &[
                ("Content-Type", Part::Text("application/json")),
                ("X-TENANT-ID", Part::Config("tenantId")),
            ],
            // In the (sorted) key order the map once wrote.
            body: &[
                ("clientId", Part::Config("clientId")),
                ("clientSecret", Part::Config("clientSecret")),
                ("grantType", Part::Text("client_credentials")),
            ],
        },
        answer: TOKEN_ANSWER,
    }),
};

/// A non-2xx body in problem+json (or OAuth error) form.
pub fn parse_error(_op_id: &str, _status: u16, body: &Value) -> Option<ErrorBody> {
    let code = first_text(body, &["businessCode", "business.code"])
        .or_else(|| get(body, "business").and_then(|b| first_text(b, &["code"])));
    let field_errors = get(body, "fieldErrors").and_then(Value::as_array);
    let problem = ["title", "detail", "type"]
        .iter()
        .any(|k| get(body, k).is_some_and(Value::is_string));
    let oauth = get(body, "error").is_some_and(Value::is_string);
    if code.is_none() && field_errors.is_none() && !problem && !oauth {
        return None;
    }
    // `message` is a key ("error.business") on problems, human text elsewhere: read once, then
    // told apart by a space.
    let (text_message, message_key) = match get(body, "message").and_then(Value::as_str) {
        Some(m) if crate::text::contains_byte(m, b' ') => (Some(m), None),
        Some(m) if !m.is_empty() => (None, Some(m)),
        _ => (None, None),
    };
    let category = message_key
        .and_then(cleaned)
        .or_else(|| first_text(body, &["error"]));
    let message = first_text(body, &["detail", "title", "error_description"])
        .or_else(|| text_message.and_then(cleaned));
    let mut issues = field_errors
        .map(|items| {
            field_list_issues(
                items,
                &["field", "path"],
                &["message", "defaultMessage"],
                &field_path,
            )
        })
        .unwrap_or_default();
    if code.as_deref() == Some(INVALID_TRANSITION) {
        let why = first_text(body, &["title", "detail"]).map_or_else(String::new, |t| {
            crate::text::concat(&[" (", crate::text::trim(&t, |c| c == b'.', false), ")"])
        });
        issues.push(Issue::new(
            vec![PathSeg::from("status")],
            Code::InvalidTransition,
            crate::text::concat(&[
                "This status change is not allowed from the customer's current status",
                &why,
                ".",
            ]),
        ));
    }
    Some(ErrorBody {
        code,
        category,
        message,
        issues,
        ..ErrorBody::default()
    })
}

/// The credentials of the token flow (plus `tenantId`, sent on every call).
pub const TOKEN_CREDENTIALS: [&str; 2] = ["clientId", "clientSecret"];

/// `POST /auth/token` (docs/providers.md#m2p-auth):
/// `{"clientId", "clientSecret", "grantType": "client_credentials"}`, `X-TENANT-ID` when
/// `tenantId` is given (see [`RULES`]).
pub fn token_request(
    url: String,
    config: &dyn Fn(&str) -> Option<String>,
) -> Result<super::TokenRequest, String> {
    super::token_flow_request(&RULES, url, config)
}

/// M2P's documented token lifetime, used when `expires_in` is missing.
pub const DEFAULT_LIFETIME_S: u64 = 3600;

/// M2P's token response `{"access_token":"…","token_type":"Bearer","expires_in":3600}`:
/// `token_type`, when present, must be `Bearer` (any case); `expires_in` defaults to
/// [`DEFAULT_LIFETIME_S`] when absent.
const TOKEN_ANSWER: TokenAnswer = TokenAnswer {
    who: "M2P's token response",
    envelope: None,
    token: ("access_token", "access_token"),
    lifetime: ("expires_in", "expires_in"),
    default_lifetime_s: DEFAULT_LIFETIME_S,
    bearer_type: Some("token_type"),
};

/// Parses M2P's token response (see `TOKEN_ANSWER`). Errors never contain the body or the
/// token.
pub fn parse_token(body: &str) -> Result<Token, String> {
    super::read_token(&TOKEN_ANSWER, body)
}
