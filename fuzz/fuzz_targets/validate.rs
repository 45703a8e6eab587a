//! Every validator entry point against the table interpreter over a tree, the oracle
//! (`validate::report_text`, `validate::issues_tree`): the generated reporting validator
//! (`validate::report::report`) must give exactly its issues, in its order, on every input; the
//! generated one-pass validator may accept only what the report finds no issue in, and must
//! accept what the report accepts unless the text holds an escape or a repeated key;
//! `validate::issues_text` gives exactly the oracle's issues, and the records the reporter
//! writes directly for the wasm package (`report::report_into`) are exactly those of its issues;
//! `validate::issues` over serde_json's tree (written as text for the generated validators)
//! gives exactly the oracle's issues over the same tree, and the same issues as the text (in
//! any order: serde_json orders keys). Then for a valid input `request::build` (JSON and form),
//! `diff` against the seed example, and `describe`. Input: one byte picks the operation, one
//! byte the "today" offset, the rest is JSON text.
#![no_main]

use customer_update::request::{build, Options, Secrets};
use customer_update::rules::CivilDate;
use customer_update::schema::Encoding;
use customer_update::schema::OnePass;
use customer_update::validate::records::Records;
use customer_update::validate::scan::{self, Scan, Stop};
use customer_update::{describe, diff, validate, OPERATIONS};
use libfuzzer_sys::fuzz_target;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::collections::HashSet;

/// Whether a JSON text repeats a key in some object before it ends or breaks (JSON.parse keeps
/// the last value; the one pass leaves such texts to the full reader, and may stop there before
/// it reaches a later syntax error).
fn repeats_a_key(text: &str) -> bool {
    struct Walk<'f>(&'f Cell<bool>);
    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut keys = HashSet::new();
            while let Some(k) = map.next_key::<String>()? {
                if !keys.insert(k) {
                    self.0.set(true);
                }
                map.next_value_seed(Seed(self.0))?;
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(Seed(self.0))?.is_some() {}
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }
    struct Seed<'f>(&'f Cell<bool>);
    impl<'de> serde::de::DeserializeSeed<'de> for Seed<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(Walk(self.0))
        }
    }
    let found = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = de.deserialize_any(Walk(&found));
    found.get()
}

thread_local! {
    /// The run's "today", for `check_bytes_into`'s clock (a plain `fn`).
    static TODAY: Cell<CivilDate> = const { Cell::new(CivilDate::EPOCH) };
}

fn today_of_run() -> CivilDate {
    TODAY.with(Cell::get)
}

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
    if std::str::from_utf8(rest).is_err() {
        // Not UTF-8: the one issue, as records too.
        let mut records = Records::new();
        let issues = validate::check_bytes(op, rest, customer_update::clock::today).unwrap_err();
        assert!(!validate::check_bytes_into(
            op,
            rest,
            customer_update::clock::today,
            &mut records
        ));
        let want = Records::encode(&issues);
        assert!(records.words.get(2..) == want.words.get(2..) && records.strings == want.strings);
        let mut first = Records::new();
        assert!(!validate::check_bytes_with(
            OnePass(scan::unsure),
            op.report,
            rest,
            customer_update::clock::today,
            &mut first
        ));
        assert!(first.words.get(2..) == want.words.get(2..) && first.strings == want.strings);
    }
    if let Ok(text) = std::str::from_utf8(rest) {
        let report = validate::report_text(op, text, today);
        let generated = validate::report::report(op, text, today);
        assert_eq!(
            generated, report,
            "the generated reporter and the interpreter differ on {text:?}"
        );
        // The records the reporter writes directly (the wasm path) are those of the issues.
        let mut records = Records::new();
        validate::report::report_into(op, text, today, &mut records);
        let want = Records::encode(&report);
        assert!(
            records.words.get(2..) == want.words.get(2..) && records.strings == want.strings,
            "the reporter's records differ from its issues' on {text:?}"
        );
        // The wasm package's verdict and records (`check_bytes_into`, what `checkInput` answers)
        // are the report's, whether the one pass decides or leaves the text to the reporter
        // (an escape, a repeated key; the validators entry's "z" build never runs the one pass).
        TODAY.with(|t| t.set(today));
        let mut into = Records::new();
        let valid = validate::check_bytes_into(op, rest, today_of_run, &mut into);
        assert_eq!(
            valid,
            report.is_empty(),
            "check_bytes_into's verdict on {text:?}"
        );
        assert_eq!(
            into.count() == 0,
            report.is_empty(),
            "the reporter's count on {text:?}"
        );
        if !valid {
            assert!(
                into.words.get(2..) == want.words.get(2..) && into.strings == want.strings,
                "check_bytes_into's records differ from the report's issues' on {text:?}"
            );
        }
        // The reporter alone (the one pass skipped, as the validators entry's size build runs
        // it): the same verdict and records as with the one pass first.
        let mut first = Records::new();
        let valid_first = validate::check_bytes_with(
            OnePass(scan::unsure),
            op.report,
            rest,
            today_of_run,
            &mut first,
        );
        assert_eq!(
            valid_first, valid,
            "the reporter alone's verdict on {text:?}"
        );
        if !valid {
            assert!(
                first.words.get(2..) == into.words.get(2..) && first.strings == into.strings,
                "the reporter alone's records differ on {text:?}"
            );
        }
        match (op.one_pass.0)(&mut Scan::with_today(text, today)) {
            Ok(()) => assert!(
                report.is_empty(),
                "one pass accepts {text:?}, the report says {report:?}"
            ),
            Err(stop) => {
                if report.is_empty() {
                    assert!(
                        text.contains('\\') || repeats_a_key(text),
                        "one pass refuses ({stop:?}) {text:?}, the report finds nothing"
                    );
                }
                if stop == Stop::Unsure {
                    assert!(
                        text.contains('\\') || repeats_a_key(text),
                        "unsure about {text:?}"
                    );
                }
            }
        }
        let from_text = validate::issues_text(op, text, today);
        assert_eq!(from_text, report);
        assert!(from_text.len() <= validate::MAX_ISSUES);
        let read = customer_update::json::parse(text);
        // The reader accepts exactly the texts serde_json accepts.
        assert_eq!(
            read.is_ok(),
            parsed.is_ok(),
            "reader and serde_json disagree on {text:?}"
        );
        if let Ok(value) = &parsed {
            let mut a = validate::issues(op, value, today);
            assert_eq!(
                a,
                validate::issues_tree(op, value, today),
                "the value path and the interpreter differ on {text:?}"
            );
            let mut b = from_text;
            if a.len() < validate::MAX_ISSUES && b.len() < validate::MAX_ISSUES {
                let key =
                    |i: &customer_update::Issue| (i.path_string(), i.code.as_str(), i.message());
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
        assert!(!issue.message().is_empty());
    }
    let _ = validate::issues_to_json(&issues);
    for encoding in [None, Some(Encoding::Json), Some(Encoding::Form)] {
        let options = Options {
            base_url: Some("https://h.example:8443/base/"),
            encoding,
            request_id: None,
            ..Default::default()
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
