#![cfg(feature = "client")]
#![allow(clippy::result_large_err)] // the client's own error type
//! The client's fault matrix, natively: `client::Client` over a scripted transport (answers and
//! failures queued per endpoint, every request recorded) and a virtual clock (sleeping advances
//! it), so every path is deterministic and nothing needs a browser or a socket. The same
//! scenarios run end to end against the simulator in tests/node (client, faults) and tests/e2e.

use customer_update::client::{
    CallOptions, Cancel, Client, Config, Response, Runtime, Settings, Transport, TransportError,
};
use customer_update::providers::ErrorKind;
use customer_update::request::Request;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// 2026-01-01T00:00:00Z.
const T0: f64 = 1_767_225_600_000.0;

type Signal = Rc<Cell<bool>>;

/// One scripted step for an endpoint.
#[derive(Clone)]
enum Step {
    Answer(u16, Vec<(&'static str, String)>, String),
    Fail(TransportError),
    /// Takes this long on the virtual clock, then fails with a timeout (a slow endpoint).
    Slow(f64),
    /// Stays pending until the gate opens, then answers.
    Gated(Rc<Cell<bool>>, u16, String),
}

fn answer(status: u16, body: Value) -> Step {
    Step::Answer(
        status,
        vec![("content-type", "application/json".into())],
        body.to_string(),
    )
}

#[derive(Default)]
struct Script {
    /// Steps for the operation's endpoint and for the token endpoint, in order.
    op: VecDeque<Step>,
    token: VecDeque<Step>,
    /// Every request sent: (is it the token request, the request, the limit it was given).
    sent: Vec<(bool, Request, u64)>,
}

#[derive(Clone)]
struct Scripted {
    script: Rc<RefCell<Script>>,
    clock: Rc<Cell<f64>>,
}

impl Transport for Scripted {
    type Signal = Signal;
    fn send(
        &self,
        request: &Request,
        timeout_ms: u64,
        signal: Option<&Signal>,
    ) -> impl Future<Output = Result<Response, TransportError>> {
        let is_token = request.url.ends_with("/auth/token")
            || request.url.ends_with("/waas/Client/authenticate");
        let mut s = self.script.borrow_mut();
        s.sent.push((is_token, request.clone(), timeout_ms));
        let queue = if is_token { &mut s.token } else { &mut s.op };
        let step = queue
            .pop_front()
            .unwrap_or_else(|| panic!("unscripted request to {}", request.url));
        let cancelled = signal.is_some_and(Cancel::cancelled);
        let clock = self.clock.clone();
        async move {
            if cancelled {
                return Err(TransportError::Aborted);
            }
            match step {
                Step::Answer(status, headers, body) => Ok(Response {
                    status,
                    headers: headers
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect(),
                    body,
                }),
                Step::Fail(e) => Err(e),
                Step::Slow(ms) => {
                    clock.set(clock.get() + ms.min(timeout_ms as f64));
                    Err(TransportError::TimedOut)
                }
                Step::Gated(gate, status, body) => {
                    std::future::poll_fn(|_| {
                        if gate.get() {
                            Poll::Ready(())
                        } else {
                            Poll::Pending
                        }
                    })
                    .await;
                    Ok(Response {
                        status,
                        headers: vec![("content-type".into(), "application/json".into())],
                        body,
                    })
                }
            }
        }
    }
}

/// A virtual clock: `sleep` advances it at once (and is recorded); random bytes from a counter.
#[derive(Clone)]
struct Virtual {
    clock: Rc<Cell<f64>>,
    slept: Rc<RefCell<Vec<u64>>>,
    counter: Rc<Cell<u8>>,
    /// Cancel this signal when a sleep starts (a caller aborting while the client waits).
    cancel_on_sleep: Rc<RefCell<Option<Signal>>>,
    /// While set, sleeps stay pending.
    hold: Rc<Cell<bool>>,
}

impl Runtime for Virtual {
    type Signal = Signal;
    fn now_ms(&self) -> f64 {
        self.clock.get()
    }
    fn sleep(&self, ms: u64, signal: Option<&Signal>) -> impl Future<Output = ()> {
        // Time passes when the sleep is awaited (polled), not when it is made: a sleep raced
        // against an answer that is already there never runs.
        let (me, signal) = (self.clone(), signal.cloned());
        async move {
            // A clock held still: sleeps wait (for tests that interleave calls by hand).
            std::future::poll_fn(|_| {
                if me.hold.get() {
                    Poll::Pending
                } else {
                    Poll::Ready(())
                }
            })
            .await;
            me.slept.borrow_mut().push(ms);
            if let Some(s) = me.cancel_on_sleep.borrow().as_ref() {
                s.set(true);
            }
            if !signal.is_some_and(|s| s.cancelled()) {
                me.clock.set(me.clock.get() + ms as f64);
            }
        }
    }
    fn fill_random(&self, buf: &mut [u8]) -> bool {
        for b in buf {
            self.counter.set(self.counter.get().wrapping_add(37));
            *b = self.counter.get();
        }
        true
    }
}

struct Harness {
    client: Client<Scripted, Virtual>,
    script: Rc<RefCell<Script>>,
    runtime: Virtual,
}

fn harness(provider: &str, config: Value) -> Harness {
    let clock = Rc::new(Cell::new(T0));
    let script = Rc::new(RefCell::new(Script::default()));
    let transport = Scripted {
        script: script.clone(),
        clock: clock.clone(),
    };
    let runtime = Virtual {
        clock,
        slept: Rc::default(),
        counter: Rc::default(),
        cancel_on_sleep: Rc::default(),
        hold: Rc::default(),
    };
    let config = Config::from_map(config.as_object().unwrap().clone()).unwrap();
    let client = Client::new(
        customer_update::provider(provider).unwrap(),
        config,
        transport,
        runtime.clone(),
    )
    .unwrap();
    Harness {
        client,
        script,
        runtime,
    }
}

impl Harness {
    fn op(&self, steps: impl IntoIterator<Item = Step>) -> &Self {
        self.script.borrow_mut().op.extend(steps);
        self
    }
    fn token(&self, steps: impl IntoIterator<Item = Step>) -> &Self {
        self.script.borrow_mut().token.extend(steps);
        self
    }
    fn call(
        &self,
        op: &str,
        options: CallOptions<Signal>,
    ) -> Result<customer_update::client::Success, customer_update::providers::ProviderError> {
        let op = customer_update::operation(op).unwrap();
        let input: Value = serde_json::from_str(op.example).unwrap();
        block_on(self.client.send(op, input, options))
    }
    fn sent_ops(&self) -> Vec<Request> {
        self.script
            .borrow()
            .sent
            .iter()
            .filter(|s| !s.0)
            .map(|s| s.1.clone())
            .collect()
    }
    fn token_calls(&self) -> usize {
        self.script.borrow().sent.iter().filter(|s| s.0).count()
    }
    fn slept(&self) -> Vec<u64> {
        self.runtime.slept.borrow().clone()
    }
}

/// Polls to completion with a no-op waker: the scripted transport answers at once, so a call
/// completes in one poll (a few more for gated steps opened in between).
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("the call did not complete");
}

fn none() -> CallOptions<Signal> {
    CallOptions::default()
}

fn key(k: &str) -> CallOptions<Signal> {
    CallOptions {
        idempotency_key: Some(k.into()),
        ..CallOptions::default()
    }
}

fn bvnk() -> Harness {
    harness(
        "bvnk",
        json!({ "hawkId": "hawk-id", "hawkKey": "hawk-key-SECRET-0123456789" }),
    )
}
fn juspay() -> Harness {
    harness(
        "juspay",
        json!({ "apiKey": "juspay-key-SECRET-0123", "merchantId": "m1" }),
    )
}
fn gathr() -> Harness {
    harness("gathr", json!({ "token": "gathr-token-SECRET-0123" }))
}
fn m2p() -> Harness {
    harness(
        "m2p",
        json!({ "tenantId": "T1", "clientId": "cid", "clientSecret": "m2p-secret-SECRET-0123" }),
    )
}
fn m2p_token(t: &str) -> Step {
    answer(
        200,
        json!({ "access_token": t, "token_type": "Bearer", "expires_in": 3600 }),
    )
}
fn with_retry_after(status: u16, value: &str) -> Step {
    Step::Answer(status, vec![("retry-after", value.into())], String::new())
}
fn reset(delivered: bool) -> Step {
    Step::Fail(TransportError::Failed {
        detail: "socket hang up".into(),
        delivered,
    })
}
fn ok() -> Step {
    answer(200, json!({ "id": "x" }))
}

// ---- 5xx ----

#[test]
fn a_5xx_on_a_put_is_retried_with_backoff_then_succeeds() {
    let h = bvnk();
    h.op([answer(503, json!({})), answer(502, json!({})), ok()]);
    let r = h.call("bvnk.updateCustomer", none()).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(h.sent_ops().len(), 3);
    // Policy::default(): base 300 ms, equal jitter → [150, 300] then [300, 600].
    let slept = h.slept();
    assert_eq!(slept.len(), 2);
    assert!(
        (150..=300).contains(&slept[0]) && (300..=600).contains(&slept[1]),
        "{slept:?}"
    );
    // Each attempt is signed afresh (a new nonce).
    let auths: Vec<String> = h
        .sent_ops()
        .iter()
        .map(|q| q.header("Authorization").unwrap().to_owned())
        .collect();
    assert!(auths.iter().all(|a| a.starts_with("Hawk id=\"hawk-id\"")));
    assert_ne!(auths[0], auths[1]);
}

#[test]
fn a_5xx_on_a_post_is_not_resent_and_stays_retryable_for_the_caller() {
    let h = juspay();
    h.op([answer(503, json!({ "status": "error" }))]);
    let e = h.call("juspay.updateCustomer", none()).unwrap_err();
    assert_eq!(e.status, Some(503));
    assert!(e.retryable);
    assert_eq!(h.sent_ops().len(), 1);
    assert!(h.slept().is_empty());
}

#[test]
fn the_retry_budget_ends_with_the_last_answer() {
    let h = bvnk();
    h.op([
        answer(500, json!({})),
        answer(500, json!({})),
        answer(500, json!({})),
    ]);
    let e = h.call("bvnk.updateCustomerStatus", none()).unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Http, Some(500)));
    assert_eq!(h.sent_ops().len(), 3, "1 + retries (2)");
}

// ---- 429 and Retry-After ----

#[test]
fn a_429_with_retry_after_waits_that_long() {
    let h = bvnk();
    h.op([with_retry_after(429, "2"), ok()]);
    assert!(h.call("bvnk.updateCustomer", none()).is_ok());
    assert_eq!(h.slept(), vec![2000]);
}

#[test]
fn a_429_without_retry_after_waits_the_backoff() {
    let h = bvnk();
    h.op([Step::Answer(429, vec![], String::new()), ok()]);
    assert!(h.call("bvnk.updateCustomer", none()).is_ok());
    let slept = h.slept();
    assert!(
        slept.len() == 1 && (150..=300).contains(&slept[0]),
        "{slept:?}"
    );
}

#[test]
fn retry_after_zero_still_waits_the_minimum_backoff() {
    let h = bvnk();
    h.op([with_retry_after(503, "0"), ok()]);
    assert!(h.call("bvnk.updateCustomer", none()).is_ok());
    assert!(h.slept()[0] >= 150, "{:?}", h.slept());
}

#[test]
fn a_retry_after_over_the_limit_is_returned_not_slept() {
    // The default limit (30 s): a 60 s Retry-After ends the call at once, with the wait.
    let h = bvnk();
    h.op([with_retry_after(429, "60")]);
    let e = h.call("bvnk.updateCustomer", none()).unwrap_err();
    assert_eq!(e.status, Some(429));
    assert_eq!(e.retry_after_ms, Some(60_000));
    assert!(e.retryable);
    assert!(h.slept().is_empty());
    assert_eq!(h.sent_ops().len(), 1);

    // maxRetryAfterMs on the client: 1 s. A 7 s Retry-After is returned; 1 s is slept.
    let mut config = json!({ "hawkId": "i", "hawkKey": "k-0123456789", "maxRetryAfterMs": 1000 });
    let h = harness("bvnk", config.take());
    h.op([with_retry_after(429, "7")]);
    let e = h.call("bvnk.updateCustomer", none()).unwrap_err();
    assert_eq!(e.retry_after_ms, Some(7000));
    assert!(h.slept().is_empty());
    h.op([with_retry_after(429, "1"), ok()]);
    assert!(h.call("bvnk.updateCustomer", none()).is_ok());
    assert_eq!(h.slept(), vec![1000]);

    // …and per call, over the client's.
    let h = bvnk();
    h.op([with_retry_after(503, "5")]);
    let per_call = CallOptions {
        max_retry_after_ms: Some(4000),
        ..CallOptions::default()
    };
    let e = h.call("bvnk.updateCustomer", per_call).unwrap_err();
    assert_eq!(e.retry_after_ms, Some(5000));
    assert!(h.slept().is_empty());
}

#[test]
fn call_options_read_max_retry_after_ms_from_json() {
    let o =
        CallOptions::<()>::from_json(json!({ "maxRetryAfterMs": 250 }).as_object().unwrap(), None)
            .unwrap();
    assert_eq!(o.max_retry_after_ms, Some(250));
    let e = CallOptions::<()>::from_json(
        json!({ "maxRetryAfterMs": "soon" }).as_object().unwrap(),
        None,
    )
    .err()
    .unwrap();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.issues[0].path_string(), "options.maxRetryAfterMs");
    assert_eq!(
        Settings::from_config(json!({ "maxRetryAfterMs": 1000 }).as_object().unwrap())
            .unwrap()
            .max_retry_after_ms,
        1000
    );
    assert!(Settings::from_config(json!({ "maxRetryAfterMs": -1 }).as_object().unwrap()).is_err());
}

// ---- timeouts and resets ----

#[test]
fn a_timeout_on_a_put_is_retried() {
    let h = bvnk();
    h.op([Step::Fail(TransportError::TimedOut), ok()]);
    assert!(h.call("bvnk.updateCustomer", none()).is_ok());
    assert_eq!(h.sent_ops().len(), 2);
    // The attempt's limit is the client's timeoutMs (30 s by default).
    assert_eq!(h.script.borrow().sent[0].2, 30_000);
}

#[test]
fn a_timeout_on_a_post_is_outcome_unknown_and_not_resent() {
    let h = juspay();
    h.op([Step::Fail(TransportError::TimedOut)]);
    let e = h.call("juspay.updateCustomer", none()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::OutcomeUnknown);
    assert!(!e.retryable);
    assert!(
        e.message.contains("no answer came in time"),
        "{}",
        e.message
    );
    assert_eq!(h.sent_ops().len(), 1);
}

#[test]
fn a_reset_before_sending_is_a_retryable_network_error() {
    // Nothing reached the server: a POST is not resent by the client (not retry-safe), but the
    // caller may send it again.
    let h = juspay();
    h.op([reset(false)]);
    let e = h.call("juspay.updateCustomer", none()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network);
    assert!(e.retryable);
    assert_eq!(h.sent_ops().len(), 1);
    // A PUT is resent.
    let h = bvnk();
    h.op([reset(false), ok()]);
    assert!(h.call("bvnk.updateCustomer", none()).is_ok());
    assert_eq!(h.sent_ops().len(), 2);
}

#[test]
fn a_reset_after_sending_a_post_is_outcome_unknown() {
    let h = juspay();
    h.op([reset(true)]);
    let e = h.call("juspay.updateCustomer", none()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::OutcomeUnknown);
    assert!(!e.retryable);
    assert!(
        e.message.contains("connection failed before the answer"),
        "{}",
        e.message
    );
    assert_eq!(h.sent_ops().len(), 1);
}

#[test]
fn gathr_patch_is_never_resent_after_a_possibly_delivered_request() {
    for step in [reset(true), Step::Fail(TransportError::TimedOut)] {
        let h = gathr();
        h.op([step, ok()]);
        let e = h.call("gathr.updateCustomer", none()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::OutcomeUnknown);
        assert_eq!(h.sent_ops().len(), 1, "PATCH sent once");
        assert_eq!(h.sent_ops()[0].method, "PATCH");
    }
    // Nor after an answer that says "try again": the caller decides.
    let h = gathr();
    h.op([answer(503, json!({})), ok()]);
    let e = h.call("gathr.updateCustomer", none()).unwrap_err();
    assert!(e.retryable);
    assert_eq!(h.sent_ops().len(), 1);
}

// ---- bodies ----

#[test]
fn malformed_and_html_bodies() {
    let h = bvnk();
    h.op([Step::Answer(
        200,
        vec![("content-type", "application/json".into())],
        "{not json".into(),
    )]);
    let e = h.call("bvnk.updateCustomer", none()).unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Decode, Some(200)));
    assert!(!e.retryable);
    assert_eq!(h.sent_ops().len(), 1, "a 2xx is never resent");

    let html = "<html><title>502 Bad Gateway</title></html>";
    let h = bvnk();
    h.op([
        Step::Answer(502, vec![("content-type", "text/html".into())], html.into()),
        Step::Answer(502, vec![("content-type", "text/html".into())], html.into()),
        Step::Answer(502, vec![("content-type", "text/html".into())], html.into()),
    ]);
    let e = h.call("bvnk.updateCustomer", none()).unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Http, Some(502)));
    assert!(e.message.contains("HTML page"), "{}", e.message);
    assert_eq!(e.raw.as_deref(), Some(html));
    assert_eq!(
        e.content_type.as_deref(),
        Some("text/html"),
        "raw's own type, for a proxy"
    );
    assert_eq!(h.sent_ops().len(), 3, "a PUT is retried on 502");

    let h = juspay();
    h.op([Step::Answer(
        200,
        vec![("content-type", "text/html".into())],
        html.into(),
    )]);
    assert_eq!(
        h.call("juspay.updateCustomer", none()).unwrap_err().kind,
        ErrorKind::Decode
    );
}

#[test]
fn oversized_bodies_are_not_read() {
    let h = bvnk();
    h.op([Step::Answer(
        200,
        vec![],
        "x".repeat(customer_update::client::MAX_RESPONSE_BYTES + 1),
    )]);
    let e = h.call("bvnk.updateCustomer", none()).unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Decode, Some(200)));
    assert!(
        e.message.contains("larger than 1048576 bytes"),
        "{}",
        e.message
    );
    let h = bvnk();
    h.op([Step::Fail(TransportError::TooLarge { status: 200 })]);
    let e = h.call("bvnk.updateCustomer", none()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Decode);
    assert!(!e.retryable);
    assert_eq!(h.sent_ops().len(), 1);
}

// ---- tokens ----

#[test]
fn a_401_renews_the_token_once_then_succeeds() {
    let h = m2p();
    h.token([m2p_token("tok-1-abcdefgh"), m2p_token("tok-2-abcdefgh")]);
    h.op([answer(401, json!({ "error": "invalid_token" })), ok()]);
    assert!(h.call("m2p.updateCustomerStatus", none()).is_ok());
    assert_eq!(h.token_calls(), 2);
    let sent = h.sent_ops();
    assert_eq!(
        sent[0].header("Authorization"),
        Some("Bearer tok-1-abcdefgh")
    );
    assert_eq!(
        sent[1].header("Authorization"),
        Some("Bearer tok-2-abcdefgh")
    );
    assert_eq!(
        sent[0].header("X-Request-ID"),
        sent[1].header("X-Request-ID")
    );
    // The renewed token is cached: the next call asks for none.
    h.op([ok()]);
    assert!(h.call("m2p.updateCustomerStatus", none()).is_ok());
    assert_eq!(h.token_calls(), 2);
}

#[test]
fn a_second_401_is_returned_never_a_loop() {
    let h = m2p();
    h.token([m2p_token("tok-1-abcdefgh"), m2p_token("tok-2-abcdefgh")]);
    h.op([answer(401, json!({})), answer(401, json!({}))]);
    let e = h.call("m2p.updateCustomerStatus", none()).unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Auth, Some(401)));
    assert!(!e.retryable);
    assert_eq!(h.token_calls(), 2);
    assert_eq!(h.sent_ops().len(), 2);
}

#[test]
fn the_token_endpoint_down_is_auth_retried_by_the_policy() {
    let h = m2p();
    h.token([
        answer(503, json!({})),
        answer(503, json!({})),
        answer(503, json!({})),
    ]);
    let e = h.call("m2p.updateCustomer", none()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Auth);
    assert!(
        e.message.starts_with("Could not obtain an access token"),
        "{}",
        e.message
    );
    assert!(e.retryable);
    assert_eq!(h.token_calls(), 3);
    assert!(
        h.sent_ops().is_empty(),
        "the operation is never sent without a token"
    );
    // Refused connection: the same, and then the token endpoint recovers.
    let h = m2p();
    h.token([reset(false), m2p_token("tok-1-abcdefgh")]);
    h.op([ok()]);
    assert!(h.call("m2p.updateCustomer", none()).is_ok());
    assert_eq!(h.token_calls(), 2);
}

#[test]
fn a_slow_token_endpoint_times_out_as_auth_within_the_deadline() {
    let h = harness(
        "m2p",
        json!({ "tenantId": "T1", "clientId": "cid", "clientSecret": "s-0123456789", "timeoutMs": 1000, "totalTimeoutMs": 2500 }),
    );
    h.token([Step::Slow(5000.0), Step::Slow(5000.0), Step::Slow(5000.0)]);
    let start = h.runtime.clock.get();
    let e = h.call("m2p.updateCustomer", none()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Auth);
    assert!(
        e.message.contains("No answer within 1000 ms"),
        "{}",
        e.message
    );
    assert!(h.sent_ops().is_empty());
    // Each token attempt is cut at timeoutMs, and the call stops retrying before its deadline.
    assert!(
        h.runtime.clock.get() - start <= 2500.0 + 1000.0,
        "{}",
        h.runtime.clock.get() - start
    );
    assert!(
        h.token_calls() >= 1 && h.token_calls() <= 2,
        "{}",
        h.token_calls()
    );
}

#[test]
fn a_given_access_token_skips_the_token_request() {
    let h = harness(
        "m2p",
        json!({ "tenantId": "T1", "accessToken": "given-token-0123" }),
    );
    h.op([ok()]);
    assert!(h.call("m2p.updateCustomer", none()).is_ok());
    assert_eq!(h.token_calls(), 0);
    assert_eq!(
        h.sent_ops()[0].header("Authorization"),
        Some("Bearer given-token-0123")
    );
}

#[test]
fn concurrent_calls_share_one_token_request() {
    let h = m2p();
    let gate = Rc::new(Cell::new(false));
    h.token([Step::Gated(
        gate.clone(),
        200,
        json!({ "access_token": "shared-tok-0123", "expires_in": 3600 }).to_string(),
    )]);
    h.op([ok(), ok(), ok()]);
    let op = customer_update::operation("m2p.updateCustomerStatus").unwrap();
    let input = || serde_json::from_str::<Value>(op.example).unwrap();
    h.runtime.hold.set(true);
    let mut calls: Vec<_> = (0..3)
        .map(|_| Box::pin(h.client.send(op, input(), none())))
        .collect();
    let mut cx = Context::from_waker(Waker::noop());
    for c in calls.iter_mut() {
        assert!(c.as_mut().poll(&mut cx).is_pending());
    }
    assert_eq!(h.token_calls(), 1, "one token request in flight");
    gate.set(true);
    for c in calls.iter_mut() {
        let mut done = None;
        for _ in 0..10 {
            if let Poll::Ready(r) = c.as_mut().poll(&mut cx) {
                done = Some(r);
                break;
            }
        }
        assert!(done.unwrap().is_ok());
    }
    assert_eq!(h.token_calls(), 1);
    assert!(h
        .sent_ops()
        .iter()
        .all(|q| q.header("Authorization") == Some("Bearer shared-tok-0123")));
}

// ---- idempotency keys ----

#[test]
fn one_idempotency_key_per_call_reused_on_every_retry() {
    let h = m2p();
    h.token([m2p_token("tok-1-abcdefgh")]);
    h.op([answer(503, json!({})), reset(true), ok()]);
    let r = h.call("m2p.updateCustomer", key("caller-key-1")).unwrap();
    let ids: Vec<String> = h
        .sent_ops()
        .iter()
        .map(|q| q.header("X-Request-ID").unwrap().to_owned())
        .collect();
    assert_eq!(
        ids,
        vec!["caller-key-1"; 3],
        "a POST with X-Request-ID is resent, same key"
    );
    assert_eq!(r.request_id.as_deref(), Some("caller-key-1"));
    // Without a key: one generated per call, reused by its retries, fresh for the next call.
    h.op([answer(503, json!({})), ok(), ok()]);
    let first = h
        .call("m2p.updateCustomer", none())
        .unwrap()
        .request_id
        .unwrap();
    let second = h
        .call("m2p.updateCustomer", none())
        .unwrap()
        .request_id
        .unwrap();
    let sent = h.sent_ops();
    assert_eq!(sent[3].header("X-Request-ID"), Some(first.as_str()));
    assert_eq!(sent[4].header("X-Request-ID"), Some(first.as_str()));
    assert_eq!(sent[5].header("X-Request-ID"), Some(second.as_str()));
    assert_ne!(first, second);
}

#[test]
fn a_lost_answer_without_the_callers_key_names_the_generated_one() {
    // The client resends (X-Request-ID makes it safe) until the budget is spent; then the caller,
    // who holds no key, is told which one to reuse.
    let h = m2p();
    h.token([m2p_token("tok-1-abcdefgh")]);
    h.op([reset(true), reset(true), reset(true)]);
    let e = h.call("m2p.updateCustomer", none()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::OutcomeUnknown);
    let id = h.sent_ops()[0].header("X-Request-ID").unwrap().to_owned();
    assert!(e.message.contains(&id), "{}", e.message);
    // With the caller's own key, it stays a retryable network error: repeating is safe.
    let h = m2p();
    h.token([m2p_token("tok-1-abcdefgh")]);
    h.op([reset(true), reset(true), reset(true)]);
    let e = h.call("m2p.updateCustomer", key("k-2")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network);
    assert!(e.retryable);
}

#[test]
fn a_bad_idempotency_key_is_a_validation_error_and_nothing_is_sent() {
    let h = m2p();
    h.token([m2p_token("tok-1-abcdefgh")]);
    let e = h
        .call("m2p.updateCustomer", key("a\r\nX-Evil: 1"))
        .unwrap_err();
    // `key()` bypasses the JSON reader; the header check refuses it before sending.
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(h.sent_ops().is_empty() && h.token_calls() <= 1);
    let e = CallOptions::<()>::from_json(
        json!({ "idempotencyKey": "a\nb" }).as_object().unwrap(),
        None,
    )
    .err()
    .unwrap();
    assert_eq!(e.issues[0].path_string(), "options.idempotencyKey");
}

// ---- cancellation, deadlines, secrets ----

#[test]
fn a_cancelled_call_sends_nothing_more() {
    let h = bvnk();
    let signal: Signal = Rc::new(Cell::new(true));
    let e = h
        .call(
            "bvnk.updateCustomer",
            CallOptions {
                signal: Some(signal),
                ..CallOptions::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network);
    assert!(!e.retryable);
    assert!(h.sent_ops().is_empty());
    // Cancelled while waiting to retry: no further attempt.
    let h = bvnk();
    let signal: Signal = Rc::new(Cell::new(false));
    *h.runtime.cancel_on_sleep.borrow_mut() = Some(signal.clone());
    h.op([answer(503, json!({})), ok()]);
    let e = h
        .call(
            "bvnk.updateCustomer",
            CallOptions {
                signal: Some(signal),
                ..CallOptions::default()
            },
        )
        .unwrap_err();
    assert!(e.message.contains("Aborted"), "{}", e.message);
    assert_eq!(h.sent_ops().len(), 1);
}

#[test]
fn the_total_deadline_bounds_retries() {
    let h = harness(
        "bvnk",
        json!({ "hawkId": "i", "hawkKey": "k-0123456789", "timeoutMs": 100, "totalTimeoutMs": 400, "retries": 10 }),
    );
    h.op((0..11).map(|_| answer(503, json!({}))));
    let e = h.call("bvnk.updateCustomer", none()).unwrap_err();
    assert_eq!(e.status, Some(503));
    assert!(
        h.sent_ops().len() < 4,
        "{} sends in a 400 ms budget",
        h.sent_ops().len()
    );
    // Each attempt's limit never runs past the deadline.
    assert!(h.script.borrow().sent.iter().all(|s| s.2 <= 100));
}

#[test]
fn secrets_echoed_by_the_provider_are_redacted() {
    let h = m2p();
    h.token([m2p_token("tok-echo-abcdefgh")]);
    h.op([answer(400, json!({ "title": "Bad Bearer tok-echo-abcdefgh", "detail": "secret m2p-secret-SECRET-0123" }))]);
    let e = h.call("m2p.updateCustomer", key("k-3")).unwrap_err();
    let all = format!("{} {:?} {:?}", e.message, e.raw, e.issues);
    assert!(
        !all.contains("tok-echo-abcdefgh") && !all.contains("m2p-secret-SECRET-0123"),
        "{all}"
    );
    assert!(all.contains("[redacted]"));
}

#[test]
fn result_json_is_the_js_shape() {
    let h = bvnk();
    h.op([with_retry_after(429, "60")]);
    let r = h.call("bvnk.updateCustomer", none());
    let v: Value = serde_json::from_str(&customer_update::client::result_json(&r)).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "http");
    assert_eq!(v["error"]["retryAfterMs"], 60_000);
    assert_eq!(v["error"]["status"], 429);
    // The keys are those of the one description the TypeScript `ClientError` is generated from
    // (vocab/src/shapes.rs): every required one, and optional ones only when they apply.
    use customer_update::rules::shapes;
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let described = |props: &[shapes::Prop], present: &[&str]| -> Vec<String> {
        props
            .iter()
            .filter(|p| !p.optional || present.contains(&p.name))
            .map(|p| p.name.to_owned())
            .collect()
    };
    let mut got = keys(&v["error"]);
    let mut want = described(shapes::CLIENT_ERROR, &["retryAfterMs"]);
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // Every kind the runtime has is a kind the declarations name, in the same order.
    let kinds: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    let declared: Vec<&str> = shapes::ERROR_KINDS.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, declared);
    // A validation error's issues have the described Issue keys.
    let op = customer_update::operation("bvnk.updateCustomer").unwrap();
    let r = block_on(
        h.client
            .send(op, json!({ "customerReference": "" }), none()),
    );
    let v: Value = serde_json::from_str(&customer_update::client::result_json(&r)).unwrap();
    assert_eq!(v["error"]["kind"], "validation");
    let issues = v["error"]["issues"].as_array().unwrap();
    assert!(!issues.is_empty());
    for issue in issues {
        let mut got = keys(issue);
        let present: Vec<&str> = got.iter().map(String::as_str).collect();
        let mut want = described(shapes::ISSUE, &present);
        got.sort();
        want.sort();
        assert_eq!(got, want, "{issue}");
    }
    h.op([ok()]);
    let v: Value = serde_json::from_str(&customer_update::client::result_json(
        &h.call("bvnk.updateCustomer", none()),
    ))
    .unwrap();
    assert_eq!(
        v,
        json!({ "ok": true, "status": 200, "data": { "id": "x" }, "requestId": null })
    );
    let mut got = keys(&v);
    let mut want = described(shapes::SEND_SUCCESS, &[]);
    want.push("ok".into());
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_cached_token_is_reused_until_its_refresh_margin_then_renewed() {
    // M2P tokens live 3600 s; the refresh margin is min(30 s, 10 %) = 30 s.
    let h = m2p();
    h.token([m2p_token("tok-1-abcdefgh"), m2p_token("tok-2-abcdefgh")]);
    h.op([ok(), ok(), ok()]);
    assert!(h.call("m2p.updateCustomerStatus", none()).is_ok());
    h.runtime.clock.set(h.runtime.clock.get() + 3_569_000.0);
    assert!(h.call("m2p.updateCustomerStatus", none()).is_ok());
    assert_eq!(h.token_calls(), 1, "fresh until 3570 s");
    h.runtime.clock.set(h.runtime.clock.get() + 1_000.0);
    assert!(h.call("m2p.updateCustomerStatus", none()).is_ok());
    assert_eq!(h.token_calls(), 2, "renewed at the margin");
    let sent = h.sent_ops();
    assert_eq!(
        sent[2].header("Authorization"),
        Some("Bearer tok-2-abcdefgh")
    );
}

// ---- update_contact: the normalized contact through the client (issue 16) ----

fn contact_call(
    h: &Harness,
    reference: &str,
    contact: Value,
    before: Option<Value>,
    options: CallOptions<Signal>,
) -> Result<customer_update::client::ContactSuccess, customer_update::client::ContactError> {
    block_on(
        h.client
            .update_contact(reference, &contact, before.as_ref(), options),
    )
}

fn issue_paths(issues: &[customer_update::Issue]) -> Vec<(String, &'static str)> {
    issues
        .iter()
        .map(|i| (i.path_string(), i.code.as_str()))
        .collect()
}

const JUSPAY_ID: &str = "cst_om2l6ctlptxwxuzj";

#[test]
fn update_contact_maps_sends_and_reads_the_record_back() {
    let h = juspay();
    h.op([answer(
        200,
        json!({ "id": JUSPAY_ID, "mobile_number": "9800000000", "mobile_country_code": "91", "email_address": "ravi@example.in" }),
    )]);
    let r = contact_call(
        &h,
        JUSPAY_ID,
        json!({ "phone": "+919800000000", "email": "ravi@example.in" }),
        None,
        none(),
    )
    .unwrap();
    assert_eq!(r.op.id, "juspay.updateCustomer");
    assert_eq!(r.success.status, 200);
    assert_eq!(
        r.contact,
        Some(json!({ "email": "ravi@example.in", "phone": "+919800000000" }))
    );
    let sent = h.sent_ops();
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].url.ends_with(&format!("/customers/{JUSPAY_ID}")),
        "{}",
        sent[0].url
    );
    let body = sent[0].body.as_deref().unwrap();
    assert!(body.contains("mobile_number=9800000000"), "{body}");
    assert!(body.contains("mobile_country_code=91"), "{body}");
    assert!(body.contains("email_address=ravi%40example.in"), "{body}");
}

#[test]
fn update_contact_refuses_locally_on_the_contacts_paths_and_sends_nothing() {
    let h = m2p();
    let e = contact_call(
        &h,
        "615928984620006085281025",
        json!({ "phone": "+27821234567", "nickname": "x" }),
        None,
        none(),
    )
    .unwrap_err();
    assert_eq!(e.op.map(|op| op.id), Some("m2p.updateCustomer"));
    assert_eq!(e.error.kind, ErrorKind::Validation);
    assert_eq!(
        e.error.message,
        "The contact has 1 problem; nothing was sent."
    );
    assert_eq!(
        issue_paths(&e.error.issues),
        [("nickname".into(), "unknown_field")]
    );
    assert!(
        h.script.borrow().sent.is_empty(),
        "nothing sent, not even a token request"
    );
    // A field the provider has no field for is reported, not dropped.
    let h = juspay();
    let e = contact_call(
        &h,
        JUSPAY_ID,
        json!({ "birthDate": "1990-05-01" }),
        None,
        none(),
    );
    let e = e.unwrap_err().error;
    assert_eq!(
        issue_paths(&e.issues),
        [("birthDate".into(), "unsupported_field")]
    );
    assert!(h.sent_ops().is_empty());
}

#[test]
fn update_contact_puts_the_providers_field_errors_on_the_contacts_paths() {
    let h = juspay();
    h.op([answer(
        400,
        json!({
            "error_message": "Wrong value in mobile_number", "status": "Invalid Request", "error_code": "Invalid Request",
            "error_info": { "user_message": "Invalid value in mobile_number", "fields": [{ "field_name": "mobile_number", "reason": "Invalid value." }],
                            "developer_message": "Invalid request params", "code": "INVALID_INPUT", "category": "USER_ERROR" }
        }),
    )]);
    let e = contact_call(
        &h,
        JUSPAY_ID,
        json!({ "phone": "+919812345678" }),
        None,
        none(),
    )
    .unwrap_err();
    assert_eq!(e.op.map(|op| op.id), Some("juspay.updateCustomer"));
    assert_eq!(e.error.provider_code.as_deref(), Some("INVALID_INPUT"));
    assert_eq!(
        issue_paths(&e.error.issues),
        [("phone".into(), "provider_rejected")]
    );
}

#[test]
fn update_contact_keeps_the_calls_own_option_paths() {
    let h = m2p();
    h.token([m2p_token("tok-1-abcdefgh")]);
    let e = contact_call(
        &h,
        "615928984620006085281025",
        json!({ "email": "ravi@example.in" }),
        None,
        key("a\r\nX-Evil: 1"),
    )
    .unwrap_err();
    assert_eq!(e.error.kind, ErrorKind::Validation);
    // The request builder's own path for the key (M2P's X-Request-ID), not moved onto the
    // contact (it would land on the contact's root).
    assert_eq!(
        issue_paths(&e.error.issues),
        [("config.requestId".into(), "invalid_format")]
    );
    assert!(h.sent_ops().is_empty());
}

#[test]
fn update_contact_with_before_sends_only_the_changed_fields() {
    let h = juspay();
    h.op([ok()]);
    let before =
        json!({ "email": "ravi@example.in", "phone": "+919812345678", "familyName": "Sharma" });
    let mut after = before.clone();
    after["phone"] = json!("+919800000000");
    let r = contact_call(&h, JUSPAY_ID, after, Some(before.clone()), none()).unwrap();
    assert_eq!(r.op.id, "juspay.updateCustomer");
    // `{ "id": "x" }` holds no contact field: an empty contact back.
    assert_eq!(r.contact, Some(json!({})));
    let sent = h.sent_ops();
    assert_eq!(
        sent.iter().map(|r| r.body.clone()).collect::<Vec<_>>(),
        [Some(
            "mobile_number=9800000000&mobile_country_code=91".to_owned()
        )]
    );
    // Nothing changed: nothing to send, and nothing sent.
    let same = contact_call(&h, JUSPAY_ID, before.clone(), Some(before.clone()), none());
    let same = same.unwrap_err();
    assert_eq!(
        issue_paths(&same.error.issues),
        [(String::new(), "at_least_one_required")]
    );
    // A field removed cannot be expressed.
    let removed = contact_call(
        &h,
        JUSPAY_ID,
        json!({ "email": "ravi@example.in" }),
        Some(before),
        none(),
    )
    .unwrap_err();
    assert_eq!(removed.op.map(|op| op.id), Some("juspay.updateCustomer"));
    assert_eq!(
        issue_paths(&removed.error.issues),
        [
            ("familyName".into(), "null_not_allowed"),
            ("phone".into(), "null_not_allowed")
        ]
    );
    assert_eq!(h.sent_ops().len(), 1);
}

#[test]
fn hook_events_have_the_described_keys_with_secrets_masked() {
    // The onRequest / onResponse payloads carry exactly the keys of the one description the
    // TypeScript RequestEvent / ResponseEvent are generated from (vocab/src/shapes.rs).
    use customer_update::rules::shapes::{REQUEST_EVENT, RESPONSE_EVENT};
    let seen: Rc<RefCell<Vec<(bool, Value)>>> = Rc::default();
    let clock = Rc::new(Cell::new(T0));
    let script = Rc::new(RefCell::new(Script::default()));
    let transport = Scripted {
        script: script.clone(),
        clock: clock.clone(),
    };
    let runtime = Virtual {
        clock,
        slept: Rc::default(),
        counter: Rc::default(),
        cancel_on_sleep: Rc::default(),
        hold: Rc::default(),
    };
    let config = json!({ "apiKey": "juspay-key-SECRET-0123", "merchantId": "m1" });
    let mut config = Config::from_map(config.as_object().unwrap().clone()).unwrap();
    let (a, b) = (seen.clone(), seen.clone());
    config.on_request = Some(Box::new(move |v: &Value| {
        a.borrow_mut().push((true, v.clone()))
    }));
    config.on_response = Some(Box::new(move |v: &Value| {
        b.borrow_mut().push((false, v.clone()))
    }));
    let client = Client::new(
        customer_update::provider("juspay").unwrap(),
        config,
        transport,
        runtime,
    )
    .unwrap();
    script.borrow_mut().op.extend([
        answer(503, json!({ "echo": "juspay-key-SECRET-0123" })),
        ok(),
    ]);
    let op = customer_update::operation("juspay.updateCustomer").unwrap();
    let input: Value = serde_json::from_str(op.example).unwrap();
    // A POST is not resent after a 503: two calls, one send each.
    let e = block_on(client.send(op, input.clone(), none())).unwrap_err();
    assert_eq!(e.status, Some(503));
    block_on(client.send(op, input, none())).unwrap();
    let seen = seen.borrow();
    let kinds: Vec<bool> = seen.iter().map(|(req, _)| *req).collect();
    assert_eq!(kinds, [true, false, true, false]);
    for (i, (is_request, v)) in seen.iter().enumerate() {
        let props = if *is_request {
            REQUEST_EVENT
        } else {
            RESPONSE_EVENT
        };
        let mut got: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want: Vec<&str> = props.iter().map(|p| p.name).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{v}");
        assert_eq!(v["operation"], "juspay.updateCustomer");
        assert_eq!(v["attempt"], 1, "entry {i}");
        assert!(!v.to_string().contains("juspay-key-SECRET-0123"), "{v}");
    }
    assert!(seen[0].1["headers"]["Authorization"]
        .as_str()
        .unwrap()
        .contains("***"));
}
