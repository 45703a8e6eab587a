//! One contact for all five providers (issue 16): the normalized contact (`email`, `phone` in
//! E.164, `givenName`, `middleName`, `familyName`, `birthDate` in ISO 8601, `address` {`lines`,
//! `city`, `region`, `postalCode`, `country` alpha-2}), mapped onto each provider's operation by
//! the tables generated from the specs' `[unified]` sections. Absent means unchanged.
//!
//! - [`to_provider`]: contact → the provider operation's input, validated by that operation's own
//!   rules, every issue on the contact's path (`phone`, not `mobile_number`); a contact field the
//!   provider has no field for is an `unsupported_field` issue (or, with
//!   [`Options::skip_unsupported`], left out and listed).
//! - [`from_provider`]: a provider's customer record (or a response body holding one) → contact.
//! - [`diff`]: the contact holding only what changed between two contacts.
//!
//! ```
//! use customer_update::unified::{to_provider, Options};
//! use customer_update::rules::CivilDate;
//! let contact = serde_json::json!({ "phone": "+919876543210", "givenName": "Tim" });
//! let today = CivilDate::new(2026, 1, 1).unwrap();
//! let m = to_provider("juspay", &contact, "cst_1", Options::default(), today).unwrap();
//! assert_eq!(m.op.id, "juspay.updateCustomer");
//! assert_eq!(m.input["mobile_country_code"], "91");
//! assert_eq!(m.input["mobile_number"], "9876543210");
//! ```

use crate::rules::convert::{self, Convert, Field};
use crate::rules::DateStyle;
use crate::rules::{Arg, CivilDate, Code, Issue, Msg, PathSeg};
use crate::schema::{Operation, Provider};
use serde_json::{Map as JsonMap, Value};

/// How one provider takes the contact: generated from its spec's `[unified]` section.
#[derive(Debug)]
pub struct Mapping {
    /// The provider.
    pub provider: &'static Provider,
    /// The operation that takes the contact.
    pub op: &'static Operation,
    /// The input field that takes the customer reference (`accountNo`, `customer_id`, …).
    pub id: &'static str,
    /// Where a response body holds the customer record (empty: the body itself).
    pub record: &'static [&'static str],
    /// The contact fields it takes, and how.
    pub maps: &'static [Map],
}

/// Contact fields → provider fields through one conversion.
#[derive(Debug)]
pub struct Map {
    /// The contact fields read (more than one when joined, e.g. given and middle name).
    pub from: &'static [Field],
    /// The provider fields written.
    pub to: &'static [Target],
    /// The named conversion between them.
    pub convert: Convert,
}

/// A provider field a map writes: its path in the input, and whether it is an integer.
#[derive(Debug)]
pub struct Target {
    /// The field's path in the operation's input.
    pub path: &'static [&'static str],
    /// Whether the field takes an integer (the converted text is sent as a number).
    pub integer: bool,
}

include!(concat!(env!("OUT_DIR"), "/unified.rs"));

impl Mapping {
    /// Whether the provider takes `field`.
    pub fn takes(&self, field: Field) -> bool {
        self.maps.iter().any(|m| m.from.contains(&field))
    }
}

/// The mapping of a provider key, if it has one.
pub fn mapping(provider: &str) -> Option<&'static Mapping> {
    MAPPINGS.iter().find(|m| m.provider.key == provider)
}

/// Options of [`to_provider`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Leave out the contact fields the provider cannot take (listed in
    /// [`Mapped::unsupported`]) instead of reporting them as `unsupported_field`.
    pub skip_unsupported: bool,
}

/// A contact mapped onto a provider: the operation and its (valid) input.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    /// The operation.
    pub op: &'static Operation,
    /// Its input, valid by the operation's rules.
    pub input: Value,
    /// The contact fields present but left out (only with `skip_unsupported`).
    pub unsupported: Vec<Field>,
}

impl Mapped {
    /// As the JSON text `toProvider` returns: `{ ok: true, op, input, unsupported }` (the shape
    /// the TypeScript `ToProviderResult` is generated from: `rules::shapes::TO_PROVIDER_OK`).
    pub fn to_json(&self) -> String {
        use crate::rules::shapes::key;
        let mut w = crate::json::Writer::new();
        w.open().key(key::OK).bool(true);
        w.key(key::OP).str(self.op.id);
        self.write_rest(&mut w);
        w.close();
        w.finish()
    }

    /// The keys after `ok` and `op`: `input` and `unsupported` (the wasm's `toProvider` writes
    /// `ok` and `op` for both of its answers, then these or nothing).
    pub(crate) fn write_rest(&self, w: &mut crate::json::Writer) {
        use crate::rules::shapes::key;
        w.key(key::INPUT).raw(&crate::encode::json(&self.input));
        w.key(key::UNSUPPORTED)
            .strs(self.unsupported.iter().map(|f| f.name()));
    }
}

/// A contact that does not map onto operation `op`, as JSON text for Rust callers:
/// `{ ok: false, op, issues }` (`rules::shapes::TO_PROVIDER_FAIL`). The wasm's `toProvider` hands
/// the issues to the JavaScript API as records instead, which renders them with the message
/// catalogs and adds each issue's `provider`.
pub fn failure_json(op: &str, issues: &[Issue]) -> String {
    use crate::rules::shapes::key;
    let mut w = crate::json::Writer::new();
    w.open().key(key::OK).bool(false);
    w.key(key::OP).str(op);
    w.key(key::ISSUES).issues(issues);
    w.close();
    w.finish()
}

/// The contact's value of one field.
enum Val<'a> {
    Text(&'a str),
    Lines(Vec<&'a str>),
}

fn key_path(field: Field) -> Vec<PathSeg> {
    match field.address_key() {
        Some(k) => vec![PathSeg::from("address"), PathSeg::from(k)],
        None => vec![PathSeg::from(field.name())],
    }
}

/// `issues.push(Issue::of(…))` at one site (each `Issue` built and pushed in place is a copy of
/// its own in the wasm).
#[inline(never)]
fn push(issues: &mut Vec<Issue>, path: Vec<PathSeg>, code: Code, msg: Msg, args: Vec<Arg>) {
    issues.push(Issue::of(path, code, msg, args));
}

/// One bit per contact field (its place in [`Field::ALL`]), for sets of fields.
const fn bit(field: Field) -> u16 {
    1 << field as u16
}

/// The fields a contact holds (present): the values of those in `taken`, read and checked, and
/// the bits of all of them.
struct Read<'a> {
    fields: Vec<(Field, Val<'a>)>,
    present: u16,
}

/// An `unknown_field` issue for each key of `obj` (the contact, or its address `under`) not in
/// `known`: one out-of-line loop for both objects (a copy of the loop and its issue each before).
#[inline(never)]
fn unknown_keys(
    issues: &mut Vec<Issue>,
    obj: &JsonMap<String, Value>,
    under: Option<&'static str>,
    known: &'static [&'static str],
    msg: Msg,
) {
    // A plain loop with a test, not `filter` (each `filter` closure is a `call_mut` copy).
    for (k, _) in obj {
        if known.contains(&k.as_str()) {
            continue;
        }
        let path = match under {
            Some(a) => vec![PathSeg::from(a), PathSeg::from(k.as_str())],
            None => vec![PathSeg::from(k.as_str())],
        };
        push(
            issues,
            path,
            Code::UnknownField,
            msg,
            vec![Arg::Owned(k.clone()), Arg::List(known)],
        );
    }
}

/// Reads and checks the contact's own shape and formats. The value of a field not in `taken`
/// (the provider cannot take it) is not checked: it is unsupported there, whatever its value, and
/// its format issues are left to the providers that take it.
fn read_contact<'a>(contact: &'a Value, taken: u16, issues: &mut Vec<Issue>) -> Read<'a> {
    let mut out = Read {
        fields: Vec::new(),
        present: 0,
    };
    let Some(obj) = contact.as_object() else {
        push(
            issues,
            Vec::new(),
            Code::InvalidType,
            Msg::ContactNotObject,
            Vec::new(),
        );
        return out;
    };
    // The contact's own keys (tested to be the top-level fields and `address`).
    unknown_keys(issues, obj, None, Field::CONTACT_KEYS, Msg::ContactUnknown);
    let address = match obj.get("address") {
        None => None,
        Some(Value::Object(a)) => {
            // (Tested to be the address fields' keys.)
            unknown_keys(
                issues,
                a,
                Some("address"),
                Field::ADDRESS_KEYS,
                Msg::AddressUnknown,
            );
            Some(a)
        }
        Some(_) => {
            push(
                issues,
                vec![PathSeg::from("address")],
                Code::InvalidType,
                Msg::AddressNotObject,
                Vec::new(),
            );
            None
        }
    };
    for field in Field::ALL {
        let value = match field.address_key() {
            Some(k) => address.and_then(|a| a.get(k)),
            None => obj.get(field.name()),
        };
        let Some(value) = value else { continue };
        out.present |= bit(field);
        if taken & bit(field) == 0 {
            continue;
        }
        let path = key_path(field);
        // What is wrong with the value, or its reading: one issue site for every case (each
        // `Issue` built and pushed in place is a copy of its own in the wasm).
        let (code, msg, format) = match (field, value) {
            (_, Value::Null) => (Code::NullNotAllowed, Msg::ContactNull, None),
            (Field::AddressLines, Value::Array(items)) => {
                let mut lines = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let (code, msg) = match item.as_str() {
                        Some(s) if !s.trim().is_empty() => {
                            lines.push(s);
                            continue;
                        }
                        Some(_) => (Code::Empty, Msg::LineEmpty),
                        None => (Code::InvalidType, Msg::LineNotText),
                    };
                    let mut p = path.clone();
                    p.push(PathSeg::Index(i));
                    push(issues, p, code, msg, Vec::new());
                }
                if items.is_empty() {
                    (Code::TooFewItems, Msg::NoLines, None)
                } else {
                    out.fields.push((field, Val::Lines(lines)));
                    continue;
                }
            }
            (Field::AddressLines, _) => (Code::InvalidType, Msg::LinesNotList, None),
            (_, Value::String(s)) => match field {
                _ if s.trim().is_empty() => (Code::Empty, Msg::ContactEmpty, None),
                Field::Phone if convert::split_e164(s).is_none() => {
                    (Code::InvalidFormat, Msg::ContactE164, Some("e164"))
                }
                Field::BirthDate if CivilDate::parse(s, DateStyle::Iso).is_none() => {
                    (Code::InvalidFormat, Msg::ContactDate, Some("date"))
                }
                Field::AddressCountry if !crate::rules::country::is_assigned(s.as_str()) => (
                    Code::InvalidFormat,
                    Msg::ContactCountry,
                    Some("country_code"),
                ),
                _ => {
                    out.fields.push((field, Val::Text(s.as_str())));
                    continue;
                }
            },
            _ => (Code::InvalidType, Msg::ContactNotText, None),
        };
        // The field's name is the argument of every message here but the list's own two.
        let args = match msg {
            Msg::NoLines | Msg::LinesNotList => Vec::new(),
            _ => vec![Arg::Str(field.name())],
        };
        push(issues, path, code, msg, args);
        if let Some(issue) = issues.last_mut() {
            issue.format = format;
        }
    }
    out
}

/// Sets `value` at `path` in `obj`, creating objects on the way.
fn set(obj: &mut JsonMap<String, Value>, path: &[&str], value: Value) {
    match path {
        [] => {}
        [last] => {
            obj.insert((*last).to_owned(), value);
        }
        [head, rest @ ..] => {
            // `contains_key`, `insert` and `get_mut` rather than `entry` (serde_json's `entry`
            // and `or_insert_with` copies leave the wasm).
            if !obj.contains_key(*head) {
                obj.insert((*head).to_owned(), Value::Object(JsonMap::new()));
            }
            if let Some(Value::Object(inner)) = obj.get_mut(*head) {
                set(inner, rest, value);
            }
        }
    }
}

/// The country names (`convert::NAMES`' text) the `country_name` conversion reads: the
/// vocabulary's natively; in the wasm, the package's `countries.js` copy, handed over by the JS
/// glue before its first contact call (`setCountryNames`), so the wasm does not carry the text.
#[cfg(not(target_arch = "wasm32"))]
fn country_names() -> &'static str {
    convert::NAMES
}
#[cfg(target_arch = "wasm32")]
fn country_names() -> &'static str {
    crate::wasm::contact::country_names()
}

/// Maps `contact` onto `provider`'s operation; `id` is the provider's customer reference.
/// `today` is the current UTC date (for the operation's date rules). An unknown provider is an
/// issue naming the providers; [`Mapping::to_provider`] is the same for a mapping in hand.
pub fn to_provider(
    provider: &str,
    contact: &Value,
    id: &str,
    options: Options,
    today: CivilDate,
) -> Result<Mapped, Vec<Issue>> {
    let Some(mapping) = mapping(provider) else {
        return Err(vec![Issue::new(
            Vec::new(),
            Code::InvalidType,
            crate::text::concat(&[
                "Unknown provider \"",
                provider,
                "\": one of ",
                &crate::text::join(MAPPINGS.iter().map(|m| m.provider.key), ", "),
                ".",
            ]),
        )]);
    };
    mapping.to_provider(contact, id, options, today)
}

impl Mapping {
    /// [`to_provider`] for this mapping's provider (the wasm and the client look the mapping up
    /// first, so their builds carry no unknown-provider branch of their own here).
    pub fn to_provider(
        &self,
        contact: &Value,
        id: &str,
        options: Options,
        today: CivilDate,
    ) -> Result<Mapped, Vec<Issue>> {
        to_mapping(self, contact, id, options, today)
    }

    /// [`from_provider`] for this mapping's provider.
    pub fn from_provider(&self, body: &Value) -> Result<Value, Vec<Issue>> {
        self.read_back(body).ok_or_else(not_object)
    }

    /// [`Mapping::from_provider`] without its issue (`None`: the body is not an object): the
    /// wasm's `fromProvider` throws a `TypeError` of its own there, so it carries no issue to
    /// build and drop.
    pub(crate) fn read_back(&self, body: &Value) -> Option<Value> {
        from_mapping(self, body)
    }
}

fn to_mapping(
    mapping: &Mapping,
    contact: &Value,
    id: &str,
    options: Options,
    today: CivilDate,
) -> Result<Mapped, Vec<Issue>> {
    let title = mapping.provider.title;
    let mut issues = Vec::new();
    // The fields the maps read (as `takes` of each field, without a search per field).
    let mut taken = 0;
    for map in mapping.maps {
        for f in map.from {
            taken |= bit(*f);
        }
    }
    let Read { fields, present } = read_contact(contact, taken, &mut issues);
    let get = |f: Field| fields.iter().find(|(g, _)| *g == f).map(|(_, v)| v);
    let text = |f: Field| match get(f) {
        Some(Val::Text(s)) => Some(*s),
        _ => None,
    };
    let mut unsupported = Vec::new();
    // Plain loops with a test, not `filter` (each `filter` closure is a `call_mut` copy).
    for field in Field::ALL.iter() {
        if present & bit(*field) == 0 || taken & bit(*field) != 0 {
            continue;
        }
        if options.skip_unsupported {
            unsupported.push(*field);
        } else {
            push(
                &mut issues,
                key_path(*field),
                Code::UnsupportedField,
                Msg::Unsupported,
                vec![Arg::Str(title), Arg::Str(field.name())],
            );
        }
    }
    let mut input = JsonMap::new();
    let mut sent = false;
    for map in mapping.maps {
        if !map.from.iter().any(|f| get(*f).is_some()) {
            continue;
        }
        let first_to = map.to.first().map(|t| t.path);
        let field = map.from.first().copied().unwrap_or(Field::Email);
        match map.convert {
            Convert::Copy | Convert::Date(_) | Convert::CountryName => {
                let (Some(s), Some(to)) = (text(field), first_to) else {
                    continue;
                };
                let value = match map.convert {
                    Convert::Date(style) => convert::date_to(s, style),
                    Convert::CountryName => {
                        convert::country_name_in(country_names(), s).map(str::to_owned)
                    }
                    _ => Some(s.to_owned()),
                };
                // The contact's formats were checked above, so both conversions succeed.
                if let Some(v) = value {
                    set(&mut input, to, Value::String(v));
                }
            }
            Convert::E164Split => {
                let (Some((code, national)), [cc, nat]) =
                    (text(field).and_then(convert::split_e164), map.to)
                else {
                    continue;
                };
                let code = if cc.integer {
                    Value::from(code)
                } else {
                    Value::String(crate::text::decimal(u64::from(code)))
                };
                set(&mut input, cc.path, code);
                set(&mut input, nat.path, Value::String(national.to_owned()));
            }
            Convert::JoinNames => {
                // The joined field is written whole: a later part (the middle name) cannot be
                // sent without the first (the given name). Without a middle name the field holds
                // the given name alone.
                let (Some(first), Some(to)) = (map.from.first(), first_to) else {
                    continue;
                };
                if get(*first).is_none() {
                    push(
                        &mut issues,
                        key_path(*first),
                        Code::Required,
                        Msg::NamePart,
                        vec![
                            Arg::Str(title),
                            Arg::Str(first.name()),
                            Arg::Owned(crate::text::join(to.iter().copied(), ".")),
                        ],
                    );
                    continue;
                }
                // Pushed, not collected: each `collect` is a copy of `Vec::from_iter`.
                let mut parts: Vec<&str> = Vec::new();
                for f in map.from {
                    if let Some(t) = text(*f) {
                        parts.push(t);
                    }
                }
                set(&mut input, to, Value::String(convert::join_names(&parts)));
            }
            Convert::Lines => {
                let Some(Val::Lines(lines)) = get(Field::AddressLines) else {
                    continue;
                };
                if lines.len() > map.to.len() {
                    push(
                        &mut issues,
                        key_path(Field::AddressLines),
                        Code::TooManyItems,
                        Msg::TooManyLines,
                        vec![
                            Arg::Str(title),
                            Arg::count(map.to.len()),
                            Arg::count(lines.len()),
                        ],
                    );
                    continue;
                }
                for (line, t) in lines.iter().zip(map.to) {
                    set(&mut input, t.path, Value::String((*line).to_owned()));
                }
            }
        }
        sent = true;
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    if !sent {
        let mut names = String::new();
        for f in Field::ALL.iter() {
            if taken & bit(*f) == 0 {
                continue;
            }
            if !names.is_empty() {
                names.push_str(", ");
            }
            names.push_str(f.name());
        }
        // Through `push` into the (empty) list, not a `vec![Issue::of(…)]` of its own.
        push(
            &mut issues,
            Vec::new(),
            Code::AtLeastOneRequired,
            Msg::NothingToSend,
            vec![Arg::Str(title), Arg::Owned(names)],
        );
        return Err(issues);
    }
    input.insert(mapping.id.to_owned(), Value::String(id.to_owned()));
    let input = Value::Object(input);
    match crate::validate::validate(mapping.op, &input, today) {
        Ok(()) => Ok(Mapped {
            op: mapping.op,
            input,
            unsupported,
        }),
        Err(mut issues) => {
            for i in &mut issues {
                i.path = contact_path(mapping, &i.path);
            }
            Err(issues)
        }
    }
}

/// The contact path of an issue at `path` in the provider input: the contact field the provider
/// field came from (`mobile_number` → `phone`, `permanentAddress.address2` → `address.lines[1]`),
/// `id` for the customer reference, the root for the rest (cross-field rules).
pub fn contact_path(mapping: &Mapping, path: &[PathSeg]) -> Vec<PathSeg> {
    let mut keys: Vec<&str> = Vec::new();
    for s in path {
        match s {
            PathSeg::Key(k) => keys.push(k.as_str()),
            PathSeg::Index(_) => break,
        }
    }
    contact_path_of_keys(mapping, &keys)
}

/// [`contact_path`] of the path's keys up to its first index (`contactPath` reads them straight
/// from its JSON list, without a `PathSeg` list of its own).
pub(crate) fn contact_path_of_keys(mapping: &Mapping, keys: &[&str]) -> Vec<PathSeg> {
    if keys.first() == Some(&mapping.id) {
        return vec![PathSeg::from("id")];
    }
    // The field the path is found at (with a line's index), else the first field under the
    // path's object: the path built once, at the end (not a `key_path` per target).
    let mut parent = None;
    let mut found = None;
    'maps: for map in mapping.maps {
        let Some(field) = map.from.first().copied() else {
            continue;
        };
        for (i, t) in map.to.iter().enumerate() {
            if keys.starts_with(t.path) {
                found = Some((field, (map.convert == Convert::Lines).then_some(i)));
                break 'maps;
            }
            if !keys.is_empty() && t.path.starts_with(keys) && parent.is_none() {
                // An issue on an object holding mapped fields (`permanentAddress`): the contact's
                // object (`address`), or the one field it maps (`phone`).
                parent = Some(field);
            }
        }
    }
    let (field, index, whole) = match (found, parent) {
        (Some((f, index)), _) => (f, index, true),
        (None, Some(f)) => (f, None, false),
        (None, None) => return Vec::new(),
    };
    let mut to = key_path(field);
    if !whole {
        to.truncate(1);
    }
    if let Some(i) = index {
        to.push(PathSeg::Index(i));
    }
    to
}

/// Reads a provider's customer record back into a contact: `body` is the record or a response
/// body holding it where the spec's `record` says. Fields the record does not hold, or holds in
/// a form that cannot be read back, are left out.
pub fn from_provider(provider: &str, body: &Value) -> Result<Value, Vec<Issue>> {
    let Some(mapping) = mapping(provider) else {
        return Err(vec![Issue::new(
            Vec::new(),
            Code::InvalidType,
            crate::text::concat(&["Unknown provider \"", provider, "\"."]),
        )]);
    };
    from_mapping(mapping, body).ok_or_else(not_object)
}

/// `from_provider`'s issue for a body that is not a JSON object.
fn not_object() -> Vec<Issue> {
    vec![Issue::new(
        Vec::new(),
        Code::InvalidType,
        "The response body must be a JSON object.",
    )]
}

fn from_mapping(mapping: &Mapping, body: &Value) -> Option<Value> {
    let nested = value_at(body, mapping.record);
    let record = match nested.filter(|v| v.is_object()) {
        Some(r) => r,
        None if body.is_object() => body,
        None => return None,
    };
    let at = |path: &[&str]| value_at(record, path);
    let string = |path: &[&str]| {
        at(path)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    // A slot per contact field (its place in `Field::ALL`); the first value found is kept.
    let mut found: [Option<Value>; 11] = Default::default();
    let put = |found: &mut [Option<Value>; 11], f: Field, v: Value| {
        if let Some(slot @ None) = found.get_mut(f as usize) {
            *slot = Some(v);
        }
    };
    for map in mapping.maps {
        let Some(field) = map.from.first().copied() else {
            continue;
        };
        let first = map.to.first().map(|t| t.path).unwrap_or_default();
        // The first target's text, read once for the conversions that take it.
        let text = string(first);
        let value = match map.convert {
            Convert::Copy => text.map(str::to_owned),
            Convert::Date(style) => text.and_then(|s| convert::date_from(s, style)),
            Convert::CountryName => text
                .and_then(|name| convert::country_code_in(country_names(), name))
                .map(str::to_owned),
            Convert::E164Split => match map.to {
                [cc, nat] => {
                    let code = match at(cc.path) {
                        Some(Value::Number(n)) => n.as_u64().map(crate::text::decimal),
                        Some(Value::String(s)) => Some(s.trim().to_owned()),
                        _ => None,
                    };
                    match (code, string(nat.path)) {
                        (Some(c), Some(n)) => convert::join_e164(&c, n),
                        _ => None,
                    }
                }
                _ => None,
            },
            Convert::JoinNames => {
                if let Some(s) = text {
                    // By reference (consuming the list is an `IntoIter` copy of its own).
                    let parts = convert::split_names(s, map.from.len());
                    for (f, part) in map.from.iter().zip(&parts) {
                        put(&mut found, *f, Value::String(part.clone()));
                    }
                }
                None
            }
            Convert::Lines => {
                let mut lines: Vec<Value> = Vec::new();
                for t in map.to {
                    if let Some(s) = string(t.path) {
                        lines.push(Value::String(s.to_owned()));
                    }
                }
                if !lines.is_empty() {
                    put(&mut found, field, Value::Array(lines));
                }
                None
            }
        };
        if let Some(v) = value {
            put(&mut found, field, Value::String(v));
        }
    }
    Some(build(found))
}

/// The value at `path` in `v` (one loop for the record's place and each field's: two `try_fold`
/// copies before).
fn value_at<'v>(v: &'v Value, path: &[&str]) -> Option<&'v Value> {
    let mut v = v;
    for k in path {
        v = v.get(k)?;
    }
    Some(v)
}

/// A contact object from a value slot per field (keys in the JSON map's order).
fn build(mut found: [Option<Value>; 11]) -> Value {
    let mut out = JsonMap::new();
    let mut address = JsonMap::new();
    for (f, slot) in Field::ALL.iter().zip(found.iter_mut()) {
        let Some(v) = slot.take() else {
            continue;
        };
        let (map, key) = match f.address_key() {
            Some(k) => (&mut address, k),
            None => (&mut out, f.name()),
        };
        map.insert(key.to_owned(), v);
    }
    if !address.is_empty() {
        out.insert("address".to_owned(), Value::Object(address));
    }
    Value::Object(out)
}

/// The contact holding what changed from `before` to `after`: changed fields, and a changed
/// address whole (providers replace the address object, and M2P requires all of it). A field in
/// `before` that `after` leaves out cannot be expressed (no provider documents clearing a value).
pub fn diff(before: &Value, after: &Value) -> Result<Value, Vec<Issue>> {
    let empty = JsonMap::new();
    let b = before.as_object().unwrap_or(&empty);
    let Some(a) = after.as_object() else {
        return Err(vec![Issue::new(
            Vec::new(),
            Code::InvalidType,
            "`after` must be a contact object.",
        )]);
    };
    let mut issues = Vec::new();
    let removed = |issues: &mut Vec<Issue>, path: Vec<PathSeg>, name: String| {
        push(
            issues,
            path,
            Code::NullNotAllowed,
            Msg::CannotRemove,
            vec![Arg::Owned(name)],
        );
    };
    let mut out = JsonMap::new();
    for (k, v) in a {
        if !b.get(k.as_str()).is_some_and(|w| crate::encode::same(w, v)) {
            out.insert(k.clone(), crate::encode::dup(v));
        }
    }
    // In key order, whatever order the maps keep (serde_json's `preserve_order` may be on in a
    // build that includes the code generator).
    // Over the lists by reference (an `IntoIter` is one more copy).
    for &k in &crate::encode::sorted_keys(b) {
        let Some(v) = b.get(k) else { continue };
        match (v, a.get(k)) {
            (_, None) => removed(&mut issues, vec![PathSeg::from(k)], k.to_owned()),
            (Value::Object(ba), Some(Value::Object(aa))) => {
                for &sub in &crate::encode::sorted_keys(ba) {
                    if aa.contains_key(sub) {
                        continue;
                    }
                    // Pushed, not `format!`ed (no `fmt::Arguments` for two `&str`s).
                    let mut name = k.to_owned();
                    name.push('.');
                    name.push_str(sub);
                    removed(
                        &mut issues,
                        vec![PathSeg::from(k), PathSeg::from(sub)],
                        name,
                    );
                }
            }
            _ => {}
        }
    }
    if issues.is_empty() {
        Ok(Value::Object(out))
    } else {
        Err(issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `contact_path_of_keys` as it was before the path was built once at the end (a `key_path`
    /// per target), the reference the new form is tested against.
    fn per_target(mapping: &Mapping, keys: &[&str]) -> Vec<PathSeg> {
        if keys.first() == Some(&mapping.id) {
            return vec![PathSeg::from("id")];
        }
        let mut parent = None;
        for map in mapping.maps {
            for (i, t) in map.to.iter().enumerate() {
                let Some(field) = map.from.first().copied() else {
                    continue;
                };
                let mut to = key_path(field);
                if map.convert == Convert::Lines {
                    to.push(PathSeg::Index(i));
                }
                if keys.starts_with(t.path) {
                    return to;
                }
                if !keys.is_empty() && t.path.starts_with(keys) && parent.is_none() {
                    to.truncate(1);
                    parent = Some(to);
                }
            }
        }
        parent.unwrap_or_default()
    }

    #[test]
    fn contact_paths_as_the_per_target_form_gave() {
        for mapping in MAPPINGS {
            // Every target path, each of its prefixes, each with a key more, the id, the root
            // and keys no map writes.
            let mut cases: Vec<Vec<&str>> = vec![
                vec![],
                vec![mapping.id],
                vec![mapping.id, "x"],
                vec!["nope"],
                vec!["nope", "x"],
            ];
            for map in mapping.maps {
                for t in map.to {
                    for n in 1..=t.path.len() {
                        cases.push(t.path[..n].to_vec());
                        let mut more = t.path[..n].to_vec();
                        more.push("extra");
                        cases.push(more);
                    }
                }
            }
            for keys in &cases {
                assert_eq!(
                    contact_path_of_keys(mapping, keys),
                    per_target(mapping, keys),
                    "{} {keys:?}",
                    mapping.provider.key
                );
            }
        }
    }
}
