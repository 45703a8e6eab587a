//! The server-side inverse: `request::parse` (path templates, percent-decoding, form and JSON
//! bodies) over arbitrary provider/method/path/content-type/body, then validation of what it read.
#![no_main]

use customer_update::request::parse;
use customer_update::rules::CivilDate;
use customer_update::validate;
use libfuzzer_sys::fuzz_target;

const PROVIDERS: [&str; 6] = ["accessbank", "juspay", "bvnk", "gathr", "m2p", "x"];
const METHODS: [&str; 4] = ["POST", "PUT", "PATCH", "GET"];

fuzz_target!(|data: &[u8]| {
    let [p, m, ct, rest @ ..] = data else { return };
    let text = String::from_utf8_lossy(rest);
    let (path, body) = text.split_once('\n').unwrap_or((&text, ""));
    let provider = PROVIDERS
        .get(usize::from(*p) % PROVIDERS.len())
        .copied()
        .unwrap_or("x");
    let method = METHODS
        .get(usize::from(*m) % METHODS.len())
        .copied()
        .unwrap_or("POST");
    let content_type = match ct % 3 {
        0 => None,
        1 => Some("application/json"),
        _ => Some("application/x-www-form-urlencoded; charset=utf-8"),
    };
    if let Some(Ok((op, input))) = parse(provider, method, path, content_type, body) {
        let _ = validate::issues(op, &input, CivilDate::from_unix_days(20_000));
    }
});
