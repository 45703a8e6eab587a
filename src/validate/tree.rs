//! The table interpreter over a tree: the oracle the generated validators (the one pass in
//! `scan.rs`, the reporters in `report.rs`) are tested against (`tests/report.rs`, the fuzz
//! target `validate`). It reads the text into a tree (`crate::json::parse`) and walks the
//! operation's static tables: per-field checks in spec order, then unknown keys, then the
//! operation's cross-field rules. Not in the wasm package (built for native targets, tests and
//! the `oracle` feature only).

use super::{char_count, clip, unreadable, MAX_ISSUES};
use crate::json::{self, Json, Obj};
use crate::rules::formats::Failure;
use crate::rules::suggest;
use crate::rules::{Arg, CivilDate, Code, Issue, Msg, PathSeg, Word};
use crate::schema::{Extra, Field, Object, Operation, Str, Ty};
use alloc::{borrow::ToOwned, vec, vec::Vec};
use serde_json::Value;

/// Every issue of `input` for `op`, read through the tree view of a `serde_json::Value`.
pub fn issues_tree(op: &Operation, input: &Value, today: CivilDate) -> Vec<Issue> {
    issues_in(op, &Json::from_value(input), today)
}

/// Every issue of `text` for `op`, read into a tree and walked by the table interpreter: the
/// oracle the generated validators (one pass and report) are tested against.
pub fn report_text(op: &Operation, text: &str, today: CivilDate) -> Vec<Issue> {
    match json::parse(text) {
        Ok(input) => issues_in(op, &input, today),
        Err(e) => vec![unreadable("The input", &e)],
    }
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
        Json::Num(f) if !json::is_whole(*f) => Word::Fraction,
        Json::Num(_) => Word::UnsafeInteger,
        other => describe(other),
    }
}
