//! wasm-bindgen-test suite: the boundary and the client inside a real JS engine. Run in Node,
//! headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`) and a dedicated worker
//! (`WASM_BINDGEN_USE_DEDICATED_WORKER=1`) by scripts/test.sh. The client's network is an
//! injected `config.fetch`, so the same tests run in every environment.
#![cfg(all(target_arch = "wasm32", feature = "client"))]

use customer_update::wasm::client::JsClient as Client;
use customer_update::wasm::{
    build_request_js, check_input, diff_js, input_buffer, last_issues, operations, DAY_READ_BIT,
};
use js_sys::{Array, Function, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn json(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn lists_the_nine_operations() {
    let ops = operations();
    assert_eq!(ops.length(), 9);
    assert_eq!(
        ops.get(0).as_string().unwrap(),
        "accessbank.updateCustomerDetails"
    );
}

/// Today in Unix days (UTC), as the glue passes it to `checkInput`.
fn today() -> i32 {
    (js_sys::Date::now() / 86_400_000.0).floor() as i32
}

/// The hot path as the JS glue drives it: the text written into the input buffer, then
/// `checkInput` with the operation's index, the text's length and `day`; its whole answer.
fn check_on(op: &str, text: &[u8], day: i32) -> u32 {
    let index = customer_update::OPERATIONS
        .iter()
        .position(|o| o.id == op)
        .unwrap();
    let at = input_buffer(text.len() as u32);
    let buffer = unsafe { std::slice::from_raw_parts_mut(at as usize as *mut u8, text.len()) };
    buffer.copy_from_slice(text);
    check_input(index as u32, text.len() as u32, day)
}

/// `check_on` by the operation's index as `checkInput` takes it (flags included).
fn check_on_index(index: u32, text: &[u8], day: i32) -> u32 {
    let at = input_buffer(text.len() as u32);
    let buffer = unsafe { std::slice::from_raw_parts_mut(at as usize as *mut u8, text.len()) };
    buffer.copy_from_slice(text);
    check_input(index, text.len() as u32, day)
}

/// The verdict of `check_on` today (the bit that says the date was read left out).
fn check(op: &str, text: &[u8]) -> u32 {
    check_on(op, text, today()) & !DAY_READ_BIT
}

#[wasm_bindgen_test]
fn texts_either_side_of_the_static_input_buffer_validate_alike() {
    // The input buffer is static up to 4096 bytes, then on the heap: texts of every length about
    // that size, padded with JSON whitespace, each judged as its content says; then short texts
    // again, in the heap buffer.
    let op = "bvnk.updateCustomerStatus";
    let body = r#""customerReference":"c1","status":"VERIFIED""#;
    for n in [60, 4000, 4094, 4095, 4096, 4097, 9000, 60] {
        let text = format!("{{{}{body}}}", " ".repeat(n - body.len() - 2));
        assert_eq!(text.len(), n);
        assert_eq!(check(op, text.as_bytes()), 0, "{n} bytes");
        let refused = text.replace("VERIFIED", "VERIFIEX");
        assert_eq!(check(op, refused.as_bytes()), 1, "{n} bytes, refused");
    }
}

#[wasm_bindgen_test]
fn check_input_judges_on_the_day_it_is_given_and_says_when_it_read_it() {
    // A date of birth that must be in the past: 2030-01-01 before and after that day. 2029-01-01
    // and 2031-01-01 in Unix days.
    let (before, after) = (21_550, 22_280);
    let text = r#"{"customerReference":"c1","associates":[{"person":{"firstName":"A","lastName":"B","dateOfBirth":"2030-01-01"}}]}"#;
    let op = "bvnk.updateCustomerAssociates";
    assert_eq!(
        check_on(op, text.as_bytes(), after),
        DAY_READ_BIT,
        "valid, the day read"
    );
    assert_eq!(
        check_on(op, text.as_bytes(), before),
        1 | DAY_READ_BIT,
        "refused, the day read"
    );
    let at = last_issues();
    let words = unsafe { std::slice::from_raw_parts(at as usize as *const u32, 3) };
    assert_eq!(
        words[2], 1,
        "one issue: the date of birth after the day given"
    );
    // An input the date does not decide: the day is not read.
    let plain = r#"{"customerReference":"c1","status":"VERIFIED"}"#;
    assert_eq!(
        check_on("bvnk.updateCustomerStatus", plain.as_bytes(), before),
        0
    );
    assert_eq!(
        check_on("bvnk.updateCustomerStatus", plain.as_bytes(), after),
        0
    );
}

#[wasm_bindgen_test]
fn validates_with_every_issue() {
    // The issues wait in the wasm as compact records (the JS glue builds the objects).
    let text = r#"{"entityId":"E","nominees":[{"name":"A","relationship":"Son","percentShare":40,"minor":true}]}"#;
    assert_eq!(check("m2p.updateNomineeDetails", text.as_bytes()), 1);
    let at = last_issues();
    let expected = customer_update::validate::issues(
        customer_update::operation("m2p.updateNomineeDetails").unwrap(),
        &serde_json::from_str(text).unwrap(),
        customer_update::clock::today(),
    );
    let codes: Vec<&str> = expected.iter().map(|i| i.code.as_str()).collect();
    assert!(
        codes.contains(&"sum_mismatch") && codes.contains(&"guardian_required"),
        "{codes:?}"
    );
    let records = customer_update::validate::records::Records::encode(&expected);
    // The records as the glue reads them, in place in wasm memory: strings from the spec there
    // are named by address (`Records::in_memory`), so both are compared as what they say.
    let words = unsafe { std::slice::from_raw_parts(at as usize as *const u32, 4096) };
    let strings =
        unsafe { std::slice::from_raw_parts(words[0] as usize as *const u8, words[1] as usize) };
    let (in_memory, named) = readable(&words[2..], std::str::from_utf8(strings).unwrap());
    let (encoded, _) = readable(&records.words[2..], &records.strings);
    assert_eq!(in_memory, encoded);
    assert!(
        named > 0,
        "labels and spec keys are named by address in wasm memory"
    );
}

#[wasm_bindgen_test]
fn pieces_of_a_kept_ascii_input_are_named_by_offset() {
    // A caller that keeps the text (`KEEPS_TEXT`, api.js): an unknown key (its path step and its
    // argument) is named by its offset in an ASCII text, an integer argument is a word, and
    // nothing is left for the side string.
    let op = "m2p.updateCustomer";
    let text = r#"{"entityId":"E","emial":"x","communication":{"mobile":{"value":"9876543210","countryCode":1000}}}"#;
    let (side, codes) = kept_text_records(op, text);
    assert!(
        codes.contains(&"unknown_field") && codes.contains(&"out_of_range"),
        "{codes:?}"
    );
    assert_eq!(side, "", "nothing copied into the side string");
    // Not ASCII: the key is copied; an escaped key is decoded (a copy); a key of more than 64
    // characters is clipped (a copy).
    let key = "k".repeat(70);
    for text in [
        r#"{"entityId":"É","émial":"x"}"#.to_owned(),
        r#"{"entityId":"E","em\u0069al":"x"}"#.to_owned(),
        format!(r#"{{"entityId":"E","{key}":"x"}}"#),
    ] {
        let (side, codes) = kept_text_records(op, &text);
        assert!(codes.contains(&"unknown_field"), "{codes:?} on {text}");
        assert!(!side.is_empty(), "{text}");
    }
}

#[wasm_bindgen_test]
fn a_kept_inputs_item_fields_are_written_as_their_parts() {
    // A caller that keeps the text: the fields a rule's issue concerns in a list's items
    // (`nominees.0.guardian`, each item's `percentShare`) are written as their parts (the spec's
    // list and key by address, the index), not formatted into the side string; read as the glue
    // joins them, the records of the tree validator's issues.
    let op = "m2p.updateNomineeDetails";
    for text in [
        r#"{"entityId":"E","nominees":[{"name":"A","relationship":"Son","percentShare":40,"minor":true}]}"#,
        r#"{"entityId":"E","nominees":[{"name":"A","relationship":"Son","percentShare":40},{"name":"B","relationship":"Wife","percentShare":30,"minor":true,"dob":"2020-02-02"}]}"#,
    ] {
        let (side, codes) = kept_text_records(op, text);
        assert!(
            codes.contains(&"sum_mismatch") && codes.contains(&"guardian_required"),
            "{codes:?} on {text}"
        );
        assert_eq!(side, "", "nothing copied into the side string: {text}");
    }
}

#[wasm_bindgen_test]
fn a_kept_inputs_rule_arguments_are_named_by_offset() {
    // A caller that keeps the text: a cross-field rule's arguments that are values it read from
    // an ASCII text (the statuses of a refused transition, from either field) are named by their
    // offset: nothing is left for the side string. A value with an escape (decoded: a copy) or
    // a text outside ASCII (whose offsets are not the glue's) leaves a copy.
    let op = "m2p.updateCustomerStatus";
    for (text, copied) in [
        (
            r#"{"entityId":"E","status":"EXPIRED","currentStatus":"CLOSED"}"#,
            false,
        ),
        (
            r#"{"currentStatus":"CLOSED","status":"ACTIVE","entityId":"E"}"#,
            false,
        ),
        (
            r#"{"entityId":"E","status":"EXPIR\u0045D","currentStatus":"CLOSED"}"#,
            true,
        ),
        (
            r#"{"entityId":"E","status":"EXPIRED","currentStatus":"CL\u004fSED"}"#,
            true,
        ),
        (
            r#"{"entityId":"É","status":"EXPIRED","currentStatus":"CLOSED"}"#,
            true,
        ),
    ] {
        let (side, codes) = kept_text_records(op, text);
        assert!(codes.contains(&"invalid_transition"), "{codes:?} on {text}");
        assert_eq!(!side.is_empty(), copied, "{side:?} on {text}");
    }
}

/// Checks `text` for `op` in the wasm as api.js does (`KEEPS_TEXT`) and compares the records it
/// left in memory, read as the glue reads them (strings named by address, by offset in `text`
/// or copied), with the records of the issues the tree validator gives: the side string and the
/// codes.
fn kept_text_records(op: &str, text: &str) -> (String, Vec<&'static str>) {
    use customer_update::wasm::KEEPS_TEXT;
    let index = customer_update::OPERATIONS
        .iter()
        .position(|o| o.id == op)
        .unwrap() as u32;
    assert_eq!(
        check_on_index(index | KEEPS_TEXT, text.as_bytes(), today()) & !DAY_READ_BIT,
        1,
        "{text}"
    );
    let at = last_issues();
    let expected = customer_update::validate::issues(
        customer_update::operation(op).unwrap(),
        &serde_json::from_str(text).unwrap(),
        customer_update::clock::today(),
    );
    let records = customer_update::validate::records::Records::encode(&expected);
    let words = unsafe { std::slice::from_raw_parts(at as usize as *const u32, 4096) };
    let strings =
        unsafe { std::slice::from_raw_parts(words[0] as usize as *const u8, words[1] as usize) };
    let side = std::str::from_utf8(strings).unwrap();
    let (in_memory, _) = readable_in(&words[2..], side, text);
    let (encoded, _) = readable(&records.words[2..], &records.strings);
    assert_eq!(in_memory, encoded, "{text}");
    let codes = expected.iter().map(|i| i.code.as_str()).collect();
    (side.to_owned(), codes)
}

/// Records (from the issue count on) as a list of what they say, every string read (copied into
/// the side string `side` or named by address in this wasm's memory), as the glue (issues.js)
/// reads them; and how many strings or lists were named by address.
fn readable(words: &[u32], side: &str) -> (Vec<String>, usize) {
    readable_in(words, side, "")
}

/// [`readable`] of records that may also name pieces of the input text `input` by offset and
/// hold integers as words (a caller that keeps the text: `KEEPS_TEXT`).
fn readable_in(words: &[u32], side: &str, input: &str) -> (Vec<String>, usize) {
    use customer_update::validate::records::{
        INDEX, INPUT, INT, INT32, ITEM_FIELD, LIST, LIST_STATIC, STATIC, WORD,
    };
    struct R<'a> {
        words: &'a [u32],
        at: usize,
        units: Vec<u16>,
        named: usize,
        input: &'a str,
    }
    impl R<'_> {
        fn next(&mut self) -> u32 {
            self.at += 1;
            self.words[self.at - 1]
        }
        fn string(&mut self) -> String {
            let (w, n) = (self.next(), self.next());
            if (STATIC..INDEX).contains(&w) {
                self.named += 1;
                let b = unsafe {
                    std::slice::from_raw_parts((w - STATIC) as usize as *const u8, n as usize)
                };
                std::str::from_utf8(b).unwrap().to_owned()
            } else if (INPUT..STATIC).contains(&w) {
                let from = (w - INPUT) as usize;
                self.input[from..from + n as usize].to_owned()
            } else {
                String::from_utf16(&self.units[w as usize..(w + n) as usize]).unwrap()
            }
        }
    }
    let mut r = R {
        words,
        at: 0,
        units: side.encode_utf16().collect(),
        named: 0,
        input,
    };
    let mut out = Vec::new();
    for _ in 0..r.next() {
        let (msg, code, format, steps) = (r.next(), r.next(), r.next(), r.next());
        out.push(format!("issue {msg} {code} {format} {steps}"));
        for _ in 0..steps {
            if r.words[r.at] >= INDEX {
                let i = r.next() - INDEX;
                out.push(format!("index {i}"));
            } else {
                let key = r.string();
                out.push(format!("key {key}"));
            }
        }
        let params = customer_update::rules::messages::TEMPLATES[msg as usize]
            .params
            .len();
        for _ in 0..params {
            match r.next() {
                LIST => {
                    for _ in 0..r.next() {
                        let item = r.string();
                        out.push(format!("item {item}"));
                    }
                }
                LIST_STATIC => {
                    let (list, n) = (r.next(), r.next());
                    r.named += 1;
                    let items = unsafe {
                        std::slice::from_raw_parts(list as usize as *const &str, n as usize)
                    };
                    for item in items {
                        out.push(format!("item {item}"));
                    }
                }
                WORD => {
                    let w = r.next();
                    out.push(format!("word {w}"));
                }
                INT32 => {
                    let n = r.next() as i32;
                    out.push(format!("arg {INT} {n}"));
                }
                tag => {
                    let arg = r.string();
                    out.push(format!("arg {tag} {arg}"));
                }
            }
        }
        for _ in 0..r.next() {
            // An item's field as its parts (a caller that keeps the text): read as the glue
            // joins them, `list.index.key`.
            if (ITEM_FIELD..INPUT).contains(&r.words[r.at]) {
                let list = r.next() - ITEM_FIELD;
                let (n, i, key, k) = (r.next(), r.next(), r.next(), r.next());
                r.named += 1;
                let (list, key) = unsafe {
                    (
                        std::slice::from_raw_parts(list as usize as *const u8, n as usize),
                        std::slice::from_raw_parts(key as usize as *const u8, k as usize),
                    )
                };
                let (list, key) = (
                    std::str::from_utf8(list).unwrap(),
                    std::str::from_utf8(key).unwrap(),
                );
                out.push(format!("field {list}.{i}.{key}"));
                continue;
            }
            let field = r.string();
            out.push(format!("field {field}"));
        }
    }
    (out, r.named)
}

#[wasm_bindgen_test]
fn a_valid_input_is_the_number_zero() {
    assert_eq!(
        check(
            "bvnk.updateCustomerStatus",
            br#"{"customerReference":"r","status":"PENDING"}"#
        ),
        0
    );
}

#[wasm_bindgen_test]
fn hostile_texts_become_issues_not_traps() {
    // (Values JSON.stringify refuses never reach the wasm: the JS glue reports them, see
    // tests/node/validate.test.mjs.)
    let deep = "[".repeat(100_000);
    for text in [
        &b"\xff\xfe"[..],
        b"{\"customer_id\": ",
        b"null",
        b"1",
        deep.as_bytes(),
    ] {
        assert_eq!(
            check("gathr.updateCustomer", text),
            1,
            "refused: the issues wait in lastIssues"
        );
        let at = last_issues() as usize as *const u32;
        assert_eq!(unsafe { *at.add(2) }, 1, "one issue");
    }
    // still answers correctly afterwards
    assert_eq!(
        check(
            "gathr.updateCustomer",
            br#"{"customer_id":"16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","first_name":"A"}"#
        ),
        0
    );
}

#[wasm_bindgen_test]
fn an_unknown_operation_is_refused() {
    assert_eq!(
        check_input(9, 0, today()),
        2,
        "an index past the nine operations"
    );
    // (`describe` is the package's generated describe.js now; `diff` refuses the same way.)
    assert!(diff_js("x", &js("{}"), &js("{}"))
        .unwrap_err()
        .is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
fn diffs() {
    let p = diff_js(
        "gathr.updateCustomer",
        &js(r#"{"customer_id":"16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","first_name":"A"}"#),
        &js(r#"{"customer_id":"16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","first_name":"B"}"#),
    )
    .unwrap();
    assert_eq!(
        json(&p),
        r#"{"ok":true,"value":{"customer_id":"16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","first_name":"B"},"changed":["first_name"]}"#
    );
}

#[wasm_bindgen_test]
fn builds_requests() {
    let r = build_request_js(
        "juspay.updateCustomer",
        &js(r#"{"customer_id":"c 1","first_name":"Mary Ann"}"#),
        &js(r#"{"apiKey":"k","merchantId":"m"}"#),
    )
    .unwrap();
    assert_eq!(
        get(&r, "url").as_string().unwrap(),
        "https://sandbox.juspay.in/customers/c%201"
    );
    assert_eq!(get(&r, "body").as_string().unwrap(), "first_name=Mary+Ann");
    assert_eq!(
        get(&get(&r, "headers"), "Authorization")
            .as_string()
            .unwrap(),
        "Basic azo="
    );
}

/// A float's text in the wasm (laid out from the digits `JSON.stringify` writes) is serde_json's
/// (zmij's), on random doubles and on numbers with a few digits at every scale.
#[wasm_bindgen_test]
fn float_text_is_serde_jsons() {
    let check = |f: f64| {
        let Some(n) = serde_json::Number::from_f64(f) else {
            return;
        };
        let want = zmij::Buffer::new().format_finite(f).to_owned();
        assert_eq!(customer_update::encode::number_text(&n), want, "{f:?}");
    };
    for f in [
        0.0f64,
        -0.0,
        0.5,
        -1.5,
        91.0,
        1e15,
        1e16,
        1e20,
        1e21,
        1.5e-7,
        1e-5,
        1e-6,
        0.1 + 0.2,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        5e-324,
        1_658_206_780_088_562.2,
    ] {
        check(f);
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..100_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        check(f64::from_bits(x));
        check((x % 100_000) as f64 / 10f64.powi((x >> 40) as i32 % 30 - 10));
        check((x >> 11) as f64 / 4.0);
    }
}

/// In the wasm a power of ten is the literal `1eN` as `JSON.parse` reads it: every N a number's
/// exponent can ask for reads as Rust's literal, past 308 as serde_json (refused, or zero when
/// the significand is zero), and negative ones as the quotient.
#[wasm_bindgen_test]
fn pow10_is_the_literal_in_the_wasm() {
    let read = |text: &str| customer_update::encode::parse_json(text).and_then(|v| v.as_f64());
    for n in 0..=308 {
        let literal: f64 = format!("1e{n}").parse().unwrap();
        assert_eq!(
            read(&format!("1e{n}")).map(f64::to_bits),
            Some(literal.to_bits()),
            "1e{n}"
        );
        assert_eq!(read(&format!("7e-{n}")), Some(7.0 / literal), "7e-{n}");
    }
    assert_eq!(read("1e309"), None);
    assert_eq!(read("0e309"), Some(0.0));
    assert_eq!(read("1e-400"), Some(0.0));
}

/// A `config.fetch` that records requests and answers from a list of `[status, body, headers]`.
fn fake_fetch(answers: &str) -> (Function, Array) {
    let log = Array::new();
    let f = Function::new_with_args(
        "log, answers",
        "let i = 0; return async (req) => { log.push([req.method, req.url, req.headers.get('authorization'), await req.text()]);
           const [status, body, headers] = answers[Math.min(i++, answers.length - 1)];
           return new Response(body, { status, headers: Object.assign({ 'content-type': 'application/json' }, headers || {}) }); }",
    );
    let fetch = f.call2(&JsValue::NULL, &log, &js(answers)).unwrap();
    (fetch.dyn_into().unwrap(), log)
}

fn config(base: &str, fetch: &Function) -> JsValue {
    let c = js(base);
    Reflect::set(&c, &"fetch".into(), fetch).unwrap();
    c
}

async fn send(client: &Client, op: &str, input: &str) -> JsValue {
    JsFuture::from(client.send(op, js(input), js("{}")))
        .await
        .unwrap()
}

#[wasm_bindgen_test]
async fn client_sends_and_reads_success() {
    let (fetch, log) = fake_fetch(r#"[[200, "{\"data\":{\"id\":\"c\",\"first_name\":\"B\"}}"]]"#);
    let client = Client::new(
        "gathr",
        config(
            r#"{"baseUrl":"http://127.0.0.1:1/t","token":"secret-token"}"#,
            &fetch,
        ),
    )
    .unwrap();
    let r = send(
        &client,
        "gathr.updateCustomer",
        r#"{"customer_id":"16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","first_name":"B"}"#,
    )
    .await;
    assert_eq!(get(&r, "ok"), JsValue::TRUE, "{}", json(&r));
    assert_eq!(get(&r, "status").as_f64(), Some(200.0));
    assert_eq!(
        json(&get(&log, "0")),
        r#"["PATCH","http://127.0.0.1:1/t/customers/16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","Bearer secret-token","{\"first_name\":\"B\"}"]"#
    );
}

#[wasm_bindgen_test]
async fn client_maps_access_bank_200_failure() {
    let (fetch, _) = fake_fetch(
        r#"[[200, "{\"succeeded\":false,\"code\":\"31\",\"message\":\"Invalid account number\"}"]]"#,
    );
    let client = Client::new(
        "accessbank",
        config(r#"{"accessToken":"t","subscriptionKey":"s"}"#, &fetch),
    )
    .unwrap();
    let r = send(
        &client,
        "accessbank.updateCustomerDetails",
        r#"{"accountNo":"0702334455","email":"a@b.co"}"#,
    )
    .await;
    let e = get(&r, "error");
    assert_eq!(get(&e, "kind").as_string().unwrap(), "provider");
    assert_eq!(get(&e, "providerCode").as_string().unwrap(), "31");
}

#[wasm_bindgen_test]
async fn client_retries_a_put_after_503() {
    let (fetch, log) = fake_fetch(
        r#"[[503, "busy", {"retry-after": "0"}], [200, "{\"reference\":\"r\",\"status\":\"VERIFIED\"}"]]"#,
    );
    let client = Client::new("bvnk", config(r#"{"hawkId":"id","hawkKey":"key"}"#, &fetch)).unwrap();
    let r = send(
        &client,
        "bvnk.updateCustomerStatus",
        r#"{"customerReference":"r","status":"VERIFIED"}"#,
    )
    .await;
    assert_eq!(get(&r, "ok"), JsValue::TRUE, "{}", json(&r));
    assert_eq!(log.length(), 2);
    let auth = get(&get(&log, "0"), "2").as_string().unwrap();
    assert!(auth.starts_with("Hawk id=\"id\", ts=\""), "{auth}");
}

#[wasm_bindgen_test]
async fn client_never_retries_a_post_without_idempotency() {
    let (fetch, log) = fake_fetch(r#"[[503, "busy"], [200, "{}"]]"#);
    let client = Client::new(
        "juspay",
        config(r#"{"apiKey":"k","merchantId":"m"}"#, &fetch),
    )
    .unwrap();
    let r = send(
        &client,
        "juspay.updateCustomer",
        r#"{"customer_id":"c","first_name":"A"}"#,
    )
    .await;
    assert_eq!(get(&get(&r, "error"), "kind").as_string().unwrap(), "http");
    assert_eq!(log.length(), 1);
}

#[wasm_bindgen_test]
async fn client_reports_validation_without_sending() {
    let (fetch, log) = fake_fetch(r#"[[200, "{}"]]"#);
    let client = Client::new(
        "m2p",
        config(r#"{"tenantId":"T","accessToken":"t"}"#, &fetch),
    )
    .unwrap();
    let r = send(
        &client,
        "m2p.updateCustomerStatus",
        r#"{"entityId":"E","status":"ACTIVE","currentStatus":"ACTIVE"}"#,
    )
    .await;
    let e = get(&r, "error");
    assert_eq!(get(&e, "kind").as_string().unwrap(), "validation");
    // The issues cross as records (`issueRecords`: the words and their side string), which the
    // JS glue renders into `issues` with the message catalogs.
    assert_eq!(json(&get(&e, "issues")), "[]");
    let records = get(&e, "issueRecords");
    let words =
        js_sys::Uint32Array::new(&Reflect::get(&records, &JsValue::from(0)).unwrap()).to_vec();
    assert_eq!(words[2], 1, "one issue");
    let code = customer_update::rules::Code::ALL[words[4] as usize];
    assert_eq!(code.as_str(), "invalid_transition");
    assert!(Reflect::get(&records, &JsValue::from(1))
        .unwrap()
        .is_string());
    assert_eq!(log.length(), 0);
}
