//! The sending client, in plain Rust: every policy of sending one update, over a [`Transport`]
//! that only moves bytes and a [`Runtime`] that only tells time, sleeps and draws random bytes.
//!
//! [`Client`] holds the credentials; fetches, caches, shares and renews bearer tokens (one token
//! request in flight at a time, one renewal after a 401, never a loop); signs Hawk through the
//! same [`auth::ConfigSecrets`] as `buildRequest`; fixes one idempotency key (and every generated
//! field) per logical call and reuses it on every retry; retries through [`retry::Policy`]
//! (backoff with jitter, `Retry-After` honoured up to `max_retry_after_ms`, then returned to the
//! caller as `retry_after_ms`); bounds each attempt and the whole call in time and stops when the
//! caller cancels; maps answers to typed [`ProviderError`]s with field issues; and reports a
//! request that may have been applied but cannot safely be repeated as
//! [`ErrorKind::OutcomeUnknown`]. Nothing here knows JavaScript: the wasm package runs it over
//! `fetch` (`wasm::client`), and a Rust user (a server, workers-rs, a test) brings a transport of
//! its own. `tests/client_matrix.rs` runs the fault matrix over a scripted transport.
//!
//! There is no executor here: everything is a future, and a transport that answers at once makes
//! every call complete on its first poll.
//!
//! ```
//! use customer_update::client::{CallOptions, Client, Config, Response, Runtime, Transport, TransportError};
//! use customer_update::request::Request;
//! use std::future::{ready, Future};
//!
//! /// A transport that answers every request with 200 `{}` (bring reqwest, hyper, workers-rs…).
//! struct Always200;
//! impl Transport for Always200 {
//!     type Signal = ();
//!     fn send(&self, _: &Request, _: u64, _: Option<&()>) -> impl Future<Output = Result<Response, TransportError>> {
//!         ready(Ok(Response { status: 200, headers: vec![], body: "{}".into() }))
//!     }
//! }
//! struct Fixed;
//! impl Runtime for Fixed {
//!     type Signal = ();
//!     fn now_ms(&self) -> f64 { 1_767_225_600_000.0 }
//!     fn sleep(&self, _: u64, _: Option<&()>) -> impl Future<Output = ()> { ready(()) }
//!     fn fill_random(&self, buf: &mut [u8]) -> bool { buf.fill(7); true }
//! }
//!
//! let config = serde_json::json!({ "token": "gathr-api-token" });
//! let config = Config::from_map(config.as_object().unwrap().clone()).unwrap();
//! let op = customer_update::operation("gathr.updateCustomer").unwrap();
//! let client = Client::new(op.provider, config, Always200, Fixed).unwrap();
//! let input = serde_json::json!({ "customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "first_name": "Chris" });
//! let mut call = std::pin::pin!(client.send(op, input, CallOptions::default()));
//! let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! let std::task::Poll::Ready(result) = call.as_mut().poll(&mut cx) else { unreachable!() };
//! assert_eq!(result.unwrap().status, 200);
//! ```

// `ProviderError` (168 bytes natively) is the public error of a call; an error is the rare path
// and boxing it would change the API `providers::interpret` shares.
#![allow(clippy::result_large_err)]

mod contact;
pub use contact::{ContactError, ContactSuccess};

use crate::auth::{self, token};
use crate::providers::{self, ErrorKind, Outcome, ProviderError};
use crate::request::{self, Environment, Options};
use crate::retry;
use crate::rules::{Code, Issue, PathSeg};
use crate::schema::{Encoding, Generator, Operation, Provider};
use crate::{encode, validate};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// Response bodies larger than this are not read (a `decode` error).
pub const MAX_RESPONSE_BYTES: usize = 1 << 20;
/// Per-attempt time limit when the config sets none.
pub const DEFAULT_TIMEOUT_MS: f64 = 30_000.0;
/// Retries after the first attempt when the config sets none.
pub const DEFAULT_RETRIES: u32 = 2;
/// How many obtained tokens and sent MACs are remembered for redaction.
const MAX_REMEMBERED_SECRETS: usize = 16;
/// Secret values shorter than this are not redacted (they would blank out ordinary words).
const MIN_REDACTED_LEN: usize = 8;

/// A caller's cancellation handle (an `AbortSignal` in wasm, a flag in tests).
pub trait Cancel {
    /// Whether the caller has cancelled the call.
    fn cancelled(&self) -> bool;
}

/// No cancellation.
impl Cancel for () {
    fn cancelled(&self) -> bool {
        false
    }
}

/// A shared flag: cancelled once set.
impl Cancel for Rc<std::cell::Cell<bool>> {
    fn cancelled(&self) -> bool {
        self.get()
    }
}

/// One HTTP answer, as the transport read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// Response headers (names in any case).
    pub headers: Vec<(String, String)>,
    /// The body as text (UTF-8, a leading BOM dropped).
    pub body: String,
}

impl Response {
    /// The value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why an exchange produced no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// The connection failed. `delivered`: the request may have reached the server (a reset
    /// after sending, a closed socket); `false` only when it certainly did not (refused, DNS,
    /// TLS: see [`retry::never_sent`]). `detail` is the runtime's text (no secret in it).
    Failed {
        /// The runtime's text about the failure.
        detail: String,
        /// Whether the request may have reached the server.
        delivered: bool,
    },
    /// No answer within the attempt's time limit (the request may have been delivered).
    TimedOut,
    /// The caller's signal aborted the exchange.
    Aborted,
    /// The body is larger than [`MAX_RESPONSE_BYTES`] and was not read.
    TooLarge {
        /// The answer's HTTP status.
        status: u16,
    },
    /// The runtime refused to build the request (e.g. a header value `fetch` cannot carry);
    /// nothing was sent. The text says which part.
    Refused(String),
}

/// Moves one request to the provider and its answer back. Implementations enforce
/// `timeout_ms` (the attempt's limit) and `signal`, and read at most [`MAX_RESPONSE_BYTES`].
pub trait Transport {
    /// The caller's cancellation handle.
    type Signal: Cancel;
    /// Sends `request` and reads the answer.
    fn send(
        &self,
        request: &request::Request,
        timeout_ms: u64,
        signal: Option<&Self::Signal>,
    ) -> impl Future<Output = Result<Response, TransportError>>;
}

/// Time and randomness, injected so that every path is deterministic in tests.
pub trait Runtime {
    /// The caller's cancellation handle (the transport's).
    type Signal: Cancel;
    /// Unix time in milliseconds.
    fn now_ms(&self) -> f64;
    /// Resolves after `ms`, or as soon as `signal` is cancelled.
    fn sleep(&self, ms: u64, signal: Option<&Self::Signal>) -> impl Future<Output = ()>;
    /// Fills `buf` with secure random bytes; `false` when there is no random source.
    fn fill_random(&self, buf: &mut [u8]) -> bool;
}

/// Limits and retry settings of a client, from its config (`timeoutMs`, `totalTimeoutMs`,
/// `retries`, `maxRetryAfterMs`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Each attempt's time limit.
    pub timeout_ms: f64,
    /// The whole call's time limit (all attempts, waits and the token request).
    pub total_ms: f64,
    /// Retries after the first attempt (at most 10).
    pub retries: u32,
    /// The longest `Retry-After` the client sleeps; a longer one ends the call with the answer
    /// and its `retry_after_ms`.
    pub max_retry_after_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout_ms: DEFAULT_TIMEOUT_MS,
            total_ms: DEFAULT_TIMEOUT_MS * 2.0 + 10_000.0,
            retries: DEFAULT_RETRIES,
            max_retry_after_ms: retry::Policy::default().max_retry_after_ms,
        }
    }
}

fn number(map: &Map<String, Value>, key: &str, what: &str) -> Result<Option<f64>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_f64()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(Some)
            .ok_or_else(|| {
                crate::text::concat(&[what, ".", key, " must be a non-negative number"])
            }),
    }
}

impl Settings {
    /// Reads `timeoutMs`, `totalTimeoutMs`, `retries` and `maxRetryAfterMs` from a client config
    /// (absent or `null`: the default). `Err` names the option.
    pub fn from_config(config: &Map<String, Value>) -> Result<Settings, String> {
        let timeout_ms = number(config, "timeoutMs", "config")?.unwrap_or(DEFAULT_TIMEOUT_MS);
        let retries =
            number(config, "retries", "config")?.map_or(DEFAULT_RETRIES, |n| n.min(10.0) as u32);
        let total_ms =
            number(config, "totalTimeoutMs", "config")?.unwrap_or(timeout_ms * 2.0 + 10_000.0);
        let max_retry_after_ms = number(config, "maxRetryAfterMs", "config")?
            .map_or(retry::Policy::default().max_retry_after_ms, |n| {
                n.min(retry::MAX_RETRY_AFTER_MS as f64) as u64
            });
        Ok(Settings {
            timeout_ms,
            total_ms,
            retries,
            max_retry_after_ms,
        })
    }
}

/// One call's options (`timeoutMs`, `idempotencyKey`, `maxRetryAfterMs`, and the signal).
pub struct CallOptions<S> {
    /// This call's per-attempt limit, instead of the client's.
    pub timeout_ms: Option<f64>,
    /// The logical request's id (M2P `X-Request-ID`), reused on every retry; a fresh UUID when
    /// absent.
    pub idempotency_key: Option<String>,
    /// This call's `Retry-After` limit, instead of the client's.
    pub max_retry_after_ms: Option<u64>,
    /// The caller's cancellation handle.
    pub signal: Option<S>,
}

impl<S> Default for CallOptions<S> {
    fn default() -> Self {
        CallOptions {
            timeout_ms: None,
            idempotency_key: None,
            max_retry_after_ms: None,
            signal: None,
        }
    }
}

impl<S> CallOptions<S> {
    /// Reads the JSON options of a call (`timeoutMs`, `idempotencyKey`, `maxRetryAfterMs`;
    /// other keys are not read). A bad `idempotencyKey` or `maxRetryAfterMs` is a validation
    /// error at `["options", <key>]` (nothing is sent); a bad `timeoutMs` is ignored (the
    /// client's applies), as it always was.
    pub fn from_json(map: &Map<String, Value>, signal: Option<S>) -> Result<Self, ProviderError> {
        let max_retry_after_ms =
            match map.get("maxRetryAfterMs") {
                None | Some(Value::Null) => None,
                Some(v) => match v.as_f64().filter(|n| n.is_finite() && *n >= 0.0) {
                    Some(n) => Some(n.min(retry::MAX_RETRY_AFTER_MS as f64) as u64),
                    None => return Err(option_error(
                        "maxRetryAfterMs",
                        Code::InvalidType,
                        "options.maxRetryAfterMs must be a non-negative number of milliseconds."
                            .into(),
                    )),
                },
            };
        Ok(CallOptions {
            timeout_ms: map
                .get("timeoutMs")
                .and_then(Value::as_f64)
                .filter(|n| n.is_finite() && *n > 0.0),
            idempotency_key: idempotency_key_option(map)?,
            max_retry_after_ms,
            signal,
        })
    }
}

/// The per-call `idempotencyKey` option: absent, or a string a header can carry (at most
/// `request::MAX_REQUEST_ID_CHARS`); otherwise a validation error at `["options", "idempotencyKey"]`.
fn idempotency_key_option(opts: &Map<String, Value>) -> Result<Option<String>, ProviderError> {
    let (code, message) = match opts.get("idempotencyKey") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.is_empty() => return Ok(None),
        Some(Value::String(s)) if s.starts_with(request::UNREADABLE_MARKER) => {
            let reason = s
                .get(request::UNREADABLE_MARKER.len()..)
                .unwrap_or_default();
            (
                Code::InvalidType,
                crate::text::concat(&["options.idempotencyKey cannot be read (", reason, ")."]),
            )
        }
        Some(Value::String(s)) => {
            match request::check_header_text(s, request::MAX_REQUEST_ID_CHARS) {
                Ok(()) => return Ok(Some(s.clone())),
                Err((code, why)) => (
                    code,
                    crate::text::concat(&["options.idempotencyKey ", &why, "."]),
                ),
            }
        }
        Some(_) => (
            Code::InvalidType,
            String::from("options.idempotencyKey must be a string."),
        ),
    };
    Err(option_error("idempotencyKey", code, message))
}

/// A call option that cannot be used: a validation error at `["options", key]` (nothing is
/// sent). One out-of-line copy of the error's construction for every option.
#[inline(never)]
fn option_error(key: &'static str, code: Code, message: String) -> ProviderError {
    ProviderError::validation(vec![Issue::new(
        vec![PathSeg::from("options"), PathSeg::from(key)],
        code,
        message,
    )])
}

/// What a successful call resolves to.
#[derive(Clone, Debug, PartialEq)]
pub struct Success {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The parsed body (`null` for an empty 204/205).
    pub data: Value,
    /// The logical request's id: M2P's `X-Request-ID`, or the generated field (Access Bank
    /// `requestId`).
    pub request_id: Option<String>,
}

/// A hook: receives each request sent (`onRequest`) or answer read (`onResponse`) as JSON, with
/// every secret masked or redacted.
pub type Hook = Box<dyn Fn(&Value)>;

/// A token request, as a future the client keeps.
type TokenFuture = Pin<Box<dyn Future<Output = Result<token::Token, ProviderError>>>>;

/// A token request in flight, driven by whichever waiting call polls it, its result kept for
/// every call that waited on it.
struct Flight {
    future: RefCell<Option<TokenFuture>>,
    result: RefCell<Option<Result<(token::Token, f64), ProviderError>>>,
    wakers: Arc<WakeAll>,
}

/// Pushes `secret` when it is long enough to redact ([`MIN_REDACTED_LEN`]): `secrets` filters as
/// it goes (an `extend` of the issued tokens' clones and a `retain` afterwards were copies of
/// `extend_trusted`, `Cloned::fold` and `retain_mut` for `String` in the wasm).
fn push_long(out: &mut Vec<String>, secret: String) {
    if secret.len() >= MIN_REDACTED_LEN {
        out.push(secret);
    }
}

/// Wakes every call waiting on a [`Flight`].
struct WakeAll(Mutex<Vec<Waker>>);

impl WakeAll {
    /// The waiting calls' wakers, locked (`None`: poisoned). In the wasm (one thread, and no guard
    /// is held across a wake or a poll) with `try_lock`, which cannot find the lock held there:
    /// std's `lock` on a target without threads asserts that it is not held, and that `assert_eq!`
    /// kept core's `Debug` formatting of its operands and its panic location in the full wasm.
    /// Natively `lock`: a waker may be woken from another thread.
    fn waiting(&self) -> Option<std::sync::MutexGuard<'_, Vec<Waker>>> {
        #[cfg(target_arch = "wasm32")]
        let guard = self.0.try_lock().ok();
        #[cfg(not(target_arch = "wasm32"))]
        let guard = self.0.lock().ok();
        guard
    }
}

impl Wake for WakeAll {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        let wakers = match self.waiting() {
            Some(mut w) => std::mem::take(&mut *w),
            None => Vec::new(),
        };
        for w in wakers {
            w.wake();
        }
    }
}

struct Inner<T: Transport, R: Runtime<Signal = T::Signal>> {
    provider: &'static Provider,
    config: Map<String, Value>,
    settings: Settings,
    transport: Rc<T>,
    runtime: R,
    on_request: Option<Hook>,
    on_response: Option<Hook>,
    tokens: RefCell<token::TokenCache>,
    flight: RefCell<Option<Rc<Flight>>>,
    /// Tokens this client obtained and Hawk MACs it sent (the latest few), kept to be redacted.
    issued: RefCell<Vec<String>>,
}

/// A client for one provider over transport `T` and runtime `R`. Cloning shares the client (its
/// token cache and token request in flight).
pub struct Client<T: Transport, R: Runtime<Signal = T::Signal>> {
    inner: Rc<Inner<T, R>>,
}

impl<T: Transport, R: Runtime<Signal = T::Signal>> Clone for Client<T, R> {
    fn clone(&self) -> Self {
        Client {
            inner: self.inner.clone(),
        }
    }
}

/// A client's config, read: the credentials and options map, and its settings.
pub struct Config {
    /// Credentials and options (`baseUrl`, `environment`, `contentType`, the provider's
    /// `[auth] config` keys); checked with [`request::config_issues`].
    pub map: Map<String, Value>,
    /// Limits and retries.
    pub settings: Settings,
    /// Called before each send.
    pub on_request: Option<Hook>,
    /// Called after each answer.
    pub on_response: Option<Hook>,
}

impl Config {
    /// A config from JSON credentials and options (settings read from the same map).
    pub fn from_map(map: Map<String, Value>) -> Result<Config, String> {
        let settings = Settings::from_config(&map)?;
        Ok(Config {
            map,
            settings,
            on_request: None,
            on_response: None,
        })
    }
}

impl<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static> Client<T, R> {
    /// A client for `provider`. `Err` for a credential or option that cannot travel (the issues
    /// `buildRequest` reports at `["config", <key>]`), joined into one message.
    pub fn new(
        provider: &'static Provider,
        config: Config,
        transport: T,
        runtime: R,
    ) -> Result<Self, String> {
        let issues = request::config_issues(provider, &config.map);
        if !issues.is_empty() {
            let text: Vec<String> = issues.iter().map(request::issue_text).collect();
            return Err(crate::text::join(text.iter().map(String::as_str), " "));
        }
        Ok(Client::checked(provider, config, transport, runtime))
    }

    /// [`Client::new`] for a config whose [`request::config_issues`] were found empty already
    /// (the wasm's `Client` constructor checks them first, to throw its own `TypeError`).
    pub(crate) fn checked(
        provider: &'static Provider,
        config: Config,
        transport: T,
        runtime: R,
    ) -> Self {
        Client {
            inner: Rc::new(Inner {
                provider,
                config: config.map,
                settings: config.settings,
                transport: Rc::new(transport),
                runtime,
                on_request: config.on_request,
                on_response: config.on_response,
                tokens: RefCell::new(token::TokenCache::default()),
                flight: RefCell::new(None),
                issued: RefCell::new(Vec::new()),
            }),
        }
    }

    /// The provider this client sends to.
    pub fn provider(&self) -> &'static Provider {
        self.inner.provider
    }

    /// Validates, builds and sends `op` (an operation of this client's provider). Every failure
    /// is an `Err` with the client's secrets redacted from it.
    pub async fn send(
        &self,
        op: &'static Operation,
        input: Value,
        options: CallOptions<T::Signal>,
    ) -> Result<Success, ProviderError> {
        let call = self
            .check(op, &input)
            .and_then(|today| Call::new(self, op, input, &options, today));
        self.drive(call, options.signal).await
    }

    /// [`send`](Self::send) with the call's options as JSON (`timeoutMs`, `idempotencyKey`,
    /// `maxRetryAfterMs`), read after the input is validated (so invalid input is reported first).
    pub async fn send_json(
        &self,
        op: &'static Operation,
        input: Value,
        options: &Map<String, Value>,
        signal: Option<T::Signal>,
    ) -> Result<Success, ProviderError> {
        let call = self
            .check_provider(op)
            .and_then(|()| self.start_json(op, input, options));
        self.drive(call, signal).await
    }

    /// [`send_json`](Self::send_json) for an operation of this client's provider (the caller
    /// has checked: the wasm's `send` rejects another provider's operation itself), with its
    /// first steps (the input checked, the options read, the call's ids fixed) taken when called,
    /// the future being only the async loop: one state machine fewer around `drive` in the wasm,
    /// whose `send` calls it inside the future it spawns (so those steps still run at that
    /// future's first poll, as `send_json`'s did).
    #[cfg(target_arch = "wasm32")] // the wasm's `send` is its one caller
    pub(crate) fn send_json_started(
        &self,
        op: &'static Operation,
        input: Value,
        options: &Map<String, Value>,
        signal: Option<T::Signal>,
    ) -> impl Future<Output = Result<Success, ProviderError>> + '_ {
        let call = self.start_json(op, input, options);
        self.drive(call, signal)
    }

    /// The steps of [`send_json`](Self::send_json) before anything is sent, once the operation
    /// is known to be this client's provider's: the input checked, the options read, the call's
    /// ids fixed. Out of line (measured: -335 B gzip -9 of the full wasm): inlined, the cdylib
    /// link's LTO put these steps (the input's validation, the options, `Call::new`) inside the
    /// wasm `send`'s future, whose state machine carried them at a cost.
    #[inline(never)]
    fn start_json(
        &self,
        op: &'static Operation,
        input: Value,
        options: &Map<String, Value>,
    ) -> Result<Call, ProviderError> {
        let today = self.check_input(op, &input)?;
        let opts = CallOptions::<()>::from_json(options, None)?;
        Call::new(self, op, input, &opts, today)
    }

    /// The one asynchronous loop of a call: it performs what [`Call`] decides (sleep, wait for
    /// the shared token request, send) and hands each outcome back to it. Every decision is in
    /// `Call`'s plain functions.
    async fn drive(
        &self,
        call: Result<Call, ProviderError>,
        signal: Option<T::Signal>,
    ) -> Result<Success, ProviderError> {
        let signal = signal.as_ref();
        let cancelled = || signal.is_some_and(Cancel::cancelled);
        let result = match call {
            Err(e) => Err(e),
            Ok(mut call) => {
                let mut step = call.begin(self, cancelled());
                loop {
                    step = match step {
                        Step::Done(result) => break result,
                        Step::Sleep(ms) => {
                            self.inner.runtime.sleep(ms, signal).await;
                            call.attempt += 1;
                            call.begin(self, cancelled())
                        }
                        Step::Token(flight, wait) => {
                            let sleep = std::pin::pin!(self.inner.runtime.sleep(wait, signal));
                            let now = || self.now();
                            let _ = first(flight_done(&flight, &now), sleep).await;
                            call.on_token(self, &flight, cancelled())
                        }
                        Step::Send(request, limit) => {
                            let answer = self.inner.transport.send(&request, limit, signal).await;
                            call.on_answer(self, answer, cancelled())
                        }
                    }
                }
            }
        };
        result.map_err(|e| self.redact_error(e))
    }

    /// The operation belongs to this client's provider and the input is valid (today's date, by
    /// the runtime's clock, for date rules); else the validation error.
    fn check(
        &self,
        op: &'static Operation,
        input: &Value,
    ) -> Result<crate::rules::CivilDate, ProviderError> {
        self.check_provider(op)?;
        self.check_input(op, input)
    }

    /// The operation belongs to this client's provider; else the validation error.
    fn check_provider(&self, op: &'static Operation) -> Result<(), ProviderError> {
        if std::ptr::eq(op.provider, self.inner.provider) {
            return Ok(());
        }
        Err(ProviderError::new(
            ErrorKind::Validation,
            crate::text::concat(&[
                op.id,
                " belongs to ",
                op.provider.key,
                ", not to this ",
                self.inner.provider.key,
                " client.",
            ]),
        ))
    }

    /// The input is valid for `op` (today's date, by the runtime's clock, for date rules); else
    /// the validation error.
    fn check_input(
        &self,
        op: &'static Operation,
        input: &Value,
    ) -> Result<crate::rules::CivilDate, ProviderError> {
        let today = crate::rules::CivilDate::from_unix_days(crate::clock::unix_day(self.now()));
        let issues = validate::issues(op, input, today);
        if issues.is_empty() {
            Ok(today)
        } else {
            Err(ProviderError::validation(issues))
        }
    }
}

/// `text` with every occurrence of each of `secrets` replaced by `[redacted]`.
pub fn redact(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets {
        if crate::text::contains(&out, s) {
            out = crate::text::replace(&out, s, "[redacted]");
        }
    }
    out
}

fn aborted() -> ProviderError {
    let mut e = ProviderError::new(
        ErrorKind::Network,
        "Aborted by the caller's signal; nothing more will be sent.",
    );
    e.retryable = false;
    e
}

fn too_large(status: u16) -> ProviderError {
    let mut e = ProviderError::new(
        ErrorKind::Decode,
        crate::text::concat(&[
            "The response body is larger than ",
            &crate::text::decimal(MAX_RESPONSE_BYTES as u64),
            " bytes and was not read.",
        ]),
    );
    e.status = Some(status);
    e.retryable = false;
    e
}

/// A transport failure as the error it reports, and whether the request may have been delivered.
fn lost(e: TransportError, timeout_ms: u64) -> (ProviderError, bool) {
    match e {
        TransportError::Failed { detail, delivered } => {
            (ProviderError::network(&detail), delivered)
        }
        TransportError::TimedOut => (ProviderError::timeout(timeout_ms), true),
        TransportError::Aborted => (aborted(), true),
        TransportError::TooLarge { status } => (too_large(status), true),
        TransportError::Refused(message) => {
            (ProviderError::new(ErrorKind::Validation, message), false)
        }
    }
}

/// A hook event's first members (`operation`, `attempt`), its object left open.
fn hook_event(op: &Operation, sends: u32) -> crate::json::Writer {
    let mut w = crate::json::Writer::new();
    w.open();
    w.key("operation").str(op.id);
    w.key("attempt").uint(u64::from(sends));
    w
}

/// A token endpoint's failure as kind `auth`, its message saying so.
fn token_failure(mut e: ProviderError) -> ProviderError {
    e.kind = ErrorKind::Auth;
    e.message = crate::text::concat(&["Could not obtain an access token: ", &e.message]);
    e
}

/// Polls `a` and `b` until one is ready: `Ok` with `a`'s output, `Err(())` when `b` came first.
/// A plain function returning a poll_fn over two pinned futures (not an `async fn`: one state
/// machine fewer in the wasm).
fn first<A: Future + Unpin, B: Future + Unpin>(
    mut a: A,
    mut b: B,
) -> impl Future<Output = Result<A::Output, ()>> {
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(v) = Pin::new(&mut a).poll(cx) {
            return Poll::Ready(Ok(v));
        }
        if Pin::new(&mut b).poll(cx).is_ready() {
            return Poll::Ready(Err(()));
        }
        Poll::Pending
    })
}

/// Waits for `flight` to end, driving its token request; the token is stamped with `now_ms()`
/// when its answer is read.
fn flight_done<'a>(
    flight: &'a Flight,
    now_ms: &'a dyn Fn() -> f64,
) -> impl Future<Output = ()> + Unpin + 'a {
    // A plain function returning the poll_fn (not an `async fn` around it: one state machine
    // fewer in the wasm).
    std::future::poll_fn(move |cx: &mut Context<'_>| {
        if flight.result.borrow().is_some() {
            return Poll::Ready(());
        }
        if let Some(mut w) = flight.wakers.waiting() {
            if !w.iter().any(|x| x.will_wake(cx.waker())) {
                w.push(cx.waker().clone());
            }
        }
        // Driven by one poller at a time (a re-entrant poll finds the slot empty and waits).
        let Some(mut fut) = flight.future.borrow_mut().take() else {
            return Poll::Pending;
        };
        let waker = Waker::from(flight.wakers.clone());
        match fut.as_mut().poll(&mut Context::from_waker(&waker)) {
            Poll::Ready(r) => {
                *flight.result.borrow_mut() = Some(r.map(|t| (t, now_ms())));
                flight.wakers.wake_by_ref();
                Poll::Ready(())
            }
            Poll::Pending => {
                *flight.future.borrow_mut() = Some(fut);
                Poll::Pending
            }
        }
    })
}

impl<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static> Client<T, R> {
    fn str(&self, key: &str) -> Option<&str> {
        self.inner
            .config
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    fn environment(&self) -> Environment {
        self.str("environment")
            .and_then(Environment::parse)
            .unwrap_or_default()
    }

    fn encoding(&self) -> Option<Encoding> {
        match self.str("contentType") {
            Some("json") => Some(Encoding::Json),
            Some("form") => Some(Encoding::Form),
            _ => None,
        }
    }

    /// Every value that must not be reported back: the configured credentials whose key names a
    /// key, a secret or a token (ids such as `merchantId` are not secret), the Basic form of a
    /// Basic credential, and the tokens and MACs this client obtained or sent.
    fn secrets(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for key in self.inner.provider.config_keys {
            let lower = key.to_ascii_lowercase();
            if !(crate::text::contains(&lower, "key")
                || crate::text::contains(&lower, "secret")
                || crate::text::contains(&lower, "token"))
            {
                continue;
            }
            if let Some(v) = self.str(key) {
                push_long(&mut out, v.to_owned());
                if self.inner.provider.headers.iter().any(|h| {
                    crate::text::contains(
                        h.value,
                        &crate::text::concat(&["{basic:config.", key, "}"]),
                    )
                }) {
                    push_long(
                        &mut out,
                        encode::base64(crate::text::concat(&[v, ":"]).as_bytes()),
                    );
                }
            }
        }
        for s in self.inner.issued.borrow().iter() {
            push_long(&mut out, s.clone());
        }
        out
    }

    fn remember(&self, secret: &str) {
        let mut issued = self.inner.issued.borrow_mut();
        if secret.len() >= MIN_REDACTED_LEN && !issued.iter().any(|s| s == secret) {
            if issued.len() >= MAX_REMEMBERED_SECRETS {
                issued.remove(0);
            }
            issued.push(secret.to_owned());
        }
    }

    /// The error with the client's secrets removed from everything it reports: a server may echo
    /// the request's headers into its body (hence `raw`, messages and field errors), and a
    /// failing transport may quote them.
    fn redact_error(&self, mut e: ProviderError) -> ProviderError {
        let secrets = self.secrets();
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

    fn uuid(&self) -> Result<String, ProviderError> {
        let mut bytes = [0u8; 16];
        if self.inner.runtime.fill_random(&mut bytes) {
            Ok(encode::uuid_v4(bytes))
        } else {
            Err(ProviderError::new(
                ErrorKind::Network,
                "No secure random source (crypto.getRandomValues).",
            ))
        }
    }

    /// A random fraction in `0..=1` for the backoff's jitter (0.5 without a random source).
    fn jitter(&self) -> f64 {
        let mut b = [0u8; 4];
        if self.inner.runtime.fill_random(&mut b) {
            f64::from(u32::from_le_bytes(b)) / f64::from(u32::MAX)
        } else {
            0.5
        }
    }

    fn now(&self) -> f64 {
        self.inner.runtime.now_ms()
    }

    /// Calls `hook` (if set) with the event `make` writes (an open object, closed here), read
    /// into a [`Value`]: written as JSON text rather than inserted into a map member by member
    /// (smaller in the wasm; the same value, as a map sorts its keys either way).
    fn call_hook(&self, hook: &Option<Hook>, make: impl FnOnce() -> crate::json::Writer) {
        if let Some(f) = hook {
            let mut w = make();
            w.close();
            if let Some(event) = encode::parse_json(&w.finish()) {
                f(&event);
            }
        }
    }

    /// Whether this call gets its bearer token from the provider's token endpoint: a token flow,
    /// no token given in the config, and the flow's credentials present.
    fn uses_token_flow(&self) -> bool {
        let Some(flow) = providers::rules(self.inner.provider.key).and_then(|r| r.token.as_ref())
        else {
            return false;
        };
        // The flow's credentials read in place (as `providers::token_credentials_present` does,
        // without a copy of each value and a second look-up of the rules).
        self.str(flow.given_token).is_none()
            && flow.credentials.iter().all(|k| self.str(k).is_some())
    }

    /// The bearer token while the cache holds a fresh one.
    fn cached_token(&self) -> Option<String> {
        self.inner
            .tokens
            .borrow()
            .get(self.now())
            .map(str::to_owned)
    }

    /// The token request in flight, or a new one: shared by every call that arrives while it is
    /// in flight.
    fn token_flight(&self) -> Rc<Flight> {
        let existing = self.inner.flight.borrow().clone();
        match existing {
            Some(f) => f,
            None => {
                let f = Rc::new(Flight {
                    future: RefCell::new(Some(Box::pin(fetch_token(
                        self.inner.provider,
                        token_request(self.inner.provider, &self.inner.config),
                        self.inner.transport.clone(),
                        self.inner.settings.timeout_ms,
                    )))),
                    result: RefCell::new(None),
                    wakers: Arc::new(WakeAll(Mutex::new(Vec::new()))),
                });
                *self.inner.flight.borrow_mut() = Some(f.clone());
                f
            }
        }
    }

    /// A call's token once it stopped waiting on `flight` (at its deadline, when its signal was
    /// cancelled, or when the request ended). The first call to see the result files it (the
    /// token into the cache); the shared request goes on for the others.
    fn token_result(
        &self,
        flight: &Rc<Flight>,
        started: f64,
        cancelled: bool,
    ) -> Result<String, ProviderError> {
        if cancelled {
            return Err(aborted());
        }
        // Read in place: this call's copy is the token text or the error (not the whole result
        // cloned first).
        let result = flight.result.borrow();
        match result.as_ref() {
            Some(r) => {
                let current = self
                    .inner
                    .flight
                    .borrow()
                    .as_ref()
                    .is_some_and(|f| Rc::ptr_eq(f, flight));
                if current {
                    *self.inner.flight.borrow_mut() = None;
                    if let Ok((t, read_at)) = r {
                        self.remember(&t.access_token);
                        // Stored as obtained when its answer was read (at most one round trip
                        // late, which the refresh margin covers), even if this call came later.
                        self.inner.tokens.borrow_mut().store(t.clone(), *read_at);
                    }
                }
                match r {
                    Ok((t, _)) => Ok(t.access_token.clone()),
                    Err(e) => Err(e.clone()),
                }
            }
            None => Err(ProviderError::timeout(
                (self.now() - started).max(0.0) as u64
            )),
        }
    }
}

/// What a call does next: the decision of [`Call`]'s plain functions, performed by
/// `Client::drive` (the only code of a call that awaits).
enum Step {
    /// Wait this many milliseconds (cut short by the caller's signal), then start the next
    /// attempt ([`Call::begin`]).
    Sleep(u64),
    /// Wait (at most this many milliseconds) for the shared token request, then
    /// [`Call::on_token`].
    Token(Rc<Flight>, u64),
    /// Send this request within this attempt limit (ms), then [`Call::on_answer`].
    Send(request::Request, u64),
    /// The call's result.
    Done(Result<Success, ProviderError>),
}

/// One logical call between its awaits: what was fixed once (generated fields, the request id,
/// the retry rules, the deadline) and where it is (attempts, sends, the token renewal). Its
/// functions decide every step; none awaits.
struct Call {
    op: &'static Operation,
    /// The input, generated fields filled in (so that retries repeat them).
    input: Value,
    today: crate::rules::CivilDate,
    /// M2P's `X-Request-ID`: the caller's idempotency key or a fresh UUID.
    request_id: Option<String>,
    /// The first generated field's value (Access Bank `requestId`).
    logical_id: Option<String>,
    /// May the client send it again (a PUT; an M2P call with its X-Request-ID)?
    retry_safe: bool,
    /// May the caller, once the client gives up: only with a key it holds (its own
    /// idempotencyKey; a generated id is reported in the error's message so that it can be
    /// reused).
    caller_may_repeat: bool,
    policy: retry::Policy,
    /// Each attempt's limit.
    timeout_ms: f64,
    start: f64,
    deadline: f64,
    /// Retries counted against the budget.
    attempt: u32,
    /// What the hooks report as `attempt`: every send counts, the one after a token renewal
    /// too.
    sends: u32,
    /// Whether the token was renewed after a 401 (once per call).
    renewed: bool,
    /// The bearer token of the last send.
    used_token: Option<String>,
    /// The last send's attempt limit.
    limit: f64,
    /// When this call started waiting for the token request.
    token_from: f64,
}

impl Call {
    /// Fixes the call's generated fields (once per logical request, so retries repeat them), its
    /// request id, retry rules and deadline.
    fn new<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static, S>(
        client: &Client<T, R>,
        op: &'static Operation,
        mut input: Value,
        opts: &CallOptions<S>,
        today: crate::rules::CivilDate,
    ) -> Result<Call, ProviderError> {
        let mut logical_id: Option<String> = None;
        if let Some(map) = input.as_object_mut() {
            for f in op.input.fields {
                // The first generated field's value is the logical id (set in place: no
                // `Option::get_or_insert` in the wasm for these two sites).
                if f.generate == Some(Generator::UuidV4) && !map.contains_key(f.name) {
                    let id = client.uuid()?;
                    map.insert(f.name.to_owned(), Value::String(id.clone()));
                    if logical_id.is_none() {
                        logical_id = Some(id);
                    }
                } else if f.generate.is_some() && logical_id.is_none() {
                    logical_id = map.get(f.name).and_then(Value::as_str).map(str::to_owned);
                }
            }
        }
        let idempotency_key = opts.idempotency_key.as_ref();
        let sends_request_id = op
            .provider
            .headers
            .iter()
            .any(|h| crate::text::contains(h.value, "{request_id}"));
        let request_id = if sends_request_id {
            Some(match idempotency_key {
                Some(k) => k.clone(),
                None => client.uuid()?,
            })
        } else {
            None
        };
        let retry_safe = retry::operation_retry_safe(op, request_id.is_some());
        let caller_may_repeat = retry::is_retry_safe(op.method.as_str(), false)
            || (retry_safe && idempotency_key.is_some());
        let settings = client.inner.settings;
        let policy = retry::Policy {
            max_retries: settings.retries,
            max_retry_after_ms: opts
                .max_retry_after_ms
                .unwrap_or(settings.max_retry_after_ms),
            ..retry::Policy::default()
        };
        let timeout_ms = opts.timeout_ms.unwrap_or(settings.timeout_ms);
        let start = client.now();
        Ok(Call {
            op,
            input,
            today,
            request_id,
            logical_id,
            retry_safe,
            caller_may_repeat,
            policy,
            timeout_ms,
            start,
            deadline: start + settings.total_ms.max(timeout_ms),
            attempt: 0,
            sends: 0,
            renewed: false,
            used_token: None,
            limit: 0.0,
            token_from: start,
        })
    }

    /// The policy's wait before the next attempt, when the budget and the deadline allow one.
    fn next_wait<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static>(
        &self,
        client: &Client<T, R>,
        retry_after: Option<u64>,
    ) -> Option<u64> {
        self.policy
            .delay_ms(self.attempt, retry_after, client.jitter())
            .filter(|wait| client.now() + (*wait as f64) < self.deadline)
    }

    /// An attempt's start: stop if the caller cancelled; the bearer token (cached, or wait for
    /// the shared token request); else build and send.
    fn begin<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static>(
        &mut self,
        client: &Client<T, R>,
        cancelled: bool,
    ) -> Step {
        if cancelled {
            return Step::Done(Err(aborted()));
        }
        if !client.uses_token_flow() {
            return self.build(client, None);
        }
        if let Some(token) = client.cached_token() {
            return self.build(client, Some(token));
        }
        let flight = client.token_flight();
        self.token_from = client.now();
        let wait = (self.deadline - self.token_from).max(0.0) as u64;
        Step::Token(flight, wait)
    }

    /// The wait for the token request has ended: build and send with the token, or (the token
    /// endpoint failed, kind auth: nothing of the operation was sent) retry a retryable failure
    /// (429, 5xx, no answer) by the policy. Out of line, as `start_json` and `on_answer`
    /// (measured: -66 B gzip -9 of the full wasm, on top of them).
    #[inline(never)]
    fn on_token<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static>(
        &mut self,
        client: &Client<T, R>,
        flight: &Rc<Flight>,
        cancelled: bool,
    ) -> Step {
        match client.token_result(flight, self.token_from, cancelled) {
            Ok(token) => self.build(client, Some(token)),
            Err(e) => {
                if e.retryable && !cancelled {
                    if let Some(wait) = self.next_wait(client, None) {
                        return Step::Sleep(wait);
                    }
                }
                Step::Done(Err(e))
            }
        }
    }

    /// Builds and signs the attempt's request (the one signing path, buildRequest's too: a fresh
    /// nonce, the runtime's clock), reports it to `onRequest`, and sends it within what is left
    /// of the deadline.
    fn build<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static>(
        &mut self,
        client: &Client<T, R>,
        token: Option<String>,
    ) -> Step {
        match self.request(client, token) {
            Ok((request, limit)) => Step::Send(request, limit),
            Err(e) => Step::Done(Err(e)),
        }
    }

    fn request<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static>(
        &mut self,
        client: &Client<T, R>,
        token: Option<String>,
    ) -> Result<(request::Request, u64), ProviderError> {
        let op = self.op;
        self.used_token = token.clone();
        let runtime = &client.inner.runtime;
        let mut random = |b: &mut [u8]| runtime.fill_random(b);
        let mut secrets = auth::ConfigSecrets::new(&client.inner.config, client.now(), &mut random);
        secrets.token = token;
        let options = Options {
            base_url: client.str("baseUrl"),
            encoding: client.encoding(),
            request_id: self.request_id.as_deref(),
            environment: client.environment(),
        };
        let built = request::build(op, &self.input, &options, &mut secrets, self.today)
            .map_err(ProviderError::validation)?;
        // No random source: kind network, as the client's own UUIDs; a Hawk refusal: kind auth
        // (one `message` for both).
        if let Some(e) = secrets.failed.take() {
            let kind = match e {
                auth::SecretsError::NoRandom(_) => ErrorKind::Network,
                auth::SecretsError::Hawk(_) => ErrorKind::Auth,
            };
            return Err(ProviderError::new(kind, e.message()));
        }
        // A Hawk MAC is a credential for its request: remembered so that an echo is redacted.
        if let Some(mac) = secrets.last_mac.take() {
            client.remember(&mac);
        }
        let req = built.request;
        if let Some(message) = request::unsendable_header(op, &req) {
            return Err(ProviderError::new(ErrorKind::Validation, message));
        }
        self.sends += 1;
        let sends = self.sends;
        client.call_hook(&client.inner.on_request, || {
            let secrets = client.secrets();
            let mut w = hook_event(op, sends);
            w.key("method").str(req.method);
            w.key("url").str(&redact(&req.url, &secrets));
            w.key("headers").open();
            for (k, v) in request::masked_headers(op, &req) {
                w.key(&k).str(&v);
            }
            w.close();
            w.key("body")
                .opt_str(req.body.as_deref().map(|b| redact(b, &secrets)).as_deref());
            w
        });
        let remaining = self.deadline - client.now();
        if remaining <= 0.0 {
            return Err(ProviderError::timeout((client.now() - self.start) as u64));
        }
        self.limit = self.timeout_ms.min(remaining);
        Ok((req, self.limit.max(0.0) as u64))
    }

    /// An attempt's answer (or its failure), read: the call's success; the token renewed once
    /// after a 401; a retry after the policy's wait; or the error (`OutcomeUnknown` when the
    /// request may have been applied and cannot safely be repeated). Out of line, as
    /// `start_json` (measured: -156 B gzip -9 of the full wasm, on top of it).
    #[inline(never)]
    fn on_answer<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static>(
        &mut self,
        client: &Client<T, R>,
        answer: Result<Response, TransportError>,
        cancelled: bool,
    ) -> Step {
        let op = self.op;
        // A failure after the request went out (reset, timeout) may hide an applied update.
        let mut lost_answer = false;
        let (status, retry_after, outcome) = match answer {
            Ok(r) if r.body.len() > MAX_RESPONSE_BYTES => {
                (Some(r.status), None, Outcome::Failure(too_large(r.status)))
            }
            Ok(r) => {
                let sends = self.sends;
                client.call_hook(&client.inner.on_response, || {
                    let mut w = hook_event(op, sends);
                    w.key("status").uint(u64::from(r.status));
                    // The body as received, less the client's secrets (a server may echo them).
                    w.key("body").str(&redact(&r.body, &client.secrets()));
                    w
                });
                let (retry_after, outcome) = read_answer(op, &r, client.now());
                (Some(r.status), retry_after, outcome)
            }
            Err(e) => {
                let (error, delivered) = lost(e, self.limit as u64);
                lost_answer = delivered
                    && error.retryable
                    && matches!(error.kind, ErrorKind::Network | ErrorKind::Timeout);
                (None, None, Outcome::Failure(error))
            }
        };
        let mut error = match outcome {
            Outcome::Success(data) => {
                return Step::Done(Ok(Success {
                    status: status.unwrap_or(200),
                    data,
                    request_id: self.request_id.take().or(self.logical_id.take()),
                }));
            }
            Outcome::Failure(e) => e,
        };
        error.retry_after_ms = retry_after;
        if status == Some(401) && !self.renewed {
            if let Some(used) = self.used_token.as_deref() {
                // The cached token was refused: renew it once and try again. Only that token
                // is forgotten: a 401 arriving after another call has already renewed it must
                // not throw the new token away.
                let mut cache = client.inner.tokens.borrow_mut();
                if cache.entry().is_some_and(|c| c.value() == used) {
                    cache.clear();
                }
                drop(cache);
                self.renewed = true;
                return self.begin(client, cancelled);
            }
        }
        if error.retryable && self.retry_safe && !cancelled {
            // The policy's wait: its backoff, or the server's Retry-After when longer (so
            // `Retry-After: 0` still waits the backoff); `None` when the budget is spent or
            // the Retry-After is longer than the policy waits (then the caller gets the
            // answer with its `retry_after_ms`).
            if let Some(wait) = self.next_wait(client, retry_after) {
                return Step::Sleep(wait);
            }
        }
        if lost_answer && !self.caller_may_repeat {
            return Step::Done(Err(ProviderError::outcome_unknown(
                &error,
                self.request_id.as_deref(),
            )));
        }
        Step::Done(Err(error))
    }
}

/// An operation's answer read: its `Retry-After` (ms from `now_ms`) and its outcome (a failure
/// carrying the answer's content type).
fn read_answer(op: &Operation, r: &Response, now_ms: f64) -> (Option<u64>, Outcome) {
    let content_type = r.header("content-type");
    let outcome = providers::interpret(op.provider.key, op.id, r.status, content_type, &r.body);
    let retry_after = r
        .header("retry-after")
        .and_then(|v| retry::parse_retry_after(v, now_ms));
    let outcome = match outcome {
        Outcome::Failure(mut e) => {
            e.content_type =
                content_type.map(|t| t.chars().filter(|c| !c.is_control()).take(200).collect());
            Outcome::Failure(e)
        }
        success => success,
    };
    (retry_after, outcome)
}

/// Requests a token from the provider's token endpoint (no caller signal: the request is shared
/// by every call waiting on it, and bounded by the attempt limit).
async fn fetch_token<T: Transport>(
    provider: &'static Provider,
    request: Result<request::Request, ProviderError>,
    transport: Rc<T>,
    timeout_ms: f64,
) -> Result<token::Token, ProviderError> {
    let request = request?;
    let limit = timeout_ms.max(0.0) as u64;
    let answer = transport.send(&request, limit, None).await;
    token_answer(provider, answer, limit)
}

/// The token endpoint's request, from the client's config.
fn token_request(
    provider: &'static Provider,
    config: &Map<String, Value>,
) -> Result<request::Request, ProviderError> {
    // Read in place (the environment and the base URL are not copied to be read).
    let text = |k: &str| {
        config
            .get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let environment = text("environment")
        .and_then(Environment::parse)
        .unwrap_or_default();
    let base = request::base_url(provider, text("baseUrl"), environment)
        .ok_or_else(|| ProviderError::validation(vec![request::no_production_host(provider)]))?;
    let tr = providers::token_request(provider, base, &|k| text(k).map(str::to_owned))
        .map_err(|m| ProviderError::new(ErrorKind::Auth, m))?;
    Ok(request::Request {
        method: "POST",
        url: tr.url,
        headers: tr.headers,
        body: Some(tr.body),
    })
}

/// The token endpoint's answer read (the token; the flight stamps when it was read). Every failure is kind `auth` (docs/providers.md#tokens); one with no
/// answer, a 429 or a 5xx stays retryable, and the call retries it by its policy. Out of line
/// (measured: -258 B gzip -9 of the full wasm): inlined, LTO put it inside `fetch_token`'s future.
#[inline(never)]
fn token_answer(
    provider: &'static Provider,
    answer: Result<Response, TransportError>,
    limit: u64,
) -> Result<token::Token, ProviderError> {
    let answer = match answer {
        Ok(r) if r.body.len() > MAX_RESPONSE_BYTES => Err(too_large(r.status)),
        Ok(r) => Ok(r),
        Err(e) => Err(lost(e, limit).0),
    }
    .map_err(token_failure)?;
    if !(200..300).contains(&answer.status) {
        let e = match providers::interpret(
            provider.key,
            "token",
            answer.status,
            answer.header("content-type"),
            &answer.body,
        ) {
            Outcome::Failure(e) => e,
            Outcome::Success(_) => ProviderError::new(ErrorKind::Auth, "The token request failed."),
        };
        let mut e = token_failure(e);
        e.retryable = retry::is_retryable_status(answer.status);
        return Err(e);
    }
    providers::parse_token(provider.key, &answer.body).map_err(|m| {
        let mut e = ProviderError::new(
            ErrorKind::Auth,
            crate::text::concat(&["Could not read the access token: ", &m]),
        );
        e.status = Some(answer.status);
        e
    })
}

/// A call's result as the JSON the JavaScript API resolves to: `{ ok: true, status, data,
/// requestId }` or `{ ok: false, error: { kind, status, providerCode, providerCategory, traceId,
/// message, issues, retryable, raw, retryAfterMs?, contentType? } }` (`retryAfterMs` only when the
/// provider's last answer carried a readable `Retry-After`, `contentType` when it had one).
pub fn result_json(result: &Result<Success, ProviderError>) -> String {
    result_json_with(result, |w, issues| {
        w.issues(issues);
    })
}

/// [`result_json`] with the error's issues written by `issues` (the wasm's `send` hands them to
/// the JS glue as records instead, and writes none here: rendering them would keep the whole
/// message catalog in the wasm).
pub(crate) fn result_json_with(
    result: &Result<Success, ProviderError>,
    issues: impl FnOnce(&mut crate::json::Writer, &[Issue]),
) -> String {
    use crate::rules::shapes::key;
    let mut w = crate::json::Writer::new();
    w.open();
    match result {
        Ok(s) => {
            w.key(key::OK).bool(true);
            w.key(key::STATUS).uint(u64::from(s.status));
            w.key(key::DATA).raw(&crate::encode::json(&s.data));
            w.key(key::REQUEST_ID).opt_str(s.request_id.as_deref());
        }
        Err(e) => {
            w.key(key::OK).bool(false);
            w.key(key::ERROR).open();
            w.key(key::KIND).str(e.kind.as_str());
            w.key(key::STATUS).opt_uint(e.status.map(u64::from));
            w.key(key::PROVIDER_CODE)
                .opt_str(e.provider_code.as_deref());
            w.key(key::PROVIDER_CATEGORY)
                .opt_str(e.provider_category.as_deref());
            w.key(key::TRACE_ID).opt_str(e.trace_id.as_deref());
            w.key(key::MESSAGE).str(&e.message);
            issues(w.key(key::ISSUES), &e.issues);
            w.key(key::RETRYABLE).bool(e.retryable);
            w.key(key::RAW).opt_str(e.raw.as_deref());
            if let Some(ms) = e.retry_after_ms {
                w.key(key::RETRY_AFTER_MS).uint(ms);
            }
            if let Some(t) = &e.content_type {
                w.key(key::CONTENT_TYPE).str(t);
            }
            w.close();
        }
    }
    w.close();
    w.finish()
}

/// The plain decision functions of a call, step by step, without the async loop: what
/// `Client::drive` would perform is read off each [`Step`].
#[cfg(test)]
mod steps {
    use super::*;
    use serde_json::json;
    use std::cell::Cell;
    use std::future::{pending, ready};

    /// 2026-01-01T00:00:00Z.
    const T0: f64 = 1_767_225_600_000.0;

    /// Never used: the steps are driven by hand.
    struct NoTransport;
    impl Transport for NoTransport {
        type Signal = ();
        fn send(
            &self,
            _: &request::Request,
            _: u64,
            _: Option<&()>,
        ) -> impl Future<Output = Result<Response, TransportError>> {
            pending()
        }
    }

    /// A clock that stands still unless moved; random bytes all 7.
    struct Clock(Cell<f64>);
    impl Runtime for Clock {
        type Signal = ();
        fn now_ms(&self) -> f64 {
            self.0.get()
        }
        fn sleep(&self, _: u64, _: Option<&()>) -> impl Future<Output = ()> {
            ready(())
        }
        fn fill_random(&self, buf: &mut [u8]) -> bool {
            buf.fill(7);
            true
        }
    }

    type TestClient = Client<NoTransport, Clock>;

    /// A client for the provider of operation `op` (named by an operation: provider keys stay in
    /// the provider modules).
    fn client(op: &str, config: Value) -> TestClient {
        let map = config.as_object().cloned().unwrap_or_default();
        let config = Config::from_map(map).unwrap();
        let provider = crate::operation(op).unwrap().provider;
        Client::new(provider, config, NoTransport, Clock(Cell::new(T0))).unwrap()
    }

    fn call(client: &TestClient, op: &str, opts: CallOptions<()>) -> Call {
        let op = crate::operation(op).unwrap();
        let input: Value = serde_json::from_str(op.example).unwrap();
        let today = client.check(op, &input).unwrap();
        Call::new(client, op, input, &opts, today).unwrap()
    }

    fn answer(
        status: u16,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<Response, TransportError> {
        Ok(Response {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.to_owned(),
        })
    }

    fn sent(step: Step) -> (request::Request, u64) {
        match step {
            Step::Send(request, limit) => (request, limit),
            _ => panic!("expected a send"),
        }
    }

    fn done(step: Step) -> Result<Success, ProviderError> {
        match step {
            Step::Done(result) => result,
            _ => panic!("expected the result"),
        }
    }

    fn gathr() -> TestClient {
        client(
            "gathr.updateCustomer",
            json!({ "token": "gathr-token-SECRET-0123" }),
        )
    }

    #[test]
    fn an_attempt_sends_the_built_request_within_the_attempt_limit() {
        let c = gathr();
        let mut call = call(&c, "gathr.updateCustomer", CallOptions::default());
        let (request, limit) = sent(call.begin(&c, false));
        assert_eq!(request.method, "PATCH");
        assert_eq!(
            request.header("Authorization"),
            Some("Bearer gathr-token-SECRET-0123")
        );
        assert_eq!(limit, DEFAULT_TIMEOUT_MS as u64);
        assert_eq!(call.sends, 1);
        // This call's own limit wins.
        let opts = CallOptions {
            timeout_ms: Some(1_500.0),
            ..CallOptions::default()
        };
        let mut call = super::steps::call(&c, "gathr.updateCustomer", opts);
        assert_eq!(sent(call.begin(&c, false)).1, 1_500);
    }

    #[test]
    fn a_cancelled_call_sends_nothing() {
        let c = gathr();
        let mut call = call(&c, "gathr.updateCustomer", CallOptions::default());
        let e = done(call.begin(&c, true)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Network);
        assert!(!e.retryable);
        assert_eq!(call.sends, 0);
    }

    #[test]
    fn a_2xx_answer_ends_the_call_with_its_data() {
        let c = gathr();
        let mut call = call(&c, "gathr.updateCustomer", CallOptions::default());
        let _ = sent(call.begin(&c, false));
        let ok = done(call.on_answer(&c, answer(200, &[], r#"{"id":"x"}"#), false)).unwrap();
        assert_eq!(ok.status, 200);
        assert_eq!(ok.data, json!({ "id": "x" }));
    }

    #[test]
    fn a_5xx_on_a_put_waits_the_backoff_until_the_budget_is_spent() {
        let c = client(
            "bvnk.updateCustomer",
            json!({ "hawkId": "hawk-id", "hawkKey": "hawk-key-SECRET-0123456789" }),
        );
        let mut call = call(&c, "bvnk.updateCustomer", CallOptions::default());
        let _ = sent(call.begin(&c, false));
        // Jitter from bytes 7,7,7,7: equal jitter over [150, 300] for the first retry.
        let Step::Sleep(wait) = call.on_answer(&c, answer(503, &[], "{}"), false) else {
            panic!("expected a wait");
        };
        assert!((150..=300).contains(&wait), "{wait}");
        // Retry-After longer than the backoff wins.
        call.attempt += 1;
        let _ = sent(call.begin(&c, false));
        let after = [("retry-after", "2")];
        let Step::Sleep(wait) = call.on_answer(&c, answer(503, &after, "{}"), false) else {
            panic!("expected a wait");
        };
        assert_eq!(wait, 2_000);
        // The default budget is two retries: the third 503 is the caller's.
        call.attempt += 1;
        let _ = sent(call.begin(&c, false));
        let e = done(call.on_answer(&c, answer(503, &after, "{}"), false)).unwrap_err();
        assert_eq!(e.status, Some(503));
        assert!(e.retryable);
        assert_eq!(e.retry_after_ms, Some(2_000));
        assert_eq!(call.sends, 3);
    }

    #[test]
    fn a_retry_after_beyond_the_limit_is_returned_not_slept() {
        let c = client(
            "bvnk.updateCustomer",
            json!({ "hawkId": "hawk-id", "hawkKey": "hawk-key-SECRET-0123456789" }),
        );
        let mut call = call(&c, "bvnk.updateCustomer", CallOptions::default());
        let _ = sent(call.begin(&c, false));
        let after = [("retry-after", "120")];
        let e = done(call.on_answer(&c, answer(429, &after, "{}"), false)).unwrap_err();
        assert_eq!(e.retry_after_ms, Some(120_000));
    }

    #[test]
    fn a_lost_answer_on_a_patch_is_outcome_unknown() {
        let c = gathr();
        let mut call = call(&c, "gathr.updateCustomer", CallOptions::default());
        let _ = sent(call.begin(&c, false));
        let e = done(call.on_answer(&c, Err(TransportError::TimedOut), false)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::OutcomeUnknown);
        assert!(!e.retryable);
        // Refused before sending: nothing was delivered, the error stays the network's.
        let mut call = super::steps::call(&c, "gathr.updateCustomer", CallOptions::default());
        let _ = sent(call.begin(&c, false));
        let refused = TransportError::Failed {
            detail: "connect ECONNREFUSED".into(),
            delivered: false,
        };
        let e = done(call.on_answer(&c, Err(refused), false)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Network);
    }

    #[test]
    fn the_deadline_bounds_the_attempt_limit_and_ends_the_call() {
        let c = gathr();
        let mut call = call(&c, "gathr.updateCustomer", CallOptions::default());
        // 1 s before the deadline: the attempt gets what is left.
        c.inner.runtime.0.set(call.deadline - 1_000.0);
        assert_eq!(sent(call.begin(&c, false)).1, 1_000);
        c.inner.runtime.0.set(call.deadline);
        let e = done(call.begin(&c, false)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Timeout);
    }

    fn m2p() -> TestClient {
        client(
            "m2p.updateCustomer",
            json!({ "tenantId": "T1", "clientId": "cid", "clientSecret": "m2p-secret-SECRET-0123" }),
        )
    }

    const TOKEN: &str =
        r#"{"access_token":"tok-1-abcdefgh","token_type":"Bearer","expires_in":3600}"#;

    #[test]
    fn a_token_flow_waits_for_the_token_then_sends_with_it_and_renews_once_after_a_401() {
        let c = m2p();
        let mut call = call(&c, "m2p.updateCustomerStatus", CallOptions::default());
        let Step::Token(flight, wait) = call.begin(&c, false) else {
            panic!("expected the token request");
        };
        assert_eq!(wait, (call.deadline - T0) as u64);
        // The token request's answer, as its future would file it.
        let token = token_answer(c.provider(), answer(200, &[], TOKEN), 1_000).map(|t| (t, T0));
        *flight.result.borrow_mut() = Some(token);
        let (request, _) = sent(call.on_token(&c, &flight, false));
        assert_eq!(
            request.header("Authorization"),
            Some("Bearer tok-1-abcdefgh")
        );
        // Filed: the next attempt takes it from the cache.
        assert_eq!(c.cached_token().as_deref(), Some("tok-1-abcdefgh"));
        // A 401: the cached token is dropped and a new token request is awaited, once.
        let Step::Token(..) = call.on_answer(&c, answer(401, &[], "{}"), false) else {
            panic!("expected a renewal");
        };
        assert!(call.renewed);
        assert_eq!(c.cached_token(), None);
    }

    #[test]
    fn a_retryable_token_failure_is_retried_by_the_policy() {
        let c = m2p();
        let mut call = call(&c, "m2p.updateCustomerStatus", CallOptions::default());
        let Step::Token(flight, _) = call.begin(&c, false) else {
            panic!("expected the token request");
        };
        let failed = token_answer(c.provider(), answer(503, &[], "{}"), 1_000).map(|t| (t, T0));
        *flight.result.borrow_mut() = Some(failed);
        let Step::Sleep(_) = call.on_token(&c, &flight, false) else {
            panic!("expected a wait");
        };
        // The wait ended without a result (the deadline): a timeout.
        let mut call = super::steps::call(&c, "m2p.updateCustomerStatus", CallOptions::default());
        let Step::Token(flight, _) = call.begin(&c, false) else {
            panic!("expected the token request");
        };
        call.attempt = 2;
        let e = done(call.on_token(&c, &flight, false)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Timeout);
        // Cancelled while waiting: aborted, not retried.
        let mut call = super::steps::call(&c, "m2p.updateCustomerStatus", CallOptions::default());
        let Step::Token(flight, _) = call.begin(&c, false) else {
            panic!("expected the token request");
        };
        let e = done(call.on_token(&c, &flight, true)).unwrap_err();
        assert!(!e.retryable);
    }

    #[test]
    fn token_answers_are_read_as_auth_failures_or_the_token() {
        let m2p = crate::operation("m2p.updateCustomer").unwrap().provider;
        let t = token_answer(m2p, answer(200, &[], TOKEN), 1_000).unwrap();
        assert_eq!(t.access_token, "tok-1-abcdefgh");
        let e = token_answer(m2p, answer(503, &[], "{}"), 1_000).unwrap_err();
        assert_eq!((e.kind, e.retryable), (ErrorKind::Auth, true));
        let e = token_answer(m2p, answer(400, &[], "{}"), 1_000).unwrap_err();
        assert_eq!((e.kind, e.retryable), (ErrorKind::Auth, false));
        assert!(e.message.starts_with("Could not obtain an access token: "));
        let e = token_answer(m2p, Err(TransportError::TimedOut), 1_000).unwrap_err();
        assert_eq!((e.kind, e.retryable), (ErrorKind::Auth, true));
        assert!(e.message.contains("1000 ms"), "{}", e.message);
        let e = token_answer(m2p, answer(200, &[], "{}"), 1_000).unwrap_err();
        assert_eq!((e.kind, e.status), (ErrorKind::Auth, Some(200)));
        let big = "x".repeat(MAX_RESPONSE_BYTES + 1);
        let e = token_answer(m2p, answer(200, &[], &big), 1_000).unwrap_err();
        assert_eq!((e.kind, e.retryable), (ErrorKind::Auth, false));
    }

    #[test]
    fn the_token_request_goes_to_the_configured_base() {
        let m2p = crate::operation("m2p.updateCustomer").unwrap().provider;
        let config = json!({ "tenantId": "T1", "clientId": "cid", "clientSecret": "s", "baseUrl": "https://m2p.test" });
        let request = token_request(m2p, config.as_object().unwrap()).unwrap();
        assert_eq!(request.method, "POST");
        assert!(
            request.url.starts_with("https://m2p.test/"),
            "{}",
            request.url
        );
        assert!(request.body.is_some());
    }

    #[test]
    fn an_answer_is_read_with_its_retry_after_and_content_type() {
        let op = crate::operation("gathr.updateCustomer").unwrap();
        let r = Response {
            status: 503,
            headers: vec![
                ("Content-Type".into(), "text/plain".into()),
                ("Retry-After".into(), "3".into()),
            ],
            body: "busy".into(),
        };
        let (retry_after, outcome) = read_answer(op, &r, T0);
        assert_eq!(retry_after, Some(3_000));
        let Outcome::Failure(e) = outcome else {
            panic!("expected a failure");
        };
        assert_eq!(e.content_type.as_deref(), Some("text/plain"));
        assert!(e.retryable);
    }
}
