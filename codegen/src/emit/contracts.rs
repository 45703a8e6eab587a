//! The machine-readable contracts: one JSON Schema (2020-12) per operation, describing the input
//! `validate(op, input)` accepts, and one OpenAPI 3.1 document of the nine provider calls; plus
//! the field table the JS form helpers read (`form-fields.js`).
//!
//! JSON Schema says what it can exactly (types, required keys, lengths, bounds, enums, closed
//! objects, and every named format as a `pattern` or the country-code list, real calendar dates
//! included). What it cannot say is listed as `x-` keywords ([`EXTENSIONS`]), so a reader of the
//! document knows which checks only `validate` makes.

use crate::checks::{build_rule, format_of};
use crate::error::{Res, SpecError};
use crate::names::{humanise, pascal};
use crate::spec::{
    input_types, is_primitive, location, path_params, FieldSpec, OperationSpec, SpecFile, TypeSpec,
};
use customer_update_vocab::{country, Code, DateStyle, Format, Rule};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Every `x-` keyword the documents use, with what it means (also in the README and the package's
/// `extensionKeywords`; Ajv's strict mode needs them declared: `ajv.addVocabulary(extensionKeywords)`).
pub const EXTENSIONS: [(&str, &str); 7] = [
    ("x-rules", "cross-field rules of the operation (kind, parameters, the issue codes they give); JSON Schema says at_least_one_of as anyOf, the others only validate() checks"),
    ("x-format", "the named format (docs/providers.md#formats); the pattern or enum beside it is exact"),
    ("x-date-format", "the layout of a date field (yyyy-MM-dd or dd/MM/yyyy)"),
    ("x-past", "true: the date may not be after today (UTC), issue date_in_future; not checked by the schema"),
    ("x-in", "where a field goes: \"path\" (the URL path) or \"input\" (read by the client, never sent); absent: the body"),
    ("x-generated", "a value the client generates when the field is omitted (uuid_v4)"),
    ("x-read-only", "why a field may not be sent; the schema rejects any value (not: {})"),
];

const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Where `$ref`s point and how defined types are named.
#[derive(Clone, Copy)]
enum Doc<'a> {
    /// A stand-alone JSON Schema: `#/$defs/<Type>`.
    Schema,
    /// The OpenAPI document: `#/components/schemas/<Provider><Type>`.
    OpenApi(&'a str),
}

impl Doc<'_> {
    fn reference(self, ty: &str) -> String {
        match self {
            Doc::Schema => format!("#/$defs/{ty}"),
            Doc::OpenApi(prefix) => format!("#/components/schemas/{prefix}{ty}"),
        }
    }
    fn country(self) -> String {
        match self {
            Doc::Schema => "#/$defs/CountryCode".into(),
            Doc::OpenApi(_) => "#/components/schemas/CountryCode".into(),
        }
    }
}

/// The `CountryCode` definition: the officially assigned ISO 3166-1 alpha-2 codes.
fn country_schema() -> Value {
    let codes: Vec<Value> = country::LIST
        .lines()
        .map(|c| Value::from(c.trim()))
        .collect();
    json!({
        "title": "Country code",
        "description": "An officially assigned ISO 3166-1 alpha-2 code, upper case",
        "type": "string",
        "enum": codes,
        "x-format": "country_code",
    })
}

/// A date of `style` that exists in the Gregorian calendar (leap years included), as a pattern.
fn date_pattern(style: DateStyle) -> String {
    let d = "[0-9]";
    let common = format!("(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]{d}|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]{d}|30)|02-(?:0[1-9]|1{d}|2[0-8]))");
    let leap_year =
        format!("(?:{d}{d}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)");
    match style {
        DateStyle::Iso => format!("^(?:{d}{{4}}-{common}|{leap_year}-02-29)$"),
        DateStyle::DayMonthYear => {
            // dd/MM/yyyy: the same month-day table, the day first.
            let dm = format!("(?:(?:0[1-9]|[12]{d}|3[01])/(?:0[13578]|1[02])|(?:0[1-9]|[12]{d}|30)/(?:0[469]|11)|(?:0[1-9]|1{d}|2[0-8])/02)");
            format!("^(?:{dm}/{d}{{4}}|29/02/{leap_year})$")
        }
    }
}

/// The exact pattern of a format (`None` for country codes: an enum).
pub fn pattern(format: Format) -> Option<String> {
    // Email local part: no leading, trailing or doubled dot, no leading or trailing underscore.
    const EDGE: &str = "A-Za-z0-9!#$%&'*+/=?^`{|}~-";
    const INNER: &str = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
    let label = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    Some(match format {
        Format::Email => {
            format!("^[{EDGE}](?:\\.?(?:[{INNER}]+\\.)*[{INNER}]*[{EDGE}])?@(?:{label}\\.)+[A-Za-z]{{2,}}$")
        }
        Format::E164 => "^\\+[1-9][0-9]{6,14}$".into(),
        Format::Digits {
            min,
            max,
            leading_zero: true,
        } => format!("^[0-9]{{{min},{max}}}$"),
        Format::Digits {
            min,
            max,
            leading_zero: false,
        } => format!(
            "^[1-9][0-9]{{{},{}}}$",
            min.saturating_sub(1),
            max.saturating_sub(1)
        ),
        Format::Date { style, .. } => date_pattern(style),
        Format::Pan => "^[A-Z]{5}[0-9]{4}[A-Z]$".into(),
        Format::Pin => "^[1-9][0-9]{5}$".into(),
        Format::CountryCode => return None,
        // The birth date, citizenship digit and Luhn check are not patterns: x-format says sa_id.
        Format::SaId => "^[0-9]{13}$".into(),
        Format::Name => "^[A-Za-z0-9()._-]+(?: [A-Za-z0-9()._-]+)*$".into(),
        // Visible ASCII and inner spaces (a value that also travels in an HTTP header).
        Format::HeaderText => "^[!-~](?:[ !-~]*[!-~])?$".into(),
        Format::Uuid => {
            "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$".into()
        }
    })
}

fn insert(o: &mut Map<String, Value>, k: &str, v: impl Into<Value>) {
    o.insert(k.to_owned(), v.into());
}

/// Label, hint and the `x-` annotations every field carries.
fn annotate(o: &mut Map<String, Value>, name: &str, f: &FieldSpec, request: bool) -> Res<()> {
    match &f.label {
        Some(label) => insert(o, "title", label.as_str()),
        None if request => insert(o, "title", humanise(name)),
        None => {}
    }
    if let Some(hint) = &f.hint {
        insert(o, "description", hint.as_str());
    }
    if request {
        match location(f.location.as_deref())? {
            "Path" => insert(o, "x-in", "path"),
            "Input" => insert(o, "x-in", "input"),
            _ => {}
        }
        if let Some(g) = &f.generate {
            insert(o, "x-generated", g.as_str());
        }
    }
    Ok(())
}

/// The request-side schema of a value of `f`'s type (without title and annotations).
fn request_type(f: &FieldSpec, doc: Doc<'_>) -> Res<Map<String, Value>> {
    let mut o = Map::new();
    match f.ty.as_str() {
        "string" => {
            let format = format_of(f)?;
            if format == Some(Format::CountryCode) {
                insert(&mut o, "$ref", doc.country());
            } else {
                insert(&mut o, "type", "string");
            }
            let min = f.min_length.unwrap_or(1);
            if min > 0 && format != Some(Format::CountryCode) {
                insert(&mut o, "minLength", min);
            }
            if let Some(max) = f.max_length {
                insert(&mut o, "maxLength", max);
            }
            if let Some(values) = f.enum_values.as_ref().filter(|_| !f.open_enum) {
                insert(&mut o, "enum", values.clone());
            }
            if let Some(format) = format {
                if let Some(p) = pattern(format) {
                    insert(&mut o, "pattern", p);
                }
                insert(&mut o, "x-format", format.name());
                if let Format::Date { style, past } = format {
                    insert(&mut o, "x-date-format", style.pattern());
                    if past {
                        insert(&mut o, "x-past", true);
                    }
                }
            }
        }
        "boolean" => insert(&mut o, "type", "boolean"),
        "integer" => {
            insert(&mut o, "type", "integer");
            // validate() reads whole numbers within JavaScript's safe range only.
            const SAFE: i64 = 9_007_199_254_740_991;
            insert(&mut o, "minimum", f.min.unwrap_or(-SAFE));
            insert(&mut o, "maximum", f.max.unwrap_or(SAFE));
        }
        "number" => insert(&mut o, "type", "number"),
        "any" => {}
        "object" => insert(
            &mut o,
            "$ref",
            doc.reference(f.reference.as_deref().unwrap_or_default()),
        ),
        "array" => {
            insert(&mut o, "type", "array");
            let items = f.items.as_deref().unwrap_or_default();
            let item = if is_primitive(items) {
                request_type(&primitive(items), doc)?
            } else {
                let mut m = Map::new();
                insert(&mut m, "$ref", doc.reference(items));
                m
            };
            insert(&mut o, "items", Value::Object(item));
            if let Some(min) = f.min_items.filter(|m| *m > 0) {
                insert(&mut o, "minItems", min);
            }
            if let Some(max) = f.max_items {
                insert(&mut o, "maxItems", max);
            }
        }
        "map" => {
            insert(&mut o, "type", "object");
            let values = request_type(&primitive(f.values.as_deref().unwrap_or("any")), doc)?;
            insert(&mut o, "additionalProperties", Value::Object(values));
        }
        other => return Err(SpecError::internal(format!("unknown type {other}"))),
    }
    Ok(o)
}

fn primitive(ty: &str) -> FieldSpec {
    FieldSpec {
        ty: ty.to_owned(),
        ..crate::spec::blank_field()
    }
}

/// The schema of a request field: its type, title, hint and annotations; a read-only field
/// accepts no value.
fn request_field(name: &str, f: &FieldSpec, doc: Doc<'_>) -> Res<Value> {
    let mut o = match &f.read_only {
        Some(why) => {
            let mut o = Map::new();
            insert(&mut o, "readOnly", true);
            insert(&mut o, "not", json!({}));
            insert(&mut o, "x-read-only", why.as_str());
            o
        }
        None => request_type(f, doc)?,
    };
    annotate(&mut o, name, f, true)?;
    Ok(Value::Object(o))
}

/// The schema of a response field: every field may be missing or null.
fn response_field(name: &str, spec: &SpecFile, f: &FieldSpec, doc: Doc<'_>) -> Res<Value> {
    let prim = |t: &str| match t {
        "string" => Some("string"),
        "boolean" => Some("boolean"),
        "integer" => Some("integer"),
        "number" => Some("number"),
        _ => None,
    };
    let mut o = Map::new();
    match f.ty.as_str() {
        "any" => {}
        "object" => {
            insert(
                &mut o,
                "anyOf",
                json!([{ "$ref": doc.reference(f.reference.as_deref().unwrap_or_default()) }, { "type": "null" }]),
            );
        }
        "array" => {
            insert(&mut o, "type", json!(["array", "null"]));
            let items = f.items.as_deref().unwrap_or_default();
            let item = if spec.types.contains_key(items) {
                json!({ "$ref": doc.reference(items) })
            } else if let Some(t) = prim(items) {
                json!({ "type": t })
            } else {
                json!({})
            };
            insert(&mut o, "items", item);
        }
        "map" => {
            insert(&mut o, "type", json!(["object", "null"]));
            let v = prim(f.values.as_deref().unwrap_or("any"))
                .map_or_else(|| json!({}), |t| json!({ "type": t }));
            insert(&mut o, "additionalProperties", v);
        }
        "string" if f.enum_values.is_some() => {
            let values = f.enum_values.clone().unwrap_or_default();
            if f.open_enum {
                // Known values, and any other string.
                insert(
                    &mut o,
                    "anyOf",
                    json!([{ "enum": values }, { "type": ["string", "null"] }]),
                );
            } else {
                insert(&mut o, "type", json!(["string", "null"]));
                insert(&mut o, "enum", values);
            }
        }
        t => {
            let t = prim(t).ok_or_else(|| SpecError::internal(format!("unknown type {t}")))?;
            insert(&mut o, "type", json!([t, "null"]));
        }
    }
    annotate(&mut o, name, f, false)?;
    Ok(Value::Object(o))
}

/// An object schema: properties, required keys, extra keys.
fn object(
    title: &str,
    fields: &[(&String, &FieldSpec)],
    open: Option<&str>,
    doc: Doc<'_>,
    spec: &SpecFile,
    request: bool,
) -> Res<Map<String, Value>> {
    let mut o = Map::new();
    insert(&mut o, "title", title);
    insert(&mut o, "type", "object");
    let mut props = Map::new();
    let mut required = Vec::new();
    for (name, f) in fields {
        let schema = if request {
            request_field(name, f, doc)?
        } else {
            response_field(name, spec, f, doc)?
        };
        props.insert((*name).clone(), schema);
        if request && f.required && f.read_only.is_none() {
            required.push(Value::from(name.as_str()));
        }
    }
    insert(&mut o, "properties", props);
    if !required.is_empty() {
        insert(&mut o, "required", required);
    }
    let extra = match open {
        None => json!(false),
        Some("string") => json!({ "type": "string" }),
        Some(_) => json!(true),
    };
    insert(&mut o, "additionalProperties", extra);
    Ok(o)
}

fn type_schema(
    spec: &SpecFile,
    name: &str,
    t: &TypeSpec,
    doc: Doc<'_>,
    request: bool,
) -> Res<Value> {
    let fields: Vec<_> = t.fields.iter().collect();
    let title = format!("{}{}", pascal(&spec.provider), pascal(name));
    Ok(Value::Object(object(
        &title,
        &fields,
        t.open()?,
        doc,
        spec,
        request,
    )?))
}

/// The issue codes a rule gives, a sentence for readers, and whether the schema says it too.
fn rule_entry(spec_rule: &crate::spec::RuleSpec) -> Res<Value> {
    let rule = build_rule(spec_rule)?;
    let (codes, text, in_schema): (&[Code], String, bool) = match rule {
        Rule::AtLeastOneOf { fields } => (
            &[Code::AtLeastOneRequired],
            format!("At least one of {} is present (in the schema as anyOf).", fields.join(", ")),
            true,
        ),
        Rule::SharesSumTo { array, field, total } => (
            &[Code::SumMismatch],
            format!("The {field} values of all {array} add up to exactly {total}."),
            false,
        ),
        Rule::GuardianRequiredForMinor { array, minor, dob, dob_style, guardian, adult_age } => (
            &[Code::GuardianRequired, Code::MinorMismatch],
            format!(
                "An item of {array} whose {minor} is true or whose {dob} ({}) makes them younger than {adult_age} needs {guardian}; {minor} may not contradict {dob}.",
                dob_style.pattern()
            ),
            false,
        ),
        Rule::IdNumberByIdType { field, type_field, exempt } => (
            &[Code::InvalidFormat],
            format!(
                "{field} is a valid South African ID number (13 digits: a real birth date, citizenship digit 0 or 1, Luhn check digit) unless {type_field} is {}.",
                exempt.join(" or ")
            ),
            false,
        ),
        Rule::StatusTransition { field, current, terminal } => (
            &[Code::InvalidTransition],
            format!(
                "When {current} is given, {field} differs from it, and nothing changes out of {}.",
                terminal.join(" or ")
            ),
            false,
        ),
        Rule::AgeMatchesDob { array, age, dob, dob_style } => (
            &[Code::AgeMismatch],
            format!(
                "In an item of {array} with both, {age} is the age that {dob} ({}) gives on today's date.",
                dob_style.pattern()
            ),
            false,
        ),
    };
    let mut o = Map::new();
    insert(&mut o, "kind", rule.name());
    let r = spec_rule;
    let params: [(&str, Option<Value>); 14] = [
        ("fields", r.fields.clone().map(Value::from)),
        ("age", r.age.clone().map(Value::from)),
        ("array", r.array.clone().map(Value::from)),
        ("field", r.field.clone().map(Value::from)),
        ("total", r.total.map(Value::from)),
        ("minor", r.minor.clone().map(Value::from)),
        ("dob", r.dob.clone().map(Value::from)),
        ("date_format", r.date_format.clone().map(Value::from)),
        ("guardian", r.guardian.clone().map(Value::from)),
        ("adult_age", r.adult_age.map(Value::from)),
        ("type_field", r.type_field.clone().map(Value::from)),
        ("exempt", r.exempt.clone().map(Value::from)),
        ("current", r.current.clone().map(Value::from)),
        ("terminal", r.terminal.clone().map(Value::from)),
    ];
    for (k, v) in params {
        if let Some(v) = v {
            o.insert(k.to_owned(), v);
        }
    }
    insert(
        &mut o,
        "codes",
        codes.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
    );
    insert(&mut o, "inSchema", in_schema);
    insert(&mut o, "description", text);
    Ok(Value::Object(o))
}

/// The `anyOf` that says the at_least_one_of rules, if the operation has any.
fn any_of(op: &OperationSpec) -> Option<Value> {
    let all: Vec<Value> = op
        .rules
        .iter()
        .filter(|r| r.kind == "at_least_one_of")
        .map(|r| {
            let alts: Vec<Value> = r
                .fields
                .iter()
                .flatten()
                .map(|f| json!({ "required": [f] }))
                .collect();
            json!({ "anyOf": alts })
        })
        .collect();
    match all.len() {
        0 => None,
        1 => all.into_iter().next().and_then(|v| v.get("anyOf").cloned()),
        _ => Some(json!([{ "allOf": all }])),
    }
}

/// The named types an operation's input reaches, in spec order.
fn reached(spec: &SpecFile, fields: &[&FieldSpec]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = Vec::new();
    let push = |f: &FieldSpec, stack: &mut Vec<String>| {
        if let Some(r) = &f.reference {
            stack.push(r.clone());
        }
        if let Some(i) = f.items.as_ref().filter(|i| !is_primitive(i)) {
            stack.push(i.clone());
        }
    };
    for f in fields {
        push(f, &mut stack);
    }
    while let Some(t) = stack.pop() {
        if seen.insert(t.clone()) {
            if let Some(ts) = spec.types.get(&t) {
                for f in ts.fields.values() {
                    push(f, &mut stack);
                }
            }
        }
    }
    spec.types
        .keys()
        .filter(|k| seen.contains(*k))
        .cloned()
        .collect()
}

fn uses_country(spec: &SpecFile, fields: &[&FieldSpec], types: &[String]) -> bool {
    let is = |f: &FieldSpec| f.format.as_deref() == Some("country_code");
    fields.iter().any(|f| is(f))
        || types
            .iter()
            .filter_map(|t| spec.types.get(t))
            .any(|t| t.fields.values().any(is))
}

/// The spec's example input (the provider documentation's).
fn example(op: &OperationSpec) -> Res<Value> {
    serde_json::from_str(&op.example).map_err(|e| {
        SpecError::new(
            format!("the example is not JSON: {e}"),
            "write the example as a JSON object",
        )
        .at(format!("operation {}", op.id))
    })
}

/// The JSON Schema (2020-12) of `op`'s input, as `validate(op, input)` reads it.
pub fn json_schema(spec: &SpecFile, op: &OperationSpec) -> Res<Value> {
    let doc = Doc::Schema;
    let fields: Vec<_> = op.input.iter().collect();
    let mut o = object(
        &format!("{}{}Input", pascal(&spec.provider), pascal(&op.name)),
        &fields,
        None,
        doc,
        spec,
        true,
    )?;
    let mut root = Map::new();
    insert(&mut root, "$schema", DIALECT);
    insert(
        &mut root,
        "$id",
        format!("urn:customer-update:schema:{}", op.id),
    );
    root.append(&mut o);
    insert(
        &mut root,
        "description",
        format!("Input of `{}`: {}", op.id, op.summary),
    );
    if let Some(a) = any_of(op) {
        insert(&mut root, "anyOf", a);
    }
    if !op.rules.is_empty() {
        let rules: Vec<Value> = op.rules.iter().map(rule_entry).collect::<Res<_>>()?;
        insert(&mut root, "x-rules", rules);
    }
    insert(&mut root, "examples", json!([example(op)?]));
    let all: Vec<&FieldSpec> = op.input.values().collect();
    let types = reached(spec, &all);
    let mut defs = Map::new();
    for name in &types {
        if let Some(t) = spec.types.get(name) {
            defs.insert(name.clone(), type_schema(spec, name, t, doc, true)?);
        }
    }
    if uses_country(spec, &all, &types) {
        defs.insert("CountryCode".into(), country_schema());
    }
    if !defs.is_empty() {
        insert(&mut root, "$defs", defs);
    }
    Ok(Value::Object(root))
}

/// A header's value template as words (`{config.tenantId}` → the `tenantId` setting).
fn header_description(value: &str) -> String {
    if let Some(k) = value
        .strip_prefix("{config.")
        .and_then(|v| v.strip_suffix('}'))
    {
        format!("The `{k}` setting of the client configuration.")
    } else if let Some(k) = value
        .strip_prefix("{input.")
        .and_then(|v| v.strip_suffix('}'))
    {
        format!("The input's `{k}` (the client sets it).")
    } else if value == "{request_id}" {
        "A request id: a fresh UUID per logical request (the idempotencyKey or requestId option to reuse one).".into()
    } else {
        format!("Set by the client: {value}.")
    }
}

fn security_scheme(spec: &SpecFile) -> Value {
    let token = |what: &str| {
        json!({
            "type": "http",
            "scheme": "bearer",
            "description": format!("{what}: a token from POST {}{} (the client fetches and renews it), or accessToken in the configuration.", spec.auth.token_path.as_deref().unwrap_or("the token endpoint"), if spec.auth.token_from.as_deref() == Some("origin") { " at the host's root" } else { " under the base URL" }),
        })
    };
    match spec.auth.scheme.as_str() {
        "basic" => {
            json!({ "type": "http", "scheme": "basic", "description": format!("{}: HTTP Basic (docs/providers.md#{}-auth).", spec.title, spec.provider) })
        }
        "hawk" => {
            json!({ "type": "http", "scheme": "hawk", "description": format!("{}: Hawk, HMAC-SHA256 with a fresh nonce per request (docs/providers.md#{}-auth).", spec.title, spec.provider) })
        }
        "token" => token(&spec.title),
        _ => {
            json!({ "type": "http", "scheme": "bearer", "description": format!("{}: a static bearer token (docs/providers.md#{}-auth).", spec.title, spec.provider) })
        }
    }
}

fn security_requirement(name: &str) -> Value {
    let mut o = Map::new();
    o.insert(name.to_owned(), json!([]));
    Value::Object(o)
}

/// The OpenAPI 3.1 document of every operation of `providers`.
pub fn openapi(providers: &[SpecFile]) -> Res<Value> {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    let mut security = Map::new();
    let mut tags = Vec::new();
    let mut country = false;
    for spec in providers {
        let prefix = pascal(&spec.provider);
        let doc = Doc::OpenApi(&prefix);
        tags.push(json!({ "name": spec.provider, "description": format!("{} (seed {}; docs/providers.md#{})", spec.title, spec.seed, spec.provider) }));
        let auth = format!("{}Auth", spec.provider);
        security.insert(auth.clone(), security_scheme(spec));
        let strict = input_types(spec);
        for (name, t) in &spec.types {
            let request = strict.contains(name);
            schemas.insert(
                format!("{prefix}{}", pascal(name)),
                type_schema(spec, name, t, doc, request)?,
            );
            country |= request
                && t.fields
                    .values()
                    .any(|f| f.format.as_deref() == Some("country_code"));
        }
        let errors: Vec<Value> = spec
            .errors
            .iter()
            .map(|e| json!({ "$ref": doc.reference(&pascal(e)) }))
            .collect();
        let error_schema = match errors.len() {
            1 => errors.into_iter().next().unwrap_or_default(),
            _ => json!({ "anyOf": errors }),
        };
        for op in &spec.operations {
            let body_fields: Vec<_> = op
                .input
                .iter()
                // Read-only fields are never sent: the body schema leaves them out (and is closed).
                .filter(|(_, f)| {
                    location(f.location.as_deref()).ok() == Some("Body") && f.read_only.is_none()
                })
                .collect();
            country |= body_fields
                .iter()
                .any(|(_, f)| f.format.as_deref() == Some("country_code"));
            let body_name = format!("{prefix}{}Request", pascal(&op.name));
            let mut body = object(&body_name, &body_fields, None, doc, spec, true)?;
            insert(
                &mut body,
                "description",
                format!("The body of `{}`.", op.id),
            );
            if let Some(a) = any_of(op) {
                insert(&mut body, "anyOf", a);
            }
            if !op.rules.is_empty() {
                let rules: Vec<Value> = op.rules.iter().map(rule_entry).collect::<Res<_>>()?;
                insert(&mut body, "x-rules", rules);
            }
            schemas.insert(body_name.clone(), Value::Object(body));

            let mut params = Vec::new();
            for p in path_params(&op.path) {
                let f = op.input.get(&p).ok_or_else(|| {
                    SpecError::internal(format!(
                        "path parameter {p} of {} is not an input field",
                        op.id
                    ))
                })?;
                let mut schema = request_type(f, doc)?;
                schema.remove("x-format");
                let mut param = Map::new();
                insert(&mut param, "name", p.as_str());
                insert(&mut param, "in", "path");
                insert(&mut param, "required", true);
                if let Some(l) = &f.label {
                    insert(
                        &mut param,
                        "description",
                        f.hint
                            .as_ref()
                            .map_or_else(|| l.clone(), |h| format!("{l}: {h}")),
                    );
                }
                insert(&mut param, "schema", Value::Object(schema));
                params.push(Value::Object(param));
            }
            for h in &spec.headers {
                if h.name.eq_ignore_ascii_case("authorization") {
                    continue; // the security scheme
                }
                params.push(json!({
                    "name": h.name,
                    "in": "header",
                    "required": true,
                    "description": header_description(&h.value),
                    "schema": { "type": "string", "minLength": 1 },
                }));
            }
            // The spec's example, as the body carries it (no path or client-only fields).
            let mut body_example = example(op)?;
            if let Value::Object(o) = &mut body_example {
                o.retain(|k, _| body_fields.iter().any(|(name, _)| *name == k));
            }
            let body_ref = json!({
                "schema": { "$ref": doc.reference(&format!("{}Request", pascal(&op.name))) },
                "example": body_example,
            });
            let mut content = Map::new();
            if op.encoding.as_deref() == Some("form") {
                content.insert("application/x-www-form-urlencoded".into(), body_ref.clone());
            }
            content.insert("application/json".into(), body_ref);
            let servers = if spec.sandbox_url == spec.production_url {
                json!([{ "url": spec.sandbox_url, "description": "sandbox (the production host is not public: pass baseUrl)" }])
            } else {
                json!([{ "url": spec.sandbox_url, "description": "sandbox" }, { "url": spec.production_url, "description": "production" }])
            };
            let mut responses = Map::new();
            responses.insert(
                "200".into(),
                json!({
                    "description": format!("Success: the {} body.", pascal(&op.response)),
                    "content": { "application/json": { "schema": { "$ref": doc.reference(&pascal(&op.response)) } } },
                }),
            );
            for status in &spec.error_statuses {
                responses.insert(
                    status.to_string(),
                    json!({
                        "description": format!("An error {} documents for this status (docs/providers.md#{}-errors).", spec.title, spec.provider),
                        "content": { "application/json": { "schema": error_schema.clone() } },
                    }),
                );
            }
            responses.insert(
                "default".into(),
                json!({
                    "description": format!("Any other error: the bodies {} documents.", spec.title),
                    "content": { "application/json": { "schema": error_schema.clone() } },
                }),
            );
            let operation = json!({
                "operationId": op.id,
                "tags": [spec.provider],
                "summary": op.summary,
                "description": format!("{} Errors: docs/providers.md#{}-errors.", op.summary, spec.provider),
                "servers": servers,
                "security": [security_requirement(&auth)],
                "parameters": params,
                "requestBody": { "required": true, "content": content },
                "responses": responses,
            });
            let item = paths
                .entry(op.path.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(item) = item {
                item.insert(op.method.to_ascii_lowercase(), operation);
            }
        }
    }
    if country {
        schemas.insert("CountryCode".into(), country_schema());
    }
    Ok(json!({
        "openapi": "3.1.0",
        "info": {
            "title": "customer-update: update customer details",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "The nine update-customer calls of Access Bank WaaS, Juspay, BVNK, Gathr and M2P Prepaid, from the specs customer-update validates against.",
            "license": { "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" },
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "tags": tags,
        "paths": paths,
        "components": { "schemas": schemas, "securitySchemes": security },
    }))
}

/// `examples.js`: each operation's example input from its seed, as JSON text in the order of
/// the operation table (`messages.js`'s `OPERATIONS`), for the package's `example(op)`, which
/// parses a fresh copy. The text is the spec's own (trimmed), as the Rust tables hold it
/// natively, so the value and its key order are the seed's. Kept out of the wasm: only this
/// function reads it, and a bundle that does not call `example` drops the module.
pub fn examples(providers: &[SpecFile]) -> Res<String> {
    let mut s = String::from(
        "// @generated by build.rs (customer-update-codegen) from src/spec/*.toml: edit the specs, not this file\n\
         // (`UPDATE_GOLDEN=1 cargo test --test golden` rewrites it).\n\n\
         /** Each operation's example input (its seed's), as JSON text, in the order of OPERATIONS\n * (messages.js): `example(op)` parses a fresh copy. */\nexport const EXAMPLES = [\n",
    );
    for spec in providers {
        for op in &spec.operations {
            let text = serde_json::to_string(op.example.trim())
                .map_err(|e| SpecError::internal(format!("JSON: {e}")))?;
            s.push_str("  ");
            s.push_str(&text);
            s.push_str(",\n");
        }
    }
    s.push_str("];\n");
    Ok(s)
}

/// `countries.js`: the vocabulary's country names (`convert::NAMES`: `AD Andorra\n…`, a code, a
/// space and the English short name a line) as one JS string, for the package's contact
/// functions, which hand it to the wasm (`setCountryNames`) before their first call: the
/// `country_name` conversion reads it there, and the wasm does not carry the text. Only
/// contact.js imports it, so a bundle without the contact functions drops it.
pub fn countries() -> Res<String> {
    let text = serde_json::to_string(customer_update_vocab::convert::NAMES)
        .map_err(|e| SpecError::internal(format!("JSON: {e}")))?;
    Ok(format!(
        "// @generated by build.rs (customer-update-codegen) from vocab/src/iso3166-1-names.txt: edit the list, not this file\n\
         // (`UPDATE_GOLDEN=1 cargo test --test golden` rewrites it).\n\n\
         /** The country names of the `country_name` conversion: a line per assigned ISO 3166-1\n * alpha-2 code, the code, a space and the English short name (contact.js hands it to the wasm). */\n\
         export const COUNTRY_NAMES = {text};\n"
    ))
}

/// `form-fields.js`: per operation, what the JS form helpers need that a form's strings do not
/// say: the fields that are not plain text (numbers, booleans, lists, sections) and the fields
/// the cross-field rules name, as `[path ("*" = any array index), type, label]`, and the rules'
/// parameters forms.js reads ([`FORM_RULE_KEYS`]). Plain text fields are left out (the
/// default), unless a rule names one whose label is not the default, and so is an operation with
/// no row and no rule, which keeps the table small: it ships in every entry that validates.
pub fn form_fields(providers: &[SpecFile]) -> Res<String> {
    let mut s = String::from("// @generated by build.rs from src/spec/*.toml: edit the specs, not this file.\n// Per operation (none: no row, no rule): the fields that are not plain text, and those the rules\n// name that have a label of their own, as\n// [path (\"*\" = any array index), type, label] (no label: forms.js's humanise of the last key);\n// and what forms.js reads of the cross-field rules.\nexport const FORM_FIELDS = {\n");
    for spec in providers {
        for op in &spec.operations {
            let mut rows = Vec::new();
            for (name, f) in &op.input {
                if f.read_only.is_none() {
                    walk(spec, &[name.as_str()], name, f, &mut rows, 0)?;
                }
            }
            let rules: Vec<Value> = op
                .rules
                .iter()
                .map(|r| {
                    rule_entry(r).map(|mut r| {
                        if let Value::Object(o) = &mut r {
                            o.remove("description");
                            o.remove("inSchema");
                            o.remove("codes");
                        }
                        r
                    })
                })
                .collect::<Res<_>>()?;
            let named: BTreeSet<String> = rules
                .iter()
                .filter_map(|r| r.as_object())
                .flat_map(|o| {
                    let mut v: Vec<String> = Vec::new();
                    let array = o.get("array").and_then(Value::as_str);
                    for k in [
                        "field",
                        "array",
                        "type_field",
                        "current",
                        "minor",
                        "dob",
                        "guardian",
                    ] {
                        if let Some(x) = o.get(k).and_then(Value::as_str) {
                            match array {
                                // The keys an array rule reads inside each item.
                                Some(a) if k != "array" => v.push(format!("{a}.*.{x}")),
                                _ => v.push(x.to_owned()),
                            }
                        }
                    }
                    if let Some(fs) = o.get("fields").and_then(Value::as_array) {
                        v.extend(fs.iter().filter_map(Value::as_str).map(str::to_owned));
                    }
                    v
                })
                .collect();
            let rows: Vec<Value> = rows
                .into_iter()
                .filter(|r| {
                    let path = r.get(0).and_then(Value::as_str).unwrap_or_default();
                    r.get(1).and_then(Value::as_str) != Some("string") || named.contains(path)
                })
                .map(without_default_label)
                // A text field with the default label says nothing forms.js does not assume for
                // a field it has no row for (text; its last key's humanise, which is then the
                // spec's label): -0.1 KB gzip -9 of the form bundle (bench/targets.md, "Session 10:
                // the validators entry's JS").
                .filter(|r| {
                    r.get(1).and_then(Value::as_str) != Some("string") || r.get(2).is_some()
                })
                .collect();
            // Only what forms.js reads of the rules (their fields stay named above, so their rows
            // and labels stay).
            let rules: Vec<Value> = rules.iter().filter_map(form_rule).collect();
            // An operation with neither is left out (forms.js: no rows, no rules).
            if rows.is_empty() && rules.is_empty() {
                continue;
            }
            let json = |v: &Value| v.to_string();
            s.push_str(&format!(
                "  {:?}: {{\n    fields: {},\n    rules: {},\n  }},\n",
                op.id,
                json(&Value::from(rows)),
                json(&Value::from(rules))
            ));
        }
    }
    s.push_str("};\n");
    Ok(s)
}

/// The rules forms.js reads (`cx.rule(kind)` in its form messages) and the keys it reads of each.
/// The others are left out of form-fields.js: at_least_one_of (its issue, at_least_one_required,
/// carries the same list as `fields`, which the form message reads), status_transition and
/// age_matches_dob (no form message reads them). Measured: -159 B gzip -9 in the validators
/// entry's form bundle (bench/targets.md, "Session 9: the validators entry's JS").
const FORM_RULE_KEYS: &[(&str, &[&str])] = &[
    ("shares_sum_to", &["array", "field", "total"]),
    ("guardian_required_for_minor", &["adult_age", "dob"]),
    ("id_number_by_id_type", &["type_field", "exempt"]),
];

/// A rule's entry in form-fields.js: its kind and the keys forms.js reads, if it reads any.
fn form_rule(rule: &Value) -> Option<Value> {
    let kind = rule.get("kind")?.as_str()?;
    let (_, keys) = FORM_RULE_KEYS.iter().find(|(k, _)| *k == kind)?;
    let mut out = Map::new();
    out.insert("kind".into(), Value::from(kind));
    for key in *keys {
        out.insert((*key).into(), rule.get(*key)?.clone());
    }
    Some(Value::Object(out))
}

/// A row `[path, type, label]` as `[path, type]` when forms.js gives the field that label
/// anyway: `humanise` of the path's last key ([`form_label_default`]). 39 of the 52 rows today;
/// the form bundle of the validators entry 0.1 KB gzip -9 smaller (bench/targets.md, "Session 9:
/// the validators entry's JS").
fn without_default_label(row: Value) -> Value {
    let path = row.get(0).and_then(Value::as_str).unwrap_or_default();
    let label = row.get(2).and_then(Value::as_str);
    match (row.get(1), form_label_default(path)) {
        (Some(ty), Some(default)) if label == Some(default.as_str()) => json!([path, ty]),
        _ => row,
    }
}

/// The label forms.js gives a field of the table written without one: its `humanise` of the
/// pattern's last key (the last part between dots that is not `*`). The same steps, for ASCII
/// keys (`None` for others: their label is always written): a space between a lower-case letter
/// or digit and a capital after it, each run of `_`, `-` or `.` a space, trimmed, lower-cased,
/// the first letter a capital ("This field" when nothing is left).
pub(crate) fn form_label_default(pattern: &str) -> Option<String> {
    let key = pattern.split('.').rfind(|k| *k != "*")?;
    if !key.is_ascii() {
        return None;
    }
    let mut words = String::new();
    let mut prev = ' ';
    let mut in_run = false;
    for c in key.chars() {
        if matches!(c, '_' | '-' | '.') {
            if !in_run {
                words.push(' ');
            }
            in_run = true;
        } else {
            if c.is_ascii_uppercase() && (prev.is_ascii_lowercase() || prev.is_ascii_digit()) {
                words.push(' ');
            }
            words.push(c);
            in_run = false;
        }
        prev = c;
    }
    let words = words.trim().to_ascii_lowercase();
    let mut chars = words.chars();
    Some(match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => "This field".to_owned(),
    })
}

fn walk(
    spec: &SpecFile,
    path: &[&str],
    name: &str,
    f: &FieldSpec,
    rows: &mut Vec<Value>,
    depth: usize,
) -> Res<()> {
    if depth > 16 {
        return Err(SpecError::internal("types nest deeper than 16 levels"));
    }
    let label = f.label.clone().unwrap_or_else(|| humanise(name));
    rows.push(json!([path.join("."), f.ty, label]));
    match f.ty.as_str() {
        "object" => nested(
            spec,
            f.reference.as_deref().unwrap_or_default(),
            path,
            rows,
            depth,
        )?,
        "array" => {
            let items = f.items.as_deref().unwrap_or_default();
            let mut p = path.to_vec();
            p.push("*");
            if is_primitive(items) {
                rows.push(json!([p.join("."), items, label]));
            } else {
                rows.push(json!([p.join("."), "object", label]));
                nested(spec, items, &p, rows, depth)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn nested(
    spec: &SpecFile,
    ty: &str,
    path: &[&str],
    rows: &mut Vec<Value>,
    depth: usize,
) -> Res<()> {
    if let Some(t) = spec.types.get(ty) {
        for (k, sub) in &t.fields {
            if sub.read_only.is_none() {
                let mut p = path.to_vec();
                p.push(k);
                walk(spec, &p, k, sub, rows, depth + 1)?;
            }
        }
    }
    Ok(())
}

/// Serialises a document the way the package ships it (two-space indent, a final newline).
pub fn pretty(v: &Value) -> Res<String> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| SpecError::internal(format!("JSON: {e}")))
}

/// `contracts.js`: the documents as JSON text (parsed on each call, so callers get their own
/// copy), `jsonSchema(op)`, `openapi()` and the `x-` keywords.
pub fn module(schemas: &[(String, String)], openapi: &str) -> Res<String> {
    let js =
        |s: &str| serde_json::to_string(s).map_err(|e| SpecError::internal(format!("JSON: {e}")));
    let mut s = String::from("// @generated by build.rs from src/spec/*.toml: edit the specs, not this file.\n// The JSON Schema (2020-12) of each operation's input and the OpenAPI 3.1 document, as text:\n// each call parses a fresh copy.\n");
    s.push_str("const SCHEMAS = {\n");
    for (op, text) in schemas {
        let compact: Value =
            serde_json::from_str(text).map_err(|e| SpecError::internal(format!("JSON: {e}")))?;
        s.push_str(&format!("  {}: {},\n", js(op)?, js(&compact.to_string())?));
    }
    s.push_str("};\n");
    let compact: Value =
        serde_json::from_str(openapi).map_err(|e| SpecError::internal(format!("JSON: {e}")))?;
    s.push_str(&format!(
        "const OPENAPI = {};\n\n",
        js(&compact.to_string())?
    ));
    let keywords: Vec<&str> = EXTENSIONS.iter().map(|(k, _)| *k).collect();
    s.push_str(&format!(
        "/** The `x-` keywords the documents use (for Ajv's strict mode: `ajv.addVocabulary(extensionKeywords)`). */\nexport const extensionKeywords = {};\n\n",
        serde_json::to_string(&keywords).map_err(|e| SpecError::internal(format!("JSON: {e}")))?
    ));
    s.push_str("/** The JSON Schema (2020-12) of `op`'s input, as `validate(op, input)` reads it. */\nexport function jsonSchema(op) {\n  if (!Object.hasOwn(SCHEMAS, op)) {\n    throw new TypeError(`unknown operation \"${String(op).slice(0, 60)}\"; valid: ${Object.keys(SCHEMAS).join(\", \")}`);\n  }\n  return JSON.parse(SCHEMAS[op]);\n}\n\n");
    s.push_str("/** The OpenAPI 3.1 document of the nine operations (also `customer-update/openapi.json`). */\nexport function openapi() {\n  return JSON.parse(OPENAPI);\n}\n");
    Ok(s)
}

/// `contracts.rs`: the documents as `&'static str` (read from `OUT_DIR` with `include_str!`).
pub fn rust(schemas: &[(String, String)]) -> String {
    let mut s = String::from("// @generated by build.rs: the contract documents (JSON text) from OUT_DIR.\n\n/// The OpenAPI 3.1 document of every operation.\npub const OPENAPI: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/openapi.json\"));\n\n/// `(operation id, JSON Schema 2020-12 of its input)`, in spec order.\npub const JSON_SCHEMAS: &[(&str, &str)] = &[\n");
    for (op, _) in schemas {
        s.push_str(&format!(
            "    ({op:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{op}.schema.json\"))),\n"
        ));
    }
    s.push_str("];\n");
    s
}

#[cfg(test)]
mod tests {
    use super::{form_label_default, form_rule, without_default_label};
    use serde_json::json;

    /// The same keys and answers as tests/node/forms.test.mjs holds forms.js's `humanise` to.
    #[test]
    fn form_label_default_is_forms_humanise() {
        for (pattern, label) in [
            ("email", "Email"),
            ("phoneNumber", "Phone number"),
            ("first_name", "First name"),
            ("associates.*.controls.hasOwnership", "Has ownership"),
            ("nominees.*", "Nominees"),
            ("addressLine1", "Address line1"),
            ("x1Y", "X1 y"),
            ("ABC", "Abc"),
            ("a__b--c", "A b c"),
            ("_lead_", "Lead"),
            ("customer-id", "Customer id"),
            ("id_type", "Id type"),
        ] {
            assert_eq!(
                form_label_default(pattern).as_deref(),
                Some(label),
                "{pattern}"
            );
        }
        assert_eq!(form_label_default("__").as_deref(), Some("This field"));
        assert_eq!(form_label_default("prénom"), None);
    }

    #[test]
    fn a_label_forms_would_give_anyway_is_left_out() {
        assert_eq!(
            without_default_label(json!(["a.*.hasControl", "boolean", "Has control"])),
            json!(["a.*.hasControl", "boolean"])
        );
        for kept in [
            json!(["popi", "boolean", "POPI consent"]),
            json!(["id_type", "string", "ID type"]),
            json!(["prénom", "string", "Prénom"]),
        ] {
            assert_eq!(without_default_label(kept.clone()), kept);
        }
    }

    #[test]
    fn form_rules_keep_what_forms_reads() {
        let guardian = json!({"kind": "guardian_required_for_minor", "array": "nominees", "minor": "minor", "dob": "dob", "guardian": "guardian", "adult_age": 18});
        assert_eq!(
            form_rule(&guardian),
            Some(json!({"kind": "guardian_required_for_minor", "dob": "dob", "adult_age": 18}))
        );
        assert_eq!(
            form_rule(&json!({"kind": "at_least_one_of", "fields": ["a", "b"]})),
            None
        );
        assert_eq!(
            form_rule(&json!({"kind": "status_transition", "field": "status"})),
            None
        );
        // A rule without a key forms.js reads is left out rather than written half.
        assert_eq!(
            form_rule(&json!({"kind": "shares_sum_to", "array": "a", "field": "f"})),
            None
        );
    }
}
