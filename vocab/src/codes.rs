//! Issue codes (docs/providers.md#issue-codes) and the issue record every validator returns.

use std::fmt;

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
}

impl Code {
    pub const ALL: [Code; 20] = [
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

/// One validation issue: where, what (stable code) and a message a form can show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub path: Vec<PathSeg>,
    pub code: Code,
    pub message: String,
    /// The format name for `invalid_format` (`email`, `e164`, `digits`, `date`, `pan`, `pin`,
    /// `country_code`, `sa_id`, `name`, `header_text`, `uuid`).
    pub format: Option<&'static str>,
}

impl Issue {
    pub fn new(path: Vec<PathSeg>, code: Code, message: impl Into<String>) -> Self {
        Issue {
            path,
            code,
            message: message.into(),
            format: None,
        }
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
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}
