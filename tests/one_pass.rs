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
