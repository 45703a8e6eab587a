//! Issue codes (docs/providers.md#issue-codes) and the issue record every validator returns.

use crate::messages::{render_into, Arg, Msg};
use alloc::{borrow::ToOwned, string::String, vec, vec::Vec};
use core::fmt;

/// A stable issue code. `as_str` is the public spelling used in JS and TS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Required,
    UnknownField,
    NullNotAllowed,
    ReadOnly,
    InvalidType,
    Empty,
    TooLong,
    InvalidFormat,
    NotInEnum,
    AtLeastOneRequired,
    TooFewItems,
    TooManyItems,
    SumMismatch,
    GuardianRequired,
    InvalidTransition,
    DateInFuture,
    /// Added by this project (docs/providers.md#issue-codes): a number outside the bounds its
    /// spec gives (M2P `countryCode` 1..999, nominee `percentShare` 1..100). No listed code says
    /// "out of range".
    OutOfRange,
    /// Added by this project: a nominee's `minor` flag that contradicts their `dob`
    /// (docs/providers.md#m2p-nominees: reported, but no listed code names it).
    MinorMismatch,
    /// Added by this project: a nominee's `age` that contradicts their `dob` (M2P; seed 004 lists
    /// both, docs/providers.md#m2p-nominees). Like `minor_mismatch`, no listed code names it.
    AgeMismatch,
    /// Added by this project: a field the provider itself rejected in an error response (Juspay
    /// `error_info.fields[]`, BVNK `errorList[].parameter`, Gathr's `errors` field map, M2P
    /// `fieldErrors[]`). Providers give only free text for these, so no listed code can be chosen
    /// honestly; the provider's own reason is the issue's message. Produced by `providers::interpret`,
    /// never by local validation.
    ProviderRejected,
    /// Added by this project (issue 16): a field of the normalized contact that the provider
    /// has no field for (`birthDate` for Access Bank). Reported on the contact's path with the
    /// provider, never dropped silently.
    UnsupportedField,
}

impl Code {
    pub const ALL: [Code; 21] = [
        Code::Required,
        Code::UnknownField,
        Code::NullNotAllowed,
        Code::ReadOnly,
        Code::InvalidType,
        Code::Empty,
        Code::TooLong,
        Code::InvalidFormat,
        Code::NotInEnum,
        Code::AtLeastOneRequired,
        Code::TooFewItems,
        Code::TooManyItems,
        Code::SumMismatch,
        Code::GuardianRequired,
        Code::InvalidTransition,
        Code::DateInFuture,
        Code::OutOfRange,
        Code::MinorMismatch,
        Code::AgeMismatch,
        Code::ProviderRejected,
        Code::UnsupportedField,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::UnknownField => "unknown_field",
            Code::NullNotAllowed => "null_not_allowed",
            Code::ReadOnly => "read_only",
            Code::InvalidType => "invalid_type",
            Code::Empty => "empty",
            Code::TooLong => "too_long",
            Code::InvalidFormat => "invalid_format",
            Code::NotInEnum => "not_in_enum",
            Code::AtLeastOneRequired => "at_least_one_required",
            Code::TooFewItems => "too_few_items",
            Code::TooManyItems => "too_many_items",
            Code::SumMismatch => "sum_mismatch",
            Code::GuardianRequired => "guardian_required",
            Code::InvalidTransition => "invalid_transition",
            Code::DateInFuture => "date_in_future",
            Code::OutOfRange => "out_of_range",
            Code::MinorMismatch => "minor_mismatch",
            Code::AgeMismatch => "age_mismatch",
            Code::ProviderRejected => "provider_rejected",
            Code::UnsupportedField => "unsupported_field",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of an issue path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl From<&str> for PathSeg {
    fn from(s: &str) -> Self {
        PathSeg::Key(s.to_owned())
    }
}

impl From<usize> for PathSeg {
    fn from(i: usize) -> Self {
        PathSeg::Index(i)
    }
}

/// One validation issue: where, what (stable code), and the message as data: a template
/// ([`Msg`]) and its arguments. [`Issue::message`] renders the English text; the npm package
/// renders the same template table in JS (and lets callers swap the texts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub path: Vec<PathSeg>,
    pub code: Code,
    pub msg: Msg,
    /// The template's arguments, in the order of its `params`.
    pub args: Vec<Arg>,
    /// The format name for `invalid_format` (`email`, `e164`, `digits`, `date`, `pan`, `pin`,
    /// `country_code`, `sa_id`, `name`, `header_text`, `uuid`).
    pub format: Option<&'static str>,
    /// The fields a cross-field issue concerns, as dotted paths (`nominees.0.percentShare`), so
    /// a form can show it next to each; empty for the issues of one field.
    pub fields: Vec<String>,
}

impl Issue {
    /// An issue whose message is given as it is (a provider's own words, a request-building
    /// reason): the `text` template.
    pub fn new(path: Vec<PathSeg>, code: Code, message: impl Into<String>) -> Self {
        Issue::of(path, code, Msg::Text, vec![Arg::Owned(message.into())])
    }

    /// An issue with its message as `msg` and its arguments.
    pub fn of(path: Vec<PathSeg>, code: Code, msg: Msg, args: Vec<Arg>) -> Self {
        Issue {
            path,
            code,
            msg,
            args,
            format: None,
            fields: Vec::new(),
        }
    }

    /// The issue with the fields it concerns (see [`Issue::fields`]).
    pub fn concerning(mut self, fields: Vec<String>) -> Self {
        self.fields = fields;
        self
    }

    /// The English message.
    pub fn message(&self) -> String {
        let mut out = String::new();
        let t = self.msg.template();
        render_into(&mut out, t, t.en, &self.args);
        out
    }

    /// The path as a compact string such as `nominees[0].percentShare` (for logs and tests).
    pub fn path_string(&self) -> String {
        path_to_string(&self.path)
    }
}

pub fn path_to_string(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSeg::Index(i) => {
                out.push('[');
                crate::messages::push_u64(&mut out, *i as u64);
                out.push(']');
            }
        }
    }
    out
}
