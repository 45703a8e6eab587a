//! Every seed's own example input validates, and builds into a request.

use customer_update::request::{build, Options};
use customer_update::{operation_ids, validate::validate, OPERATIONS};

mod support;
use support::{today, NoSecrets};

#[test]
fn there_are_nine_operations_with_the_ids_of_a1() {
    let ids: Vec<&str> = operation_ids().collect();
    assert_eq!(
        ids,
        [
            "accessbank.updateCustomerDetails",
            "bvnk.updateCustomer",
            "bvnk.updateCustomerStatus",
            "bvnk.updateCustomerAssociates",
            "gathr.updateCustomer",
            "juspay.updateCustomer",
            "m2p.updateCustomer",
            "m2p.updateCustomerStatus",
            "m2p.updateNomineeDetails",
        ]
    );
}

#[test]
fn every_seed_example_validates() {
    for op in OPERATIONS {
        let example: serde_json::Value = serde_json::from_str(op.example).unwrap();
        if let Err(issues) = validate(op, &example, today()) {
            panic!("{}: seed example fails: {issues:#?}", op.id);
        }
    }
}

#[test]
fn every_seed_example_builds_a_request_without_path_params_in_the_body() {
    for op in OPERATIONS {
        let example: serde_json::Value = serde_json::from_str(op.example).unwrap();
        let built = build(op, &example, &Options::default(), &mut NoSecrets, today()).unwrap();
        let body = built.request.body.unwrap();
        for f in op.input.fields {
            if f.loc != customer_update::schema::Loc::Body {
                assert!(
                    !body.contains(&format!("\"{}\"", f.name)),
                    "{}: {} leaked into the body",
                    op.id,
                    f.name
                );
            }
        }
        assert!(
            built.request.url.starts_with(op.provider.sandbox_url),
            "{}",
            op.id
        );
    }
}
