//! Every response and error-body parser: `providers::interpret` for each provider and
//! operation over arbitrary status, content type and body, plus the two token-response parsers.
#![no_main]

use customer_update::providers::{accessbank, m2p};
use customer_update::providers::{interpret, Outcome};
use customer_update::OPERATIONS;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [op_byte, s1, s2, ct, rest @ ..] = data else {
        return;
    };
    let Some(op) = OPERATIONS.get(usize::from(*op_byte) % OPERATIONS.len()) else {
        return;
    };
    let status = 100 + (u16::from(*s1) << 8 | u16::from(*s2)) % 500;
    let content_type = match ct % 4 {
        0 => None,
        1 => Some("application/json"),
        2 => Some("application/problem+json"),
        _ => Some("text/html; charset=utf-8"),
    };
    let body = String::from_utf8_lossy(rest);
    match interpret(op.provider.key, op.id, status, content_type, &body) {
        Outcome::Success(_) => assert!((200..300).contains(&status)),
        Outcome::Failure(e) => {
            assert!(!e.message.is_empty());
            assert!(e.raw.as_ref().map_or(0, String::len) <= 64 * 1024 + 4);
        }
    }
    let _ = accessbank::parse_token(&body);
    let _ = m2p::parse_token(&body);
});
