//! Property tests. For all nine operations, on arbitrary JSON (keys drawn from the operation's
//! real field names plus junk, values of every JSON type, nested), and on random edits of the seed
//! examples:
//! - `validate::issues` never panics, and every issue points into the input;
//! - `request::build` succeeds exactly when validation finds nothing, and then every key of the
//!   body (parsed JSON, or the pairs of a form body) exists in the input at the same place, with
//!   the same value (only a generated `requestId` is new, and it is reported in `generated`).
//!
//! Deep nesting (thousands of levels, built directly: serde_json's parser stops at 128) is checked
//! separately, with the validator running on a small stack to show it does not recurse into it.

use customer_update::request::{build, Options, Secrets};
use customer_update::rules::{CivilDate, Code, Issue, PathSeg};
use customer_update::schema::{Encoding, Loc, Object, Operation, Ty};
use customer_update::validate::scan::{Scan, Stop};
use customer_update::validate::{self, MAX_ISSUES};
use customer_update::OPERATIONS;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

fn today() -> CivilDate {
    CivilDate::new(2026, 11, 22).unwrap()
}

struct PropSecrets(u32);
impl Secrets for PropSecrets {
    fn config(&self, key: &str) -> Option<String> {
        Some(format!("cfg-{key}"))
    }
    fn token(&self) -> Option<String> {
        Some("tok".into())
    }
    fn hawk(&mut self, method: &str, url: &str) -> Option<String> {
        Some(format!("Hawk {method} {url}"))
    }
    fn uuid(&mut self) -> String {
        self.0 += 1;
        format!("00000000-0000-4000-8000-{:012}", self.0)
    }
}

// ---------------------------------------------------------------- strategies

/// Every key name the operation's input knows, at any depth.
fn field_names(op: &Operation) -> Vec<String> {
    fn walk_ty(ty: &Ty, seen: &mut BTreeSet<&'static str>, out: &mut BTreeSet<String>) {
        match ty {
            Ty::Object(obj) => walk(obj, seen, out),
            Ty::Array { items, .. } => walk_ty(items, seen, out),
            _ => {}
        }
    }
    fn walk(obj: &'static Object, seen: &mut BTreeSet<&'static str>, out: &mut BTreeSet<String>) {
        if !seen.insert(obj.name) {
            return;
        }
        for f in obj.fields {
            out.insert(f.name.to_owned());
            walk_ty(&f.ty, seen, out);
        }
    }
    let mut out = BTreeSet::new();
    walk(op.input, &mut BTreeSet::new(), &mut out);
    out.into_iter().collect()
}

/// Strings that hit the formats and enums (valid and nearly valid), plus arbitrary text.
fn string_value() -> impl Strategy<Value = String> {
    const INTERESTING: &[&str] = &[
        "",
        " ",
        "x",
        "a@b.co",
        " a@b.co",
        "_a@b.co",
        "jane.doe@example.com",
        "+2348012345678",
        "+123456789",
        "08012345678",
        "0702334455",
        "9876543210",
        "91",
        "+91",
        "091",
        "US",
        "UK",
        "XK",
        "us",
        "GB",
        "ZA",
        "600100",
        "060001",
        "10/10/1999",
        "1/1/1999",
        "29/02/2023",
        "2001-01-31",
        "2023-02-29",
        "2030-01-01",
        "2010-05-05",
        "AJXPC9886A",
        "abcde1234f",
        "8511215433085",
        "8511215433086",
        "passport",
        "id_number",
        "VERIFIED",
        "PENDING",
        "verified",
        "ACTIVE",
        "CLOSED",
        "EXPIRED",
        "LOCKED",
        "CREDIT_FREEZE",
        "Male",
        "male",
        "LOW",
        "DRIVERS_LICENSE",
        "Mary Ann",
        "Mary  Ann",
        "a/b c",
        "é✓\u{0}\"\\",
        "cst_om2l6ctlptxwxuzj",
        "cst_1\r\nX-Evil: 1",
        "cst_1 ",
        "cst\u{7f}1",
    ];
    prop_oneof![
        3 => prop::sample::select(INTERESTING).prop_map(str::to_owned),
        1 => any::<String>(),
        1 => "[A-Za-z0-9 ._@+-]{0,16}",
    ]
}

fn key(names: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(names),
        1 => "[a-zA-Z_]{0,10}",
        1 => any::<String>(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..200).prop_map(|n| json!(n)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        Just(json!(50.0)),
        string_value().prop_map(Value::String),
    ]
}

/// Arbitrary JSON whose object keys are mostly the operation's own field names.
fn json_value(names: Vec<String>) -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 96, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key(names.clone()), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An arbitrary input object for operation `i`.
fn arbitrary_input() -> impl Strategy<Value = (usize, Value)> {
    (0..OPERATIONS.len()).prop_flat_map(|i| {
        let names = field_names(OPERATIONS[i]);
        let top = prop::collection::btree_map(key(names.clone()), json_value(names.clone()), 0..10)
            .prop_map(|m| Value::Object(m.into_iter().collect()));
        (Just(i), prop_oneof![8 => top, 1 => json_value(names)])
    })
}

#[derive(Clone, Debug)]
enum EditKind {
    Remove,
    Replace(Value),
    Insert(String, Value),
}

/// A seed example of operation `i` with a few random edits (removals, replaced values, new keys).
fn edited_example() -> impl Strategy<Value = (usize, Value)> {
    (0..OPERATIONS.len()).prop_flat_map(|i| {
        let names = field_names(OPERATIONS[i]);
        let edit = prop_oneof![
            2 => Just(EditKind::Remove),
            2 => json_value(names.clone()).prop_map(EditKind::Replace),
            1 => leaf().prop_map(EditKind::Replace),
            2 => (key(names.clone()), json_value(names)).prop_map(|(k, v)| EditKind::Insert(k, v)),
        ];
        (Just(i), prop::collection::vec((any::<Index>(), edit), 0..4)).prop_map(|(i, edits)| {
            let mut v: Value = serde_json::from_str(OPERATIONS[i].example).unwrap();
            for (at, kind) in edits {
                apply(&mut v, at, kind);
            }
            (i, v)
        })
    })
}

/// JSON pointers of every node of `v` (the root is "").
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                pointers(
                    child,
                    format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                pointers(child, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

fn apply(v: &mut Value, at: Index, kind: EditKind) {
    let mut all = Vec::new();
    pointers(v, String::new(), &mut all);
    let ptr = at.get(&all).clone();
    match kind {
        EditKind::Replace(new) => {
            if let Some(node) = v.pointer_mut(&ptr) {
                *node = new;
            }
        }
        EditKind::Insert(k, new) => match v.pointer_mut(&ptr) {
            Some(Value::Object(m)) => {
                m.insert(k, new);
            }
            Some(Value::Array(a)) => a.push(new),
            _ => {}
        },
        EditKind::Remove => {
            let Some((parent, last)) = ptr.rsplit_once('/') else {
                return;
            };
            let last = last.replace("~1", "/").replace("~0", "~");
            match v.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.remove(&last);
                }
                Some(Value::Array(a)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < a.len() {
                            a.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------- the properties

fn at<'v>(v: &'v Value, path: &[PathSeg]) -> Option<&'v Value> {
    path.iter().try_fold(v, |node, seg| match seg {
        PathSeg::Key(k) => node.as_object()?.get(k),
        PathSeg::Index(i) => node.as_array()?.get(*i),
    })
}

/// Every issue is well formed and points into the input: at a value that is there, or (for a
/// missing key) at a key of an object that is there.
fn check_issue(input: &Value, issue: &Issue) -> Result<(), String> {
    if issue.message().is_empty() {
        return Err(format!("empty message: {issue:?}"));
    }
    if (issue.code == Code::InvalidFormat) != issue.format.is_some() {
        return Err(format!("format detail only on invalid_format: {issue:?}"));
    }
    match issue.code {
        Code::Required | Code::GuardianRequired => {
            let (last, parent) = issue
                .path
                .split_last()
                .ok_or("a missing key needs a path")?;
            let parent = at(input, parent)
                .and_then(Value::as_object)
                .ok_or(format!("no parent object for {issue:?}"))?;
            match last {
                PathSeg::Key(k) if !parent.contains_key(k) => Ok(()),
                _ => Err(format!("{issue:?}: the key is there")),
            }
        }
        _ => at(input, &issue.path)
            .map(|_| ())
            .ok_or(format!("{issue:?} points nowhere in {input}")),
    }
}

fn same_number(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    a == b
        || match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs()),
            _ => false,
        }
}

/// Every key of `sent` exists in `given` at the same place, with the same value.
fn same_place(sent: &Value, given: &Value, path: &str) -> Result<(), String> {
    match (sent, given) {
        (Value::Object(s), Value::Object(g)) => {
            for (k, sv) in s {
                let gv = g
                    .get(k)
                    .ok_or_else(|| format!("{path}/{k} was sent but is not in the input"))?;
                same_place(sv, gv, &format!("{path}/{k}"))?;
            }
            Ok(())
        }
        (Value::Array(s), Value::Array(g)) if s.len() == g.len() => s
            .iter()
            .zip(g)
            .enumerate()
            .try_for_each(|(i, (sv, gv))| same_place(sv, gv, &format!("{path}/{i}"))),
        (Value::Number(s), Value::Number(g)) if same_number(s, g) => Ok(()),
        (s, g) if s == g => Ok(()),
        (s, g) => Err(format!("{path}: sent {s}, given {g}")),
    }
}

fn form_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

fn check_operation(op: &Operation, input: &Value) -> Result<(), TestCaseError> {
    let found = validate::issues(op, input, today());
    prop_assert!(found.len() <= MAX_ISSUES);
    // The wasm package's path (the JSON text read by `json::parse`, no serde_json tree) finds
    // exactly the same issues: serde_json writes keys in the order its map iterates them.
    let text = serde_json::to_string(input).unwrap();
    prop_assert_eq!(
        &validate::issues_text(op, &text, today()),
        &found,
        "text path: {}",
        text
    );
    for issue in &found {
        check_issue(input, issue).map_err(TestCaseError::fail)?;
    }
    let encodings: &[Option<Encoding>] = if op.encoding == Encoding::Form {
        &[None, Some(Encoding::Json)]
    } else {
        &[None]
    };
    for &encoding in encodings {
        let options = Options {
            encoding,
            ..Default::default()
        };
        let result = build(op, input, &options, &mut PropSecrets(0), today());
        let built = match result {
            Err(issues) => {
                prop_assert_eq!(
                    &issues,
                    &found,
                    "{}: build reports the validator's issues",
                    op.id
                );
                continue;
            }
            Ok(built) => built,
        };
        prop_assert!(found.is_empty(), "{}: built despite {:?}", op.id, found);
        let given = input.as_object().unwrap();
        let body = built.request.body.as_deref().unwrap();
        prop_assert!(built.request.url.starts_with(op.provider.sandbox_url));
        prop_assert!(
            !built.request.url.contains('{'),
            "unfilled path parameter in {}",
            built.request.url
        );
        match encoding.unwrap_or(op.encoding) {
            Encoding::Json => {
                let sent: Value = serde_json::from_str(body)
                    .map_err(|e| TestCaseError::fail(format!("{e}: {body}")))?;
                let sent = sent.as_object().unwrap();
                // Generated fields are the one documented addition (A.4 Access Bank requestId).
                let mut sent_given = sent.clone();
                for (name, value) in &built.generated {
                    prop_assert!(
                        !given.contains_key(*name),
                        "{} generated over a given {}",
                        op.id,
                        name
                    );
                    prop_assert_eq!(sent_given.remove(*name), Some(Value::String(value.clone())));
                }
                same_place(&Value::Object(sent_given.clone()), input, "")
                    .map_err(TestCaseError::fail)?;
                // ... and every given body field is sent; path and input-only fields never are.
                for k in given.keys() {
                    let loc = op.input.field(k).map(|f| f.loc);
                    prop_assert_eq!(
                        sent_given.contains_key(k),
                        loc == Some(Loc::Body),
                        "{}: {}",
                        op.id,
                        k
                    );
                }
            }
            Encoding::Form => {
                let pairs: Vec<(String, String)> = if body.is_empty() {
                    Vec::new()
                } else {
                    body.split('&')
                        .map(|p| {
                            let (k, v) = p.split_once('=').unwrap();
                            (form_decode(k), form_decode(v))
                        })
                        .collect()
                };
                for (k, v) in &pairs {
                    let g = given
                        .get(k)
                        .ok_or_else(|| TestCaseError::fail(format!("{k} sent, not given")))?;
                    prop_assert_eq!(Some(v.as_str()), g.as_str(), "{}", k);
                }
                let sent: BTreeSet<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
                for k in given.keys() {
                    let loc = op.input.field(k).map(|f| f.loc);
                    prop_assert_eq!(
                        sent.contains(k.as_str()),
                        loc == Some(Loc::Body),
                        "{}: {}",
                        op.id,
                        k
                    );
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics_and_builds_only_given_keys((i, input) in arbitrary_input()) {
        check_operation(OPERATIONS[i], &input)?;
    }

    #[test]
    fn edited_examples_never_panic_and_build_only_given_keys((i, input) in edited_example()) {
        check_operation(OPERATIONS[i], &input)?;
    }

    #[test]
    fn every_operation_survives_any_input(input in json_value(OPERATIONS.iter().flat_map(|op| field_names(op)).collect())) {
        for op in OPERATIONS {
            check_operation(op, &input)?;
        }
    }
}

/// The generated one-pass validator against the reporting validator (its oracle), on one input
/// written compactly and pretty-printed: it accepts exactly what the report finds no issue in,
/// unless the text holds an escape, which it leaves to the full reader (`Stop::Unsure`).
/// Repeated keys cannot occur here (serde_json values); the fuzz target covers them.
fn agree(i: usize, input: &Value) -> Result<(), TestCaseError> {
    let op = OPERATIONS[i];
    for text in [
        serde_json::to_string(input).unwrap(),
        serde_json::to_string_pretty(input).unwrap(),
    ] {
        let report = validate::report_text(op, &text, today());
        let verdict = (op.one_pass.0)(&mut Scan::with_today(&text, today()));
        match verdict {
            Ok(()) => prop_assert!(
                report.is_empty(),
                "{}: one pass accepts {text} but the report says {report:?}",
                op.id
            ),
            Err(Stop::Unsure) => {
                prop_assert!(text.contains('\\'), "{}: unsure about {text}", op.id)
            }
            Err(Stop::Invalid) => prop_assert!(
                !report.is_empty(),
                "{}: one pass refuses {text} but the report finds nothing",
                op.id
            ),
        }
        // And the public path gives the report's issues either way.
        prop_assert_eq!(validate::issues_text(op, &text, today()), report);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn one_pass_agrees_on_arbitrary_json((i, input) in arbitrary_input()) {
        agree(i, &input)?;
    }

    #[test]
    fn one_pass_agrees_on_edited_examples((i, input) in edited_example()) {
        agree(i, &input)?;
    }
}

/// The edited examples reach both outcomes (so the build property is really exercised).
#[test]
fn edited_examples_cover_valid_and_invalid_inputs() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = edited_example();
    let (mut valid, mut invalid) = (BTreeSet::new(), BTreeSet::new());
    for _ in 0..600 {
        let (i, input) = strategy.new_tree(&mut runner).unwrap().current();
        if validate::issues(OPERATIONS[i], &input, today()).is_empty() {
            valid.insert(i);
        } else {
            invalid.insert(i);
        }
    }
    assert_eq!(
        valid.len(),
        OPERATIONS.len(),
        "every operation sees valid edited inputs: {valid:?}"
    );
    assert_eq!(
        invalid.len(),
        OPERATIONS.len(),
        "every operation sees invalid edited inputs: {invalid:?}"
    );
}

// ---------------------------------------------------------------- deep nesting

/// `depth` levels of alternating arrays and objects around `1`, built without recursion.
fn deep(depth: usize) -> Value {
    let mut v = json!(1);
    for level in 0..depth {
        v = if level % 2 == 0 {
            Value::Array(vec![v])
        } else {
            let mut m = Map::new();
            m.insert("firstName".into(), v);
            Value::Object(m)
        };
    }
    v
}

/// Runs `f` on a thread with a large stack: serde_json's own `Drop`, `Clone` and `to_string` of a
/// value thousands of levels deep recurse (about 1 KiB a level in debug builds).
fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

/// Places where a deep value can sit in each operation's input.
fn deep_inputs(op: &Operation, depth: usize) -> Vec<Value> {
    let mut out = vec![deep(depth)];
    let example: Value = serde_json::from_str(op.example).unwrap();
    let mut keys: Vec<String> = example.as_object().unwrap().keys().cloned().collect();
    keys.push("junk".into());
    for k in keys {
        let mut v = example.clone();
        v.as_object_mut().unwrap().insert(k, deep(depth));
        out.push(v);
    }
    match op.id {
        "m2p.updateCustomer" => {
            out.push(json!({"entityId": "e1", "customerRiskDetails": {"x": deep(depth)}}));
            out.push(
                json!({"entityId": "e1", "nationalIdentity": {"a": deep(depth), "b": deep(depth)}}),
            );
            out.push(json!({"entityId": "e1", "customerAdditionalDetails": {"x": deep(depth)}}));
        }
        "m2p.updateNomineeDetails" => {
            out.push(json!({"entityId": "e1", "nominees": [{"name": "A", "relationship": "Son", "percentShare": 100,
                "minor": true, "guardian": {"name": "G", "x": deep(depth)}}]}));
            out.push(json!({"entityId": "e1", "nominees": [deep(depth)]}));
        }
        "bvnk.updateCustomerAssociates" => {
            out.push(json!({"customerReference": "r", "associates": [{"person": deep(depth)}]}));
        }
        _ => {}
    }
    out
}

#[test]
fn deep_nesting_is_handled_without_deep_recursion_in_the_validator() {
    with_big_stack(|| {
        for op in OPERATIONS {
            for input in deep_inputs(op, 10_000) {
                // The validator runs on a 256 KiB stack: it never follows nesting the spec does not have.
                let found = std::thread::scope(|s| {
                    std::thread::Builder::new()
                        .stack_size(256 << 10)
                        .spawn_scoped(s, || validate::issues(op, &input, today()))
                        .unwrap()
                        .join()
                        .unwrap()
                });
                for issue in &found {
                    check_issue(&input, issue).unwrap();
                }
            }
        }
    });
}

#[test]
fn deep_values_in_open_objects_are_built_unchanged() {
    with_big_stack(|| {
        let mut built_ok = 0;
        for op in OPERATIONS {
            for input in deep_inputs(op, 5_000) {
                let found = validate::issues(op, &input, today());
                match build(
                    op,
                    &input,
                    &Options::default(),
                    &mut PropSecrets(0),
                    today(),
                ) {
                    Ok(built) => {
                        assert!(found.is_empty());
                        // serde_json's parser stops at 128 levels, so compare text instead.
                        let body = built.request.body.unwrap();
                        let mut expected = input.clone();
                        let map = expected.as_object_mut().unwrap();
                        map.retain(|k, _| op.input.field(k).is_some_and(|f| f.loc == Loc::Body));
                        // The open objects hold the deep value; declared keys come out in spec order.
                        let deep_text = deep(5_000).to_string();
                        assert!(
                            body.contains(&deep_text),
                            "{}: the deep value is sent as given",
                            op.id
                        );
                        assert_eq!(
                            body.len(),
                            Value::Object(map.clone()).to_string().len(),
                            "{}",
                            op.id
                        );
                        built_ok += 1;
                    }
                    Err(issues) => assert_eq!(issues, found),
                }
            }
        }
        // customerRiskDetails, nationalIdentity and the guardian's open keys.
        assert_eq!(built_ok, 3);
    });
}

/// The checkers above do catch what they look for.
#[test]
fn the_checkers_catch_invented_keys_and_stray_paths() {
    assert!(same_place(&json!({"a": 1}), &json!({"a": 1, "b": 2}), "").is_ok());
    assert!(same_place(
        &json!({"a": {"x": [1, 2.5]}}),
        &json!({"a": {"x": [1, 2.5], "y": 0}}),
        ""
    )
    .is_ok());
    assert!(
        same_place(&json!({"a": 1, "c": 2}), &json!({"a": 1}), "").is_err(),
        "an invented key"
    );
    assert!(
        same_place(&json!({"a": {"z": 1}}), &json!({"a": {}}), "").is_err(),
        "an invented nested key"
    );
    assert!(
        same_place(&json!({"a": " x"}), &json!({"a": "x"}), "").is_err(),
        "a changed value"
    );
    assert!(
        same_place(&json!({"a": [1]}), &json!({"a": [1, 2]}), "").is_err(),
        "a dropped item"
    );

    let input = json!({"a": {"b": [0]}});
    let issue = |path: Vec<PathSeg>, code| Issue::new(path, code, "m");
    assert!(check_issue(
        &input,
        &issue(vec!["a".into(), "b".into(), 0.into()], Code::InvalidType)
    )
    .is_ok());
    assert!(check_issue(&input, &issue(vec!["a".into(), "c".into()], Code::Required)).is_ok());
    assert!(
        check_issue(&input, &issue(vec!["a".into(), "b".into()], Code::Required)).is_err(),
        "required but present"
    );
    assert!(
        check_issue(
            &input,
            &issue(vec!["a".into(), "c".into()], Code::InvalidType)
        )
        .is_err(),
        "points nowhere"
    );
    assert!(
        check_issue(&input, &issue(vec![], Code::InvalidFormat)).is_err(),
        "invalid_format without a format"
    );

    assert_eq!(form_decode("a+b%2B%40%C3%A9"), "a b+@é");
}
