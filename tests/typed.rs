//! The generated typed structs (`customer_update::generated::<provider>::types`): every seed
//! example deserialises into its `...Input` struct and serialises back to the same JSON; absent
//! optional fields are never serialised; `null` for a field and unknown keys are errors (only the
//! documented open objects take extra keys). Response types parse the seeds' response bodies.

use customer_update::generated::{accessbank, bvnk, gathr, juspay, m2p};
use customer_update::rules::CivilDate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Debug;

fn example(id: &str) -> Value {
    serde_json::from_str(customer_update::operation(id).unwrap().example).unwrap()
}

/// Deserialises the example of `id` into `T`, checks it serialises back to equal JSON and that
/// the validator accepts the serialised form; returns the struct.
fn round_trip<T: DeserializeOwned + Serialize + Debug + PartialEq>(id: &str) -> T {
    let json = example(id);
    let typed: T = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{id}: {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(back, json, "{id}");
    let again: T = serde_json::from_value(back.clone()).unwrap();
    assert_eq!(again, typed, "{id}");
    let op = customer_update::operation(id).unwrap();
    let issues =
        customer_update::validate::issues(op, &back, CivilDate::new(2026, 11, 22).unwrap());
    assert!(issues.is_empty(), "{id}: {issues:#?}");
    typed
}

/// `input` must not deserialise into `T`; returns serde's message.
fn rejects<T: DeserializeOwned + Debug>(input: Value) -> String {
    match serde_json::from_value::<T>(input.clone()) {
        Ok(v) => panic!("accepted {input}: {v:?}"),
        Err(e) => e.to_string(),
    }
}

fn set(mut v: Value, ptr: &str, new: Value) -> Value {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    v.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert(key.to_owned(), new);
    v
}

// ============================================================ seed examples round-trip

#[test]
fn accessbank_example_round_trips() {
    let t: accessbank::types::UpdateCustomerDetailsInput =
        round_trip("accessbank.updateCustomerDetails");
    assert_eq!(t.account_no, "0702334455");
    assert_eq!(t.request_id.as_deref(), Some("REQ-2025-002-67890"));
    assert_eq!(t.phone_number.as_deref(), Some("+2348012345678"));
}

#[test]
fn juspay_example_round_trips() {
    let t: juspay::types::UpdateCustomerInput = round_trip("juspay.updateCustomer");
    assert_eq!(t.customer_id, "cst_om2l6ctlptxwxuzj");
    assert_eq!(t.mobile_country_code.as_deref(), Some("91"));
}

#[test]
fn bvnk_examples_round_trip() {
    let t: bvnk::types::UpdateCustomerInput = round_trip("bvnk.updateCustomer");
    assert_eq!(t.address.unwrap().country_code, "US");
    let t: bvnk::types::UpdateCustomerStatusInput = round_trip("bvnk.updateCustomerStatus");
    assert_eq!(t.status, "VERIFIED");
    let t: bvnk::types::UpdateCustomerAssociatesInput = round_trip("bvnk.updateCustomerAssociates");
    assert_eq!(t.associates.len(), 1);
    let a = &t.associates[0];
    assert_eq!(a.person.date_of_birth, "2001-01-31");
    // The seed's "DRIVERS_LICENSE" (BVNK's compliance docs say DRIVER_LICENSE; both accepted).
    assert_eq!(
        a.details
            .as_ref()
            .unwrap()
            .document_info
            .as_ref()
            .unwrap()
            .r#type,
        "DRIVERS_LICENSE"
    );
    assert!(!a.controls.as_ref().unwrap().is_signer);
}

#[test]
fn gathr_example_round_trips() {
    let t: gathr::types::UpdateCustomerInput = round_trip("gathr.updateCustomer");
    assert_eq!(t.first_name.as_deref(), Some("Chris"));
    assert_eq!(t.popi, None);
}

#[test]
fn m2p_examples_round_trip() {
    let t: m2p::types::UpdateCustomerInput = round_trip("m2p.updateCustomer");
    let mobile = t.communication.unwrap().mobile.unwrap();
    assert_eq!(mobile.country_code, 91, "countryCode is a JSON integer");
    assert_eq!(t.permanent_address.unwrap().pin, "600100");
    let t: m2p::types::UpdateCustomerStatusInput = round_trip("m2p.updateCustomerStatus");
    assert_eq!(t.current_status, None);
    let t: m2p::types::UpdateNomineeDetailsInput = round_trip("m2p.updateNomineeDetails");
    assert_eq!(t.nominees[0].percent_share, 100);
    assert_eq!(t.nominees[0].minor, Some(false));
}

// ============================================================ absent is never serialised

#[test]
fn absent_optional_fields_are_not_serialised() {
    let t = juspay::types::UpdateCustomerInput {
        customer_id: "c".into(),
        first_name: Some("Tim".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#"{"customer_id":"c","first_name":"Tim"}"#
    );

    let t = accessbank::types::UpdateCustomerDetailsInput {
        account_no: "0702334455".into(),
        email: Some("a@b.co".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#"{"accountNo":"0702334455","email":"a@b.co"}"#
    );

    let t = gathr::types::UpdateCustomerInput {
        customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27".into(),
        popi: Some(false),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#"{"customer_id":"16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","popi":false}"#
    );

    let t = bvnk::types::UpdateCustomerInput {
        customer_reference: "r".into(),
        address: Some(bvnk::types::Address {
            address_line1: "1 Main".into(),
            city: "X".into(),
            postal_code: "1".into(),
            country_code: "GB".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#"{"customerReference":"r","address":{"addressLine1":"1 Main","city":"X","postalCode":"1","countryCode":"GB"}}"#
    );

    let t = m2p::types::UpdateNomineeDetailsInput {
        entity_id: "e".into(),
        nominees: vec![m2p::types::Nominee {
            name: "A".into(),
            relationship: "Son".into(),
            percent_share: 100,
            ..Default::default()
        }],
    };
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#"{"entityId":"e","nominees":[{"name":"A","relationship":"Son","percentShare":100}]}"#
    );

    let t = m2p::types::UpdateCustomerStatusInput {
        entity_id: "e".into(),
        status: "ACTIVE".into(),
        current_status: None,
    };
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#"{"entityId":"e","status":"ACTIVE"}"#
    );
}

#[test]
fn absent_optional_fields_deserialise_to_none() {
    let t: juspay::types::UpdateCustomerInput =
        serde_json::from_value(json!({"customer_id": "c"})).unwrap();
    assert_eq!(
        t,
        juspay::types::UpdateCustomerInput {
            customer_id: "c".into(),
            ..Default::default()
        }
    );
    let t: m2p::types::UpdateCustomerInput =
        serde_json::from_value(json!({"entityId": "e"})).unwrap();
    assert_eq!(t.dob, None);
    assert_eq!(t.customer_additional_details, None);
}

// ============================================================ null is an error

#[test]
fn null_for_an_optional_field_is_an_error() {
    let msg = rejects::<juspay::types::UpdateCustomerInput>(set(
        example("juspay.updateCustomer"),
        "/email_address",
        Value::Null,
    ));
    assert!(msg.contains("null"), "{msg}");
    rejects::<accessbank::types::UpdateCustomerDetailsInput>(set(
        example("accessbank.updateCustomerDetails"),
        "/phoneNumber",
        Value::Null,
    ));
    rejects::<accessbank::types::UpdateCustomerDetailsInput>(set(
        example("accessbank.updateCustomerDetails"),
        "/requestId",
        Value::Null,
    ));
    rejects::<gathr::types::UpdateCustomerInput>(set(
        example("gathr.updateCustomer"),
        "/popi",
        Value::Null,
    ));
    rejects::<gathr::types::UpdateCustomerInput>(set(
        example("gathr.updateCustomer"),
        "/middle_name",
        Value::Null,
    ));
    rejects::<bvnk::types::UpdateCustomerInput>(set(
        example("bvnk.updateCustomer"),
        "/address",
        Value::Null,
    ));
    rejects::<bvnk::types::UpdateCustomerInput>(set(
        example("bvnk.updateCustomer"),
        "/address/addressLine2",
        Value::Null,
    ));
    rejects::<bvnk::types::UpdateCustomerAssociatesInput>(set(
        example("bvnk.updateCustomerAssociates"),
        "/associates/0/details",
        Value::Null,
    ));
    rejects::<bvnk::types::UpdateCustomerAssociatesInput>(set(
        example("bvnk.updateCustomerAssociates"),
        "/associates/0/details/contactInfo/phoneNumber",
        Value::Null,
    ));
    rejects::<m2p::types::UpdateCustomerInput>(set(
        example("m2p.updateCustomer"),
        "/dob",
        Value::Null,
    ));
    rejects::<m2p::types::UpdateCustomerInput>(set(
        example("m2p.updateCustomer"),
        "/customerRiskDetails",
        Value::Null,
    ));
    rejects::<m2p::types::UpdateCustomerInput>(set(
        example("m2p.updateCustomer"),
        "/communication/email",
        Value::Null,
    ));
    rejects::<m2p::types::UpdateCustomerStatusInput>(set(
        example("m2p.updateCustomerStatus"),
        "/currentStatus",
        Value::Null,
    ));
    rejects::<m2p::types::UpdateNomineeDetailsInput>(set(
        example("m2p.updateNomineeDetails"),
        "/nominees/0/guardian",
        Value::Null,
    ));
    rejects::<m2p::types::UpdateNomineeDetailsInput>(set(
        example("m2p.updateNomineeDetails"),
        "/nominees/0/minor",
        Value::Null,
    ));
}

#[test]
fn null_or_missing_required_fields_are_errors() {
    rejects::<juspay::types::UpdateCustomerInput>(json!({"customer_id": null}));
    rejects::<juspay::types::UpdateCustomerInput>(json!({"first_name": "Tim"}));
    rejects::<m2p::types::UpdateNomineeDetailsInput>(json!({"entityId": "e"}));
    rejects::<m2p::types::UpdateNomineeDetailsInput>(
        json!({"entityId": "e", "nominees": [{"name": "A", "relationship": "Son"}]}),
    );
    rejects::<bvnk::types::UpdateCustomerStatusInput>(
        json!({"customerReference": "r", "status": null}),
    );
}

#[test]
fn wrong_json_types_are_errors() {
    rejects::<gathr::types::UpdateCustomerInput>(set(
        example("gathr.updateCustomer"),
        "/popi",
        json!("true"),
    ));
    rejects::<m2p::types::UpdateCustomerInput>(set(
        example("m2p.updateCustomer"),
        "/communication/mobile/countryCode",
        json!("91"),
    ));
    rejects::<m2p::types::UpdateCustomerInput>(set(
        example("m2p.updateCustomer"),
        "/permanentAddress/pin",
        json!(600100),
    ));
    rejects::<m2p::types::UpdateNomineeDetailsInput>(set(
        example("m2p.updateNomineeDetails"),
        "/nominees/0/percentShare",
        json!(1.5),
    ));
}

// ============================================================ unknown keys

#[test]
fn unknown_keys_are_errors() {
    let msg = rejects::<juspay::types::UpdateCustomerInput>(
        json!({"customer_id": "c", "email": "a@b.co"}),
    );
    assert!(msg.contains("email"), "{msg}");
    rejects::<accessbank::types::UpdateCustomerDetailsInput>(set(
        example("accessbank.updateCustomerDetails"),
        "/emial",
        json!("x"),
    ));
    rejects::<bvnk::types::UpdateCustomerInput>(set(
        example("bvnk.updateCustomer"),
        "/address/zip",
        json!("1"),
    ));
    rejects::<bvnk::types::UpdateCustomerAssociatesInput>(set(
        example("bvnk.updateCustomerAssociates"),
        "/associates/0/details/documentInfo/expiry",
        json!("2030-01-01"),
    ));
    rejects::<bvnk::types::UpdateCustomerStatusInput>(set(
        example("bvnk.updateCustomerStatus"),
        "/note",
        json!("x"),
    ));
    // Read-only keys are not fields of the input structs.
    for key in ["id", "api_token", "full_name", "initials"] {
        rejects::<gathr::types::UpdateCustomerInput>(set(
            example("gathr.updateCustomer"),
            &format!("/{key}"),
            json!("x"),
        ));
    }
    rejects::<m2p::types::UpdateCustomerInput>(set(
        example("m2p.updateCustomer"),
        "/status",
        json!("ACTIVE"),
    ));
    rejects::<m2p::types::UpdateNomineeDetailsInput>(set(
        example("m2p.updateNomineeDetails"),
        "/nominees/0/address/address2",
        json!("x"),
    ));
}

#[test]
fn open_objects_keep_their_extra_keys() {
    let input = set(
        set(
            example("m2p.updateCustomer"),
            "/customerRiskDetails",
            json!({"riskRating": "LOW", "politicallyExposed": false, "nested": {"a": [1]}}),
        ),
        "/customerAdditionalDetails",
        json!({"channel": "app", "source": "web"}),
    );
    let t: m2p::types::UpdateCustomerInput = serde_json::from_value(input.clone()).unwrap();
    let risk = t.customer_risk_details.as_ref().unwrap();
    assert_eq!(risk.extra.get("riskRating"), Some(&json!("LOW")));
    assert_eq!(risk.extra.len(), 3);
    let extra: &BTreeMap<String, String> = t.customer_additional_details.as_ref().unwrap();
    assert_eq!(extra.get("channel").map(String::as_str), Some("app"));
    assert_eq!(serde_json::to_value(&t).unwrap(), input);
    // customerAdditionalDetails takes string values only.
    rejects::<m2p::types::UpdateCustomerInput>(set(
        example("m2p.updateCustomer"),
        "/customerAdditionalDetails",
        json!({"count": 3}),
    ));

    // The guardian: a name plus any other keys.
    let input = json!({"entityId": "e", "nominees": [{"name": "Priya", "relationship": "Daughter", "percentShare": 100,
        "minor": true, "guardian": {"name": "Asha", "relationship": "Mother"}}]});
    let t: m2p::types::UpdateNomineeDetailsInput = serde_json::from_value(input.clone()).unwrap();
    let guardian = t.nominees[0].guardian.as_ref().unwrap();
    assert_eq!(guardian.name, "Asha");
    assert_eq!(guardian.extra.get("relationship"), Some(&json!("Mother")));
    assert_eq!(serde_json::to_value(&t).unwrap(), input);
    rejects::<m2p::types::UpdateNomineeDetailsInput>(set(
        input,
        "/nominees/0/guardian",
        json!({"relationship": "Mother"}),
    ));
}

// ============================================================ response types (lenient)

#[test]
fn responses_parse_leniently() {
    // Access Bank's success envelope (seed 000).
    let env: accessbank::types::Envelope = serde_json::from_value(json!(
        {"succeeded": true, "code": "200", "message": "successful request", "data": {}, "pageMeta": {}, "errors": {}}
    ))
    .unwrap();
    assert_eq!(env.succeeded, Some(true));
    assert_eq!(env.code.as_deref(), Some("200"));

    // Juspay's 400 (seed 001): error_info.fields[] survives, unknown keys are kept.
    let err: juspay::types::Error = serde_json::from_value(json!({"error_message": "Wrong value in mobile_number",
        "status": "Invalid Request", "error_code": "Invalid Request", "error_info": {"user_message": "Invalid request params. Please verify your input.",
        "fields": [{"field_name": "mobile_number", "reason": "Invalid value."}], "developer_message": "Invalid request params",
        "code": "INVALID_INPUT", "category": "USER_ERROR"}, "something_new": 1}))
    .unwrap();
    let info = err.error_info.unwrap();
    assert_eq!(info.code.as_deref(), Some("INVALID_INPUT"));
    assert_eq!(
        info.fields.unwrap()[0].field_name.as_deref(),
        Some("mobile_number")
    );
    assert_eq!(err.extra.get("something_new"), Some(&json!(1)));

    // BVNK's customer (seed 002): associates carry verification; unknown status values are kept.
    let c: bvnk::types::Customer = serde_json::from_value(json!({"reference": "8a0e1da2-2af3-4b9e-a221-e74db4e01b06",
        "status": "SOMETHING_NEW", "type": "COMPANY", "company": {"name": "Updated Company Name", "associates": [
        {"person": {"reference": "911685b0-acaa-418d-bd91-ed80b96c62cf"}, "verification": {"url": "https://verify.com/2", "status": "infoRequired"}}],
        "verification": {"url": "https://verify.com/1", "status": "infoRequired"}}, "riskScore": "LOW"}))
    .unwrap();
    assert_eq!(c.status.as_deref(), Some("SOMETHING_NEW"));
    let company = c.company.unwrap();
    assert_eq!(
        company.associates.unwrap()[0]
            .verification
            .as_ref()
            .unwrap()
            .status
            .as_deref(),
        Some("infoRequired")
    );

    // Gathr (seed 003): popi/terms_and_conditions are null in the seed's responses. The seed's
    // `"api_token": {{apiToken}}` is a template placeholder, not JSON; a string stands in for it.
    let g: gathr::types::CustomerEnvelope = serde_json::from_value(json!({"data": {"id": "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
        "client_reference": "clientnumber1", "popi": null, "terms_and_conditions": null, "email": "chris2@gathr.com",
        "id_number": "8511215433085", "first_name": "Chris", "middle_name": "Jovonovich", "last_name": "Wick",
        "full_name": "John Jovonovich Wick", "id_type": "id_number", "country": null, "initials": "CJW", "api_token": "tok"}}))
    .unwrap();
    let data = g.data.unwrap();
    assert_eq!(data.initials.as_deref(), Some("CJW"));
    assert_eq!(data.popi, None);
    let e: gathr::types::Error = serde_json::from_value(
        json!({"errors": {"popi": ["The popi field must be true or false."]}}),
    )
    .unwrap();
    assert_eq!(
        e.errors.unwrap()["popi"][0],
        json!("The popi field must be true or false.")
    );

    // M2P problem+json (seed 004) and the error-codes page's "business.code" spelling.
    let p: m2p::types::Problem =
        serde_json::from_value(json!({"type": "https://www.m2pfintech.com/problem/problem-with-message",
        "title": "Customer does not exists for id", "status": 409, "detail": "Customer does not exists for id",
        "message": "error.business", "businessCode": "PPCUST_002"}))
        .unwrap();
    assert_eq!(p.business_code.as_deref(), Some("PPCUST_002"));
    assert_eq!(p.status, Some(409));
    let p: m2p::types::Problem =
        serde_json::from_value(json!({"status": 409, "business.code": "PPCUST_032",
        "fieldErrors": [{"field": "pan", "message": "PAN is not valid"}]}))
        .unwrap();
    assert_eq!(p.business_code_6.as_deref(), Some("PPCUST_032"));
    assert_eq!(p.field_errors.unwrap()[0].field.as_deref(), Some("pan"));
    let r: m2p::types::StatusResult = serde_json::from_value(
        json!({"result": {"entityId": "615928984620006085281025", "status": "CREDIT_FREEZE"}, "pagination": null}),
    )
    .unwrap();
    assert_eq!(r.result.unwrap().status.as_deref(), Some("CREDIT_FREEZE"));
}
