//! Provider authentication that can be computed without the network: BVNK's Hawk request
//! signature ([`hawk`]), the bearer-token cache ([`token`]), and [`ConfigSecrets`], the one
//! [`Secrets`] implementation behind both `buildRequest` and the client
//! (so a request is signed the same way whichever of the two builds it). Juspay's Basic header is
//! `encode::base64(apiKey + ":")` and Gathr's is a static bearer token, so neither needs code
//! here; token request and response shapes are provider facts (`providers/<p>.rs`).
//!
//! Everything is pure: time, nonces and random bytes come from the caller, errors never carry
//! a key or a token, and nothing panics.

pub mod hawk;
pub mod sha256;
pub mod token;

pub use hawk::HawkError;
pub use token::{CachedToken, Token, TokenCache};

use crate::encode;
use crate::request::Secrets;
use serde_json::{Map, Value};

/// Why [`ConfigSecrets`] could not fill in a header or a generated value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretsError {
    /// The random source failed (no `crypto.getRandomValues`); the text says what it was for.
    NoRandom(&'static str),
    /// The request cannot be signed with Hawk (never carries the key).
    Hawk(HawkError),
}

impl SecretsError {
    /// The text `Display` writes, built by concatenation: the wasm's callers use it instead of
    /// `to_string`, so no `fmt::Arguments` machinery is kept for it (bench/targets.md, "Session
    /// 18: std and generic weight").
    pub(crate) fn message(&self) -> String {
        match self {
            SecretsError::NoRandom(what) => {
                crate::text::concat(&["No secure random source for ", what, "."])
            }
            SecretsError::Hawk(e) => {
                crate::text::concat(&["Cannot sign the request with Hawk: ", &e.message(), "."])
            }
        }
    }
}

impl std::fmt::Display for SecretsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// A random source: fills the buffer, or says it cannot (`false`).
pub type Random<'a> = &'a mut dyn FnMut(&mut [u8]) -> bool;

/// The credentials of one request, read from a config map (`hawkId`, `apiKey`, `accessToken`, …;
/// an empty string counts as absent), plus the bearer token obtained for it. Hawk headers are
/// signed here with the time and nonce given, or a nonce drawn from `random`. Used by
/// `buildRequest` (time and nonce from its `now` and `nonce` options, else the clock and
/// `crypto.getRandomValues`) and by the client (its injected clock and random source).
///
/// ```
/// use customer_update::auth::ConfigSecrets;
/// use customer_update::request::Secrets;
/// let config = serde_json::json!({ "hawkId": "dh37fgj492je", "hawkKey": "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn" });
/// let mut never = |_: &mut [u8]| false;
/// let mut s = ConfigSecrets::new(config.as_object().unwrap(), 1_353_832_234_000.0, &mut never);
/// s.nonce = Some("j4h3g2".into());
/// let h = s.hawk("PUT", "https://api.sandbox.bvnk.com/platform/v1/customers/c1").unwrap();
/// assert!(h.starts_with(r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", mac=""#));
/// ```
pub struct ConfigSecrets<'a> {
    config: &'a Map<String, Value>,
    /// The bearer token for `{token}`; `config.accessToken` when `None`.
    pub token: Option<String>,
    /// Unix time in milliseconds; the Hawk `ts` is its whole seconds.
    pub now_ms: f64,
    /// A fixed Hawk nonce (tests, `buildRequest`'s `nonce` option); else 16 random bytes.
    pub nonce: Option<String>,
    /// Application data signed and sent as `ext="…"` (BVNK uses none).
    pub ext: Option<String>,
    random: Random<'a>,
    /// The first failure (a header left out because of it), for the caller to report.
    pub failed: Option<SecretsError>,
    /// The Hawk MAC of the last header signed (so the client can redact an echo of it).
    pub last_mac: Option<String>,
}

impl<'a> ConfigSecrets<'a> {
    /// Secrets from `config`, signing at `now_ms` with nonces from `random`.
    pub fn new(config: &'a Map<String, Value>, now_ms: f64, random: Random<'a>) -> Self {
        ConfigSecrets {
            config,
            token: None,
            now_ms,
            nonce: None,
            ext: None,
            random,
            failed: None,
            last_mac: None,
        }
    }

    fn text(&self, key: &str) -> Option<&'a str> {
        self.config
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    fn fail(&mut self, e: SecretsError) {
        self.failed.get_or_insert(e);
    }
}

impl Secrets for ConfigSecrets<'_> {
    fn config(&self, key: &str) -> Option<String> {
        self.text(key).map(str::to_owned)
    }
    fn token(&self) -> Option<String> {
        self.token
            .clone()
            .or_else(|| self.text("accessToken").map(str::to_owned))
    }
    fn hawk(&mut self, method: &str, url: &str) -> Option<String> {
        let (id, key) = (self.text("hawkId")?, self.text("hawkKey")?);
        let nonce = match &self.nonce {
            Some(n) => n.clone(),
            None => {
                let mut random = [0u8; 16];
                if !(self.random)(&mut random) {
                    self.fail(SecretsError::NoRandom("the Hawk nonce"));
                    return None;
                }
                hawk::nonce(&random)
            }
        };
        let ts = if self.now_ms.is_finite() && self.now_ms > 0.0 {
            (self.now_ms / 1000.0).floor() as u64
        } else {
            0
        };
        match hawk::signed(id, key, method, url, ts, &nonce, self.ext.as_deref()) {
            Ok((h, mac)) => {
                self.last_mac = Some(mac);
                Some(h)
            }
            Err(e) => {
                self.fail(SecretsError::Hawk(e));
                None
            }
        }
    }
    fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        if (self.random)(&mut bytes) {
            encode::uuid_v4(bytes)
        } else {
            self.fail(SecretsError::NoRandom("a request id"));
            String::new()
        }
    }
}
