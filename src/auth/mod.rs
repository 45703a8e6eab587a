//! Provider authentication that can be computed without the network: BVNK's Hawk request
//! signature ([`hawk`]) and the bearer-token cache and token-response parsers for Access Bank
//! and M2P ([`token`]). Juspay's Basic header is `encode::base64(apiKey + ":")` and Gathr's is a
//! static bearer token, so neither needs code here.
//!
//! Everything is pure: time, nonces and random bytes come from the caller, errors never carry
//! a key or a token, and nothing panics.

pub mod hawk;
pub mod token;

pub use hawk::HawkError;
pub use token::{CachedToken, Token, TokenCache};
