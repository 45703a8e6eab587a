//! Every seed's own example input validates, and builds into a request.

use customer_update::request::{build, Options, Secrets};
use customer_update::rules::CivilDate;
use customer_update::{operation_ids, validate::validate, OPERATIONS};

fn today() -> CivilDate {
    CivilDate::new(2026, 11, 22).unwrap()
}

struct NoSecrets;
impl Secrets for NoSecrets {
    fn config(&self, _: &str) -> Option<String> {
        None
    }
    fn token(&self) -> Option<String> {
        None
    }
    fn hawk(&mut self, _: &str, _: &str) -> Option<String> {
        None
    }
    fn uuid(&mut self) -> String {
        "00000000-0000-4000-8000-000000000000".into()
    }
}

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
                assert!(!body.contains(&format!("\"{}\"", f.name)), "{}: {} leaked into the body", op.id, f.name);
            }
        }
        assert!(built.request.url.starts_with(op.provider.sandbox_url), "{}", op.id);
    }
}
