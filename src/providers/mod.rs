//! Interpreting a provider's HTTP answer: success, or a typed [`ProviderError`] with the
//! provider's code, a plain-English message and field issues mapped onto request paths.
//!
//! [`interpret`] is the single entry point. It knows only HTTP; each provider's error shapes live
//! in that provider's module ([`accessbank`], [`juspay`], [`bvnk`], [`gathr`], [`m2p`]; each is
//! described in docs/providers.md, these rules in docs/providers.md#outcomes). The rules:
//!
//! * **Success**: a 2xx whose body is JSON (and, for Access Bank, has `succeeded: true`). A 204
//!   or 205 with an empty body is `Success(Value::Null)` (except for Access Bank, which must say
//!   `succeeded`).
//! * **`Auth`**: 401 or 403, whatever the body (the provider's code and message are still kept).
//! * **`Provider`**: any other error whose body the provider module recognises, and a 2xx that the
//!   provider marks as failed (Access Bank `succeeded: false`).
//! * **`Http`**: any other non-2xx (no body, HTML from a gateway, an unknown shape).
//! * **`Decode`**: a 2xx whose body is not JSON, is HTML, is too large to parse, or (Access Bank)
//!   lacks the envelope.
//! * `Network`, `Timeout` and `Validation` are never produced here: the caller builds them with
//!   [`ProviderError::network`], [`ProviderError::timeout`] and [`ProviderError::validation`].
//! * `retryable` is true for HTTP 429, 500, 502, 503, 504 (and for network errors and timeouts).
//!
//! Messages are plain English built from the response only (the request, its headers and its
//! secrets are never seen here); provider text is cleaned of control characters, capped, and
//! anything after `Bearer`/`Basic`/`Hawk` is redacted. At most [`MAX_RAW_BYTES`] of the body is
//! kept in `raw`. No input makes this panic: bodies over [`MAX_PARSE_BYTES`] are not parsed, and
//! JSON nested deeper than serde_json's recursion limit is simply "not JSON".
//!
//! ```
//! use customer_update::providers::{interpret, ErrorKind, Outcome};
//! let body = r#"{"succeeded":false,"code":"31","message":"Invalid account number","errors":{}}"#;
//! let Outcome::Failure(e) = interpret("accessbank", "accessbank.updateCustomerDetails", 200, Some("application/json"), body)
//! else { panic!("a 200 with succeeded:false is a failure") };
//! assert_eq!(e.kind, ErrorKind::Provider);
//! assert_eq!(e.provider_code.as_deref(), Some("31"));
//! ```

pub mod accessbank;
pub mod bvnk;
pub mod gathr;
pub mod juspay;
pub mod m2p;

use crate::retry::is_retryable_status;
use crate::rules::{Code, Issue, PathSeg};
use serde_json::{Map, Value};
use std::fmt;

/// The most of a response body kept in [`ProviderError::raw`] (64 KiB, cut at a character
/// boundary).
pub const MAX_RAW_BYTES: usize = 64 * 1024;
/// Bodies larger than this (4 MiB) are not parsed: a 2xx is then `Decode`, an error `Http`.
pub const MAX_PARSE_BYTES: usize = 4 * 1024 * 1024;
/// Provider text quoted in a message or issue is cut to this many characters.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// At most this many issues are taken from one error body.
pub const MAX_ISSUES: usize = 200;
/// Field paths from error bodies are cut to this many segments.
const MAX_PATH_SEGMENTS: usize = 32;
/// …and each key to this many bytes.
const MAX_SEGMENT_BYTES: usize = 256;

/// What kind of failure a request ended in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Local validation failed; nothing was sent.
    Validation,
    /// The provider refused the credentials (HTTP 401/403).
    Auth,
    /// The provider answered with a recognised error (including Access Bank `succeeded: false`).
    Provider,
    /// A non-2xx answer without a recognised error body.
    Http,
    /// No answer: the request could not be sent or the connection failed.
    Network,
    /// No answer in time.
    Timeout,
    /// A 2xx answer whose body could not be read as the expected JSON.
    Decode,
    /// The request may have reached the provider (it was sent, then the connection was reset or
    /// the time ran out) and repeating it is not known to be safe (a POST or PATCH without an
    /// idempotency key the provider honours): the update may or may not have been applied. Never
    /// retryable; the client does not resend it.
    OutcomeUnknown,
}

impl ErrorKind {
    /// The public spelling: `"validation"`, `"auth"`, `"provider"`, `"http"`, `"network"`,
    /// `"timeout"`, `"decode"` or `"outcome_unknown"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Auth => "auth",
            ErrorKind::Provider => "provider",
            ErrorKind::Http => "http",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Decode => "decode",
            ErrorKind::OutcomeUnknown => "outcome_unknown",
        }
    }

    /// Every kind, in the order the JavaScript API lists them.
    pub const ALL: [ErrorKind; 8] = [
        ErrorKind::Validation,
        ErrorKind::Auth,
        ErrorKind::Provider,
        ErrorKind::Http,
        ErrorKind::Network,
        ErrorKind::Timeout,
        ErrorKind::Decode,
        ErrorKind::OutcomeUnknown,
    ];
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed request, typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderError {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// The HTTP status, when there was an answer.
    pub status: Option<u16>,
    /// The provider's machine-readable code: Access Bank `code` (`"31"`), Juspay
    /// `error_info.code` (`"INVALID_INPUT"`), BVNK `code` (`"bvnk:…"`, `"MER-PAY-…"`), Gathr
    /// `errors.code`, M2P `businessCode` (`"PPCUST_032"`).
    pub provider_code: Option<String>,
    /// A coarser class when the provider sends one: Juspay `error_info.category`
    /// (`"USER_ERROR"`), M2P `message` (`"error.business"`), BVNK `status` text, OAuth `error`.
    pub provider_category: Option<String>,
    /// The provider's id for this failure, for support tickets (BVNK `traceId` or `requestId`).
    pub trace_id: Option<String>,
    /// Plain English, safe to show and log.
    pub message: String,
    /// Field-level problems, with paths into the request (code `provider_rejected`, or e.g.
    /// `invalid_transition` for M2P `PPCUST_032`); for `Validation`, the local issues.
    pub issues: Vec<Issue>,
    /// Whether sending the same request again may succeed (429, 500, 502, 503, 504, network,
    /// timeout). Whether it is *safe* to resend is `retry::is_retry_safe`.
    pub retryable: bool,
    /// The start of the response body (at most [`MAX_RAW_BYTES`]), for logs.
    pub raw: Option<String>,
    /// The wait the provider asked for with `Retry-After` on its last answer (milliseconds, at
    /// most `retry::MAX_RETRY_AFTER_MS`), when it sent a readable one. Set by the client.
    pub retry_after_ms: Option<u64>,
    /// The `Content-Type` of the provider's last answer, when it had one (so a proxy can pass
    /// `raw` on under its own type). Set by the client.
    pub content_type: Option<String>,
}

impl ProviderError {
    /// A failure with no provider detail.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self::with_message(kind, message.into())
    }

    /// [`ProviderError::new`] for a `String`: the fields written once, not once per type of
    /// message (`&str` and `String` were two copies of this body in the wasm).
    #[inline(never)]
    fn with_message(kind: ErrorKind, message: String) -> Self {
        ProviderError {
            kind,
            status: None,
            provider_code: None,
            provider_category: None,
            trace_id: None,
            message,
            issues: Vec::new(),
            retryable: matches!(kind, ErrorKind::Network | ErrorKind::Timeout),
            raw: None,
            retry_after_ms: None,
            content_type: None,
        }
    }

    /// Local validation failed (nothing was sent). Not retryable.
    pub fn validation(issues: Vec<Issue>) -> Self {
        // The text is shared with the JS glue's own refusals (vocab messages, `NOT_SENT`).
        let message =
            crate::rules::messages::count_message(crate::rules::messages::NOT_SENT, issues.len());
        ProviderError {
            issues,
            ..ProviderError::new(ErrorKind::Validation, message)
        }
    }

    /// The request could not be sent or the connection failed. `detail` is the runtime's own
    /// text (e.g. `"Failed to fetch"`); it is cleaned and capped. Retryable.
    pub fn network(detail: &str) -> Self {
        let detail = clean(detail);
        let message = if detail.is_empty() {
            String::from("No answer: the request could not be sent or the connection failed.")
        } else {
            crate::text::concat(&[
                "No answer: the request could not be sent or the connection failed (",
                &detail,
                ").",
            ])
        };
        ProviderError::new(ErrorKind::Network, message)
    }

    /// No answer arrived within `after_ms`. Retryable.
    pub fn timeout(after_ms: u64) -> Self {
        ProviderError::new(
            ErrorKind::Timeout,
            crate::text::concat(&["No answer within ", &crate::text::decimal(after_ms), " ms."]),
        )
    }

    /// `lost` (a network error or a timeout after the request was sent) on a request that is not
    /// safe to repeat: kind [`ErrorKind::OutcomeUnknown`], not retryable. `request_id` is the id the
    /// request carried (M2P `X-Request-ID`), quoted so that the caller can repeat it with the same
    /// `idempotencyKey`.
    pub fn outcome_unknown(lost: &ProviderError, request_id: Option<&str>) -> Self {
        let what = match lost.kind {
            ErrorKind::Timeout => "no answer came in time",
            _ => "the connection failed before the answer arrived",
        };
        let advice = match request_id {
            Some(id) => crate::text::concat(&[
                " To repeat it safely, send it again with idempotencyKey \"",
                id,
                "\" (the X-Request-ID it carried); otherwise check the customer's state first.",
            ]),
            None => String::from(" Check the customer's state before sending it again."),
        };
        let mut e = ProviderError::new(
            ErrorKind::OutcomeUnknown,
            crate::text::concat(&[
                "The request was sent but ",
                what,
                ": the provider may or may not have applied it, so it was not sent again.",
                &advice,
            ]),
        );
        e.retryable = false;
        e
    }
}

impl fmt::Display for ProviderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProviderError {}

/// The result of one HTTP exchange.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The parsed response body (`Null` for an empty 204/205).
    Success(Value),
    /// The exchange failed, typed.
    Failure(ProviderError),
}

impl Outcome {
    /// Whether this is a [`Outcome::Success`].
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::Success(_))
    }

    /// `Ok(body)` or `Err(error)` (boxed: the error is large next to a `Value`).
    pub fn into_result(self) -> Result<Value, Box<ProviderError>> {
        match self {
            Outcome::Success(v) => Ok(v),
            Outcome::Failure(e) => Err(Box::new(e)),
        }
    }
}

/// What a provider module read from an error body. Every part is optional; `message` is the
/// provider's own text (already cleaned with [`clean`]) and is wrapped into a full sentence by
/// [`interpret`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// The provider's machine-readable code.
    pub code: Option<String>,
    /// The provider's coarser class, when it sends one.
    pub category: Option<String>,
    /// The provider's id for this failure.
    pub trace_id: Option<String>,
    /// The provider's own text, cleaned.
    pub message: Option<String>,
    /// Field-level problems with paths into the request.
    pub issues: Vec<Issue>,
    /// The body itself says "try again" (e.g. an Access Bank envelope code `"503"`).
    pub retryable: bool,
}

/// What a provider module makes of a 2xx JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuccessCheck {
    /// The body has the documented success shape.
    Success,
    /// The provider says the request failed despite the 2xx (Access Bank `succeeded: false`).
    Rejected(ErrorBody),
    /// The body does not have the documented success shape; the text says what is missing.
    Unexpected(&'static str),
}

/// Everything this crate knows about one provider beyond its spec (`src/spec/<p>.toml`: hosts,
/// auth scheme, headers, operations): how its answers read and how it issues tokens. Each
/// provider module holds one `static RULES: Rules`; [`REGISTRY`] lists them, and nothing outside
/// `src/providers/` looks at a provider's key.
pub struct Rules {
    /// The spec's provider key.
    pub key: &'static str,
    /// What a 2xx JSON body means (Access Bank: `succeeded` must be true).
    pub check_success: fn(op_id: &str, body: &Value) -> SuccessCheck,
    /// The provider's error body, when it recognises one.
    pub parse_error: fn(op_id: &str, status: u16, body: &Value) -> Option<ErrorBody>,
    /// Whether an empty 204/205 counts as success.
    pub empty_success: bool,
    /// The token flow, for a provider whose spec says `scheme = "token"`.
    pub token: Option<TokenFlow>,
}

/// A config lookup: the value of a key, if given.
pub type Config<'a> = &'a dyn Fn(&str) -> Option<String>;

/// How a provider issues bearer tokens (docs/providers.md#tokens).
pub struct TokenFlow {
    /// The config keys the token request needs (all of them).
    pub credentials: &'static [&'static str],
    /// The config key of a token obtained elsewhere: given, it replaces the token request (so
    /// it is an optional credential).
    pub given_token: &'static str,
    /// The token request to the spec's `token_path` (see [`token_url`]).
    pub call: TokenCall,
    /// How the token response reads ([`read_token`]).
    pub answer: TokenAnswer,
}

/// A token request's headers and JSON body, as data written by the one writer
/// [`TokenFlow::request`] (one body in the wasm instead of one per provider).
pub struct TokenCall {
    /// The refusal when one of the flow's credentials is missing.
    pub missing: &'static str,
    /// The headers in order, each left out when its value is a config key not given.
    pub headers: &'static [(&'static str, Part)],
    /// The body's members in order (string values), each left out likewise.
    pub body: &'static [(&'static str, Part)],
}

/// A value of a token request: a config key's value or a fixed text.
pub enum Part {
    /// The value of this config key (a credential of the flow, or an optional key).
    Config(&'static str),
    /// This text.
    Text(&'static str),
}

impl TokenFlow {
    /// The token request to `url`: every credential must be given (else [`TokenCall::missing`]).
    pub fn request(&self, url: String, config: Config<'_>) -> Result<TokenRequest, String> {
        if !self.credentials.iter().all(|k| config(k).is_some()) {
            return Err(self.call.missing.to_owned());
        }
        let value = |part: &Part| match *part {
            Part::Config(k) => config(k),
            Part::Text(t) => Some(t.to_owned()),
        };
        let mut headers = Vec::new();
        for (name, part) in self.call.headers {
            if let Some(v) = value(part) {
                headers.push(((*name).to_owned(), v));
            }
        }
        let mut body = crate::json::Writer::new();
        body.open();
        for (name, part) in self.call.body {
            if let Some(v) = value(part) {
                body.key(name).str(&v);
            }
        }
        body.close();
        Ok(TokenRequest {
            url,
            headers,
            body: body.finish(),
        })
    }
}

/// Where a provider's token response keeps its token and lifetime: data read by the one reader
/// [`read_token`] (one body in the wasm instead of one per provider).
pub struct TokenAnswer {
    /// The response as messages name it (`"M2P's token response"`).
    pub who: &'static str,
    /// An envelope around the token (Access Bank's `{succeeded, code, data}`), when there is one.
    pub envelope: Option<TokenEnvelope>,
    /// The token's key, and its name in messages (`"data.accessToken"`).
    pub token: (&'static str, &'static str),
    /// The lifetime's key (whole seconds), and its name in messages.
    pub lifetime: (&'static str, &'static str),
    /// The lifetime used when the answer gives none.
    pub default_lifetime_s: u64,
    /// A key that, when present, must be `"Bearer"` (any case): M2P's `token_type`.
    pub bearer_type: Option<&'static str>,
}

/// A token response's envelope: `ok` must be `true`, else the refusal quotes `code` (when it is
/// a short code); the token and lifetime are read in the object at `data`.
pub struct TokenEnvelope {
    /// The provider's name (`"Access Bank"`).
    pub name: &'static str,
    /// The key that must be `true` (`succeeded`).
    pub ok: &'static str,
    /// The key of the provider's code.
    pub code: &'static str,
    /// The key of the object holding the token.
    pub data: &'static str,
}

/// Every provider's rules, in spec order (`PROVIDERS`): one line per provider module.
pub static REGISTRY: &[&Rules] = &[
    &accessbank::RULES,
    &bvnk::RULES,
    &gathr::RULES,
    &juspay::RULES,
    &m2p::RULES,
];

/// Every provider, in spec-file order: `[{ id, name, auth, environments: { sandbox, production },
/// operations, credentials: [{ key, optional }] }]`, what the package's `providers()` returns (the
/// shape the TypeScript `ProviderInfo` is generated from: `rules::shapes::PROVIDER_INFO`).
/// Frontends and the edge handler read this instead of keeping lists of their own. A
/// `Serialize` value: the wasm hands it to JS as plain objects through serde-wasm-bindgen, natively
/// `serde_json::to_string(&Listing)` writes it. Written by hand as maps, not derived (a derived
/// struct keeps serde-wasm-bindgen's field-name cache in the wasm, bench/targets.md), and every
/// value of it as one type, `Node`: the wasm keeps one copy of the serializer's map, sequence
/// and value code instead of one per value type (bench/targets.md, "Session 11: full wasm size").
pub struct Listing;

impl serde::Serialize for Listing {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Node::Providers.serialize(s)
    }
}

/// One value of [`Listing`], written from the specs as it is serialized (no tree of values is
/// built first: no lists to allocate, fill and drop): a string, a boolean, or a list or object
/// read from a provider's spec, its keys in order.
#[derive(Clone, Copy)]
enum Node {
    Str(&'static str),
    Bool(bool),
    /// Every provider, in spec-file order.
    Providers,
    /// `{ id, name, auth, environments, operations, credentials }`.
    Provider(&'static crate::schema::Provider),
    /// `{ sandbox, production }`: the keys are the `Environment` literals (`shapes::PACKAGE`).
    Environments(&'static crate::schema::Provider),
    /// The provider's operation ids.
    Operations(&'static crate::schema::Provider),
    /// `[{ key, optional }]`: each config key of the provider and whether the client can do
    /// without it.
    Credentials(&'static crate::schema::Provider),
    /// `{ key, optional }`.
    Credential(&'static str, bool),
}

impl Node {
    /// The `i`th item of a list node.
    fn item(self, i: usize) -> Option<Node> {
        match self {
            Node::Providers => crate::PROVIDERS.get(i).map(|p| Node::Provider(p)),
            Node::Operations(p) => crate::OPERATIONS
                .iter()
                .filter(|op| core::ptr::eq(op.provider, p))
                .nth(i)
                .map(|op| Node::Str(op.id)),
            Node::Credentials(p) => self::credentials(p)
                .nth(i)
                .map(|(k, optional)| Node::Credential(k, optional)),
            _ => None,
        }
    }
}

impl serde::Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::rules::shapes::key;
        use serde::ser::{SerializeMap, SerializeSeq};
        // An object's entries (kept here: the match arms only borrow them).
        let six;
        let two;
        let entries: &[(&str, Node)] = match *self {
            Node::Str(t) => return s.serialize_str(t),
            Node::Bool(b) => return s.serialize_bool(b),
            Node::Providers | Node::Operations(_) | Node::Credentials(_) => {
                // One loop over the items of every list (one `serialize_element` call site).
                let mut seq = s.serialize_seq(None)?;
                let mut i = 0;
                while let Some(item) = self.item(i) {
                    seq.serialize_element(&item)?;
                    i += 1;
                }
                return seq.end();
            }
            Node::Provider(p) => {
                six = [
                    (key::ID, Node::Str(p.key)),
                    (key::NAME, Node::Str(p.title)),
                    (key::AUTH, Node::Str(p.auth.as_str())),
                    (key::ENVIRONMENTS, Node::Environments(p)),
                    (key::OPERATIONS, Node::Operations(p)),
                    (key::CREDENTIALS, Node::Credentials(p)),
                ];
                &six
            }
            Node::Environments(p) => {
                two = [
                    ("sandbox", Node::Str(p.sandbox_url)),
                    ("production", Node::Str(p.production_url)),
                ];
                &two
            }
            Node::Credential(k, optional) => {
                two = [("key", Node::Str(k)), ("optional", Node::Bool(optional))];
                &two
            }
        };
        let mut m = s.serialize_map(None)?;
        for (k, v) in entries {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The rules of the provider with this key, if any.
pub fn rules(provider_key: &str) -> Option<&'static Rules> {
    REGISTRY.iter().copied().find(|r| r.key == provider_key)
}

/// The provider's config keys (its spec's `[auth] config`), each with whether the client can do
/// without it: a token flow's given token (`accessToken`) only replaces the token request.
pub fn credentials(
    provider: &crate::schema::Provider,
) -> impl Iterator<Item = (&'static str, bool)> + '_ {
    let given = rules(provider.key).and_then(|r| r.token.as_ref().map(|t| t.given_token));
    provider
        .config_keys
        .iter()
        .map(move |k| (*k, given == Some(*k)))
}

fn any_json_is_success(_: &str, _: &Value) -> SuccessCheck {
    SuccessCheck::Success
}

/// Interprets one HTTP answer for operation `op_id` of provider `provider_key`.
///
/// `status` is the HTTP status, `content_type` the `Content-Type` header if any, `body` the
/// response text. An unknown provider key gets HTTP-only treatment (no error body is
/// recognised). See the module docs for the rules. Never panics.
pub fn interpret(
    provider_key: &str,
    op_id: &str,
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Outcome {
    let title = crate::provider(provider_key).map_or("The provider", |p| p.title);
    let hooks = rules(provider_key);
    let raw = (!body.is_empty()).then(|| cap_bytes(body, MAX_RAW_BYTES).to_owned());
    let text = body.strip_prefix("\u{feff}").unwrap_or(body).trim();
    let html = content_type
        .is_some_and(|ct| crate::text::contains(&ct.to_ascii_lowercase(), "html"))
        || text.starts_with("<");
    let json = if html || text.is_empty() || text.len() > MAX_PARSE_BYTES {
        None
    } else {
        crate::encode::parse_json(text)
    };

    let fail = |kind: ErrorKind, message: String, found: Option<ErrorBody>| {
        let found = found.unwrap_or_default();
        let mut issues = found.issues;
        issues.truncate(MAX_ISSUES);
        Outcome::Failure(ProviderError {
            kind,
            status: Some(status),
            provider_code: found.code,
            provider_category: found.category,
            trace_id: found.trace_id,
            message,
            issues,
            retryable: kind != ErrorKind::Auth && (is_retryable_status(status) || found.retryable),
            raw: raw.clone(),
            retry_after_ms: None,
            content_type: None,
        })
    };

    if (200..300).contains(&status) {
        let Some(value) = json else {
            if text.is_empty()
                && matches!(status, 204 | 205)
                && hooks.as_ref().is_none_or(|h| h.empty_success)
            {
                return Outcome::Success(Value::Null);
            }
            let why = if html {
                "an HTML page instead of JSON"
            } else if text.is_empty() {
                "an empty body instead of JSON"
            } else if text.len() > MAX_PARSE_BYTES {
                "a body too large to read"
            } else {
                "a body that is not valid JSON"
            };
            return fail(
                ErrorKind::Decode,
                answered(title, status, &[" with ", why, "."]),
                None,
            );
        };
        let check = hooks
            .as_ref()
            .map_or(SuccessCheck::Success, |h| (h.check_success)(op_id, &value));
        return match check {
            SuccessCheck::Success => Outcome::Success(value),
            SuccessCheck::Rejected(found) => {
                let message = sentence(
                    title,
                    "rejected the request",
                    found.message.as_deref(),
                    found.code.as_deref(),
                );
                fail(ErrorKind::Provider, message, Some(found))
            }
            SuccessCheck::Unexpected(why) => fail(
                ErrorKind::Decode,
                answered(title, status, &[", but ", why, "."]),
                None,
            ),
        };
    }

    let found = match (&hooks, &json) {
        (Some(h), Some(v)) => (h.parse_error)(op_id, status, v),
        _ => None,
    };
    let reason = reason_phrase(status);
    match status {
        401 | 403 => {
            let what = if status == 401 {
                crate::text::concat(&["refused the credentials (HTTP 401 ", reason, ")"])
            } else {
                crate::text::concat(&["denied access (HTTP 403 ", reason, ")"])
            };
            let detail = found.as_ref().and_then(|f| f.message.as_deref());
            let code = found.as_ref().and_then(|f| f.code.as_deref());
            fail(ErrorKind::Auth, sentence(title, &what, detail, code), found)
        }
        _ => match found {
            Some(found) => {
                let what = crate::text::concat(&[
                    "rejected the request (HTTP ",
                    &crate::text::decimal(u64::from(status)),
                    ")",
                ]);
                let message = sentence(
                    title,
                    &what,
                    found.message.as_deref(),
                    found.code.as_deref(),
                );
                fail(ErrorKind::Provider, message, Some(found))
            }
            None => {
                let mut message = if reason.is_empty() {
                    answered(title, status, &["."])
                } else {
                    answered(title, status, &[" (", reason, ")."])
                };
                if html {
                    message
                        .push_str(" The body is an HTML page, probably from a proxy or gateway.");
                }
                fail(ErrorKind::Http, message, None)
            }
        },
    }
}

/// "`{title}` answered HTTP `{status}`" and `tail`: `interpret`'s messages without a provider
/// error, the status written with the validation path's digit writer (no `format!` in the full
/// wasm: bench/targets.md, "Session 18: std and generic weight").
#[inline(never)]
fn answered(title: &str, status: u16, tail: &[&str]) -> String {
    let mut s = crate::text::concat(&[title, " answered HTTP "]);
    crate::validate::push_u64(&mut s, u64::from(status));
    for t in tail {
        s.push_str(t);
    }
    s
}

/// "`{title}` `{what}`: `{detail}` (code `{code}`)." with the parts that exist.
fn sentence(title: &str, what: &str, detail: Option<&str>, code: Option<&str>) -> String {
    let mut s = crate::text::concat(&[title, " ", what]);
    if let Some(d) = detail.filter(|d| !d.is_empty()) {
        s.push_str(": ");
        s.push_str(crate::text::trim(d, |c| c == b'.' || c == b' ', false));
    }
    if let Some(c) =
        code.filter(|c| !c.is_empty() && !detail.is_some_and(|d| crate::text::contains(d, c)))
    {
        s.push_str(" (code ");
        s.push_str(c);
        s.push(')');
    }
    s.push('.');
    s
}

/// The reason phrases messages quote, as 17 pairs searched by status: a `match` on the status
/// became LLVM's switch lookup table, one `&str` (8 bytes) for every status from 400 to 504,
/// and was 358 B gzip -9 larger in the full wasm.
const REASONS: [(u16, &str); 17] = [
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (413, "Content Too Large"),
    (415, "Unsupported Media Type"),
    (422, "Unprocessable Content"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
];

fn reason_phrase(status: u16) -> &'static str {
    REASONS
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("", |(_, r)| r)
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn cap_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

// ---- helpers shared by the provider modules (no provider knowledge below this line) ----

/// Provider text made safe to show: control characters become spaces, whitespace runs collapse,
/// a word after `Bearer`, `Basic` or `Hawk`, anything shaped like `mac=…` and anything shaped
/// like a JWT is replaced by `[redacted]`, and the result is cut to [`MAX_MESSAGE_CHARS`].
pub fn clean(s: &str) -> String {
    let s = cap_bytes(s, MAX_MESSAGE_CHARS * 4);
    let mut out = String::new();
    let mut redact_next = false;
    for word in s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let bare = crate::text::trim(word, |c| !c.is_ascii_alphanumeric(), true);
        let secret_shaped = crate::text::contains(word, "mac=")
            || (bare.starts_with("eyJ") && crate::text::split(bare, b'.').nth(2).is_some());
        if redact_next || secret_shaped {
            out.push_str("[redacted]");
        } else {
            out.push_str(word);
        }
        redact_next = ["bearer", "basic", "hawk"]
            .iter()
            .any(|k| bare.eq_ignore_ascii_case(k));
    }
    if crate::validate::char_count(&out) > MAX_MESSAGE_CHARS {
        out = out.chars().take(MAX_MESSAGE_CHARS).collect();
        out.push('…');
    }
    out
}

/// `s` cleaned, unless that leaves nothing.
pub fn cleaned(s: &str) -> Option<String> {
    Some(clean(s)).filter(|s| !s.is_empty())
}

/// A non-empty string (cleaned) or a number (as text) from `v`.
pub fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => cleaned(s),
        Value::Number(n) => Some(crate::encode::number_text(n)),
        _ => None,
    }
}

/// `v.get(key)` for an object `v`.
pub fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object().and_then(|m| m.get(key))
}

/// The first of `keys` present in `v` as text (see [`text`]).
pub fn first_text(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| text(get(v, k)))
}

/// The texts of the first three items that have one (the first of `keys` in each, or the item
/// itself when `keys` is empty), joined by "; ", and how many were joined. One loop shared by
/// Gathr's and BVNK's message lists (no `Vec<String>` collected per caller).
pub fn joined_texts(items: &[Value], keys: &[&str]) -> (String, usize) {
    let mut out = String::new();
    let mut n = 0;
    for item in items {
        let t = if keys.is_empty() {
            text(Some(item))
        } else {
            first_text(item, keys)
        };
        if let Some(t) = t {
            if n > 0 {
                out.push_str("; ");
            }
            out.push_str(&t);
            n += 1;
            if n == 3 {
                break;
            }
        }
    }
    (out, n)
}

/// `s` followed by " (and `more` more)" when `more` is not 0: Gathr's and BVNK's summaries of
/// several messages (one writer for both).
pub fn and_more(mut s: String, more: usize) -> String {
    if more > 0 {
        s.push_str(" (and ");
        s.push_str(&crate::text::decimal(more as u64));
        s.push_str(" more)");
    }
    s
}

/// A provider field name as an issue path: dotted (`address.city`), bracketed
/// (`associates[0].person.firstName`, `map["k"]`) or both. Digit-only segments become indices
/// (Laravel's `items.0.name`); a leading `$` (JSON-path root) is dropped; an empty name gives
/// the empty path (the whole request). At most 32 segments of at most 256 bytes each.
pub fn field_path(name: &str) -> Vec<PathSeg> {
    let name = name.trim();
    let name = name
        .strip_prefix("$.")
        .or_else(|| name.strip_prefix("$"))
        .unwrap_or(name);
    let mut out = Vec::new();
    for part in crate::text::split(name, b'.') {
        let (head, mut rest) = crate::text::split_at(
            part,
            crate::text::find_byte(part, b'[').unwrap_or(part.len()),
        );
        push_seg(&mut out, head);
        while let Some(r) = rest.strip_prefix("[") {
            let Some(end) = crate::text::find_byte(r, b']') else {
                push_seg(&mut out, r);
                rest = "";
                break;
            };
            let inner = crate::text::trim(
                r.get(..end).unwrap_or_default(),
                |c| c == b'"' || c == b'\'',
                true,
            );
            push_seg(&mut out, inner);
            rest = r.get(end + 1..).unwrap_or_default();
        }
        push_seg(&mut out, rest);
    }
    out.truncate(MAX_PATH_SEGMENTS);
    out
}

fn push_seg(out: &mut Vec<PathSeg>, s: &str) {
    let s = cap_bytes(s.trim(), MAX_SEGMENT_BYTES);
    if s.is_empty() || out.len() > MAX_PATH_SEGMENTS {
        return;
    }
    let index = (s.len() <= 9 && crate::text::all_bytes(s, |b| b.is_ascii_digit()))
        .then(|| crate::text::parse_uint(s, u64::MAX).map(|n| n as usize))
        .flatten();
    out.push(index.map_or_else(|| PathSeg::Key(s.to_owned()), PathSeg::Index));
}

/// A `provider_rejected` issue; an empty reason becomes a generic sentence.
pub fn rejected(path: Vec<PathSeg>, reason: Option<String>) -> Issue {
    let message = reason.unwrap_or_else(|| String::from("The provider rejected this value."));
    Issue::new(path, Code::ProviderRejected, message)
}

/// Issues from a field map: `{"field": ["msg", …]}`, `{"field": "msg"}` or
/// `{"field": [{"message": "msg"}]}`. `path_of` turns a key into a path.
pub fn field_map_issues(
    map: &Map<String, Value>,
    path_of: &dyn Fn(&str) -> Vec<PathSeg>,
) -> Vec<Issue> {
    let mut out = Vec::new();
    for (key, value) in map {
        if out.len() >= MAX_ISSUES {
            break;
        }
        // A single value read as a list of one: one loop for both (and an empty list still
        // gives its field one issue).
        let items = match value {
            Value::Array(items) => items.as_slice(),
            other => core::slice::from_ref(other),
        };
        if items.is_empty() {
            out.push(rejected(path_of(key), None));
        }
        for item in items.iter().take(MAX_ISSUES) {
            let reason = text(Some(item))
                .or_else(|| first_text(item, &["message", "reason", "description"]));
            out.push(rejected(path_of(key), reason));
        }
    }
    out.truncate(MAX_ISSUES);
    out
}

/// Issues from `errors` read leniently: a list of `{<field key>, <message key>}` objects (see
/// [`field_list_issues`]) or a field map (see [`field_map_issues`]); none from anything else.
pub fn list_or_map_issues(
    errors: Option<&Value>,
    field_keys: &[&str],
    message_keys: &[&str],
    path_of: &dyn Fn(&str) -> Vec<PathSeg>,
) -> Vec<Issue> {
    match errors {
        Some(Value::Array(items)) => field_list_issues(items, field_keys, message_keys, path_of),
        Some(Value::Object(map)) => field_map_issues(map, path_of),
        _ => Vec::new(),
    }
}

/// Issues from a list of `{<field key>, <message key>}` objects, trying each key name in order.
/// Items without a field name are skipped (their text belongs in the error message).
pub fn field_list_issues(
    items: &[Value],
    field_keys: &[&str],
    message_keys: &[&str],
    path_of: &dyn Fn(&str) -> Vec<PathSeg>,
) -> Vec<Issue> {
    // (A push loop, as `joined_texts`: `filter_map(…).take(…).collect()` instantiates `from_iter`,
    // `extend_desugared` and `Take::next` for each closure.)
    let mut out = Vec::new();
    for item in items {
        if out.len() >= MAX_ISSUES {
            break;
        }
        let field = field_keys
            .iter()
            .find_map(|k| get(item, k).and_then(Value::as_str))
            .filter(|f| !f.trim().is_empty());
        if let Some(field) = field {
            out.push(rejected(path_of(field), first_text(item, message_keys)));
        }
    }
    out
}

/// A token request, ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRequest {
    /// The token endpoint's URL.
    pub url: String,
    /// The request headers.
    pub headers: Vec<(String, String)>,
    /// The request body.
    pub body: String,
}

/// The token URL: the spec's `token_path` under the base URL, or under its origin when the spec
/// says `token_from = "origin"` (M2P's `/auth/token` sits beside `/prepaid/customer`).
pub fn token_url(provider: &crate::schema::Provider, base_url: &str) -> Option<String> {
    let path = provider.token_path?;
    let base = crate::text::trim(base_url, |c| c == b'/', false);
    let root = if provider.token_from_origin {
        let after_scheme = crate::text::find(base, "://").map_or(0, |i| i + 3);
        base.get(after_scheme..)
            .and_then(|rest| crate::text::find_byte(rest, b'/'))
            .map_or(base, |i| base.get(..after_scheme + i).unwrap_or(base))
    } else {
        base
    };
    Some(crate::text::concat(&[root, path]))
}

/// Whether `config` holds the credentials of the provider's token flow (`false` without one).
pub fn token_credentials_present(
    provider_key: &str,
    config: &dyn Fn(&str) -> Option<String>,
) -> bool {
    rules(provider_key)
        .and_then(|r| r.token.as_ref())
        .is_some_and(|t| t.credentials.iter().all(|k| config(k).is_some()))
}

/// The token request of a token-flow provider.
pub fn token_request(
    provider: &crate::schema::Provider,
    base_url: &str,
    config: &dyn Fn(&str) -> Option<String>,
) -> Result<TokenRequest, String> {
    // One refusal for a provider without a flow or a token path (one message in the wasm).
    let (flow, url) = rules(provider.key)
        .and_then(|r| r.token.as_ref())
        .zip(token_url(provider, base_url))
        .ok_or_else(|| crate::text::concat(&[provider.title, " has no token flow"]))?;
    flow.request(url, config)
}

/// The token request of the flow in `rules` (a provider module's `token_request`).
pub(crate) fn token_flow_request(
    rules: &Rules,
    url: String,
    config: Config<'_>,
) -> Result<TokenRequest, String> {
    match &rules.token {
        Some(flow) => flow.request(url, config),
        None => Err(crate::text::concat(&[rules.key, " has no token flow"])),
    }
}

/// Reads a token response of a token-flow provider.
pub fn parse_token(provider_key: &str, body: &str) -> Result<crate::auth::token::Token, String> {
    match rules(provider_key).and_then(|r| r.token.as_ref()) {
        Some(flow) => read_token(&flow.answer, body),
        None => Err(crate::text::concat(&[provider_key, " has no token flow"])),
    }
}

// ---- token-response helpers shared by the provider modules ----

/// Reads a token response as `answer` says. Errors are plain English without the body or the
/// token.
pub fn read_token(answer: &TokenAnswer, body: &str) -> Result<crate::auth::token::Token, String> {
    let who = answer.who;
    let v = match crate::encode::parse_json(body) {
        Some(v @ Value::Object(_)) => v,
        Some(_) => return Err(crate::text::concat(&[who, " is not a JSON object."])),
        None => return Err(crate::text::concat(&[who, " is not valid JSON."])),
    };
    let mut at = &v;
    if let Some(e) = &answer.envelope {
        if v.get(e.ok).and_then(Value::as_bool) != Some(true) {
            let code = v
                .get(e.code)
                .and_then(short_code)
                .map(|c| crate::text::concat(&[" (code ", &c, ")"]))
                .unwrap_or_default();
            return Err(crate::text::concat(&[
                e.name,
                " did not issue a token: ",
                e.ok,
                " is not true",
                &code,
                ".",
            ]));
        }
        at = v
            .get(e.data)
            .ok_or_else(|| crate::text::concat(&[who, " has no ", e.data, "."]))?;
    }
    let (token_key, token_name) = answer.token;
    let access_token = token_text(at.get(token_key), who, token_name)?;
    if let Some(k) = answer.bearer_type {
        match at.get(k) {
            None | Some(Value::Null) => {}
            Some(Value::String(t)) if t.eq_ignore_ascii_case("bearer") => {}
            Some(_) => {
                return Err(crate::text::concat(&[
                    who,
                    " has a ",
                    k,
                    " other than Bearer.",
                ]))
            }
        }
    }
    let (life_key, life_name) = answer.lifetime;
    let expires_in_s = lifetime(at.get(life_key), answer.default_lifetime_s, who, life_name)?;
    Ok(crate::auth::token::Token {
        access_token,
        expires_in_s,
    })
}
/// A non-empty token that can go into a header: visible ASCII, no spaces.
pub fn token_text(v: Option<&Value>, who: &str, key: &str) -> Result<String, String> {
    match v.and_then(Value::as_str) {
        Some(t) if !t.is_empty() && crate::text::all_bytes(t, |b| b.is_ascii_graphic()) => {
            Ok(t.to_owned())
        }
        Some(t) if !t.is_empty() => Err(crate::text::concat(&[
            who,
            " has a ",
            key,
            " with characters not allowed in a header.",
        ])),
        _ => Err(crate::text::concat(&[who, " has no ", key, "."])),
    }
}
/// A lifetime in whole seconds: a non-negative number (fractions dropped) or a digit string.
pub fn lifetime(v: Option<&Value>, default: u64, who: &str, key: &str) -> Result<u64, String> {
    let bad = || crate::text::concat(&[who, " has a ", key, " that is not a number of seconds."]);
    let secs = match v {
        None | Some(Value::Null) => default,
        Some(Value::Number(n)) => match (n.as_u64(), n.as_f64()) {
            (Some(u), _) => u,
            (None, Some(f)) if f.is_finite() && f >= 0.0 => {
                f.min(crate::auth::token::MAX_LIFETIME_S as f64) as u64
            }
            _ => return Err(bad()),
        },
        Some(Value::String(s))
            if !s.is_empty()
                && s.len() <= 12
                && crate::text::all_bytes(s, |b| b.is_ascii_digit()) =>
        {
            crate::text::parse_uint(s, u64::MAX).ok_or_else(bad)?
        }
        Some(_) => return Err(bad()),
    };
    Ok(secs.min(crate::auth::token::MAX_LIFETIME_S))
}
/// A provider code worth quoting in a message: a short string or integer of safe characters.
pub fn short_code(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => crate::encode::number_text(n),
        _ => return None,
    };
    let safe = !s.is_empty()
        && s.len() <= 32
        && crate::text::all_bytes(&s, |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':')
        });
    safe.then_some(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn token_urls_follow_the_spec() {
        let ab = crate::provider("accessbank").unwrap();
        let m2p = crate::provider("m2p").unwrap();
        assert_eq!(
            token_url(ab, "http://127.0.0.1:9/ab/").unwrap(),
            "http://127.0.0.1:9/ab/waas/Client/authenticate"
        );
        assert_eq!(
            token_url(m2p, "https://sandbox-api.m2pprepaid.com/prepaid/customer").unwrap(),
            "https://sandbox-api.m2pprepaid.com/auth/token"
        );
        assert_eq!(
            token_url(m2p, "http://127.0.0.1:9").unwrap(),
            "http://127.0.0.1:9/auth/token"
        );
        assert!(token_url(crate::provider("juspay").unwrap(), "https://x").is_none());
    }

    #[test]
    fn token_requests_carry_the_documented_shapes() {
        let cfg = |k: &str| Some(format!("v-{k}"));
        let ab = token_request(crate::provider("accessbank").unwrap(), "https://h", &cfg).unwrap();
        assert_eq!(
            ab.headers
                .iter()
                .find(|(k, _)| k == "Authorization")
                .unwrap()
                .1,
            "v-authorizationKey"
        );
        assert_eq!(ab.body, r#"{"merchantId":"v-merchantId"}"#);
        let m = token_request(
            crate::provider("m2p").unwrap(),
            "https://h/prepaid/customer",
            &cfg,
        )
        .unwrap();
        assert_eq!(m.url, "https://h/auth/token");
        assert_eq!(
            m.body,
            r#"{"clientId":"v-clientId","clientSecret":"v-clientSecret","grantType":"client_credentials"}"#
        );
        assert!(!token_credentials_present("m2p", &|k: &str| (k
            == "clientId")
            .then(|| "x".to_owned())));
        assert!(token_credentials_present("m2p", &cfg));
    }

    use super::*;

    #[test]
    fn paths() {
        let k = |s: &str| PathSeg::Key(s.to_owned());
        assert_eq!(field_path("popi"), vec![k("popi")]);
        assert_eq!(field_path("address.city"), vec![k("address"), k("city")]);
        assert_eq!(
            field_path("associates[0].person.firstName"),
            vec![
                k("associates"),
                PathSeg::Index(0),
                k("person"),
                k("firstName")
            ]
        );
        assert_eq!(
            field_path("nominees.1.dob"),
            vec![k("nominees"), PathSeg::Index(1), k("dob")]
        );
        assert_eq!(field_path("$.email"), vec![k("email")]);
        assert_eq!(
            field_path("m[\"a\"][2]"),
            vec![k("m"), k("a"), PathSeg::Index(2)]
        );
        assert_eq!(field_path("a[0"), vec![k("a"), PathSeg::Index(0)]);
        assert_eq!(field_path(""), Vec::<PathSeg>::new());
        assert_eq!(
            field_path("99999999999999999999"),
            vec![k("99999999999999999999")]
        );
        assert_eq!(field_path(&"a.".repeat(1000)).len(), MAX_PATH_SEGMENTS);
    }

    #[test]
    fn clean_redacts_and_caps() {
        assert_eq!(
            clean("bad\n\ttoken  Bearer abc.def"),
            "bad token Bearer [redacted]"
        );
        assert_eq!(
            clean("Hawk id=\"x\", mac=\"y\""),
            "Hawk [redacted] [redacted]"
        );
        assert_eq!(
            clean("got eyJhbGciOi.eyJzdWIi.sig here"),
            "got [redacted] here"
        );
        let long = "x".repeat(10_000);
        assert_eq!(clean(&long).chars().count(), MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn cap_respects_char_boundaries() {
        let s = "é".repeat(10); // 20 bytes
        assert_eq!(cap_bytes(&s, 5), "éé");
        assert_eq!(cap_bytes(&s, 100), s);
    }

    #[test]
    fn sentence_shapes() {
        assert_eq!(sentence("X", "did", None, None), "X did.");
        assert_eq!(
            sentence("X", "did", Some("Bad thing."), Some("31")),
            "X did: Bad thing (code 31)."
        );
        assert_eq!(
            sentence("X", "did", Some("code 31 bad"), Some("31")),
            "X did: code 31 bad."
        );
    }
}
