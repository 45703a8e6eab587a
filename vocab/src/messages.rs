//! Issue messages as data: every message an issue can carry is a template (an id, the issue code
//! it belongs to, its parameter names and its English text), and an issue holds the template and
//! its arguments, never a formatted string. [`Issue::message`](crate::Issue::message) renders the
//! English text here; the code generator writes the same table into the npm package
//! (`pkg/src/messages.js`), whose JS glue renders the issues the wasm hands over as compact
//! records. One table, two renderers: a test over the test corpus keeps them in agreement.
//!
//! Template syntax: `{name}` inserts the argument named `name` (a list is joined with `", "`);
//! `{name:or}` inserts a list as `"a" or "b"` (the word `or` comes from the catalog's words).
//! A word argument ([`Word`]) is inserted as the catalog's word for it ("a boolean").

use alloc::{borrow::ToOwned, string::String};

#[cfg(test)]
use crate::codes::Code;

/// One message template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    /// The id catalogs use (`invalid_type.text`); the first part is the issue code, except for
    /// `text` (a message given as it is: a provider's own words, a request-building reason).
    pub id: &'static str,
    /// The issue code's spelling (`""` for `text`, whose issues carry any code).
    pub code: &'static str,
    /// The arguments' names, in the order an issue holds them.
    pub params: &'static [&'static str],
    /// The English text (the default catalog).
    pub en: &'static str,
}

macro_rules! templates {
    ($($name:ident = $id:literal, $code:literal, [$($p:literal),*], $en:literal;)*) => {
        /// A template, by its place in [`TEMPLATES`] (the number the wasm hands to JS).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum Msg { $($name),* }

        /// Every template, in [`Msg`] order.
        pub const TEMPLATES: &[Template] = &[
            $(Template { id: $id, code: $code, params: &[$($p),*], en: $en }),*
        ];
    };
}

templates! {
    Text = "text", "", ["text"], "{text}";
    Required = "required", "required", ["label"], "{label} is required.";
    ReadOnly = "read_only", "read_only", ["why", "field"], "{why}; remove \"{field}\".";
    NullNotAllowed = "null_not_allowed", "null_not_allowed", ["label"], "{label} cannot be null: omit the field to keep its value.";
    NullValue = "null_not_allowed.value", "null_not_allowed", ["label"], "{label} cannot be null: omit it instead.";
    NullKey = "null_not_allowed.key", "null_not_allowed", ["key"], "\"{key}\" cannot be null.";
    UnknownField = "unknown_field", "unknown_field", ["key"], "Unknown field \"{key}\".";
    UnknownFieldSuggest = "unknown_field.suggest", "unknown_field", ["key", "suggestion"], "Unknown field \"{key}\". Did you mean \"{suggestion}\"?";
    NotObject = "invalid_type.root", "invalid_type", ["got"], "The input must be an object of fields, not {got}.";
    Unreadable = "invalid_type.unreadable", "invalid_type", ["what", "reason"], "{what} cannot be read ({reason}).";
    UnreadableAt = "invalid_type.unreadable_at", "invalid_type", ["what", "reason", "at"], "{what} cannot be read ({reason} at byte {at}).";
    NotText = "invalid_type.text", "invalid_type", ["label", "got"], "{label} must be text, not {got}.";
    NotBoolean = "invalid_type.boolean", "invalid_type", ["label", "got"], "{label} must be true or false, not {got}.";
    NotNumber = "invalid_type.number", "invalid_type", ["label", "got"], "{label} must be a number, not {got}.";
    NotInteger = "invalid_type.integer", "invalid_type", ["label", "got"], "{label} must be a whole number, not {got}.";
    NotObjectField = "invalid_type.object", "invalid_type", ["label", "got"], "{label} must be an object, not {got}.";
    NotList = "invalid_type.list", "invalid_type", ["label", "got"], "{label} must be a list, not {got}.";
    OutOfRange = "out_of_range", "out_of_range", ["label", "min", "max", "value"], "{label} must be from {min} to {max}; got {value}.";
    BelowMin = "out_of_range.min", "out_of_range", ["label", "min", "value"], "{label} must be at least {min}; got {value}.";
    AboveMax = "out_of_range.max", "out_of_range", ["label", "max", "value"], "{label} must be at most {max}; got {value}.";
    TooFewOne = "too_few_items.one", "too_few_items", ["label"], "{label} needs at least one item.";
    TooFew = "too_few_items", "too_few_items", ["label", "min"], "{label} needs at least {min} items.";
    TooMany = "too_many_items", "too_many_items", ["label", "max", "count"], "{label} takes at most {max} items; got {count}.";
    Empty = "empty", "empty", ["label"], "{label} cannot be empty: omit the field to keep its value.";
    TooLong = "too_long", "too_long", ["label", "max"], "{label} must be at most {max} characters.";
    NotInEnum = "not_in_enum", "not_in_enum", ["label", "values"], "{label} must be one of: {values}.";
    NotInEnumSuggest = "not_in_enum.suggest", "not_in_enum", ["label", "values", "suggestion"], "{label} must be one of: {values}. Did you mean \"{suggestion}\"?";
    InFuture = "date_in_future", "date_in_future", ["label"], "{label} cannot be in the future.";
    Email = "invalid_format.email", "invalid_format", ["label"], "{label} must be an email address like name@example.com.";
    E164 = "invalid_format.e164", "invalid_format", ["label"], "{label} must be a phone number in E.164 form: + and 7 to 15 digits, e.g. +2348012345678.";
    DigitsExact = "invalid_format.digits_exact", "invalid_format", ["label", "count"], "{label} must be exactly {count} digits.";
    DigitsExactNoZero = "invalid_format.digits_exact_nz", "invalid_format", ["label", "count"], "{label} must be exactly {count} digits, not starting with 0.";
    Digits = "invalid_format.digits", "invalid_format", ["label", "min", "max"], "{label} must be {min} to {max} digits.";
    DigitsNoZero = "invalid_format.digits_nz", "invalid_format", ["label", "min", "max"], "{label} must be {min} to {max} digits, not starting with 0.";
    Date = "invalid_format.date", "invalid_format", ["label", "pattern", "example"], "{label} must be a real date written {pattern} (e.g. {example}).";
    Pan = "invalid_format.pan", "invalid_format", ["label"], "{label} must be a PAN: 5 capital letters, 4 digits, 1 capital letter (e.g. ABCDE1234F).";
    PanUpper = "invalid_format.pan_upper", "invalid_format", ["label", "upper"], "{label} must be a PAN: 5 capital letters, 4 digits, 1 capital letter (e.g. ABCDE1234F). (PANs are upper case: {upper})";
    Pin = "invalid_format.pin", "invalid_format", ["label"], "{label} must be a 6-digit Indian PIN code not starting with 0.";
    Country = "invalid_format.country_code", "invalid_format", ["label"], "{label} must be an ISO 3166-1 alpha-2 country code in capitals, e.g. US.";
    CountryUk = "invalid_format.country_code_uk", "invalid_format", ["label"], "{label} must be an ISO 3166-1 alpha-2 country code in capitals, e.g. US. (UK is reserved, not assigned: the United Kingdom is GB)";
    CountryUpper = "invalid_format.country_code_upper", "invalid_format", ["label", "upper"], "{label} must be an ISO 3166-1 alpha-2 country code in capitals, e.g. US. (codes are upper case: {upper})";
    SaId = "invalid_format.sa_id", "invalid_format", ["label"], "{label} must be a valid 13-digit South African ID number (birth date, citizenship digit 0 or 1, Luhn check digit).";
    Name = "invalid_format.name", "invalid_format", ["label"], "{label} may contain only letters, digits, ( ) . - _ and single spaces between words.";
    Uuid = "invalid_format.uuid", "invalid_format", ["label"], "{label} must be a UUID: 32 hex digits in groups of 8-4-4-4-12 joined by -, e.g. 16cd33d2-cf0a-66ad-8150-cb39e9b9ff27.";
    HeaderText = "invalid_format.header_text", "invalid_format", ["label"], "{label} is also sent in an HTTP header, so it may contain only visible ASCII characters and inner spaces (no line break, NUL, control or non-ASCII character, no space at either end).";
    SaIdByType = "invalid_format.sa_id_by_type", "invalid_format", ["field", "type_field", "exempt"], "{field} must be a valid 13-digit South African ID number (birth date, citizenship digit 0 or 1, Luhn check digit); for another document send {type_field} {exempt:or} in the same request.";
    AtLeastOne = "at_least_one_required", "at_least_one_required", ["fields"], "Provide at least one of: {fields}.";
    SumMismatch = "sum_mismatch", "sum_mismatch", ["field", "array", "total", "sum"], "The {field} values of all {array} must add up to exactly {total}; they add up to {sum}.";
    MinorTrue = "minor_mismatch.flag_true", "minor_mismatch", ["minor", "dob", "age", "adult_age"], "{minor} is true, but {dob} makes this person {age} ({adult_age} or over).";
    MinorFalse = "minor_mismatch.flag_false", "minor_mismatch", ["minor", "dob", "age", "adult_age"], "{minor} is false, but {dob} makes this person {age} (under {adult_age}).";
    AgeMismatch = "age_mismatch", "age_mismatch", ["age", "given", "dob", "actual"], "{age} is {given}, but {dob} makes this person {actual} today.";
    GuardianRequired = "guardian_required", "guardian_required", ["adult_age", "guardian"], "A minor (under {adult_age}) needs a {guardian}.";
    FromFinal = "invalid_transition.final", "invalid_transition", ["from", "to"], "{from} is final: the status cannot change from {from} to {to}.";
    SameStatus = "invalid_transition.same", "invalid_transition", ["from"], "The status is already {from}; a change to the same status is not allowed.";
    // Values JSON cannot carry, found by the JS glue before the input is serialised (`hasOdd` in
    // pkg/src/api.js); `path` is the dotted path (`nominees[0].name`).
    NotFinite = "invalid_type.not_finite", "invalid_type", ["path", "value"], "\"{path}\" must be a finite number, not {value}.";
    NotJsonItem = "invalid_type.not_json_item", "invalid_type", ["path", "got"], "\"{path}\" is {got}, which JSON cannot carry (it would become null): send a JSON value, or leave the key out.";
    NotJsonKey = "invalid_type.not_json_key", "invalid_type", ["path", "got"], "\"{path}\" is {got}, which JSON cannot carry (it would be dropped without a word): send a JSON value, or leave the key out.";
    // The normalized contact (src/unified.rs: toProvider, diffContact, client.updateContact) and
    // diff's removed fields: issues a form can show, so they are templates too. They come last
    // (from `FIRST_REQUEST_TEMPLATE` on): no code of the validators-only wasm hands them out
    // (`unified` is not compiled there and nothing there reaches `diff`), so the package's
    // validators entry leaves them out of its JS table (messages.js `REQUEST_TEMPLATES`).
    ContactNotObject = "invalid_type.contact", "invalid_type", [], "The contact must be an object of fields.";
    ContactUnknown = "unknown_field.contact", "unknown_field", ["key", "known"], "{key} is not a contact field; known: {known}.";
    AddressUnknown = "unknown_field.address", "unknown_field", ["key", "known"], "{key} is not an address field; known: {known}.";
    AddressNotObject = "invalid_type.address", "invalid_type", [], "address must be an object.";
    ContactNull = "null_not_allowed.contact", "null_not_allowed", ["field"], "{field} cannot be null: leave it out to keep it unchanged.";
    LineEmpty = "empty.address_line", "empty", [], "An address line cannot be empty.";
    LineNotText = "invalid_type.address_line", "invalid_type", [], "An address line must be a string.";
    NoLines = "too_few_items.address_lines", "too_few_items", [], "address.lines needs at least one line.";
    LinesNotList = "invalid_type.address_lines", "invalid_type", [], "address.lines must be a list of strings.";
    ContactEmpty = "empty.contact", "empty", ["field"], "{field} cannot be empty: leave it out to keep it unchanged.";
    ContactE164 = "invalid_format.contact_e164", "invalid_format", ["field"], "{field} must be a phone number in E.164 form: + and 7 to 15 digits, e.g. +2348012345678.";
    ContactDate = "invalid_format.contact_date", "invalid_format", ["field"], "{field} must be a real date as yyyy-MM-dd, e.g. 1990-01-31.";
    ContactCountry = "invalid_format.contact_country", "invalid_format", ["field"], "{field} must be an ISO 3166-1 alpha-2 code in upper case, e.g. NG.";
    ContactNotText = "invalid_type.contact_text", "invalid_type", ["field"], "{field} must be a string.";
    Unsupported = "unsupported_field", "unsupported_field", ["provider", "field"], "{provider} has no field for {field}: it cannot be sent there.";
    NamePart = "required.name_part", "required", ["provider", "field", "target"], "{provider} keeps {field} with the other name parts in {target}: send {field} too.";
    TooManyLines = "too_many_items.address_lines", "too_many_items", ["provider", "max", "count"], "{provider} takes at most {max} address lines; this address has {count}.";
    NothingToSend = "at_least_one_required.contact", "at_least_one_required", ["provider", "fields"], "Nothing to send to {provider}: give at least one of {fields}.";
    CannotRemove = "null_not_allowed.remove", "null_not_allowed", ["label"], "{label} cannot be removed: no provider documents clearing a value; keep it or change it.";
}

/// The first template of the normalized contact and `diff` (see above): the templates before it
/// are every one the validators-only wasm can hand out.
pub const FIRST_REQUEST_TEMPLATE: usize = Msg::ContactNotObject as usize;

impl Msg {
    /// The template.
    pub fn template(self) -> &'static Template {
        // `Msg` is generated with `TEMPLATES`, one entry each, in the same order.
        TEMPLATES.get(self as usize).unwrap_or(&TEXT_TEMPLATE)
    }
}

const TEXT_TEMPLATE: Template = Template {
    id: "text",
    code: "",
    params: &["text"],
    en: "{text}",
};

/// A word a catalog translates: what a value turned out to be, and the `or` of `{name:or}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Word {
    Null,
    Boolean,
    Number,
    String,
    List,
    Object,
    Fraction,
    UnsafeInteger,
    Or,
    Undefined,
    Symbol,
    Function,
}

/// The words, in [`Word`] order: (id, English).
pub const WORDS: &[(&str, &str)] = &[
    ("null", "null"),
    ("boolean", "a boolean"),
    ("number", "a number"),
    ("string", "a string"),
    ("array", "a list"),
    ("object", "an object"),
    ("fraction", "a fraction"),
    ("unsafe_integer", "a number beyond the safe integer range"),
    ("or", "or"),
    ("undefined", "undefined"),
    ("symbol", "a Symbol"),
    ("function", "a function"),
];

/// The message of a client's validation error (nothing was sent): for one problem, then the
/// text before and after the count of several (no placeholder to search for: std's substring
/// search is kilobytes of wasm). `ProviderError::validation` in Rust and the JS glue's own
/// refusals (`pkg/src/api.js`, through the generated `messages.js`) both read it here.
pub const NOT_SENT: [&str; 3] = [
    "The request has 1 problem; nothing was sent.",
    "The request has ",
    " problems; nothing was sent.",
];

/// [`NOT_SENT`] for a normalized contact (`client.updateContact`, `Client::update_contact`).
pub const CONTACT_NOT_SENT: [&str; 3] = [
    "The contact has 1 problem; nothing was sent.",
    "The contact has ",
    " problems; nothing was sent.",
];

/// `texts` (one of [`NOT_SENT`], [`CONTACT_NOT_SENT`]) for `count` problems.
#[inline]
pub fn count_message(texts: [&str; 3], count: usize) -> String {
    let [one, before, after] = texts;
    if count == 1 {
        return one.to_owned();
    }
    let mut out = String::from(before);
    push_int(&mut out, i64::try_from(count).unwrap_or(i64::MAX));
    out.push_str(after);
    out
}

impl Word {
    /// The word's id (the value a message function sees in `params`).
    pub fn id(self) -> &'static str {
        WORDS.get(self as usize).map_or("", |w| w.0)
    }

    /// The English word.
    pub fn en(self) -> &'static str {
        WORDS.get(self as usize).map_or("", |w| w.1)
    }
}

/// One argument of an issue's template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Text from the spec (a label, a field name, a read-only reason).
    Str(&'static str),
    /// Text from the input or the outside world (an unknown key, a status, a provider's words).
    Owned(String),
    Int(i64),
    Word(Word),
    /// A list from the spec (enum values, field names).
    List(&'static [&'static str]),
}

impl Arg {
    /// An integer argument from an unsigned count.
    pub fn count(n: usize) -> Arg {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

// `#[inline]` (with `push_arg` and `count_message`): built at the calling crate's opt-level, not
// this crate's 3 (see convert.rs, above `split_e164`); not `push_int`, which the validators'
// cross rules call at opt-level 3 here (a second copy of it in the full wasm, +84 B gzip -9).
/// Renders `text` (the English of `template`, or another text with the same parameters) with
/// `args` into `out`, English words.
#[inline]
pub fn render_into(out: &mut String, template: &Template, text: &str, args: &[Arg]) {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let Some(close) = after.find('}') else {
            out.push_str(rest.get(open..).unwrap_or_default());
            return;
        };
        let inside = after.get(..close).unwrap_or_default();
        let (name, style) = inside.split_once(':').unwrap_or((inside, ""));
        let arg = template
            .params
            .iter()
            .position(|p| *p == name)
            .and_then(|i| args.get(i));
        match arg {
            Some(arg) => push_arg(out, arg, style),
            None => {
                out.push('{');
                out.push_str(inside);
                out.push('}');
            }
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
}

#[inline]
fn push_arg(out: &mut String, arg: &Arg, style: &str) {
    match arg {
        Arg::Str(s) => out.push_str(s),
        Arg::Owned(s) => out.push_str(s),
        Arg::Int(n) => push_int(out, *n),
        Arg::Word(w) => out.push_str(w.en()),
        Arg::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if style == "or" {
                    if i > 0 {
                        out.push(' ');
                        out.push_str(Word::Or.en());
                        out.push(' ');
                    }
                    out.push('"');
                    out.push_str(item);
                    out.push('"');
                } else {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(item);
                }
            }
        }
    }
}

/// Appends `n` in decimal (without `core::fmt`).
// `push_str` of one-character texts: `String::push(char)` kept a UTF-8 encoder of its own in the
// wasm (its calls here and in cross.rs's `item_path` were its only ones).
#[allow(clippy::single_char_add_str)]
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push_str("-");
    }
    push_u64(out, n.unsigned_abs());
}

/// Appends `m` in decimal (without `core::fmt`): the crates' one decimal writer (`push_int`, the
/// validation path's values and JSON positions, request numbers).
pub fn push_u64(out: &mut String, mut m: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(b) = buf.get_mut(i) {
            *b = b'0' + (m % 10) as u8;
        }
        m /= 10;
        if m == 0 || i == 0 {
            break;
        }
    }
    for &b in buf.get(i..).unwrap_or_default() {
        let d = usize::from(b - b'0');
        out.push_str(DIGITS.get(d..=d).unwrap_or_default());
    }
}

const DIGITS: &str = "0123456789";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msg_and_templates_line_up() {
        assert_eq!(Msg::Text.template().id, "text");
        assert_eq!(Msg::SameStatus.template().id, "invalid_transition.same");
        assert_eq!(Msg::NotJsonKey.template().id, "invalid_type.not_json_key");
        assert_eq!(Msg::CannotRemove.template().id, "null_not_allowed.remove");
        assert_eq!(TEMPLATES.len(), Msg::CannotRemove as usize + 1);
        let mut ids: Vec<_> = TEMPLATES.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), TEMPLATES.len(), "template ids are unique");
    }

    #[test]
    fn every_template_names_a_code_and_uses_its_params() {
        for t in TEMPLATES {
            if t.id != "text" {
                assert!(
                    Code::ALL.iter().any(|c| c.as_str() == t.code),
                    "{}: unknown code {}",
                    t.id,
                    t.code
                );
                assert!(t.id.starts_with(t.code), "{}", t.id);
            }
            for p in t.params {
                assert!(t.en.contains(&format!("{{{p}")), "{}: {p} unused", t.id);
            }
        }
    }

    #[test]
    fn words_line_up() {
        assert_eq!(Word::Or.id(), "or");
        assert_eq!(Word::Function.en(), "a function");
        assert_eq!(WORDS.len(), Word::Function as usize + 1);
        assert_eq!(
            Word::UnsafeInteger.en(),
            "a number beyond the safe integer range"
        );
    }

    #[test]
    fn count_messages() {
        assert_eq!(
            count_message(NOT_SENT, 1),
            "The request has 1 problem; nothing was sent."
        );
        assert_eq!(
            count_message(CONTACT_NOT_SENT, 12),
            "The contact has 12 problems; nothing was sent."
        );
    }

    #[test]
    fn renders_lists_words_and_integers() {
        let mut s = String::new();
        let t = Msg::SaIdByType.template();
        render_into(
            &mut s,
            t,
            t.en,
            &[
                Arg::Str("idNumber"),
                Arg::Str("idType"),
                Arg::List(&["PASSPORT", "OTHER"]),
            ],
        );
        assert!(s.ends_with("send idType \"PASSPORT\" or \"OTHER\" in the same request."));
        let mut s = String::new();
        let t = Msg::SumMismatch.template();
        render_into(
            &mut s,
            t,
            t.en,
            &[
                Arg::Str("share"),
                Arg::Str("nominees"),
                Arg::Int(100),
                Arg::Int(i64::MIN),
            ],
        );
        assert_eq!(
            s,
            "The share values of all nominees must add up to exactly 100; they add up to -9223372036854775808."
        );
    }
}
