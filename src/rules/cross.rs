//! The named cross-field rules a spec may attach to an operation. Each rule reads the operation's
//! input object and adds issues; it stays quiet about values whose own field check already failed
//! (a missing share, a malformed date), so one mistake yields one issue.

use super::codes::{Code, Issue, PathSeg};
use super::date::{CivilDate, DateStyle};
use super::formats::Format;
use crate::json::{Json, Obj};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// `at_least_one_of`: at least one of `fields` is present (issue at the root path `[]`).
    AtLeastOneOf { fields: &'static [&'static str] },
    /// `shares_sum_to`: the integer `field` of every item of `array` adds up to `total`.
    SharesSumTo {
        array: &'static str,
        field: &'static str,
        total: i64,
    },
    /// `guardian_required_for_minor`: an item whose `minor` flag is true, or whose `dob` makes
    /// them younger than `adult_age`, needs `guardian`; a flag that contradicts `dob` is an issue.
    GuardianRequiredForMinor {
        array: &'static str,
        minor: &'static str,
        dob: &'static str,
        dob_style: DateStyle,
        guardian: &'static str,
        adult_age: i32,
    },
    /// `id_number_by_id_type`: `field` must be a valid South African ID unless `type_field`
    /// holds one of `exempt` in the same input.
    IdNumberByIdType {
        field: &'static str,
        type_field: &'static str,
        exempt: &'static [&'static str],
    },
    /// `status_transition`: when the caller passes the current status in `current`, `field` may
    /// not repeat it, and nothing may leave a `terminal` status.
    StatusTransition {
        field: &'static str,
        current: &'static str,
        terminal: &'static [&'static str],
    },
}

impl Rule {
    pub const NAMES: [&'static str; 5] = [
        "at_least_one_of",
        "shares_sum_to",
        "guardian_required_for_minor",
        "id_number_by_id_type",
        "status_transition",
    ];

    pub const fn name(&self) -> &'static str {
        match self {
            Rule::AtLeastOneOf { .. } => "at_least_one_of",
            Rule::SharesSumTo { .. } => "shares_sum_to",
            Rule::GuardianRequiredForMinor { .. } => "guardian_required_for_minor",
            Rule::IdNumberByIdType { .. } => "id_number_by_id_type",
            Rule::StatusTransition { .. } => "status_transition",
        }
    }

    /// Top-level input keys the rule reads (build.rs checks they exist in the operation).
    pub fn top_level_fields(&self) -> Vec<&'static str> {
        match *self {
            Rule::AtLeastOneOf { fields } => fields.to_vec(),
            Rule::SharesSumTo { array, .. } | Rule::GuardianRequiredForMinor { array, .. } => {
                vec![array]
            }
            Rule::IdNumberByIdType {
                field, type_field, ..
            } => vec![field, type_field],
            Rule::StatusTransition { field, current, .. } => vec![field, current],
        }
    }

    /// Keys the rule reads inside each item of its array (build.rs checks those too).
    pub fn item_fields(&self) -> Vec<&'static str> {
        match *self {
            Rule::SharesSumTo { field, .. } => vec![field],
            Rule::GuardianRequiredForMinor {
                minor,
                dob,
                guardian,
                ..
            } => vec![minor, dob, guardian],
            _ => Vec::new(),
        }
    }

    /// Rust source that rebuilds this value (for build.rs).
    pub fn to_rust(self) -> String {
        let list = |xs: &[&str]| {
            format!(
                "&[{}]",
                xs.iter()
                    .map(|x| format!("{x:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        match self {
            Rule::AtLeastOneOf { fields } => format!("Rule::AtLeastOneOf {{ fields: {} }}", list(fields)),
            Rule::SharesSumTo { array, field, total } => {
                format!("Rule::SharesSumTo {{ array: {array:?}, field: {field:?}, total: {total} }}")
            }
            Rule::GuardianRequiredForMinor { array, minor, dob, dob_style, guardian, adult_age } => format!(
                "Rule::GuardianRequiredForMinor {{ array: {array:?}, minor: {minor:?}, dob: {dob:?}, dob_style: DateStyle::{dob_style:?}, guardian: {guardian:?}, adult_age: {adult_age} }}"
            ),
            Rule::IdNumberByIdType { field, type_field, exempt } => format!(
                "Rule::IdNumberByIdType {{ field: {field:?}, type_field: {type_field:?}, exempt: {} }}",
                list(exempt)
            ),
            Rule::StatusTransition { field, current, terminal } => format!(
                "Rule::StatusTransition {{ field: {field:?}, current: {current:?}, terminal: {} }}",
                list(terminal)
            ),
        }
    }

    /// Applies the rule to the operation's input object.
    pub fn check(&self, input: &Obj<'_>, today: CivilDate, out: &mut Vec<Issue>) {
        match *self {
            Rule::AtLeastOneOf { fields } => {
                if !fields.iter().any(|f| input.contains_key(f)) {
                    out.push(Issue::new(
                        Vec::new(),
                        Code::AtLeastOneRequired,
                        format!("Provide at least one of: {}.", fields.join(", ")),
                    ));
                }
            }
            Rule::SharesSumTo {
                array,
                field,
                total,
            } => {
                let Some(Json::Arr(items)) = input.get(array) else {
                    return;
                };
                if items.is_empty() {
                    return;
                }
                let mut sum: i64 = 0;
                for item in items {
                    match item.get(field).and_then(Json::as_integer) {
                        Some(n) => sum = sum.saturating_add(n),
                        None => return,
                    }
                }
                if sum != total {
                    out.push(Issue::new(
                        vec![PathSeg::from(array)],
                        Code::SumMismatch,
                        format!("The {field} values of all {array} must add up to exactly {total}; they add up to {sum}."),
                    ));
                }
            }
            Rule::GuardianRequiredForMinor {
                array,
                minor,
                dob,
                dob_style,
                guardian,
                adult_age,
            } => {
                let Some(Json::Arr(items)) = input.get(array) else {
                    return;
                };
                for (i, item) in items.iter().enumerate() {
                    let Some(obj) = item.as_object() else {
                        continue;
                    };
                    let flag = obj.get(minor).and_then(Json::as_bool);
                    let age = obj
                        .get(dob)
                        .and_then(Json::as_str)
                        .and_then(|s| CivilDate::parse(s, dob_style))
                        .filter(|d| *d <= today)
                        .map(|d| d.age_on(today));
                    let under_age = age.map(|a| a < adult_age);
                    if let (Some(flag), Some(under), Some(age)) = (flag, under_age, age) {
                        if flag != under {
                            let msg = if flag {
                                format!("{minor} is true, but {dob} makes this person {age} ({adult_age} or over).")
                            } else {
                                format!("{minor} is false, but {dob} makes this person {age} (under {adult_age}).")
                            };
                            out.push(Issue::new(
                                vec![
                                    PathSeg::from(array),
                                    PathSeg::Index(i),
                                    PathSeg::from(minor),
                                ],
                                Code::MinorMismatch,
                                msg,
                            ));
                        }
                    }
                    let is_minor = flag == Some(true) || under_age == Some(true);
                    if is_minor && !obj.contains_key(guardian) {
                        out.push(Issue::new(
                            vec![
                                PathSeg::from(array),
                                PathSeg::Index(i),
                                PathSeg::from(guardian),
                            ],
                            Code::GuardianRequired,
                            format!("A minor (under {adult_age}) needs a {guardian}."),
                        ));
                    }
                }
            }
            Rule::IdNumberByIdType {
                field,
                type_field,
                exempt,
            } => {
                let Some(value) = input.get(field).and_then(Json::as_str) else {
                    return;
                };
                if value.is_empty() {
                    return;
                }
                let id_type = input.get(type_field).and_then(Json::as_str);
                if id_type.is_some_and(|t| exempt.contains(&t)) {
                    return;
                }
                if Format::SaId.check(value, today).is_err() {
                    let exempt_list = exempt
                        .iter()
                        .map(|e| format!("\"{e}\""))
                        .collect::<Vec<_>>()
                        .join(" or ");
                    let mut issue = Issue::new(
                        vec![PathSeg::from(field)],
                        Code::InvalidFormat,
                        format!(
                            "{field} {}; for another document send {type_field} {exempt_list} in the same request.",
                            Format::SaId.expectation()
                        ),
                    );
                    issue.format = Some(Format::SaId.name());
                    out.push(issue);
                }
            }
            Rule::StatusTransition {
                field,
                current,
                terminal,
            } => {
                let (Some(to), Some(from)) = (
                    input.get(field).and_then(Json::as_str),
                    input.get(current).and_then(Json::as_str),
                ) else {
                    return;
                };
                let message = if terminal.contains(&from) {
                    format!("{from} is final: the status cannot change from {from} to {to}.")
                } else if from == to {
                    format!(
                        "The status is already {from}; a change to the same status is not allowed."
                    )
                } else {
                    return;
                };
                out.push(Issue::new(
                    vec![PathSeg::from(field)],
                    Code::InvalidTransition,
                    message,
                ));
            }
        }
    }
}
