//! `diff` (minimal patches) and `describe` (form metadata), natively.

use customer_update::describe::describe;
use customer_update::diff::diff;
use customer_update::operation;
use customer_update::rules::{CivilDate, Code, PathSeg};
use serde_json::json;

fn today() -> CivilDate {
    CivilDate::new(2026, 11, 22).unwrap()
}

#[test]
fn changed_fields_plus_identifiers() {
    let op = operation("m2p.updateCustomer").unwrap();
    let before =
        json!({"entityId": "E1", "firstName": "Tim", "lastName": "David", "email": "t@x.co"});
    let after =
        json!({"entityId": "E1", "firstName": "Timothy", "lastName": "David", "email": "t@x.co"});
    let p = diff(op, &before, &after, today()).unwrap();
    assert_eq!(p.value, json!({"entityId": "E1", "firstName": "Timothy"}));
    assert_eq!(p.changed, ["firstName"]);
}

#[test]
fn a_changed_required_field_counts_as_changed() {
    let op = operation("m2p.updateCustomerStatus").unwrap();
    let p = diff(
        op,
        &json!({"entityId": "E1", "status": "ACTIVE"}),
        &json!({"entityId": "E1", "status": "LOCKED"}),
        today(),
    )
    .unwrap();
    assert_eq!(p.changed, ["status"]);
    // the current status travels as context for the transition rule (never sent)
    assert_eq!(
        p.value,
        json!({"entityId": "E1", "status": "LOCKED", "currentStatus": "ACTIVE"})
    );
    let same = diff(
        op,
        &json!({"entityId": "E1", "status": "CLOSED"}),
        &json!({"entityId": "E1", "status": "ACTIVE"}),
        today(),
    )
    .unwrap_err();
    assert_eq!(
        (same[0].path.clone(), same[0].code),
        (vec![PathSeg::from("status")], Code::InvalidTransition)
    );

    let op = operation("bvnk.updateCustomerAssociates").unwrap();
    let ex: serde_json::Value = serde_json::from_str(op.example).unwrap();
    let mut after = ex.clone();
    after["associates"][0]["title"] = json!("CFO");
    let p = diff(op, &ex, &after, today()).unwrap();
    assert_eq!(p.changed, ["associates"]);
    let unchanged = diff(op, &ex, &ex, today()).unwrap();
    assert!(unchanged.changed.is_empty());
}

#[test]
fn removing_a_value_cannot_be_expressed() {
    let op = operation("gathr.updateCustomer").unwrap();
    let e = diff(
        op,
        &json!({"customer_id": "c", "first_name": "A", "email": "a@b.co"}),
        &json!({"customer_id": "c", "first_name": "A"}),
        today(),
    )
    .unwrap_err();
    assert_eq!(
        (e[0].path.clone(), e[0].code),
        (vec![PathSeg::from("email")], Code::NullNotAllowed)
    );
}

#[test]
fn rule_context_travels_with_the_change() {
    let op = operation("gathr.updateCustomer").unwrap();
    let before = json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "id_type": "passport", "id_number": "A1"});
    let after = json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "id_type": "passport", "id_number": "A2"});
    let p = diff(op, &before, &after, today()).unwrap();
    assert_eq!(
        p.value,
        json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "id_number": "A2", "id_type": "passport"})
    );
    assert_eq!(p.changed, ["id_number"]);
}

#[test]
fn nothing_changed_is_at_least_one_required() {
    let op = operation("juspay.updateCustomer").unwrap();
    let e = diff(
        op,
        &json!({"customer_id": "c", "first_name": "A"}),
        &json!({"customer_id": "c", "first_name": "A"}),
        today(),
    )
    .unwrap_err();
    assert_eq!(
        (e[0].path.clone(), e[0].code),
        (vec![], Code::AtLeastOneRequired)
    );
    assert!(diff(op, &json!({}), &json!([1]), today()).is_err());
}

#[test]
fn describe_flattens_nested_fields_and_hides_read_only_keys() {
    let fields = describe(operation("m2p.updateNomineeDetails").unwrap());
    let paths: Vec<String> = fields.iter().map(|f| f.path.join(".")).collect();
    assert!(paths.contains(&"nominees.*.percentShare".to_owned()));
    assert!(paths.contains(&"nominees.*.guardian.name".to_owned()));
    let share = fields
        .iter()
        .find(|f| f.path.join(".") == "nominees.*.percentShare")
        .unwrap();
    assert_eq!(
        (
            share.json_type,
            share.minimum,
            share.maximum,
            share.required
        ),
        ("integer", Some(1), Some(100), true)
    );
    let entity = fields.iter().find(|f| f.path == ["entityId"]).unwrap();
    assert_eq!(entity.location, "path");
    let gathr = describe(operation("gathr.updateCustomer").unwrap());
    assert!(!gathr
        .iter()
        .any(|f| f.path == ["full_name"] || f.path == ["api_token"]));
    let dob = describe(operation("m2p.updateCustomer").unwrap())
        .into_iter()
        .find(|f| f.path == ["dob"])
        .unwrap();
    assert_eq!(
        (dob.format, dob.date_format),
        (Some("date"), Some("dd/MM/yyyy"))
    );
}

/// `pkg/src/describe.js`, what the package's `describe(op)` reads (the wasm does not serve it):
/// each operation's entries as `describe` serialises them natively, in the order of
/// `OPERATIONS`, one JSON text per line. Written from the one implementation, `describe::walk`:
/// this test fails when the file is stale, and `UPDATE_GOLDEN=1 cargo test --test diff` rewrites
/// it (a plain `UPDATE_GOLDEN=1 cargo test` rewrites it with the goldens).
fn describe_js() -> String {
    let mut s = String::from(
        "// @generated from the crate's native `describe` (tests/diff.rs): edit the specs, not this file\n\
         // (`UPDATE_GOLDEN=1 cargo test --test diff` rewrites it).\n\n\
         /** Each operation's `describe(op)` entries, as JSON text, in the order of OPERATIONS\n * (messages.js): `describe(op)` parses a fresh copy. */\nexport const DESCRIBE = [\n",
    );
    for op in customer_update::OPERATIONS {
        let entry = serde_json::to_string(&describe(op)).unwrap();
        s.push_str(&format!("  {},\n", serde_json::to_string(&entry).unwrap()));
    }
    s.push_str("];\n");
    s
}

#[test]
fn the_packages_describe_js_is_describe_serialised() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg/src/describe.js");
    let text = describe_js();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == text,
        "pkg/src/describe.js drifted from describe (run `UPDATE_GOLDEN=1 cargo test --test diff`)"
    );
    let entries: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  ")?.strip_suffix(','))
        .map(|l| serde_json::from_str::<String>(l).unwrap())
        .collect();
    assert_eq!(entries.len(), customer_update::OPERATIONS.len());
    // Hints and every optional key appear somewhere (the comparison covers them).
    let all = entries.concat();
    for key in [
        "\"hint\":",
        "\"enum\":",
        "\"dateFormat\":",
        "\"maxLength\":",
        "\"minimum\":",
        "\"minItems\":",
        "\"open\":true",
        "\"generated\":true",
        "\"location\":\"path\"",
    ] {
        assert!(all.contains(key), "{key}");
    }
}

/// The keys a JSON object has against a shape's description (vocab/src/shapes.rs, which the
/// TypeScript declarations are generated from): every required key, optional ones as present.
fn described_keys(
    v: &serde_json::Value,
    props: &[customer_update::rules::shapes::Prop],
) -> (Vec<String>, Vec<String>) {
    let mut got: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    let mut want: Vec<String> = props
        .iter()
        .filter(|p| !p.optional || v.get(p.name).is_some())
        .map(|p| p.name.to_owned())
        .collect();
    got.sort();
    want.sort();
    (got, want)
}

#[test]
fn diff_and_describe_write_the_described_shapes() {
    use customer_update::rules::shapes::{DIFF_OK, FIELD_INFO};
    let op = operation("juspay.updateCustomer").unwrap();
    let before = json!({ "customer_id": "c1", "email_address": "a@b.co" });
    let after = json!({ "customer_id": "c1", "email_address": "x@b.co" });
    let patch = diff(op, &before, &after, today()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&patch.to_json()).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["value"], patch.value);
    assert_eq!(v["changed"], json!(["email_address"]));
    let mut ok = v.clone();
    ok.as_object_mut().unwrap().remove("ok");
    let (got, want) = described_keys(&ok, DIFF_OK);
    assert_eq!(got, want);
    // Every field of every operation: only described keys, every required one.
    let mut optional_seen = std::collections::BTreeSet::new();
    for op in customer_update::OPERATIONS {
        for info in describe(op) {
            let v = serde_json::to_value(&info).unwrap();
            let (got, want) = described_keys(&v, FIELD_INFO);
            assert_eq!(got, want, "{}: {v}", op.id);
            optional_seen.extend(got);
        }
    }
    // …and the optional ones all occur somewhere (the description names nothing dead).
    for p in FIELD_INFO {
        assert!(optional_seen.contains(p.name), "{} never written", p.name);
    }
}
