//! The checks of a spec: everything a spec names must exist and every value must mean
//! something, so a mistake fails the build here, with the file, the place, the field and the
//! fix, and never reaches the generated code or run time.

use crate::error::{Res, SpecError};
use crate::names::pascal;
use crate::spec::{
    encoding, is_primitive, location, method, path_params, FieldSpec, OperationSpec, RuleSpec,
    SpecFile, TypeSpec,
};
use customer_update_vocab::formats::HEADER_TEXT_MAX_CHARS;
use customer_update_vocab::{country, DateStyle, Format, Rule};
use std::collections::{BTreeMap, BTreeSet};

/// The field types a spec may write.
const TYPES: [&str; 8] = [
    "string", "boolean", "integer", "number", "any", "object", "array", "map",
];

/// The most fields one object may have: the one-pass validator tracks them in a `u64`.
const MAX_FIELDS: usize = 64;

/// `a, b, c`: a list of names for a message.
fn list<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    names
        .into_iter()
        .map(|n| n.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

fn date_patterns() -> String {
    list(DateStyle::ALL.iter().map(|s| s.pattern()))
}

/// Checks the ISO 3166-1 list (`src/spec/iso3166-1-alpha2.txt`): the runtime binary-searches
/// it as three bytes a code.
pub fn country_list(text: &str) -> Res<()> {
    country::check_text(text).map_err(|e| {
        SpecError::new(
            e,
            "one upper-case alpha-2 code a line, sorted, no blank lines, a final newline",
        )
    })
}

/// Checks a whole spec; `stem` is its file name without `.toml`.
pub fn spec(spec: &SpecFile, stem: &str) -> Res<()> {
    if spec.provider != stem {
        return Err(SpecError::new(
            format!(
                "provider \"{}\" does not match the file name",
                spec.provider
            ),
            format!("write provider = \"{stem}\", or rename the file"),
        )
        .at("provider"));
    }
    auth(spec).map_err(|e| e.at("auth"))?;
    let mut header_names = BTreeSet::new();
    for h in &spec.headers {
        if !header_names.insert(h.name.to_ascii_lowercase()) {
            return Err(SpecError::new(
                "the header is listed twice",
                "keep one [[headers]] entry per header name",
            )
            .at(format!("header {}", h.name)));
        }
        template(&h.value, &spec.auth.config).map_err(|e| e.at(format!("header {}", h.name)))?;
    }
    if let Some(h) = &spec.idempotency_header {
        if !spec.headers.iter().any(|x| x.name == *h) {
            return Err(SpecError::new(
                format!("{h} is not one of the provider's headers"),
                format!(
                    "add a [[headers]] entry named {h}, or name one of: {}",
                    list(spec.headers.iter().map(|x| &x.name))
                ),
            )
            .at("idempotency_header"));
        }
    }
    for name in &spec.errors {
        if !spec.types.contains_key(name) {
            return Err(no_type(spec, name).at("errors"));
        }
    }
    let mut statuses = BTreeSet::new();
    for status in &spec.error_statuses {
        if !(400..=599).contains(status) || !statuses.insert(*status) {
            return Err(SpecError::new(
                format!("{status} is not an error status, or is listed twice"),
                "list each documented error status once, from 400 to 599",
            )
            .at("error_statuses"));
        }
    }
    let mut rust_names: BTreeMap<String, &str> = BTreeMap::new();
    for (name, t) in &spec.types {
        if let Some(other) = rust_names.insert(pascal(name), name) {
            return Err(SpecError::new(
                format!(
                    "types {other} and {name} get the same generated name {}",
                    pascal(name)
                ),
                "rename one of them",
            )
            .at(format!("type {name}")));
        }
        type_spec(spec, t).map_err(|e| e.at(format!("type {name}")))?;
    }
    let mut ids = BTreeSet::new();
    for op in &spec.operations {
        if !ids.insert(op.id.clone()) {
            return Err(SpecError::new(
                "the id is used twice",
                "give each [[operations]] entry its own name and id",
            )
            .at(format!("operation {}", op.id)));
        }
        operation(spec, op).map_err(|e| e.at(format!("operation {}", op.id)))?;
        header_fields(spec, op).map_err(|e| e.at(format!("operation {}", op.id)))?;
    }
    if spec.unified.is_some() {
        crate::emit::unified::resolve(spec)?;
    }
    Ok(())
}

/// A field a header template reads (`{input.FIELD}`) travels in that header as it is, so
/// `validate` itself must refuse what a header cannot carry: the field must be a string with
/// `format = "header_text"` and a `max_length` of at most [`HEADER_TEXT_MAX_CHARS`].
fn header_fields(spec: &SpecFile, op: &OperationSpec) -> Res<()> {
    for h in &spec.headers {
        for key in placeholders(&h.value).filter_map(|p| p.strip_prefix("input.")) {
            let Some(f) = op.input.get(key) else { continue };
            let fits = f.ty == "string"
                && f.format.as_deref() == Some("header_text")
                && f.max_length
                    .is_some_and(|m| m as usize <= HEADER_TEXT_MAX_CHARS);
            if !fits {
                return Err(SpecError::new(
                    format!("the field is also sent in the {} header, and validate would let through a value no header can carry", h.name),
                    format!("declare it type = \"string\", format = \"header_text\", max_length = <at most {HEADER_TEXT_MAX_CHARS}>"),
                )
                .at(format!("field {key}")));
            }
        }
    }
    Ok(())
}

/// The `{name}` placeholders of a header template, `basic:` removed.
fn placeholders(t: &str) -> impl Iterator<Item = &str> {
    t.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .map(|name| name.strip_prefix("basic:").unwrap_or(name))
}

fn auth(spec: &SpecFile) -> Res<()> {
    let a = &spec.auth;
    if !matches!(a.scheme.as_str(), "token" | "basic" | "hawk" | "bearer") {
        return Err(SpecError::new(
            format!("unknown auth scheme \"{}\"", a.scheme),
            "known: token, basic, hawk, bearer",
        )
        .at("scheme"));
    }
    if (a.scheme == "token") != a.token_path.is_some() {
        return Err(SpecError::new(
            "token_path is needed by, and only by, the token scheme",
            if a.scheme == "token" {
                "add token_path = \"/path/of/the/token/endpoint\""
            } else {
                "remove token_path"
            },
        )
        .at("token_path"));
    }
    if let Some(other) = a.token_from.as_deref() {
        if !matches!(other, "base" | "origin") {
            return Err(SpecError::new(
                format!("token_from = \"{other}\" is not a choice"),
                "use \"base\" (under the base URL, the default) or \"origin\" (under scheme://host:port)",
            )
            .at("token_from"));
        }
    }
    Ok(())
}

fn no_type(spec: &SpecFile, name: &str) -> SpecError {
    SpecError::new(
        format!("no type \"{name}\""),
        format!(
            "declare [types.{name}], or name one of: {}",
            list(spec.types.keys())
        ),
    )
}

/// Header templates: `{token}`, `{hawk}`, `{request_id}`, `{input.*}`, `{config.<key>}` (with the
/// key in `auth.config`), each optionally as `{basic:…}`.
fn template(t: &str, config: &[String]) -> Res<()> {
    let mut rest = t;
    while let Some((_, after)) = rest.split_once('{') {
        let Some((name, tail)) = after.split_once('}') else {
            return Err(SpecError::new(
                "unclosed `{` in the value",
                "close the placeholder with `}`",
            ));
        };
        let key = name.strip_prefix("basic:").unwrap_or(name);
        let ok = match key {
            "token" | "hawk" | "request_id" => true,
            k if k.starts_with("input.") => true,
            k => k
                .strip_prefix("config.")
                .is_some_and(|c| config.iter().any(|x| x == c)),
        };
        if !ok {
            return Err(SpecError::new(
                format!("unknown placeholder {{{name}}}"),
                format!(
                    "use {{token}}, {{hawk}}, {{request_id}}, {{input.<field>}} or {{config.<key>}} with the key listed in auth.config ({})",
                    list(config)
                ),
            ));
        }
        rest = tail;
    }
    Ok(())
}

fn type_spec(spec: &SpecFile, t: &TypeSpec) -> Res<()> {
    t.open()?;
    too_many_fields(t.fields.len())?;
    for (fname, f) in &t.fields {
        let at = |e: SpecError| e.at(format!("field {fname}"));
        field(spec, f).map_err(at)?;
        if f.location.is_some() {
            return Err(at(SpecError::new(
                "`in` is for operation inputs only",
                "remove `in` (fields of a type are always in the body)",
            )));
        }
    }
    Ok(())
}

fn too_many_fields(n: usize) -> Res<()> {
    if n > MAX_FIELDS {
        return Err(SpecError::new(
            format!("{n} fields; an object may have at most {MAX_FIELDS}"),
            "split the object into nested types",
        ));
    }
    Ok(())
}

fn operation(spec: &SpecFile, op: &OperationSpec) -> Res<()> {
    let expected = format!("{}.{}", spec.provider, op.name);
    if op.id != expected {
        return Err(SpecError::new(
            format!("id \"{}\" does not match the provider and name", op.id),
            format!("write id = \"{expected}\""),
        )
        .at("id"));
    }
    method(&op.method).map_err(|e| e.at("method"))?;
    encoding(op.encoding.as_deref()).map_err(|e| e.at("encoding"))?;
    if !spec.types.contains_key(&op.response) {
        return Err(no_type(spec, &op.response).at("response"));
    }
    too_many_fields(op.input.len()).map_err(|e| e.at("input"))?;
    for (fname, f) in &op.input {
        let at = |e: SpecError| e.at(format!("field {fname}"));
        field(spec, f).map_err(at)?;
        let loc = location(f.location.as_deref()).map_err(at)?;
        if loc == "Path" && f.ty != "string" {
            return Err(at(SpecError::new(
                format!("a path parameter of type {}", f.ty),
                "path parameters are strings: write type = \"string\"",
            )));
        }
    }
    let params = path_params(&op.path);
    for p in &params {
        match op.input.get(p) {
            Some(f) if f.location.as_deref() == Some("path") && f.required => {}
            _ => {
                return Err(SpecError::new(
                    format!("the path {} names {{{p}}}, which no input field fills", op.path),
                    format!("declare {p} = {{ type = \"string\", required = true, in = \"path\" }} in the input"),
                )
                .at(format!("field {p}")))
            }
        }
    }
    for (fname, f) in &op.input {
        if f.location.as_deref() == Some("path") && !params.contains(fname) {
            return Err(SpecError::new(
                format!("in = \"path\", but the path {} has no {{{fname}}}", op.path),
                format!("add {{{fname}}} to the path, or remove in = \"path\""),
            )
            .at(format!("field {fname}")));
        }
    }
    for r in &op.rules {
        rule(spec, op, r).map_err(|e| e.at(format!("rule {}", r.kind)))?;
    }
    let example: serde_json::Value = serde_json::from_str(&op.example).map_err(|e| {
        SpecError::new(
            format!("not JSON: {e}"),
            "write the example as the text of a JSON object",
        )
        .at("example")
    })?;
    if !example.is_object() {
        return Err(SpecError::new(
            "not a JSON object",
            "write the example as the text of a JSON object, `{ … }`",
        )
        .at("example"));
    }
    Ok(())
}

/// One rule of an operation: its parameters, and every field it names.
fn rule(spec: &SpecFile, op: &OperationSpec, r: &RuleSpec) -> Res<()> {
    let rule = build_rule(r)?;
    let input_names = || list(op.input.keys());
    let mut seen = BTreeSet::new();
    let top = rule.top_level_fields();
    if top.is_empty() {
        return Err(SpecError::new(
            "the rule names no field",
            "list at least one input field in `fields`",
        ));
    }
    for f in &top {
        let at = |e: SpecError| e.at(format!("field {f}"));
        if !seen.insert(*f) {
            return Err(at(SpecError::new("named twice", "name each field once")));
        }
        let Some(field) = op.input.get(*f) else {
            return Err(at(SpecError::new(
                "no such input field",
                format!(
                    "name one of the operation's input fields: {}",
                    input_names()
                ),
            )));
        };
        // Rules that read a value (all but presence) need a typed one: the one-pass validator
        // captures strings, numbers and booleans only.
        if field.ty == "any" && !matches!(rule, Rule::AtLeastOneOf { .. }) {
            return Err(at(SpecError::new(
                "the rule reads this field's value, and its type is `any`",
                "give the field a type (string, integer, number, boolean)",
            )));
        }
    }
    let items = rule.item_fields();
    if items.is_empty() {
        return Ok(());
    }
    let array = top.first().copied().unwrap_or_default();
    let item_type = op
        .input
        .get(array)
        .filter(|f| f.ty == "array")
        .and_then(|f| f.items.as_deref())
        .filter(|t| !is_primitive(t));
    let Some((item_type, t)) = item_type.and_then(|n| spec.types.get(n).map(|t| (n, t))) else {
        return Err(SpecError::new(
            "not an array of objects",
            "name an input field with type = \"array\" and items = \"<a type>\"",
        )
        .at(format!("field {array}")));
    };
    for f in items {
        if !t.fields.contains_key(f) {
            return Err(SpecError::new(
                format!("type {item_type} (the items of {array}) has no such field"),
                format!("name one of its fields: {}", list(t.fields.keys())),
            )
            .at(format!("field {f}")));
        }
    }
    Ok(())
}

/// The parameters each rule kind takes, and the rule they make.
pub fn build_rule(r: &RuleSpec) -> Res<Rule> {
    let params: [(&str, bool); 14] = [
        ("fields", r.fields.is_some()),
        ("array", r.array.is_some()),
        ("field", r.field.is_some()),
        ("total", r.total.is_some()),
        ("minor", r.minor.is_some()),
        ("dob", r.dob.is_some()),
        ("date_format", r.date_format.is_some()),
        ("guardian", r.guardian.is_some()),
        ("adult_age", r.adult_age.is_some()),
        ("type_field", r.type_field.is_some()),
        ("exempt", r.exempt.is_some()),
        ("current", r.current.is_some()),
        ("terminal", r.terminal.is_some()),
        ("age", r.age.is_some()),
    ];
    let takes: &[&str] = match r.kind.as_str() {
        "at_least_one_of" => &["fields"],
        "shares_sum_to" => &["array", "field", "total"],
        "guardian_required_for_minor" => &[
            "array",
            "minor",
            "dob",
            "date_format",
            "guardian",
            "adult_age",
        ],
        "id_number_by_id_type" => &["field", "type_field", "exempt"],
        "status_transition" => &["field", "current", "terminal"],
        "age_matches_dob" => &["array", "age", "dob", "date_format"],
        other => {
            return Err(SpecError::new(
                format!("unknown rule kind \"{other}\""),
                format!("known: {}", list(Rule::NAMES)),
            ))
        }
    };
    for (name, set) in params {
        let wanted = takes.contains(&name);
        if set && !wanted {
            return Err(SpecError::new(
                format!("the rule takes no `{name}`"),
                format!("remove it; {} takes {}", r.kind, list(takes)),
            ));
        }
        if !set && wanted {
            return Err(SpecError::new(
                format!("the rule needs `{name}`"),
                format!("add it; {} takes {}", r.kind, list(takes)),
            ));
        }
    }
    // Every parameter is present now (checked above); the `default`s below are never used.
    let s = |v: &Option<String>| leak(v.as_deref().unwrap_or_default());
    let v = |v: &Option<Vec<String>>| leak_list(v.as_deref().unwrap_or_default());
    // The date layout of the rules that read a date of birth.
    let dob_style = || {
        let pattern = r.date_format.as_deref().unwrap_or_default();
        DateStyle::from_pattern(pattern).ok_or_else(|| {
            SpecError::new(
                format!("unknown date_format \"{pattern}\""),
                format!("known: {}", date_patterns()),
            )
        })
    };
    let rule = match r.kind.as_str() {
        "at_least_one_of" => Rule::AtLeastOneOf {
            fields: v(&r.fields),
        },
        "shares_sum_to" => Rule::SharesSumTo {
            array: s(&r.array),
            field: s(&r.field),
            total: r.total.unwrap_or_default(),
        },
        "guardian_required_for_minor" => Rule::GuardianRequiredForMinor {
            array: s(&r.array),
            minor: s(&r.minor),
            dob: s(&r.dob),
            dob_style: dob_style()?,
            guardian: s(&r.guardian),
            adult_age: r.adult_age.unwrap_or_default(),
        },
        "age_matches_dob" => Rule::AgeMatchesDob {
            array: s(&r.array),
            age: s(&r.age),
            dob: s(&r.dob),
            dob_style: dob_style()?,
        },
        "id_number_by_id_type" => Rule::IdNumberByIdType {
            field: s(&r.field),
            type_field: s(&r.type_field),
            exempt: v(&r.exempt),
        },
        _ => Rule::StatusTransition {
            field: s(&r.field),
            current: s(&r.current),
            terminal: v(&r.terminal),
        },
    };
    Ok(rule)
}

/// The rules hold `&'static str`s (the runtime's are in static tables); the generator lives
/// for one build, so leaking the few names it reads is the simple way to make them.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak_list(v: &[String]) -> &'static [&'static str] {
    Box::leak(
        v.iter()
            .map(|s| leak(s))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    )
}

/// The format of a field, from the spec's words: `format` plus its parameters (`digits =
/// [min, max]`, `leading_zero`, `date_format`, `past`).
pub fn format_of(f: &FieldSpec) -> Res<Option<Format>> {
    let (digits, leading_zero, date_format, past) =
        (f.digits, f.leading_zero, f.date_format.as_deref(), f.past);
    let Some(name) = f.format.as_deref() else {
        if digits.is_some() || leading_zero.is_some() || date_format.is_some() || past.is_some() {
            return Err(SpecError::new(
                "digits, leading_zero, date_format and past are parameters of a format, and the field has none",
                "add format = \"digits\" (digits, leading_zero) or format = \"date\" (date_format, past), or remove them",
            ));
        }
        return Ok(None);
    };
    Format::from_spec(name, digits, leading_zero, date_format, past)
        .map(Some)
        .map_err(|e| match e.split_once("; ") {
            Some((problem, fix)) => SpecError::new(problem, fix),
            None => SpecError::new(
                e.as_str(),
                format!("known formats: {}", list(Format::NAMES)),
            ),
        })
}

/// One field (of an operation's input or of a type): its type, and that every key it sets
/// applies to that type and makes sense.
pub fn field(spec: &SpecFile, f: &FieldSpec) -> Res<()> {
    if !TYPES.contains(&f.ty.as_str()) {
        return Err(SpecError::new(
            format!("unknown type \"{}\"", f.ty),
            format!("known: {}", list(TYPES)),
        ));
    }
    let only = |ty: &str, keys: &[(&str, bool)]| -> Res<()> {
        let set: Vec<&str> = keys.iter().filter(|(_, s)| *s).map(|(k, _)| *k).collect();
        if f.ty != ty && !set.is_empty() {
            return Err(SpecError::new(
                format!(
                    "{} appl{} to type = \"{ty}\" only, and the field is {}",
                    list(&set),
                    if set.len() == 1 { "ies" } else { "y" },
                    f.ty
                ),
                format!("remove {}, or make the field type = \"{ty}\"", list(&set)),
            ));
        }
        Ok(())
    };
    only(
        "string",
        &[
            ("format", f.format.is_some()),
            ("enum", f.enum_values.is_some()),
            ("open_enum", f.open_enum),
            ("min_length", f.min_length.is_some()),
            ("max_length", f.max_length.is_some()),
            ("generate", f.generate.is_some()),
        ],
    )?;
    only(
        "integer",
        &[("min", f.min.is_some()), ("max", f.max.is_some())],
    )?;
    only(
        "array",
        &[
            ("items", f.items.is_some()),
            ("min_items", f.min_items.is_some()),
            ("max_items", f.max_items.is_some()),
        ],
    )?;
    only("object", &[("ref", f.reference.is_some())])?;
    only("map", &[("values", f.values.is_some())])?;
    if let Some(g) = &f.generate {
        if g != "uuid_v4" {
            return Err(SpecError::new(
                format!("unknown generator \"{g}\""),
                "known: uuid_v4",
            ));
        }
    }
    if f.read_only.is_some() && f.required {
        return Err(SpecError::new(
            "a read-only key cannot be required",
            "remove required = true (a read-only key is refused when sent), or remove read_only",
        ));
    }
    format_of(f)?;
    enum_values(f)?;
    bounds(f)?;
    match f.ty.as_str() {
        "object" => {
            let r = f.reference.as_deref().ok_or_else(|| {
                SpecError::new(
                    "an object needs the type of its value",
                    "add ref = \"<a type>\"",
                )
            })?;
            if !spec.types.contains_key(r) {
                return Err(no_type(spec, r).at("ref"));
            }
        }
        "array" => {
            let items = f.items.as_deref().ok_or_else(|| {
                SpecError::new(
                    "an array needs the type of its items",
                    "add items = \"string\" (or boolean, integer, number, any) or a type name",
                )
            })?;
            if !is_primitive(items) && !spec.types.contains_key(items) {
                return Err(SpecError::new(
                    format!("items = \"{items}\" is neither a type nor a declared type"),
                    format!(
                        "use string, boolean, integer, number, any, or one of: {}",
                        list(spec.types.keys())
                    ),
                ));
            }
        }
        "map" if !matches!(f.values.as_deref(), Some("string") | Some("any")) => {
            return Err(SpecError::new(
                format!(
                    "a map needs its value type, \"string\" or \"any\" (found {:?})",
                    f.values
                ),
                "write values = \"string\" or values = \"any\"",
            ));
        }
        _ => {}
    }
    Ok(())
}

/// `enum`: at least one value, none twice; `open_enum` only with values to suggest.
fn enum_values(f: &FieldSpec) -> Res<()> {
    match f.enum_values.as_deref() {
        Some([]) => Err(SpecError::new(
            "enum = [] allows no value at all",
            "list the allowed values, or remove enum",
        )),
        Some(values) => {
            let mut seen = BTreeSet::new();
            match values.iter().find(|v| !seen.insert(v.as_str())) {
                Some(v) => Err(SpecError::new(
                    format!("enum lists \"{v}\" twice"),
                    format!("remove the second \"{v}\""),
                )),
                None => Ok(()),
            }
        }
        None if f.open_enum => Err(SpecError::new(
            "open_enum without enum",
            "add enum = [the known values], or remove open_enum",
        )),
        None => Ok(()),
    }
}

/// Lower bounds not above upper bounds (string lengths start at 1: empty strings are refused).
fn bounds(f: &FieldSpec) -> Res<()> {
    let check = |min: Option<i64>, max: Option<i64>, names: (&str, &str)| -> Res<()> {
        match (min, max) {
            (Some(min), Some(max)) if min > max => Err(SpecError::new(
                format!("{} = {min} is above {} = {max}", names.0, names.1),
                format!("make {} <= {}", names.0, names.1),
            )),
            _ => Ok(()),
        }
    };
    check(f.min, f.max, ("min", "max"))?;
    check(
        f.min_items.map(i64::from),
        f.max_items.map(i64::from),
        ("min_items", "max_items"),
    )?;
    if f.ty == "string" {
        if let (None, Some(0)) = (f.min_length, f.max_length) {
            return Err(SpecError::new(
                "max_length = 0 allows no string: without min_length a string is at least 1 long",
                "raise max_length, or write min_length = 0 too",
            ));
        }
        check(
            f.min_length.map(i64::from),
            f.max_length.map(i64::from),
            ("min_length", "max_length"),
        )?;
    }
    Ok(())
}
