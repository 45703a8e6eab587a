//! The named cross-field rules a spec may attach to an operation. Each rule reads the operation's
//! input object and adds issues; it stays quiet about values whose own field check already failed
//! (a missing share, a malformed date), so one mistake yields one issue.

use super::codes::{Code, Issue, PathSeg};
use super::date::{CivilDate, DateStyle};
use super::formats::Format;
use super::messages::{Arg, Msg};
use alloc::{borrow::ToOwned, format, string::String, vec, vec::Vec};

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
    /// `age_matches_dob`: an item of `array` that gives both the whole-number `age` and a `dob`
    /// (a real date, not after today) must be exactly as old as `dob` makes them today (UTC).
    AgeMatchesDob {
        array: &'static str,
        age: &'static str,
        dob: &'static str,
        dob_style: DateStyle,
    },
}

impl Rule {
    pub const NAMES: [&'static str; 6] = [
        "at_least_one_of",
        "shares_sum_to",
        "guardian_required_for_minor",
        "id_number_by_id_type",
        "status_transition",
        "age_matches_dob",
    ];

    pub const fn name(&self) -> &'static str {
        match self {
            Rule::AtLeastOneOf { .. } => "at_least_one_of",
            Rule::SharesSumTo { .. } => "shares_sum_to",
            Rule::GuardianRequiredForMinor { .. } => "guardian_required_for_minor",
            Rule::IdNumberByIdType { .. } => "id_number_by_id_type",
            Rule::StatusTransition { .. } => "status_transition",
            Rule::AgeMatchesDob { .. } => "age_matches_dob",
        }
    }

    /// Top-level input keys the rule reads (the code generator checks they exist in the operation).
    pub fn top_level_fields(&self) -> Vec<&'static str> {
        match *self {
            Rule::AtLeastOneOf { fields } => fields.to_vec(),
            Rule::SharesSumTo { array, .. }
            | Rule::GuardianRequiredForMinor { array, .. }
            | Rule::AgeMatchesDob { array, .. } => vec![array],
            Rule::IdNumberByIdType {
                field, type_field, ..
            } => vec![field, type_field],
            Rule::StatusTransition { field, current, .. } => vec![field, current],
        }
    }

    /// Keys the rule reads inside each item of its array (the code generator checks those too).
    pub fn item_fields(&self) -> Vec<&'static str> {
        match *self {
            Rule::SharesSumTo { field, .. } => vec![field],
            Rule::GuardianRequiredForMinor {
                minor,
                dob,
                guardian,
                ..
            } => vec![minor, dob, guardian],
            Rule::AgeMatchesDob { age, dob, .. } => vec![age, dob],
            _ => Vec::new(),
        }
    }

    /// Rust source that rebuilds this value (for the code generator).
    #[allow(
        clippy::disallowed_macros,
        clippy::disallowed_methods,
        reason = "the code generator's only (build time): not in the wasm"
    )]
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
            Rule::AgeMatchesDob { array, age, dob, dob_style } => format!(
                "Rule::AgeMatchesDob {{ array: {array:?}, age: {age:?}, dob: {dob:?}, dob_style: DateStyle::{dob_style:?} }}"
            ),
        }
    }

    /// Whether [`Rule::check`] may read `today` (a minor's age, an age against a date of birth,
    /// a South African ID's century): the others are checked with any date.
    pub const fn uses_today(&self) -> bool {
        matches!(
            self,
            Rule::GuardianRequiredForMinor { .. }
                | Rule::IdNumberByIdType { .. }
                | Rule::AgeMatchesDob { .. }
        )
    }

    /// Applies the rule to the operation's input object: [`Rule::find`] into a `Vec<Issue>`
    /// (each [`Found`] built into its [`Issue`], [`Found::issue`]).
    pub fn check<I: Input + ?Sized>(&self, input: &I, today: CivilDate, out: &mut Vec<Issue>) {
        self.find(input, today, out);
    }

    /// The rule's issues, each handed to `out` as borrowed parts ([`Found`]; a `Vec<Issue>`
    /// builds the [`Issue`], [`Found::issue`], as [`Rule::check`] does): the wasm's reporter
    /// writes its records from them, nothing allocated.
    pub fn find<I: Input + ?Sized>(&self, input: &I, today: CivilDate, out: &mut dyn Findings) {
        let now = &mut || today;
        match *self {
            Rule::AtLeastOneOf { fields } => {
                if fields.iter().all(|f| matches!(input.val(f), Val::Absent)) {
                    out.found(&Found {
                        place: Place::Root,
                        code: Code::AtLeastOneRequired,
                        msg: Msg::AtLeastOne,
                        format: None,
                        args: &[Arg::List(fields)],
                        texts: &[],
                        fields: Fields::Names(fields),
                    });
                }
            }
            Rule::SharesSumTo {
                array,
                field,
                total,
            } => {
                let Some(items) = input.items(array) else {
                    return;
                };
                let mut acc = Acc::default();
                for item in items {
                    let share = item.map_or(Val::Absent, |item| item.val(field));
                    self.item(&[share], &mut acc, now);
                }
                if let Some(sum) = acc.mismatch(total) {
                    // The items that give a share (their places listed only for the issue).
                    // (Pushed in a loop: a `collect` is a `Vec::from_iter` of its own.)
                    // (The same look-up as above, so `Some` again; not `input.items(array)
                    // .into_iter().flatten()`: that `Flatten` was 313 B raw of the full wasm.)
                    let Some(items) = input.items(array) else {
                        return;
                    };
                    let mut shares: Vec<usize> = Vec::new();
                    for (i, item) in items.enumerate() {
                        if !matches!(
                            item.map_or(Val::Absent, |item| item.val(field)),
                            Val::Absent
                        ) {
                            shares.push(i);
                        }
                    }
                    out.found(&Found {
                        place: Place::Key(array),
                        code: Code::SumMismatch,
                        msg: Msg::SumMismatch,
                        format: None,
                        args: &[
                            Arg::Str(field),
                            Arg::Str(array),
                            Arg::Int(total),
                            Arg::Int(sum),
                        ],
                        texts: &[],
                        fields: Fields::Shares {
                            array,
                            field,
                            items: &shares,
                        },
                    });
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
                let Some(items) = input.items(array) else {
                    return;
                };
                for (i, item) in items.enumerate() {
                    let Some(obj) = item else {
                        continue;
                    };
                    let found = minor_check(
                        obj.val(minor),
                        obj.val(dob),
                        obj.val(guardian),
                        dob_style,
                        adult_age,
                        now,
                    );
                    if let Some((flag, age)) = found.mismatch {
                        out.found(&Found {
                            place: Place::Item(array, i, minor),
                            code: Code::MinorMismatch,
                            msg: if flag {
                                Msg::MinorTrue
                            } else {
                                Msg::MinorFalse
                            },
                            format: None,
                            args: &[
                                Arg::Str(minor),
                                Arg::Str(dob),
                                Arg::Int(i64::from(age)),
                                Arg::Int(i64::from(adult_age)),
                            ],
                            texts: &[],
                            fields: Fields::Items(array, i, &[minor, dob]),
                        });
                    }
                    if found.guardian_missing {
                        out.found(&Found {
                            place: Place::Item(array, i, guardian),
                            code: Code::GuardianRequired,
                            msg: Msg::GuardianRequired,
                            format: None,
                            args: &[Arg::Int(i64::from(adult_age)), Arg::Str(guardian)],
                            texts: &[],
                            fields: Fields::Items(array, i, &[guardian, minor, dob]),
                        });
                    }
                }
            }
            Rule::IdNumberByIdType {
                field,
                type_field,
                exempt,
            } => {
                if id_number_fails(input.val(field), input.val(type_field), exempt, now) {
                    out.found(&Found {
                        place: Place::Key(field),
                        code: Code::InvalidFormat,
                        msg: Msg::SaIdByType,
                        format: Some(Format::SaId.name()),
                        args: &[Arg::Str(field), Arg::Str(type_field), Arg::List(exempt)],
                        texts: &[],
                        fields: Fields::Names(&[field, type_field]),
                    });
                }
            }
            Rule::StatusTransition {
                field,
                current,
                terminal,
            } => {
                let Some(refusal) =
                    transition_refusal(input.val(field), input.val(current), terminal)
                else {
                    return;
                };
                let (pair, one);
                let (msg, texts): (Msg, &[&str]) = match refusal {
                    Refusal::FromFinal { from, to } => {
                        pair = [from, to];
                        (Msg::FromFinal, &pair)
                    }
                    Refusal::Same { from } => {
                        one = [from];
                        (Msg::SameStatus, &one)
                    }
                };
                out.found(&Found {
                    place: Place::Key(field),
                    code: Code::InvalidTransition,
                    msg,
                    format: None,
                    args: &[],
                    texts,
                    fields: Fields::Names(&[field, current]),
                });
            }
            Rule::AgeMatchesDob {
                array,
                age,
                dob,
                dob_style,
            } => {
                let Some(items) = input.items(array) else {
                    return;
                };
                for (i, item) in items.enumerate() {
                    let Some(obj) = item else {
                        continue;
                    };
                    if let Some((given, actual)) =
                        age_mismatch(obj.val(age), obj.val(dob), dob_style, now)
                    {
                        out.found(&Found {
                            place: Place::Item(array, i, age),
                            code: Code::AgeMismatch,
                            msg: Msg::AgeMismatch,
                            format: None,
                            args: &[
                                Arg::Str(age),
                                Arg::Int(given),
                                Arg::Str(dob),
                                Arg::Int(i64::from(actual)),
                            ],
                            texts: &[],
                            fields: Fields::Items(array, i, &[age, dob]),
                        });
                    }
                }
            }
        }
    }

    /// The generated validators' form of the rule, for one item of its array: `item` holds the
    /// item's values of [`Rule::item_fields`], in that order; `acc` gathers what the verdict at
    /// the end needs. `false` when this item alone breaks the rule.
    pub fn item(
        &self,
        item: &[Val<'_>],
        acc: &mut Acc,
        today: &mut dyn FnMut() -> CivilDate,
    ) -> bool {
        // (Not `[0, 1, 2].map(…)`: each array length kept a `core::array::try_map` of its own
        // in the wasm.)
        let at = |i: usize| item.get(i).copied().unwrap_or_default();
        match *self {
            Rule::SharesSumTo { .. } => {
                acc.items += 1;
                match item.first().and_then(|v| v.integer()) {
                    Some(n) => acc.sum = acc.sum.saturating_add(n),
                    None => acc.unreadable = true,
                }
                true
            }
            Rule::GuardianRequiredForMinor {
                dob_style,
                adult_age,
                ..
            } => {
                let found = minor_check(at(0), at(1), at(2), dob_style, adult_age, today);
                found.mismatch.is_none() && !found.guardian_missing
            }
            Rule::AgeMatchesDob { dob_style, .. } => {
                age_mismatch(at(0), at(1), dob_style, today).is_none()
            }
            _ => true,
        }
    }

    /// The generated validators' form of the rule, for the whole input: `top` holds the input's
    /// values of [`Rule::top_level_fields`], in that order; `acc` what [`Rule::item`] gathered.
    /// `true` when the rule holds (exactly when [`Rule::check`] adds no issue).
    pub fn holds(&self, top: &[Val<'_>], acc: &Acc, today: &mut dyn FnMut() -> CivilDate) -> bool {
        let at = |i: usize| top.get(i).copied().unwrap_or_default();
        match *self {
            Rule::AtLeastOneOf { .. } => top.iter().any(|v| !matches!(v, Val::Absent)),
            Rule::SharesSumTo { total, .. } => acc.mismatch(total).is_none(),
            Rule::GuardianRequiredForMinor { .. } | Rule::AgeMatchesDob { .. } => true,
            Rule::IdNumberByIdType { exempt, .. } => !id_number_fails(at(0), at(1), exempt, today),
            Rule::StatusTransition { terminal, .. } => {
                transition_refusal(at(0), at(1), terminal).is_none()
            }
        }
    }
}

/// Where a rule's issues go ([`Rule::check`]).
pub trait Findings {
    /// One issue the rule found, as borrowed parts.
    fn found(&mut self, found: &Found<'_>);
}

/// One issue of a cross-field rule as parts borrowed from the rule and its input (what
/// [`Found::issue`] makes an [`Issue`] of): the wasm's reporter writes its records from these,
/// with nothing allocated (the spec's names by address, the input's values by offset).
pub struct Found<'a> {
    /// Its path.
    pub place: Place,
    pub code: Code,
    pub msg: Msg,
    /// The format name (`invalid_format`).
    pub format: Option<&'static str>,
    /// The template's arguments: `args`, then `texts` as strings (the values the rule read from
    /// the input: a refused transition's statuses). No rule gives both.
    pub args: &'a [Arg],
    pub texts: &'a [&'a str],
    /// The fields it concerns ([`Issue::fields`]).
    pub fields: Fields<'a>,
}

/// The path of a rule's issue: the root, a key of the input object, or a key of an item of one
/// of its lists (the list's key, the item's index, the key).
#[derive(Clone, Copy)]
pub enum Place {
    Root,
    Key(&'static str),
    Item(&'static str, usize, &'static str),
}

/// The fields a rule's issue concerns: keys of the input object, keys of one item of a list
/// (`list.index.key` each), or one key of several items (`list.index.key` for each index).
#[derive(Clone, Copy)]
pub enum Fields<'a> {
    Names(&'a [&'static str]),
    Items(&'static str, usize, &'a [&'static str]),
    Shares {
        array: &'static str,
        field: &'static str,
        items: &'a [usize],
    },
}

impl Found<'_> {
    /// The issue as an [`Issue`]. `#[inline]`: code-generated in the calling crate (the full
    /// wasm's "z", not this crate's opt-level 3 there): only the Rust API's `Issue` sink calls it,
    /// never the wasm's validation path (its records are written from the parts).
    #[inline]
    pub fn issue(&self) -> Issue {
        let mut path = Vec::new();
        match self.place {
            Place::Root => {}
            Place::Key(k) => path.push(PathSeg::from(k)),
            Place::Item(list, i, k) => {
                path.push(PathSeg::from(list));
                path.push(PathSeg::Index(i));
                path.push(PathSeg::from(k));
            }
        }
        let mut args = self.args.to_vec();
        for t in self.texts {
            args.push(Arg::Owned((*t).to_owned()));
        }
        // One loop for the three forms (each `collect` was a `Vec::from_iter` of its own): the
        // `j`th field is a name, or `list.index.key` of an item.
        let mut fields = Vec::new();
        let n = match self.fields {
            Fields::Names(names) => names.len(),
            Fields::Items(_, _, keys) => keys.len(),
            Fields::Shares { items, .. } => items.len(),
        };
        for j in 0..n {
            let field = match self.fields {
                Fields::Names(names) => names.get(j).copied().unwrap_or_default().to_owned(),
                Fields::Items(list, i, keys) => {
                    item_path(list, i, keys.get(j).copied().unwrap_or_default())
                }
                Fields::Shares {
                    array,
                    field,
                    items,
                } => item_path(array, items.get(j).copied().unwrap_or_default(), field),
            };
            fields.push(field);
        }
        let mut issue = Issue::of(path, self.code, self.msg, args).concerning(fields);
        issue.format = self.format;
        issue
    }
}

impl Findings for Vec<Issue> {
    #[inline]
    fn found(&mut self, found: &Found<'_>) {
        self.push(found.issue());
    }
}

/// An item field's path as a form names it: keys and the index joined with dots
/// (`nominees.0.dob`). Written without `core::fmt`.
#[allow(clippy::single_char_add_str)] // not `push('.')`: see `push_int`
#[inline]
fn item_path(array: &str, index: usize, field: &str) -> String {
    let mut out = String::with_capacity(array.len() + field.len() + 4);
    out.push_str(array);
    out.push_str(".");
    super::messages::push_int(&mut out, i64::try_from(index).unwrap_or(i64::MAX));
    out.push_str(".");
    out.push_str(field);
    out
}

/// A value a rule reads, as the generated validators capture it while they read the text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Val<'a> {
    /// The key is not in the input.
    #[default]
    Absent,
    Str(&'a str),
    Num(f64),
    Bool(bool),
    /// Present, of another kind (an object, a list, `null`).
    Other,
}

impl<'a> Val<'a> {
    fn str(self) -> Option<&'a str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    fn integer(self) -> Option<i64> {
        match self {
            Val::Num(f) => crate::safe_integer(f),
            _ => None,
        }
    }
}

/// An input object as [`Rule::check`] reads it. The runtime's JSON object implements it, so
/// this crate needs no JSON reader.
pub trait Input {
    /// The member `key` as a rule value ([`Val::Absent`] when the key is missing).
    fn val(&self, key: &str) -> Val<'_>;

    /// The items of the array member `key`, each as an object when it is one (`None` for an
    /// item of another kind); `None` when the member is missing or not an array.
    fn items(&self, key: &str) -> Option<impl Iterator<Item = Option<&Self>>>;
}

/// What a rule gathers over the items of its array.
#[derive(Clone, Copy, Debug, Default)]
pub struct Acc {
    items: usize,
    sum: i64,
    /// An item without a whole-number share: its own field check reports it, the sum stays quiet.
    unreadable: bool,
}

impl Acc {
    /// The sum when the shares are all readable and do not add up to `total`.
    fn mismatch(&self, total: i64) -> Option<i64> {
        (self.items > 0 && !self.unreadable && self.sum != total).then_some(self.sum)
    }
}

struct MinorFinding {
    /// The flag and the age from `dob`, when they disagree.
    mismatch: Option<(bool, i32)>,
    guardian_missing: bool,
}

fn minor_check(
    flag: Val<'_>,
    dob: Val<'_>,
    guardian: Val<'_>,
    style: DateStyle,
    adult_age: i32,
    today: &mut dyn FnMut() -> CivilDate,
) -> MinorFinding {
    let flag = match flag {
        Val::Bool(b) => Some(b),
        _ => None,
    };
    let age = dob
        .str()
        .and_then(|s| CivilDate::parse(s, style))
        .and_then(|d| {
            let now = today();
            (d <= now).then(|| d.age_on(now))
        });
    let under_age = age.map(|a| a < adult_age);
    let mismatch = match (flag, under_age, age) {
        (Some(flag), Some(under), Some(age)) if flag != under => Some((flag, age)),
        _ => None,
    };
    let is_minor = flag == Some(true) || under_age == Some(true);
    MinorFinding {
        mismatch,
        guardian_missing: is_minor && matches!(guardian, Val::Absent),
    }
}

/// The given age and the age `dob` makes today, when both are readable and differ. Quiet when
/// either has failed its own check (not a whole number, not a real date, a date after today).
fn age_mismatch(
    age: Val<'_>,
    dob: Val<'_>,
    style: DateStyle,
    today: &mut dyn FnMut() -> CivilDate,
) -> Option<(i64, i32)> {
    let given = age.integer()?;
    let born = CivilDate::parse(dob.str()?, style)?;
    let now = today();
    if born > now {
        return None;
    }
    let actual = born.age_on(now);
    (given != i64::from(actual)).then_some((given, actual))
}

fn id_number_fails(
    value: Val<'_>,
    id_type: Val<'_>,
    exempt: &[&str],
    today: &mut dyn FnMut() -> CivilDate,
) -> bool {
    let Some(value) = value.str() else {
        return false;
    };
    if value.is_empty() || id_type.str().is_some_and(|t| exempt.contains(&t)) {
        return false;
    }
    Format::SaId.check(value, today()).is_err()
}

enum Refusal<'a> {
    FromFinal { from: &'a str, to: &'a str },
    Same { from: &'a str },
}

fn transition_refusal<'a>(to: Val<'a>, from: Val<'a>, terminal: &[&str]) -> Option<Refusal<'a>> {
    let (Some(to), Some(from)) = (to.str(), from.str()) else {
        return None;
    };
    if terminal.contains(&from) {
        Some(Refusal::FromFinal { from, to })
    } else if from == to {
        Some(Refusal::Same { from })
    } else {
        None
    }
}
