//! The generated one-pass validators: what they accept, what they leave to the full reader, and
//! what they refuse. Their agreement with the reporting validator on random inputs is a property
//! in `tests/proptest.rs` (`one_pass_agrees_*`) and the fuzz target `validate`.

use customer_update::rules::CivilDate;
use customer_update::validate::records::Records;
use customer_update::validate::scan::Scan;
use customer_update::validate::{self};
use customer_update::OPERATIONS;

fn today() -> CivilDate {
    CivilDate::new(2026, 11, 22).unwrap()
}

/// Every seed example takes the fast path (the valid case the edge sees most).
#[test]
fn seed_examples_pass_in_one_pass() {
    for op in OPERATIONS {
        let r = (op.one_pass.0)(&mut Scan::with_today(op.example, today()));
        assert_eq!(r, Ok(()), "{}", op.id);
    }
}

/// What the one pass leaves to the full reader, and that the answer is still right.
#[test]
fn escapes_and_repeated_keys_are_left_to_the_full_reader() {
    let op = customer_update::operation("accessbank.updateCustomerDetails").unwrap();
    let cases = [
        (r#"{"accountNo":"0702334455","email":"a\u0040b.co"}"#, true),
        (r#"{"accountNo":"0702334455","em\u0061il":"a@b.co"}"#, true),
        (
            r#"{"accountNo":"0702334455","email":"bad","email":"a@b.co"}"#,
            true,
        ),
        (
            r#"{"accountNo":"0702334455","email":"a@b.co","email":"bad"}"#,
            false,
        ),
    ];
    for (text, valid) in cases {
        // Never accepted in one pass (a repeated key whose first value fails stops as Invalid
        // before the repeat is seen): the full reader decides.
        let r = (op.one_pass.0)(&mut Scan::with_today(text, today()));
        assert!(r.is_err(), "{text}");
        assert_eq!(
            validate::issues_text(op, text, today()).is_empty(),
            valid,
            "{text}"
        );
        // The wasm package's path gives the same verdict: a text the one pass leaves to the full
        // reader is valid when the reporter finds no issue (it answered "refused, no issues").
        let mut records = Records::new();
        assert_eq!(
            validate::check_bytes_into(op, text.as_bytes(), today, &mut records),
            valid,
            "{text}"
        );
        assert_eq!(
            validate::check_bytes(op, text.as_bytes(), today).is_ok(),
            valid,
            "{text}"
        );
    }
}

/// Bytes that are not UTF-8 inside a string are refused, with one issue at the root.
#[test]
fn bytes_that_are_not_utf8_are_refused() {
    let op = customer_update::operation("juspay.updateCustomer").unwrap();
    let text = b"{\"customer_id\":\"cst_1\",\"first_name\":\"\xff\xfe\xc3\"}";
    let issues =
        validate::check_bytes(op, text, || CivilDate::new(2026, 1, 1).unwrap()).unwrap_err();
    assert_eq!(issues.len(), 1);
    assert!(issues[0].path.is_empty());
    assert!(
        issues[0].message().contains("UTF-8"),
        "{}",
        issues[0].message()
    );
}

/// The one pass reads the wasm package's bytes without checking them as UTF-8 first
/// (`Scan::bytes`): it must still accept only UTF-8. Every seed example with a byte sequence
/// inserted at every position: a text that is not UTF-8 is refused by the one pass and by both
/// byte entry points, with the one "not UTF-8" issue at the root; one that is gets the verdict
/// of the same text read as a `&str`.
#[test]
fn the_one_pass_over_bytes_accepts_only_utf8() {
    let inserts: [&[u8]; 7] = [
        b"\x80",
        b"\xc3",
        b"\xc3\xa9",
        b"\xff",
        b"\xe2\x82",
        b"\xed\xa0\x80",
        b"\xf0\x9f\x98\x80",
    ];
    let mut utf8 = 0;
    for op in OPERATIONS {
        let ex = op.example.as_bytes();
        for at in 0..=ex.len() {
            for ins in inserts {
                let mut text = ex[..at].to_vec();
                text.extend_from_slice(ins);
                text.extend_from_slice(&ex[at..]);
                let one_pass = (op.one_pass.0)(&mut Scan::bytes(&text, today));
                let mut records = Records::new();
                let into = validate::check_bytes_into(op, &text, today, &mut records);
                let checked = validate::check_bytes(op, &text, today);
                match std::str::from_utf8(&text) {
                    Err(_) => {
                        assert!(one_pass.is_err(), "{}: {text:?}", op.id);
                        assert!(!into, "{}: {text:?}", op.id);
                        let issues = checked.unwrap_err();
                        assert_eq!(issues.len(), 1, "{}: {text:?}", op.id);
                        assert!(issues[0].path.is_empty() && issues[0].message().contains("UTF-8"));
                    }
                    Ok(s) => {
                        utf8 += 1;
                        let want = validate::issues_text(op, s, today()).is_empty();
                        assert_eq!(into, want, "{}: {s}", op.id);
                        assert_eq!(checked.is_ok(), want, "{}: {s}", op.id);
                        let by_str = (op.one_pass.0)(&mut Scan::with_today(s, today()));
                        assert_eq!(one_pass, by_str, "{}: {s}", op.id);
                    }
                }
            }
        }
    }
    assert!(utf8 > 0);
}

/// A presence rule (`AtLeastOneOf`) is the walk's `seen` bits in the one pass: refused with
/// none of its fields, accepted with any one of them whatever its value (`false`, a short
/// string), the verdict of the reporting validator either way.
#[test]
fn presence_rules_read_the_keys_seen() {
    let uuid = "16cd33d2-cf0a-46ad-8150-cb39e9b9ff27";
    let cases = [
        (
            "accessbank.updateCustomerDetails",
            r#"{"accountNo":"0702334455"}"#.to_owned(),
            false,
        ),
        (
            "accessbank.updateCustomerDetails",
            r#"{"accountNo":"0702334455","phoneNumber":"+2348012345678"}"#.to_owned(),
            true,
        ),
        (
            "accessbank.updateCustomerDetails",
            r#"{"email":"a@b.co","accountNo":"0702334455"}"#.to_owned(),
            true,
        ),
        (
            "gathr.updateCustomer",
            format!(r#"{{"customer_id":"{uuid}"}}"#),
            false,
        ),
        (
            "gathr.updateCustomer",
            format!(r#"{{"customer_id":"{uuid}","popi":false}}"#),
            true,
        ),
        (
            "gathr.updateCustomer",
            format!(r#"{{"country":"ZA","customer_id":"{uuid}"}}"#),
            true,
        ),
        (
            "juspay.updateCustomer",
            r#"{"customer_id":"cst_1"}"#.to_owned(),
            false,
        ),
        (
            "juspay.updateCustomer",
            r#"{"customer_id":"cst_1","last_name":"D"}"#.to_owned(),
            true,
        ),
        (
            "bvnk.updateCustomer",
            format!(r#"{{"customerReference":"{uuid}"}}"#),
            false,
        ),
        (
            "bvnk.updateCustomer",
            format!(r#"{{"customerReference":"{uuid}","description":"d"}}"#),
            true,
        ),
    ];
    for (id, text, valid) in cases {
        let op = customer_update::operation(id).unwrap();
        let r = (op.one_pass.0)(&mut Scan::with_today(&text, today()));
        assert_eq!(r.is_ok(), valid, "{id}: {text}");
        let issues = validate::issues_text(op, &text, today());
        assert_eq!(issues.is_empty(), valid, "{id}: {text}: {issues:?}");
        if !valid {
            assert_eq!(
                r,
                Err(customer_update::validate::scan::Stop::Invalid),
                "{id}: {text}"
            );
            assert!(
                issues
                    .iter()
                    .any(|i| i.code.as_str() == "at_least_one_required"),
                "{id}: {issues:?}"
            );
        }
    }
}
