//! Pure retry policy: exponential backoff with caller-supplied jitter, `Retry-After` parsing and
//! the "may this request be sent again?" rule. No clock, no randomness, no I/O: the caller passes
//! `now` and a jitter fraction, so every function is deterministic and testable.
//!
//! A typical loop in the fetch client:
//!
//! ```
//! use customer_update::retry::{Policy, is_retry_safe, is_retryable_status, parse_retry_after};
//! let policy = Policy::default();
//! // attempt 0 failed with HTTP 503 and `Retry-After: 2`
//! let retry_after = parse_retry_after("2", 0.0);
//! assert!(is_retryable_status(503) && is_retry_safe("PUT", false));
//! assert_eq!(policy.delay_ms(0, retry_after, 0.5), Some(2_000));
//! // out of attempts: stop
//! assert_eq!(policy.delay_ms(policy.max_retries, None, 0.5), None);
//! ```

use crate::rules::date::days_in_month;

/// The longest wait `parse_retry_after` reports (one hour). A server asking for more is treated
/// as asking for this much; the caller decides whether to wait that long or give up.
pub const MAX_RETRY_AFTER_MS: u64 = 3_600_000;

/// How the random part of a backoff delay is spread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Jitter {
    /// `delay = d/2 + jitter * d/2`: never less than half the exponential delay (the default;
    /// keeps a floor under retries after a 429).
    #[default]
    Equal,
    /// `delay = jitter * d`: anywhere from 0 to the exponential delay (AWS "full jitter").
    Full,
}

/// The exponential delay before retry number `attempt` (0 = the first retry), with equal jitter:
/// `d = min(cap_ms, base_ms * 2^attempt)`, then `d/2 + jitter * d/2`. `jitter` is a random
/// fraction in `0..=1` from the caller (values outside are clamped, NaN counts as 0). Never
/// overflows; never exceeds `cap_ms`.
pub fn backoff_ms(attempt: u32, base_ms: u64, cap_ms: u64, jitter: f64) -> u64 {
    backoff_ms_with(Jitter::Equal, attempt, base_ms, cap_ms, jitter)
}

/// [`backoff_ms`] with a chosen [`Jitter`] strategy.
pub fn backoff_ms_with(
    strategy: Jitter,
    attempt: u32,
    base_ms: u64,
    cap_ms: u64,
    jitter: f64,
) -> u64 {
    // `base_ms * 2^shift`, saturating (a shift, not `saturating_mul`: a 64-bit multiply with
    // overflow is a 128-bit one on wasm32, compiler_builtins' `__multi3`).
    let shift = attempt.min(63);
    let d = if base_ms > u64::MAX >> shift {
        u64::MAX
    } else {
        base_ms << shift
    }
    .min(cap_ms);
    let j = if jitter.is_nan() {
        0.0
    } else {
        jitter.clamp(0.0, 1.0)
    };
    let out = match strategy {
        Jitter::Equal => {
            let half = d / 2;
            // `d - half` keeps the odd millisecond, so jitter 1.0 gives exactly `d`.
            half.saturating_add(scale(d - half, j))
        }
        Jitter::Full => scale(d, j),
    };
    out.min(cap_ms)
}

/// `round(n * j)` for `j` in `0..=1`, without overflow. Halves round up, as `f64::round` does
/// for a non-negative value, written with `floor` (a wasm instruction; `round` is a libm
/// function in the wasm, kept there for this one caller): `x - floor(x)` is exact.
fn scale(n: u64, j: f64) -> u64 {
    let x = n as f64 * j;
    let floor = x.floor();
    let v = if x - floor >= 0.5 { floor + 1.0 } else { floor };
    if v <= 0.0 {
        0
    } else if v >= n as f64 {
        n
    } else {
        v as u64
    }
}

/// Whether an HTTP status is worth retrying: 429 (rate limited) and 500, 502, 503, 504.
/// Network failures and timeouts are retryable too, but carry no status.
pub const fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// Whether a request with this method may be sent again after a failure whose outcome is unknown
/// (a timeout, a dropped connection, a 5xx). `PUT` sets values and is idempotent by definition
/// (RFC 9110 §9.2.2; the update operations here are all "set these fields"), as are `GET`,
/// `HEAD`, `OPTIONS` and `DELETE`. `POST` and `PATCH` (neither is idempotent: a Gathr PATCH
/// resent after a lost answer is applied twice) are safe only when the request carries an
/// idempotency key that the provider is known to honour; the caller says so with
/// `has_idempotency_key` (e.g. M2P's `X-Request-ID`, reused across retries of one logical request).
pub fn is_retry_safe(method: &str, has_idempotency_key: bool) -> bool {
    const ALWAYS: [&str; 5] = ["PUT", "GET", "HEAD", "OPTIONS", "DELETE"];
    ALWAYS.iter().any(|m| m.eq_ignore_ascii_case(method.trim())) || has_idempotency_key
}

/// [`is_retry_safe`] for one of the operations: its method, and whether the request carries the
/// idempotency header its provider's spec declares (`idempotency_header`, today only M2P's
/// `X-Request-ID`) — that declaration is how a spec marks a POST or PATCH as safe to repeat.
pub fn operation_retry_safe(op: &crate::schema::Operation, sends_idempotency_key: bool) -> bool {
    is_retry_safe(
        op.method.as_str(),
        sends_idempotency_key && op.provider.idempotency_header.is_some(),
    )
}

/// Whether a failed `fetch` certainly never reached the server, judged from the runtime's error
/// code or text (Node's `cause.code`, Deno's and browsers' messages): the connection was refused,
/// the name did not resolve, the host or network was unreachable, or TLS failed before any byte of
/// the request was written. Anything else (a reset, "other side closed", a bare "Failed to fetch",
/// an abort by the attempt's timer) may have happened after the request was delivered.
pub fn never_sent(detail: &str) -> bool {
    const CODES: [&str; 14] = [
        "ECONNREFUSED",
        "ENOTFOUND",
        "EAI_AGAIN",
        "EHOSTUNREACH",
        "ENETUNREACH",
        "EADDRNOTAVAIL",
        "UND_ERR_CONNECT_TIMEOUT",
        "ERR_INVALID_URL",
        "ERR_TLS_CERT_ALTNAME_INVALID",
        "DEPTH_ZERO_SELF_SIGNED_CERT",
        "SELF_SIGNED_CERT_IN_CHAIN",
        "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        "CERT_HAS_EXPIRED",
        "ERR_SSL_WRONG_VERSION_NUMBER",
    ];
    const PHRASES: [&str; 6] = [
        "connection refused",
        "dns error",
        "failed to lookup address",
        "name or service not known",
        "error trying to connect",
        "invalid certificate",
    ];
    let lower = detail.to_ascii_lowercase();
    CODES.iter().any(|c| crate::text::contains(detail, c))
        || PHRASES.iter().any(|p| crate::text::contains(&lower, p))
}

/// Parses a `Retry-After` header value into milliseconds to wait from `now_ms` (Unix ms, e.g.
/// `Date.now()`).
///
/// Accepts delta-seconds (`"120"`) and HTTP-dates: IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`)
/// plus the two obsolete forms RFC 9110 §5.6.7 says recipients must accept (RFC 850
/// `Wednesday, 21-Oct-15 07:28:00 GMT` and asctime `Wed Oct 21 07:28:00 2015`). A date in the
/// past gives `Some(0)`; anything above [`MAX_RETRY_AFTER_MS`] is capped to it. Returns `None`
/// for a value it cannot read (or a date when `now_ms` is not finite).
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<u64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if crate::text::all_bytes(v, |b| b.is_ascii_digit()) {
        // All digits: too many to fit in u64 is simply "absurdly long".
        let secs = crate::text::parse_uint(v, u64::MAX).unwrap_or(u64::MAX);
        // (`secs * 1000` capped: `MAX_RETRY_AFTER_MS` is whole seconds, so capping the seconds
        // first is the same, without `saturating_mul`'s 128-bit multiply on wasm32.)
        return Some(secs.min(MAX_RETRY_AFTER_MS / 1000) * 1000);
    }
    if !now_ms.is_finite() {
        return None;
    }
    let at_ms = http_date_ms(v)?;
    let wait = at_ms - now_ms;
    if wait <= 0.0 {
        Some(0)
    } else if wait >= MAX_RETRY_AFTER_MS as f64 {
        Some(MAX_RETRY_AFTER_MS)
    } else {
        Some(wait.ceil() as u64)
    }
}

/// An HTTP-date (any of the three RFC 9110 forms) as Unix milliseconds.
fn http_date_ms(s: &str) -> Option<f64> {
    // The words in a fixed array (no `Vec` and its `from_iter` for this one parser); a seventh
    // word makes the value unreadable, as no form has more than six.
    let mut words = [""; 6];
    let mut n = 0;
    for word in s.split_ascii_whitespace() {
        *words.get_mut(n)? = word;
        n += 1;
    }
    // The day, month, year and time words of whichever form it is, read once below.
    let (d, mon, y, time) = match words.get(..n)? {
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        [wd, d, mon, y, t, "GMT"] if wd.ends_with(",") && d.len() == 2 && y.len() == 4 => {
            (*d, *mon, *y, *t)
        }
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        [wd, dmy, t, "GMT"] if wd.ends_with(",") => {
            let mut parts = crate::text::split(dmy, b'-');
            let (d, mon, yy) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || d.len() != 2 || yy.len() != 2 {
                return None;
            }
            (d, mon, yy, *t)
        }
        // asctime: Sun Nov  6 08:49:37 1994
        [_wd, mon, d, t, y] if y.len() == 4 && (1..=2).contains(&d.len()) => (*d, *mon, *y, *t),
        _ => return None,
    };
    let mut year = num(y)?;
    if y.len() == 2 {
        // Two-digit years (RFC 850): a fixed pivot (70..=99 → 19xx, else 20xx), right until 2069
        // (RFC 9110 asks for "not more than 50 years ahead"; the format is obsolete anyway).
        year += if year >= 70 { 1900 } else { 2000 };
    }
    let (month, day) = (month_number(mon)?, num(d)?);
    let mut hms = crate::text::split(time, b':');
    let (h, m, sec) = (hms.next()?, hms.next()?, hms.next()?);
    if hms.next().is_some() || h.len() != 2 || m.len() != 2 || sec.len() != 2 {
        return None;
    }
    let (h, m, sec) = (num(h)?, num(m)?, num(sec)?);
    // 60 allows a leap second.
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let month = u8::try_from(month).ok()?;
    let year = i32::try_from(year).ok()?;
    if day < 1 || day > u32::from(days_in_month(year, month)) {
        return None;
    }
    let days = days_from_civil(i64::from(year), u32::from(month), day);
    let secs = days * 86_400 + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(sec);
    Some(secs as f64 * 1000.0)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !crate::text::all_bytes(s, |b| b.is_ascii_digit()) {
        return None;
    }
    crate::text::parse_uint(s, u64::from(u32::MAX)).map(|n| n as u32)
}

fn month_number(s: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS
        .iter()
        .position(|m| *m == s)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A retry budget and backoff shape, with the one decision a fetch loop needs. The client
/// (`src/client/mod.rs`) runs `Policy { max_retries: <config.retries>, max_retry_after_ms:
/// <config.maxRetryAfterMs>, ..Policy::default() }`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    /// Retries after the first attempt (so `max_retries + 1` sends at most).
    pub max_retries: u32,
    /// The first backoff, in milliseconds (doubled per retry).
    pub base_ms: u64,
    /// The longest backoff, in milliseconds.
    pub cap_ms: u64,
    /// How the backoff is randomised.
    pub jitter: Jitter,
    /// The longest `Retry-After` the policy will honour; a longer one stops retrying.
    pub max_retry_after_ms: u64,
}

impl Default for Policy {
    /// 2 retries, 300 ms base, 5 s cap, equal jitter, `Retry-After` honoured up to 30 s.
    fn default() -> Self {
        Policy {
            max_retries: 2,
            base_ms: 300,
            cap_ms: 5_000,
            jitter: Jitter::Equal,
            max_retry_after_ms: 30_000,
        }
    }
}

impl Policy {
    /// How long to wait before retry number `attempt` (0 = the first retry), or `None` when the
    /// budget is spent or the server's `Retry-After` (already parsed, in ms) is longer than this
    /// policy will wait. A `Retry-After` wins over the computed backoff when it is longer.
    /// Whether the failure is retryable at all is the caller's check (`ProviderError::retryable`,
    /// [`is_retry_safe`]).
    pub fn delay_ms(&self, attempt: u32, retry_after_ms: Option<u64>, jitter: f64) -> Option<u64> {
        if attempt >= self.max_retries {
            return None;
        }
        let backoff = backoff_ms_with(self.jitter, attempt, self.base_ms, self.cap_ms, jitter);
        match retry_after_ms {
            Some(ra) if ra > self.max_retry_after_ms => None,
            Some(ra) => Some(ra.max(backoff)),
            None => Some(backoff),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_civil_matches_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn scale_rounds_as_f64_round() {
        // Halves, the double just below a half, integers, the clamp's ends and a large `n`.
        let below_half = 0.5 - f64::EPSILON / 4.0;
        for (n, j) in [
            (0, 0.5),
            (1, 0.5),
            (1, below_half),
            (3, 0.5),
            (5, 0.3),
            (300, 0.5),
            (300, 1.0 / 600.0),
            (5_000, 0.999_999_9),
            (5_000, 1.0),
            (u64::MAX, 1.0),
            (1 << 53, 0.5),
            ((1 << 53) + 1, 0.5),
        ] {
            let want = (n as f64 * j).round();
            let want = if want >= n as f64 { n } else { want as u64 };
            assert_eq!(scale(n, j), want, "n {n}, j {j}");
        }
        assert_eq!(scale(1, below_half), 0);
        assert_eq!(scale(1, 0.5), 1);
    }

    #[test]
    fn month_names_are_case_sensitive() {
        assert_eq!(month_number("Oct"), Some(10));
        assert_eq!(month_number("oct"), None);
    }
}
