//! The sending client (wasm32): `fetch` through gloo-net, or through an injected `config.fetch`;
//! per-attempt timeouts with `AbortController`; bounded retries with backoff and `Retry-After`;
//! cached, shared and renewed tokens. Expected failures resolve to `{ ok: false, error }`; the
//! returned promise rejects only for programmer errors (an operation of another provider).

use crate::auth::{self, token};
use crate::providers::{self, ErrorKind, Outcome, ProviderError};
use crate::request::{self, Options};
use crate::retry;
use crate::rules::PathSeg;
use crate::schema::{AuthScheme, Generator, Operation, Provider};
use crate::wasm::{self, JsConfig};
use crate::{clock, encode, validate, PROVIDERS};
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// Response bodies larger than this are not read (a `decode` error).
pub const MAX_RESPONSE_BYTES: usize = 1 << 20;
const DEFAULT_TIMEOUT_MS: f64 = 30_000.0;
const DEFAULT_RETRIES: u32 = 2;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.apply(hook, null, [event])`, ignoring what the hook returns: a `catch` import
    /// that returns a value leaks a table slot whenever it throws (see `wasm::read_json`), and
    /// hooks may throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = apply, catch)]
    fn apply_ignoring_result(
        target: &js_sys::Function,
        this_arg: &JsValue,
        args: &js_sys::Array,
    ) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Waits `ms`, or until the caller's `signal` aborts, whichever comes first.
async fn sleep(ms: u64, signal: Option<&web_sys::AbortSignal>) {
    let mut timer = JsValue::UNDEFINED;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        timer = set_timeout(&resolve, ms as f64);
    });
    or_abort(promise, signal).await;
    clear_timeout(&timer);
}

/// Awaits `promise`, or the caller's `signal` aborting, whichever comes first (an `abort`
/// listener does not fire for a signal that is already aborted, hence the check first).
async fn or_abort(promise: js_sys::Promise, signal: Option<&web_sys::AbortSignal>) {
    or_abort_within(promise, signal, None).await;
}

/// Waits for `promise`, but no longer than until `signal` aborts or `limit_ms` passes.
async fn or_abort_within(
    promise: js_sys::Promise,
    signal: Option<&web_sys::AbortSignal>,
    limit_ms: Option<f64>,
) {
    if signal.is_some_and(web_sys::AbortSignal::aborted) {
        return;
    }
    let racers = js_sys::Array::of1(&promise);
    let mut on_abort: Option<js_sys::Function> = None;
    if let Some(signal) = signal {
        let aborted = js_sys::Promise::new(&mut |resolve, _reject| {
            let _ = signal.add_event_listener_with_callback("abort", &resolve);
            on_abort = Some(resolve);
        });
        racers.push(&aborted);
    }
    let mut timer: Option<JsValue> = None;
    if let Some(ms) = limit_ms {
        let expired = js_sys::Promise::new(&mut |resolve, _reject| {
            timer = Some(set_timeout(&resolve, ms.max(0.0)));
        });
        racers.push(&expired);
    }
    let _ = JsFuture::from(js_sys::Promise::race(&racers)).await;
    if let (Some(signal), Some(f)) = (signal, on_abort) {
        let _ = signal.remove_event_listener_with_callback("abort", &f);
    }
    if let Some(t) = timer {
        clear_timeout(&t);
    }
}

/// A token request in flight, shared by every call that needs the token meanwhile.
struct Inflight {
    done: js_sys::Promise,
    result: Rc<RefCell<Option<Result<String, ProviderError>>>>,
}

struct Inner {
    provider: &'static Provider,
    config: JsConfig,
    fetch: Option<js_sys::Function>,
    on_request: Option<js_sys::Function>,
    on_response: Option<js_sys::Function>,
    timeout_ms: f64,
    total_ms: f64,
    retries: u32,
    tokens: RefCell<token::TokenCache>,
    inflight: RefCell<Option<Rc<Inflight>>>,
    /// Tokens this client obtained and Hawk MACs it sent (the latest few), kept to be redacted.
    issued: RefCell<Vec<String>>,
}

/// How many obtained tokens and sent MACs are remembered for redaction.
const MAX_REMEMBERED_SECRETS: usize = 16;
/// Secret values shorter than this are not redacted (they would blank out ordinary words).
const MIN_REDACTED_LEN: usize = 8;

impl Inner {
    /// Every value that must not be reported back: the configured credentials whose key names a
    /// key, a secret or a token (ids such as `merchantId` are not secret), the Basic form of a
    /// Basic credential, and the tokens and MACs this client obtained or sent.
    fn secrets(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for key in self.provider.config_keys {
            let lower = key.to_ascii_lowercase();
            if !(lower.contains("key") || lower.contains("secret") || lower.contains("token")) {
                continue;
            }
            if let Some(v) = self.config.str(key) {
                out.push(v.to_owned());
                if self
                    .provider
                    .headers
                    .iter()
                    .any(|h| h.value.contains(&format!("{{basic:config.{key}}}")))
                {
                    out.push(encode::base64(format!("{v}:").as_bytes()));
                }
            }
        }
        out.extend(self.issued.borrow().iter().cloned());
        out.retain(|s| s.len() >= MIN_REDACTED_LEN);
        out
    }

    fn remember(&self, secret: &str) {
        let mut issued = self.issued.borrow_mut();
        if secret.len() >= MIN_REDACTED_LEN && !issued.iter().any(|s| s == secret) {
            if issued.len() >= MAX_REMEMBERED_SECRETS {
                issued.remove(0);
            }
            issued.push(secret.to_owned());
        }
    }
}

/// `text` with every occurrence of each of `secrets` replaced by `[redacted]`.
fn redact(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets {
        if out.contains(s.as_str()) {
            out = out.replace(s.as_str(), "[redacted]");
        }
    }
    out
}

/// The error with the client's secrets removed from everything it reports: a server may echo the
/// request's headers into its body (hence `raw`, messages and field errors), and a failing fetch
/// may quote them in its exception.
fn redact_error(inner: &Inner, mut e: ProviderError) -> ProviderError {
    let secrets = inner.secrets();
    let scrub = |s: &mut String| *s = redact(s, &secrets);
    scrub(&mut e.message);
    for opt in [
        &mut e.raw,
        &mut e.provider_code,
        &mut e.provider_category,
        &mut e.trace_id,
    ] {
        if let Some(s) = opt.as_mut() {
            scrub(s);
        }
    }
    for issue in &mut e.issues {
        for arg in &mut issue.args {
            if let crate::rules::Arg::Owned(text) = arg {
                scrub(text);
            }
        }
        for seg in &mut issue.path {
            if let PathSeg::Key(k) = seg {
                scrub(k);
            }
        }
    }
    e
}

/// A client for one provider. JS code uses `createClient`, which wraps it with one method per
/// operation.
#[wasm_bindgen]
pub struct Client {
    inner: Rc<Inner>,
}

fn function(obj: &JsValue, key: &str) -> Result<Option<js_sys::Function>, JsValue> {
    if !obj.is_object() {
        return Ok(None);
    }
    // A getter or Proxy trap that throws is a bad config: a TypeError, like the other checks.
    let v = js_sys::Reflect::get(obj, &JsValue::from_str(key)).map_err(|_| {
        JsValue::from(js_sys::TypeError::new(&format!(
            "config.{key} cannot be read"
        )))
    })?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if v.as_string()
        .is_some_and(|t| t.starts_with(request::UNREADABLE_MARKER))
    {
        return Err(js_sys::TypeError::new(&format!("config.{key} cannot be read")).into());
    }
    v.dyn_into::<js_sys::Function>()
        .map(Some)
        .map_err(|_| js_sys::TypeError::new(&format!("config.{key} must be a function")).into())
}

fn number(map: &Map<String, Value>, key: &str) -> Result<Option<f64>, JsValue> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_f64()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(Some)
            .ok_or_else(|| {
                js_sys::TypeError::new(&format!("config.{key} must be a non-negative number"))
                    .into()
            }),
    }
}

#[wasm_bindgen]
impl Client {
    /// `provider` is a key (`accessbank`, `juspay`, `bvnk`, `gathr`, `m2p`); `config` holds the
    /// credentials, `baseUrl`, `fetch`, `timeoutMs`, `retries`, `onRequest`, `onResponse`.
    #[wasm_bindgen(constructor)]
    pub fn new(provider: &str, config: JsValue) -> Result<Client, JsValue> {
        let Some(p) = crate::provider(provider) else {
            let keys: Vec<&str> = PROVIDERS.iter().map(|p| p.key).collect();
            let shown: String = provider.chars().take(40).collect();
            return Err(js_sys::TypeError::new(&format!(
                "unknown provider \"{shown}\"; valid: {}",
                keys.join(", ")
            ))
            .into());
        };
        let parsed = JsConfig::read(&config)?;
        // A credential or option that cannot travel is a programmer error: a TypeError naming it
        // (the same checks buildRequest reports as issues at ["config", <key>]).
        let issues = request::config_issues(p, &parsed.map);
        if !issues.is_empty() {
            let text: Vec<String> = issues.iter().map(|i| i.message()).collect();
            return Err(
                js_sys::TypeError::new(&format!("createClient: {}", text.join(" "))).into(),
            );
        }
        let timeout_ms = number(&parsed.map, "timeoutMs")?.unwrap_or(DEFAULT_TIMEOUT_MS);
        let retries =
            number(&parsed.map, "retries")?.map_or(DEFAULT_RETRIES, |n| n.min(10.0) as u32);
        let total_ms =
            number(&parsed.map, "totalTimeoutMs")?.unwrap_or(timeout_ms * 2.0 + 10_000.0);
        Ok(Client {
            inner: Rc::new(Inner {
                provider: p,
                fetch: function(&config, "fetch")?,
                on_request: function(&config, "onRequest")?,
                on_response: function(&config, "onResponse")?,
                config: parsed,
                timeout_ms,
                total_ms,
                retries,
                tokens: RefCell::new(token::TokenCache::default()),
                inflight: RefCell::new(None),
                issued: RefCell::new(Vec::new()),
            }),
        })
    }

    /// Validates, builds and sends `op`. Resolves to `{ ok: true, status, data, requestId }` or
    /// `{ ok: false, error }`. `options`: `signal`, `timeoutMs`, `idempotencyKey`.
    pub fn send(&self, op: &str, input: JsValue, options: JsValue) -> js_sys::Promise {
        let inner = self.inner.clone();
        let op = match wasm::op_or_throw(op) {
            Ok(op) if op.provider.key == inner.provider.key => op,
            Ok(op) => {
                let e: JsValue = js_sys::TypeError::new(&format!(
                    "{} belongs to {}, not to this {} client",
                    op.id, op.provider.key, inner.provider.key
                ))
                .into();
                return js_sys::Promise::reject(&e);
            }
            Err(e) => return js_sys::Promise::reject(&e),
        };
        // Reflect.get throws for a primitive (and would leak a table slot doing so).
        let signal = options
            .is_object()
            .then(|| js_sys::Reflect::get(&options, &JsValue::from_str("signal")).ok())
            .flatten()
            .and_then(|s| s.dyn_into::<web_sys::AbortSignal>().ok());
        let opts_map = match wasm::read_json(&options, "options") {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        let input = wasm::read_json(&input, "The input");
        future_to_promise(async move {
            let result = match input {
                Err(issue) => Err(ProviderError::validation(vec![issue])),
                Ok(input) => run(&inner, op, input, &opts_map, signal).await,
            };
            let result = result.map_err(|e| redact_error(&inner, e));
            wasm::from_json(&result_json(result))
        })
    }
}

/// What a successful call resolves to, before it becomes JS.
struct Success {
    status: u16,
    data: Value,
    request_id: Option<String>,
}

fn result_json(result: Result<Success, ProviderError>) -> String {
    let mut out = Map::new();
    match result {
        Ok(s) => {
            out.insert("ok".into(), Value::Bool(true));
            out.insert("status".into(), Value::from(s.status));
            out.insert("data".into(), s.data);
            out.insert(
                "requestId".into(),
                s.request_id.map_or(Value::Null, Value::from),
            );
        }
        Err(e) => {
            out.insert("ok".into(), Value::Bool(false));
            out.insert("error".into(), error_value(&e));
        }
    }
    Value::Object(out).to_string()
}

fn error_value(e: &ProviderError) -> Value {
    let mut err = Map::new();
    err.insert("kind".into(), Value::from(e.kind.as_str()));
    err.insert("status".into(), e.status.map_or(Value::Null, Value::from));
    err.insert(
        "providerCode".into(),
        e.provider_code.clone().map_or(Value::Null, Value::from),
    );
    err.insert(
        "providerCategory".into(),
        e.provider_category.clone().map_or(Value::Null, Value::from),
    );
    err.insert(
        "traceId".into(),
        e.trace_id.clone().map_or(Value::Null, Value::from),
    );
    err.insert("message".into(), Value::from(e.message.clone()));
    let issues: Value = serde_json::from_str(&validate::issues_to_json(&e.issues))
        .unwrap_or(Value::Array(Vec::new()));
    err.insert("issues".into(), issues);
    err.insert("retryable".into(), Value::Bool(e.retryable));
    err.insert("raw".into(), e.raw.clone().map_or(Value::Null, Value::from));
    Value::Object(err)
}

fn uses_token_flow(inner: &Inner) -> bool {
    inner.provider.auth == AuthScheme::Token
        && inner.config.str("accessToken").is_none()
        && has_token_credentials(inner)
}

fn has_token_credentials(inner: &Inner) -> bool {
    providers::token_credentials_present(inner.provider.key, &|k| {
        inner.config.str(k).map(str::to_owned)
    })
}

async fn run(
    inner: &Rc<Inner>,
    op: &'static Operation,
    mut input: Value,
    opts: &Map<String, Value>,
    signal: Option<web_sys::AbortSignal>,
) -> Result<Success, ProviderError> {
    let today = clock::today();
    let issues = validate::issues(op, &input, today);
    if !issues.is_empty() {
        return Err(ProviderError::validation(issues));
    }
    // Fields the builder generates are fixed once per logical request, so retries repeat them.
    let mut logical_id: Option<String> = None;
    if let Some(map) = input.as_object_mut() {
        for f in op.input.fields {
            if f.generate == Some(Generator::UuidV4) && !map.contains_key(f.name) {
                let id = random_uuid()?;
                map.insert(f.name.to_owned(), Value::String(id.clone()));
                logical_id.get_or_insert(id);
            } else if f.generate.is_some() {
                if let Some(v) = map.get(f.name).and_then(Value::as_str) {
                    logical_id.get_or_insert(v.to_owned());
                }
            }
        }
    }
    let idempotency_key = idempotency_key_option(opts)?;
    let sends_request_id = op
        .provider
        .headers
        .iter()
        .any(|h| h.value.contains("{request_id}"));
    let request_id = if sends_request_id {
        Some(match idempotency_key.clone() {
            Some(k) => k,
            None => random_uuid()?,
        })
    } else {
        None
    };
    // May the client send it again (a PUT; an M2P call with its X-Request-ID)? And may the caller,
    // once the client gives up: only with a key it holds (its own idempotencyKey; a generated id
    // is reported in the error's message so that it can be reused).
    let retry_safe = retry::operation_retry_safe(op, request_id.is_some());
    let caller_may_repeat = retry::is_retry_safe(op.method.as_str(), false)
        || (retry_safe && idempotency_key.is_some());
    let policy = retry::Policy {
        max_retries: inner.retries,
        ..retry::Policy::default()
    };
    let timeout_ms = opts
        .get("timeoutMs")
        .and_then(Value::as_f64)
        .filter(|n| n.is_finite() && *n > 0.0)
        .unwrap_or(inner.timeout_ms);
    let start = now_ms();
    let deadline = start + inner.total_ms.max(timeout_ms);
    let mut attempt: u32 = 0;
    // What the hooks report as `attempt`: every send counts, the one after a token renewal too
    // (`attempt` itself counts retries against the budget).
    let mut sends: u32 = 0;
    let mut renewed = false;
    loop {
        if signal.as_ref().is_some_and(web_sys::AbortSignal::aborted) {
            return Err(aborted());
        }
        let token = if uses_token_flow(inner) {
            match get_token(inner, signal.as_ref(), deadline).await {
                Ok(t) => Some(t),
                Err(e) => {
                    // The token endpoint failed (kind auth): nothing of the operation was sent, so
                    // a retryable failure (429, 5xx, no answer) is retried by the policy.
                    let user_aborted = signal.as_ref().is_some_and(web_sys::AbortSignal::aborted);
                    if e.retryable && !user_aborted {
                        if let Some(wait) = policy.delay_ms(attempt, None, js_sys::Math::random()) {
                            if now_ms() + (wait as f64) < deadline {
                                sleep(wait, signal.as_ref()).await;
                                attempt += 1;
                                continue;
                            }
                        }
                    }
                    return Err(e);
                }
            }
        } else {
            None
        };
        let used_token = token.clone();
        // The one signing path (buildRequest's too): a fresh nonce and the clock's time.
        let mut random = wasm::js_random;
        let mut secrets = auth::ConfigSecrets::new(&inner.config.map, now_ms(), &mut random);
        secrets.token = token;
        let options = Options {
            base_url: inner.config.str("baseUrl"),
            encoding: inner.config.encoding(),
            request_id: request_id.as_deref(),
            environment: inner.config.environment(),
        };
        let built = request::build(op, &input, &options, &mut secrets, today)
            .map_err(ProviderError::validation)?;
        match secrets.failed.take() {
            Some(e @ auth::SecretsError::NoRandom(_)) => {
                return Err(ProviderError::new(ErrorKind::Network, e.to_string()))
            }
            Some(e) => return Err(ProviderError::new(ErrorKind::Auth, e.to_string())),
            None => {}
        }
        // A Hawk MAC is a credential for its request: remembered so that an echo is redacted.
        if let Some(mac) = &secrets.last_mac {
            inner.remember(mac);
        }
        let req = built.request;
        if let Some(message) = request::unsendable_header(op, &req) {
            return Err(ProviderError::new(ErrorKind::Validation, message));
        }
        sends += 1;
        call_hook(&inner.on_request, || {
            let mut m = Map::new();
            m.insert("operation".into(), Value::from(op.id));
            m.insert("attempt".into(), Value::from(sends));
            m.insert("method".into(), Value::from(req.method));
            m.insert(
                "url".into(),
                Value::from(redact(&req.url, &inner.secrets())),
            );
            let mut h = Map::new();
            for (k, v) in request::masked_headers(op, &req) {
                h.insert(k, Value::from(v));
            }
            m.insert("headers".into(), Value::Object(h));
            m.insert(
                "body".into(),
                req.body
                    .as_deref()
                    .map_or(Value::Null, |b| Value::from(redact(b, &inner.secrets()))),
            );
            Value::Object(m)
        });
        let remaining = deadline - now_ms();
        if remaining <= 0.0 {
            return Err(ProviderError::timeout((now_ms() - start) as u64));
        }
        let answer = exchange(inner, &req, timeout_ms.min(remaining), signal.as_ref()).await;
        // A failure after the request went out (reset, timeout) may hide an applied update.
        let mut lost = false;
        let (status, retry_after, outcome) = match answer {
            Ok(Answer {
                status,
                retry_after,
                content_type,
                body,
            }) => {
                call_hook(&inner.on_response, || {
                    let mut m = Map::new();
                    m.insert("operation".into(), Value::from(op.id));
                    m.insert("attempt".into(), Value::from(sends));
                    m.insert("status".into(), Value::from(status));
                    // The body as received, less the client's secrets (a server may echo them).
                    m.insert("body".into(), Value::from(redact(&body, &inner.secrets())));
                    Value::Object(m)
                });
                (
                    Some(status),
                    retry_after,
                    providers::interpret(
                        op.provider.key,
                        op.id,
                        status,
                        content_type.as_deref(),
                        &body,
                    ),
                )
            }
            Err(Lost { error, delivered }) => {
                lost = delivered
                    && error.retryable
                    && matches!(error.kind, ErrorKind::Network | ErrorKind::Timeout);
                (None, None, Outcome::Failure(error))
            }
        };
        let error = match outcome {
            Outcome::Success(data) => {
                return Ok(Success {
                    status: status.unwrap_or(200),
                    data,
                    request_id: request_id.or(logical_id),
                });
            }
            Outcome::Failure(e) => e,
        };
        if status == Some(401) && !renewed {
            if let Some(used) = used_token.as_deref() {
                // The cached token was refused: renew it once and try again. Only that token is
                // forgotten: a 401 arriving after another call has already renewed it must not throw
                // the new token away (each late 401 would otherwise cost one more token request).
                let mut cache = inner.tokens.borrow_mut();
                if cache.entry().is_some_and(|c| c.value() == used) {
                    cache.clear();
                }
                drop(cache);
                renewed = true;
                continue;
            }
        }
        let user_aborted = signal.as_ref().is_some_and(web_sys::AbortSignal::aborted);
        if error.retryable && retry_safe && !user_aborted {
            // The policy's wait: its backoff, or the server's Retry-After when longer (so
            // `Retry-After: 0` still waits the backoff); `None` when the budget is spent or the
            // Retry-After is longer than the policy waits.
            let server = retry_after
                .as_deref()
                .and_then(|v| retry::parse_retry_after(v, now_ms()));
            if let Some(wait) = policy.delay_ms(attempt, server, js_sys::Math::random()) {
                if now_ms() + (wait as f64) < deadline {
                    sleep(wait, signal.as_ref()).await;
                    attempt += 1;
                    continue;
                }
            }
        }
        if lost && !caller_may_repeat {
            return Err(ProviderError::outcome_unknown(
                &error,
                request_id.as_deref(),
            ));
        }
        return Err(error);
    }
}

/// The per-call `idempotencyKey` option: absent, or a string a header can carry (at most
/// `request::MAX_REQUEST_ID_CHARS`); otherwise a validation error at `["options", "idempotencyKey"]`.
fn idempotency_key_option(opts: &Map<String, Value>) -> Result<Option<String>, ProviderError> {
    let path = || {
        vec![
            crate::rules::PathSeg::from("options"),
            crate::rules::PathSeg::from("idempotencyKey"),
        ]
    };
    match opts.get("idempotencyKey") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) if s.starts_with(request::UNREADABLE_MARKER) => {
            let reason = s
                .get(request::UNREADABLE_MARKER.len()..)
                .unwrap_or_default();
            Err(ProviderError::validation(vec![crate::rules::Issue::new(
                path(),
                crate::rules::Code::InvalidType,
                format!("options.idempotencyKey cannot be read ({reason})."),
            )]))
        }
        Some(Value::String(s)) => {
            match request::check_header_text(s, request::MAX_REQUEST_ID_CHARS) {
                Ok(()) => Ok(Some(s.clone())),
                Err((code, why)) => Err(ProviderError::validation(vec![crate::rules::Issue::new(
                    path(),
                    code,
                    format!("options.idempotencyKey {why}."),
                )])),
            }
        }
        Some(_) => Err(ProviderError::validation(vec![crate::rules::Issue::new(
            path(),
            crate::rules::Code::InvalidType,
            "options.idempotencyKey must be a string.",
        )])),
    }
}

fn aborted() -> ProviderError {
    let mut e = ProviderError::new(
        ErrorKind::Network,
        "Aborted by the caller's signal; nothing more will be sent.",
    );
    e.retryable = false;
    e
}

fn random_uuid() -> Result<String, ProviderError> {
    wasm::random_uuid().map_err(|_| {
        ProviderError::new(
            ErrorKind::Network,
            "No secure random source (crypto.getRandomValues).",
        )
    })
}

fn call_hook(hook: &Option<js_sys::Function>, make: impl FnOnce() -> Value) {
    if let Some(f) = hook {
        if let Ok(v) = wasm::from_json(&make().to_string()) {
            // A hook that throws must not break the request.
            let _ = apply_ignoring_result(f, &JsValue::NULL, &js_sys::Array::of1(&v));
        }
    }
}

/// One HTTP answer, read within the attempt's time limit.
struct Answer {
    status: u16,
    retry_after: Option<String>,
    content_type: Option<String>,
    body: String,
}

/// Aborts `controller` when the guard is dropped? No: clears the timer and removes the listener.
struct AttemptGuard {
    timer: JsValue,
    _on_timeout: Closure<dyn FnMut()>,
    listener: Option<(web_sys::AbortSignal, Closure<dyn FnMut()>)>,
}

impl Drop for AttemptGuard {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some((signal, closure)) = &self.listener {
            let _ = signal
                .remove_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
        }
    }
}

/// A failed exchange, and whether the request may have reached the server before it failed.
struct Lost {
    error: ProviderError,
    delivered: bool,
}

impl From<ProviderError> for Lost {
    /// A failure before anything was handed to `fetch`: nothing was delivered.
    fn from(error: ProviderError) -> Lost {
        Lost {
            error,
            delivered: false,
        }
    }
}

async fn exchange(
    inner: &Inner,
    req: &request::Request,
    timeout_ms: f64,
    user: Option<&web_sys::AbortSignal>,
) -> Result<Answer, Lost> {
    if user.is_some_and(web_sys::AbortSignal::aborted) {
        // Its `abort` event has fired already: the listener below would never see it.
        return Err(aborted().into());
    }
    let controller = web_sys::AbortController::new()
        .map_err(|_| ProviderError::network("AbortController is missing"))?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms);
    let listener = user.map(|signal| {
        let controller = controller.clone();
        let closure = Closure::<dyn FnMut()>::new(move || controller.abort());
        let _ = signal.add_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
        (signal.clone(), closure)
    });
    let _guard = AttemptGuard {
        timer,
        _on_timeout: on_timeout,
        listener,
    };
    let fail = |detail: String| {
        if timed_out.get() {
            ProviderError::timeout(timeout_ms as u64)
        } else if user.is_some_and(web_sys::AbortSignal::aborted) {
            aborted()
        } else {
            ProviderError::network(&detail)
        }
    };
    // After `fetch` was called: delivered unless the runtime says the connection never opened.
    let sent_fail = |e: &JsValue| {
        let detail = fetch_failure_detail(e);
        let delivered = timed_out.get() || !retry::never_sent(&detail);
        Lost {
            error: fail(js_message(e)),
            delivered,
        }
    };

    let mut builder = gloo_net::http::RequestBuilder::new(&req.url)
        .method(match req.method {
            "PUT" => gloo_net::http::Method::PUT,
            "PATCH" => gloo_net::http::Method::PATCH,
            _ => gloo_net::http::Method::POST,
        })
        .abort_signal(Some(&controller.signal()));
    // gloo's `header()` unwraps `Headers.set`, which throws for a value no header can carry (a
    // line break, a character outside Latin-1): that exception would unwind through this future
    // and never settle the caller's promise. Set them here, fallibly.
    let headers = web_sys::Headers::new()
        .map_err(|_| Lost::from(ProviderError::network("Headers is missing")))?;
    for (k, v) in &req.headers {
        if headers.set(k, v).is_err() {
            return Err(Lost::from(ProviderError::new(
                ErrorKind::Validation,
                format!("Nothing was sent: the {k} header cannot carry its value (a line break, a NUL or a character outside Latin-1)."),
            )));
        }
    }
    builder = builder.headers(gloo_net::http::Headers::from_raw(headers));
    let request = match &req.body {
        Some(b) => builder.body(b.as_str()),
        None => builder.build(),
    }
    .map_err(|e| Lost::from(fail(e.to_string())))?;
    // Held until the exchange ends. Node's fetch (undici) makes a Request's signal follow ours only
    // weakly: once this Request is garbage-collected, aborting `controller` no longer reaches the
    // fetch, and a body that trickles or stalls after the headers is read past every time limit.
    // (`JsValue::clone`: `Request::clone` would call the JS method and make a second Request.)
    let raw: web_sys::Request = request.into();
    let _keep_alive = JsValue::clone(&raw);
    // The injected fetch, else the runtime's own (called directly rather than through gloo, so
    // that a rejection's `cause` can tell a refused connection from a lost answer).
    let global = js_sys::global();
    let fetch = match &inner.fetch {
        Some(f) => f.clone(),
        None => js_sys::Reflect::get(&global, &JsValue::from_str("fetch"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| ProviderError::network("fetch is missing"))?,
    };
    let promise = fetch
        .call1(&global, &raw)
        .map_err(|e| Lost::from(fail(js_message(&e))))?;
    let value = JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(|e| sent_fail(&e))?;
    let raw = value.dyn_into::<web_sys::Response>().map_err(|_| Lost {
        error: ProviderError::network("fetch did not resolve to a Response"),
        delivered: true,
    })?;
    let response = gloo_net::http::Response::from(raw);
    let status = response.status();
    let headers = response.headers();
    let content_type = headers.get("content-type");
    let retry_after = headers.get("retry-after");
    let declared = headers
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_RESPONSE_BYTES as u64) {
        // Not read, so cancel it: an unread body would keep holding its connection (Node's fetch
        // neither reuses nor closes it until the Response is garbage-collected).
        controller.abort();
        return Err(too_large(status).into());
    }
    // Read in chunks and given up past the cap: without a Content-Length (chunked) the size is
    // only known while reading, and `text()` would buffer any amount first.
    let raw_response: web_sys::Response = response.into();
    // The answer's head has arrived: whatever happens to its body, the request was delivered.
    let Some(body) = read_capped(&raw_response).await.map_err(|e| Lost {
        error: fail(js_message(&e)),
        delivered: true,
    })?
    else {
        controller.abort();
        return Err(too_large(status).into());
    };
    Ok(Answer {
        status,
        retry_after,
        content_type,
        body,
    })
}

/// The body as text (UTF-8, a leading BOM dropped, as `Response.text()` does), or `None` as soon
/// as it passes [`MAX_RESPONSE_BYTES`]. Every JS call here can report an exception (`catch`), so
/// a Response from an injected fetch with odd getters cannot unwind through this future.
async fn read_capped(response: &JsValue) -> Result<Option<String>, JsValue> {
    let key = JsValue::from_str;
    let stream = js_sys::Reflect::get(response, &key("body"))?;
    if stream.is_null() || stream.is_undefined() {
        return Ok(Some(String::new()));
    }
    let get_reader: js_sys::Function =
        js_sys::Reflect::get(&stream, &key("getReader"))?.dyn_into()?;
    let reader = get_reader.call0(&stream)?;
    let read: js_sys::Function = js_sys::Reflect::get(&reader, &key("read"))?.dyn_into()?;
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(js_sys::Promise::resolve(&read.call0(&reader)?)).await?;
        if js_sys::Reflect::get(&chunk, &key("done"))?.is_truthy() {
            break;
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &key("value"))?.dyn_into()?;
        if bytes.len().saturating_add(value.length() as usize) > MAX_RESPONSE_BYTES {
            return Ok(None);
        }
        bytes.extend(value.to_vec());
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(Some(
        text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned(),
    ))
}

fn too_large(status: u16) -> ProviderError {
    let mut e = ProviderError::new(
        ErrorKind::Decode,
        format!(
            "The response body is larger than {} bytes and was not read.",
            MAX_RESPONSE_BYTES
        ),
    );
    e.status = Some(status);
    e.retryable = false;
    e
}

/// A fetch rejection's message with its `cause` (Node puts the socket error's `code` there:
/// `ECONNREFUSED`, `UND_ERR_SOCKET`, …), for [`retry::never_sent`]. Read with `catch`ing getters.
fn fetch_failure_detail(e: &JsValue) -> String {
    let mut out = js_message(e);
    let key = JsValue::from_str;
    let mut cause = js_sys::Reflect::get(e, &key("cause")).ok();
    // Two levels: undici nests the socket error one level down in some versions.
    for _ in 0..2 {
        let Some(c) = cause.take().filter(JsValue::is_object) else {
            break;
        };
        for field in ["code", "message"] {
            if let Some(text) = js_sys::Reflect::get(&c, &key(field))
                .ok()
                .and_then(|v| v.as_string())
            {
                out.push(' ');
                out.extend(text.chars().take(200));
            }
        }
        cause = js_sys::Reflect::get(&c, &key("cause")).ok();
    }
    out
}

fn js_message(e: &JsValue) -> String {
    wasm::exception_reason(e).unwrap_or_else(|| "fetch failed".into())
}

/// The bearer token: from the cache while fresh; otherwise one token request, shared by every
/// call that arrives while it is in flight. A caller whose `signal` aborts stops waiting (the
/// shared request goes on for the others).
/// `deadline_ms` bounds this call's wait (its `totalTimeoutMs`); the shared token request itself
/// goes on for the other calls waiting on it.
async fn get_token(
    inner: &Rc<Inner>,
    signal: Option<&web_sys::AbortSignal>,
    deadline_ms: f64,
) -> Result<String, ProviderError> {
    if let Some(t) = inner.tokens.borrow().get(now_ms()) {
        return Ok(t.to_owned());
    }
    let existing = inner.inflight.borrow().clone();
    let flight = match existing {
        Some(f) => f,
        None => {
            let result = Rc::new(RefCell::new(None));
            let (inner2, result2) = (inner.clone(), result.clone());
            let done = future_to_promise(async move {
                let outcome = fetch_token(&inner2).await;
                let value = match outcome {
                    Ok(tok) => {
                        let v = tok.access_token.clone();
                        inner2.remember(&v);
                        inner2.tokens.borrow_mut().store(tok, now_ms());
                        Ok(v)
                    }
                    Err(e) => Err(e),
                };
                *result2.borrow_mut() = Some(value);
                *inner2.inflight.borrow_mut() = None;
                Ok(JsValue::UNDEFINED)
            });
            let f = Rc::new(Inflight { done, result });
            *inner.inflight.borrow_mut() = Some(f.clone());
            f
        }
    };
    let started = now_ms();
    or_abort_within(flight.done.clone(), signal, Some(deadline_ms - started)).await;
    if signal.is_some_and(web_sys::AbortSignal::aborted) {
        return Err(aborted());
    }
    let r = flight.result.borrow().clone();
    r.unwrap_or_else(|| Err(ProviderError::timeout((now_ms() - started).max(0.0) as u64)))
}

async fn fetch_token(inner: &Inner) -> Result<token::Token, ProviderError> {
    let base = request::base_url(
        inner.provider,
        inner.config.str("baseUrl"),
        inner.config.environment(),
    )
    .ok_or_else(|| ProviderError::validation(vec![request::no_production_host(inner.provider)]))?;
    let tr = providers::token_request(inner.provider, base, &|k| {
        inner.config.str(k).map(str::to_owned)
    })
    .map_err(|m| ProviderError::new(ErrorKind::Auth, m))?;
    let req = request::Request {
        method: "POST",
        url: tr.url,
        headers: tr.headers,
        body: Some(tr.body),
    };
    // Every failure of the token endpoint is kind `auth` (docs/providers.md#tokens); one with no
    // answer, a 429 or a 5xx stays retryable, and the call retries it by its policy.
    let answer = exchange(inner, &req, inner.timeout_ms, None)
        .await
        .map_err(|Lost { error, .. }| token_failure(error))?;
    if !(200..300).contains(&answer.status) {
        let e = match providers::interpret(
            inner.provider.key,
            "token",
            answer.status,
            answer.content_type.as_deref(),
            &answer.body,
        ) {
            Outcome::Failure(e) => e,
            Outcome::Success(_) => ProviderError::new(ErrorKind::Auth, "The token request failed."),
        };
        let mut e = token_failure(e);
        e.retryable = retry::is_retryable_status(answer.status);
        return Err(e);
    }
    providers::parse_token(inner.provider.key, &answer.body).map_err(|m| {
        let mut e = ProviderError::new(
            ErrorKind::Auth,
            format!("Could not read the access token: {m}"),
        );
        e.status = Some(answer.status);
        e
    })
}

/// A token endpoint's failure as kind `auth`, its message saying so.
fn token_failure(mut e: ProviderError) -> ProviderError {
    e.kind = ErrorKind::Auth;
    e.message = format!("Could not obtain an access token: {}", e.message);
    e
}
