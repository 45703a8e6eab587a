//! Byte-for-byte request building through `customer_update::request::build`: URL and
//! percent-encoded path parameters, body keys in spec order (path parameters and input-only keys
//! never in the body), Juspay's form body and its JSON option, generated ids, header templates and
//! the headers left out when a secret is missing.

use customer_update::encode;
use customer_update::request::{build, Built, Options, Secrets};
use customer_update::rules::CivilDate;
use customer_update::schema::Encoding;
use customer_update::validate;
use serde_json::{json, Value};
use std::collections::HashMap;

fn today() -> CivilDate {
    CivilDate::new(2026, 11, 22).unwrap()
}

/// Secrets from a fixed table; UUIDs count up from ...000; Hawk calls are recorded.
#[derive(Default)]
struct TestSecrets {
    config: HashMap<&'static str, &'static str>,
    token: Option<&'static str>,
    hawk_calls: Vec<(String, String)>,
    uuids: u32,
}

impl TestSecrets {
    fn with(config: &[(&'static str, &'static str)], token: Option<&'static str>) -> Self {
        TestSecrets {
            config: config.iter().copied().collect(),
            token,
            ..Default::default()
        }
    }
}

impl Secrets for TestSecrets {
    fn config(&self, key: &str) -> Option<String> {
        self.config.get(key).map(|v| (*v).to_owned())
    }
    fn token(&self) -> Option<String> {
        self.token.map(str::to_owned)
    }
    fn hawk(&mut self, method: &str, url: &str) -> Option<String> {
        self.hawk_calls.push((method.to_owned(), url.to_owned()));
        let id = self.config.get("hawkId")?;
        Some(format!(
            "Hawk id=\"{id}\", ts=\"1\", nonce=\"n\", mac=\"m\""
        ))
    }
    fn uuid(&mut self) -> String {
        let n = self.uuids;
        self.uuids += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    }
}

fn op(id: &str) -> &'static customer_update::Operation {
    customer_update::operation(id).unwrap()
}

fn ex(id: &str) -> Value {
    serde_json::from_str(op(id).example).unwrap()
}

fn run(id: &str, input: &Value, options: &Options<'_>, secrets: &mut TestSecrets) -> Built {
    build(op(id), input, options, secrets, today())
        .unwrap_or_else(|issues| panic!("{id}: {issues:#?}"))
}

fn headers(built: &Built) -> Vec<(&str, &str)> {
    built
        .request
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

fn body(built: &Built) -> &str {
    built.request.body.as_deref().unwrap()
}

fn juspay_secrets() -> TestSecrets {
    TestSecrets::with(&[("apiKey", "key_123"), ("merchantId", "merchant_1")], None)
}

// ============================================================ Juspay

#[test]
fn juspay_default_is_a_form_body_with_encoded_path_and_headers() {
    let input = json!({"customer_id": "a/b c", "mobile_country_code": "91", "first_name": "Mary Ann", "email_address": "mary+ann@example.com"});
    let built = run(
        "juspay.updateCustomer",
        &input,
        &Options::default(),
        &mut juspay_secrets(),
    );
    assert_eq!(built.request.method, "POST");
    assert_eq!(
        built.request.url,
        "https://sandbox.juspay.in/customers/a%2Fb%20c"
    );
    assert_eq!(
        body(&built),
        "email_address=mary%2Bann%40example.com&first_name=Mary+Ann&mobile_country_code=91"
    );
    assert_eq!(
        headers(&built),
        [
            ("Content-Type", "application/x-www-form-urlencoded"),
            // base64("key_123:") = a2V5XzEyMzo=
            ("Authorization", "Basic a2V5XzEyMzo="),
            ("x-merchantid", "merchant_1"),
            ("x-routing-id", "a/b c"),
        ]
    );
    assert_eq!(built.generated, []);
    assert_eq!(built.request_id, None);
}

#[test]
fn juspay_seed_example_form_body() {
    let built = run(
        "juspay.updateCustomer",
        &ex("juspay.updateCustomer"),
        &Options::default(),
        &mut juspay_secrets(),
    );
    assert_eq!(
        built.request.url,
        "https://sandbox.juspay.in/customers/cst_om2l6ctlptxwxuzj"
    );
    assert_eq!(
        body(&built),
        "email_address=tim.david%40example.com&first_name=Tim&last_name=David&mobile_number=9876543210&mobile_country_code=91"
    );
    assert_eq!(
        built.request.header("X-ROUTING-ID"),
        Some("cst_om2l6ctlptxwxuzj")
    );
}

#[test]
fn juspay_json_on_request() {
    let input = json!({"customer_id": "a/b c", "mobile_country_code": "91", "first_name": "Mary Ann", "email_address": "mary+ann@example.com"});
    let options = Options {
        encoding: Some(Encoding::Json),
        ..Default::default()
    };
    let built = run(
        "juspay.updateCustomer",
        &input,
        &options,
        &mut juspay_secrets(),
    );
    assert_eq!(
        body(&built),
        r#"{"email_address":"mary+ann@example.com","first_name":"Mary Ann","mobile_country_code":"91"}"#
    );
    assert_eq!(
        built.request.header("content-type"),
        Some("application/json")
    );
    assert_eq!(
        built.request.url,
        "https://sandbox.juspay.in/customers/a%2Fb%20c"
    );
    assert_eq!(
        built.request.header("Authorization"),
        Some("Basic a2V5XzEyMzo=")
    );
}

#[test]
fn juspay_headers_without_secrets_are_left_out() {
    let built = run(
        "juspay.updateCustomer",
        &ex("juspay.updateCustomer"),
        &Options::default(),
        &mut TestSecrets::default(),
    );
    assert_eq!(
        headers(&built),
        [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("x-routing-id", "cst_om2l6ctlptxwxuzj")
        ]
    );
}

// ============================================================ Access Bank

#[test]
fn accessbank_generates_a_request_id_when_absent() {
    let mut secrets = TestSecrets::with(&[("subscriptionKey", "sub_1")], Some("tok"));
    let input = json!({"phoneNumber": "+2348012345678", "accountNo": "0702334455"});
    let built = run(
        "accessbank.updateCustomerDetails",
        &input,
        &Options::default(),
        &mut secrets,
    );
    assert_eq!(built.request.method, "POST");
    assert_eq!(
        built.request.url,
        "https://api-sandbox.accessbankplc.com/waas/Onboarding/updateCustomerDetails"
    );
    assert_eq!(
        body(&built),
        r#"{"requestId":"00000000-0000-4000-8000-000000000000","accountNo":"0702334455","phoneNumber":"+2348012345678"}"#
    );
    assert_eq!(
        built.generated,
        [(
            "requestId",
            "00000000-0000-4000-8000-000000000000".to_owned()
        )]
    );
    assert_eq!(
        headers(&built),
        [
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer tok"),
            ("Ocp-Apim-Subscription-Key", "sub_1")
        ]
    );
    assert_eq!(
        built.request_id, None,
        "Access Bank sends no request-id header"
    );

    // A second request gets a fresh id.
    let again = run(
        "accessbank.updateCustomerDetails",
        &input,
        &Options::default(),
        &mut secrets,
    );
    assert_eq!(
        again.generated,
        [(
            "requestId",
            "00000000-0000-4000-8000-000000000001".to_owned()
        )]
    );
}

#[test]
fn accessbank_keeps_a_given_request_id() {
    let mut secrets = TestSecrets::with(&[("subscriptionKey", "sub_1")], Some("tok"));
    let built = run(
        "accessbank.updateCustomerDetails",
        &ex("accessbank.updateCustomerDetails"),
        &Options::default(),
        &mut secrets,
    );
    assert_eq!(
        body(&built),
        r#"{"requestId":"REQ-2025-002-67890","accountNo":"0702334455","email":"jane.doe@example.com","phoneNumber":"+2348012345678"}"#
    );
    assert_eq!(built.generated, []);
    assert_eq!(secrets.uuids, 0, "no UUID was drawn");
}

#[test]
fn accessbank_without_token_or_key_sends_no_auth_headers() {
    let built = run(
        "accessbank.updateCustomerDetails",
        &ex("accessbank.updateCustomerDetails"),
        &Options::default(),
        &mut TestSecrets::default(),
    );
    assert_eq!(headers(&built), [("Content-Type", "application/json")]);
}

#[test]
fn base_url_override() {
    let options = Options {
        base_url: Some("http://127.0.0.1:8787/proxy/accessbank/"),
        ..Default::default()
    };
    let built = run(
        "accessbank.updateCustomerDetails",
        &ex("accessbank.updateCustomerDetails"),
        &options,
        &mut TestSecrets::default(),
    );
    assert_eq!(
        built.request.url,
        "http://127.0.0.1:8787/proxy/accessbank/waas/Onboarding/updateCustomerDetails"
    );
    let options = Options {
        base_url: Some("https://example.test"),
        ..Default::default()
    };
    let built = run(
        "m2p.updateNomineeDetails",
        &ex("m2p.updateNomineeDetails"),
        &options,
        &mut TestSecrets::default(),
    );
    assert_eq!(
        built.request.url,
        "https://example.test/v1/customers/support/nominee/615928984620006085281025"
    );
}

// ============================================================ BVNK

#[test]
fn bvnk_update_customer_body_in_spec_order() {
    let mut secrets = TestSecrets::with(&[("hawkId", "hid")], None);
    let built = run(
        "bvnk.updateCustomer",
        &ex("bvnk.updateCustomer"),
        &Options::default(),
        &mut secrets,
    );
    assert_eq!(built.request.method, "PUT");
    let url =
        "https://api.sandbox.bvnk.com/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06";
    assert_eq!(built.request.url, url);
    assert_eq!(
        body(&built),
        concat!(
            r#"{"name":"Updated Company Name","description":"Updated description","address":{"addressLine1":"Updated Address Line 1","#,
            r#""addressLine2":"Updated Address Line 2","city":"Updated City","postalCode":"Updated Postal Code","countryCode":"US","#,
            r#""country":"United States"}}"#
        )
    );
    assert_eq!(
        headers(&built),
        [
            ("Content-Type", "application/json"),
            (
                "Authorization",
                r#"Hawk id="hid", ts="1", nonce="n", mac="m""#
            )
        ]
    );
    assert_eq!(
        secrets.hawk_calls,
        [("PUT".to_owned(), url.to_owned())],
        "Hawk signs the final method and URL"
    );
}

#[test]
fn bvnk_status_and_associates() {
    let mut secrets = TestSecrets::default();
    let built = run(
        "bvnk.updateCustomerStatus",
        &ex("bvnk.updateCustomerStatus"),
        &Options::default(),
        &mut secrets,
    );
    assert_eq!(
        built.request.url,
        "https://api.sandbox.bvnk.com/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06/status"
    );
    assert_eq!(body(&built), r#"{"status":"VERIFIED"}"#);
    assert_eq!(
        headers(&built),
        [("Content-Type", "application/json")],
        "no Hawk header without credentials"
    );

    let built = run(
        "bvnk.updateCustomerAssociates",
        &ex("bvnk.updateCustomerAssociates"),
        &Options::default(),
        &mut secrets,
    );
    assert_eq!(built.request.method, "PUT");
    assert_eq!(
        built.request.url,
        "https://api.sandbox.bvnk.com/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06/associates"
    );
    // The seed's own key order is the spec order.
    assert_eq!(
        body(&built),
        concat!(
            r#"{"associates":[{"person":{"firstName":"Updated First Name","lastName":"Updated Last Name","dateOfBirth":"2001-01-31","#,
            r#""address":{"addressLine1":"Updated Address Line 1","addressLine2":"Updated Address Line 2","city":"Updated City","#,
            r#""postalCode":"Updated Postal Code","countryCode":"US","country":"United States"}},"details":{"birthCountryCode":"US","#,
            r#""contactInfo":{"emailAddress":"updated.email@example.com","phoneNumber":"+123456789"},"documentNumber":"123456789","#,
            r#""documentInfo":{"number":"123456789","type":"DRIVERS_LICENSE","issuingCountryCode":"US"},"taxIdentification":{"#,
            r#""number":"914764628","taxResidenceCountryCode":"US"}},"title":"Updated Title","riskScore":"LOW","controls":{"#,
            r#""hasOwnership":true,"hasControl":true,"isSigner":false}}]}"#
        )
    );
}

#[test]
fn strings_are_escaped_as_json_and_otherwise_unchanged() {
    let input = json!({"customerReference": "r", "description": "Zoë \"Z\" \\ ✓\n\u{1}"});
    let built = run(
        "bvnk.updateCustomer",
        &input,
        &Options::default(),
        &mut TestSecrets::default(),
    );
    assert_eq!(
        body(&built),
        "{\"description\":\"Zoë \\\"Z\\\" \\\\ ✓\\n\\u0001\"}"
    );
    let parsed: Value = serde_json::from_str(body(&built)).unwrap();
    assert_eq!(parsed["description"], input["description"]);
}

// ============================================================ Gathr

#[test]
fn gathr_patch_with_static_bearer() {
    let mut secrets = TestSecrets::with(&[("token", "gathr_token")], Some("not used by Gathr"));
    let built = run(
        "gathr.updateCustomer",
        &ex("gathr.updateCustomer"),
        &Options::default(),
        &mut secrets,
    );
    assert_eq!(built.request.method, "PATCH");
    assert_eq!(
        built.request.url,
        "https://uat.apply.fincheck.co.za/customers/16cd33d2-cf0a-66ad-8150-cb39e9b9ff27"
    );
    assert_eq!(
        body(&built),
        r#"{"email":"chris2@gathr.com","first_name":"Chris"}"#
    );
    assert_eq!(
        headers(&built),
        [
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer gathr_token")
        ]
    );
}

#[test]
fn gathr_every_field_in_spec_order() {
    let input = json!({"customer_id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", "country": "South Africa", "id_type": "id_number", "last_name": "Wick",
        "middle_name": "Jovonovich", "first_name": "John", "id_number": "8511215433085", "email": "john.w@example.co.za",
        "terms_and_conditions": true, "popi": false, "client_reference": "clientnumber1"});
    let built = run(
        "gathr.updateCustomer",
        &input,
        &Options::default(),
        &mut TestSecrets::default(),
    );
    assert_eq!(
        built.request.url,
        "https://uat.apply.fincheck.co.za/customers/16cd33d2-cf0a-66ad-8150-cb39e9b9ff27"
    );
    assert_eq!(
        body(&built),
        concat!(
            r#"{"client_reference":"clientnumber1","popi":false,"terms_and_conditions":true,"email":"john.w@example.co.za","#,
            r#""id_number":"8511215433085","first_name":"John","middle_name":"Jovonovich","last_name":"Wick","id_type":"id_number","#,
            r#""country":"South Africa"}"#
        )
    );
}

// ============================================================ M2P

fn m2p_secrets() -> TestSecrets {
    TestSecrets::with(&[("tenantId", "ACME_CORP")], Some("m2p_jwt"))
}

#[test]
fn m2p_profile_update() {
    let options = Options {
        request_id: Some("req-1"),
        ..Default::default()
    };
    let mut secrets = m2p_secrets();
    let built = run(
        "m2p.updateCustomer",
        &ex("m2p.updateCustomer"),
        &options,
        &mut secrets,
    );
    assert_eq!(built.request.method, "POST");
    assert_eq!(
        built.request.url,
        "https://sandbox-api.m2pprepaid.com/prepaid/customer/v1/customers/update"
    );
    assert_eq!(
        body(&built),
        concat!(
            r#"{"entityId":"615928984620006085281025","firstName":"Tim","lastName":"David","gender":"Male","dob":"10/10/1999","#,
            r#""pan":"AJXPC9886A","permanentAddress":{"address1":"123 Main Street","address2":"Apt 4B","pin":"600100","city":"Chennai","#,
            r#""state":"Tamil Nadu","country":"India"},"communication":{"mobile":{"value":"9876543210","countryCode":91},"#,
            r#""email":"tim.david@example.com"},"cbsAccountNumber":"87001810807","cif":"87001810807","customerId":"87001810807"}"#
        )
    );
    assert_eq!(
        headers(&built),
        [
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer m2p_jwt"),
            ("X-TENANT-ID", "ACME_CORP"),
            ("X-Request-ID", "req-1"),
        ]
    );
    assert_eq!(built.request_id.as_deref(), Some("req-1"));
    assert_eq!(secrets.uuids, 0, "a reused request id draws no UUID");
}

/// An integer field given as an integral float (possible from Rust callers) is sent as the
/// integer it is.
#[test]
fn an_integral_float_is_sent_as_an_integer() {
    let mut input = ex("m2p.updateCustomer");
    input["communication"]["mobile"]["countryCode"] = json!(91.0);
    let built = run(
        "m2p.updateCustomer",
        &input,
        &Options::default(),
        &mut m2p_secrets(),
    );
    assert!(
        body(&built).contains(r#""countryCode":91},"#),
        "{}",
        body(&built)
    );
}

#[test]
fn m2p_request_id_is_generated_and_reusable() {
    let mut secrets = m2p_secrets();
    let first = run(
        "m2p.updateCustomerStatus",
        &ex("m2p.updateCustomerStatus"),
        &Options::default(),
        &mut secrets,
    );
    let id = first.request_id.clone().unwrap();
    assert_eq!(id, "00000000-0000-4000-8000-000000000000");
    assert_eq!(first.request.header("X-Request-ID"), Some(id.as_str()));
    // A retry of the same logical request reuses it.
    let retry = run(
        "m2p.updateCustomerStatus",
        &ex("m2p.updateCustomerStatus"),
        &Options {
            request_id: Some(&id),
            ..Default::default()
        },
        &mut secrets,
    );
    assert_eq!(retry.request, first.request);
    // A new logical request gets a new one.
    let next = run(
        "m2p.updateCustomerStatus",
        &ex("m2p.updateCustomerStatus"),
        &Options::default(),
        &mut secrets,
    );
    assert_eq!(
        next.request_id.as_deref(),
        Some("00000000-0000-4000-8000-000000000001")
    );
}

#[test]
fn m2p_headers_without_secrets() {
    let built = run(
        "m2p.updateCustomerStatus",
        &ex("m2p.updateCustomerStatus"),
        &Options::default(),
        &mut TestSecrets::default(),
    );
    assert_eq!(
        headers(&built),
        [
            ("Content-Type", "application/json"),
            ("X-Request-ID", "00000000-0000-4000-8000-000000000000")
        ]
    );
}

#[test]
fn m2p_current_status_is_never_sent() {
    let input = json!({"currentStatus": "LOCKED", "status": "ACTIVE", "entityId": "e1"});
    let built = run(
        "m2p.updateCustomerStatus",
        &input,
        &Options::default(),
        &mut m2p_secrets(),
    );
    assert_eq!(
        built.request.url,
        "https://sandbox-api.m2pprepaid.com/prepaid/customer/v1/customers/update/status"
    );
    assert_eq!(body(&built), r#"{"entityId":"e1","status":"ACTIVE"}"#);
}

#[test]
fn m2p_open_objects_are_sent_with_their_keys() {
    let input = json!({"entityId": "e1",
        "customerAdditionalDetails": {"b": "2", "a": "1"},
        "customerRiskDetails": {"riskRating": "LOW", "politicallyExposed": false, "nested": {"x": [1, null]}},
        "nationalIdentity": {}});
    let built = run(
        "m2p.updateCustomer",
        &input,
        &Options::default(),
        &mut m2p_secrets(),
    );
    assert_eq!(
        body(&built),
        concat!(
            r#"{"entityId":"e1","customerRiskDetails":{"nested":{"x":[1,null]},"politicallyExposed":false,"riskRating":"LOW"},"#,
            r#""nationalIdentity":{},"customerAdditionalDetails":{"a":"1","b":"2"}}"#
        )
    );
    let only_id = run(
        "m2p.updateCustomer",
        &json!({"entityId": "e1"}),
        &Options::default(),
        &mut m2p_secrets(),
    );
    assert_eq!(body(&only_id), r#"{"entityId":"e1"}"#);
}

#[test]
fn m2p_nominees_path_param_and_body() {
    let built = run(
        "m2p.updateNomineeDetails",
        &ex("m2p.updateNomineeDetails"),
        &Options::default(),
        &mut m2p_secrets(),
    );
    assert_eq!(
        built.request.url,
        "https://sandbox-api.m2pprepaid.com/prepaid/customer/v1/customers/support/nominee/615928984620006085281025"
    );
    assert_eq!(
        body(&built),
        concat!(
            r#"{"nominees":[{"name":"Ravi Kumar","relationship":"Son","dob":"1990-01-01","percentShare":100,"minor":false,"#,
            r#""mobile":{"value":"9876543210","countryCode":91},"address":{"address1":"123 Main Street","city":"Chennai","#,
            r#""state":"Tamil Nadu","country":"India","pin":"600100"}}]}"#
        )
    );

    // Guardian: its declared name first, then its open keys.
    let input = json!({"entityId": "e/1", "nominees": [
        {"percentShare": 60, "relationship": "Daughter", "name": "Priya", "minor": true,
         "guardian": {"relationship": "Mother", "name": "Asha"}},
        {"name": "Ravi", "relationship": "Son", "percentShare": 40}]});
    let built = run(
        "m2p.updateNomineeDetails",
        &input,
        &Options::default(),
        &mut m2p_secrets(),
    );
    assert_eq!(
        built.request.url,
        "https://sandbox-api.m2pprepaid.com/prepaid/customer/v1/customers/support/nominee/e%2F1"
    );
    assert_eq!(
        body(&built),
        concat!(
            r#"{"nominees":[{"name":"Priya","relationship":"Daughter","percentShare":60,"minor":true,"#,
            r#""guardian":{"name":"Asha","relationship":"Mother"}},{"name":"Ravi","relationship":"Son","percentShare":40}]}"#
        )
    );
}

// ============================================================ path parameters never in the body

#[test]
fn path_params_and_input_only_keys_never_reach_the_body() {
    for op in customer_update::OPERATIONS {
        let example = ex(op.id);
        for encoding in [Encoding::Json, Encoding::Form] {
            if encoding == Encoding::Form && op.id != "juspay.updateCustomer" {
                continue; // form bodies are flat: only Juspay uses them
            }
            let options = Options {
                encoding: Some(encoding),
                ..Default::default()
            };
            let built = run(op.id, &example, &options, &mut TestSecrets::default());
            let sent: Vec<String> = match encoding {
                Encoding::Json => {
                    let v: Value = serde_json::from_str(body(&built)).unwrap();
                    v.as_object().unwrap().keys().cloned().collect()
                }
                Encoding::Form => body(&built)
                    .split('&')
                    .map(|p| p.split_once('=').unwrap().0.to_owned())
                    .collect(),
            };
            for f in op.input.fields {
                let in_body = sent.iter().any(|k| k == f.name);
                match f.loc {
                    customer_update::schema::Loc::Body => {
                        let expected = example.get(f.name).is_some()
                            || built.generated.iter().any(|(k, _)| *k == f.name);
                        assert_eq!(in_body, expected, "{} {}", op.id, f.name);
                    }
                    _ => assert!(!in_body, "{}: {} leaked into the body", op.id, f.name),
                }
            }
            if op.path.contains('{') {
                assert!(!built.request.url.contains('{'), "{}", built.request.url);
            }
        }
    }
}

// ============================================================ invalid input

#[test]
fn invalid_input_returns_the_issues() {
    for (id, input) in [
        (
            "juspay.updateCustomer",
            json!({"customer_id": "c", "email": "a@b.co"}),
        ),
        (
            "accessbank.updateCustomerDetails",
            json!({"accountNo": "0702334455"}),
        ),
        (
            "m2p.updateCustomerStatus",
            json!({"entityId": "e1", "status": "CLOSED", "currentStatus": "CLOSED"}),
        ),
        (
            "m2p.updateNomineeDetails",
            json!({"entityId": "e1", "nominees": [{"name": "A", "relationship": "Son", "percentShare": 50}]}),
        ),
        ("bvnk.updateCustomer", json!([])),
        ("gathr.updateCustomer", json!(null)),
    ] {
        let mut secrets = TestSecrets::with(&[("hawkId", "hid"), ("apiKey", "k")], Some("t"));
        let err = build(op(id), &input, &Options::default(), &mut secrets, today()).unwrap_err();
        assert!(!err.is_empty(), "{id}");
        assert_eq!(err, validate::issues(op(id), &input, today()), "{id}");
        assert!(
            secrets.hawk_calls.is_empty(),
            "nothing is signed for an invalid request"
        );
    }
}

// ============================================================ encodings

#[test]
fn path_segment_encoding() {
    assert_eq!(encode::path_segment("a/b c"), "a%2Fb%20c");
    assert_eq!(encode::path_segment("AZaz09-._~"), "AZaz09-._~");
    assert_eq!(encode::path_segment("?#%&=+:@"), "%3F%23%25%26%3D%2B%3A%40");
    assert_eq!(encode::path_segment("é"), "%C3%A9");
    assert_eq!(encode::path_segment(".."), "..");
    assert_eq!(encode::path_segment(""), "");
}

#[test]
fn form_encoding() {
    assert_eq!(encode::form_component("Mary Ann"), "Mary+Ann");
    assert_eq!(encode::form_component("a+b@c.d"), "a%2Bb%40c.d");
    assert_eq!(encode::form_component("AZaz09*-._"), "AZaz09*-._");
    assert_eq!(encode::form_component("~!'()&="), "%7E%21%27%28%29%26%3D");
    assert_eq!(encode::form_component("é"), "%C3%A9");
}

#[test]
fn base64_and_uuid() {
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(encode::base64(plain.as_bytes()), coded);
    }
    assert_eq!(encode::base64(b"key_123:"), "a2V5XzEyMzo=");
    assert_eq!(encode::base64(&[0xfb, 0xff]), "+/8=");
    assert_eq!(
        encode::uuid_v4([0; 16]),
        "00000000-0000-4000-8000-000000000000"
    );
    assert_eq!(
        encode::uuid_v4([0xff; 16]),
        "ffffffff-ffff-4fff-bfff-ffffffffffff"
    );
}

mod parse_inverse {
    use customer_update::request::parse;

    #[test]
    fn finds_the_operation_and_decodes_path_parameters() {
        let (op, input) = parse(
            "juspay",
            "POST",
            "/customers/cst%2F1%202",
            Some("application/x-www-form-urlencoded"),
            "first_name=Mary+Ann&email_address=a%40b.co",
        )
        .unwrap()
        .unwrap();
        assert_eq!(op.id, "juspay.updateCustomer");
        assert_eq!(
            input,
            serde_json::json!({"customer_id": "cst/1 2", "first_name": "Mary Ann", "email_address": "a@b.co"})
        );
        let (op, input) = parse(
            "m2p",
            "POST",
            "/v1/customers/support/nominee/E1?x=1",
            Some("application/json"),
            r#"{"nominees":[]}"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(op.id, "m2p.updateNomineeDetails");
        assert_eq!(input, serde_json::json!({"entityId": "E1", "nominees": []}));
        let (op, _) = parse(
            "bvnk",
            "PUT",
            "/platform/v1/customers/r/status",
            None,
            r#"{"status":"VERIFIED"}"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(op.id, "bvnk.updateCustomerStatus");
    }

    #[test]
    fn unknown_routes_and_bad_bodies() {
        assert!(parse("juspay", "GET", "/customers/c", None, "").is_none());
        assert!(parse("juspay", "POST", "/customers", None, "").is_none());
        assert!(parse("nope", "POST", "/customers/c", None, "").is_none());
        assert!(parse(
            "gathr",
            "PATCH",
            "/customers/c",
            Some("application/json"),
            "[1]"
        )
        .unwrap()
        .is_err());
        // The reason in json.rs's words (where the reader stopped), not serde's line and column.
        assert_eq!(
            parse(
                "gathr",
                "PATCH",
                "/customers/c",
                Some("application/json"),
                "{"
            )
            .unwrap()
            .unwrap_err(),
            "the body is not valid JSON (unexpected end of text at byte 1)"
        );
    }
}

// ============================================================ values that cannot travel (issue 13 item 2)

mod cannot_travel {
    use super::*;
    use customer_update::request::{
        check_base_url, config_issues, Environment, MAX_CREDENTIAL_CHARS, MAX_REQUEST_ID_CHARS,
        UNREADABLE_MARKER,
    };
    use serde_json::Map;

    fn paths(issues: &[customer_update::Issue]) -> Vec<(String, &'static str)> {
        issues
            .iter()
            .map(|i| (i.path_string(), i.code.as_str()))
            .collect()
    }

    fn cfg(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn provider(key: &str) -> &'static customer_update::Provider {
        customer_update::provider(key).unwrap()
    }

    /// The attack of the finding: Juspay's `customer_id` is also the `x-routing-id` header, and a
    /// line break in it made `buildRequest` return `ok: true` with a header that splits.
    #[test]
    fn juspay_customer_id_with_a_line_break_is_refused_at_its_path() {
        for bad in [
            "cst_1\r\nX-Evil: 1",
            "cst_1\nX-Evil: 1",
            "cst\u{0}1",
            "cst_ü",
            " cst_1",
        ] {
            let input = json!({ "customer_id": bad, "first_name": "Tim" });
            let issues = build(
                op("juspay.updateCustomer"),
                &input,
                &Options::default(),
                &mut juspay_secrets(),
                today(),
            )
            .expect_err(bad);
            assert_eq!(
                paths(&issues),
                [("customer_id".to_owned(), "invalid_format")],
                "{bad:?}"
            );
            // `validate` itself refuses it now (the spec's `header_text` format), so the message
            // is the validator's; the builder's own header check stays as a second line.
            assert!(
                issues[0].message().contains("HTTP header"),
                "{}",
                issues[0].message()
            );
            assert!(
                !issues[0].message().contains(bad),
                "the value is not quoted"
            );
        }
        // Interior spaces and slashes travel (the URL percent-encodes them, the header carries them).
        let ok = run(
            "juspay.updateCustomer",
            &json!({ "customer_id": "cst/1 2", "first_name": "Tim" }),
            &Options::default(),
            &mut juspay_secrets(),
        );
        assert_eq!(ok.request.header("x-routing-id"), Some("cst/1 2"));
    }

    /// Issue 13 item 2: every field that ends up in a header is checked by `validate` itself
    /// (the tree validator, the JSON-text reader and the one-pass validator alike), not only by
    /// `buildRequest`: Juspay `customer_id` travels as `x-routing-id`.
    #[test]
    fn validate_refuses_a_header_bound_field_that_no_header_can_carry() {
        let op = op("juspay.updateCustomer");
        let long = "c".repeat(129);
        for bad in [
            "cst_1\r\nX-Evil: 1",
            "cst_1\nX-Evil: 1",
            "cst_1\rX",
            "cst\u{0}1",
            "cst\t1",
            "cst\u{7f}1",
            "cst_ü",
            " cst_1",
            "cst_1 ",
            long.as_str(),
        ] {
            let input = json!({ "customer_id": bad, "first_name": "Tim" });
            let want = if bad.len() > 128 {
                "too_long"
            } else {
                "invalid_format"
            };
            let tree = validate::issues(op, &input, today());
            assert_eq!(paths(&tree), [("customer_id".to_owned(), want)], "{bad:?}");
            let text = serde_json::to_string(&input).unwrap();
            assert_eq!(validate::issues_text(op, &text, today()), tree, "{bad:?}");
            let one_pass = (op.one_pass.0)(&mut customer_update::validate::scan::Scan::with_today(
                &text,
                today(),
            ));
            assert!(one_pass.is_err(), "one pass: {bad:?}");
            assert_eq!(
                validate::check_text(op, &text, today()).unwrap_err(),
                tree,
                "{bad:?}"
            );
        }
        for good in ["cst_om2l6ctlptxwxuzj", "cst/1 2", "a!~", &"c".repeat(128)] {
            let input = json!({ "customer_id": good, "first_name": "Tim" });
            assert_eq!(validate::issues(op, &input, today()), [], "{good:?}");
        }
    }

    #[test]
    fn secrets_that_cannot_travel_are_refused_at_their_config_key() {
        let mut s = TestSecrets::with(&[("merchantId", "m\r\nX-Evil: 1"), ("apiKey", "k")], None);
        let issues = build(
            op("juspay.updateCustomer"),
            &json!({ "customer_id": "c1", "first_name": "Tim" }),
            &Options::default(),
            &mut s,
            today(),
        )
        .unwrap_err();
        assert_eq!(
            paths(&issues),
            [("config.merchantId".to_owned(), "invalid_format")]
        );
        let mut s = TestSecrets::with(&[("tenantId", "T")], Some("t\r\nX-Evil: 1"));
        let issues = build(
            op("m2p.updateCustomerStatus"),
            &json!({ "entityId": "E1", "status": "LOCKED" }),
            &Options::default(),
            &mut s,
            today(),
        )
        .unwrap_err();
        assert_eq!(
            paths(&issues),
            [("config.accessToken".to_owned(), "invalid_format")]
        );
    }

    #[test]
    fn request_id_with_a_line_break_or_too_long_is_refused() {
        let input = json!({ "entityId": "E1", "status": "LOCKED" });
        let long = "a".repeat(60_000);
        for (id, code) in [
            ("r\r\nX-Evil: 1", "invalid_format"),
            (long.as_str(), "too_long"),
        ] {
            let issues = build(
                op("m2p.updateCustomerStatus"),
                &input,
                &Options {
                    request_id: Some(id),
                    ..Default::default()
                },
                &mut m2p_secrets(),
                today(),
            )
            .unwrap_err();
            assert_eq!(paths(&issues), [("config.requestId".to_owned(), code)]);
        }
        let ok = "r".repeat(MAX_REQUEST_ID_CHARS);
        assert!(build(
            op("m2p.updateCustomerStatus"),
            &input,
            &Options {
                request_id: Some(&ok),
                ..Default::default()
            },
            &mut m2p_secrets(),
            today(),
        )
        .is_ok());
    }

    #[test]
    fn config_checks_name_the_key() {
        let long = "k".repeat(MAX_CREDENTIAL_CHARS + 1);
        let issues = config_issues(
            provider("juspay"),
            &cfg(json!({
                "apiKey": "key\r\nX-Evil: 1",
                "merchantId": 42,
                "accessToken": long,
                "requestId": "id\u{0}",
                "baseUrl": "javascript:alert(1)",
                "environment": "prod",
                "contentType": "xml",
                "somethingElse": "\r\n",
            })),
        );
        assert_eq!(
            paths(&issues),
            [
                ("config.apiKey".to_owned(), "invalid_format"),
                ("config.merchantId".to_owned(), "invalid_type"),
                ("config.accessToken".to_owned(), "too_long"),
                ("config.requestId".to_owned(), "invalid_format"),
                ("config.baseUrl".to_owned(), "invalid_format"),
                ("config.environment".to_owned(), "not_in_enum"),
                ("config.contentType".to_owned(), "not_in_enum"),
            ]
        );
        for i in &issues {
            assert!(
                !i.message().contains("X-Evil") && !i.message().contains("alert"),
                "{}",
                i.message()
            );
        }
        // Absent, null and "" are "not given"; good values pass.
        assert!(config_issues(
            provider("m2p"),
            &cfg(json!({ "tenantId": "ACME_CORP", "clientId": "", "clientSecret": null,
                         "baseUrl": "http://127.0.0.1:8787/m2p/prepaid/customer/", "environment": "production",
                         "requestId": "11111111-1111-4111-8111-111111111111" }))
        )
        .is_empty());
        // A value the JS glue could not read (a throwing getter, a BigInt).
        let unreadable = format!("{UNREADABLE_MARKER}its getter threw");
        let issues = config_issues(provider("gathr"), &cfg(json!({ "token": unreadable })));
        assert_eq!(
            paths(&issues),
            [("config.token".to_owned(), "invalid_type")]
        );
        assert_eq!(
            issues[0].message(),
            "config.token cannot be read (its getter threw)."
        );
    }

    #[test]
    fn base_url_must_be_http_or_https() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "ftp://example.com",
            "//example.com",
            "https://",
            "https://user:pw@example.com",
            "https://example.com/a b",
            "https://example.com/\r\nX: 1",
            "https://exämple.com",
            "https://example.com/?q=1",
            "https://example.com/#x",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        for good in [
            "https://api.juspay.in",
            "http://127.0.0.1:8787/m2p/prepaid/customer/",
            "HTTPS://EXAMPLE.COM/x",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn environment_production_uses_the_specs_production_host() {
        let input = json!({ "customer_id": "c1", "first_name": "Tim" });
        let prod = Options {
            environment: Environment::Production,
            ..Default::default()
        };
        let b = run(
            "juspay.updateCustomer",
            &input,
            &prod,
            &mut juspay_secrets(),
        );
        assert_eq!(b.request.url, "https://api.juspay.in/customers/c1");
        let b = run(
            "juspay.updateCustomer",
            &input,
            &Options::default(),
            &mut juspay_secrets(),
        );
        assert_eq!(b.request.url, "https://sandbox.juspay.in/customers/c1");
        let b = run(
            "m2p.updateCustomerStatus",
            &json!({ "entityId": "E1", "status": "LOCKED" }),
            &prod,
            &mut m2p_secrets(),
        );
        assert_eq!(
            b.request.url,
            "https://api.m2pprepaid.com/prepaid/customer/v1/customers/update/status"
        );
        let b = run(
            "bvnk.updateCustomerStatus",
            &ex("bvnk.updateCustomerStatus"),
            &prod,
            &mut TestSecrets::default(),
        );
        assert!(b
            .request
            .url
            .starts_with("https://api.bvnk.com/platform/v1/customers/"));
        // baseUrl still wins.
        let b = run(
            "juspay.updateCustomer",
            &input,
            &Options {
                base_url: Some("https://proxy.example"),
                environment: Environment::Production,
                ..Default::default()
            },
            &mut juspay_secrets(),
        );
        assert_eq!(b.request.url, "https://proxy.example/customers/c1");
    }

    /// Access Bank publishes no production host (its spec repeats the sandbox host): production
    /// without baseUrl is an error naming baseUrl, never a silent send to the sandbox.
    #[test]
    fn accessbank_production_needs_base_url() {
        let issues = build(
            op("accessbank.updateCustomerDetails"),
            &ex("accessbank.updateCustomerDetails"),
            &Options {
                environment: Environment::Production,
                ..Default::default()
            },
            &mut TestSecrets::default(),
            today(),
        )
        .unwrap_err();
        assert_eq!(paths(&issues), [("config.baseUrl".to_owned(), "required")]);
        let issues = config_issues(
            provider("accessbank"),
            &cfg(json!({ "environment": "production" })),
        );
        assert_eq!(paths(&issues), [("config.baseUrl".to_owned(), "required")]);
        assert!(issues[0].message().contains("baseUrl"));
        assert!(config_issues(
            provider("accessbank"),
            &cfg(json!({ "environment": "production", "baseUrl": "https://ab.example" }))
        )
        .is_empty());
    }
}

/// `Built::to_json` (what `buildRequest` returns) writes exactly the keys of the one description
/// the TypeScript `BuiltRequest` is generated from (vocab/src/shapes.rs): every required key for
/// every operation's example, optional ones only when they apply, headers in built order.
#[test]
fn built_json_has_the_described_keys() {
    use customer_update::rules::shapes::BUILT_REQUEST;
    for op in customer_update::OPERATIONS {
        let mut secrets = TestSecrets::with(
            &[
                ("apiKey", "k"),
                ("merchantId", "m"),
                ("hawkId", "h"),
                ("hawkKey", "hk"),
                ("token", "t"),
                ("tenantId", "T1"),
            ],
            Some("tok"),
        );
        let built = run(op.id, &ex(op.id), &Options::default(), &mut secrets);
        let text = built.to_json();
        let v: Value = serde_json::from_str(&text).unwrap();
        let mut got: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want: Vec<&str> = BUILT_REQUEST
            .iter()
            .filter(|p| !p.optional || v.get(p.name).is_some())
            .map(|p| p.name)
            .chain(["ok"])
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}: {text}", op.id);
        assert_eq!(v["ok"], true);
        assert_eq!(v["method"], built.request.method);
        assert_eq!(v["url"], built.request.url.as_str());
        assert_eq!(v["body"].as_str(), built.request.body.as_deref());
        // Headers in built order: each name's key appears after the previous one.
        let headers_at = text.find("\"headers\":{").unwrap();
        let mut at = headers_at;
        for (k, _) in &built.request.headers {
            let found = text[at..].find(&format!("\"{k}\":")).unwrap();
            at += found + 1;
        }
        assert_eq!(v["requestId"].as_str(), built.request_id.as_deref());
        for (k, val) in &built.generated {
            assert_eq!(v["generated"][*k], val.as_str());
        }
    }
}
