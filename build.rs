//! Reads `src/spec/*.toml` (one file per provider) and writes into `OUT_DIR`:
//! - `<provider>.rs`: the static validation tables (`crate::schema` shapes) and typed request /
//!   response structs (`types` module);
//! - `<provider>.d.ts` and `index.d.ts`: TypeScript declarations;
//! - `providers.rs`: the module list and the table of all operations;
//! - `customer_update.d.ts`: all declarations in one text, for `typescript_custom_section`.
//!
//! The words a spec may use (formats, rule kinds, issue codes) come from `src/rules`, compiled
//! into this script as well, so the generator and the runtime cannot disagree. Copies of the
//! output are kept in `tests/golden/` and compared by `tests/golden.rs`.

#[allow(dead_code)]
#[path = "src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "src/rules/mod.rs"]
mod rules;

#[path = "codegen/check.rs"]
mod check;

use indexmap::IndexMap;
use rules::{Code, DateStyle, Format, Rule};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

type Res<T> = Result<T, String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecFile {
    provider: String,
    title: String,
    seed: String,
    sandbox_url: String,
    production_url: String,
    #[serde(default)]
    errors: Vec<String>,
    /// The request header the provider honours as an idempotency key (a POST carrying it may be
    /// retried).
    idempotency_header: Option<String>,
    auth: AuthSpec,
    #[serde(default)]
    headers: Vec<HeaderSpec>,
    operations: Vec<OperationSpec>,
    #[serde(default)]
    types: IndexMap<String, TypeSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthSpec {
    scheme: String,
    token_path: Option<String>,
    /// `base` (default: the token path is under the configured base URL) or `origin` (under the
    /// base URL's scheme://host:port).
    token_from: Option<String>,
    #[serde(default)]
    config: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderSpec {
    name: String,
    value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OperationSpec {
    id: String,
    name: String,
    summary: String,
    method: String,
    path: String,
    #[serde(default)]
    encoding: Option<String>,
    #[serde(default)]
    rules: Vec<RuleSpec>,
    response: String,
    example: String,
    input: IndexMap<String, FieldSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    kind: String,
    fields: Option<Vec<String>>,
    array: Option<String>,
    field: Option<String>,
    total: Option<i64>,
    minor: Option<String>,
    dob: Option<String>,
    date_format: Option<String>,
    guardian: Option<String>,
    adult_age: Option<i32>,
    type_field: Option<String>,
    exempt: Option<Vec<String>>,
    current: Option<String>,
    terminal: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TypeSpec {
    /// `true` (any extra keys) or a type name for their values (`"string"`).
    #[serde(default)]
    open: Option<toml::Value>,
    #[serde(default)]
    fields: IndexMap<String, FieldSpec>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct FieldSpec {
    #[serde(rename = "type")]
    ty: String,
    #[serde(rename = "ref")]
    reference: Option<String>,
    items: Option<String>,
    values: Option<String>,
    #[serde(default)]
    required: bool,
    read_only: Option<String>,
    format: Option<String>,
    digits: Option<(u8, u8)>,
    leading_zero: Option<bool>,
    date_format: Option<String>,
    past: Option<bool>,
    #[serde(rename = "enum")]
    enum_values: Option<Vec<String>>,
    #[serde(default)]
    open_enum: bool,
    min_length: Option<u32>,
    max_length: Option<u32>,
    min: Option<i64>,
    max: Option<i64>,
    min_items: Option<u32>,
    max_items: Option<u32>,
    label: Option<String>,
    hint: Option<String>,
    #[serde(rename = "in")]
    location: Option<String>,
    generate: Option<String>,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error in the provider specs: {e}");
        std::process::exit(1);
    }
}

fn run() -> Res<()> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    println!("cargo:rerun-if-changed=src/spec");
    println!("cargo:rerun-if-changed=src/rules");
    println!("cargo:rerun-if-changed=codegen");
    rules::country::check_list().map_err(|e| format!("src/spec/iso3166-1-alpha2.txt: {e}"))?;

    let spec_dir = root.join("src/spec");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&spec_dir)
        .map_err(|e| format!("{}: {e}", spec_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();

    let mut providers = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let spec: SpecFile =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if spec.provider != stem {
            return Err(format!(
                "{}: provider `{}` must match the file name",
                path.display(),
                spec.provider
            ));
        }
        check_spec(&spec).map_err(|e| format!("{}: {e}", path.display()))?;
        providers.push(spec);
    }

    let mut all_ts = String::new();
    for spec in &providers {
        let rs = gen_rust(spec)?;
        write(&out.join(format!("{}.rs", spec.provider)), &rs)?;
        let ts = gen_ts(spec)?;
        write(&out.join(format!("{}.d.ts", spec.provider)), &ts)?;
        all_ts.push_str(&strip_header(&ts));
    }
    write(&out.join("providers.rs"), &gen_index_rs(&providers))?;
    let index_ts = gen_index_ts(&providers);
    write(&out.join("index.d.ts"), &index_ts)?;
    all_ts.push_str(&strip_header(&index_ts));
    write(&out.join("customer_update.d.ts"), &all_ts)?;
    Ok(())
}

fn write(path: &Path, text: &str) -> Res<()> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn strip_header(ts: &str) -> String {
    ts.lines()
        .filter(|l| !l.starts_with("// @generated"))
        .map(|l| format!("{l}\n"))
        .collect()
}

// ------------------------------------------------------------------------------------------
// Checks: everything a spec names must exist, so a typo fails the build here, not at run time.

fn check_spec(spec: &SpecFile) -> Res<()> {
    match spec.auth.scheme.as_str() {
        "token" | "basic" | "hawk" | "bearer" => {}
        s => return Err(format!("unknown auth scheme `{s}`")),
    }
    if (spec.auth.scheme == "token") != spec.auth.token_path.is_some() {
        return Err("auth: token_path is needed by, and only by, the token scheme".into());
    }
    match spec.auth.token_from.as_deref() {
        None | Some("base") | Some("origin") => {}
        Some(other) => {
            return Err(format!(
                "auth.token_from must be base or origin, not {other}"
            ))
        }
    }
    if let Some(h) = &spec.idempotency_header {
        if !spec.headers.iter().any(|x| x.name == *h) {
            return Err(format!(
                "idempotency_header {h} is not one of the provider's headers"
            ));
        }
    }
    for name in &spec.errors {
        if !spec.types.contains_key(name) {
            return Err(format!("errors: no type `{name}`"));
        }
    }
    for h in &spec.headers {
        check_template(&h.value, &spec.auth.config)
            .map_err(|e| format!("header {}: {e}", h.name))?;
    }
    for (name, t) in &spec.types {
        open_ty(t).map_err(|e| format!("type {name}: {e}"))?;
        for (fname, f) in &t.fields {
            check_field(spec, f).map_err(|e| format!("type {name}, field {fname}: {e}"))?;
            if f.location.is_some() {
                return Err(format!(
                    "type {name}, field {fname}: `in` is for operation inputs only"
                ));
            }
        }
    }
    let mut ids = BTreeSet::new();
    for op in &spec.operations {
        let ctx = |e: String| format!("operation {}: {e}", op.id);
        if !ids.insert(op.id.clone()) {
            return Err(ctx("duplicate id".into()));
        }
        if op.id != format!("{}.{}", spec.provider, op.name) {
            return Err(ctx(format!("id must be `{}.{}`", spec.provider, op.name)));
        }
        method(&op.method).map_err(ctx)?;
        encoding(op.encoding.as_deref()).map_err(ctx)?;
        if !spec.types.contains_key(&op.response) {
            return Err(ctx(format!("response: no type `{}`", op.response)));
        }
        for (fname, f) in &op.input {
            check_field(spec, f).map_err(|e| ctx(format!("field {fname}: {e}")))?;
            let loc =
                location(f.location.as_deref()).map_err(|e| ctx(format!("field {fname}: {e}")))?;
            if loc == "Path" && f.ty != "string" {
                return Err(ctx(format!("path parameter {fname} must be a string")));
            }
        }
        let params = path_params(&op.path);
        for p in &params {
            match op.input.get(p) {
                Some(f) if f.location.as_deref() == Some("path") && f.required => {}
                _ => {
                    return Err(ctx(format!(
                        "path `{{{p}}}` needs a required input field with in = \"path\""
                    )))
                }
            }
        }
        for (fname, f) in &op.input {
            if f.location.as_deref() == Some("path") && !params.contains(fname) {
                return Err(ctx(format!(
                    "field {fname} is in = \"path\" but the path has no {{{fname}}}"
                )));
            }
        }
        for r in &op.rules {
            let rule = build_rule(r).map_err(ctx)?;
            for f in rule.top_level_fields() {
                if !op.input.contains_key(f) {
                    return Err(ctx(format!("rule {}: no input field `{f}`", rule.name())));
                }
            }
            let items = rule.item_fields();
            if !items.is_empty() {
                let array = rule
                    .top_level_fields()
                    .first()
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                let item_type = op
                    .input
                    .get(&array)
                    .and_then(|f| f.items.clone())
                    .unwrap_or_default();
                let t = spec.types.get(&item_type).ok_or_else(|| {
                    ctx(format!(
                        "rule {}: `{array}` is not an array of objects",
                        rule.name()
                    ))
                })?;
                for f in items {
                    if !t.fields.contains_key(f) {
                        return Err(ctx(format!(
                            "rule {}: type {item_type} has no field `{f}`",
                            rule.name()
                        )));
                    }
                }
            }
        }
        let example: serde_json::Value = serde_json::from_str(&op.example)
            .map_err(|e| ctx(format!("example is not JSON: {e}")))?;
        if !example.is_object() {
            return Err(ctx("example must be a JSON object".into()));
        }
    }
    Ok(())
}

fn check_template(t: &str, config: &[String]) -> Res<()> {
    let mut rest = t;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find('}').ok_or("unclosed `{`")?;
        let name = &after[..end];
        let key = name.strip_prefix("basic:").unwrap_or(name);
        let ok = match key {
            "token" | "hawk" | "request_id" => true,
            k if k.starts_with("input.") => true,
            k => k
                .strip_prefix("config.")
                .is_some_and(|c| config.iter().any(|x| x == c)),
        };
        if !ok {
            return Err(format!(
                "unknown placeholder `{{{name}}}` (config keys must be listed in auth.config)"
            ));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

fn check_field(spec: &SpecFile, f: &FieldSpec) -> Res<()> {
    let string_only = f.format.is_some()
        || f.enum_values.is_some()
        || f.min_length.is_some()
        || f.max_length.is_some()
        || f.open_enum
        || f.generate.is_some();
    if string_only && f.ty != "string" {
        return Err("format/enum/min_length/max_length/generate apply to strings only".into());
    }
    if (f.min.is_some() || f.max.is_some()) && f.ty != "integer" {
        return Err("min/max apply to integers only".into());
    }
    if (f.min_items.is_some() || f.max_items.is_some() || f.items.is_some()) && f.ty != "array" {
        return Err("items/min_items/max_items apply to arrays only".into());
    }
    if f.reference.is_some() && f.ty != "object" {
        return Err("ref applies to objects only".into());
    }
    if f.values.is_some() && f.ty != "map" {
        return Err("values applies to maps only".into());
    }
    if let Some(g) = &f.generate {
        if g != "uuid_v4" {
            return Err(format!("unknown generator `{g}`"));
        }
    }
    if f.read_only.is_some() && f.required {
        return Err("a read-only key cannot be required".into());
    }
    if let Some(name) = &f.format {
        Format::from_spec(
            name,
            f.digits,
            f.leading_zero,
            f.date_format.as_deref(),
            f.past,
        )?;
    } else if f.digits.is_some()
        || f.leading_zero.is_some()
        || f.date_format.is_some()
        || f.past.is_some()
    {
        return Err("digits/leading_zero/date_format/past need a format".into());
    }
    match f.ty.as_str() {
        "string" | "boolean" | "integer" | "number" | "any" => Ok(()),
        "object" => {
            let r = f.reference.as_ref().ok_or("an object needs `ref`")?;
            spec.types
                .get(r)
                .map(|_| ())
                .ok_or_else(|| format!("no type `{r}`"))
        }
        "array" => {
            let items = f.items.as_ref().ok_or("an array needs `items`")?;
            if is_primitive(items) || spec.types.contains_key(items) {
                Ok(())
            } else {
                Err(format!("no type `{items}`"))
            }
        }
        "map" => match f.values.as_deref() {
            Some("string") | Some("any") => Ok(()),
            other => Err(format!(
                "map values must be \"string\" or \"any\", not {other:?}"
            )),
        },
        other => Err(format!("unknown type `{other}`")),
    }
}

fn is_primitive(t: &str) -> bool {
    matches!(t, "string" | "boolean" | "integer" | "number" | "any")
}

fn open_ty(t: &TypeSpec) -> Res<Option<&'static str>> {
    match &t.open {
        None | Some(toml::Value::Boolean(false)) => Ok(None),
        Some(toml::Value::Boolean(true)) => Ok(Some("any")),
        Some(toml::Value::String(s)) if s == "string" => Ok(Some("string")),
        Some(other) => Err(format!(
            "open must be true, false or \"string\", not {other}"
        )),
    }
}

fn method(m: &str) -> Res<&'static str> {
    match m {
        "POST" => Ok("Post"),
        "PUT" => Ok("Put"),
        "PATCH" => Ok("Patch"),
        other => Err(format!("unsupported method `{other}`")),
    }
}

fn encoding(e: Option<&str>) -> Res<&'static str> {
    match e {
        None | Some("json") => Ok("Json"),
        Some("form") => Ok("Form"),
        Some(other) => Err(format!("unknown encoding `{other}`")),
    }
}

fn location(l: Option<&str>) -> Res<&'static str> {
    match l {
        None | Some("body") => Ok("Body"),
        Some("path") => Ok("Path"),
        Some("input") => Ok("Input"),
        Some(other) => Err(format!("unknown `in` value `{other}`")),
    }
}

fn path_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        out.push(after[..end].to_owned());
        rest = &after[end + 1..];
    }
    out
}

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

fn build_rule(r: &RuleSpec) -> Res<Rule> {
    let need = |v: &Option<String>, key: &str| -> Res<&'static str> {
        v.as_deref()
            .map(leak)
            .ok_or_else(|| format!("rule {}: needs `{key}`", r.kind))
    };
    let needv = |v: &Option<Vec<String>>, key: &str| -> Res<&'static [&'static str]> {
        v.as_deref()
            .map(leak_list)
            .ok_or_else(|| format!("rule {}: needs `{key}`", r.kind))
    };
    let rule = match r.kind.as_str() {
        "at_least_one_of" => Rule::AtLeastOneOf {
            fields: needv(&r.fields, "fields")?,
        },
        "shares_sum_to" => Rule::SharesSumTo {
            array: need(&r.array, "array")?,
            field: need(&r.field, "field")?,
            total: r.total.ok_or("rule shares_sum_to: needs `total`")?,
        },
        "guardian_required_for_minor" => Rule::GuardianRequiredForMinor {
            array: need(&r.array, "array")?,
            minor: need(&r.minor, "minor")?,
            dob: need(&r.dob, "dob")?,
            dob_style: DateStyle::from_pattern(need(&r.date_format, "date_format")?)
                .ok_or("rule guardian_required_for_minor: unknown date_format")?,
            guardian: need(&r.guardian, "guardian")?,
            adult_age: r
                .adult_age
                .ok_or("rule guardian_required_for_minor: needs `adult_age`")?,
        },
        "id_number_by_id_type" => Rule::IdNumberByIdType {
            field: need(&r.field, "field")?,
            type_field: need(&r.type_field, "type_field")?,
            exempt: needv(&r.exempt, "exempt")?,
        },
        "status_transition" => Rule::StatusTransition {
            field: need(&r.field, "field")?,
            current: need(&r.current, "current")?,
            terminal: needv(&r.terminal, "terminal")?,
        },
        other => {
            return Err(format!(
                "unknown rule kind `{other}`; known: {}",
                Rule::NAMES.join(", ")
            ))
        }
    };
    Ok(rule)
}

// ------------------------------------------------------------------------------------------
// Names.

fn pascal(s: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if up {
                out.push(c.to_ascii_uppercase());
                up = false;
            } else {
                out.push(c);
            }
        } else {
            up = true;
        }
    }
    out
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    out
}

fn rust_field(s: &str) -> String {
    let n = snake(s);
    match n.as_str() {
        "type" | "ref" | "match" | "fn" | "struct" | "enum" | "mod" | "use" | "in" | "loop" => {
            format!("r#{n}")
        }
        _ => n,
    }
}

fn shout(s: &str) -> String {
    snake(s).to_ascii_uppercase()
}

fn type_static(t: &str) -> String {
    format!("TYPE_{}", shout(t))
}

fn ts_key(k: &str) -> String {
    let ident = k
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        k.to_owned()
    } else {
        format!("{k:?}")
    }
}

// ------------------------------------------------------------------------------------------
// Rust: tables and types.

/// The `crate::schema::Str` rule of a string field, as Rust source.
fn str_expr(f: &FieldSpec) -> Res<String> {
    let format = match &f.format {
        Some(name) => format!(
            "Some({})",
            Format::from_spec(
                name,
                f.digits,
                f.leading_zero,
                f.date_format.as_deref(),
                f.past
            )?
            .to_rust()
        ),
        None => "None".into(),
    };
    let enum_values = f.enum_values.as_deref().unwrap_or_default();
    Ok(format!(
        "Str {{ min_len: {}, max_len: {}, format: {format}, enum_values: &[{}], open_enum: {} }}",
        f.min_length.unwrap_or(1),
        opt(f.max_length),
        enum_values
            .iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join(", "),
        f.open_enum
    ))
}

fn ty_expr(f: &FieldSpec) -> Res<String> {
    Ok(match f.ty.as_str() {
        "string" => format!("Ty::String({})", str_expr(f)?),
        "boolean" => "Ty::Boolean".into(),
        "integer" => format!("Ty::Integer {{ min: {}, max: {} }}", opt(f.min), opt(f.max)),
        "number" => "Ty::Number".into(),
        "any" => "Ty::Any".into(),
        "object" => format!(
            "Ty::Object(&{})",
            type_static(f.reference.as_deref().unwrap_or_default())
        ),
        "array" => {
            let items = f.items.as_deref().unwrap_or_default();
            let item = if is_primitive(items) {
                ty_expr(&FieldSpec {
                    ty: items.to_owned(),
                    ..blank_field()
                })?
            } else {
                format!("Ty::Object(&{})", type_static(items))
            };
            format!(
                "Ty::Array {{ items: &{item}, min_items: {}, max_items: {} }}",
                f.min_items.unwrap_or(0),
                opt(f.max_items)
            )
        }
        "map" => {
            let v = f.values.as_deref().unwrap_or("any");
            let inner = ty_expr(&FieldSpec {
                ty: v.to_owned(),
                ..blank_field()
            })?;
            format!("Ty::Map {{ values: &{inner} }}")
        }
        other => return Err(format!("unknown type {other}")),
    })
}

fn blank_field() -> FieldSpec {
    FieldSpec {
        ty: String::new(),
        reference: None,
        items: None,
        values: None,
        required: false,
        read_only: None,
        format: None,
        digits: None,
        leading_zero: None,
        date_format: None,
        past: None,
        enum_values: None,
        open_enum: false,
        min_length: None,
        max_length: None,
        min: None,
        max: None,
        min_items: None,
        max_items: None,
        label: None,
        hint: None,
        location: None,
        generate: None,
    }
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "None".into(), |v| format!("Some({v})"))
}

fn humanise(name: &str) -> String {
    let s = snake(name).replace('_', " ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn field_table(fields: &IndexMap<String, FieldSpec>) -> Res<String> {
    let mut s = String::new();
    for (name, f) in fields {
        let label = f.label.clone().unwrap_or_else(|| humanise(name));
        let _ = writeln!(
            s,
            "        Field {{\n            name: {name:?},\n            label: {label:?},\n            hint: forms!({:?}),\n            loc: Loc::{},\n            required: {},\n            read_only: {},\n            generate: {},\n            ty: {},\n        }},",
            f.hint.clone().unwrap_or_default(),
            location(f.location.as_deref())?,
            f.required,
            f.read_only.as_ref().map_or_else(|| "None".into(), |r| format!("Some({r:?})")),
            if f.generate.is_some() { "Some(Generator::UuidV4)" } else { "None" },
            ty_expr(f)?,
        );
    }
    Ok(s)
}

fn object_static(
    static_name: &str,
    type_name: &str,
    fields: &IndexMap<String, FieldSpec>,
    open: Option<&str>,
) -> Res<String> {
    let extra = match open {
        None => "Extra::Deny".to_owned(),
        Some("string") => "Extra::Allow(&Ty::String(Str { min_len: 0, max_len: None, format: None, enum_values: &[], open_enum: false }))".to_owned(),
        Some(_) => "Extra::Allow(&Ty::Any)".to_owned(),
    };
    Ok(format!(
        "pub static {static_name}: Object = Object {{\n    name: {type_name:?},\n    fields: &[\n{}    ],\n    extra: {extra},\n}};\n\n",
        field_table(fields)?
    ))
}

fn rust_type(spec: &SpecFile, f: &FieldSpec) -> String {
    let prim = |t: &str| match t {
        "string" => "String".to_owned(),
        "boolean" => "bool".to_owned(),
        "integer" => "i64".to_owned(),
        "number" => "f64".to_owned(),
        _ => "serde_json::Value".to_owned(),
    };
    match f.ty.as_str() {
        "object" => pascal(f.reference.as_deref().unwrap_or_default()),
        "array" => {
            let items = f.items.as_deref().unwrap_or_default();
            let inner = if spec.types.contains_key(items) {
                pascal(items)
            } else {
                prim(items)
            };
            format!("Vec<{inner}>")
        }
        "map" => format!(
            "BTreeMap<String, {}>",
            prim(f.values.as_deref().unwrap_or("any"))
        ),
        t => prim(t),
    }
}

/// Which named types are used by inputs (strict structs) and which by responses/errors (lenient).
fn input_types(spec: &SpecFile) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = Vec::new();
    let refs = |f: &FieldSpec| -> Vec<String> {
        let mut v = Vec::new();
        if let Some(r) = &f.reference {
            v.push(r.clone());
        }
        if let Some(i) = &f.items {
            if !is_primitive(i) {
                v.push(i.clone());
            }
        }
        v
    };
    for op in &spec.operations {
        for f in op.input.values() {
            stack.extend(refs(f));
        }
    }
    while let Some(t) = stack.pop() {
        if seen.insert(t.clone()) {
            if let Some(ts) = spec.types.get(&t) {
                for f in ts.fields.values() {
                    stack.extend(refs(f));
                }
            }
        }
    }
    seen
}

fn gen_struct(
    spec: &SpecFile,
    name: &str,
    doc: &str,
    fields: &IndexMap<String, FieldSpec>,
    open: Option<&str>,
    strict: bool,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "    /// {doc}");
    let _ = writeln!(
        s,
        "    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]"
    );
    if strict && open.is_none() {
        let _ = writeln!(s, "    #[serde(deny_unknown_fields)]");
    }
    let _ = writeln!(s, "    pub struct {name} {{");
    let mut used = BTreeSet::new();
    for (key, f) in fields {
        if strict && f.read_only.is_some() {
            continue; // read-only keys cannot be sent: not part of the typed input
        }
        let ty = rust_type(spec, f);
        let mut ident = rust_field(key);
        if !used.insert(ident.clone()) {
            // Two keys meet in one Rust name (`businessCode`, `business.code`): keep both.
            ident = format!("{}_{}", ident, used.len());
            used.insert(ident.clone());
        }
        let rename = if ident.trim_start_matches("r#") == key {
            String::new()
        } else {
            format!("rename = {key:?}, ")
        };
        if let Some(label) = &f.label {
            let _ = writeln!(
                s,
                "        /// {label}{}",
                f.hint
                    .as_ref()
                    .map(|h| format!(": {h}"))
                    .unwrap_or_default()
            );
        }
        if strict && f.required {
            if rename.is_empty() {
                let _ = writeln!(s, "        pub {ident}: {ty},");
            } else {
                let _ = writeln!(s, "        #[serde({})]", rename.trim_end_matches(", "));
                let _ = writeln!(s, "        pub {ident}: {ty},");
            }
        } else if strict {
            let _ = writeln!(
                s,
                "        #[serde({rename}default, skip_serializing_if = \"Option::is_none\", deserialize_with = \"crate::typed::present\")]"
            );
            let _ = writeln!(s, "        pub {ident}: Option<{ty}>,");
        } else {
            let _ = writeln!(
                s,
                "        #[serde({rename}default, skip_serializing_if = \"Option::is_none\")]"
            );
            let _ = writeln!(s, "        pub {ident}: Option<{ty}>,");
        }
    }
    if let Some(o) = open {
        let v = if o == "string" {
            "String"
        } else {
            "serde_json::Value"
        };
        let _ = writeln!(s, "        /// Keys the spec does not name.");
        let _ = writeln!(s, "        #[serde(flatten)]");
        let _ = writeln!(s, "        pub extra: BTreeMap<String, {v}>,");
    }
    let _ = writeln!(s, "    }}\n");
    s
}

fn gen_rust(spec: &SpecFile) -> Res<String> {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "// @generated by build.rs from src/spec/{}.toml: edit the spec, not this file.\n",
        spec.provider
    );
    let _ = writeln!(s, "#[allow(unused_imports)]\nuse crate::rules::{{DateStyle, Format, Rule}};\n#[allow(unused_imports)]\nuse crate::schema::*;\n");

    // Validation tables for the request side only; response and error shapes are typed structs
    // and TS declarations (no tables in the wasm for them).
    let strict_types = input_types(spec);
    for (name, t) in spec.types.iter().filter(|(n, _)| strict_types.contains(*n)) {
        let type_name = format!("{}{}", pascal(&spec.provider), pascal(name));
        s.push_str(&object_static(
            &type_static(name),
            &type_name,
            &t.fields,
            open_ty(t)?,
        )?);
    }

    let headers: Vec<String> = spec
        .headers
        .iter()
        .map(|h| format!("Header {{ name: {:?}, value: {:?} }}", h.name, h.value))
        .collect();
    let scheme = match spec.auth.scheme.as_str() {
        "token" => "Token",
        "basic" => "Basic",
        "hawk" => "Hawk",
        _ => "Bearer",
    };
    let errors: Vec<String> = spec
        .errors
        .iter()
        .map(|e| format!("{:?}", pascal(e)))
        .collect();
    let _ = writeln!(
        s,
        "pub static PROVIDER: Provider = Provider {{\n    key: {:?},\n    title: {:?},\n    seed: {:?},\n    sandbox_url: {:?},\n    production_url: {:?},\n    auth: AuthScheme::{scheme},\n    token_path: {},\n    token_from_origin: {},\n    idempotency_header: {},\n    config_keys: &[{}],\n    headers: &[{}],\n    error_types: &[{}],\n}};\n",
        spec.provider,
        spec.title,
        spec.seed,
        spec.sandbox_url,
        spec.production_url,
        spec.auth.token_path.as_ref().map_or_else(|| "None".into(), |p| format!("Some({p:?})")),
        spec.auth.token_from.as_deref() == Some("origin"),
        spec.idempotency_header.as_ref().map_or_else(|| "None".into(), |h| format!("Some({h:?})")),
        spec.auth.config.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", "),
        headers.join(", "),
        errors.join(", "),
    );

    let mut op_names = Vec::new();
    for op in &spec.operations {
        let base = shout(&op.name);
        let input_name = format!("{base}_INPUT");
        let type_name = format!("{}{}Input", pascal(&spec.provider), pascal(&op.name));
        s.push_str(&object_static(&input_name, &type_name, &op.input, None)?);
        let rules: Vec<String> = op
            .rules
            .iter()
            .map(|r| build_rule(r).map(|r| r.to_rust()))
            .collect::<Res<_>>()?;
        let _ = writeln!(
            s,
            "pub static {base}: Operation = Operation {{\n    id: {:?},\n    name: {:?},\n    summary: forms!({:?}),\n    provider: &PROVIDER,\n    method: Method::{},\n    path: {:?},\n    encoding: Encoding::{},\n    input: &{input_name},\n    rules: &[{}],\n    response: {:?},\n    example: forms!({:?}),\n    one_pass: OnePass(check::{}),\n}};\n",
            op.id,
            op.name,
            op.summary,
            method(&op.method)?,
            op.path,
            encoding(op.encoding.as_deref())?,
            rules.join(", "),
            pascal(&op.response),
            op.example.trim(),
            snake(&op.name),
        );
        op_names.push(format!("&{base}"));
    }
    let _ = writeln!(s, "/// The operations of this provider, in spec order.\npub static OPERATIONS: &[&Operation] = &[{}];\n", op_names.join(", "));

    // The one-pass validators.
    s.push_str(&check::emit(spec)?);
    s.push('\n');

    // Typed structs for Rust callers.
    let _ = writeln!(
        s,
        "/// Typed request and response structs. Inputs reject unknown keys and `null`; an absent"
    );
    let _ = writeln!(
        s,
        "/// optional field is never serialised. Responses and error bodies accept unknown keys."
    );
    let _ = writeln!(s, "pub mod types {{\n    #[allow(unused_imports)]\n    use serde::{{Deserialize, Serialize}};\n    #[allow(unused_imports)]\n    use std::collections::BTreeMap;\n");
    for op in &spec.operations {
        let name = format!("{}Input", pascal(&op.name));
        s.push_str(&gen_struct(
            spec,
            &name,
            &format!("Input of `{}`: {}", op.id, op.summary),
            &op.input,
            None,
            true,
        ));
    }
    for (name, t) in &spec.types {
        let strict = strict_types.contains(name);
        let doc = if strict {
            format!("`{name}` (request side).")
        } else {
            format!("`{name}` (response side; parsed leniently).")
        };
        s.push_str(&gen_struct(
            spec,
            &pascal(name),
            &doc,
            &t.fields,
            open_ty(t)?,
            strict,
        ));
    }
    let _ = writeln!(s, "}}");
    Ok(s)
}

fn gen_index_rs(providers: &[SpecFile]) -> String {
    let mut s = String::from(
        "// @generated by build.rs: the provider modules and the operation table.\n\n",
    );
    for p in providers {
        let _ = writeln!(
            s,
            "pub mod {} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/{}.rs\"));\n}}",
            p.provider, p.provider
        );
    }
    let _ = writeln!(s, "\n/// Every provider, in spec-file order.");
    let _ = writeln!(
        s,
        "pub static PROVIDERS: &[&crate::schema::Provider] = &[{}];",
        providers
            .iter()
            .map(|p| format!("&{}::PROVIDER", p.provider))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(s, "\n/// Every operation, in spec order.");
    let ops: Vec<String> = providers
        .iter()
        .flat_map(|p| {
            p.operations
                .iter()
                .map(move |o| format!("&{}::{}", p.provider, shout(&o.name)))
        })
        .collect();
    let _ = writeln!(
        s,
        "pub static OPERATIONS: &[&crate::schema::Operation] = &[\n    {},\n];",
        ops.join(",\n    ")
    );
    s
}

// ------------------------------------------------------------------------------------------
// TypeScript.

fn ts_type(spec: &SpecFile, f: &FieldSpec) -> String {
    let prim = |t: &str| match t {
        "string" => "string".to_owned(),
        "boolean" => "boolean".to_owned(),
        "integer" | "number" => "number".to_owned(),
        _ => "unknown".to_owned(),
    };
    let prefix = pascal(&spec.provider);
    match f.ty.as_str() {
        "string" => match &f.enum_values {
            Some(vs) if !vs.is_empty() => {
                let mut u = vs
                    .iter()
                    .map(|v| format!("{v:?}"))
                    .collect::<Vec<_>>()
                    .join(" | ");
                if f.open_enum {
                    u.push_str(" | (string & {})");
                }
                u
            }
            _ => "string".into(),
        },
        "object" => format!(
            "{prefix}{}",
            pascal(f.reference.as_deref().unwrap_or_default())
        ),
        "array" => {
            let items = f.items.as_deref().unwrap_or_default();
            let inner = if spec.types.contains_key(items) {
                format!("{prefix}{}", pascal(items))
            } else {
                prim(items)
            };
            format!("{inner}[]")
        }
        "map" => format!(
            "Record<string, {}>",
            prim(f.values.as_deref().unwrap_or("any"))
        ),
        t => prim(t),
    }
}

fn ts_doc(f: &FieldSpec) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(l) = &f.label {
        parts.push(l.clone());
    }
    if let Some(h) = &f.hint {
        parts.push(h.clone());
    }
    if let Some(fm) = &f.format {
        parts.push(format!(
            "Format: {fm}{}",
            f.date_format
                .as_ref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        ));
    }
    if let Some(r) = &f.read_only {
        parts.push(format!("Read-only: {r}"));
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(". "))
    }
}

fn ts_interface(
    spec: &SpecFile,
    name: &str,
    doc: &str,
    fields: &IndexMap<String, FieldSpec>,
    open: Option<&str>,
    strict: bool,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "/** {doc} */");
    let _ = writeln!(s, "export interface {name} {{");
    for (key, f) in fields {
        if strict && f.read_only.is_some() {
            continue;
        }
        if let Some(d) = ts_doc(f) {
            let _ = writeln!(s, "  /** {d} */");
        }
        let optional = if strict && f.required { "" } else { "?" };
        let null = if strict { "" } else { " | null" };
        let _ = writeln!(
            s,
            "  {}{optional}: {}{null};",
            ts_key(key),
            ts_type(spec, f)
        );
    }
    match open {
        Some("string") => {
            let _ = writeln!(s, "  [key: string]: string;");
        }
        Some(_) => {
            let _ = writeln!(s, "  [key: string]: unknown;");
        }
        None => {}
    }
    let _ = writeln!(s, "}}\n");
    s
}

fn gen_ts(spec: &SpecFile) -> Res<String> {
    let prefix = pascal(&spec.provider);
    let strict_types = input_types(spec);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "// @generated by build.rs from src/spec/{}.toml: edit the spec, not this file.\n",
        spec.provider
    );
    let _ = writeln!(s, "// ---- {} (seed {}) ----\n", spec.title, spec.seed);
    for op in &spec.operations {
        let name = format!("{prefix}{}Input", pascal(&op.name));
        s.push_str(&ts_interface(
            spec,
            &name,
            &format!("Input of `{}`: {}", op.id, op.summary),
            &op.input,
            None,
            true,
        ));
    }
    for (name, t) in &spec.types {
        let strict = strict_types.contains(name);
        let doc = if strict {
            format!("{} `{name}` (request side).", spec.title)
        } else {
            format!("{} `{name}` (response side).", spec.title)
        };
        s.push_str(&ts_interface(
            spec,
            &format!("{prefix}{}", pascal(name)),
            &doc,
            &t.fields,
            open_ty(t)?,
            strict,
        ));
    }
    let errors: Vec<String> = spec
        .errors
        .iter()
        .map(|e| format!("{prefix}{}", pascal(e)))
        .collect();
    let _ = writeln!(
        s,
        "/** The error bodies {} documents. */\nexport type {prefix}ErrorBody = {};\n",
        spec.title,
        errors.join(" | ")
    );
    let _ = writeln!(
        s,
        "/** Configuration keys of {}. */\nexport interface {prefix}Credentials {{",
        spec.title
    );
    for k in &spec.auth.config {
        let _ = writeln!(s, "  {k}?: string;");
    }
    let _ = writeln!(s, "}}\n");
    Ok(s)
}

fn gen_index_ts(providers: &[SpecFile]) -> String {
    let mut s = String::from("// @generated by build.rs: operation ids, issue codes and the maps that tie them to types.\n\n");
    let ops: Vec<(&SpecFile, &OperationSpec)> = providers
        .iter()
        .flat_map(|p| p.operations.iter().map(move |o| (p, o)))
        .collect();
    let _ = writeln!(
        s,
        "/** The provider keys. */\nexport type ProviderKey = {};\n",
        providers
            .iter()
            .map(|p| format!("{:?}", p.provider))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(
        s,
        "/** Every operation id (docs/providers.md#operations). */\nexport type OperationId =\n{};\n",
        ops.iter()
            .map(|(_, o)| format!("  | {:?}", o.id))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let _ = writeln!(
        s,
        "/** The input object of each operation. */\nexport interface OperationInputs {{"
    );
    for (p, o) in &ops {
        let _ = writeln!(
            s,
            "  {:?}: {}{}Input;",
            o.id,
            pascal(&p.provider),
            pascal(&o.name)
        );
    }
    let _ = writeln!(
        s,
        "}}\n\n/** The success body of each operation. */\nexport interface OperationResponses {{"
    );
    for (p, o) in &ops {
        let _ = writeln!(
            s,
            "  {:?}: {}{};",
            o.id,
            pascal(&p.provider),
            pascal(&o.response)
        );
    }
    let _ = writeln!(
        s,
        "}}\n\n/** The error bodies of each provider. */\nexport interface ProviderErrorBodies {{"
    );
    for p in providers {
        let _ = writeln!(s, "  {}: {}ErrorBody;", p.provider, pascal(&p.provider));
    }
    let _ = writeln!(s, "}}\n\n/** The credentials each provider's client reads. */\nexport interface ProviderCredentials {{");
    for p in providers {
        let _ = writeln!(s, "  {}: {}Credentials;", p.provider, pascal(&p.provider));
    }
    let _ = writeln!(s, "}}\n");
    let _ = writeln!(
        s,
        "/** A stable issue code. */\nexport type IssueCode =\n{};\n",
        Code::ALL
            .iter()
            .map(|c| format!("  | {:?}", c.as_str()))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let _ = writeln!(
        s,
        "/** The detail of an `invalid_format` issue. */\nexport type FormatName = {};\n",
        Format::NAMES
            .iter()
            .map(|c| format!("{c:?}"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(s, "/** One validation issue. */\nexport interface Issue {{\n  /** Keys and array indices from the input's root; `[]` is the whole input. */\n  path: (string | number)[];\n  code: IssueCode;\n  /** Plain English a form can show. */\n  message: string;\n  /** Set for `invalid_format`. */\n  format?: FormatName;\n}}\n");
    s
}
