//! The normalized contact (issue 16): the mapping onto each provider, every conversion's edge
//! cases, unsupported fields, issue paths mapped back to the contact, reading records back,
//! `diff` on contacts, and the docs' mapping table kept in step with the specs
//! (`UPDATE_GOLDEN=1 cargo test --test unified` rewrites docs/contact-mapping.md).

use customer_update::rules::CivilDate;
use customer_update::unified::{diff, from_provider, mapping, to_provider, Mapped, Options};
use customer_update::Issue;
use serde_json::{json, Value};

fn today() -> CivilDate {
    CivilDate::new(2026, 1, 1).unwrap()
}

fn map(provider: &str, contact: Value, id: &str) -> Result<Mapped, Vec<Issue>> {
    to_provider(provider, &contact, id, Options::default(), today())
}

fn ok(provider: &str, contact: Value, id: &str) -> Value {
    match map(provider, contact, id) {
        Ok(m) => m.input,
        Err(issues) => panic!("{provider}: {issues:#?}"),
    }
}

/// (path, code) of each issue.
fn issues(provider: &str, contact: Value, id: &str) -> Vec<(String, &'static str)> {
    match map(provider, contact, id) {
        Ok(m) => panic!("{provider}: accepted as {}", m.input),
        Err(issues) => issues
            .iter()
            .map(|i| (i.path_string(), i.code.as_str()))
            .collect(),
    }
}

const AB: &str = "0702334455";
const JUSPAY: &str = "cst_om2l6ctlptxwxuzj";
const BVNK: &str = "8a0e1da2-2af3-4b9e-a221-e74db4e01b06";
const GATHR: &str = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
const M2P: &str = "615928984620006085281025";

#[test]
fn docs_table_matches_the_specs() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/contact-mapping.md");
    let generated = customer_update::generated_files::CONTACT_MAPPING;
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == generated,
        "docs/contact-mapping.md is stale: run `UPDATE_GOLDEN=1 cargo test --test unified`"
    );
}

#[test]
fn one_example_per_provider() {
    assert_eq!(
        ok(
            "accessbank",
            json!({"email": "ada@example.com", "phone": "+2348012345678"}),
            AB
        ),
        json!({"accountNo": AB, "email": "ada@example.com", "phoneNumber": "+2348012345678"})
    );
    assert_eq!(
        ok(
            "juspay",
            json!({"email": "tim@example.com", "phone": "+919876543210", "givenName": "Tim", "familyName": "David"}),
            JUSPAY
        ),
        json!({"customer_id": JUSPAY, "email_address": "tim@example.com", "mobile_country_code": "91",
               "mobile_number": "9876543210", "first_name": "Tim", "last_name": "David"})
    );
    assert_eq!(
        ok(
            "bvnk",
            json!({"address": {"lines": ["1 Main St", "Suite 2"], "city": "Austin", "postalCode": "78701", "country": "US"}}),
            BVNK
        ),
        json!({"customerReference": BVNK, "address": {"addressLine1": "1 Main St", "addressLine2": "Suite 2",
               "city": "Austin", "postalCode": "78701", "countryCode": "US", "country": "United States"}})
    );
    assert_eq!(
        ok(
            "gathr",
            json!({"email": "chris@example.com", "givenName": "Chris", "middleName": "John", "familyName": "Wick"}),
            GATHR
        ),
        json!({"customer_id": GATHR, "email": "chris@example.com", "first_name": "Chris", "middle_name": "John", "last_name": "Wick"})
    );
    let m = map(
        "m2p",
        json!({"email": "tim@example.com", "phone": "+919876543210", "givenName": "Tim", "familyName": "David",
               "birthDate": "1999-10-10",
               "address": {"lines": ["123 Main Street", "Apt 4B"], "city": "Chennai", "region": "Tamil Nadu",
                           "postalCode": "600100", "country": "IN"}}),
        M2P,
    )
    .unwrap();
    assert_eq!(m.op.id, "m2p.updateCustomer");
    assert_eq!(
        m.input,
        json!({"entityId": M2P, "firstName": "Tim", "lastName": "David", "dob": "10/10/1999",
               "communication": {"email": "tim@example.com", "mobile": {"countryCode": 91, "value": "9876543210"}},
               "permanentAddress": {"address1": "123 Main Street", "address2": "Apt 4B", "city": "Chennai",
                                    "state": "Tamil Nadu", "pin": "600100", "country": "India"}})
    );
}

#[test]
fn phone_numbers_of_the_providers_countries() {
    // Nigeria (Access Bank keeps E.164; Juspay splits), India, South Africa, US, UK.
    assert_eq!(
        ok("accessbank", json!({"phone": "+2348012345678"}), AB)["phoneNumber"],
        "+2348012345678"
    );
    for (phone, cc, national) in [
        ("+2348012345678", "234", "8012345678"),
        ("+919876543210", "91", "9876543210"),
        ("+27821234567", "27", "821234567"),
        ("+14155550123", "1", "4155550123"),
        ("+447911123456", "44", "7911123456"),
    ] {
        let j = ok("juspay", json!({"phone": phone}), JUSPAY);
        assert_eq!(
            (
                j["mobile_country_code"].as_str(),
                j["mobile_number"].as_str()
            ),
            (Some(cc), Some(national)),
            "{phone}"
        );
    }
    // M2P: an integer calling code and exactly 10 national digits.
    let m = ok("m2p", json!({"phone": "+2348012345678"}), M2P);
    assert_eq!(
        m["communication"]["mobile"],
        json!({"countryCode": 234, "value": "8012345678"})
    );
    // A South African mobile has 9 national digits: M2P's own rule, reported on `phone`.
    let e = map("m2p", json!({"phone": "+27821234567"}), M2P).unwrap_err();
    assert_eq!(
        (e[0].path_string(), e[0].code.as_str()),
        ("phone".into(), "invalid_format")
    );
    assert!(e[0].message().contains("10"), "{}", e[0].message());
    // Not E.164: reported by the contact's own check, for every provider.
    for p in ["accessbank", "juspay", "m2p"] {
        assert_eq!(
            issues(p, json!({"phone": "08012345678"}), "0702334455"),
            [("phone".into(), "invalid_format")]
        );
    }
}

#[test]
fn dates() {
    assert_eq!(
        ok("m2p", json!({"birthDate": "2000-02-29"}), M2P)["dob"],
        "29/02/2000"
    );
    for bad in ["1999-02-29", "10/10/1999", "1999-1-1", "19991010"] {
        assert_eq!(
            issues("m2p", json!({"birthDate": bad}), M2P),
            [("birthDate".into(), "invalid_format")],
            "{bad}"
        );
    }
    // M2P's own rule (a past date), on the contact path.
    assert_eq!(
        issues("m2p", json!({"birthDate": "2030-01-01"}), M2P),
        [("birthDate".into(), "date_in_future")]
    );
}

#[test]
fn names_of_one_and_three_parts() {
    // One part.
    assert_eq!(
        ok("juspay", json!({"givenName": "Cher"}), JUSPAY)["first_name"],
        "Cher"
    );
    assert_eq!(
        ok("gathr", json!({"givenName": "Cher"}), GATHR)["first_name"],
        "Cher"
    );
    // Three parts: Gathr has a middle-name field; Juspay and M2P join given and middle.
    let three = json!({"givenName": "Ada", "middleName": "King", "familyName": "Lovelace"});
    let g = ok("gathr", three.clone(), GATHR);
    assert_eq!(
        (&g["first_name"], &g["middle_name"], &g["last_name"]),
        (&json!("Ada"), &json!("King"), &json!("Lovelace"))
    );
    let j = ok("juspay", three.clone(), JUSPAY);
    assert_eq!(
        (&j["first_name"], &j["last_name"]),
        (&json!("Ada King"), &json!("Lovelace"))
    );
    let m = ok("m2p", three, M2P);
    assert_eq!(
        (&m["firstName"], &m["lastName"]),
        (&json!("Ada King"), &json!("Lovelace"))
    );
    // A middle name alone cannot be sent where it shares the field with the given name.
    let e = map("juspay", json!({"middleName": "King"}), JUSPAY).unwrap_err();
    assert_eq!(
        (e[0].path_string(), e[0].code.as_str()),
        ("givenName".into(), "required")
    );
    assert!(e[0].message().contains("first_name"), "{}", e[0].message());
    // Juspay's name rule (letters, digits and a few signs), on the contact path.
    assert_eq!(
        issues("juspay", json!({"givenName": "Ada!"}), JUSPAY),
        [("givenName".into(), "invalid_format")]
    );
}

#[test]
fn country_forms() {
    let b = ok(
        "bvnk",
        json!({"address": {"lines": ["1 Rd"], "city": "Lagos", "postalCode": "100001", "country": "NG"}}),
        BVNK,
    );
    assert_eq!(
        (&b["address"]["countryCode"], &b["address"]["country"]),
        (&json!("NG"), &json!("Nigeria"))
    );
    for bad in ["ng", "UK", "Nigeria"] {
        let e = issues(
            "bvnk",
            json!({"address": {"lines": ["1 Rd"], "city": "Lagos", "postalCode": "100001", "country": bad}}),
            BVNK,
        );
        assert_eq!(e, [("address.country".into(), "invalid_format")], "{bad}");
    }
}

#[test]
fn unsupported_fields_are_reported_with_the_provider() {
    let contact =
        json!({"email": "a@b.co", "birthDate": "1990-01-31", "address": {"region": "Lagos"}});
    let e = map("accessbank", contact.clone(), AB).unwrap_err();
    let got: Vec<(String, &str)> = e
        .iter()
        .map(|i| (i.path_string(), i.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("birthDate".into(), "unsupported_field"),
            ("address.region".into(), "unsupported_field")
        ]
    );
    assert!(e[0].message().contains("Access Bank"), "{}", e[0].message());
    // BVNK: no person fields, no region.
    assert_eq!(
        issues("bvnk", json!({"email": "a@b.co", "givenName": "Ada"}), BVNK),
        [
            ("email".into(), "unsupported_field"),
            ("givenName".into(), "unsupported_field")
        ]
    );
    // A malformed value of a field the provider cannot take is only unsupported there.
    assert_eq!(
        issues(
            "gathr",
            json!({"email": "a@b.co", "phone": "0821234567", "birthDate": 19900131}),
            GATHR
        ),
        [
            ("phone".into(), "unsupported_field"),
            ("birthDate".into(), "unsupported_field")
        ]
    );
    // Skipped on request: the rest is mapped and the skipped fields listed.
    let m = to_provider(
        "accessbank",
        &contact,
        AB,
        Options {
            skip_unsupported: true,
        },
        today(),
    )
    .unwrap();
    assert_eq!(m.input, json!({"accountNo": AB, "email": "a@b.co"}));
    let names: Vec<&str> = m.unsupported.iter().map(|f| f.name()).collect();
    assert_eq!(names, ["birthDate", "address.region"]);
    // Nothing the provider takes: nothing to send.
    let e = to_provider(
        "gathr",
        &json!({"phone": "+27821234567"}),
        GATHR,
        Options {
            skip_unsupported: true,
        },
        today(),
    )
    .unwrap_err();
    assert_eq!(
        (e[0].path_string(), e[0].code.as_str()),
        (String::new(), "at_least_one_required")
    );
}

#[test]
fn provider_issues_map_back_to_the_contact() {
    // M2P requires a whole address: the missing parts are named on the contact's paths.
    assert_eq!(
        issues(
            "m2p",
            json!({"address": {"lines": ["1 Main St"], "city": "Chennai"}}),
            M2P
        ),
        [
            ("address.postalCode".into(), "required"),
            ("address.region".into(), "required"),
            ("address.country".into(), "required")
        ]
    );
    // M2P's PIN format, on postalCode; a second line too long on lines[1].
    let long = "x".repeat(300);
    assert_eq!(
        issues(
            "m2p",
            json!({"address": {"lines": ["1 Main St", long], "city": "Chennai", "region": "TN", "postalCode": "6001", "country": "IN"}}),
            M2P
        ),
        [
            ("address.lines[1]".into(), "too_long"),
            ("address.postalCode".into(), "invalid_format")
        ]
    );
    // Three lines where BVNK takes two.
    assert_eq!(
        issues(
            "bvnk",
            json!({"address": {"lines": ["a", "b", "c"], "city": "X", "postalCode": "1", "country": "US"}}),
            BVNK
        ),
        [("address.lines".into(), "too_many_items")]
    );
    // The customer reference: `id`.
    assert_eq!(
        issues("accessbank", json!({"email": "a@b.co"}), "123"),
        [("id".into(), "invalid_format")]
    );
    // The email's own rule, on `email`, for the providers that take one.
    for (p, id) in [
        ("accessbank", AB),
        ("juspay", JUSPAY),
        ("gathr", GATHR),
        ("m2p", M2P),
    ] {
        assert_eq!(
            issues(p, json!({"email": "not-an-email"}), id),
            [("email".into(), "invalid_format")],
            "{p}"
        );
    }
}

#[test]
fn the_contact_itself_is_checked() {
    assert_eq!(
        issues(
            "juspay",
            json!({"mail": "a@b.co", "phone": 919876543210u64, "givenName": null, "familyName": " ", "address": {"street": "x"}}),
            JUSPAY
        ),
        [
            ("mail".into(), "unknown_field"),
            ("address.street".into(), "unknown_field"),
            ("phone".into(), "invalid_type"),
            ("givenName".into(), "null_not_allowed"),
            ("familyName".into(), "empty"),
        ]
    );
    assert_eq!(
        issues("juspay", json!([]), JUSPAY),
        [(String::new(), "invalid_type")]
    );
    assert_eq!(
        issues("nope", json!({}), JUSPAY),
        [(String::new(), "invalid_type")]
    );
}

#[test]
fn records_read_back_into_the_same_contact() {
    // Each provider's mapped input, read back as a record, is the contact again.
    let cases = [
        (
            "accessbank",
            AB,
            json!({"email": "ada@example.com", "phone": "+2348012345678"}),
        ),
        (
            "juspay",
            JUSPAY,
            json!({"email": "tim@example.com", "phone": "+919876543210", "givenName": "Ada", "middleName": "King", "familyName": "Lovelace"}),
        ),
        (
            "bvnk",
            BVNK,
            json!({"address": {"lines": ["1 Main St", "Suite 2"], "city": "Austin", "postalCode": "78701", "country": "US"}}),
        ),
        (
            "gathr",
            GATHR,
            json!({"email": "c@example.com", "givenName": "Chris", "middleName": "John", "familyName": "Wick"}),
        ),
        (
            "m2p",
            M2P,
            json!({"email": "t@example.com", "phone": "+14155550123", "givenName": "Tim", "familyName": "David", "birthDate": "1999-10-10",
            "address": {"lines": ["123 Main Street"], "city": "Chennai", "region": "Tamil Nadu", "postalCode": "600100", "country": "IN"}}),
        ),
    ];
    for (p, id, contact) in cases {
        let input = ok(p, contact.clone(), id);
        assert_eq!(from_provider(p, &input).unwrap(), contact, "{p}");
    }
}

#[test]
fn response_bodies_read_back() {
    // Where each spec says the record is: Juspay the body, Gathr `data`, BVNK `company`, M2P `result`.
    assert_eq!(
        from_provider("juspay", &json!({"id": "cst_1", "mobile_number": "9876543210", "mobile_country_code": "91", "first_name": "Cher"})).unwrap(),
        json!({"phone": "+919876543210", "givenName": "Cher"})
    );
    assert_eq!(
        from_provider(
            "gathr",
            &json!({"data": {"email": "c@x.co", "full_name": "C J W", "country": "South Africa"}})
        )
        .unwrap(),
        json!({"email": "c@x.co"})
    );
    assert_eq!(
        from_provider("bvnk", &json!({"reference": "r", "company": {"name": "Acme", "address": {"addressLine1": "1 Rd", "countryCode": "GB", "country": "United Kingdom"}}})).unwrap(),
        json!({"address": {"lines": ["1 Rd"], "country": "GB"}})
    );
    assert_eq!(
        from_provider("m2p", &json!({"result": {"dob": "31/01/1990", "communication": {"mobile": {"value": "9876543210", "countryCode": 91}}}, "pagination": null})).unwrap(),
        json!({"phone": "+919876543210", "birthDate": "1990-01-31"})
    );
    // Access Bank's success envelope holds no record.
    assert_eq!(
        from_provider("accessbank", &json!({"succeeded": true, "data": {}})).unwrap(),
        json!({})
    );
    // Values that cannot be read back are left out, not guessed.
    assert_eq!(
        from_provider(
            "m2p",
            &json!({"result": {"dob": "1990-01-31", "permanentAddress": {"country": "Narnia"}}})
        )
        .unwrap(),
        json!({})
    );
    assert!(from_provider("m2p", &json!("text")).is_err());
}

#[test]
fn diff_on_contacts() {
    let before = json!({"email": "a@b.co", "phone": "+2348012345678", "address": {"lines": ["1 Rd"], "city": "Lagos", "country": "NG"}});
    let after = json!({"email": "a@b.co", "phone": "+2348099999999", "address": {"lines": ["1 Rd"], "city": "Abuja", "country": "NG"}});
    // Changed fields only; a changed address whole.
    assert_eq!(
        diff(&before, &after).unwrap(),
        json!({"phone": "+2348099999999", "address": {"lines": ["1 Rd"], "city": "Abuja", "country": "NG"}})
    );
    assert_eq!(diff(&before, &before).unwrap(), json!({}));
    let e = diff(
        &before,
        &json!({"email": "a@b.co", "address": {"lines": ["1 Rd"]}}),
    )
    .unwrap_err();
    let got: Vec<(String, &str)> = e
        .iter()
        .map(|i| (i.path_string(), i.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("address.city".into(), "null_not_allowed"),
            ("address.country".into(), "null_not_allowed"),
            ("phone".into(), "null_not_allowed")
        ]
    );
}

#[test]
fn diff_names_the_removed_field_in_its_message() {
    // The label argument: the top-level key, or `address.<key>` for an address field.
    let before = json!({"phone": "+2348012345678", "address": {"city": "Lagos"}});
    let e = diff(&before, &json!({"address": {}})).unwrap_err();
    let got: Vec<String> = e.iter().map(|i| i.message()).collect();
    assert_eq!(
        got,
        [
            "address.city cannot be removed: no provider documents clearing a value; keep it or change it.",
            "phone cannot be removed: no provider documents clearing a value; keep it or change it.",
        ]
    );
}

#[test]
fn every_provider_has_a_mapping() {
    for p in customer_update::PROVIDERS {
        let m = mapping(p.key).unwrap();
        assert_eq!(m.op.provider.key, p.key);
    }
}

/// `toProvider`'s JSON (`Mapped::to_json`, `failure_json`) has exactly the keys of the one
/// description the TypeScript `ToProviderResult` is generated from (vocab/src/shapes.rs).
#[test]
fn to_provider_json_has_the_described_keys() {
    use customer_update::rules::shapes::{TO_PROVIDER_FAIL, TO_PROVIDER_OK};
    let keys = |text: &str| -> (Value, Vec<String>) {
        let v: Value = serde_json::from_str(text).unwrap();
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        (v, k)
    };
    let described = |props: &[customer_update::rules::shapes::Prop]| -> Vec<String> {
        let mut k: Vec<String> = props.iter().map(|p| p.name.to_owned()).collect();
        k.push("ok".into());
        k.sort();
        k
    };
    let contact = json!({ "email": "a@b.co", "birthDate": "1990-05-01" });
    let skip = Options {
        skip_unsupported: true,
    };
    let m = to_provider("juspay", &contact, "cst_1", skip, today()).unwrap();
    let (v, k) = keys(&m.to_json());
    assert_eq!(k, described(TO_PROVIDER_OK));
    assert_eq!(v["ok"], true);
    assert_eq!(v["op"], "juspay.updateCustomer");
    assert_eq!(v["input"], m.input);
    assert_eq!(v["unsupported"], json!(["birthDate"]));
    let issues = to_provider("juspay", &contact, "cst_1", Options::default(), today()).unwrap_err();
    let text = customer_update::unified::failure_json("juspay.updateCustomer", &issues);
    let (v, k) = keys(&text);
    assert_eq!(k, described(TO_PROVIDER_FAIL));
    assert_eq!(v["ok"], false);
    assert_eq!(v["issues"][0]["code"], "unsupported_field");
    assert_eq!(v["issues"][0]["path"], json!(["birthDate"]));
}

/// (path, code, English message, format) of each issue.
fn issues_in_full(provider: &str, contact: Value) -> Vec<(String, String, String, Option<String>)> {
    match map(provider, contact, M2P) {
        Ok(m) => panic!("{provider}: accepted as {}", m.input),
        Err(issues) => issues
            .iter()
            .map(|i| {
                (
                    i.path_string(),
                    i.code.as_str().to_owned(),
                    i.message(),
                    i.format.map(str::to_owned),
                )
            })
            .collect(),
    }
}

#[test]
fn every_issue_of_the_contact_itself_in_full() {
    let row = |path: &str, code: &str, message: &str, format: Option<&str>| {
        (
            path.to_owned(),
            code.to_owned(),
            message.to_owned(),
            format.map(str::to_owned),
        )
    };
    assert_eq!(
        issues_in_full(
            "m2p",
            json!({"email": null, "phone": "+0123", "givenName": 5, "familyName": " ", "birthDate": "31/01/1990",
                   "address": {"lines": ["1 Rd", " ", 7], "country": "UK"}})
        ),
        [
            row("email", "null_not_allowed", "email cannot be null: leave it out to keep it unchanged.", None),
            row("phone", "invalid_format", "phone must be a phone number in E.164 form: + and 7 to 15 digits, e.g. +2348012345678.", Some("e164")),
            row("givenName", "invalid_type", "givenName must be a string.", None),
            row("familyName", "empty", "familyName cannot be empty: leave it out to keep it unchanged.", None),
            row("birthDate", "invalid_format", "birthDate must be a real date as yyyy-MM-dd, e.g. 1990-01-31.", Some("date")),
            row("address.lines[1]", "empty", "An address line cannot be empty.", None),
            row("address.lines[2]", "invalid_type", "An address line must be a string.", None),
            row("address.country", "invalid_format", "address.country must be an ISO 3166-1 alpha-2 code in upper case, e.g. NG.", Some("country_code")),
        ]
    );
    assert_eq!(
        issues_in_full("m2p", json!({"address": {"lines": []}})),
        [row(
            "address.lines",
            "too_few_items",
            "address.lines needs at least one line.",
            None
        )]
    );
    assert_eq!(
        issues_in_full("m2p", json!({"address": {"lines": "1 Rd"}})),
        [row(
            "address.lines",
            "invalid_type",
            "address.lines must be a list of strings.",
            None
        )]
    );
}
