//! Bearer tokens from a token endpoint (docs/providers.md#tokens): the [`Token`] a provider module
//! parses from its token response (`providers/<p>.rs`, `TokenFlow::answer`) and a pure cache that
//! says when a token must be refreshed. Nothing here knows a provider. Time is always passed in
//! (Unix milliseconds, e.g. `Date.now()`), so nothing here reads a clock.
//!
//! ```
//! use customer_update::auth::token::{Token, TokenCache};
//! let token = Token { access_token: "eyJ.x.y".into(), expires_in_s: 120 };
//! let mut cache = TokenCache::default();
//! cache.store(token, 1_000_000.0);
//! assert_eq!(cache.get(1_000_000.0 + 100_000.0), Some("eyJ.x.y")); // 100 s in: fresh
//! assert_eq!(cache.get(1_000_000.0 + 110_000.0), None); // 12 s margin reached: refresh
//! ```

use std::fmt;

/// The refresh margin never exceeds this (30 s).
pub const MAX_REFRESH_MARGIN_MS: u64 = 30_000;
/// Lifetimes above this (one year) are clamped, so time arithmetic stays exact.
pub const MAX_LIFETIME_S: u64 = 365 * 24 * 3600;

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
