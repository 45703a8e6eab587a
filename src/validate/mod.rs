//! Runs an operation's generated tables over a JSON input and collects every issue
//! (docs/providers.md#common): per-field checks in spec order, then unknown and read-only keys, then the
//! operation's named cross-field rules. Values are never trimmed or rewritten.

#[doc(hidden)] // not API: the issue records the wasm boundary passes to JS
pub mod records;
pub mod scan;

use crate::json::{self, Json, Obj};
use crate::rules::formats::Failure;
use crate::rules::suggest;
use crate::rules::{Arg, CivilDate, Code, Issue, Msg, PathSeg, Word};
use crate::schema::{Extra, Field, Object, Operation, Str, Ty};
use scan::Scan;
use serde_json::Value;

/// At most this many issues are reported for one input (a hostile input with 100 000 unknown
/// keys would otherwise build 100 000 messages). Real forms stay far below it.
pub const MAX_ISSUES: usize = 200;

/// Validates `input` for `op`; `today` is the current UTC date (for past dates and ages).
/// `Ok(())` means the input may be sent as it is.
pub fn validate(op: &Operation, input: &Value, today: CivilDate) -> Result<(), Vec<Issue>> {
    verdict(issues(op, input, today))
}

/// Every issue of `input` for `op` (empty when valid).
pub fn issues(op: &Operation, input: &Value, today: CivilDate) -> Vec<Issue> {
    issues_in(op, &Json::from_value(input), today)
}

/// Every issue of the JSON `text` for `op` (empty when valid): the validation path of the wasm
/// package. The operation's generated one-pass validator reads the text first; only when it does
/// not accept it is the text read into a tree and every issue collected. Text that is not JSON is
/// one issue at the root.
pub fn issues_text(op: &Operation, text: &str, today: CivilDate) -> Vec<Issue> {
    let mut scan = Scan::with_today(text, today);
    if (op.one_pass.0)(&mut scan).is_ok() {
        return Vec::new();
    }
    report_text(op, text, today)
}

/// `Ok` when the JSON `text` is valid for `op` as it is, else every issue: the verdict without
/// a value, for callers that hold the text (an edge function forwarding a request body).
///
/// ```
/// use customer_update::{operation, rules::CivilDate, validate::check_text};
/// let op = operation("m2p.updateCustomerStatus").unwrap();
/// let today = CivilDate::new(2026, 1, 1).unwrap();
/// assert!(check_text(op, r#"{"entityId":"E1","status":"BLOCKED","currentStatus":"ACTIVE"}"#, today).is_ok());
/// let issues = check_text(op, r#"{"entityId":"E1","status":"CLOSED","currentStatus":"CLOSED"}"#, today).unwrap_err();
/// assert_eq!(issues[0].path_string(), "status");
/// assert_eq!(issues[0].code.as_str(), "invalid_transition");
/// ```
pub fn check_text(op: &Operation, text: &str, today: CivilDate) -> Result<(), Vec<Issue>> {
    verdict(issues_text(op, text, today))
}

/// [`check_text`] over bytes that should be UTF-8 JSON text, with today's date read from
/// `clock` only when a check needs it (the wasm package's path: the date comes from
/// `Date.now()` across the boundary, so valid inputs without dates never ask).
pub fn check_bytes(
    op: &Operation,
    bytes: &[u8],
    clock: fn() -> CivilDate,
) -> Result<(), Vec<Issue>> {
    let Ok(text) = core::str::from_utf8(bytes) else {
        return Err(vec![Issue::of(
            Vec::new(),
            Code::InvalidType,
            Msg::Unreadable,
            vec![Arg::Str("The input"), Arg::Str("it is not UTF-8 text")],
        )]);
    };
    let mut scan = Scan::new(text, clock);
    if (op.one_pass.0)(&mut scan).is_ok() {
        return Ok(());
    }
    verdict(report_text(op, text, scan.today()))
}

/// No issue is `Ok`; any issue, `Err` with all of them.
fn verdict(issues: Vec<Issue>) -> Result<(), Vec<Issue>> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

/// Every issue of `text` for `op`, read into a tree (the reporting path, and the oracle the
/// one-pass validators are tested against).
pub fn report_text(op: &Operation, text: &str, today: CivilDate) -> Vec<Issue> {
    match json::parse(text) {
        Ok(input) => issues_in(op, &input, today),
        Err(e) => vec![unreadable("The input", &e)],
    }
}

/// The issue for a text that cannot be read as JSON; `what` names it ("The input").
pub fn unreadable(what: &'static str, e: &json::Error) -> Issue {
    let (msg, mut args) = e.message();
    args.insert(0, Arg::Str(what));
    Issue::of(Vec::new(), Code::InvalidType, msg, args)
}

/// Every issue of an already-read input for `op` (empty when valid).
pub fn issues_in(op: &Operation, input: &Json<'_>, today: CivilDate) -> Vec<Issue> {
    let mut cx = Cx {
        today,
        issues: Vec::new(),
    };
    let mut path = Vec::new();
    match input {
        Json::Obj(map) => {
            cx.object(op.input, map, &mut path);
            for rule in op.rules {
                if cx.full() {
                    break;
                }
                rule.check(map, today, &mut cx.issues);
            }
            cx.issues.truncate(MAX_ISSUES);
        }
        other => cx.push(
            &path,
            Code::InvalidType,
            Msg::NotObject,
            vec![Arg::Word(describe(other))],
        ),
    }
    cx.issues
}

struct Cx {
    today: CivilDate,
    issues: Vec<Issue>,
}

/// A path step during the walk: borrowed from the spec or the input, so visiting a field
/// allocates nothing; it becomes a [`PathSeg`] only when an issue is recorded.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn owned(path: &[Step<'_>]) -> Vec<PathSeg> {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => PathSeg::Key((*k).to_owned()),
            Step::Index(i) => PathSeg::Index(*i),
        })
        .collect()
}

fn describe(v: &Json<'_>) -> Word {
    match v {
        Json::Null => Word::Null,
        Json::Bool(_) => Word::Boolean,
        Json::Num(_) => Word::Number,
        Json::Str(_) => Word::String,
        Json::Arr(_) => Word::List,
        Json::Obj(_) => Word::Object,
    }
}

impl Cx {
    fn full(&self) -> bool {
        self.issues.len() >= MAX_ISSUES
    }

    fn push(&mut self, path: &[Step<'_>], code: Code, msg: Msg, args: Vec<Arg>) {
        if !self.full() {
            self.issues.push(Issue::of(owned(path), code, msg, args));
        }
    }

    fn object<'a>(&mut self, spec: &'a Object, map: &'a Obj<'a>, path: &mut Vec<Step<'a>>) {
        // Keys are unique (the reader keeps each once), so when every key was a declared field
        // the search for unknown keys below can be skipped.
        let mut declared = 0;
        for field in spec.fields {
            if self.full() {
                return;
            }
            path.push(Step::Key(field.name));
            let found = map.get(field.name);
            declared += usize::from(found.is_some());
            match found {
                None if field.required => {
                    self.push(
                        path,
                        Code::Required,
                        Msg::Required,
                        vec![Arg::Str(field.label)],
                    );
                }
                None => {}
                Some(value) => match field.read_only {
                    Some(why) => self.push(
                        path,
                        Code::ReadOnly,
                        Msg::ReadOnly,
                        vec![Arg::Str(why), Arg::Str(field.name)],
                    ),
                    None if value.is_null() => self.push(
                        path,
                        Code::NullNotAllowed,
                        Msg::NullNotAllowed,
                        vec![Arg::Str(field.label)],
                    ),
                    None => self.value(&field.ty, field, value, path),
                },
            }
            path.pop();
        }
        if declared == map.len() {
            return;
        }
        for (key, value) in map.iter() {
            if self.full() {
                return;
            }
            if spec.field(key).is_some() {
                continue;
            }
            path.push(Step::Key(key));
            match spec.extra {
                Extra::Deny => {
                    let known = spec
                        .fields
                        .iter()
                        .filter(|f| f.read_only.is_none())
                        .map(|f| f.name);
                    let (msg, args) = match suggest::closest(key, known) {
                        Some(s) => (
                            Msg::UnknownFieldSuggest,
                            vec![Arg::Owned(clip(key)), Arg::Str(s)],
                        ),
                        None => (Msg::UnknownField, vec![Arg::Owned(clip(key))]),
                    };
                    self.push(path, Code::UnknownField, msg, args);
                }
                Extra::Allow(Ty::Any) => {}
                Extra::Allow(ty) => {
                    if value.is_null() {
                        self.push(
                            path,
                            Code::NullNotAllowed,
                            Msg::NullKey,
                            vec![Arg::Owned(clip(key))],
                        );
                    } else {
                        self.value(ty, &EXTRA_LABEL, value, path);
                    }
                }
            }
            path.pop();
        }
    }

    fn value<'a>(
        &mut self,
        ty: &'a Ty,
        field: &'a Field,
        value: &'a Json<'a>,
        path: &mut Vec<Step<'a>>,
    ) {
        let label = field.label;
        match ty {
            Ty::Any => {}
            _ if value.is_null() => {
                self.push(
                    path,
                    Code::NullNotAllowed,
                    Msg::NullValue,
                    vec![Arg::Str(label)],
                );
            }
            Ty::String(rule) => match value.as_str() {
                Some(s) => self.string(rule, label, s, path),
                None => self.push(
                    path,
                    Code::InvalidType,
                    Msg::NotText,
                    vec![Arg::Str(label), Arg::Word(describe(value))],
                ),
            },
            Ty::Boolean => {
                if value.as_bool().is_none() {
                    self.push(
                        path,
                        Code::InvalidType,
                        Msg::NotBoolean,
                        vec![Arg::Str(label), Arg::Word(describe(value))],
                    );
                }
            }
            Ty::Number => {
                if value.as_f64().is_none() {
                    self.push(
                        path,
                        Code::InvalidType,
                        Msg::NotNumber,
                        vec![Arg::Str(label), Arg::Word(describe(value))],
                    );
                }
            }
            Ty::Integer { min, max } => match value.as_integer() {
                Some(n) => {
                    let low = min.is_some_and(|m| n < m);
                    let high = max.is_some_and(|m| n > m);
                    if low || high {
                        let (label, n) = (Arg::Str(label), Arg::Int(n));
                        let (msg, args) = match (*min, *max) {
                            (Some(a), Some(b)) => {
                                (Msg::OutOfRange, vec![label, Arg::Int(a), Arg::Int(b), n])
                            }
                            (Some(a), None) => (Msg::BelowMin, vec![label, Arg::Int(a), n]),
                            (None, Some(b)) => (Msg::AboveMax, vec![label, Arg::Int(b), n]),
                            // `low || high` needs a bound.
                            (None, None) => return,
                        };
                        self.push(path, Code::OutOfRange, msg, args);
                    }
                }
                None => self.push(
                    path,
                    Code::InvalidType,
                    Msg::NotInteger,
                    vec![Arg::Str(label), Arg::Word(describe_number(value))],
                ),
            },
            Ty::Object(spec) => match value.as_object() {
                Some(map) => self.object(spec, map, path),
                None => self.push(
                    path,
                    Code::InvalidType,
                    Msg::NotObjectField,
                    vec![Arg::Str(label), Arg::Word(describe(value))],
                ),
            },
            Ty::Map { values } => match value.as_object() {
                Some(map) => {
                    for (key, v) in map.iter() {
                        if self.full() {
                            return;
                        }
                        path.push(Step::Key(key));
                        self.value(values, field, v, path);
                        path.pop();
                    }
                }
                None => self.push(
                    path,
                    Code::InvalidType,
                    Msg::NotObjectField,
                    vec![Arg::Str(label), Arg::Word(describe(value))],
                ),
            },
            Ty::Array {
                items,
                min_items,
                max_items,
            } => match value.as_array() {
                Some(list) => {
                    let n = list.len();
                    if n < *min_items as usize {
                        let (msg, args) = if *min_items == 1 {
                            (Msg::TooFewOne, vec![Arg::Str(label)])
                        } else {
                            (
                                Msg::TooFew,
                                vec![Arg::Str(label), Arg::Int(i64::from(*min_items))],
                            )
                        };
                        self.push(path, Code::TooFewItems, msg, args);
                    } else if max_items.is_some_and(|m| n > m as usize) {
                        let m = max_items.unwrap_or_default();
                        self.push(
                            path,
                            Code::TooManyItems,
                            Msg::TooMany,
                            vec![Arg::Str(label), Arg::Int(i64::from(m)), Arg::count(n)],
                        );
                        return;
                    }
                    for (i, item) in list.iter().enumerate() {
                        if self.full() {
                            return;
                        }
                        path.push(Step::Index(i));
                        self.value(items, field, item, path);
                        path.pop();
                    }
                }
                None => self.push(
                    path,
                    Code::InvalidType,
                    Msg::NotList,
                    vec![Arg::Str(label), Arg::Word(describe(value))],
                ),
            },
        }
    }

    fn string(&mut self, rule: &Str, label: &'static str, s: &str, path: &[Step<'_>]) {
        if s.is_empty() {
            if rule.min_len > 0 {
                self.push(path, Code::Empty, Msg::Empty, vec![Arg::Str(label)]);
            }
            return;
        }
        if let Some(max) = rule.max_len {
            // A string has at most as many characters as bytes: only long ones are counted.
            if s.len() > max as usize && char_count(s) > max as usize {
                self.push(
                    path,
                    Code::TooLong,
                    Msg::TooLong,
                    vec![Arg::Str(label), Arg::Int(i64::from(max))],
                );
                return;
            }
        }
        if !rule.enum_values.is_empty() && !rule.open_enum && !rule.enum_values.contains(&s) {
            let (label, values) = (Arg::Str(label), Arg::List(rule.enum_values));
            let (msg, args) = match rule.enum_values.iter().find(|v| v.eq_ignore_ascii_case(s)) {
                Some(close) => (Msg::NotInEnumSuggest, vec![label, values, Arg::Str(close)]),
                None => (Msg::NotInEnum, vec![label, values]),
            };
            self.push(path, Code::NotInEnum, msg, args);
            return;
        }
        if let Some(format) = rule.format {
            match format.check(s, self.today) {
                Ok(()) => {}
                Err(Failure::InFuture) => {
                    self.push(
                        path,
                        Code::DateInFuture,
                        Msg::InFuture,
                        vec![Arg::Str(label)],
                    );
                }
                Err(Failure::Invalid) => {
                    if !self.full() {
                        let (msg, args) = format.invalid(label, s);
                        let mut issue = Issue::of(owned(path), Code::InvalidFormat, msg, args);
                        issue.format = Some(format.name());
                        self.issues.push(issue);
                    }
                }
            }
        }
    }
}

/// Characters (Unicode scalar values) in `s`: its bytes that do not continue a UTF-8 sequence.
fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| (*b as i8) >= -0x40).count()
}

/// The field record used for values under keys an open object does not name.
static EXTRA_LABEL: Field = Field {
    name: "",
    label: "This value",
    hint: "",
    loc: crate::schema::Loc::Body,
    required: false,
    read_only: None,
    generate: None,
    ty: Ty::Any,
};

fn describe_number(v: &Json<'_>) -> Word {
    match v {
        Json::Num(f) if f.fract() != 0.0 => Word::Fraction,
        Json::Num(_) => Word::UnsafeInteger,
        other => describe(other),
    }
}

/// A key as shown in a message: at most 64 characters, so a hostile key stays readable.
fn clip(key: &str) -> String {
    if key.chars().count() <= 64 {
        key.to_owned()
    } else {
        let mut s: String = key.chars().take(61).collect();
        s.push_str("...");
        s
    }
}

/// Issues as a JSON array of `{ path, code, message, format?, fields? }` (`rules::shapes::ISSUE`),
/// English messages: the JSON of Rust callers (`client::result_json`, `unified::failure_json`).
/// JavaScript callers never get this text: the wasm hands every issue over as records
/// (`validate::records`), which the JS glue renders with the message catalogs.
pub fn issues_to_json(issues: &[Issue]) -> String {
    let mut w = json::Writer::new();
    w.issues(issues);
    w.finish()
}

/// `s` as a JSON string literal (quotes, backslashes and control characters escaped).
pub fn push_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        run = i + 1;
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(
                HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
            ));
            out.push(char::from(
                HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0'),
            ));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_strings_are_escaped_like_serde_json() {
        for s in [
            "",
            "plain",
            "quote \" back \\ slash",
            "ctl \u{0}\u{1f}\n\r\t\u{8}",
            "é 中 😀 \u{2028}",
        ] {
            let mut ours = String::new();
            super::push_json_string(&mut ours, s);
            let back: String = serde_json::from_str(&ours).unwrap();
            assert_eq!(back, s);
        }
    }
}
