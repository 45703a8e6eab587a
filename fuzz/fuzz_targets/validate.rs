//! Every validator entry point: `validate::issues_text` (the wasm package's reader and validator)
//! checked against `validate::issues` over serde_json's tree (same issues, in any order), then for a valid input `request::build`
//! (JSON and form), `diff` against the seed example, and `describe`. Input: one byte picks the
//! operation, one byte the "today" offset, the rest is JSON text.
#![no_main]

use customer_update::request::{build, Options, Secrets};
use customer_update::rules::CivilDate;
use customer_update::schema::Encoding;
use customer_update::{describe, diff, validate, OPERATIONS};
use libfuzzer_sys::fuzz_target;

struct Fixed;
impl Secrets for Fixed {
    fn config(&self, key: &str) -> Option<String> {
        Some(format!("cfg-{key}"))
    }
    fn token(&self) -> Option<String> {
        Some("tok".into())
    }
    fn hawk(&mut self, method: &str, url: &str) -> Option<String> {
        customer_update::auth::hawk::header("id", "key", method, url, 1_353_832_234, "nonce", None)
            .ok()
    }
    fn uuid(&mut self) -> String {
        "00000000-0000-4000-8000-000000000000".into()
    }
}

fuzz_target!(|data: &[u8]| {
    let [op_byte, day_byte, rest @ ..] = data else {
        return;
    };
    let Some(op) = OPERATIONS.get(usize::from(*op_byte) % OPERATIONS.len()) else {
        return;
    };
    let today = CivilDate::from_unix_days(20_000 + i64::from(*day_byte) * 97);
    let parsed = serde_json::from_slice::<serde_json::Value>(rest);
    if let Ok(text) = std::str::from_utf8(rest) {
        let from_text = validate::issues_text(op, text, today);
        assert!(from_text.len() <= validate::MAX_ISSUES);
        let read = customer_update::json::parse(text);
        // The reader accepts exactly the texts serde_json accepts.
        assert_eq!(read.is_ok(), parsed.is_ok(), "reader and serde_json disagree on {text:?}");
        if let Ok(value) = &parsed {
            let mut a = validate::issues(op, value, today);
            let mut b = from_text;
            if a.len() < validate::MAX_ISSUES && b.len() < validate::MAX_ISSUES {
                let key = |i: &customer_update::Issue| (i.path_string(), i.code.as_str(), i.message.clone());
                a.sort_by_key(key);
                b.sort_by_key(key);
                assert_eq!(a, b, "text and tree paths disagree on {text:?}");
            }
        }
    }
    let Ok(input) = parsed else {
        return;
    };
    let issues = validate::issues(op, &input, today);
    assert!(issues.len() <= validate::MAX_ISSUES);
    for issue in &issues {
        assert!(!issue.message.is_empty());
    }
    let _ = validate::issues_to_json(&issues);
    for encoding in [None, Some(Encoding::Json), Some(Encoding::Form)] {
        let options = Options {
            base_url: Some("https://h.example:8443/base/"),
            encoding,
            request_id: None,
        };
        let built = build(op, &input, &options, &mut Fixed, today);
        assert_eq!(built.is_ok(), issues.is_empty());
        if let (Ok(b), Some(Encoding::Json) | None) = (&built, encoding) {
            if op.encoding == Encoding::Json || encoding.is_some() {
                if let Some(body) = &b.request.body {
                    assert!(
                        serde_json::from_str::<serde_json::Value>(body).is_ok(),
                        "body is JSON"
                    );
                }
            }
        }
    }
    if let Ok(example) = serde_json::from_str::<serde_json::Value>(op.example) {
        let _ = diff::diff(op, &example, &input, today);
        let _ = diff::diff(op, &input, &example, today);
    }
    let _ = describe::describe(op);
});
