//! The client's JavaScript side: [`FetchTransport`] (`fetch`, or the config's injected `fetch`,
//! with an `AbortController` per attempt for its time limit and the caller's `signal`; bodies read
//! in chunks up to the cap), [`WasmRuntime`] (`Date.now`, `setTimeout`, `crypto.getRandomValues`)
//! and the `Client` class `createClient` wraps. Every policy (tokens, signing, retries, outcomes)
//! is in [`crate::client`]; nothing here decides anything.

use crate::client::{self as core, Cancel, Config, Response, Runtime, Transport, TransportError};
use crate::providers::ProviderError;
use crate::request;
use crate::retry;
use crate::validate::records::Records;
use crate::wasm::{self, JsConfig};
use crate::PROVIDERS;
use serde_json::{Map, Value};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

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
    /// `Uint8Array.prototype.set.call(dst, src)`: `src`'s bytes copied into `dst` (a view of wasm
    /// memory), as js-sys's `Uint8Array::copy_to` does after its `assert_eq!` of the two lengths
    /// (whose `Debug` formatting of the operands was kept in the full wasm for that one use).
    /// Throws a `RangeError` when `src` is longer than `dst`; `read_capped` sizes `dst` to `src`.
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = "prototype.set.call")]
    fn copy_bytes(dst: &mut [u8], src: &js_sys::Uint8Array);
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Waits `ms`, or until the caller's `signal` aborts, whichever comes first: one promise that
/// the timer and the `abort` listener both resolve (an `abort` listener does not fire for a
/// signal that is already aborted, hence the check first). A plain future (no `async fn`: one
/// state machine fewer in the wasm) whose [`TimerGuard`] clears the timer and removes the
/// listener when it is dropped, settled or not: the wait for the token request ends when that
/// request does, and a timer left set (up to the call's deadline) kept Node's event loop alive.
struct Sleep {
    wait: Option<JsFuture>,
    _guard: TimerGuard,
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.wait.as_mut() {
            Some(wait) => Pin::new(wait).poll(cx).map(|_| ()),
            None => Poll::Ready(()),
        }
    }
}

fn sleep(ms: u64, signal: Option<&web_sys::AbortSignal>) -> Sleep {
    let mut guard = TimerGuard {
        timer: JsValue::UNDEFINED,
        listener: None,
    };
    if signal.is_some_and(web_sys::AbortSignal::aborted) {
        return Sleep {
            wait: None,
            _guard: guard,
        };
    }
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        guard.timer = set_timeout(&resolve, ms as f64);
        if let Some(signal) = signal {
            let _ = signal.add_event_listener_with_callback("abort", &resolve);
            guard.listener = Some((signal.clone(), resolve));
        }
    });
    Sleep {
        wait: Some(JsFuture::from(promise)),
        _guard: guard,
    }
}

/// `obj[key]` (`Reflect.get`, its exception as the `Err`): one out-of-line copy of the key's
/// string conversion, the call and the key's drop for every property the client reads.
#[inline(never)]
fn prop(obj: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key))
}

fn function(obj: &JsValue, key: &str) -> Result<Option<js_sys::Function>, JsValue> {
    if !obj.is_object() {
        return Ok(None);
    }
    // A getter or Proxy trap that throws is a bad config: a TypeError, like the other checks.
    let problem = match prop(obj, key) {
        Ok(v) if v.is_undefined() || v.is_null() => return Ok(None),
        Ok(v)
            if !v
                .as_string()
                .is_some_and(|t| t.starts_with(request::UNREADABLE_MARKER)) =>
        {
            match v.dyn_into::<js_sys::Function>() {
                Ok(f) => return Ok(Some(f)),
                Err(_) => "must be a function",
            }
        }
        _ => "cannot be read",
    };
    Err(js_sys::TypeError::new(&crate::text::concat(&["config.", key, " ", problem])).into())
}

/// Clears a timer and removes its `abort` listener when dropped: the attempt's when the exchange
/// ends, a [`Sleep`]'s when the wait ends.
struct TimerGuard {
    timer: JsValue,
    listener: Option<(web_sys::AbortSignal, js_sys::Function)>,
}

impl Drop for TimerGuard {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some((signal, f)) = &self.listener {
            let _ = signal.remove_event_listener_with_callback("abort", f);
        }
    }
}

/// The reason the attempt's timer aborts its controller with: a number, which no other abort
/// of that controller gives (the caller's signal aborts it with no reason: a DOMException).
const TIMED_OUT: f64 = 1.0;

impl Cancel for web_sys::AbortSignal {
    fn cancelled(&self) -> bool {
        self.aborted()
    }
}

/// `fetch` as the client's transport: the injected `config.fetch`, else the runtime's own.
pub struct FetchTransport {
    fetch: Option<js_sys::Function>,
}

impl Transport for FetchTransport {
    type Signal = web_sys::AbortSignal;
    fn send(
        &self,
        request: &request::Request,
        timeout_ms: u64,
        signal: Option<&web_sys::AbortSignal>,
    ) -> impl Future<Output = Result<Response, TransportError>> {
        exchange(self.fetch.as_ref(), request, timeout_ms as f64, signal)
    }
}

/// `Date.now`, `setTimeout` (cut short by the caller's signal) and `crypto.getRandomValues`.
pub struct WasmRuntime;

impl Runtime for WasmRuntime {
    type Signal = web_sys::AbortSignal;
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }
    fn sleep(&self, ms: u64, signal: Option<&web_sys::AbortSignal>) -> impl Future<Output = ()> {
        sleep(ms, signal)
    }
    fn fill_random(&self, buf: &mut [u8]) -> bool {
        wasm::fill_random(buf).is_ok()
    }
}

fn failed(detail: impl Into<String>, delivered: bool) -> TransportError {
    TransportError::Failed {
        detail: detail.into(),
        delivered,
    }
}

async fn exchange(
    fetch: Option<&js_sys::Function>,
    req: &request::Request,
    timeout_ms: f64,
    user: Option<&web_sys::AbortSignal>,
) -> Result<Response, TransportError> {
    if user.is_some_and(web_sys::AbortSignal::aborted) {
        // Its `abort` event has fired already: the listener below would never see it.
        return Err(TransportError::Aborted);
    }
    let controller =
        web_sys::AbortController::new().map_err(|_| failed("AbortController is missing", false))?;
    // (The values used only before an await are made in blocks that end before it: they are
    // then not kept in this future's state, nor dropped by each of its states' drop code.)
    let _guard = {
        // `controller.abort` bound, as the timer's and the caller's signal's callbacks (no Rust
        // closure): the timer's with the TIMED_OUT reason, the listener's with none (its event
        // argument comes second, so the reason is `undefined`: a DOMException, as `abort()`).
        let abort: js_sys::Function = prop(&controller, "abort")
            .and_then(JsCast::dyn_into)
            .map_err(|_| failed("AbortController is missing", false))?;
        let on_timeout: js_sys::Function = abort
            .bind1(&controller, &JsValue::from_f64(TIMED_OUT))
            .unchecked_into();
        let timer = set_timeout(&on_timeout, timeout_ms);
        let listener = user.map(|signal| {
            let f: js_sys::Function = abort
                .bind1(&controller, &JsValue::UNDEFINED)
                .unchecked_into();
            let _ = signal.add_event_listener_with_callback("abort", &f);
            (signal.clone(), f)
        });
        TimerGuard { timer, listener }
    };
    let timed_out = || controller.signal().reason().as_f64() == Some(TIMED_OUT);
    // After `fetch` was called: delivered unless the runtime says the connection never opened.
    let fail = |detail: String, delivered: bool| {
        if timed_out() {
            TransportError::TimedOut
        } else if user.is_some_and(web_sys::AbortSignal::aborted) {
            TransportError::Aborted
        } else {
            failed(detail, delivered)
        }
    };

    // The Request built with web-sys (gloo-net reads the Response below). `Headers.set` throws
    // for a value no header can carry (a line break, a character outside Latin-1): set here,
    // fallibly, so that no exception unwinds through this future.
    let request = {
        let headers = web_sys::Headers::new().map_err(|_| failed("Headers is missing", false))?;
        for (k, v) in &req.headers {
            if headers.set(k, v).is_err() {
                return Err(TransportError::Refused(crate::text::concat(&[
                    "Nothing was sent: the ",
                    k,
                    " header cannot carry its value (a line break, a NUL or a character outside Latin-1).",
                ])));
            }
        }
        let init = web_sys::RequestInit::new();
        init.set_method(req.method);
        init.set_signal(Some(&controller.signal()));
        init.set_headers(&headers);
        if let Some(b) = &req.body {
            init.set_body(&JsValue::from_str(b));
        }
        // A Request the runtime refuses (e.g. a URL it cannot parse) reads as `String(error)`.
        web_sys::Request::new_with_str_and_init(&req.url, &init).map_err(|e| {
            let text = e
                .dyn_ref::<js_sys::Error>()
                .map_or_else(|| js_message(&e), |e| String::from(e.to_string()));
            fail(text, false)
        })?
    };
    // `request` is held until the exchange ends (a named binding, dropped at the end of this
    // function). Node's fetch (undici) makes a Request's signal follow ours only weakly: once
    // this Request is garbage-collected, aborting `controller` no longer reaches the fetch, and a
    // body that trickles or stalls after the headers is read past every time limit.
    let answer = {
        // The injected fetch, else the runtime's own (called directly rather than through gloo,
        // so that a rejection's `cause` can tell a refused connection from a lost answer).
        let global = js_sys::global();
        let own;
        let fetch = match fetch {
            Some(f) => f,
            None => {
                own = prop(&global, "fetch")
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                    .ok_or_else(|| failed("fetch is missing", false))?;
                &own
            }
        };
        let promise = fetch
            .call1(&global, &request)
            .map_err(|e| fail(js_message(&e), false))?;
        JsFuture::from(js_sys::Promise::resolve(&promise))
    };
    let value = answer.await.map_err(|e| {
        let delivered = !retry::never_sent(&fetch_failure_detail(&e));
        fail(js_message(&e), delivered)
    })?;
    let raw = value
        .dyn_into::<web_sys::Response>()
        .map_err(|_| failed("fetch did not resolve to a Response", true))?;
    let (status, raw): (u16, web_sys::Response) = {
        let response = gloo_net::http::Response::from(raw);
        let status = response.status();
        let declared = response
            .headers()
            .get("content-length")
            .and_then(|v| crate::text::parse_uint(v.trim(), u64::MAX));
        if declared.is_some_and(|n| n > core::MAX_RESPONSE_BYTES as u64) {
            // Not read, so cancel it: an unread body would keep holding its connection (Node's
            // fetch neither reuses nor closes it until the Response is garbage-collected).
            controller.abort();
            return Err(TransportError::TooLarge { status });
        }
        (status, response.into())
    };
    // Read in chunks and given up past the cap: without a Content-Length (chunked) the size is
    // only known while reading, and `text()` would buffer any amount first.
    // The answer's head has arrived: whatever happens to its body, the request was delivered.
    let Some(body) = read_capped(&raw)
        .await
        .map_err(|e| fail(js_message(&e), true))?
    else {
        controller.abort();
        return Err(TransportError::TooLarge { status });
    };
    // The two headers the client reads, once the body is in (not kept in this future's state
    // across the body's reads, nor dropped on each of their exits).
    let headers = gloo_net::http::Response::from(raw).headers();
    let mut kept = Vec::new();
    for name in &["content-type", "retry-after"] {
        if let Some(v) = headers.get(name) {
            kept.push(((*name).to_owned(), v));
        }
    }
    Ok(Response {
        status,
        headers: kept,
        body,
    })
}

/// The body as text (UTF-8, a leading BOM dropped, as `Response.text()` does), or `None` as soon
/// as it passes [`core::MAX_RESPONSE_BYTES`]. Every JS call here can report an exception (`catch`), so
/// a Response from an injected fetch with odd getters cannot unwind through this future.
async fn read_capped(response: &JsValue) -> Result<Option<String>, JsValue> {
    // The stream and its `getReader` in a block that ends before the first await: not kept in
    // this future's state, nor dropped by each of its states' drop code.
    let reader = {
        let stream = prop(response, "body")?;
        if stream.is_null() || stream.is_undefined() {
            return Ok(Some(String::new()));
        }
        let get_reader: js_sys::Function = prop(&stream, "getReader")?.dyn_into()?;
        get_reader.call0(&stream)?
    };
    let read: js_sys::Function = prop(&reader, "read")?.dyn_into()?;
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(js_sys::Promise::resolve(&read.call0(&reader)?)).await?;
        if prop(&chunk, "done")?.is_truthy() {
            break;
        }
        let value: js_sys::Uint8Array = prop(&chunk, "value")?.dyn_into()?;
        let start = bytes.len();
        let end = start.saturating_add(value.length() as usize);
        if end > core::MAX_RESPONSE_BYTES {
            return Ok(None);
        }
        bytes.resize(end, 0);
        if let Some(dst) = bytes.get_mut(start..) {
            copy_bytes(dst, &value);
        }
    }
    let text = crate::encode::utf8_lossy(bytes);
    Ok(Some(match text.strip_prefix("\u{feff}") {
        Some(rest) => rest.to_owned(),
        None => text,
    }))
}

/// A fetch rejection's message with its `cause` (Node puts the socket error's `code` there:
/// `ECONNREFUSED`, `UND_ERR_SOCKET`, …), for [`retry::never_sent`]. Read with `catch`ing getters.
fn fetch_failure_detail(e: &JsValue) -> String {
    let mut out = js_message(e);
    // (`Reflect.get` throws for a primitive: a fetch may reject with any value, and the timer
    // aborts with a number.)
    let mut cause = e.is_object().then(|| prop(e, "cause").ok()).flatten();
    // Two levels: undici nests the socket error one level down in some versions.
    for _ in 0..2 {
        let Some(c) = cause.take().filter(JsValue::is_object) else {
            break;
        };
        for field in &["code", "message"] {
            if let Some(text) = prop(&c, field).ok().and_then(|v| v.as_string()) {
                out.push(' ');
                out.extend(text.chars().take(200));
            }
        }
        cause = prop(&c, "cause").ok();
    }
    out
}

fn js_message(e: &JsValue) -> String {
    wasm::exception_reason(e).unwrap_or_else(|| "fetch failed".into())
}

/// A client for one provider, over `fetch`. JS code uses `createClient`, which wraps it with one
/// method per operation.
#[wasm_bindgen(js_name = Client)]
pub struct JsClient {
    inner: core::Client<FetchTransport, WasmRuntime>,
}

/// A JS hook as a [`core::Hook`]: called with the event as a plain object; what it returns or
/// throws is ignored (a hook that throws must not break the request).
fn hook(f: Option<js_sys::Function>) -> Option<core::Hook> {
    let f = f?;
    Some(Box::new(move |event: &Value| {
        if let Ok(v) = wasm::from_json(&crate::encode::json(event)) {
            let _ = apply_ignoring_result(&f, &JsValue::NULL, &js_sys::Array::of1(&v));
        }
    }))
}

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// `provider` is a key (`accessbank`, `juspay`, `bvnk`, `gathr`, `m2p`); `config` holds the
    /// credentials, `baseUrl`, `fetch`, `timeoutMs`, `totalTimeoutMs`, `retries`,
    /// `maxRetryAfterMs`, `onRequest`, `onResponse`.
    #[wasm_bindgen(constructor)]
    pub fn new(provider: &str, config: JsValue) -> Result<JsClient, JsValue> {
        let Some(p) = crate::provider(provider) else {
            return Err(crate::wasm::unknown_provider(
                provider,
                &mut PROVIDERS.iter().map(|p| p.key),
            ));
        };
        let parsed = JsConfig::read(&config)?;
        // A credential or option that cannot travel is a programmer error: a TypeError naming it
        // (the same checks buildRequest reports as issues at ["config", <key>]).
        let issues = request::config_issues(p, &parsed.map);
        if !issues.is_empty() {
            // Pushed into one text (no `Vec<String>` collected and joined).
            let mut text = String::from("createClient:");
            for issue in &issues {
                text.push(' ');
                text.push_str(&request::issue_text(issue));
            }
            return Err(js_sys::TypeError::new(&text).into());
        }
        let mut read =
            Config::from_map(parsed.map).map_err(|m| JsValue::from(js_sys::TypeError::new(&m)))?;
        let transport = FetchTransport {
            fetch: function(&config, "fetch")?,
        };
        read.on_request = hook(function(&config, "onRequest")?);
        read.on_response = hook(function(&config, "onResponse")?);
        // The config's issues were checked above, on the same map: `Client::new` would find none.
        Ok(JsClient {
            inner: core::Client::checked(p, read, transport, WasmRuntime),
        })
    }

    /// Validates, builds and sends `op`. Resolves to `{ ok: true, status, data, requestId }` or
    /// `{ ok: false, error }`. `options`: `signal`, `timeoutMs`, `idempotencyKey`,
    /// `maxRetryAfterMs`.
    pub fn send(&self, op: &str, input: JsValue, options: JsValue) -> js_sys::Promise {
        let client = self.inner.clone();
        let op = match wasm::op_or_throw(op) {
            Ok(op) if std::ptr::eq(op.provider, client.provider()) => op,
            Ok(op) => {
                let e: JsValue = js_sys::TypeError::new(&crate::text::concat(&[
                    op.id,
                    " belongs to ",
                    op.provider.key,
                    ", not to this ",
                    client.provider().key,
                    " client",
                ]))
                .into();
                return js_sys::Promise::reject(&e);
            }
            Err(e) => return js_sys::Promise::reject(&e),
        };
        // Reflect.get throws for a primitive (and would leak a table slot doing so).
        let signal = options
            .is_object()
            .then(|| prop(&options, "signal").ok())
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
                Ok(input) => client.send_json_started(op, input, &opts_map, signal).await,
            };
            result_value(result)
        })
    }
}

/// A call's result as the value `send`'s promise resolves to. The error's issues cross as
/// records (`error.issueRecords`: the words and their side string) that the JS glue renders with
/// the message catalogs, as every issue.
fn result_value(mut result: Result<core::Success, ProviderError>) -> Result<JsValue, JsValue> {
    // The records made into their JS pair at once (the encoded `Records` dropped here, not
    // on each of the exits below).
    let records = result.as_mut().err().map(|e| {
        let r = Records::encode(&std::mem::take(&mut e.issues));
        js_sys::Array::of2(
            &js_sys::Uint32Array::from(r.words.as_slice()),
            &JsValue::from_str(&r.strings),
        )
    });
    // `issues: []` (they were taken out above): no issue is rendered in Rust here.
    let json = core::result_json_with(&result, |w, _| {
        w.open_list().close_list();
    });
    let value = wasm::from_json(&json)?;
    if let Some(pair) = records {
        let error = prop(&value, "error")?;
        js_sys::Reflect::set(&error, &JsValue::from_str("issueRecords"), &pair)?;
    }
    Ok(value)
}
