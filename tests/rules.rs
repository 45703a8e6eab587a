//! Every rule of docs/providers.md (#common for all operations, the provider sections per operation),
//! checked through `customer_update::validate::issues` with a fixed `today`: for each rule at least
//! one passing and one failing case, asserting the exact `path` and `code` (and the `format`
//! detail of `invalid_format`). For each of the nine operations the seed example validates and a
//! payload with several violations yields every one of them.

use customer_update::request::{build, Options};
use customer_update::rules::{CivilDate, Code, Issue, PathSeg};
use customer_update::validate::{self, MAX_ISSUES};
use serde_json::{json, Value};

const AB: &str = "accessbank.updateCustomerDetails";
const JUS: &str = "juspay.updateCustomer";
const BV: &str = "bvnk.updateCustomer";
const BVS: &str = "bvnk.updateCustomerStatus";
const BVA: &str = "bvnk.updateCustomerAssociates";
const GA: &str = "gathr.updateCustomer";
const MC: &str = "m2p.updateCustomer";
const MS: &str = "m2p.updateCustomerStatus";
const MN: &str = "m2p.updateNomineeDetails";
const ALL: [&str; 9] = [AB, JUS, BV, BVS, BVA, GA, MC, MS, MN];

fn today() -> CivilDate {
    CivilDate::new(2026, 11, 22).unwrap()
}

/// A path from keys and indices: `path!["nominees", 0usize, "guardian"]`.
macro_rules! path {
    () => { Vec::<PathSeg>::new() };
    ($($seg:expr),+ $(,)?) => { vec![$(PathSeg::from($seg)),+] };
}

fn issues(op: &str, input: &Value) -> Vec<Issue> {
    let op = customer_update::operation(op).unwrap_or_else(|| panic!("no operation {op}"));
    validate::issues(op, input, today())
}

/// The seed's own example input of `op`.
fn ex(op: &str) -> Value {
    serde_json::from_str(customer_update::operation(op).unwrap().example).unwrap()
}

/// Edits of a JSON value by JSON pointer (the last segment may be a new key).
trait Edit: Sized {
    fn set(self, ptr: &str, v: Value) -> Self;
    fn del(self, ptr: &str) -> Self;
}

impl Edit for Value {
    fn set(mut self, ptr: &str, v: Value) -> Self {
        let (parent, last) = ptr.rsplit_once('/').unwrap();
        match self
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("no {parent}"))
        {
            Value::Object(m) => {
                m.insert(last.to_owned(), v);
            }
            Value::Array(a) => {
                let i: usize = last.parse().unwrap();
                if i == a.len() {
                    a.push(v);
                } else {
                    a[i] = v;
                }
            }
            other => panic!("cannot set {ptr} in {other}"),
        }
        self
    }

    fn del(mut self, ptr: &str) -> Self {
        let (parent, last) = ptr.rsplit_once('/').unwrap();
        let removed = self
            .pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .and_then(|m| m.remove(last));
        assert!(removed.is_some(), "nothing at {ptr}");
        self
    }
}

#[track_caller]
fn assert_valid(op: &str, input: &Value) {
    let found = issues(op, input);
    assert!(
        found.is_empty(),
        "{op}: expected no issues for {input}, got {found:#?}"
    );
}

/// Asserts the issues are exactly `expected` (as a multiset of path + code); returns them.
#[track_caller]
fn assert_issues(op: &str, input: &Value, expected: &[(Vec<PathSeg>, Code)]) -> Vec<Issue> {
    let found = issues(op, input);
    let mut got: Vec<(Vec<PathSeg>, Code)> =
        found.iter().map(|i| (i.path.clone(), i.code)).collect();
    let mut want = expected.to_vec();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{op}: issues for {input}:\n{found:#?}");
    found
}

/// Asserts exactly one issue, at `path` with `code`; returns it.
#[track_caller]
fn assert_one(op: &str, input: &Value, path: Vec<PathSeg>, code: Code) -> Issue {
    let mut found = assert_issues(op, input, &[(path, code)]);
    let issue = found.remove(0);
    assert!(!issue.message().is_empty());
    if code != Code::InvalidFormat {
        assert_eq!(
            issue.format, None,
            "only invalid_format carries a format detail"
        );
    }
    issue
}

/// Asserts exactly one `invalid_format` issue at `path` with the `format` detail.
#[track_caller]
fn assert_format(op: &str, input: &Value, path: Vec<PathSeg>, format: &str) -> Issue {
    let issue = assert_one(op, input, path, Code::InvalidFormat);
    assert_eq!(issue.format, Some(format), "{issue:#?}");
    issue
}

fn nominee(name: &str, share: i64) -> Value {
    json!({"name": name, "relationship": "Son", "percentShare": share})
}

fn nominees(list: Vec<Value>) -> Value {
    json!({"entityId": "615928984620006085281025", "nominees": list})
}

// ============================================================ seeds

#[test]
fn every_seed_example_validates() {
    // Seed quirks that the spec decisions deliberately accept (no seed example breaks a rule of
    // Part A as written):
    // - Access Bank: accountNo "0702334455" is the provider's own example and fails the NUBAN check
    //   digit (B.6.2); A.4 says NUBAN is NOT enforced. The seed shows no request body at all: the
    //   example is composed from documented values.
    // - Juspay: the seed calls the field "email"; the real field is `email_address` (B.2.2).
    // - BVNK: documentInfo.type "DRIVERS_LICENSE" disagrees with BVNK's own compliance list
    //   ("DRIVER_LICENSE"); A.4 accepts both. phoneNumber "+123456789" is E.164 syntax only, not
    //   a real number. postalCode "Updated Postal Code" is free text.
    // - Gathr: the seed documents popi / terms_and_conditions as "String"; A.4 makes them JSON
    //   booleans (the seed's own 422 says "must be true or false"). The example sends neither.
    // - M2P: pan "AJXPC9886A" passes; M2P's other sample "ABCDE1234F" has no valid holder-type
    //   letter, which A.3 deliberately does not check. The seed's curl omits Authorization.
    for op in ALL {
        let example = ex(op);
        assert!(example.is_object(), "{op}");
        assert_valid(op, &example);
    }
}

#[test]
fn the_seed_pan_and_m2ps_own_sample_pan_both_pass() {
    assert_valid(MC, &ex(MC).set("/pan", json!("ABCDE1234F")));
}

// ============================================================ A.2: input shape

#[test]
fn input_must_be_an_object() {
    for op in ALL {
        for bad in [
            json!(null),
            json!([]),
            json!("x"),
            json!(1),
            json!(true),
            json!([{"a": 1}]),
        ] {
            let issue = assert_one(op, &bad, path![], Code::InvalidType);
            assert!(issue.message().contains("object"), "{}", issue.message());
        }
    }
}

// ============================================================ A.2: null_not_allowed

#[test]
fn null_is_rejected_at_every_level() {
    let issue = assert_one(
        AB,
        &ex(AB).set("/email", Value::Null),
        path!["email"],
        Code::NullNotAllowed,
    );
    assert!(issue.message().contains("omit"), "{}", issue.message());
    // A required field sent as null is null_not_allowed, not required.
    assert_one(
        AB,
        &ex(AB).set("/accountNo", Value::Null),
        path!["accountNo"],
        Code::NullNotAllowed,
    );
    assert_one(
        JUS,
        &ex(JUS).set("/last_name", Value::Null),
        path!["last_name"],
        Code::NullNotAllowed,
    );
    assert_one(
        GA,
        &ex(GA).set("/popi", Value::Null),
        path!["popi"],
        Code::NullNotAllowed,
    );
    assert_one(
        BV,
        &ex(BV).set("/address/city", Value::Null),
        path!["address", "city"],
        Code::NullNotAllowed,
    );
    assert_one(
        BV,
        &ex(BV).set("/address", Value::Null),
        path!["address"],
        Code::NullNotAllowed,
    );
    assert_one(
        BVA,
        &ex(BVA).set("/associates/0/details/contactInfo", Value::Null),
        path!["associates", 0usize, "details", "contactInfo"],
        Code::NullNotAllowed,
    );
    assert_one(
        MN,
        &nominees(vec![Value::Null]),
        path!["nominees", 0usize],
        Code::NullNotAllowed,
    );
    assert_one(
        MC,
        &ex(MC).set("/customerRiskDetails", Value::Null),
        path!["customerRiskDetails"],
        Code::NullNotAllowed,
    );
    assert_one(
        MC,
        &ex(MC).set(
            "/customerAdditionalDetails",
            json!({"channel": "app", "k": null}),
        ),
        path!["customerAdditionalDetails", "k"],
        Code::NullNotAllowed,
    );
    assert_one(
        MS,
        &ex(MS).set("/currentStatus", Value::Null),
        path!["currentStatus"],
        Code::NullNotAllowed,
    );
}

#[test]
fn absent_optional_fields_are_fine() {
    assert_valid(AB, &ex(AB).del("/phoneNumber"));
    assert_valid(AB, &ex(AB).del("/email"));
    assert_valid(JUS, &ex(JUS).del("/last_name").del("/mobile_number"));
    assert_valid(
        BV,
        &ex(BV).del("/address/addressLine2").del("/address/country"),
    );
    assert_valid(MC, &ex(MC).del("/communication").del("/permanentAddress"));
}

// ============================================================ A.2: unknown_field

#[test]
fn unknown_keys_are_rejected_with_a_suggestion() {
    // Juspay's field is email_address; "email" alone is no known field, so at_least_one also fires.
    let input = json!({"customer_id": "cst_1", "email": "a@b.co"});
    let found = assert_issues(
        JUS,
        &input,
        &[
            (path!["email"], Code::UnknownField),
            (path![], Code::AtLeastOneRequired),
        ],
    );
    let unknown = found.iter().find(|i| i.code == Code::UnknownField).unwrap();
    assert_eq!(
        unknown.message(),
        "Unknown field \"email\". Did you mean \"email_address\"?"
    );

    let issue = assert_one(
        AB,
        &ex(AB).set("/emial", json!("x")),
        path!["emial"],
        Code::UnknownField,
    );
    assert!(
        issue.message().contains("Did you mean \"email\"?"),
        "{}",
        issue.message()
    );

    let issue = assert_one(
        JUS,
        &ex(JUS).set("/firstname", json!("Tim")),
        path!["firstname"],
        Code::UnknownField,
    );
    assert!(
        issue.message().contains("\"first_name\""),
        "{}",
        issue.message()
    );

    let issue = assert_one(
        MC,
        &ex(MC).set("/first_name", json!("Tim")),
        path!["first_name"],
        Code::UnknownField,
    );
    assert!(
        issue.message().contains("\"firstName\""),
        "{}",
        issue.message()
    );

    // Nothing close: no suggestion.
    let issue = assert_one(
        AB,
        &ex(AB).set("/zzqx", json!(1)),
        path!["zzqx"],
        Code::UnknownField,
    );
    assert_eq!(issue.message(), "Unknown field \"zzqx\".");

    // Read-only keys are never suggested.
    let issue = assert_one(
        GA,
        &ex(GA).set("/apitoken", json!("t")),
        path!["apitoken"],
        Code::UnknownField,
    );
    assert!(
        !issue.message().contains("api_token"),
        "{}",
        issue.message()
    );

    // A hostile key is clipped in the message.
    let long = "k".repeat(500);
    let issue = assert_one(
        AB,
        &ex(AB).set(&format!("/{long}"), json!(1)),
        path![long.as_str()],
        Code::UnknownField,
    );
    assert!(issue.message().len() < 120, "{}", issue.message());
}

#[test]
fn unknown_keys_are_rejected_at_every_level() {
    let found = assert_issues(
        BVA,
        &ex(BVA)
            .del("/associates/0/person/firstName")
            .set("/associates/0/person/firstname", json!("Ann")),
        &[
            (
                path!["associates", 0usize, "person", "firstName"],
                Code::Required,
            ),
            (
                path!["associates", 0usize, "person", "firstname"],
                Code::UnknownField,
            ),
        ],
    );
    assert!(found
        .iter()
        .any(|i| i.message().contains("Did you mean \"firstName\"?")));
    assert_one(
        BV,
        &ex(BV).set("/address/zip", json!("1")),
        path!["address", "zip"],
        Code::UnknownField,
    );
    assert_one(
        BVA,
        &ex(BVA).set(
            "/associates/0/details/documentInfo/expiry",
            json!("2030-01-01"),
        ),
        path!["associates", 0usize, "details", "documentInfo", "expiry"],
        Code::UnknownField,
    );
    // The nominee address has no address2 (B.5.4), unlike the profile address.
    let n = json!({"name": "Ravi", "relationship": "Son", "percentShare": 100,
        "address": {"address1": "1 Main", "address2": "x", "city": "Chennai", "state": "TN", "country": "India", "pin": "600100"}});
    assert_one(
        MN,
        &nominees(vec![n]),
        path!["nominees", 0usize, "address", "address2"],
        Code::UnknownField,
    );
    assert_one(
        MC,
        &ex(MC).set("/communication/mobile/cc", json!(91)),
        path!["communication", "mobile", "cc"],
        Code::UnknownField,
    );
}

#[test]
fn open_objects_take_any_keys() {
    // customerRiskDetails and nationalIdentity: any keys, any values.
    let input = ex(MC)
        .set("/customerRiskDetails", json!({"riskRating": "LOW", "customerOccupation": "Engineer", "politicallyExposed": false, "score": 3.5, "nested": {"a": [1, {"b": "c"}]}}))
        .set("/nationalIdentity", json!({"aadhaar": "1234", "documents": [{"type": "VOTER_ID"}]}));
    assert_valid(MC, &input);
    assert_valid(MC, &ex(MC).set("/customerRiskDetails", json!({})));
    // customerAdditionalDetails: any keys, string values only.
    assert_valid(
        MC,
        &ex(MC).set(
            "/customerAdditionalDetails",
            json!({"channel": "app", "any key at all": "v", "": "empty key"}),
        ),
    );
    assert_one(
        MC,
        &ex(MC).set(
            "/customerAdditionalDetails",
            json!({"channel": "app", "count": 3}),
        ),
        path!["customerAdditionalDetails", "count"],
        Code::InvalidType,
    );
    assert_one(
        MC,
        &ex(MC).set("/customerAdditionalDetails", json!({"flags": {"a": "b"}})),
        path!["customerAdditionalDetails", "flags"],
        Code::InvalidType,
    );
    assert_one(
        MC,
        &ex(MC).set("/customerAdditionalDetails", json!({"note": ""})),
        path!["customerAdditionalDetails", "note"],
        Code::Empty,
    );
    assert_one(
        MC,
        &ex(MC).set("/customerAdditionalDetails", json!(["a"])),
        path!["customerAdditionalDetails"],
        Code::InvalidType,
    );
    assert_one(
        MC,
        &ex(MC).set("/customerRiskDetails", json!("HIGH")),
        path!["customerRiskDetails"],
        Code::InvalidType,
    );
    assert_one(
        MC,
        &ex(MC).set("/nationalIdentity", json!([])),
        path!["nationalIdentity"],
        Code::InvalidType,
    );
    // The nominee guardian: at least a name, other keys open.
    let minor = json!({"name": "Ravi", "relationship": "Son", "percentShare": 100, "minor": true,
        "guardian": {"name": "Asha", "relationship": "Mother", "mobile": {"value": "9876543210", "countryCode": 91}}});
    assert_valid(MN, &nominees(vec![minor]));
}

// ============================================================ A.2: read_only

#[test]
fn gathr_read_only_keys() {
    for key in ["id", "api_token", "full_name", "initials"] {
        let issue = assert_one(
            GA,
            &ex(GA).set(&format!("/{key}"), json!("x")),
            path![key],
            Code::ReadOnly,
        );
        assert!(issue.message().contains(key), "{}", issue.message());
        // Even null: the key itself is not allowed.
        assert_one(
            GA,
            &ex(GA).set(&format!("/{key}"), Value::Null),
            path![key],
            Code::ReadOnly,
        );
    }
    let issue = assert_one(
        GA,
        &ex(GA).set("/full_name", json!("John Wick")),
        path!["full_name"],
        Code::ReadOnly,
    );
    assert!(
        issue.message().contains("first_name"),
        "names the fields to send instead: {}",
        issue.message()
    );
    // Read-only keys do not count toward "at least one field".
    assert_issues(
        GA,
        &json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "initials": "JW"}),
        &[
            (path!["initials"], Code::ReadOnly),
            (path![], Code::AtLeastOneRequired),
        ],
    );
}

#[test]
fn m2p_status_is_read_only_on_the_profile_update() {
    let issue = assert_one(
        MC,
        &ex(MC).set("/status", json!("ACTIVE")),
        path!["status"],
        Code::ReadOnly,
    );
    assert!(
        issue.message().contains("m2p.updateCustomerStatus"),
        "{}",
        issue.message()
    );
    // ... while it is the whole point of the status operation.
    assert_valid(MS, &json!({"entityId": "e1", "status": "ACTIVE"}));
}

// ============================================================ A.2: invalid_type

#[test]
fn wrong_json_types() {
    assert_one(
        AB,
        &ex(AB).set("/accountNo", json!(702334455)),
        path!["accountNo"],
        Code::InvalidType,
    );
    assert_one(
        AB,
        &ex(AB).set("/email", json!(["a@b.co"])),
        path!["email"],
        Code::InvalidType,
    );
    assert_one(
        JUS,
        &ex(JUS).set("/mobile_number", json!(9876543210u64)),
        path!["mobile_number"],
        Code::InvalidType,
    );
    assert_one(
        JUS,
        &ex(JUS).set("/mobile_country_code", json!(91)),
        path!["mobile_country_code"],
        Code::InvalidType,
    );
    assert_one(
        BV,
        &ex(BV).set("/address", json!("1 Main St")),
        path!["address"],
        Code::InvalidType,
    );
    assert_one(
        BVA,
        &ex(BVA).set("/associates", json!({})),
        path!["associates"],
        Code::InvalidType,
    );
    assert_one(
        BVA,
        &ex(BVA).set("/associates/0", json!("x")),
        path!["associates", 0usize],
        Code::InvalidType,
    );
    assert_one(
        BVA,
        &ex(BVA).set("/associates/0/controls/hasOwnership", json!("true")),
        path!["associates", 0usize, "controls", "hasOwnership"],
        Code::InvalidType,
    );
    assert_one(
        BVS,
        &ex(BVS).set("/status", json!(1)),
        path!["status"],
        Code::InvalidType,
    );
    assert_one(
        MS,
        &ex(MS).set("/status", json!(true)),
        path!["status"],
        Code::InvalidType,
    );
    assert_one(
        MN,
        &nominees(vec![json!([1])]),
        path!["nominees", 0usize],
        Code::InvalidType,
    );
}

#[test]
fn gathr_booleans_are_json_booleans() {
    for b in [true, false] {
        assert_valid(
            GA,
            &ex(GA)
                .set("/popi", json!(b))
                .set("/terms_and_conditions", json!(b)),
        );
        assert_valid(
            GA,
            &json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "popi": b}),
        );
    }
    for bad in [json!("true"), json!(1), json!(0), json!("1"), json!({})] {
        assert_one(
            GA,
            &ex(GA).set("/popi", bad.clone()),
            path!["popi"],
            Code::InvalidType,
        );
        assert_one(
            GA,
            &ex(GA).set("/terms_and_conditions", bad),
            path!["terms_and_conditions"],
            Code::InvalidType,
        );
    }
}

#[test]
fn m2p_pin_must_be_a_string() {
    assert_one(
        MC,
        &ex(MC).set("/permanentAddress/pin", json!(600100)),
        path!["permanentAddress", "pin"],
        Code::InvalidType,
    );
    let n = json!({"name": "Ravi", "relationship": "Son", "percentShare": 100,
        "address": {"address1": "1 Main", "city": "Chennai", "state": "TN", "country": "India", "pin": 600100}});
    assert_one(
        MN,
        &nominees(vec![n]),
        path!["nominees", 0usize, "address", "pin"],
        Code::InvalidType,
    );
}

// ============================================================ A.2: empty and too_long

#[test]
fn empty_strings_are_rejected() {
    // A.4 Juspay: mobile_number is never empty (the provider answers 400).
    let issue = assert_one(
        JUS,
        &ex(JUS).set("/mobile_number", json!("")),
        path!["mobile_number"],
        Code::Empty,
    );
    assert!(issue.message().contains("omit"), "{}", issue.message());
    assert_one(
        AB,
        &ex(AB).set("/requestId", json!("")),
        path!["requestId"],
        Code::Empty,
    );
    assert_one(
        AB,
        &ex(AB).set("/email", json!("")),
        path!["email"],
        Code::Empty,
    );
    assert_one(
        GA,
        &ex(GA).set("/middle_name", json!("")),
        path!["middle_name"],
        Code::Empty,
    );
    assert_one(
        BVA,
        &ex(BVA).set("/associates/0/person/firstName", json!("")),
        path!["associates", 0usize, "person", "firstName"],
        Code::Empty,
    );
    assert_one(
        BV,
        &ex(BV).set("/customerReference", json!("")),
        path!["customerReference"],
        Code::Empty,
    );
    assert_valid(JUS, &ex(JUS).set("/mobile_number", json!("9876")));
}

#[test]
fn too_long_strings_are_rejected() {
    assert_valid(AB, &ex(AB).set("/requestId", json!("r".repeat(100))));
    assert_one(
        AB,
        &ex(AB).set("/requestId", json!("r".repeat(101))),
        path!["requestId"],
        Code::TooLong,
    );
    // Length counts characters, not bytes.
    assert_valid(AB, &ex(AB).set("/requestId", json!("é".repeat(100))));
    assert_valid(BV, &ex(BV).set("/name", json!("n".repeat(255))));
    assert_one(
        BV,
        &ex(BV).set("/name", json!("n".repeat(256))),
        path!["name"],
        Code::TooLong,
    );
    assert_one(
        BV,
        &ex(BV).set("/address/postalCode", json!("9".repeat(21))),
        path!["address", "postalCode"],
        Code::TooLong,
    );
    assert_one(
        JUS,
        &ex(JUS).set("/customer_id", json!("c".repeat(129))),
        path!["customer_id"],
        Code::TooLong,
    );
    assert_valid(JUS, &ex(JUS).set("/customer_id", json!("c".repeat(128))));
    // A too-long email is one issue (too_long), not two.
    let long_email = format!("{}@example.com", "a".repeat(250));
    assert_one(
        AB,
        &ex(AB).set("/email", json!(long_email)),
        path!["email"],
        Code::TooLong,
    );
    assert_one(
        MN,
        &nominees(vec![
            json!({"name": "x".repeat(256), "relationship": "Son", "percentShare": 100}),
        ]),
        path!["nominees", 0usize, "name"],
        Code::TooLong,
    );
}

// ============================================================ A.2: not_in_enum

#[test]
fn enums() {
    for s in ["PENDING", "VERIFIED", "REJECTED"] {
        assert_valid(BVS, &ex(BVS).set("/status", json!(s)));
    }
    let issue = assert_one(
        BVS,
        &ex(BVS).set("/status", json!("verified")),
        path!["status"],
        Code::NotInEnum,
    );
    assert!(
        issue.message().contains("Did you mean \"VERIFIED\"?"),
        "{}",
        issue.message()
    );
    // INFO_REQUIRED is a response status only (A.4: the partner sets PENDING, VERIFIED, REJECTED).
    assert_one(
        BVS,
        &ex(BVS).set("/status", json!("INFO_REQUIRED")),
        path!["status"],
        Code::NotInEnum,
    );

    for g in ["Male", "Female", "Others"] {
        assert_valid(MC, &ex(MC).set("/gender", json!(g)));
    }
    let issue = assert_one(
        MC,
        &ex(MC).set("/gender", json!("MALE")),
        path!["gender"],
        Code::NotInEnum,
    );
    assert!(issue.message().contains("\"Male\""), "{}", issue.message());
    assert_one(
        MC,
        &ex(MC).set("/gender", json!("Other")),
        path!["gender"],
        Code::NotInEnum,
    );

    for t in [
        "DRIVERS_LICENSE",
        "DRIVER_LICENSE",
        "PASSPORT",
        "ID_CARD",
        "RESIDENCE_PERMIT",
    ] {
        assert_valid(
            BVA,
            &ex(BVA).set("/associates/0/details/documentInfo/type", json!(t)),
        );
    }
    assert_one(
        BVA,
        &ex(BVA).set("/associates/0/details/documentInfo/type", json!("SELFIE")),
        path!["associates", 0usize, "details", "documentInfo", "type"],
        Code::NotInEnum,
    );
    for r in ["LOW", "MEDIUM", "HIGH"] {
        assert_valid(BVA, &ex(BVA).set("/associates/0/riskScore", json!(r)));
    }
    assert_one(
        BVA,
        &ex(BVA).set("/associates/0/riskScore", json!("low")),
        path!["associates", 0usize, "riskScore"],
        Code::NotInEnum,
    );

    assert_valid(GA, &ex(GA).set("/id_type", json!("passport")));
    assert_one(
        GA,
        &ex(GA).set("/id_type", json!("Passport")),
        path!["id_type"],
        Code::NotInEnum,
    );

    assert_one(
        MS,
        &ex(MS).set("/status", json!("SUSPENDED")),
        path!["status"],
        Code::NotInEnum,
    );
    assert_one(
        MS,
        &ex(MS).set("/currentStatus", json!("HOTLISTED")),
        path!["currentStatus"],
        Code::NotInEnum,
    );
}

// ============================================================ A.2: required and path parameters

#[test]
fn path_parameters_are_required() {
    assert_one(
        JUS,
        &ex(JUS).del("/customer_id"),
        path!["customer_id"],
        Code::Required,
    );
    for op in [BV, BVS, BVA] {
        assert_one(
            op,
            &ex(op).del("/customerReference"),
            path!["customerReference"],
            Code::Required,
        );
    }
    assert_one(
        GA,
        &ex(GA).del("/customer_id"),
        path!["customer_id"],
        Code::Required,
    );
    assert_one(
        MN,
        &ex(MN).del("/entityId"),
        path!["entityId"],
        Code::Required,
    );
    assert_one(
        JUS,
        &ex(JUS).set("/customer_id", json!(5)),
        path!["customer_id"],
        Code::InvalidType,
    );
}

#[test]
fn required_body_fields() {
    assert_one(
        AB,
        &ex(AB).del("/accountNo"),
        path!["accountNo"],
        Code::Required,
    );
    assert_one(
        MC,
        &ex(MC).del("/entityId"),
        path!["entityId"],
        Code::Required,
    );
    assert_one(
        MS,
        &ex(MS).del("/entityId"),
        path!["entityId"],
        Code::Required,
    );
    assert_one(MS, &ex(MS).del("/status"), path!["status"], Code::Required);
    assert_one(
        BVS,
        &ex(BVS).del("/status"),
        path!["status"],
        Code::Required,
    );
    assert_one(
        BVA,
        &ex(BVA).del("/associates"),
        path!["associates"],
        Code::Required,
    );
    assert_one(
        MN,
        &ex(MN).del("/nominees"),
        path!["nominees"],
        Code::Required,
    );
    assert_one(
        BVA,
        &ex(BVA).del("/associates/0/person"),
        path!["associates", 0usize, "person"],
        Code::Required,
    );
    assert_one(
        BVA,
        &ex(BVA).del("/associates/0/person/dateOfBirth"),
        path!["associates", 0usize, "person", "dateOfBirth"],
        Code::Required,
    );
    assert_one(
        BVA,
        &ex(BVA).del("/associates/0/controls/isSigner"),
        path!["associates", 0usize, "controls", "isSigner"],
        Code::Required,
    );
    assert_one(
        BVA,
        &ex(BVA).del("/associates/0/details/taxIdentification/number"),
        path![
            "associates",
            0usize,
            "details",
            "taxIdentification",
            "number"
        ],
        Code::Required,
    );
    assert_one(
        BV,
        &ex(BV).del("/address/countryCode"),
        path!["address", "countryCode"],
        Code::Required,
    );
    assert_one(
        MC,
        &ex(MC).del("/permanentAddress/pin"),
        path!["permanentAddress", "pin"],
        Code::Required,
    );
    assert_one(
        MC,
        &ex(MC).del("/communication/mobile/countryCode"),
        path!["communication", "mobile", "countryCode"],
        Code::Required,
    );
    for field in ["name", "relationship", "percentShare"] {
        assert_one(
            MN,
            &ex(MN).del(&format!("/nominees/0/{field}")),
            path!["nominees", 0usize, field],
            Code::Required,
        );
    }
    // Optional nested fields may be left out.
    assert_valid(
        BVA,
        &ex(BVA)
            .del("/associates/0/details")
            .del("/associates/0/controls")
            .del("/associates/0/person/address"),
    );
    assert_valid(MN, &nominees(vec![nominee("Ravi", 100)]));
}

// ============================================================ A.2: invalid_format, one per format name

#[test]
fn every_format_name_is_reported_as_the_format_detail() {
    assert_format(
        AB,
        &ex(AB).set("/email", json!("jane.doe@example")),
        path!["email"],
        "email",
    );
    assert_format(
        AB,
        &ex(AB).set("/phoneNumber", json!("08012345678")),
        path!["phoneNumber"],
        "e164",
    );
    assert_format(
        AB,
        &ex(AB).set("/accountNo", json!("070233445")),
        path!["accountNo"],
        "digits",
    );
    assert_format(
        MC,
        &ex(MC).set("/dob", json!("1999-10-10")),
        path!["dob"],
        "date",
    );
    assert_format(
        MC,
        &ex(MC).set("/pan", json!("ABCDE1234")),
        path!["pan"],
        "pan",
    );
    assert_format(
        MC,
        &ex(MC).set("/permanentAddress/pin", json!("060001")),
        path!["permanentAddress", "pin"],
        "pin",
    );
    assert_format(
        BV,
        &ex(BV).set("/address/countryCode", json!("XK")),
        path!["address", "countryCode"],
        "country_code",
    );
    assert_format(
        GA,
        &ex(GA).set("/id_number", json!("8511215433086")),
        path!["id_number"],
        "sa_id",
    );
    assert_format(
        JUS,
        &ex(JUS).set("/first_name", json!("Mary!")),
        path!["first_name"],
        "name",
    );
}

// ============================================================ A.2: values are sent as given

#[test]
fn values_are_not_trimmed_or_recased() {
    assert_format(
        AB,
        &ex(AB).set("/email", json!(" a@b.co")),
        path!["email"],
        "email",
    );
    assert_format(
        AB,
        &ex(AB).set("/email", json!("a@b.co ")),
        path!["email"],
        "email",
    );
    assert_valid(AB, &ex(AB).set("/email", json!("a@b.co")));
    assert_format(
        AB,
        &ex(AB).set("/phoneNumber", json!(" +2348012345678")),
        path!["phoneNumber"],
        "e164",
    );
    assert_format(
        AB,
        &ex(AB).set("/accountNo", json!("0702334455 ")),
        path!["accountNo"],
        "digits",
    );
    assert_format(
        JUS,
        &ex(JUS).set("/first_name", json!(" Tim")),
        path!["first_name"],
        "name",
    );
    let issue = assert_format(
        MC,
        &ex(MC).set("/pan", json!("ajxpc9886a")),
        path!["pan"],
        "pan",
    );
    assert!(
        issue.message().contains("AJXPC9886A"),
        "a hint, not a silent fix: {}",
        issue.message()
    );
    let issue = assert_format(
        BV,
        &ex(BV).set("/address/countryCode", json!("us")),
        path!["address", "countryCode"],
        "country_code",
    );
    assert!(issue.message().contains("US"), "{}", issue.message());
    assert_one(
        BVS,
        &ex(BVS).set("/status", json!(" VERIFIED")),
        path!["status"],
        Code::NotInEnum,
    );
    assert_one(
        MC,
        &ex(MC).set("/gender", json!("Male ")),
        path!["gender"],
        Code::NotInEnum,
    );
}

mod support;
use support::NoSecrets as FixedSecrets;

#[test]
fn valid_values_round_trip_unchanged_through_build() {
    let name = "  Acme   Holdings (Pty) Ltd  ";
    let email = "Jane.Doe+Tag@Example.COM";
    let op = customer_update::operation(BV).unwrap();
    let input = ex(BV)
        .set("/name", json!(name))
        .set("/description", json!("Zoë \"quoted\" \\ ✓"));
    let built = build(op, &input, &Options::default(), &mut FixedSecrets, today()).unwrap();
    let body: Value = serde_json::from_str(built.request.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["name"], json!(name));
    assert_eq!(body["description"], json!("Zoë \"quoted\" \\ ✓"));
    assert_eq!(body["address"], input["address"]);

    let op = customer_update::operation(AB).unwrap();
    let input = ex(AB).set("/email", json!(email));
    let built = build(op, &input, &Options::default(), &mut FixedSecrets, today()).unwrap();
    let body: Value = serde_json::from_str(built.request.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["email"], json!(email));
    assert_eq!(body["accountNo"], json!("0702334455"));
    assert_eq!(body["phoneNumber"], json!("+2348012345678"));
}

// ============================================================ A.2: all issues at once

#[test]
fn issues_come_in_spec_order_then_unknown_keys_then_rules() {
    let input = json!({"zzz": 1, "phoneNumber": "1", "accountNo": "x"});
    let found = issues(AB, &input);
    let got: Vec<(String, Code)> = found.iter().map(|i| (i.path_string(), i.code)).collect();
    // No email or phoneNumber problem stops the others; a bad phoneNumber still counts as present.
    assert_eq!(
        got,
        [
            ("accountNo".to_owned(), Code::InvalidFormat),
            ("phoneNumber".to_owned(), Code::InvalidFormat),
            ("zzz".to_owned(), Code::UnknownField)
        ]
    );
    let found = issues(AB, &json!({"accountNo": "x", "zzz": 1}));
    let codes: Vec<Code> = found.iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        [
            Code::InvalidFormat,
            Code::UnknownField,
            Code::AtLeastOneRequired
        ]
    );
    assert_eq!(found[2].path, path![]);
}

#[test]
fn issue_count_is_capped() {
    let mut input = ex(AB);
    for i in 0..1000 {
        input = input.set(&format!("/junk{i}"), json!(i));
    }
    let found = issues(AB, &input);
    assert_eq!(found.len(), MAX_ISSUES);
    assert!(found.iter().all(|i| i.code == Code::UnknownField));
}

#[test]
fn every_code_of_a2_exists() {
    let listed = [
        "required",
        "unknown_field",
        "null_not_allowed",
        "read_only",
        "invalid_type",
        "empty",
        "too_long",
        "invalid_format",
        "not_in_enum",
        "at_least_one_required",
        "too_few_items",
        "too_many_items",
        "sum_mismatch",
        "guardian_required",
        "invalid_transition",
        "date_in_future",
    ];
    let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for code in listed {
        assert!(all.contains(&code), "{code}");
    }
    // Local validation also uses two codes beyond A.2's list, for rules A.4 states without naming
    // a code (integer bounds, a contradicting minor flag).
    assert!(all.contains(&"out_of_range") && all.contains(&"minor_mismatch"));
    let mut unique = all.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), all.len());
}

// ============================================================ A.4 Access Bank

#[test]
fn accessbank_fields() {
    // requestId: optional (generated when absent), non-empty string.
    assert_valid(AB, &ex(AB).del("/requestId"));
    assert_one(
        AB,
        &ex(AB).set("/requestId", json!(42)),
        path!["requestId"],
        Code::InvalidType,
    );
    // accountNo: exactly 10 digits, a string; NUBAN is not enforced.
    for ok in ["0702334455", "0701234567", "1934639270", "0000000000"] {
        assert_valid(AB, &ex(AB).set("/accountNo", json!(ok)));
    }
    for bad in [
        "070233445",
        "07023344550",
        "070233445a",
        "+702334455",
        "0702-33445",
    ] {
        assert_format(
            AB,
            &ex(AB).set("/accountNo", json!(bad)),
            path!["accountNo"],
            "digits",
        );
    }
    // email and phoneNumber formats.
    assert_format(
        AB,
        &ex(AB).set("/email", json!("jane..doe@example.com")),
        path!["email"],
        "email",
    );
    assert_valid(AB, &ex(AB).set("/phoneNumber", json!("+14155550123")));
    assert_format(
        AB,
        &ex(AB).set("/phoneNumber", json!("2348012345678")),
        path!["phoneNumber"],
        "e164",
    );
    assert_format(
        AB,
        &ex(AB).set("/phoneNumber", json!("+2348012345678901")),
        path!["phoneNumber"],
        "e164",
    );
}

#[test]
fn accessbank_at_least_one_of_email_or_phone() {
    let issue = assert_one(
        AB,
        &json!({"accountNo": "0702334455"}),
        path![],
        Code::AtLeastOneRequired,
    );
    assert!(
        issue.message().contains("email") && issue.message().contains("phoneNumber"),
        "{}",
        issue.message()
    );
    assert_valid(AB, &json!({"accountNo": "0702334455", "email": "a@b.co"}));
    assert_valid(
        AB,
        &json!({"accountNo": "0702334455", "phoneNumber": "+2348012345678"}),
    );
    // A present-but-bad value counts as present: one issue, about the value.
    assert_format(
        AB,
        &json!({"accountNo": "0702334455", "email": "nope"}),
        path!["email"],
        "email",
    );
}

#[test]
fn accessbank_several_violations() {
    let input = json!({"requestId": "", "accountNo": "12345", "email": "a@b", "phoneNumber": "08012345678", "extra": 1});
    let found = assert_issues(
        AB,
        &input,
        &[
            (path!["requestId"], Code::Empty),
            (path!["accountNo"], Code::InvalidFormat),
            (path!["email"], Code::InvalidFormat),
            (path!["phoneNumber"], Code::InvalidFormat),
            (path!["extra"], Code::UnknownField),
        ],
    );
    let formats: Vec<Option<&str>> = found
        .iter()
        .filter(|i| i.code == Code::InvalidFormat)
        .map(|i| i.format)
        .collect();
    assert_eq!(formats, [Some("digits"), Some("email"), Some("e164")]);
}

// ============================================================ A.4 Juspay

#[test]
fn juspay_email_rule() {
    for ok in [
        "tim.david@example.com",
        "tim_david@example.com",
        "t@example.in",
        "tim+juspay@example.co.in",
    ] {
        assert_valid(JUS, &ex(JUS).set("/email_address", json!(ok)));
    }
    for bad in [
        "_tim@example.com",
        "tim_@example.com",
        ".tim@example.com",
        "tim.@example.com",
        "tim..david@example.com",
        "tim@example",
        "tím@example.com",
    ] {
        assert_format(
            JUS,
            &ex(JUS).set("/email_address", json!(bad)),
            path!["email_address"],
            "email",
        );
    }
}

#[test]
fn juspay_name_rule() {
    for ok in [
        "Mary Ann",
        "Jean-Luc",
        "O.Neil",
        "Smith (Jr.)",
        "under_score",
        "R2D2",
    ] {
        assert_valid(
            JUS,
            &ex(JUS)
                .set("/first_name", json!(ok))
                .set("/last_name", json!(ok)),
        );
    }
    for bad in [
        " Mary",
        "Mary ",
        "Mary  Ann",
        "Mary!",
        "O'Brien",
        "Ann,Marie",
        "Mary\tAnn",
    ] {
        assert_format(
            JUS,
            &ex(JUS).set("/first_name", json!(bad)),
            path!["first_name"],
            "name",
        );
        assert_format(
            JUS,
            &ex(JUS).set("/last_name", json!(bad)),
            path!["last_name"],
            "name",
        );
    }
}

#[test]
fn juspay_mobile_fields() {
    for ok in [
        "9876",
        "9876543210",
        "99889988",
        "123456789012345",
        "0123456789",
    ] {
        assert_valid(JUS, &ex(JUS).set("/mobile_number", json!(ok)));
    }
    for bad in [
        "987",
        "1234567890123456",
        "-9876543210",
        "+919876543210",
        "98765 43210",
    ] {
        assert_format(
            JUS,
            &ex(JUS).set("/mobile_number", json!(bad)),
            path!["mobile_number"],
            "digits",
        );
    }
    for ok in ["1", "91", "65", "999"] {
        assert_valid(JUS, &ex(JUS).set("/mobile_country_code", json!(ok)));
    }
    for bad in ["+91", "091", "0", "1234", "9a"] {
        assert_format(
            JUS,
            &ex(JUS).set("/mobile_country_code", json!(bad)),
            path!["mobile_country_code"],
            "digits",
        );
    }
}

#[test]
fn juspay_at_least_one_field() {
    assert_one(
        JUS,
        &json!({"customer_id": "cst_1"}),
        path![],
        Code::AtLeastOneRequired,
    );
    for (k, v) in [
        ("email_address", "a@b.co"),
        ("first_name", "Tim"),
        ("last_name", "David"),
        ("mobile_number", "9876543210"),
        ("mobile_country_code", "91"),
    ] {
        assert_valid(JUS, &json!({"customer_id": "cst_1", k: v}));
    }
}

#[test]
fn juspay_several_violations() {
    let input = json!({"customer_id": "", "email_address": "_tim@example.com", "first_name": "Mary  Ann",
        "last_name": null, "mobile_number": "", "mobile_country_code": "+91", "email": "x"});
    assert_issues(
        JUS,
        &input,
        &[
            (path!["customer_id"], Code::Empty),
            (path!["email_address"], Code::InvalidFormat),
            (path!["first_name"], Code::InvalidFormat),
            (path!["last_name"], Code::NullNotAllowed),
            (path!["mobile_number"], Code::Empty),
            (path!["mobile_country_code"], Code::InvalidFormat),
            (path!["email"], Code::UnknownField),
        ],
    );
}

// ============================================================ A.4 BVNK updateCustomer

#[test]
fn bvnk_update_customer_fields() {
    assert_valid(
        BV,
        &json!({"customerReference": "r1", "description": "Only this"}),
    );
    assert_valid(BV, &json!({"customerReference": "r1", "name": "Only this"}));
    assert_valid(
        BV,
        &json!({"customerReference": "r1", "address": {"addressLine1": "1 Main", "city": "X", "postalCode": "1", "countryCode": "GB"}}),
    );
    let issue = assert_one(
        BV,
        &json!({"customerReference": "r1"}),
        path![],
        Code::AtLeastOneRequired,
    );
    assert!(issue.message().contains("address"), "{}", issue.message());
    let issue = assert_format(
        BV,
        &ex(BV).set("/address/countryCode", json!("UK")),
        path!["address", "countryCode"],
        "country_code",
    );
    assert!(issue.message().contains("GB"), "{}", issue.message());
    for ok in ["US", "NG", "ZA", "IN", "GB"] {
        assert_valid(BV, &ex(BV).set("/address/countryCode", json!(ok)));
    }
    assert_issues(
        BV,
        &ex(BV).set("/address", json!({})),
        &[
            (path!["address", "addressLine1"], Code::Required),
            (path!["address", "city"], Code::Required),
            (path!["address", "postalCode"], Code::Required),
            (path!["address", "countryCode"], Code::Required),
        ],
    );
}

#[test]
fn bvnk_update_customer_several_violations() {
    let input = json!({"name": 5, "description": "", "address": {"addressLine1": "1 Main", "city": null,
        "postalCode": "9".repeat(21), "countryCode": "UK", "zip": "1"}});
    assert_issues(
        BV,
        &input,
        &[
            (path!["customerReference"], Code::Required),
            (path!["name"], Code::InvalidType),
            (path!["description"], Code::Empty),
            (path!["address", "city"], Code::NullNotAllowed),
            (path!["address", "postalCode"], Code::TooLong),
            (path!["address", "countryCode"], Code::InvalidFormat),
            (path!["address", "zip"], Code::UnknownField),
        ],
    );
}

// ============================================================ A.4 BVNK updateCustomerStatus

#[test]
fn bvnk_status_several_violations() {
    assert_issues(
        BVS,
        &json!({"customerReference": 7, "status": "verified", "note": "x"}),
        &[
            (path!["customerReference"], Code::InvalidType),
            (path!["status"], Code::NotInEnum),
            (path!["note"], Code::UnknownField),
        ],
    );
    // BVNK has no transition rule; a status alone is never an at_least_one issue.
    assert_one(
        BVS,
        &json!({"customerReference": "r"}),
        path!["status"],
        Code::Required,
    );
}

// ============================================================ A.4 BVNK updateCustomerAssociates

#[test]
fn bvnk_associates_count() {
    let one = ex(BVA)["associates"][0].clone();
    assert_one(
        BVA,
        &ex(BVA).set("/associates", json!([])),
        path!["associates"],
        Code::TooFewItems,
    );
    assert_valid(
        BVA,
        &ex(BVA).set("/associates", Value::Array(vec![one.clone(); 25])),
    );
    let issue = assert_one(
        BVA,
        &ex(BVA).set("/associates", Value::Array(vec![one; 26])),
        path!["associates"],
        Code::TooManyItems,
    );
    assert!(issue.message().contains("25"), "{}", issue.message());
}

#[test]
fn bvnk_associate_nested_paths() {
    let issue = assert_format(
        BVA,
        &ex(BVA).set(
            "/associates/0/details/documentInfo/issuingCountryCode",
            json!("UK"),
        ),
        path![
            "associates",
            0usize,
            "details",
            "documentInfo",
            "issuingCountryCode"
        ],
        "country_code",
    );
    assert!(issue.message().contains("GB"));
    assert_format(
        BVA,
        &ex(BVA).set("/associates/0/details/birthCountryCode", json!("XK")),
        path!["associates", 0usize, "details", "birthCountryCode"],
        "country_code",
    );
    assert_format(
        BVA,
        &ex(BVA).set(
            "/associates/0/details/taxIdentification/taxResidenceCountryCode",
            json!("us"),
        ),
        path![
            "associates",
            0usize,
            "details",
            "taxIdentification",
            "taxResidenceCountryCode"
        ],
        "country_code",
    );
    assert_format(
        BVA,
        &ex(BVA).set("/associates/0/person/address/countryCode", json!("USA")),
        path!["associates", 0usize, "person", "address", "countryCode"],
        "country_code",
    );
    assert_format(
        BVA,
        &ex(BVA).set(
            "/associates/0/details/contactInfo/emailAddress",
            json!("updated.email@"),
        ),
        path![
            "associates",
            0usize,
            "details",
            "contactInfo",
            "emailAddress"
        ],
        "email",
    );
    assert_format(
        BVA,
        &ex(BVA).set(
            "/associates/0/details/contactInfo/phoneNumber",
            json!("123456789"),
        ),
        path![
            "associates",
            0usize,
            "details",
            "contactInfo",
            "phoneNumber"
        ],
        "e164",
    );
    // The second associate's problems carry index 1.
    let two = ex(BVA)
        .set("/associates/1", ex(BVA)["associates"][0].clone())
        .set("/associates/1/person/dateOfBirth", json!("31/01/2001"));
    assert_format(
        BVA,
        &two,
        path!["associates", 1usize, "person", "dateOfBirth"],
        "date",
    );
}

#[test]
fn bvnk_date_of_birth_is_a_past_iso_date() {
    assert_valid(
        BVA,
        &ex(BVA).set("/associates/0/person/dateOfBirth", json!("2026-11-22")),
    );
    assert_valid(
        BVA,
        &ex(BVA).set("/associates/0/person/dateOfBirth", json!("2000-02-29")),
    );
    let dob = path!["associates", 0usize, "person", "dateOfBirth"];
    assert_one(
        BVA,
        &ex(BVA).set("/associates/0/person/dateOfBirth", json!("2026-11-23")),
        dob.clone(),
        Code::DateInFuture,
    );
    assert_format(
        BVA,
        &ex(BVA).set("/associates/0/person/dateOfBirth", json!("2023-02-29")),
        dob.clone(),
        "date",
    );
    assert_format(
        BVA,
        &ex(BVA).set("/associates/0/person/dateOfBirth", json!("2001-1-31")),
        dob,
        "date",
    );
}

#[test]
fn bvnk_associates_several_violations() {
    let input = ex(BVA)
        .set("/associates/0/person/dateOfBirth", json!("2030-01-01"))
        .set(
            "/associates/0/details/contactInfo/phoneNumber",
            json!("+0123"),
        )
        .set(
            "/associates/0/details/documentInfo/issuingCountryCode",
            json!("UK"),
        )
        .del("/associates/0/controls/isSigner")
        .set("/associates/0/riskScore", json!("low"))
        .set("/associates/1", json!("x"));
    assert_issues(
        BVA,
        &input,
        &[
            (
                path!["associates", 0usize, "person", "dateOfBirth"],
                Code::DateInFuture,
            ),
            (
                path![
                    "associates",
                    0usize,
                    "details",
                    "contactInfo",
                    "phoneNumber"
                ],
                Code::InvalidFormat,
            ),
            (
                path![
                    "associates",
                    0usize,
                    "details",
                    "documentInfo",
                    "issuingCountryCode"
                ],
                Code::InvalidFormat,
            ),
            (
                path!["associates", 0usize, "controls", "isSigner"],
                Code::Required,
            ),
            (path!["associates", 0usize, "riskScore"], Code::NotInEnum),
            (path!["associates", 1usize], Code::InvalidType),
        ],
    );
}

// ============================================================ A.4 Gathr

#[test]
fn gathr_at_least_one_field() {
    assert_one(
        GA,
        &json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27"}),
        path![],
        Code::AtLeastOneRequired,
    );
    assert_valid(
        GA,
        &json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "popi": false}),
    );
    assert_valid(
        GA,
        &json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "country": "South Africa"}),
    );
    assert_valid(
        GA,
        &json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "id_type": "passport"}),
    );
}

#[test]
fn gathr_id_number_is_a_valid_sa_id_unless_passport() {
    assert_valid(GA, &ex(GA).set("/id_number", json!("8511215433085")));
    assert_valid(
        GA,
        &ex(GA)
            .set("/id_number", json!("8001015009087"))
            .set("/id_type", json!("id_number")),
    );
    let issue = assert_format(
        GA,
        &ex(GA).set("/id_number", json!("8511215433086")),
        path!["id_number"],
        "sa_id",
    );
    assert!(
        issue.message().contains("id_type \"passport\""),
        "the message says how to send a passport: {}",
        issue.message()
    );
    assert_format(
        GA,
        &ex(GA)
            .set("/id_number", json!("A1234567"))
            .set("/id_type", json!("id_number")),
        path!["id_number"],
        "sa_id",
    );
    // Citizenship digit 2 and an impossible date fail, even with a good check digit.
    assert_format(
        GA,
        &ex(GA).set("/id_number", json!("8001015009285")),
        path!["id_number"],
        "sa_id",
    );
    assert_format(
        GA,
        &ex(GA).set("/id_number", json!("8502305433085")),
        path!["id_number"],
        "sa_id",
    );
    // With id_type "passport" in the same request there is no check.
    assert_valid(
        GA,
        &ex(GA)
            .set("/id_number", json!("A1234567"))
            .set("/id_type", json!("passport")),
    );
    assert_valid(
        GA,
        &ex(GA)
            .set("/id_number", json!("8511215433086"))
            .set("/id_type", json!("passport")),
    );
    // A wrongly typed or empty id_number is one issue, about the value.
    assert_one(
        GA,
        &ex(GA).set("/id_number", json!(8511215433085u64)),
        path!["id_number"],
        Code::InvalidType,
    );
    assert_one(
        GA,
        &ex(GA).set("/id_number", json!("")),
        path!["id_number"],
        Code::Empty,
    );
}

#[test]
fn gathr_several_violations() {
    let input = json!({"customer_id": "c", "popi": "yes", "email": "x@", "id_number": "8511215433086",
        "id_type": "id_number", "api_token": "t", "country": ""});
    let found = assert_issues(
        GA,
        &input,
        &[
            (path!["customer_id"], Code::InvalidFormat),
            (path!["popi"], Code::InvalidType),
            (path!["email"], Code::InvalidFormat),
            (path!["country"], Code::Empty),
            (path!["api_token"], Code::ReadOnly),
            (path!["id_number"], Code::InvalidFormat),
        ],
    );
    let id = found.iter().find(|i| i.path == path!["id_number"]).unwrap();
    assert_eq!(id.format, Some("sa_id"));
}

// ============================================================ A.4 M2P updateCustomer

#[test]
fn m2p_profile_fields() {
    // No "at least one" rule is documented for M2P: entityId alone is a valid (empty) update.
    assert_valid(MC, &json!({"entityId": "e1"}));
    // dob: dd/MM/yyyy, a real date, not in the future.
    for ok in ["10/10/1999", "29/02/2024", "29/02/2000", "22/11/2026"] {
        assert_valid(MC, &ex(MC).set("/dob", json!(ok)));
    }
    for bad in [
        "1999-10-10",
        "1/1/1999",
        "31/04/2020",
        "29/02/2023",
        "29/02/1900",
        "00/01/2000",
        "10/10/99",
    ] {
        assert_format(MC, &ex(MC).set("/dob", json!(bad)), path!["dob"], "date");
    }
    assert_one(
        MC,
        &ex(MC).set("/dob", json!("23/11/2026")),
        path!["dob"],
        Code::DateInFuture,
    );
    assert_format(
        MC,
        &ex(MC).set("/email", json!("tim.david@example")),
        path!["email"],
        "email",
    );
    assert_format(
        MC,
        &ex(MC).set("/communication/email", json!("tim.david.@example.com")),
        path!["communication", "email"],
        "email",
    );
    assert_format(
        MC,
        &ex(MC).set("/pan", json!("ABCDE1234FG")),
        path!["pan"],
        "pan",
    );
    // Addresses: pin a 6-digit string not starting with 0; country a name.
    assert_valid(
        MC,
        &ex(MC).set("/communicationAddress", ex(MC)["permanentAddress"].clone()),
    );
    assert_format(
        MC,
        &ex(MC).set("/permanentAddress/pin", json!("60010")),
        path!["permanentAddress", "pin"],
        "pin",
    );
    assert_issues(
        MC,
        &ex(MC).set("/communicationAddress", json!({"address1": "1 Main"})),
        &[
            (path!["communicationAddress", "pin"], Code::Required),
            (path!["communicationAddress", "city"], Code::Required),
            (path!["communicationAddress", "state"], Code::Required),
            (path!["communicationAddress", "country"], Code::Required),
        ],
    );
    // communication.mobile: value 10 digits; countryCode an integer 1..999.
    assert_format(
        MC,
        &ex(MC).set("/communication/mobile/value", json!("98765")),
        path!["communication", "mobile", "value"],
        "digits",
    );
}

#[test]
fn m2p_integer_bounds() {
    let cc = path!["communication", "mobile", "countryCode"];
    for ok in [1, 91, 999] {
        assert_valid(
            MC,
            &ex(MC).set("/communication/mobile/countryCode", json!(ok)),
        );
    }
    for bad in [0, 1000, -1, -91] {
        let issue = assert_one(
            MC,
            &ex(MC).set("/communication/mobile/countryCode", json!(bad)),
            cc.clone(),
            Code::OutOfRange,
        );
        assert!(issue.message().contains("1 to 999"), "{}", issue.message());
    }
    for bad in [
        json!(1.5),
        json!("91"),
        json!("+91"),
        json!(true),
        json!(9_007_199_254_740_993u64),
    ] {
        assert_one(
            MC,
            &ex(MC).set("/communication/mobile/countryCode", bad),
            cc.clone(),
            Code::InvalidType,
        );
    }
}

#[test]
fn m2p_profile_several_violations() {
    let input = json!({"entityId": "", "status": "ACTIVE", "gender": "male", "dob": "31/04/2020", "pan": "abcde1234f",
        "permanentAddress": {"address1": "1", "pin": 600100, "city": "C", "state": "S"},
        "communication": {"mobile": {"value": "98765", "countryCode": 0}},
        "customerAdditionalDetails": {"k": 1}});
    assert_issues(
        MC,
        &input,
        &[
            (path!["entityId"], Code::Empty),
            (path!["status"], Code::ReadOnly),
            (path!["gender"], Code::NotInEnum),
            (path!["dob"], Code::InvalidFormat),
            (path!["pan"], Code::InvalidFormat),
            (path!["permanentAddress", "pin"], Code::InvalidType),
            (path!["permanentAddress", "country"], Code::Required),
            (
                path!["communication", "mobile", "value"],
                Code::InvalidFormat,
            ),
            (
                path!["communication", "mobile", "countryCode"],
                Code::OutOfRange,
            ),
            (path!["customerAdditionalDetails", "k"], Code::InvalidType),
        ],
    );
}

// ============================================================ A.4 M2P updateCustomerStatus

const M2P_STATUSES: [&str; 11] = [
    "ACTIVE",
    "LOCKED",
    "BLOCKED",
    "FRAUD",
    "INACTIVE",
    "CUSTOMER_BLOCKED",
    "CREDIT_FREEZE",
    "DEBIT_FREEZE",
    "REFUND_ONLY",
    "CLOSED",
    "EXPIRED",
];

#[test]
fn m2p_status_transitions() {
    // Without currentStatus the server decides: every status may be requested.
    for to in M2P_STATUSES {
        assert_valid(MS, &json!({"entityId": "e1", "status": to}));
    }
    // With it: no same-state change, nothing out of CLOSED or EXPIRED.
    for from in M2P_STATUSES {
        for to in M2P_STATUSES {
            let input = json!({"entityId": "e1", "status": to, "currentStatus": from});
            if from == to || from == "CLOSED" || from == "EXPIRED" {
                let issue = assert_one(MS, &input, path!["status"], Code::InvalidTransition);
                assert!(issue.message().contains(from), "{}", issue.message());
            } else {
                assert_valid(MS, &input);
            }
        }
    }
    let issue = assert_one(
        MS,
        &json!({"entityId": "e1", "status": "CREDIT_FREEZE", "currentStatus": "CREDIT_FREEZE"}),
        path!["status"],
        Code::InvalidTransition,
    );
    assert!(issue.message().contains("already"), "{}", issue.message());
    let issue = assert_one(
        MS,
        &json!({"entityId": "e1", "status": "ACTIVE", "currentStatus": "CLOSED"}),
        path!["status"],
        Code::InvalidTransition,
    );
    assert!(issue.message().contains("final"), "{}", issue.message());
}

#[test]
fn m2p_status_several_violations() {
    assert_issues(
        MS,
        &json!({"status": "CLOSED", "currentStatus": "CLOSED", "reason": "x"}),
        &[
            (path!["entityId"], Code::Required),
            (path!["status"], Code::InvalidTransition),
            (path!["reason"], Code::UnknownField),
        ],
    );
}

// ============================================================ A.4 M2P updateNomineeDetails

#[test]
fn nominee_list_needs_at_least_one_item() {
    assert_one(MN, &nominees(vec![]), path!["nominees"], Code::TooFewItems);
    assert_one(
        MN,
        &nominees(vec![]).set("/nominees", json!({})),
        path!["nominees"],
        Code::InvalidType,
    );
}

#[test]
fn nominee_shares_sum_to_100() {
    assert_valid(MN, &nominees(vec![nominee("A", 100)]));
    assert_valid(MN, &nominees(vec![nominee("A", 50), nominee("B", 50)]));
    assert_valid(
        MN,
        &nominees(vec![nominee("A", 33), nominee("B", 33), nominee("C", 34)]),
    );
    let issue = assert_one(
        MN,
        &nominees(vec![nominee("A", 50), nominee("B", 40)]),
        path!["nominees"],
        Code::SumMismatch,
    );
    assert!(issue.message().contains("90"), "{}", issue.message());
    assert_one(
        MN,
        &nominees(vec![nominee("A", 60), nominee("B", 50)]),
        path!["nominees"],
        Code::SumMismatch,
    );
    assert_one(
        MN,
        &nominees(vec![nominee("A", 99)]),
        path!["nominees"],
        Code::SumMismatch,
    );
    // A missing or mistyped share is one issue, about that share.
    assert_one(
        MN,
        &nominees(vec![
            nominee("A", 50),
            nominee("B", 40).del("/percentShare"),
        ]),
        path!["nominees", 1usize, "percentShare"],
        Code::Required,
    );
    assert_one(
        MN,
        &nominees(vec![
            nominee("A", 50),
            nominee("B", 1).set("/percentShare", json!(49.5)),
        ]),
        path!["nominees", 1usize, "percentShare"],
        Code::InvalidType,
    );
    assert_one(
        MN,
        &nominees(vec![nominee("A", 1).set("/percentShare", json!("100"))]),
        path!["nominees", 0usize, "percentShare"],
        Code::InvalidType,
    );
    assert_one(
        MN,
        &nominees(vec![
            nominee("A", 1).set("/percentShare", json!(9_007_199_254_740_992u64))
        ]),
        path!["nominees", 0usize, "percentShare"],
        Code::InvalidType,
    );
}

#[test]
fn nominee_shares_written_as_integral_floats_still_count() {
    // 60.0 is accepted as the integer 60 by the field check, so the sum must see it too.
    assert_valid(
        MN,
        &nominees(vec![
            nominee("A", 1).set("/percentShare", json!(50.0)),
            nominee("B", 50),
        ]),
    );
    assert_one(
        MN,
        &nominees(vec![
            nominee("A", 1).set("/percentShare", json!(60.0)),
            nominee("B", 1).set("/percentShare", json!(50.0)),
        ]),
        path!["nominees"],
        Code::SumMismatch,
    );
}

#[test]
fn nominee_share_bounds() {
    assert_one(
        MN,
        &nominees(vec![nominee("A", 0), nominee("B", 100)]),
        path!["nominees", 0usize, "percentShare"],
        Code::OutOfRange,
    );
    // 101 is out of range, and a single nominee's 101 also does not add up to 100.
    assert_issues(
        MN,
        &nominees(vec![nominee("A", 101)]),
        &[
            (path!["nominees", 0usize, "percentShare"], Code::OutOfRange),
            (path!["nominees"], Code::SumMismatch),
        ],
    );
    assert_one(
        MN,
        &nominees(vec![nominee("A", 1).set("/percentShare", json!(1.5))]),
        path!["nominees", 0usize, "percentShare"],
        Code::InvalidType,
    );
    assert_valid(MN, &nominees(vec![nominee("A", 1), nominee("B", 99)]));
}

#[test]
fn minor_needs_a_guardian_by_flag() {
    let minor = nominee("Ravi", 100).set("/minor", json!(true));
    let issue = assert_one(
        MN,
        &nominees(vec![minor.clone()]),
        path!["nominees", 0usize, "guardian"],
        Code::GuardianRequired,
    );
    assert!(issue.message().contains("18"), "{}", issue.message());
    assert_valid(
        MN,
        &nominees(vec![minor
            .clone()
            .set("/guardian", json!({"name": "Asha Kumar"}))]),
    );
    assert_one(
        MN,
        &nominees(vec![minor.clone().set("/guardian", json!({}))]),
        path!["nominees", 0usize, "guardian", "name"],
        Code::Required,
    );
    assert_one(
        MN,
        &nominees(vec![minor.clone().set("/guardian", Value::Null)]),
        path!["nominees", 0usize, "guardian"],
        Code::NullNotAllowed,
    );
    assert_one(
        MN,
        &nominees(vec![minor.set("/guardian", json!("Asha"))]),
        path!["nominees", 0usize, "guardian"],
        Code::InvalidType,
    );
    // The second nominee is the minor: index 1.
    assert_one(
        MN,
        &nominees(vec![
            nominee("A", 50),
            nominee("B", 50).set("/minor", json!(true)),
        ]),
        path!["nominees", 1usize, "guardian"],
        Code::GuardianRequired,
    );
    assert_valid(
        MN,
        &nominees(vec![nominee("A", 100).set("/minor", json!(false))]),
    );
}

#[test]
fn minor_needs_a_guardian_by_date_of_birth() {
    let under = nominee("Ravi", 100).set("/dob", json!("2010-05-05"));
    assert_one(
        MN,
        &nominees(vec![under.clone()]),
        path!["nominees", 0usize, "guardian"],
        Code::GuardianRequired,
    );
    assert_valid(
        MN,
        &nominees(vec![under
            .clone()
            .set("/guardian", json!({"name": "Asha"}))]),
    );
    assert_valid(
        MN,
        &nominees(vec![under
            .set("/minor", json!(true))
            .set("/guardian", json!({"name": "Asha"}))]),
    );
    // 18 today: an adult. 18 tomorrow: still a minor.
    assert_valid(
        MN,
        &nominees(vec![nominee("Ravi", 100).set("/dob", json!("2008-11-22"))]),
    );
    assert_one(
        MN,
        &nominees(vec![nominee("Ravi", 100).set("/dob", json!("2008-11-23"))]),
        path!["nominees", 0usize, "guardian"],
        Code::GuardianRequired,
    );
}

#[test]
fn minor_flag_that_contradicts_dob() {
    // Flag false, dob says 16: the flag is wrong, and the minor needs a guardian.
    let n = nominee("Ravi", 100)
        .set("/dob", json!("2010-05-05"))
        .set("/minor", json!(false));
    let found = assert_issues(
        MN,
        &nominees(vec![n.clone()]),
        &[
            (path!["nominees", 0usize, "minor"], Code::MinorMismatch),
            (
                path!["nominees", 0usize, "guardian"],
                Code::GuardianRequired,
            ),
        ],
    );
    assert!(found[0].message().contains("16") || found[1].message().contains("16"));
    assert_one(
        MN,
        &nominees(vec![n.set("/guardian", json!({"name": "Asha"}))]),
        path!["nominees", 0usize, "minor"],
        Code::MinorMismatch,
    );
    // Flag true, dob says 36.
    let n = nominee("Ravi", 100)
        .set("/dob", json!("1990-01-01"))
        .set("/minor", json!(true))
        .set("/guardian", json!({"name": "Asha"}));
    assert_one(
        MN,
        &nominees(vec![n]),
        path!["nominees", 0usize, "minor"],
        Code::MinorMismatch,
    );
    // Consistent flag and dob: fine (the seed).
    assert_valid(MN, &ex(MN));
    // A dob in the future is reported once, as such; the minor rule stays quiet.
    assert_one(
        MN,
        &nominees(vec![nominee("Ravi", 100)
            .set("/dob", json!("2030-01-01"))
            .set("/minor", json!(false))]),
        path!["nominees", 0usize, "dob"],
        Code::DateInFuture,
    );
    assert_format(
        MN,
        &nominees(vec![nominee("Ravi", 100)
            .set("/dob", json!("01/01/1990"))
            .set("/minor", json!(false))]),
        path!["nominees", 0usize, "dob"],
        "date",
    );
}

#[test]
fn nominee_mobile_and_address() {
    let n = nominee("Ravi", 100).set(
        "/mobile",
        json!({"value": "9876543210", "countryCode": 1000}),
    );
    assert_one(
        MN,
        &nominees(vec![n]),
        path!["nominees", 0usize, "mobile", "countryCode"],
        Code::OutOfRange,
    );
    let n = nominee("Ravi", 100).set(
        "/address",
        json!({"address1": "1", "city": "C", "state": "S", "country": "India", "pin": "060001"}),
    );
    assert_format(
        MN,
        &nominees(vec![n]),
        path!["nominees", 0usize, "address", "pin"],
        "pin",
    );
}

#[test]
fn nominee_several_violations() {
    let input = nominees(vec![
        json!({"name": "Ravi", "relationship": "Son", "dob": "2015-06-01", "percentShare": 50, "minor": false,
            "mobile": {"value": "98765432100", "countryCode": 91}}),
        json!({"name": "", "relationship": "Wife", "percentShare": 30,
            "address": {"address1": "1 Main", "city": "Chennai", "state": "TN", "country": "India", "pin": "60010"}}),
    ]);
    assert_issues(
        MN,
        &input,
        &[
            (
                path!["nominees", 0usize, "mobile", "value"],
                Code::InvalidFormat,
            ),
            (path!["nominees", 1usize, "name"], Code::Empty),
            (
                path!["nominees", 1usize, "address", "pin"],
                Code::InvalidFormat,
            ),
            (path!["nominees"], Code::SumMismatch),
            (path!["nominees", 0usize, "minor"], Code::MinorMismatch),
            (
                path!["nominees", 0usize, "guardian"],
                Code::GuardianRequired,
            ),
        ],
    );
}

// ============================================================ issue 13 item 5: fidelity gaps

#[test]
fn m2p_nominee_age_is_an_optional_whole_number() {
    // Seed 004 lists age among the nominee details ("Name, relationship, DOB, age").
    assert_valid(
        MN,
        &nominees(vec![nominee("Ravi", 100).set("/age", json!(30))]),
    );
    assert_valid(
        MN,
        &nominees(vec![nominee("Ravi", 100).set("/age", json!(30.0))]),
    );
    for (bad, code) in [
        (json!("30"), Code::InvalidType),
        (json!(30.5), Code::InvalidType),
        (json!(null), Code::NullNotAllowed),
        (json!(-1), Code::OutOfRange),
        (json!(151), Code::OutOfRange),
    ] {
        assert_one(
            MN,
            &nominees(vec![nominee("Ravi", 100).set("/age", bad.clone())]),
            path!["nominees", 0usize, "age"],
            code,
        );
    }
}

#[test]
fn m2p_nominee_age_that_contradicts_dob() {
    // today() is 2026-11-22: born 1990-01-01 → 36.
    let n = nominee("Ravi", 100).set("/dob", json!("1990-01-01"));
    assert_valid(MN, &nominees(vec![n.clone().set("/age", json!(36))]));
    let found = assert_one(
        MN,
        &nominees(vec![n.clone().set("/age", json!(30))]),
        path!["nominees", 0usize, "age"],
        Code::AgeMismatch,
    );
    assert!(
        found.message().contains("30") && found.message().contains("36"),
        "{}",
        found.message()
    );
    // The birthday decides: 18 today, still 17 the day before.
    let born = |d: &str, age: i64| {
        nominees(vec![nominee("Ravi", 100)
            .set("/dob", json!(d))
            .set("/age", json!(age))
            .set("/guardian", json!({"name": "Asha"}))])
    };
    assert_valid(MN, &born("2008-11-22", 18));
    assert_valid(MN, &born("2008-11-23", 17));
    assert_one(
        MN,
        &born("2008-11-23", 18),
        path!["nominees", 0usize, "age"],
        Code::AgeMismatch,
    );
    // Each item on its own; the second nominee's contradiction is at its index.
    assert_one(
        MN,
        &nominees(vec![
            nominee("A", 50)
                .set("/dob", json!("1990-01-01"))
                .set("/age", json!(36)),
            nominee("B", 50)
                .set("/dob", json!("1990-01-01"))
                .set("/age", json!(37)),
        ]),
        path!["nominees", 1usize, "age"],
        Code::AgeMismatch,
    );
    // Quiet when either value has failed its own check: one mistake, one issue.
    assert_one(
        MN,
        &nominees(vec![n.clone().set("/age", json!("30"))]),
        path!["nominees", 0usize, "age"],
        Code::InvalidType,
    );
    assert_one(
        MN,
        &nominees(vec![nominee("Ravi", 100)
            .set("/dob", json!("1990-02-30"))
            .set("/age", json!(3))]),
        path!["nominees", 0usize, "dob"],
        Code::InvalidFormat,
    );
    assert_one(
        MN,
        &nominees(vec![nominee("Ravi", 100)
            .set("/dob", json!("2030-01-01"))
            .set("/age", json!(3))]),
        path!["nominees", 0usize, "dob"],
        Code::DateInFuture,
    );
    // age without dob, or dob without age: nothing to compare.
    assert_valid(
        MN,
        &nominees(vec![nominee("Ravi", 100)
            .set("/age", json!(3))
            .set("/guardian", json!({"name": "Asha"}))]),
    );
    assert_valid(MN, &nominees(vec![n]));
}

#[test]
fn gathr_customer_id_is_a_uuid() {
    // Seed 003: "This is UUID for a specific customer"; its example id is one.
    for good in [
        "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
        "16CD33D2-CF0A-66AD-8150-CB39E9B9FF27",
        "00000000-0000-0000-0000-000000000000",
    ] {
        assert_valid(GA, &json!({"customer_id": good, "popi": true}));
    }
    for bad in [
        "c1",
        "c-1",
        "16cd33d2cf0a66ad8150cb39e9b9ff27",
        "{16cd33d2-cf0a-66ad-8150-cb39e9b9ff27}",
        "16cd33d2-cf0a-66ad-8150-cb39e9b9ff2",
        "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27a",
        "16cd33d2-cf0a-66ad-8150_cb39e9b9ff27",
        "g6cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
        " 16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
    ] {
        let issue = assert_one(
            GA,
            &json!({"customer_id": bad, "popi": true}),
            path!["customer_id"],
            Code::InvalidFormat,
        );
        assert_eq!(issue.format, Some("uuid"), "{bad}");
    }
}

// ============================================================ fields of cross-field issues

/// The `fields` of the one issue of `op` for `input` with `code`.
fn fields_of(op: &str, input: &Value, code: Code) -> Vec<String> {
    let all = issues(op, input);
    let found: Vec<&Issue> = all.iter().filter(|i| i.code == code).collect();
    assert_eq!(found.len(), 1, "{all:#?}");
    found[0].fields.clone()
}

#[test]
fn cross_field_issues_name_the_fields_they_concern() {
    assert_eq!(
        fields_of(
            AB,
            &json!({"requestId": "R", "accountNo": "0702334455"}),
            Code::AtLeastOneRequired
        ),
        ["email", "phoneNumber"]
    );
    let shares = nominees(vec![nominee("A", 30), nominee("B", 30)]);
    assert_eq!(
        fields_of(MN, &shares, Code::SumMismatch),
        ["nominees.0.percentShare", "nominees.1.percentShare"]
    );
    let minor = nominees(vec![
        json!({"name": "A", "relationship": "Son", "percentShare": 100, "minor": true}),
    ]);
    assert_eq!(
        fields_of(MN, &minor, Code::GuardianRequired),
        ["nominees.0.guardian", "nominees.0.minor", "nominees.0.dob"]
    );
    let mismatch = nominees(vec![
        json!({"name": "A", "relationship": "Son", "percentShare": 100, "minor": true, "dob": "1990-01-01"}),
    ]);
    assert_eq!(
        fields_of(MN, &mismatch, Code::MinorMismatch),
        ["nominees.0.minor", "nominees.0.dob"]
    );
    assert_eq!(
        fields_of(
            MS,
            &ex(MS).set("/currentStatus", json!("CLOSED")),
            Code::InvalidTransition
        ),
        ["status", "currentStatus"]
    );
    let id = fields_of(
        GA,
        &ex(GA).set("/id_number", json!("8511215433086")),
        Code::InvalidFormat,
    );
    assert_eq!(id, ["id_number", "id_type"]);
    // Issues of one field name no fields: their path is the field.
    for issue in issues(MN, &json!({"entityId": "", "nominees": []})) {
        assert!(issue.fields.is_empty(), "{issue:?}");
    }
}
