#![cfg(feature = "client")]
//! `providers::interpret` against every documented answer in the seeds and docs/providers.md (the `-errors` sections)
//! (B.1.4–1.5, B.2.4, B.3.7, B.4.4, B.5.2–5.4), plus the generic HTTP rules and hostile input.

use customer_update::providers::{interpret, ErrorKind, Outcome, ProviderError, MAX_RAW_BYTES};
use customer_update::{Code, Issue, PathSeg};
use proptest::prelude::*;
use serde_json::{json, Value};

const JSON: Option<&str> = Some("application/json");

fn fail(provider: &str, op: &str, status: u16, body: &str) -> ProviderError {
    match interpret(provider, op, status, JSON, body) {
        Outcome::Failure(e) => e,
        Outcome::Success(v) => panic!("{provider} {status} should fail, got success {v}"),
    }
}

fn ok(provider: &str, op: &str, status: u16, body: &str) -> Value {
    match interpret(provider, op, status, JSON, body) {
        Outcome::Success(v) => v,
        Outcome::Failure(e) => panic!("{provider} {status} should succeed, got {e:?}"),
    }
}

fn key(s: &str) -> PathSeg {
    PathSeg::Key(s.to_owned())
}

/// `(path, code)` of each issue, for compact assertions.
fn shape(issues: &[Issue]) -> Vec<(String, &'static str)> {
    issues
        .iter()
        .map(|i| (i.path_string(), i.code.as_str()))
        .collect()
}

fn assert_clean(e: &ProviderError) {
    assert!(!e.message.is_empty());
    assert!(!e.message.chars().any(char::is_control), "{:?}", e.message);
}

// ---------------------------------------------------------------- Access Bank (B.1.4, B.1.5)

const AB: &str = "accessbank";
const AB_OP: &str = "accessbank.updateCustomerDetails";

#[test]
fn accessbank_success_needs_succeeded_true() {
    let body = r#"{"succeeded": true, "code": "200", "message": "successful request", "data": {}, "pageMeta": {}, "errors": {}}"#;
    assert_eq!(ok(AB, AB_OP, 200, body)["code"], "200");
}

#[test]
fn accessbank_200_with_succeeded_false_code_31() {
    let body = r#"{"succeeded": false, "code": "31", "message": "Invalid account number", "data": null, "pageMeta": {}, "errors": {}}"#;
    let e = fail(AB, AB_OP, 200, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(200));
    assert_eq!(e.provider_code.as_deref(), Some("31"));
    assert!(e.issues.is_empty());
    assert!(!e.retryable);
    assert_eq!(
        e.message,
        "Access Bank WaaS rejected the request: Invalid account number (code 31)."
    );
    assert_eq!(e.raw.as_deref(), Some(body));
}

#[test]
fn accessbank_code_31_with_http_4xx() {
    // B.1.5 OPEN: code 31 may come with HTTP 200 or 4xx; both are provider errors.
    let e = fail(
        AB,
        AB_OP,
        400,
        r#"{"succeeded":false,"code":"31","message":"Invalid account number","errors":{}}"#,
    );
    assert_eq!(
        (e.kind, e.status, e.provider_code.as_deref()),
        (ErrorKind::Provider, Some(400), Some("31"))
    );
}

#[test]
fn accessbank_400_bad_request_variants() {
    // Missing both email and phone / invalid email format / invalid phone format: code "400".
    for status in [200, 400] {
        let e = fail(
            AB,
            AB_OP,
            status,
            r#"{"succeeded":false,"code":"400","message":"Bad Request","data":{},"pageMeta":{},"errors":{}}"#,
        );
        assert_eq!(e.kind, ErrorKind::Provider);
        assert_eq!(e.status, Some(status));
        assert_eq!(e.provider_code.as_deref(), Some("400"));
        assert!(e.issues.is_empty());
        assert!(!e.retryable);
    }
}

#[test]
fn accessbank_404_wallet_not_found() {
    let e = fail(
        AB,
        AB_OP,
        404,
        r#"{"succeeded":false,"code":"404","message":"Not Found","errors":{}}"#,
    );
    assert_eq!(
        (e.kind, e.status, e.provider_code.as_deref()),
        (ErrorKind::Provider, Some(404), Some("404"))
    );
    assert!(e.message.contains("Not Found"), "{}", e.message);
    // …and as a 200 envelope.
    let e = fail(
        AB,
        AB_OP,
        200,
        r#"{"succeeded":false,"code":"404","message":"Not Found"}"#,
    );
    assert_eq!(
        (e.kind, e.provider_code.as_deref()),
        (ErrorKind::Provider, Some("404"))
    );
}

#[test]
fn accessbank_errors_object_maps_onto_fields() {
    // The failure `errors` shape is OPEN (B.1.5): read a field map leniently, matching keys to
    // the operation's fields case-insensitively.
    let body = r#"{"succeeded":false,"code":"400","message":"Bad Request",
        "errors":{"Email":["Invalid email format"],"$.phoneNumber":"Include country code","other":[]}}"#;
    let e = fail(AB, AB_OP, 400, body);
    let mut got = shape(&e.issues);
    got.sort();
    assert_eq!(
        got,
        [
            ("email".into(), "provider_rejected"),
            ("other".into(), "provider_rejected"),
            ("phoneNumber".into(), "provider_rejected")
        ]
    );
    let email = e.issues.iter().find(|i| i.path == [key("email")]).unwrap();
    assert_eq!(email.message(), "Invalid email format");
    let list = r#"{"succeeded":false,"code":"400","errors":[{"field":"PHONENUMBER","message":"bad"},{"message":"no field"}]}"#;
    assert_eq!(
        shape(&fail(AB, AB_OP, 200, list).issues),
        [("phoneNumber".into(), "provider_rejected")]
    );
}

#[test]
fn accessbank_2xx_without_envelope_is_decode() {
    for body in [
        r#"{"code":"200","data":{}}"#,
        r#"{"succeeded":"true"}"#,
        "[]",
        "null",
    ] {
        let e = fail(AB, AB_OP, 200, body);
        assert_eq!(e.kind, ErrorKind::Decode, "{body}");
        assert!(e.message.contains("succeeded"), "{}", e.message);
    }
    assert_eq!(
        fail(AB, AB_OP, 204, "").kind,
        ErrorKind::Decode,
        "Access Bank must say succeeded"
    );
}

#[test]
fn accessbank_envelope_code_503_is_retryable() {
    let e = fail(
        AB,
        AB_OP,
        200,
        r#"{"succeeded":false,"code":"503","message":"Service Unavailable"}"#,
    );
    assert_eq!(e.kind, ErrorKind::Provider);
    assert!(e.retryable);
}

#[test]
fn accessbank_gateway_401_is_auth() {
    // Azure API Management's answer for a bad subscription key (inferred shape).
    let body = r#"{ "statusCode": 401, "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription." }"#;
    let e = fail(AB, AB_OP, 401, body);
    assert_eq!(e.kind, ErrorKind::Auth);
    assert_eq!(e.status, Some(401));
    assert_eq!(e.provider_code, None);
    assert!(!e.retryable);
    assert!(
        e.message.starts_with(
            "Access Bank WaaS refused the credentials (HTTP 401 Unauthorized): Access denied"
        ),
        "{}",
        e.message
    );
    let e = fail(
        AB,
        AB_OP,
        401,
        r#"{"succeeded":false,"code":"401","message":"Unauthorized"}"#,
    );
    assert_eq!(
        (e.kind, e.provider_code.as_deref()),
        (ErrorKind::Auth, Some("401"))
    );
}

// ---------------------------------------------------------------- Juspay (seed 001, B.2.4)

const JP: &str = "juspay";
const JP_OP: &str = "juspay.updateCustomer";

#[test]
fn juspay_success_is_the_customer_object() {
    let body = r#"{"id":"cst_om2l6ctlptxwxuzj","object":"customer","mobile_number":"9876543210","email_address":"tim.david@example.com"}"#;
    assert_eq!(ok(JP, JP_OP, 200, body)["object"], "customer");
}

#[test]
fn juspay_404_customer_not_found() {
    let body = r#"{"error_message": "Cannot find what you are looking for","status": "invalid_request_error","error_code": "object_not_found","error_info": {"user_message": "Cannot process your request as customer account not found.","developer_message": "Customer account not found.","code": "RESOURCE_NOT_FOUND","category": "USER_ERROR"}}"#;
    let e = fail(JP, JP_OP, 404, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(404));
    assert_eq!(e.provider_code.as_deref(), Some("RESOURCE_NOT_FOUND"));
    assert_eq!(e.provider_category.as_deref(), Some("USER_ERROR"));
    assert!(e.issues.is_empty());
    assert!(!e.retryable);
    assert!(
        e.message.contains("customer account not found"),
        "{}",
        e.message
    );
    assert_clean(&e);
}

#[test]
fn juspay_400_mobile_number_field() {
    let body = r#"{"error_message":"Wrong value in mobile_number","status":"Invalid Request","error_code":"Invalid Request","error_info": {"user_message":"Invalid request params. Please verify your input.","fields": [{"field_name":"mobile_number","reason":"Invalid value."}],"developer_message":"Invalid request params","code":"INVALID_INPUT","category":"USER_ERROR"}}"#;
    let e = fail(JP, JP_OP, 400, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(400));
    assert_eq!(e.provider_code.as_deref(), Some("INVALID_INPUT"));
    assert_eq!(e.provider_category.as_deref(), Some("USER_ERROR"));
    assert_eq!(e.issues.len(), 1);
    assert_eq!(e.issues[0].path, vec![key("mobile_number")]);
    assert_eq!(e.issues[0].code, Code::ProviderRejected);
    assert_eq!(e.issues[0].message(), "Invalid value.");
    assert!(!e.retryable);
}

#[test]
fn juspay_403_bad_origin_is_auth() {
    let body = r#"{"error":true,"error_message":"Internal Server error.","user_message":"Bad Origin.","error_info":{"code":"BAD_ORIGIN","category":"USER_ERROR","user_message":"Bad Origin.","developer_message":"IP Verification Failed"}}"#;
    let e = fail(JP, JP_OP, 403, body);
    assert_eq!(e.kind, ErrorKind::Auth);
    assert_eq!(e.status, Some(403));
    assert_eq!(e.provider_code.as_deref(), Some("BAD_ORIGIN"));
    assert_eq!(e.provider_category.as_deref(), Some("USER_ERROR"));
    assert!(!e.retryable);
    assert_eq!(e.message, "Juspay denied access (HTTP 403 Forbidden): Bad Origin (IP Verification Failed) (code BAD_ORIGIN).");
}

#[test]
fn juspay_401_wrong_api_key_is_auth() {
    let body = r#"{"status":"error","error_code":"access_denied","error_info": {"user_message":"Unauthorized.","developer_message":"Invalid API Key. Please pass a valid and active api key.","code":"UNAUTHORIZED","category":"USER_ERROR"}}"#;
    let e = fail(JP, JP_OP, 401, body);
    assert_eq!(e.kind, ErrorKind::Auth);
    assert_eq!(e.status, Some(401));
    assert_eq!(e.provider_code.as_deref(), Some("UNAUTHORIZED"));
    assert!(e.issues.is_empty());
    assert!(!e.retryable);
}

#[test]
fn juspay_404_wrong_endpoint_without_body_is_http() {
    let e = fail(JP, JP_OP, 404, "");
    assert_eq!(e.kind, ErrorKind::Http);
    assert_eq!(e.status, Some(404));
    assert_eq!(e.provider_code, None);
    assert_eq!(e.raw, None);
    assert_eq!(e.message, "Juspay answered HTTP 404 (Not Found).");
}

#[test]
fn juspay_lenient_top_level_keys() {
    // No error_info: fall back to the top level.
    let e = fail(
        JP,
        JP_OP,
        400,
        r#"{"error_code":"Invalid Request","error_message":"Bad input","fields":[{"field_name":"email_address","reason":"Bad email"}]}"#,
    );
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.provider_code.as_deref(), Some("Invalid Request"));
    assert_eq!(
        shape(&e.issues),
        [("email_address".into(), "provider_rejected")]
    );
    assert!(e.message.contains("Bad input"));
}

// ---------------------------------------------------------------- BVNK (B.3.7)

const BV: &str = "bvnk";
const BV_OP: &str = "bvnk.updateCustomer";

#[test]
fn bvnk_success_is_the_customer_object() {
    let body = r#"{"reference":"8a0e1da2-2af3-4b9e-a221-e74db4e01b06","status":"VERIFIED","type":"COMPANY","company":{"name":"Updated Company Name"},"riskScore":"LOW"}"#;
    assert_eq!(
        ok(BV, "bvnk.updateCustomerStatus", 200, body)["status"],
        "VERIFIED"
    );
}

#[test]
fn bvnk_current_envelope() {
    let body = r#"{"code":"bvnk:onboarding-accounts:4004","status":400,"traceId":"6f1c2b3a9d","message":"Customer can only be updated while in INFO_REQUIRED status","details":{"errors":[],"documentLink":"https://docs.bvnk.com/"}}"#;
    let e = fail(BV, BV_OP, 400, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(400));
    assert_eq!(
        e.provider_code.as_deref(),
        Some("bvnk:onboarding-accounts:4004")
    );
    assert_eq!(e.trace_id.as_deref(), Some("6f1c2b3a9d"));
    assert_eq!(e.provider_category, None, "a numeric status adds nothing");
    assert!(e.issues.is_empty());
    assert!(e.message.contains("INFO_REQUIRED"));
}

#[test]
fn bvnk_current_envelope_with_field_details() {
    let body = r#"{"code":"bvnk:onboarding-accounts:4000","status":400,"traceId":"t1","message":"Validation failed",
        "details":{"errors":[{"field":"address.countryCode","message":"must be ISO 3166-1 alpha-2"},{"parameter":"associates[1].person.dateOfBirth","message":"must be in the past"}]}}"#;
    let e = fail(BV, "bvnk.updateCustomerAssociates", 400, body);
    assert_eq!(
        shape(&e.issues),
        [
            ("address.countryCode".into(), "provider_rejected"),
            (
                "associates[1].person.dateOfBirth".into(),
                "provider_rejected"
            )
        ]
    );
    assert_eq!(
        e.issues[1].path,
        vec![
            key("associates"),
            PathSeg::Index(1),
            key("person"),
            key("dateOfBirth")
        ]
    );
    let map = r#"{"code":"bvnk:x:1","message":"m","details":{"errors":{"name":["too long"]}}}"#;
    assert_eq!(
        shape(&fail(BV, BV_OP, 422, map).issues),
        [("name".into(), "provider_rejected")]
    );
}

#[test]
fn bvnk_legacy_error_list() {
    let body = r#"{"requestId":"req-77","errorList":[
        {"code":"MER-PAY-2017","parameter":"address.countryCode","message":"Invalid country code"},
        {"code":"MER-PAY-2004","parameter":"associates[0].person.dateOfBirth","message":"Date of birth must be in the past"},
        {"code":"MER-PAY-2000","message":"Request could not be processed"}]}"#;
    let e = fail(BV, "bvnk.updateCustomerAssociates", 400, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(400));
    assert_eq!(e.provider_code.as_deref(), Some("MER-PAY-2017"));
    assert_eq!(e.trace_id.as_deref(), Some("req-77"));
    assert_eq!(e.issues.len(), 2);
    assert_eq!(e.issues[0].path, vec![key("address"), key("countryCode")]);
    assert_eq!(e.issues[0].code, Code::ProviderRejected);
    assert_eq!(e.issues[0].message(), "Invalid country code");
    assert_eq!(
        e.issues[1].path,
        vec![
            key("associates"),
            PathSeg::Index(0),
            key("person"),
            key("dateOfBirth")
        ]
    );
    assert!(e.message.contains("Invalid country code; Date of birth must be in the past; Request could not be processed"), "{}", e.message);
}

#[test]
fn bvnk_dictionary_form_403_is_auth() {
    let body = r#"{"code":"MER-PAY-1000","status":"Forbidden","message":"You do not have permission to access this resource","documentLink":""}"#;
    let e = fail(BV, BV_OP, 403, body);
    assert_eq!(e.kind, ErrorKind::Auth);
    assert_eq!(e.status, Some(403));
    assert_eq!(e.provider_code.as_deref(), Some("MER-PAY-1000"));
    assert_eq!(e.provider_category.as_deref(), Some("Forbidden"));
    assert!(!e.retryable);
}

#[test]
fn bvnk_401_and_404_without_body() {
    let e = fail(BV, BV_OP, 401, "");
    assert_eq!(
        (e.kind, e.provider_code.as_deref()),
        (ErrorKind::Auth, None)
    );
    assert_eq!(
        e.message,
        "BVNK refused the credentials (HTTP 401 Unauthorized)."
    );
    let e = fail(BV, BV_OP, 404, "");
    assert_eq!(e.kind, ErrorKind::Http);
}

// ---------------------------------------------------------------- Gathr (seed 003, B.4.4)

const GA: &str = "gathr";
const GA_OP: &str = "gathr.updateCustomer";

#[test]
fn gathr_success_is_data() {
    let body = r#"{"data":{"id":"16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","client_reference":"clientnumber1","popi":null,"email":"chris2@gathr.com","first_name":"Chris"}}"#;
    assert_eq!(ok(GA, GA_OP, 200, body)["data"]["first_name"], "Chris");
}

#[test]
fn gathr_422_popi_field_map() {
    let body = r#"{
    "errors": {
        "popi": [
            "The popi field must be true or false."
        ]
    }
}"#;
    let e = fail(GA, GA_OP, 422, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(422));
    assert_eq!(e.provider_code, None);
    assert_eq!(e.issues.len(), 1);
    assert_eq!(e.issues[0].path, vec![key("popi")]);
    assert_eq!(e.issues[0].code, Code::ProviderRejected);
    assert_eq!(
        e.issues[0].message(),
        "The popi field must be true or false."
    );
    assert!(!e.retryable);
    assert_eq!(
        e.message,
        "Gathr rejected the request (HTTP 422): The popi field must be true or false."
    );
    let two = fail(
        GA,
        GA_OP,
        422,
        r#"{"errors":{"popi":["Bad popi."],"email":["Bad email."]}}"#,
    );
    assert!(two.message.ends_with(" (and 1 more)."), "{}", two.message);
    assert_eq!(two.issues.len(), 2);
}

#[test]
fn gathr_field_map_one_issue_per_message_and_laravel_paths() {
    let body = r#"{"message":"The given data was invalid.","errors":{"email":["The email must be a valid email address.","The email has already been taken."],"id_number":"The id number is invalid.","items.0.name":["Required."]}}"#;
    let e = fail(GA, GA_OP, 422, body);
    assert_eq!(
        shape(&e.issues),
        [
            ("email".into(), "provider_rejected"),
            ("email".into(), "provider_rejected"),
            ("id_number".into(), "provider_rejected"),
            ("items[0].name".into(), "provider_rejected"),
        ]
    );
    assert_eq!(e.issues[1].message(), "The email has already been taken.");
    assert!(e.message.contains("The given data was invalid"));
}

#[test]
fn gathr_404_code_message_object() {
    let e = fail(
        GA,
        GA_OP,
        404,
        r#"{"errors":{"code":"entity_not_found","message":"Record not found in customers"}}"#,
    );
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(404));
    assert_eq!(e.provider_code.as_deref(), Some("entity_not_found"));
    assert!(e.issues.is_empty());
    assert_eq!(e.message, "Gathr rejected the request (HTTP 404): Record not found in customers (code entity_not_found).");
}

#[test]
fn gathr_409_string_errors() {
    let e = fail(GA, GA_OP, 409, r#"{"errors":"Business not unique"}"#);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(409));
    assert_eq!(e.provider_code, None);
    assert!(e.issues.is_empty());
    assert!(!e.retryable);
    assert_eq!(
        e.message,
        "Gathr rejected the request (HTTP 409): Business not unique."
    );
}

#[test]
fn gathr_401_laravel_message_is_auth() {
    let e = fail(GA, GA_OP, 401, r#"{"message":"Unauthenticated."}"#);
    assert_eq!(e.kind, ErrorKind::Auth);
    assert_eq!(
        e.message,
        "Gathr refused the credentials (HTTP 401 Unauthorized): Unauthenticated."
    );
}

// ---------------------------------------------------------------- M2P (seed 004, B.5.2–5.4)

const M2: &str = "m2p";

#[test]
fn m2p_success_bodies() {
    let update = r#"{"result":{"entityId":"615928984620006085281025","firstName":"Tim","lastName":"David","dob":"10/10/1999","gender":"Male","communication":{"mobile":{"value":"9876543210","countryCode":91},"email":"tim.david@example.com"}},"pagination":null}"#;
    assert_eq!(
        ok(M2, "m2p.updateCustomer", 200, update)["result"]["firstName"],
        "Tim"
    );
    let status = r#"{"result":{"entityId":"615928984620006085281025","status":"CREDIT_FREEZE"},"pagination":null}"#;
    assert_eq!(
        ok(M2, "m2p.updateCustomerStatus", 200, status)["result"]["status"],
        "CREDIT_FREEZE"
    );
    let nominee = r#"{"result":{},"pagination":{"list":true,"pageSize":0,"pageNo":0,"totalPages":0,"totalElements":0}}"#;
    assert_eq!(
        ok(M2, "m2p.updateNomineeDetails", 200, nominee)["pagination"]["list"],
        true
    );
}

#[test]
fn m2p_400_problem_with_message() {
    let body = r#"{
"type": "https://www.m2pfintech.com/problem/problem-with-message",
"title": "Bad Request",
"status": 400,
"detail": "Unable to convert http message",
"message": "error.http.400"
}"#;
    let e = fail(M2, "m2p.updateCustomer", 400, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(400));
    assert_eq!(e.provider_code, None);
    assert_eq!(e.provider_category.as_deref(), Some("error.http.400"));
    assert!(e.issues.is_empty());
    assert!(!e.retryable);
    assert_eq!(
        e.message,
        "M2P Prepaid rejected the request (HTTP 400): Unable to convert http message."
    );
}

#[test]
fn m2p_409_ppcust_002_customer_not_found() {
    let body = r#"{
"type": "https://www.m2pfintech.com/problem/problem-with-message",
"title": "Customer does not exists for id",
"status": 409,
"detail": "Customer does not exists for id",
"message": "error.business",
"businessCode": "PPCUST_002"
}"#;
    let e = fail(M2, "m2p.updateCustomer", 409, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(409));
    assert_eq!(e.provider_code.as_deref(), Some("PPCUST_002"));
    assert_eq!(e.provider_category.as_deref(), Some("error.business"));
    assert!(e.issues.is_empty());
    assert!(!e.retryable);
}

#[test]
fn m2p_409_ppcust_032_is_invalid_transition_at_status() {
    let body = r#"{"type":"https://www.m2pfintech.com/problem/problem-with-message","title":"Invalid Status Transition from : CREDIT_FREEZE to CREDIT_FREEZE","status":409,"message":"error.business","businessCode":"PPCUST_032"}"#;
    let e = fail(M2, "m2p.updateCustomerStatus", 409, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.status, Some(409));
    assert_eq!(e.provider_code.as_deref(), Some("PPCUST_032"));
    assert_eq!(e.issues.len(), 1);
    assert_eq!(e.issues[0].path, vec![key("status")]);
    assert_eq!(e.issues[0].code, Code::InvalidTransition);
    assert!(
        e.issues[0]
            .message()
            .contains("CREDIT_FREEZE to CREDIT_FREEZE"),
        "{}",
        e.issues[0].message()
    );
    assert!(!e.retryable);
}

#[test]
fn m2p_409_ppcust_010_nominee_invalid_request() {
    let body = r#"{"type":"https://www.m2pfintech.com/problem/problem-with-message","title":"Invalid request","status":409,"detail":"Invalid request","message":"error.business","businessCode":"PPCUST_010"}"#;
    let e = fail(M2, "m2p.updateNomineeDetails", 409, body);
    assert_eq!(
        (e.kind, e.status, e.provider_code.as_deref()),
        (ErrorKind::Provider, Some(409), Some("PPCUST_010"))
    );
    assert!(e.issues.is_empty());
}

#[test]
fn m2p_400_constraint_violation_field_errors() {
    let body = r#"{"type":"https://www.m2pfintech.com/problem/constraint-violation","title":"Method argument not valid","status":400,"message":"error.validation","fieldErrors":[{"field":"pan","message":"PAN is not valid"}]}"#;
    let e = fail(M2, "m2p.updateCustomer", 400, body);
    assert_eq!(e.kind, ErrorKind::Provider);
    assert_eq!(e.provider_code, None);
    assert_eq!(e.provider_category.as_deref(), Some("error.validation"));
    assert_eq!(e.issues.len(), 1);
    assert_eq!(e.issues[0].path, vec![key("pan")]);
    assert_eq!(e.issues[0].code, Code::ProviderRejected);
    assert_eq!(e.issues[0].message(), "PAN is not valid");
    let nested = r#"{"title":"Method argument not valid","status":400,"fieldErrors":[{"field":"nominees[0].percentShare","message":"must be at most 100"},{"field":"permanentAddress.pin","message":"bad pin"}]}"#;
    assert_eq!(
        shape(&fail(M2, "m2p.updateNomineeDetails", 400, nested).issues),
        [
            ("nominees[0].percentShare".into(), "provider_rejected"),
            ("permanentAddress.pin".into(), "provider_rejected")
        ]
    );
}

#[test]
fn m2p_business_code_variants() {
    // The error-codes overview spells it "business.code" (and adds `path`).
    let flat = r#"{"title":"Customer not found","status":409,"message":"error.business","business.code":"PPCUST_080","path":"/v1/customers/update"}"#;
    assert_eq!(
        fail(M2, "m2p.updateCustomer", 409, flat)
            .provider_code
            .as_deref(),
        Some("PPCUST_080")
    );
    let nested =
        r#"{"title":"Invalid Status Transition","status":409,"business":{"code":"PPCUST_032"}}"#;
    let e = fail(M2, "m2p.updateCustomerStatus", 409, nested);
    assert_eq!(e.provider_code.as_deref(), Some("PPCUST_032"));
    assert_eq!(shape(&e.issues), [("status".into(), "invalid_transition")]);
}

#[test]
fn m2p_auth_and_rate_limit() {
    let e = fail(
        M2,
        "m2p.updateCustomer",
        401,
        r#"{"error":"invalid_token","error_description":"Access token expired"}"#,
    );
    assert_eq!(e.kind, ErrorKind::Auth);
    assert_eq!(e.provider_category.as_deref(), Some("invalid_token"));
    assert!(e.message.contains("Access token expired"));
    let e = fail(
        M2,
        "m2p.updateCustomer",
        429,
        r#"{"title":"Too Many Requests","status":429}"#,
    );
    assert_eq!(e.kind, ErrorKind::Provider);
    assert!(e.retryable);
    let e = fail(
        M2,
        "m2p.updateCustomer",
        503,
        r#"{"title":"Service Unavailable","status":503,"detail":"Try later"}"#,
    );
    assert!(e.retryable);
}

// ---------------------------------------------------------------- generic HTTP rules

#[test]
fn retryable_statuses_without_body() {
    for p in ["accessbank", "juspay", "bvnk", "gathr", "m2p"] {
        for s in [429u16, 500, 502, 503, 504] {
            let e = fail(p, "x", s, "");
            assert_eq!(e.kind, ErrorKind::Http, "{p} {s}");
            assert!(e.retryable, "{p} {s}");
            assert_eq!(e.status, Some(s));
        }
        for s in [400u16, 404, 409, 418, 501, 302, 100, 0, 999] {
            let e = fail(p, "x", s, "");
            assert_eq!(e.kind, ErrorKind::Http, "{p} {s}");
            assert!(!e.retryable, "{p} {s}");
        }
        for s in [401u16, 403] {
            assert_eq!(fail(p, "x", s, "").kind, ErrorKind::Auth);
            assert!(!fail(p, "x", s, "").retryable);
        }
    }
}

#[test]
fn html_answers() {
    let page = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";
    let e = match interpret("bvnk", BV_OP, 502, Some("text/html; charset=utf-8"), page) {
        Outcome::Failure(e) => e,
        Outcome::Success(_) => unreachable!(),
    };
    assert_eq!(e.kind, ErrorKind::Http);
    assert!(e.retryable);
    assert_eq!(e.message, "BVNK answered HTTP 502 (Bad Gateway). The body is an HTML page, probably from a proxy or gateway.");
    assert_eq!(e.raw.as_deref(), Some(page));
    // 2xx with HTML, whatever the content type says.
    for ct in [Some("text/html"), Some("application/json"), None] {
        match interpret("gathr", GA_OP, 200, ct, page) {
            Outcome::Failure(e) => {
                assert_eq!(e.kind, ErrorKind::Decode);
                assert_eq!(
                    e.message,
                    "Gathr answered HTTP 200 with an HTML page instead of JSON."
                );
            }
            Outcome::Success(_) => panic!("HTML is not success"),
        }
    }
    // A JSON error body labelled text/html is still HTML to us (a gateway page in disguise).
    let e = match interpret(
        "juspay",
        JP_OP,
        400,
        Some("text/html"),
        r#"{"error_code":"x"}"#,
    ) {
        Outcome::Failure(e) => e,
        Outcome::Success(_) => unreachable!(),
    };
    assert_eq!(e.kind, ErrorKind::Http);
}

#[test]
fn decode_errors_for_2xx() {
    let e = fail("m2p", "m2p.updateCustomer", 200, "{not json");
    assert_eq!(e.kind, ErrorKind::Decode);
    assert_eq!(
        e.message,
        "M2P Prepaid answered HTTP 200 with a body that is not valid JSON."
    );
    assert_eq!(e.raw.as_deref(), Some("{not json"));
    assert!(!e.retryable);
    assert_eq!(fail("juspay", JP_OP, 200, "").kind, ErrorKind::Decode);
    assert_eq!(fail("juspay", JP_OP, 200, "   ").kind, ErrorKind::Decode);
    // 204/205 with no body is success (except Access Bank, tested above).
    assert_eq!(ok("bvnk", BV_OP, 204, ""), Value::Null);
    assert_eq!(ok("m2p", "m2p.updateCustomer", 205, ""), Value::Null);
    // A byte-order mark is tolerated.
    assert_eq!(ok("bvnk", BV_OP, 200, "\u{feff}{\"a\":1}"), json!({"a": 1}));
}

#[test]
fn unknown_provider_is_http_only() {
    assert_eq!(ok("nope", "nope.op", 200, r#"{"a":1}"#), json!({"a": 1}));
    assert_eq!(ok("nope", "nope.op", 204, ""), Value::Null);
    let e = fail("nope", "nope.op", 400, r#"{"errors":"x","code":"y"}"#);
    assert_eq!(e.kind, ErrorKind::Http);
    assert_eq!(e.provider_code, None);
    assert_eq!(e.message, "The provider answered HTTP 400 (Bad Request).");
}

#[test]
fn unrecognised_json_error_is_http() {
    let e = fail("juspay", JP_OP, 400, r#"{"something":"else"}"#);
    assert_eq!(e.kind, ErrorKind::Http);
    assert_eq!(e.raw.as_deref(), Some(r#"{"something":"else"}"#));
    let e = fail("m2p", "m2p.updateCustomer", 500, r#"[1,2,3]"#);
    assert_eq!(e.kind, ErrorKind::Http);
    assert!(e.retryable);
}

#[test]
fn kinds_and_constructors() {
    let names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "validation",
            "auth",
            "provider",
            "http",
            "network",
            "timeout",
            "decode",
            "outcome_unknown"
        ]
    );
    // A lost answer on a request that is not safe to repeat: never retryable, and the message
    // says the update may have been applied (and how to repeat it, when a request id was sent).
    let lost = ProviderError::timeout(600);
    let u = ProviderError::outcome_unknown(&lost, None);
    assert_eq!(
        (u.kind, u.retryable, u.status),
        (ErrorKind::OutcomeUnknown, false, None)
    );
    assert!(
        u.message.contains("may or may not have applied"),
        "{}",
        u.message
    );
    let u = ProviderError::outcome_unknown(&ProviderError::network("reset"), Some("req-1"));
    assert!(
        u.message.contains("idempotencyKey \"req-1\""),
        "{}",
        u.message
    );
    let n = ProviderError::network("Failed to fetch");
    assert_eq!(
        (n.kind, n.retryable, n.status),
        (ErrorKind::Network, true, None)
    );
    assert!(n.message.contains("Failed to fetch"));
    let t = ProviderError::timeout(10_000);
    assert_eq!((t.kind, t.retryable), (ErrorKind::Timeout, true));
    assert_eq!(t.message, "No answer within 10000 ms.");
    let issue = Issue::new(vec![key("email")], Code::InvalidFormat, "bad");
    let v = ProviderError::validation(vec![issue.clone(), issue]);
    assert_eq!(
        (v.kind, v.retryable, v.issues.len()),
        (ErrorKind::Validation, false, 2)
    );
    assert_eq!(v.message, "The request has 2 problems; nothing was sent.");
    assert_eq!(v.to_string(), v.message);
    assert!(interpret("bvnk", BV_OP, 200, JSON, "{}")
        .into_result()
        .is_ok());
    assert!(interpret("bvnk", BV_OP, 500, JSON, "{}")
        .into_result()
        .is_err());
}

// ---------------------------------------------------------------- hostile input

#[test]
fn messages_never_echo_credentials() {
    let body = r#"{"error_code":"access_denied","error_info":{"user_message":"Bad header Authorization: Bearer sk_live_abcdef","developer_message":"got Basic YWJjOg== and Hawk id=\"x\", mac=\"zzz\" and eyJhbGciOi.eyJzdWIi.c2ln","code":"UNAUTHORIZED"}}"#;
    let e = fail("juspay", JP_OP, 401, body);
    for secret in ["sk_live_abcdef", "YWJjOg==", "zzz", "eyJhbGciOi"] {
        assert!(
            !e.message.contains(secret),
            "{secret} leaked into {:?}",
            e.message
        );
    }
    assert!(e.message.contains("[redacted]"));
}

#[test]
fn control_characters_and_long_messages_are_cleaned() {
    let long = "A".repeat(5_000);
    let body = json!({"errors": {"popi": [format!("line1\r\nline2\u{0}{long}")]}}).to_string();
    let e = fail("gathr", GA_OP, 422, &body);
    assert!(
        e.issues[0].message().starts_with("line1 line2 AAAA"),
        "{}",
        e.issues[0].message()
    );
    assert!(e.issues[0].message().chars().count() <= 501);
    assert_clean(&e);
}

#[test]
fn raw_body_is_capped_at_a_char_boundary() {
    let big = format!("{{\"errors\":\"{}\"}}", "é".repeat(100_000));
    let e = fail("gathr", GA_OP, 409, &big);
    let raw = e.raw.unwrap();
    assert!(
        raw.len() <= MAX_RAW_BYTES && raw.len() >= MAX_RAW_BYTES - 3,
        "{}",
        raw.len()
    );
    assert!(big.starts_with(&raw));
    assert!(e.message.chars().count() < 700);
}

#[test]
fn huge_and_deep_bodies_do_not_panic() {
    let deep_obj = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let deep_arr = "[".repeat(1_000_000);
    let huge = format!(
        "{{\"errors\":{{\"popi\":[\"{}\"]}}}}",
        "x".repeat(5 * 1024 * 1024)
    );
    let many_fields = json!({"errors": (0..10_000).map(|i| (format!("f{i}"), json!(["m"]))).collect::<serde_json::Map<_, _>>()}).to_string();
    for body in [&deep_obj, &deep_arr, &huge, &many_fields] {
        for p in ["accessbank", "juspay", "bvnk", "gathr", "m2p"] {
            for s in [200u16, 400, 401, 422, 500] {
                let _ = interpret(p, "x", s, JSON, body);
            }
        }
    }
    // Too large to parse: a 2xx is Decode, an error is Http.
    assert_eq!(fail("gathr", GA_OP, 200, &huge).kind, ErrorKind::Decode);
    assert_eq!(fail("gathr", GA_OP, 422, &huge).kind, ErrorKind::Http);
    // Issue count is capped.
    assert_eq!(
        fail("gathr", GA_OP, 422, &many_fields).issues.len(),
        customer_update::providers::MAX_ISSUES
    );
    // Deeply nested field names are cut.
    let deep_param =
        json!({"errorList": [{"code": "X", "parameter": "a.".repeat(10_000), "message": "m"}]})
            .to_string();
    assert!(fail("bvnk", BV_OP, 400, &deep_param).issues[0].path.len() <= 32);
}

#[test]
fn odd_json_values_in_known_keys() {
    let bodies = [
        r#"{"succeeded":false,"code":{"x":1},"message":[1],"errors":"str"}"#,
        r#"{"succeeded":false,"code":null,"errors":[null,1,"s",{"field":5}]}"#,
        r#"{"error_info":"not an object","error_code":7}"#,
        r#"{"error_info":{"fields":"nope","code":1.5}}"#,
        r#"{"error_info":{"fields":[{"field_name":""},{"field_name":"a[9999999999999]"},null]}}"#,
        r#"{"errorList":"nope","code":"bvnk:1"}"#,
        r#"{"errorList":[1,null,{"parameter":""},{"parameter":"[][]..[x"}]}"#,
        r#"{"errors":{"code":1,"message":2}}"#,
        r#"{"errors":[["nested"],{"a":1}]}"#,
        r#"{"errors":null,"message":null}"#,
        r#"{"businessCode":123,"fieldErrors":{"field":"x"}}"#,
        r#"{"fieldErrors":[{"field":null,"message":"x"},{"field":"ok"}]}"#,
        r#"{"business":"PPCUST_032","title":1}"#,
        "true",
        "12",
        "\"string\"",
        "null",
        "[]",
        "{}",
    ];
    for body in bodies {
        for p in ["accessbank", "juspay", "bvnk", "gathr", "m2p"] {
            for s in [200u16, 400, 403, 409, 422, 503] {
                if let Outcome::Failure(e) = interpret(p, "x", s, JSON, body) {
                    assert_clean(&e);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn interpret_never_panics_on_arbitrary_text(
        provider in prop::sample::select(vec!["accessbank", "juspay", "bvnk", "gathr", "m2p", "", "zz"]),
        status in 0u16..1000,
        ct in prop::option::of(".{0,30}"),
        body in ".{0,300}",
    ) {
        let out = interpret(provider, "op", status, ct.as_deref(), &body);
        if let Outcome::Failure(e) = out {
            prop_assert!(!e.message.is_empty());
            prop_assert_eq!(e.status, Some(status));
            prop_assert!(e.raw.as_ref().map_or(0, String::len) <= MAX_RAW_BYTES);
        }
    }

    #[test]
    fn interpret_never_panics_on_error_shaped_json(
        provider in prop::sample::select(vec!["accessbank", "juspay", "bvnk", "gathr", "m2p"]),
        status in prop::sample::select(vec![200u16, 400, 401, 403, 404, 409, 422, 429, 500]),
        field in "[a-zA-Z0-9_.\\[\\]\"$]{0,40}",
        msg in ".{0,80}",
        code in ".{0,20}",
    ) {
        let bodies = [
            json!({"succeeded": false, "code": code, "message": msg, "errors": {field.clone(): [msg.clone()]}}),
            json!({"error_info": {"code": code, "fields": [{"field_name": field, "reason": msg}]}}),
            json!({"errorList": [{"code": code, "parameter": field, "message": msg}]}),
            json!({"code": code, "message": msg, "details": {"errors": [{"field": field, "message": msg}]}}),
            json!({"errors": {field.clone(): msg.clone()}}),
            json!({"title": msg, "businessCode": code, "fieldErrors": [{"field": field, "message": msg}]}),
        ];
        for b in bodies {
            if let Outcome::Failure(e) = interpret(provider, "op", status, JSON, &b.to_string()) {
                prop_assert!(!e.message.chars().any(char::is_control));
                for i in &e.issues {
                    prop_assert!(i.path.len() <= 32);
                }
            }
        }
    }
}

// ---- the registry: one module per provider, nothing outside src/providers/ knows a key ----

#[test]
fn the_registry_lists_each_spec_provider_once_with_its_token_flow() {
    use customer_update::providers::{credentials, rules, REGISTRY};
    use customer_update::schema::AuthScheme;
    let keys: Vec<&str> = REGISTRY.iter().map(|r| r.key).collect();
    let spec: Vec<&str> = customer_update::PROVIDERS.iter().map(|p| p.key).collect();
    assert_eq!(keys, spec, "one Rules per spec provider, in spec order");
    for p in customer_update::PROVIDERS {
        let r = rules(p.key).unwrap();
        // A token flow exactly where the spec says `scheme = "token"`, and its credentials are
        // the spec's config keys.
        assert_eq!(r.token.is_some(), p.auth == AuthScheme::Token, "{}", p.key);
        if let Some(t) = &r.token {
            for k in t.credentials.iter().chain([&t.given_token]) {
                assert!(
                    p.config_keys.contains(k),
                    "{}: {k} is not in the spec's [auth] config",
                    p.key
                );
            }
        }
        let optional: Vec<&str> = credentials(p).filter(|(_, o)| *o).map(|(k, _)| k).collect();
        let expected: Vec<&str> = if r.token.is_some() {
            vec!["accessToken"]
        } else {
            vec![]
        };
        assert_eq!(optional, expected, "{}", p.key);
    }
    assert!(rules("nope").is_none());
}

#[test]
fn no_provider_key_outside_the_provider_modules() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut found = Vec::new();
    for f in files
        .iter()
        .filter(|f| !f.starts_with(src.join("providers")))
    {
        // Code only: a doc example may name a provider (it is what a user would write).
        let text = std::fs::read_to_string(f).unwrap();
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for p in customer_update::PROVIDERS {
            if code.contains(&format!("\"{}\"", p.key)) {
                found.push(format!("{} names \"{}\"", f.display(), p.key));
            }
        }
    }
    assert!(
        found.is_empty(),
        "provider knowledge outside src/providers/: {found:?}"
    );
}

/// `providers()` (`providers::Listing`) writes the keys of the one description the TypeScript
/// `ProviderInfo` is generated from (vocab/src/shapes.rs), for every provider of the specs.
#[test]
fn providers_listing_has_the_described_keys_for_every_provider() {
    use customer_update::rules::shapes::PROVIDER_INFO;
    let v: Value = serde_json::to_value(&customer_update::providers::Listing).unwrap();
    let list = v.as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|p| p["id"].as_str().unwrap()).collect();
    let spec: Vec<&str> = customer_update::PROVIDERS.iter().map(|p| p.key).collect();
    assert_eq!(ids, spec);
    for p in list {
        let mut got: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want: Vec<&str> = PROVIDER_INFO.iter().map(|p| p.name).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{p}");
        let ops = p["operations"].as_array().unwrap();
        assert!(ops
            .iter()
            .all(|op| customer_update::operation(op.as_str().unwrap()).is_some()));
        for c in p["credentials"].as_array().unwrap() {
            assert!(c["key"].is_string() && c["optional"].is_boolean(), "{c}");
        }
    }
}
