#![cfg(feature = "client")]
//! The pure retry policy: backoff, Retry-After, retry safety.

use customer_update::retry::{
    backoff_ms, backoff_ms_with, is_retry_safe, is_retryable_status, parse_retry_after, Jitter,
    Policy, MAX_RETRY_AFTER_MS,
};

#[test]
fn backoff_is_exponential_with_equal_jitter() {
    // d = 100 * 2^attempt; equal jitter spans d/2 ..= d.
    assert_eq!(backoff_ms(0, 100, 10_000, 0.0), 50);
    assert_eq!(backoff_ms(0, 100, 10_000, 1.0), 100);
    assert_eq!(backoff_ms(1, 100, 10_000, 0.0), 100);
    assert_eq!(backoff_ms(1, 100, 10_000, 1.0), 200);
    assert_eq!(backoff_ms(3, 100, 10_000, 0.5), 600);
    assert_eq!(
        backoff_ms(0, 101, 10_000, 1.0),
        101,
        "the odd millisecond is kept"
    );
}

#[test]
fn backoff_is_capped_and_never_overflows() {
    assert_eq!(backoff_ms(10, 100, 5_000, 1.0), 5_000);
    assert_eq!(backoff_ms(10, 100, 5_000, 0.0), 2_500);
    assert_eq!(backoff_ms(63, 1_000, 60_000, 1.0), 60_000);
    assert_eq!(backoff_ms(64, 1_000, 60_000, 1.0), 60_000);
    assert_eq!(backoff_ms(u32::MAX, u64::MAX, u64::MAX, 1.0), u64::MAX);
    assert_eq!(backoff_ms(u32::MAX, u64::MAX, u64::MAX, 0.0), u64::MAX / 2);
    assert_eq!(backoff_ms(5, 0, 1_000, 1.0), 0);
    assert_eq!(backoff_ms(5, 100, 0, 1.0), 0);
    for attempt in 0..100 {
        for j in [0.0, 0.3, 1.0] {
            assert!(backoff_ms(attempt, 250, 7_000, j) <= 7_000);
        }
    }
}

#[test]
fn backoff_doubling_saturates_as_saturating_mul() {
    // Jitter 1.0 gives the whole delay: `base * 2^attempt` saturating at `u64::MAX`, capped.
    for attempt in 0..70u32 {
        let factor = 1u64 << attempt.min(63);
        let mut bases = vec![0, 1, 2, 3, 100, 1_000, u64::MAX - 1, u64::MAX];
        for k in 0..64u32 {
            let edge = u64::MAX >> k;
            bases.extend([edge - 1, edge, edge.saturating_add(1)]);
        }
        for base in bases {
            for cap in [u64::MAX, 60_000] {
                assert_eq!(
                    backoff_ms(attempt, base, cap, 1.0),
                    base.saturating_mul(factor).min(cap),
                    "attempt {attempt}, base {base}, cap {cap}"
                );
            }
        }
    }
}

#[test]
fn retry_after_seconds_are_capped_as_saturating_mul() {
    let mut secs: Vec<u64> = (0..5_000).collect();
    secs.extend([u64::MAX / 1000, u64::MAX / 1000 + 1, u64::MAX - 1, u64::MAX]);
    for s in secs {
        assert_eq!(
            parse_retry_after(&s.to_string(), 0.0),
            Some(s.saturating_mul(1000).min(MAX_RETRY_AFTER_MS)),
            "{s}"
        );
    }
}

#[test]
fn backoff_clamps_bad_jitter() {
    assert_eq!(backoff_ms(1, 100, 10_000, -3.0), 100);
    assert_eq!(backoff_ms(1, 100, 10_000, 7.0), 200);
    assert_eq!(backoff_ms(1, 100, 10_000, f64::NAN), 100);
    assert_eq!(backoff_ms(1, 100, 10_000, f64::INFINITY), 200);
}

#[test]
fn full_jitter_spans_zero_to_d() {
    assert_eq!(backoff_ms_with(Jitter::Full, 2, 100, 10_000, 0.0), 0);
    assert_eq!(backoff_ms_with(Jitter::Full, 2, 100, 10_000, 0.25), 100);
    assert_eq!(backoff_ms_with(Jitter::Full, 2, 100, 10_000, 1.0), 400);
    assert_eq!(backoff_ms_with(Jitter::Full, 20, 100, 3_000, 1.0), 3_000);
    assert_eq!(
        backoff_ms_with(Jitter::Equal, 2, 100, 10_000, 0.0),
        backoff_ms(2, 100, 10_000, 0.0)
    );
}

#[test]
fn retry_after_delta_seconds() {
    assert_eq!(parse_retry_after("120", 0.0), Some(120_000));
    assert_eq!(parse_retry_after("  0 ", 0.0), Some(0));
    assert_eq!(parse_retry_after("3600", 0.0), Some(MAX_RETRY_AFTER_MS));
    assert_eq!(parse_retry_after("86400", 0.0), Some(MAX_RETRY_AFTER_MS));
    assert_eq!(
        parse_retry_after("99999999999999999999999999", 0.0),
        Some(MAX_RETRY_AFTER_MS)
    );
    assert_eq!(parse_retry_after("-5", 0.0), None);
    assert_eq!(parse_retry_after("1.5", 0.0), None);
    assert_eq!(parse_retry_after("", 0.0), None);
    assert_eq!(parse_retry_after("soon", 0.0), None);
    // delta-seconds need no clock.
    assert_eq!(parse_retry_after("2", f64::NAN), Some(2_000));
}

/// 2015-10-21T07:28:00Z in Unix ms.
const OCT_21_2015: f64 = 1_445_412_480_000.0;

#[test]
fn retry_after_imf_fixdate() {
    let v = "Wed, 21 Oct 2015 07:28:00 GMT";
    assert_eq!(parse_retry_after(v, OCT_21_2015), Some(0));
    assert_eq!(parse_retry_after(v, OCT_21_2015 - 30_000.0), Some(30_000));
    assert_eq!(
        parse_retry_after(v, OCT_21_2015 - 1_500.5),
        Some(1_501),
        "rounded up"
    );
    assert_eq!(
        parse_retry_after(v, OCT_21_2015 + 5_000.0),
        Some(0),
        "a past date means now"
    );
    assert_eq!(
        parse_retry_after(v, 0.0),
        Some(MAX_RETRY_AFTER_MS),
        "capped"
    );
    assert_eq!(parse_retry_after(v, f64::NAN), None);
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777_000.0 - 1_000.0),
        Some(1_000)
    );
    assert_eq!(
        parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        Some(0)
    );
    assert_eq!(
        parse_retry_after("Thu, 29 Feb 2024 00:00:10 GMT", 1_709_164_800_000.0),
        Some(10_000)
    );
}

#[test]
fn retry_after_obsolete_date_forms() {
    assert_eq!(
        parse_retry_after("Wednesday, 21-Oct-15 07:28:10 GMT", OCT_21_2015),
        Some(10_000)
    );
    assert_eq!(
        parse_retry_after("Wed Oct 21 07:28:10 2015", OCT_21_2015),
        Some(10_000)
    );
    assert_eq!(
        parse_retry_after("Sun Nov  6 08:49:37 1994", 784_111_777_000.0 - 1_000.0),
        Some(1_000)
    );
}

#[test]
fn retry_after_rejects_malformed_dates() {
    for v in [
        "Wed, 21 Oct 2015 07:28:00 UTC",
        "Wed, 21 oct 2015 07:28:00 GMT",
        "Wed, 32 Oct 2015 07:28:00 GMT",
        "Wed, 29 Feb 2015 07:28:00 GMT",
        "Wed, 21 Oct 2015 24:00:00 GMT",
        "Wed, 21 Oct 2015 07:60:00 GMT",
        "Wed, 21 Oct 2015 7:28:00 GMT",
        "Wed, 1 Oct 2015 07:28:00 GMT",
        "Wed 21 Oct 2015 07:28:00 GMT",
        "2015-10-21T07:28:00Z",
        "Wed, 21 Oct 2015 07:28 GMT",
        "Wed, 21 Oct 2015 07:28:00:00 GMT",
        "Wed, 21 Oct +015 07:28:00 GMT",
        "Wednesday, 21-Oct-2015 07:28:00 GMT",
    ] {
        assert_eq!(parse_retry_after(v, OCT_21_2015), None, "{v}");
    }
}

#[test]
fn retryable_statuses() {
    for s in [429, 500, 502, 503, 504] {
        assert!(is_retryable_status(s), "{s}");
    }
    for s in [200, 400, 401, 403, 404, 409, 422, 501, 505] {
        assert!(!is_retryable_status(s), "{s}");
    }
}

#[test]
fn retry_safety_by_method() {
    assert!(is_retry_safe("PUT", false));
    // PATCH is not idempotent (RFC 9110): a Gathr PATCH resent after a lost answer was applied
    // twice. Only an honoured idempotency key makes it safe.
    assert!(!is_retry_safe("patch", false));
    assert!(is_retry_safe("PATCH", true));
    assert!(is_retry_safe("GET", false));
    assert!(!is_retry_safe("POST", false));
    assert!(is_retry_safe("POST", true));
    assert!(!is_retry_safe("CONNECT", false));
    assert!(!is_retry_safe("", false));
}

#[test]
fn policy_delay() {
    let p = Policy {
        max_retries: 3,
        base_ms: 100,
        cap_ms: 1_000,
        jitter: Jitter::Equal,
        max_retry_after_ms: 10_000,
    };
    assert_eq!(p.delay_ms(0, None, 1.0), Some(100));
    assert_eq!(p.delay_ms(2, None, 1.0), Some(400));
    assert_eq!(p.delay_ms(3, None, 1.0), None, "budget spent");
    assert_eq!(
        p.delay_ms(0, Some(5_000), 1.0),
        Some(5_000),
        "Retry-After wins when longer"
    );
    assert_eq!(
        p.delay_ms(2, Some(10), 1.0),
        Some(400),
        "backoff wins when longer"
    );
    assert_eq!(p.delay_ms(0, Some(10_001), 1.0), None, "too long to wait");
    let d = Policy::default();
    assert_eq!(d.max_retries, 2);
    assert!(d.delay_ms(0, None, 0.5).is_some());
}

/// Issue 13 item 3: which operations the client may send again after a lost answer. Gathr's
/// PATCH was retried and applied twice; only PUT and the M2P calls carrying their X-Request-ID
/// (the spec's `idempotency_header`) are safe.
#[test]
fn operation_retry_safety() {
    use customer_update::retry::operation_retry_safe;
    let safe =
        |id: &str, key: bool| operation_retry_safe(customer_update::operation(id).unwrap(), key);
    for id in [
        "bvnk.updateCustomer",
        "bvnk.updateCustomerStatus",
        "bvnk.updateCustomerAssociates",
    ] {
        assert!(safe(id, false), "{id}: PUT");
    }
    for id in [
        "m2p.updateCustomer",
        "m2p.updateCustomerStatus",
        "m2p.updateNomineeDetails",
    ] {
        assert!(safe(id, true), "{id} with X-Request-ID");
        assert!(!safe(id, false), "{id} without X-Request-ID");
    }
    for id in [
        "accessbank.updateCustomerDetails",
        "juspay.updateCustomer",
        "gathr.updateCustomer",
    ] {
        assert!(!safe(id, false), "{id}");
        // A key the provider does not honour (no idempotency_header in its spec) changes nothing.
        assert!(!safe(id, true), "{id} with a key its provider ignores");
    }
}

/// A fetch failure that certainly never reached the server, versus one that may have.
#[test]
fn never_sent_by_cause() {
    use customer_update::retry::never_sent;
    for sent_nothing in [
        "fetch failed ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9",
        "fetch failed ENOTFOUND getaddrinfo ENOTFOUND nowhere.invalid",
        "error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: Connection refused (os error 111)",
        "fetch failed UND_ERR_CONNECT_TIMEOUT Connect Timeout Error",
    ] {
        assert!(never_sent(sent_nothing), "{sent_nothing}");
    }
    for maybe in [
        "fetch failed UND_ERR_SOCKET other side closed",
        "fetch failed ECONNRESET read ECONNRESET",
        "Failed to fetch",
        "NetworkError when attempting to fetch resource.",
        "",
    ] {
        assert!(!never_sent(maybe), "{maybe}");
    }
}

/// `Retry-After: 0` (or a date in the past) still waits the policy's backoff; the client runs
/// this policy (300 ms base), not a constant of its own.
#[test]
fn retry_after_zero_waits_the_backoff() {
    let p = Policy::default();
    assert_eq!(p.base_ms, 300);
    for attempt in 0..2 {
        for jitter in [0.0, 0.5, 1.0] {
            let backoff = backoff_ms(attempt, p.base_ms, p.cap_ms, jitter);
            assert_eq!(p.delay_ms(attempt, Some(0), jitter), Some(backoff));
            assert!(backoff >= 150);
        }
    }
    assert_eq!(p.delay_ms(0, parse_retry_after("0", 0.0), 0.0), Some(150));
}
