//! The generated reporting validators against their oracle, the table interpreter over the tree
//! (`validate::report_text`): the exact issues (path, code, template, arguments, format,
//! fields) in the exact order, on every input the repository has and on seeded mutations of
//! them. Inputs: the seed examples; the JS cases (`tests/support/report-cases.json`, written by
//! `tests/support/report-cases.mjs` from tests/node/cases.mjs and bench/cases.mjs: the timed
//! payloads, the agreement cases, the probes, 1000 seeded mutations); the fuzz seeds
//! (`fuzz/seeds/validate`); hostile texts built here. Each text is read for its own operation
//! and for every other one, on two dates; then mutated (values, keys, escapes, repeated keys,
//! bytes) and read again. The records the reporter writes directly for the wasm package
//! (`report::report_into`) are held to those of the oracle's issues on every input.

use customer_update::rules::{CivilDate, Issue};
use customer_update::schema::Operation;
use customer_update::validate::records::Records;
use customer_update::validate::{self, report};
use customer_update::{operation, OPERATIONS};
use serde_json::Value;
use std::fmt::Write as _;

fn todays() -> [CivilDate; 2] {
    [
        CivilDate::new(2026, 11, 22).unwrap(),
        CivilDate::from_unix_days(20_000 + 200 * 97),
    ]
}

/// The texts of the repository's cases, with the operation each was written for.
fn cases() -> Vec<(&'static Operation, String)> {
    let mut out: Vec<(&'static Operation, String)> = OPERATIONS
        .iter()
        .map(|op| (*op, op.example.to_owned()))
        .collect();
    let js: Vec<Value> =
        serde_json::from_str(include_str!("support/report-cases.json")).expect("report-cases.json");
    for case in js {
        let op = operation(case["op"].as_str().unwrap()).unwrap();
        out.push((op, case["text"].as_str().unwrap().to_owned()));
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds/validate");
    let mut seeds: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for path in seeds {
        let bytes = std::fs::read(&path).unwrap();
        if let [op_byte, _day, rest @ ..] = bytes.as_slice() {
            if let Ok(text) = std::str::from_utf8(rest) {
                let op = OPERATIONS[usize::from(*op_byte) % OPERATIONS.len()];
                out.push((op, text.to_owned()));
            }
        }
    }
    out.extend(hostile());
    out
}

/// Texts built to stress the walk: the cap, repeated and escaped keys, long keys, deep nesting,
/// big lists, every kind of value where each field is expected, texts that are not JSON.
fn hostile() -> Vec<(&'static Operation, String)> {
    let m2p = operation("m2p.updateCustomer").unwrap();
    let nominees = operation("m2p.updateNomineeDetails").unwrap();
    let associates = operation("bvnk.updateCustomerAssociates").unwrap();
    let gathr = operation("gathr.updateCustomer").unwrap();
    let access = operation("accessbank.updateCustomerDetails").unwrap();
    let mut out = Vec::new();
    let many = |n: usize, f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<Vec<_>>().join(",");
    for op in OPERATIONS {
        // 300 unknown keys (the cap), some repeated, some close to a field.
        out.push((
            *op,
            format!("{{{}}}", many(300, &|i| format!("\"k{}\":{i}", i % 250))),
        ));
        out.push((
            *op,
            format!("{{{}}}", many(40, &|i| format!("\"k{}\":{i}", i % 7))),
        ));
        // Long and escaped keys, a key longer than 64 characters with multi-byte characters.
        out.push((
            *op,
            format!(
                "{{\"{}\":1,\"\\u00e9\\n\\\"\":2,\"{}\":3}}",
                "x".repeat(100),
                "é".repeat(70)
            ),
        ));
        for text in [
            "",
            " ",
            "nul",
            "[]",
            "null",
            "1",
            "\"x\"",
            "{",
            "{}",
            "{\"a\"",
            "{\"a\":}",
            "{\"a\":1,}",
            "{\"a\":1}x",
            "[1,]",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\udc00x\"}",
            "{\"a\":1e400}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\u{1}\"}",
            "{\"\\u12\":1}",
            "{\"a\":-}",
            "{\"a\":01}",
            " { } ",
            "{\"a\":tru}",
            "{\"a\":[1 2]}",
            "{\"a\" 1}",
            "{1:1}",
            // Issues read before a syntax error later in the text (the grammar is checked while
            // the input object's members are read): only the unreadable issue.
            "{\"k\":1,\"l\":null,\"m\":{\"n\":[1,{\"o\":}]}}",
            "{\"k\":1,\"l\":null} ,",
            "{\"k\":1,\"l\":\"\\ud800\"}",
        ] {
            out.push((*op, text.to_owned()));
        }
        out.push((*op, format!("{}{}", "[".repeat(129), "]".repeat(129))));
        out.push((
            *op,
            format!("{{\"a\":{}1{}}}", "[".repeat(127), "]".repeat(127)),
        ));
        out.push((
            *op,
            format!("{{\"a\":{}1{}}}", "[".repeat(128), "]".repeat(128)),
        ));
    }
    // Lists beyond their bounds, with bad items, past the cap.
    let nominee = r#"{"name":"","relationship":null,"dob":"2099-01-01","age":3.5,"percentShare":"x","minor":1,"guardian":[],"mobile":{"value":1},"address":{"pin":"1","zz":1}}"#;
    for n in [0, 1, 2, 5, 11, 60] {
        out.push((
            nominees,
            format!(
                "{{\"entityId\":\"E\",\"nominees\":[{}]}}",
                many(n, &|_| nominee.to_owned())
            ),
        ));
    }
    let associate =
        r#"{"firstName":null,"x":1,"dateOfBirth":"1.1.2000","ownershipPercentage":101}"#;
    for n in [0, 1, 3, 30, 80] {
        out.push((
            associates,
            format!(
                "{{\"customerReference\":\"r\",\"associates\":[{}]}}",
                many(n, &|_| associate.to_owned())
            ),
        ));
    }
    // Open objects and maps: null values, non-strings, repeated and escaped keys.
    out.push((
        m2p,
        r#"{"entityId":"E","customerAdditionalDetails":{"a":null,"b":1,"\u0061":"","c":"x","b":"y","d":[],"e":{}},"customerRiskDetails":{"a":null,"a":{"b":[1,{"c":null}]}},"nationalIdentity":[]}"#.to_owned(),
    ));
    out.push((
        m2p,
        format!(
            "{{\"entityId\":\"E\",\"customerAdditionalDetails\":{{{}}}}}",
            many(300, &|i| format!(
                "\"k{i}\":{}",
                if i % 2 == 0 { "null" } else { "1" }
            ))
        ),
    ));
    // Repeated declared keys: the last value counts, the first position.
    out.push((gathr, r#"{"email":"bad","customer_id":"16cd33d2-cf0a-66ad-8150-cb39e9b9ff27","email":"a@b.co","email":null,"popi":"true","full_name":"X","id_type":"passport","id_number":"8511215433086","id_type":"x"}"#.to_owned()));
    out.push((access, r#"{"accountNo":"0702334455","ema\u0069l":"a@b.co","\u0065mail":"bad","phoneNumber":"+2348012345678","accountNo":1}"#.to_owned()));
    out.push((
        access,
        r#"{"accountNo":"0702334455","email":"a\u0040b.co","requestId":"\u0000"}"#.to_owned(),
    ));
    out
}

/// A seeded generator (xorshift64*), so every run reads the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn edge_values() -> Vec<Value> {
    let texts = [
        "null",
        "true",
        "false",
        "0",
        "1",
        "-1",
        "1.5",
        "100",
        "150",
        "151",
        "1000",
        "9007199254740993",
        "1e21",
        "-0",
        "\"\"",
        "\" \"",
        "\"x\"",
        "\"ACTIVE\"",
        "\"active\"",
        "\"CLOSED\"",
        "\"Male\"",
        "\"2024-02-29\"",
        "\"2099-01-01\"",
        "\"29/02/2024\"",
        "\"01/01/2020\"",
        "\"a@b.co\"",
        "\"a@b\"",
        "\"+2348012345678\"",
        "\"8001015009087\"",
        "\"ABCDE1234F\"",
        "\"600100\"",
        "\"9876543210\"",
        "\"US\"",
        "\"UK\"",
        "\"passport\"",
        "[]",
        "{}",
        "[null]",
        "[1,\"a\",{}]",
        "{\"a\":null}",
        "{\"value\":\"9876543210\",\"countryCode\":91}",
        "true",
    ];
    let mut v: Vec<Value> = texts
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect();
    v.push(Value::String("X".repeat(300)));
    v.push(Value::String("é".repeat(130)));
    v
}

const EXTRA_KEYS: &[&str] = &[
    "email",
    "Email",
    "emial",
    "name",
    "status",
    "currentStatus",
    "guardian",
    "minor",
    "dob",
    "age",
    "percentShare",
    "id_type",
    "id_number",
    "zip",
    "countryCode",
    "value",
    "pin",
    "customer_id",
    "customerID",
    "requestId",
    "first_name",
    "firstname",
    "nominees",
    "associates",
    "x",
];

/// One random edit somewhere in `v`: a value replaced, a key dropped, renamed or added.
fn mutate(v: &mut Value, rng: &mut Rng, edges: &[Value]) {
    match v {
        Value::Object(map) if !map.is_empty() && rng.chance(70) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = rng.pick(&keys).clone();
            match rng.below(6) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    let value = map.remove(&key).unwrap();
                    let renamed = match rng.below(3) {
                        0 => key.to_uppercase(),
                        1 => format!("{key}x"),
                        _ => key.chars().skip(1).collect(),
                    };
                    map.insert(renamed, value);
                }
                2 => {
                    map.insert(rng.pick(EXTRA_KEYS).to_string(), rng.pick(edges).clone());
                }
                3 => {
                    map.insert(key, rng.pick(edges).clone());
                }
                _ => mutate(map.get_mut(&key).unwrap(), rng, edges),
            }
        }
        Value::Array(items) if !items.is_empty() && rng.chance(70) => match rng.below(4) {
            0 => {
                let first = items[0].clone();
                items.push(first);
            }
            1 => {
                items.pop();
            }
            _ => {
                let i = rng.below(items.len());
                mutate(&mut items[i], rng, edges);
            }
        },
        Value::Object(map) => {
            map.insert(rng.pick(EXTRA_KEYS).to_string(), rng.pick(edges).clone());
        }
        other => *other = rng.pick(edges).clone(),
    }
}

/// `v` as JSON text, with random escapes in keys and strings, repeated members (before or
/// after the original, with another value) and whitespace.
fn write(v: &Value, rng: &mut Rng, edges: &[Value], out: &mut String) {
    match v {
        Value::String(s) => write_str(s, rng, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, rng, edges, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            let mut first = true;
            let mut member = |k: &str, v: &Value, rng: &mut Rng, out: &mut String| {
                if !first {
                    out.push(',');
                }
                first = false;
                if rng.chance(5) {
                    out.push_str(" \n");
                }
                write_str(k, rng, out);
                out.push(':');
                write(v, rng, edges, out);
            };
            for (k, v) in map {
                let repeat = rng.chance(8).then(|| rng.pick(edges).clone());
                let before = rng.chance(50);
                if let (Some(r), true) = (&repeat, before) {
                    member(k, r, rng, out);
                }
                member(k, v, rng, out);
                if let (Some(r), false) = (&repeat, before) {
                    member(k, r, rng, out);
                }
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn write_str(s: &str, rng: &mut Rng, out: &mut String) {
    let escape = rng.chance(10);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if escape && rng.chance(30) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04X}");
                }
            }
            '/' if escape => out.push_str("\\/"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A byte-level edit (most give text that is not JSON).
fn break_text(text: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    let mut out: String = chars[..at].iter().collect();
    match rng.below(3) {
        0 => {}
        1 => out.push(*rng.pick(&[
            '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '0', 'e', '-', 'n',
        ])),
        _ => out.extend(chars.get(at + 1..at + 2).into_iter().flatten()),
    }
    if rng.chance(80) {
        out.extend(chars.iter().skip(at + 1));
    }
    out
}

fn same(op: &Operation, text: &str, checked: &mut usize) {
    for today in todays() {
        let want = validate::report_text(op, text, today);
        let got = report::report(op, text, today);
        assert_eq!(got, want, "{} on {text:?} ({today:?})", op.id);
        same_records(op, text, today, &want);
        *checked += 1;
    }
}

thread_local! {
    /// The date `clock` gives (the lazily read date of `report_into_at`).
    static CLOCK: std::cell::Cell<Option<CivilDate>> = const { std::cell::Cell::new(None) };
}

fn clock() -> CivilDate {
    CLOCK.with(|c| c.get()).expect("the test's date is set")
}

/// The records the reporter writes directly (the wasm package's path) are those of the issues
/// (all but the first two words: the side string's address), written over a buffer that held
/// other records before.
fn same_records(op: &Operation, text: &str, today: CivilDate, issues: &[Issue]) {
    let want = Records::encode(issues);
    let mut got = Records::encode(&validate::report_text(
        op,
        "{\"x\":[1,{\"y\":null}]}",
        today,
    ));
    report::report_into(op, text, today, &mut got);
    assert_eq!(
        got.words.get(2..),
        want.words.get(2..),
        "{} on {text:?}",
        op.id
    );
    assert_eq!(got.strings, want.strings, "{} on {text:?}", op.id);
    // The wasm's path: today read from the clock only when a format or rule needs it.
    CLOCK.with(|c| c.set(Some(today)));
    let mut lazy = Records::new();
    report::report_into_at(op, text, None, clock, &mut lazy);
    assert_eq!(
        (lazy.words.get(2..), &lazy.strings),
        (want.words.get(2..), &want.strings),
        "{} on {text:?}, date read lazily",
        op.id
    );
    assert_eq!(
        (got.words[0], got.words[1]),
        (
            got.strings.as_ptr() as usize as u32,
            got.strings.len() as u32
        )
    );
}

#[test]
fn the_report_gives_the_interpreters_issues_on_every_case() {
    let mut checked = 0;
    for (op, text) in cases() {
        for other in OPERATIONS {
            if std::ptr::eq(*other, op) {
                same(op, &text, &mut checked);
            } else {
                // Another operation's input: mostly unknown keys; checked on one date.
                let today = todays()[0];
                let want = validate::report_text(other, &text, today);
                assert_eq!(
                    report::report(other, &text, today),
                    want,
                    "{} on {text:?}",
                    other.id
                );
                same_records(other, &text, today, &want);
            }
        }
    }
    assert!(checked > 2000, "{checked}");
}

#[test]
fn the_report_gives_the_interpreters_issues_on_mutated_cases() {
    let edges = edge_values();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut checked, mut invalid, mut valid) = (0, 0, 0);
    let cases = cases();
    for (op, text) in &cases {
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        for _ in 0..20 {
            let mut v = value.clone();
            for _ in 0..=rng.below(3) {
                mutate(&mut v, &mut rng, &edges);
            }
            let mut text = String::new();
            write(&v, &mut rng, &edges, &mut text);
            if rng.chance(10) {
                text = break_text(&text, &mut rng);
            }
            if validate::report_text(op, &text, todays()[0]).is_empty() {
                valid += 1;
            } else {
                invalid += 1;
            }
            same(op, &text, &mut checked);
        }
    }
    // The unedited object of each operation, written with escapes and repeats only.
    for op in OPERATIONS {
        let value: Value = serde_json::from_str(op.example).unwrap();
        for _ in 0..200 {
            let mut text = String::new();
            write(&value, &mut rng, &edges, &mut text);
            if validate::report_text(op, &text, todays()[0]).is_empty() {
                valid += 1;
            } else {
                invalid += 1;
            }
            same(op, &text, &mut checked);
        }
    }
    assert!(checked > 50_000, "{checked}");
    eprintln!("{checked} comparisons, {valid} valid and {invalid} invalid mutated texts");
    assert!(
        valid > 1000 && invalid > 10_000,
        "valid {valid}, invalid {invalid}"
    );
}

/// `validate::issues` over a `serde_json::Value` (written as text for the generated validators)
/// against the interpreter over the tree view of the same value.
fn same_value(op: &Operation, value: &Value) {
    for today in todays() {
        assert_eq!(
            validate::issues(op, value, today),
            validate::issues_tree(op, value, today),
            "{} on {value}",
            op.id
        );
    }
}

#[test]
fn values_get_the_interpreters_issues() {
    let edges = edge_values();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut checked = 0;
    for (op, text) in cases() {
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        same_value(op, &value);
        for _ in 0..4 {
            let mut v = value.clone();
            mutate(&mut v, &mut rng, &edges);
            same_value(op, &v);
            checked += 1;
        }
    }
    assert!(checked > 5000, "{checked}");
    // Numbers the text form writes differently: fractions near whole numbers, beyond 2^53 and
    // 2^63, negative zero.
    let numbers = [
        0.5,
        -0.5,
        0.1,
        1e-300,
        4503599627370495.5,
        -4503599627370495.5,
        9007199254740991.0,
        9007199254740992.0,
        9007199254740993.0,
        9.2e18,
        9.3e18,
        1e21,
        -1e21,
        1.7e308,
        -0.0,
        150.0,
        151.0,
        100.0000001,
    ];
    let ints = [i64::MIN, -1, 0, 99, 100, 101, i64::MAX];
    for op in OPERATIONS {
        let example: Value = serde_json::from_str(op.example).unwrap();
        let keys: Vec<String> = example.as_object().unwrap().keys().cloned().collect();
        for key in keys.iter().chain(["x".to_owned()].iter()) {
            for n in numbers {
                let mut v = example.clone();
                v[key.as_str()] = serde_json::json!(n);
                same_value(op, &v);
            }
            for n in ints {
                let mut v = example.clone();
                v[key.as_str()] = serde_json::json!(n);
                same_value(op, &v);
            }
            let mut v = example.clone();
            v[key.as_str()] = serde_json::json!(u64::MAX);
            same_value(op, &v);
        }
    }
    let nominees = operation("m2p.updateNomineeDetails").unwrap();
    for share in [50.5, 100.0, 1e300, -0.0] {
        let v = serde_json::json!({"entityId": "E", "nominees": [
            {"name": "A", "relationship": "Son", "percentShare": share, "age": share, "dob": "2000-01-01"}]});
        same_value(nominees, &v);
    }
    // Deep values: inside an open object, in a typed field, as an item.
    let m2p = operation("m2p.updateCustomer").unwrap();
    let mut deep = serde_json::json!(1);
    for level in 0..300 {
        deep = if level % 2 == 0 {
            Value::Array(vec![deep])
        } else {
            serde_json::json!({ "k": deep })
        };
    }
    for v in [
        serde_json::json!({"entityId": "E", "customerRiskDetails": {"x": deep.clone()}}),
        serde_json::json!({"entityId": "E", "firstName": deep.clone(), "zz": deep.clone()}),
        serde_json::json!({"entityId": "E", "customerAdditionalDetails": {"x": deep.clone()}}),
        deep.clone(),
    ] {
        same_value(m2p, &v);
    }
    same_value(
        nominees,
        &serde_json::json!({"entityId": "E", "nominees": [deep.clone(), {"guardian": deep}]}),
    );
}

/// A list read once (`Report::list_once`: no most items, at least 0 or 1; nominees): items of
/// every kind, whitespace around items and commas, members after the list, nested lists and
/// objects in an item, an empty list, and lists whose items' issues reach the cap, each against
/// the interpreter (`Issue`s and records).
#[test]
fn a_list_read_once_gives_the_interpreters_issues() {
    let nominees = operation("m2p.updateNomineeDetails").unwrap();
    let item = r#"{"name":"","dob":"2020-02-30","percentShare":1.5,"minor":true,"x":[1,{"y":[]}],"mobile":{"value":1}}"#;
    let mut checked = 0;
    let mut texts: Vec<String> = [
        "[]",
        " [ ] ",
        "[null]",
        "[ null , 1 , \"x\" , [] , [ {} ] , true , {} ]",
        "[{}, {\"name\":null} ]",
        "[{\"guardian\":[{\"a\":[]}],\"name\":\"A\"} , {\"mobile\":{\"value\":\"9876543210\",\"countryCode\":[]}}]",
        "{}",
        "null",
        "\"[]\"",
    ]
    .iter()
    .map(|list| format!("{{ \"nominees\" : {list} , \"entityId\":\"\",\"zz\":[1]}}"))
    .collect();
    for n in [1, 2, 3, 7, 30, 40] {
        let list = vec![item; n].join(" ,\n ");
        texts.push(format!(
            "{{\"entityId\":\"E\",\"nominees\":[ {list} ],\"x\":1}}"
        ));
        texts.push(format!("{{\"nominees\":[{list}],\"nominees\":[{item}]}}"));
    }
    for text in &texts {
        same(nominees, text, &mut checked);
    }
    assert_eq!(checked, 2 * texts.len());
}

/// The rules' view of a list's items (`Report::view_of`): items whose rule fields (minor, dob,
/// guardian, age, percentShare) are repeated (the last value wins), missing, `null`, of the
/// wrong type or escaped, items that are not objects, undeclared keys beside them, a repeated
/// list, a list that is not one: the reporter's issues (the rules' included) are the tree
/// interpreter's. (What a view taken from the walk's slots instead of a second reading of the
/// items must keep: bench/targets.md, "Session 15: the invalid path".)
#[test]
fn a_rules_view_of_list_items_gives_the_interpreters_issues() {
    let nominees = operation("m2p.updateNomineeDetails").unwrap();
    let items = [
        r#"{"name":"A","relationship":"Son","percentShare":50,"minor":true}"#,
        r#"{"name":"A","relationship":"Son","percentShare":50,"minor":false,"minor":true,"dob":"2020-01-01"}"#,
        r#"{"name":"A","relationship":"Son","percentShare":50,"minor":true,"minor":false,"dob":"2020-01-01"}"#,
        r#"{"name":"A","relationship":"Son","percentShare":50,"dob":"2015-05-05","age":3}"#,
        r#"{"name":"A","relationship":"Son","percentShare":50,"dob":"1990-05-05","age":"30","age":30}"#,
        r#"{"name":"A","relationship":"Son","percentShare":30,"minor":true,"guardian":null}"#,
        r#"{"name":"A","relationship":"Son","percentShare":30,"minor":true,"guardian":{"name":"G"}}"#,
        r#"{"name":"A","relationship":"Son","percentShare":"50","minor":"yes","dob":20200101}"#,
        r#"{"name":"A","relationship":"Son","percentShare":60,"minor":true,"dob":"2019-01-01"}"#,
        r#"{"zz":1,"name":"A","relationship":"Son","percentShare":40,"percentShare":60,"yy":[]}"#,
        r#"{}"#,
        "null",
        "7",
        r#"[{"minor":true}]"#,
    ];
    let mut checked = 0;
    let mut texts = Vec::new();
    for a in items {
        texts.push(format!(r#"{{"entityId":"E","nominees":[{a}]}}"#));
        for b in items {
            texts.push(format!(r#"{{"entityId":"E","nominees":[{a}, {b}]}}"#));
        }
        texts.push(format!(
            r#"{{"nominees":[{a}],"entityId":"E","nominees":[{a},{a}]}}"#
        ));
    }
    texts.push(r#"{"entityId":"E","nominees":{"minor":true}}"#.to_owned());
    texts.push(r#"{"entityId":"E","nominees":null}"#.to_owned());
    for text in &texts {
        same(nominees, text, &mut checked);
    }
    assert_eq!(checked, 2 * texts.len());
}

/// One records buffer reused by every walk, as the wasm's are (their buffers kept between
/// calls), gives the records a fresh buffer gives: each case read
/// for its own operation and for the next one, so that walks of other shapes, cut texts and
/// texts that are not JSON come between.
#[test]
fn records_reused_across_walks_are_those_of_fresh_ones() {
    let today = todays()[0];
    let mut reused = Records::new();
    let mut checked = 0;
    for (op, text) in cases() {
        let at = OPERATIONS
            .iter()
            .position(|o| std::ptr::eq(*o, op))
            .unwrap();
        for o in [op, OPERATIONS[(at + 1) % OPERATIONS.len()]] {
            let mut fresh = Records::new();
            report::report_into(o, &text, today, &mut fresh);
            report::report_into(o, &text, today, &mut reused);
            assert_eq!(
                (reused.words.get(2..), &reused.strings),
                (fresh.words.get(2..), &fresh.strings),
                "{} on {text:?}",
                o.id
            );
            checked += 1;
        }
    }
    assert!(checked > 1_000, "{checked}");
}
