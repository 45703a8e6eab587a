//! Bearer tokens from a token endpoint (Access Bank `POST /waas/Client/authenticate`, M2P
//! `POST /auth/token`; docs/providers.md#tokens): the two response parsers and a pure cache that
//! says when a token must be refreshed. Time is always passed in (Unix milliseconds, e.g.
//! `Date.now()`), so nothing here reads a clock.
//!
//! ```
//! use customer_update::auth::token::{parse_accessbank, TokenCache};
//! let body = r#"{"succeeded":true,"code":"200","data":{"accessToken":"eyJ.x.y","expiresIn":120}}"#;
//! let mut cache = TokenCache::default();
//! cache.store(parse_accessbank(body).unwrap(), 1_000_000.0);
//! assert_eq!(cache.get(1_000_000.0 + 100_000.0), Some("eyJ.x.y")); // 100 s in: fresh
//! assert_eq!(cache.get(1_000_000.0 + 110_000.0), None); // 12 s margin reached: refresh
//! ```

use serde_json::Value;
use std::fmt;

/// Access Bank's documented typical token lifetime ("typically 120"), used when `expiresIn` is
/// missing.
pub const ACCESSBANK_DEFAULT_LIFETIME_S: u64 = 120;
/// M2P's documented token lifetime, used when `expires_in` is missing.
pub const M2P_DEFAULT_LIFETIME_S: u64 = 3600;
/// The refresh margin never exceeds this (30 s).
pub const MAX_REFRESH_MARGIN_MS: u64 = 30_000;
/// Lifetimes above this (one year) are clamped, so time arithmetic stays exact.
const MAX_LIFETIME_S: u64 = 365 * 24 * 3600;

/// A bearer token and how long it lives. `Debug` never prints the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    /// The token text (sent as `Authorization: Bearer <access_token>`).
    pub access_token: String,
    /// Lifetime in seconds from when it was issued.
    pub expires_in_s: u64,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field(
                "access_token",
                &format_args!("<{} chars redacted>", self.access_token.len()),
            )
            .field("expires_in_s", &self.expires_in_s)
            .finish()
    }
}

/// How long before expiry a token of this lifetime should be refreshed:
/// `min(30 s, 10% of the lifetime)`, in milliseconds (12 s for Access Bank's 120 s tokens,
/// 30 s for M2P's 3600 s tokens).
pub fn refresh_margin_ms(lifetime_s: u64) -> u64 {
    (lifetime_s.min(MAX_LIFETIME_S) * 1000 / 10).min(MAX_REFRESH_MARGIN_MS)
}

/// A token plus the time it was obtained.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedToken {
    token: Token,
    obtained_at_ms: f64,
}

impl CachedToken {
    /// `obtained_at_ms`: when the token request was sent or its response arrived (Unix ms).
    /// The send time is exact; the arrival time is up to one round trip late, which the
    /// refresh margin covers.
    pub fn new(token: Token, obtained_at_ms: f64) -> Self {
        CachedToken {
            token,
            obtained_at_ms,
        }
    }

    /// The token text.
    pub fn value(&self) -> &str {
        &self.token.access_token
    }

    /// The token and its lifetime.
    pub fn token(&self) -> &Token {
        &self.token
    }

    /// When the token stops being valid (Unix ms).
    pub fn expires_at_ms(&self) -> f64 {
        self.obtained_at_ms + (self.token.expires_in_s.min(MAX_LIFETIME_S) * 1000) as f64
    }

    /// From when on the token should be replaced: expiry minus [`refresh_margin_ms`].
    pub fn refresh_at_ms(&self) -> f64 {
        self.expires_at_ms() - refresh_margin_ms(self.token.expires_in_s) as f64
    }

    /// Whether the token may still be used at `now_ms`: not before it was obtained (a clock that
    /// went backwards means refresh) and strictly before [`refresh_at_ms`](Self::refresh_at_ms).
    /// A non-finite `now_ms` is never fresh.
    pub fn is_fresh(&self, now_ms: f64) -> bool {
        now_ms.is_finite() && now_ms >= self.obtained_at_ms && now_ms < self.refresh_at_ms()
    }
}

/// A one-slot token cache: [`get`](Self::get) gives the token while it is fresh; on `None`
/// fetch a new one and [`store`](Self::store) it. After a 401, [`clear`](Self::clear) and
/// re-authenticate once (docs/providers.md#tokens).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TokenCache {
    slot: Option<CachedToken>,
}

impl TokenCache {
    /// The cached token if it is fresh at `now_ms`.
    pub fn get(&self, now_ms: f64) -> Option<&str> {
        self.slot
            .as_ref()
            .filter(|t| t.is_fresh(now_ms))
            .map(CachedToken::value)
    }

    /// Keeps `token`, obtained at `now_ms`, replacing any other.
    pub fn store(&mut self, token: Token, now_ms: f64) {
        self.slot = Some(CachedToken::new(token, now_ms));
    }

    /// Forgets the token (e.g. after the provider answered 401).
    pub fn clear(&mut self) {
        self.slot = None;
    }

    /// The cached entry, fresh or not.
    pub fn entry(&self) -> Option<&CachedToken> {
        self.slot.as_ref()
    }
}

/// Parses Access Bank's token response
/// `{"succeeded":true,"code":"200","data":{"accessToken":"…","expiresIn":120}}`.
/// `succeeded` must be `true`; `expiresIn` (seconds) defaults to
/// [`ACCESSBANK_DEFAULT_LIFETIME_S`] when absent. Errors are plain English and never contain the
/// body or the token.
pub fn parse_accessbank(body: &str) -> Result<Token, String> {
    const WHO: &str = "Access Bank's token response";
    let v = parse_object(body, WHO)?;
    if v.get("succeeded").and_then(Value::as_bool) != Some(true) {
        let code = v
            .get("code")
            .and_then(short_code)
            .map(|c| format!(" (code {c})"))
            .unwrap_or_default();
        return Err(format!(
            "Access Bank did not issue a token: succeeded is not true{code}."
        ));
    }
    let data = v.get("data").ok_or_else(|| format!("{WHO} has no data."))?;
    let access_token = token_text(data.get("accessToken"), WHO, "data.accessToken")?;
    let expires_in_s = lifetime(
        data.get("expiresIn"),
        ACCESSBANK_DEFAULT_LIFETIME_S,
        WHO,
        "data.expiresIn",
    )?;
    Ok(Token {
        access_token,
        expires_in_s,
    })
}

/// Parses M2P's token response `{"access_token":"…","token_type":"Bearer","expires_in":3600}`.
/// `token_type`, when present, must be `Bearer` (any case); `expires_in` defaults to
/// [`M2P_DEFAULT_LIFETIME_S`] when absent. Errors never contain the body or the token.
pub fn parse_m2p(body: &str) -> Result<Token, String> {
    const WHO: &str = "M2P's token response";
    let v = parse_object(body, WHO)?;
    let access_token = token_text(v.get("access_token"), WHO, "access_token")?;
    match v.get("token_type") {
        None | Some(Value::Null) => {}
        Some(Value::String(t)) if t.eq_ignore_ascii_case("bearer") => {}
        Some(_) => return Err(format!("{WHO} has a token_type other than Bearer.")),
    }
    let expires_in_s = lifetime(
        v.get("expires_in"),
        M2P_DEFAULT_LIFETIME_S,
        WHO,
        "expires_in",
    )?;
    Ok(Token {
        access_token,
        expires_in_s,
    })
}

fn parse_object(body: &str, who: &str) -> Result<serde_json::Map<String, Value>, String> {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(format!("{who} is not a JSON object.")),
        Err(_) => Err(format!("{who} is not valid JSON.")),
    }
}

/// A non-empty token that can go into a header: visible ASCII, no spaces.
fn token_text(v: Option<&Value>, who: &str, key: &str) -> Result<String, String> {
    match v.and_then(Value::as_str) {
        Some(t) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_graphic()) => Ok(t.to_owned()),
        Some(t) if !t.is_empty() => Err(format!(
            "{who} has a {key} with characters not allowed in a header."
        )),
        _ => Err(format!("{who} has no {key}.")),
    }
}

/// A lifetime in whole seconds: a non-negative number (fractions dropped) or a digit string.
fn lifetime(v: Option<&Value>, default: u64, who: &str, key: &str) -> Result<u64, String> {
    let bad = || format!("{who} has a {key} that is not a number of seconds.");
    let secs = match v {
        None | Some(Value::Null) => default,
        Some(Value::Number(n)) => match (n.as_u64(), n.as_f64()) {
            (Some(u), _) => u,
            (None, Some(f)) if f.is_finite() && f >= 0.0 => f.min(MAX_LIFETIME_S as f64) as u64,
            _ => return Err(bad()),
        },
        Some(Value::String(s))
            if !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            s.parse().map_err(|_| bad())?
        }
        Some(_) => return Err(bad()),
    };
    Ok(secs.min(MAX_LIFETIME_S))
}

/// A provider code worth quoting in a message: a short string or integer of safe characters.
fn short_code(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let safe = !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'));
    safe.then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_token() {
        let t = Token {
            access_token: "secret-token".into(),
            expires_in_s: 5,
        };
        let s = format!("{t:?}");
        assert!(!s.contains("secret"), "{s}");
        assert!(s.contains("12 chars redacted"), "{s}");
    }

    #[test]
    fn margins() {
        assert_eq!(refresh_margin_ms(120), 12_000);
        assert_eq!(refresh_margin_ms(3600), 30_000);
        assert_eq!(refresh_margin_ms(0), 0);
        assert_eq!(refresh_margin_ms(u64::MAX), 30_000);
    }
}
