//! Every validator entry point: `validate::issues`, then for a valid input `request::build`
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
    let Ok(input) = serde_json::from_slice::<serde_json::Value>(rest) else {
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
