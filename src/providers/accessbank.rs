//! Access Bank WaaS answers (docs/providers.md#accessbank-errors).
//!
//! Every answer is the envelope `{succeeded, code, message, data, pageMeta, errors}`: success is
//! HTTP 2xx **and** `succeeded === true`; `succeeded: false` is a failure even with HTTP 200, and
//! `code` (a string: an HTTP status or a business code such as `"31"`, invalid account number)
//! is the provider code. The shape of `errors` on failure is not documented, so it is read
//! leniently as a field map (keys matched to the operation's fields case-insensitively, so an
//! ASP.NET-style `"Email"` or `"$.email"` lands on `email`) or a list of `{field, message}`.
//!
//! Inferred, not documented: the Azure API Management gateway in front of the API
//! (`Ocp-Apim-Subscription-Key`) answers `{"statusCode": 401, "message": "Access denied due to
//! missing subscription key…"}`; that shape is recognised too.

use super::{clean, field_path, first_text, get, list_or_map_issues, ErrorBody, SuccessCheck};
use super::{Part, Rules, TokenAnswer, TokenCall, TokenEnvelope, TokenFlow};
use crate::auth::token::Token;
use crate::retry::is_retryable_status;
use crate::rules::PathSeg;
use serde_json::Value;

/// Access Bank's rules: a 2xx must carry `succeeded: true` (so an empty 204 is not a success), a
/// token flow with `accessToken` as the token obtained elsewhere.
pub static RULES: Rules = Rules {
    key: "accessbank",
    check_success,
    parse_error,
    empty_success: false,
    token: Some(TokenFlow {
        credentials: &TOKEN_CREDENTIALS,
        given_token: "accessToken",
        call: TokenCall {
            missing: "the Access Bank token flow needs authorizationKey, subscriptionKey and merchantId (or pass accessToken)",
            headers: &[
                ("Content-Type", Part::Text("application/json")),
                ("Authorization", Part::Config("authorizationKey")),
                ("Ocp-Apim-Subscription-Key", Part::Config("subscriptionKey")),
            ],
            body: &[("merchantId", Part::Config("merchantId"))],
        },
        answer: TOKEN_ANSWER,
    }),
};

/// A 2xx body: `succeeded: true` is success, `succeeded: false` a provider error, anything else
/// is not the envelope.
pub fn check_success(op_id: &str, body: &Value) -> SuccessCheck {
    match get(body, "succeeded") {
        Some(Value::Bool(true)) => SuccessCheck::Success,
        Some(Value::Bool(false)) => SuccessCheck::Rejected(envelope(op_id, body)),
        _ => SuccessCheck::Unexpected("the body has no \"succeeded\": true"),
    }
}

/// A non-2xx body: the envelope, or the API gateway's `{statusCode, message}`.
pub fn parse_error(op_id: &str, _status: u16, body: &Value) -> Option<ErrorBody> {
    let is_envelope = matches!(get(body, "succeeded"), Some(Value::Bool(_)))
        || (get(body, "code").is_some_and(|c| c.is_string() || c.is_number())
            && (get(body, "message").is_some() || get(body, "errors").is_some()));
    if is_envelope {
        return Some(envelope(op_id, body));
    }
    if get(body, "statusCode").is_some_and(Value::is_number) {
        return Some(ErrorBody {
            message: first_text(body, &["message"]),
            ..ErrorBody::default()
        });
    }
    None
}

fn envelope(op_id: &str, body: &Value) -> ErrorBody {
    let code = first_text(body, &["code"]);
    // `code` may be an HTTP status as text; "503" in a 200 still means "try again".
    let retryable = code
        .as_deref()
        .and_then(|c| crate::text::parse_uint(c, u64::from(u16::MAX)))
        .map(|n| n as u16)
        .is_some_and(is_retryable_status);
    let path_of = |key: &str| field_path_for(op_id, key);
    let issues = list_or_map_issues(
        get(body, "errors"),
        &["field", "fieldName", "propertyName", "key"],
        &["message", "errorMessage", "reason"],
        &path_of,
    );
    let message = first_text(body, &["message", "title"]).map(|m| clean(&m));
    ErrorBody {
        code,
        message,
        issues,
        retryable,
        ..ErrorBody::default()
    }
}

/// The provider's key as a path, with the first segment spelled as the operation's field is.
fn field_path_for(op_id: &str, key: &str) -> Vec<PathSeg> {
    let mut path = field_path(key);
    if let (Some(PathSeg::Key(first)), Some(op)) = (path.first_mut(), crate::operation(op_id)) {
        if let Some(f) = op
            .input
            .fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(first))
        {
            *first = f.name.to_owned();
        }
    }
    path
}

/// The credentials of the token flow: all three, or the caller passes `accessToken`.
pub const TOKEN_CREDENTIALS: [&str; 3] = ["authorizationKey", "subscriptionKey", "merchantId"];

/// `POST /waas/Client/authenticate` (docs/providers.md#accessbank-auth): `Authorization: <raw
/// key>` (no "Bearer"), the subscription key (sent on every call), body `{"merchantId": …}` (see
/// [`RULES`]).
pub fn token_request(
    url: String,
    config: &dyn Fn(&str) -> Option<String>,
) -> Result<super::TokenRequest, String> {
    super::token_flow_request(&RULES, url, config)
}

/// Access Bank's documented typical token lifetime ("typically 120"), used when `expiresIn` is
/// missing.
pub const DEFAULT_LIFETIME_S: u64 = 120;

/// Access Bank's token response `{"succeeded":true,"code":"200","data":{"accessToken":"…",
/// "expiresIn":120}}`: `succeeded` must be `true`; `expiresIn` (seconds) defaults to
/// [`DEFAULT_LIFETIME_S`] when absent.
const TOKEN_ANSWER: TokenAnswer = TokenAnswer {
    who: "Access Bank's token response",
    envelope: Some(TokenEnvelope {
        name: "Access Bank",
        ok: "succeeded",
        code: "code",
        data: "data",
    }),
    token: ("accessToken", "data.accessToken"),
    lifetime: ("expiresIn", "data.expiresIn"),
    default_lifetime_s: DEFAULT_LIFETIME_S,
    bearer_type: None,
};

/// Parses Access Bank's token response (see `TOKEN_ANSWER`). Errors are plain English and
/// never contain the body or the token.
pub fn parse_token(body: &str) -> Result<Token, String> {
    super::read_token(&TOKEN_ANSWER, body)
}
