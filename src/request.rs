//! Input → `{ method, url, headers, body }`, with no network. Path parameters are taken out of
//! the input and percent-encoded into the URL; body fields are written in spec order (input-only
//! and absent keys never appear); headers come from the provider spec's templates.

use crate::encode;
use crate::rules::{CivilDate, Code, Issue, PathSeg};
use crate::schema::{Encoding, Extra, Generator, Loc, Object, Operation, Provider, Ty};
use crate::validate;
use alloc::{borrow::ToOwned, string::String, vec, vec::Vec};
use serde_json::{Map, Value};

/// A request ready for `fetch`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The HTTP method (`POST`, `PUT`, `PATCH`).
    pub method: &'static str,
    /// The full URL, path parameters percent-encoded into it.
    pub url: String,
    /// The headers, `Authorization` included when credentials were given.
    pub headers: Vec<(String, String)>,
    /// The encoded body (JSON or form), if the operation has one.
    pub body: Option<String>,
}

impl Request {
    /// The value of header `name` (case-insensitive), if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A built request plus the values the builder generated (e.g. Access Bank's `requestId`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// The request.
    pub request: Request,
    /// `(field, value)` for every field the builder filled in.
    pub generated: Vec<(&'static str, String)>,
    /// The id of this logical request (M2P `X-Request-ID`), when the provider sends one.
    pub request_id: Option<String>,
}

impl Built {
    /// The built request as the JSON text `buildRequest` returns: `{ ok: true, method, url,
    /// headers, body, requestId?, generated? }`, headers in the order they were built (the shape
    /// the TypeScript `BuiltRequest` is generated from: `rules::shapes::BUILT_REQUEST`).
    pub fn to_json(&self) -> String {
        use crate::rules::shapes::key;
        let mut w = crate::json::Writer::new();
        // `method`, `ok`, `url` first, as they always came.
        w.open().key(key::METHOD).str(self.request.method);
        w.key(key::OK).bool(true);
        w.key(key::URL).str(&self.request.url);
        // Headers in the order they were built.
        w.key(key::HEADERS).open();
        for (k, v) in &self.request.headers {
            w.key(k).str(v);
        }
        w.close();
        if let Some(body) = &self.request.body {
            w.key(key::BODY).str(body);
        }
        if let Some(id) = &self.request_id {
            w.key(key::REQUEST_ID).str(id);
        }
        if !self.generated.is_empty() {
            // In the spec's field order (one field today: Access Bank `requestId`).
            w.key(key::GENERATED).open();
            for (k, v) in &self.generated {
                w.key(k).str(v);
            }
            w.close();
        }
        w.close();
        w.finish()
    }
}

/// What header templates may ask of the caller. A `None` leaves the header out, which is how a
/// browser in proxy mode sends a request without any secret.
pub trait Secrets {
    /// A configuration value (`{config.KEY}`).
    fn config(&self, key: &str) -> Option<String>;
    /// The bearer token (`{token}`).
    fn token(&self) -> Option<String>;
    /// The Hawk `Authorization` value for this request (`{hawk}`).
    fn hawk(&mut self, method: &str, url: &str) -> Option<String>;
    /// A fresh UUID v4 (for generated fields and `{request_id}`).
    fn uuid(&mut self) -> String;
}

/// Options that are not secrets.
#[derive(Clone, Debug, Default)]
pub struct Options<'a> {
    /// Overrides the provider's default base URL (a proxy, an edge function, a simulator).
    pub base_url: Option<&'a str>,
    /// Overrides the operation's body encoding (Juspay: JSON instead of form).
    pub encoding: Option<Encoding>,
    /// Reuse this logical request id (a retry of the same request).
    pub request_id: Option<&'a str>,
    /// Which of the provider's hosts to use when `base_url` is not given.
    pub environment: Environment,
}

/// The provider host a request goes to when no `baseUrl` is given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Environment {
    /// The spec's `sandbox_url` (the default).
    #[default]
    Sandbox,
    /// The spec's `production_url`.
    Production,
}

impl Environment {
    /// `"sandbox"` or `"production"`.
    pub fn parse(text: &str) -> Option<Environment> {
        match text {
            "sandbox" => Some(Environment::Sandbox),
            "production" => Some(Environment::Production),
            _ => None,
        }
    }
}

/// Whether the provider publishes a production host: a spec whose `production_url` repeats its
/// `sandbox_url` says it does not (Access Bank, docs/providers.md#base-urls).
pub fn has_production_host(provider: &Provider) -> bool {
    provider.production_url != provider.sandbox_url
}

/// The base URL for `provider`: `base_url` when given, else the environment's host from the spec.
/// `None` for production on a provider without a published production host (the caller must pass
/// `baseUrl`).
pub fn base_url<'a>(
    provider: &'static Provider,
    base_url: Option<&'a str>,
    environment: Environment,
) -> Option<&'a str> {
    match (base_url, environment) {
        (Some(b), _) => Some(b),
        (None, Environment::Sandbox) => Some(provider.sandbox_url),
        (None, Environment::Production) => {
            has_production_host(provider).then_some(provider.production_url)
        }
    }
}

/// Validates `input` and builds the request. Issues come back exactly as `validate` finds them.
/// Credentials come through `secrets`: [`crate::auth::ConfigSecrets`] reads them from a config
/// map and signs Hawk, as the client does.
///
/// ```
/// use customer_update::auth::ConfigSecrets;
/// use customer_update::request::{build, Options};
/// use customer_update::{operation, rules::CivilDate};
/// let op = operation("juspay.updateCustomer").unwrap();
/// let input = serde_json::json!({ "customer_id": "cst_1", "email_address": "a@b.co" });
/// let config = serde_json::json!({ "apiKey": "key_123", "merchantId": "m1" });
/// let mut no_random = |_: &mut [u8]| false; // Juspay needs no nonce or generated id
/// let mut secrets = ConfigSecrets::new(config.as_object().unwrap(), 0.0, &mut no_random);
/// let today = CivilDate::new(2026, 1, 1).unwrap();
/// let built = build(op, &input, &Options::default(), &mut secrets, today).unwrap();
/// assert_eq!(built.request.method, "POST");
/// assert_eq!(built.request.url, "https://sandbox.juspay.in/customers/cst_1");
/// assert_eq!(built.request.body.as_deref(), Some("email_address=a%40b.co"));
/// assert!(built.request.header("authorization").unwrap().starts_with("Basic "));
/// ```
pub fn build(
    op: &Operation,
    input: &Value,
    options: &Options<'_>,
    secrets: &mut dyn Secrets,
    today: CivilDate,
) -> Result<Built, Vec<Issue>> {
    validate::validate(op, input, today)?;
    let Some(map) = input.as_object() else {
        return Err(validate::issues(op, input, today));
    };

    let mut generated = Vec::new();
    let mut filled = Map::new();
    for field in op.input.fields {
        if field.generate == Some(Generator::UuidV4) && !map.contains_key(field.name) {
            let id = secrets.uuid();
            filled.insert(field.name.to_owned(), Value::String(id.clone()));
            generated.push((field.name, id));
        }
    }
    let get = |name: &str| map.get(name).or_else(|| filled.get(name));

    // A field the request also carries in a header (Juspay `customer_id` → `x-routing-id`) must be
    // a value a header can carry as it is; otherwise the request is refused at that field.
    let mut issues = Vec::new();
    for h in op.provider.headers {
        for p in placeholders(h.value) {
            let Some(key) = p.strip_prefix("input.") else {
                continue;
            };
            if let Some(value) = get(key).and_then(Value::as_str) {
                if let Err((code, why)) = check_header_text(value, MAX_HEADER_FIELD_CHARS) {
                    issues.push(Issue::new(
                        vec![PathSeg::from(key)],
                        code,
                        crate::text::concat(&[
                            "\"",
                            key,
                            "\" is also sent in the ",
                            h.name,
                            " header, so it ",
                            &why,
                            ".",
                        ]),
                    ));
                }
            }
        }
    }
    if let Some(id) = options.request_id {
        check_config_text(&mut issues, "requestId", id, MAX_REQUEST_ID_CHARS);
    }
    if !issues.is_empty() {
        return Err(issues);
    }

    // URL: base + path with each {param} percent-encoded.
    let Some(base) = base_url(op.provider, options.base_url, options.environment) else {
        return Err(vec![no_production_host(op.provider)]);
    };
    let base = crate::text::trim(base, |c| c == b'/', false);
    let mut url = String::from(base);
    let mut rest = op.path;
    while let Some(start) = crate::text::find_byte(rest, b'{') {
        let (head, tail) = crate::text::split_at(rest, start);
        url.push_str(head);
        let Some(end) = crate::text::find_byte(tail, b'}') else {
            break;
        };
        let name = tail.get(1..end).unwrap_or_default();
        let value = get(name).and_then(Value::as_str).unwrap_or_default();
        url.push_str(&encode::path_segment(value));
        rest = tail.get(end + 1..).unwrap_or_default();
    }
    url.push_str(rest);

    // Body: the body fields present in the input, in spec order.
    let encoding = options.encoding.unwrap_or(op.encoding);
    let body_fields = op
        .input
        .fields
        .iter()
        .filter(|f| f.loc == Loc::Body && f.read_only.is_none());
    let body = match encoding {
        Encoding::Json => {
            let mut out = String::from("{");
            for f in body_fields {
                if let Some(v) = get(f.name) {
                    if out.len() > 1 {
                        out.push(',');
                    }
                    encode::push_json_str(&mut out, f.name);
                    out.push(':');
                    write_value(&f.ty, v, &mut out);
                }
            }
            out.push('}');
            out
        }
        Encoding::Form => {
            // Pairs written into the body as they come (each holds a `=`, so a non-empty body
            // means a pair before): no list of pairs to join.
            let mut out = String::new();
            for f in body_fields {
                if let Some(v) = get(f.name) {
                    let text = match v {
                        Value::String(s) => s.clone(),
                        other => encode::json(other),
                    };
                    if !out.is_empty() {
                        out.push('&');
                    }
                    out.push_str(&encode::form_component(f.name));
                    out.push('=');
                    out.push_str(&encode::form_component(&text));
                }
            }
            out
        }
    };

    // The request id: made when a header template first asks for it (`{request_id}`), the
    // caller's when given (no walk of the templates beforehand to find whether one does).
    let mut request_id: Option<String> = None;

    let method = op.method.as_str();
    let mut headers = vec![(
        "Content-Type".to_owned(),
        encoding.content_type().to_owned(),
    )];
    for h in op.provider.headers {
        let value = render(h.value, &mut |name| match name {
            "token" => secrets.token(),
            "request_id" => Some(
                request_id
                    .get_or_insert_with(|| {
                        options
                            .request_id
                            .map_or_else(|| secrets.uuid(), str::to_owned)
                    })
                    .clone(),
            ),
            "hawk" => secrets.hawk(method, &url),
            other => {
                if let Some(key) = other.strip_prefix("config.") {
                    secrets.config(key)
                } else if let Some(key) = other.strip_prefix("basic:config.") {
                    secrets.config(key).map(|mut k| {
                        k.push(':');
                        encode::base64(k.as_bytes())
                    })
                } else if let Some(key) = other.strip_prefix("input.") {
                    get(key).and_then(Value::as_str).map(str::to_owned)
                } else {
                    None
                }
            }
        });
        if let Some(v) = value {
            if let Err((code, why)) = check_header_text(&v, MAX_CREDENTIAL_CHARS + 64) {
                issues.push(header_source_issue(h.value, h.name, code, &why));
            }
            headers.push((h.name.to_owned(), v));
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }

    Ok(Built {
        request: Request {
            method,
            url,
            headers,
            body: Some(body),
        },
        generated,
        request_id,
    })
}

/// The `{name}` placeholders of a header template (a list its users walk: as an iterator, each
/// `filter_map` and `find_map` over it was a copy of its own).
fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut parts = crate::text::split(template, b'{');
    // What comes before the first `{` (a `next`, not `skip(1)`: `Skip` brought a second copy of
    // `Split::next`, through `advance_by`).
    parts.next();
    for part in parts {
        if let Some((name, _)) = crate::text::split_once_byte(part, b'}') {
            out.push(name);
        }
    }
    out
}

/// The issue for a header value (from a credential, the token or the request id) that cannot
/// travel, at the config key it came from; never the value.
fn header_source_issue(template: &str, header: &str, code: Code, why: &str) -> Issue {
    let names = placeholders(template);
    let mut key = None;
    for p in &names {
        key = p
            .strip_prefix("config.")
            .or_else(|| p.strip_prefix("basic:config."));
        if key.is_some() {
            break;
        }
    }
    for p in &names {
        if key.is_some() {
            break;
        }
        key = match *p {
            "token" => Some("accessToken"),
            "request_id" => Some("requestId"),
            "hawk" => Some("hawkId"),
            _ => None,
        };
    }
    let key = key.unwrap_or("config");
    Issue::new(
        config_path(key),
        code,
        crate::text::concat(&[
            "The ",
            header,
            " header cannot carry the value of config.",
            key,
            ": it ",
            why,
            ".",
        ]),
    )
}

/// Fills `{name}` placeholders; `None` when any placeholder has no value.
fn render(template: &str, lookup: &mut dyn FnMut(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = crate::text::find_byte(rest, b'{') {
        let (head, tail) = crate::text::split_at(rest, start);
        out.push_str(head);
        let end = crate::text::find_byte(tail, b'}')?;
        out.push_str(&lookup(tail.get(1..end)?)?);
        rest = tail.get(end + 1..)?;
    }
    out.push_str(rest);
    Some(out)
}

fn write_value(ty: &Ty, v: &Value, out: &mut String) {
    match (ty, v) {
        (Ty::Object(spec), Value::Object(map)) => write_object(spec, map, out),
        (Ty::Array { items, .. }, Value::Array(list)) => {
            out.push('[');
            for (i, item) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(items, item, out);
            }
            out.push(']');
        }
        // An integral float (`91.0`, possible from Rust callers) is sent as the integer it is.
        (Ty::Integer { .. }, Value::Number(n)) => {
            match n.as_f64().and_then(crate::json::safe_integer) {
                // vocab's decimal writer (in the wasm for messages): no `i64` formatting here.
                Some(i) => crate::rules::messages::push_int(out, i),
                None => out.push_str(&crate::encode::number_text(n)),
            }
        }
        (_, other) => write_sorted(other, out),
    }
}

/// Declared fields in spec order, then (for open objects) the extra keys.
fn write_object(spec: &Object, map: &Map<String, Value>, out: &mut String) {
    out.push('{');
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !first {
            out.push(',');
        }
        first = false;
    };
    for f in spec.fields.iter().filter(|f| f.read_only.is_none()) {
        if let Some(v) = map.get(f.name) {
            sep(out);
            encode::push_json_str(out, f.name);
            out.push(':');
            write_value(&f.ty, v, out);
        }
    }
    if let Extra::Allow(_) = spec.extra {
        // Over the list by reference (an `IntoIter` is one more copy).
        for &k in &encode::sorted_keys(map) {
            let Some(v) = map.get(k) else { continue };
            if spec.field(k).is_none() {
                sep(out);
                encode::push_json_str(out, k);
                out.push(':');
                write_sorted(v, out);
            }
        }
    }
    out.push('}');
}

/// `v` as JSON with every object's keys in sorted order, whatever order the map keeps (serde_json's
/// `preserve_order` feature, which another crate in a build may switch on, keeps input order).
fn write_sorted(v: &Value, out: &mut String) {
    // Where the map keeps its keys sorted (the wasm's `BTreeMap`), that is `push_json`'s text:
    // the walk below is compiled out there.
    if encode::MAP_SORTED {
        return encode::push_json(out, v);
    }
    match v {
        Value::Object(map) => {
            out.push('{');
            for (i, &k) in encode::sorted_keys(map).iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                encode::push_json_str(out, k);
                out.push(':');
                if let Some(v) = map.get(k) {
                    write_sorted(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(list) => {
            out.push('[');
            for (i, item) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_sorted(item, out);
            }
            out.push(']');
        }
        other => encode::push_json(out, other),
    }
}

/// Whether `value` can travel as an HTTP header value, as `fetch`'s `Headers` decides: no NUL,
/// CR or LF (which would also split the header) and no character above U+00FF.
pub fn header_value_ok(value: &str) -> bool {
    value
        .chars()
        .all(|c| !matches!(c, '\0' | '\r' | '\n') && u32::from(c) <= 0xFF)
}

/// The longest credential (`apiKey`, `token`, `accessToken`, …) accepted in a config.
pub const MAX_CREDENTIAL_CHARS: usize = 4096;
/// The longest request id (`idempotencyKey`, `config.requestId`: M2P's `X-Request-ID`).
pub const MAX_REQUEST_ID_CHARS: usize = 200;
/// The longest input value that also travels in a header (Juspay `customer_id` → `x-routing-id`).
pub const MAX_HEADER_FIELD_CHARS: usize = crate::rules::formats::HEADER_TEXT_MAX_CHARS;
/// The longest `baseUrl`.
pub const MAX_BASE_URL_CHARS: usize = 2048;

/// The config keys every provider reads besides its credentials (`[auth] config` in the spec).
pub const OPTION_KEYS: [&str; 4] = ["baseUrl", "environment", "contentType", "requestId"];

/// What the JavaScript glue (`pkg/src/api.js`, `readConfig`) puts in place of a config value it
/// could not read (a getter that threw, a BigInt, a Symbol, a nested object): this prefix, then
/// the reason. The NUL makes it a value no header could carry, so it can never pass as a
/// credential even if a caller wrote it.
pub const UNREADABLE_MARKER: &str = "\u{0}customer-update:unreadable:";

/// Whether `value` can travel in an HTTP header exactly as given: visible ASCII (U+0021 to U+007E)
/// with single spaces inside allowed, so no CR, LF, NUL, tab, other control or non-ASCII character,
/// and no leading or trailing space (fetch would strip it). At most `max` characters. `Err` holds
/// the issue code and the reason, worded to follow the option's name ("holds a line break").
pub fn check_header_text(value: &str, max: usize) -> Result<(), (Code, String)> {
    if crate::validate::char_count(value) > max {
        return Err((
            Code::TooLong,
            crate::text::concat(&[
                "is longer than ",
                &crate::text::decimal(max as u64),
                " characters",
            ]),
        ));
    }
    // Byte by byte (`text::all_bytes`: no `chars` decoding, no `try_fold` copy of its own): a
    // character outside ASCII is bytes of 0x80 and above, none of them ASCII.
    let why = if crate::text::find_either(value, b'\r', b'\n').is_some() {
        Some("holds a line break (CR or LF)")
    } else if crate::text::contains_byte(value, b'\0') {
        Some("holds a NUL character")
    } else if !crate::text::all_bytes(value, |b| !b.is_ascii_control()) {
        Some("holds a control character")
    } else if !crate::text::all_bytes(value, |b| b.is_ascii()) {
        Some("holds a character outside visible ASCII")
    } else if value.starts_with(" ") || value.ends_with(" ") {
        Some("starts or ends with a space")
    } else {
        None
    };
    match why {
        Some(w) => Err((
            Code::InvalidFormat,
            crate::text::concat(&[w, ", which an HTTP header cannot carry as it is"]),
        )),
        None => Ok(()),
    }
}

/// Whether `value` is a base URL requests can be sent to: `http://` or `https://`, a host, no
/// user name or password, no query or fragment, visible ASCII only. `Err` holds the reason.
pub fn check_base_url(value: &str) -> Result<(), String> {
    if crate::validate::char_count(value) > MAX_BASE_URL_CHARS {
        return Err(crate::text::concat(&[
            "is longer than ",
            &crate::text::decimal(MAX_BASE_URL_CHARS as u64),
            " characters",
        ]));
    }
    // Bytes, as in `check_header_text`.
    if !crate::text::all_bytes(value, |b| b.is_ascii_graphic()) {
        return Err("holds a space, a control or a non-ASCII character (percent-encode it)".into());
    }
    let lower = value.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Err("must be an http:// or https:// URL".into());
    };
    let authority = crate::text::split(rest, b'/').next().unwrap_or_default();
    if authority.is_empty() || authority.starts_with(":") {
        return Err("has no host".into());
    }
    if crate::text::contains_byte(authority, b'@') {
        return Err("must not hold a user name or password".into());
    }
    if crate::text::find_either(value, b'?', b'#').is_some() {
        return Err("must not hold a query or a fragment (paths are appended to it)".into());
    }
    Ok(())
}

/// Pushes the issue for config text `value` at `key` that cannot travel in a header as it is
/// ([`check_header_text`] with `max`): `config.<key> <why>.` (one site for the credentials, the
/// config's `requestId` and `build`'s).
fn check_config_text(issues: &mut Vec<Issue>, key: &str, value: &str, max: usize) {
    if let Err((code, why)) = check_header_text(value, max) {
        issues.push(config_issue(key, code, &why));
    }
}

/// The issue `config.<key> <why>.` at `["config", key]`: every config check whose message names
/// the key that way makes it here.
fn config_issue(key: &str, code: Code, why: &str) -> Issue {
    Issue::new(
        config_path(key),
        code,
        crate::text::concat(&["config.", key, " ", why, "."]),
    )
}

/// `["config", key]`: every config issue's path is made here (each `vec![…]` of two segments
/// at a call site was an allocation and two conversions of its own).
pub(crate) fn config_path(key: &str) -> Vec<PathSeg> {
    vec![PathSeg::from("config"), PathSeg::from(key)]
}

/// The issue for `environment: "production"` without `baseUrl` on a provider that publishes no
/// production host.
pub fn no_production_host(provider: &Provider) -> Issue {
    Issue::new(
        config_path("baseUrl"),
        Code::Required,
        crate::text::concat(&[
            provider.title,
            " publishes no production host: with environment \"production\", pass config.baseUrl.",
        ]),
    )
}

/// Every problem with the config of a `provider` request or client, as issues at
/// `["config", <key>]`: each credential the provider reads (`[auth] config`) must be a string a
/// header can carry ([`check_header_text`], at most [`MAX_CREDENTIAL_CHARS`]); `requestId` the
/// same with at most [`MAX_REQUEST_ID_CHARS`]; `baseUrl` an http(s) URL ([`check_base_url`]);
/// `environment` `"sandbox"` or `"production"` (production needs `baseUrl` where the provider
/// publishes no production host); `contentType` `"json"` or `"form"`. Absent, `null` and `""`
/// mean "not given". Keys other than these are not read. Messages name the key, never the value.
pub fn config_issues(provider: &'static Provider, config: &Map<String, Value>) -> Vec<Issue> {
    let mut issues = Vec::new();
    let given = |key: &str| -> Option<&Value> {
        match config.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.is_empty() => None,
            Some(v) => Some(v),
        }
    };
    let text = |key: &str, issues: &mut Vec<Issue>| -> Option<&str> {
        match given(key)? {
            Value::String(s) => {
                if let Some(reason) = s.strip_prefix(UNREADABLE_MARKER) {
                    issues.push(config_issue(
                        key,
                        Code::InvalidType,
                        &crate::text::concat(&["cannot be read (", reason, ")"]),
                    ));
                    None
                } else {
                    Some(s)
                }
            }
            other => {
                let kind = match other {
                    Value::Bool(_) => "a boolean",
                    Value::Number(_) => "a number",
                    Value::Array(_) => "an array",
                    _ => "an object",
                };
                issues.push(config_issue(
                    key,
                    Code::InvalidType,
                    &crate::text::concat(&["must be a string, not ", kind]),
                ));
                None
            }
        }
    };
    let mut seen: Vec<&str> = Vec::new();
    // The provider's keys, then `accessToken` (a loop over one list: a `Chain` was a copy of its
    // own).
    let mut keys = provider.config_keys.iter().copied();
    loop {
        let key = match keys.next() {
            Some(key) => key,
            None if seen.contains(&"accessToken") => break,
            None => "accessToken",
        };
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        if let Some(v) = text(key, &mut issues) {
            check_config_text(&mut issues, key, v, MAX_CREDENTIAL_CHARS);
        }
    }
    if let Some(v) = text("requestId", &mut issues) {
        check_config_text(&mut issues, "requestId", v, MAX_REQUEST_ID_CHARS);
    }
    let base = text("baseUrl", &mut issues);
    if let Some(v) = base {
        if let Err(why) = check_base_url(v) {
            let code = if why.starts_with("is longer") {
                Code::TooLong
            } else {
                Code::InvalidFormat
            };
            issues.push(config_issue("baseUrl", code, &why));
        }
    }
    if let Some(v) = text("environment", &mut issues) {
        match Environment::parse(v) {
            Some(Environment::Production)
                if base.is_none()
                    && given("baseUrl").is_none()
                    && !has_production_host(provider) =>
            {
                issues.push(no_production_host(provider));
            }
            Some(_) => {}
            None => issues.push(Issue::new(
                config_path("environment"),
                Code::NotInEnum,
                "config.environment must be \"sandbox\" or \"production\".",
            )),
        }
    }
    if let Some(v) = text("contentType", &mut issues) {
        if !matches!(v, "json" | "form") {
            issues.push(Issue::new(
                config_path("contentType"),
                Code::NotInEnum,
                "config.contentType must be \"json\" or \"form\".",
            ));
        }
    }
    issues
}

/// The English text of an issue of the kinds the request and client paths make for a message
/// they throw or quote: a given text ([`Issue::new`]: the config checks, the provider's rejections,
/// a value that cannot be read) or JSON text that cannot be read ([`validate::unreadable`]). The
/// same text as [`Issue::message`], rendered from copies of those two templates' texts alone (not
/// the whole `Template`s: their ids, codes and parameter names were data no one read): `message`
/// looks its template up in the whole catalog, which kept every template's text in the wasm
/// (2.5 KB gzip of the full wasm, measured), where the JS glue renders issues from a catalog of
/// its own. Another kind of issue (none is made on these paths; the tests below check) comes
/// out as its code.
#[cfg(feature = "requests")]
pub(crate) fn issue_text(issue: &Issue) -> String {
    use crate::rules::messages::{push_int, Arg, Msg};
    let template = match issue.msg {
        Msg::Text => {
            return match issue.args.first() {
                Some(Arg::Owned(text)) => text.clone(),
                Some(Arg::Str(text)) => (*text).to_owned(),
                _ => String::new(),
            }
        }
        Msg::Unreadable => UNREADABLE.en,
        Msg::UnreadableAt => UNREADABLE_AT.en,
        _ => return issue.code.as_str().to_owned(),
    };
    // Each `{…}` of the template by the argument at its place: both templates name their
    // parameters in the order they appear (`unreadable_texts_read_the_same` checks the text is
    // `Issue::message`'s), so no look-up by name and no list styles (`render_into`'s).
    let mut out = String::new();
    let mut args = issue.args.iter();
    let mut parts = crate::text::split(template, b'{');
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        match args.next() {
            Some(Arg::Str(text)) => out.push_str(text),
            Some(Arg::Owned(text)) => out.push_str(text),
            Some(Arg::Int(n)) => push_int(&mut out, *n),
            _ => {}
        }
        out.push_str(crate::text::split_once_byte(part, b'}').map_or(part, |(_, after)| after));
    }
    out
}

/// A template copied out of the catalog at compile time (so that the catalog itself is not
/// referenced): the one at place `n`, or an empty one.
#[cfg(feature = "requests")]
const fn nth_template(
    mut rest: &[crate::rules::messages::Template],
    mut n: usize,
) -> crate::rules::messages::Template {
    while let [first, tail @ ..] = rest {
        if n == 0 {
            return *first;
        }
        n -= 1;
        rest = tail;
    }
    crate::rules::messages::Template {
        id: "",
        code: "",
        params: &[],
        en: "",
    }
}

#[cfg(feature = "requests")]
const UNREADABLE: crate::rules::messages::Template = nth_template(
    crate::rules::messages::TEMPLATES,
    crate::rules::messages::Msg::Unreadable as usize,
);
#[cfg(feature = "requests")]
const UNREADABLE_AT: crate::rules::messages::Template = nth_template(
    crate::rules::messages::TEMPLATES,
    crate::rules::messages::Msg::UnreadableAt as usize,
);

/// The template of the provider's header `name` (any case): one search for its two users (each
/// `find` with a closure of its own was a copy).
fn header_template(op: &Operation, name: &str) -> Option<&'static str> {
    for h in op.provider.headers {
        if h.name.eq_ignore_ascii_case(name) {
            return Some(h.value);
        }
    }
    None
}

/// Why `request` cannot be sent: the first header whose value no HTTP header can carry, with
/// where that value comes from (an input field, a config key, the token). Never the value
/// itself, which may be a secret. `None` when every header is sendable.
pub fn unsendable_header(op: &Operation, request: &Request) -> Option<String> {
    let (name, _) = request.headers.iter().find(|(_, v)| !header_value_ok(v))?;
    let template = header_template(op, name).unwrap_or_default();
    let key_after = |marker: &str| {
        crate::text::split_once(template, marker)
            .and_then(|(_, rest)| crate::text::split_once_byte(rest, b'}'))
            .map(|(k, _)| k.to_owned())
    };
    let source = if let Some(k) = key_after("{input.") {
        crate::text::concat(&["the input field \"", &k, "\""])
    } else if let Some(k) = key_after("config.") {
        crate::text::concat(&["config.", &k])
    } else if crate::text::contains(template, "{token}") {
        "the access token".to_owned()
    } else if crate::text::contains(template, "{request_id}") {
        "the request id (idempotencyKey or config.requestId)".to_owned()
    } else {
        "the input or the client config".to_owned()
    };
    Some(crate::text::concat(&[
        "Nothing was sent: the ",
        name,
        " header cannot carry the value of ",
        &source,
        " (it holds a line break, a NUL or a character outside Latin-1).",
    ]))
}

/// The headers with every credential-bearing value masked, for previews, hooks and logs: a
/// header whose template reads a token, a Hawk MAC or any configuration value is shown as its
/// scheme word (if any) and `***`.
pub fn masked_headers(op: &Operation, request: &Request) -> Vec<(String, String)> {
    // Pushed, not collected: each `collect` is a copy of `Vec::from_iter`.
    let mut out = Vec::new();
    for (name, value) in &request.headers {
        out.push({
            let template = header_template(op, name);
            let secret = template.is_some_and(|t| {
                crate::text::contains(t, "{token}")
                    || crate::text::contains(t, "{hawk}")
                    || crate::text::contains(t, "{basic:")
                    || crate::text::contains(t, "{config.")
            });
            if secret {
                let scheme = crate::text::split_once_byte(value, b' ')
                    .map(|(s, _)| s)
                    .filter(|s| matches!(*s, "Bearer" | "Basic" | "Hawk"));
                (
                    name.clone(),
                    scheme.map_or_else(|| "***".to_owned(), |s| crate::text::concat(&[s, " ***"])),
                )
            } else {
                (name.clone(), value.clone())
            }
        });
    }
    out
}

/// The inverse of [`build`], for servers (an edge function, the simulator): which operation of
/// `provider_key` a `method` + `path` (relative to the provider's base URL, query ignored) names,
/// and the input object it carries (path parameters decoded beside the body fields). The input
/// is not validated here. `None` when no operation matches; `Err` when the body cannot be read.
pub fn parse(
    provider_key: &str,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> Option<Result<(&'static Operation, Value), String>> {
    let end = crate::text::find_either(path, b'?', b'#').unwrap_or(path.len());
    let path = crate::text::split_at(path, end).0;
    // A loop, not `iter().copied().find(…)`: that is a `Copied::try_fold` copy of its own.
    let mut found = None;
    for op in crate::OPERATIONS {
        if op.provider.key == provider_key
            && op.method.as_str().eq_ignore_ascii_case(method)
            && match_path(op.path, path, None)
        {
            found = Some(*op);
            break;
        }
    }
    let op = found?;
    Some(parse_body(op, content_type, body).map(|mut map| {
        // The path's parameters over the body's keys of the same name.
        match_path(op.path, path, Some(&mut map));
        (op, Value::Object(map))
    }))
}

/// Request bodies longer than this (1 MiB) are not parsed by [`parse`]: parsing builds a tree
/// several times the text's size.
pub const MAX_PARSE_BODY_BYTES: usize = 1 << 20;

fn parse_body(
    op: &Operation,
    content_type: Option<&str>,
    body: &str,
) -> Result<Map<String, Value>, String> {
    if body.len() > MAX_PARSE_BODY_BYTES {
        return Err(crate::text::concat(&[
            "it is larger than ",
            &crate::text::decimal(MAX_PARSE_BODY_BYTES as u64),
            " bytes",
        ]));
    }
    if body.trim().is_empty() {
        return Ok(Map::new());
    }
    let form = content_type.is_some_and(|c| {
        c.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    });
    if form {
        let mut map = Map::new();
        for pair in crate::text::split(body, b'&').filter(|p| !p.is_empty()) {
            let (k, v) = crate::text::split_once_byte(pair, b'=').unwrap_or((pair, ""));
            let (k, v) = (encode::form_decode(k), encode::form_decode(v));
            // Form values are text; a field the spec types otherwise is read as JSON text.
            let typed = match op.input.field(&k).map(|f| &f.ty) {
                Some(Ty::String(_)) | None => Value::String(v),
                Some(_) => match encode::parse_json(&v) {
                    Some(json) => json,
                    None => Value::String(v),
                },
            };
            map.insert(k, typed);
        }
        return Ok(map);
    }
    match encode::parse_json(body) {
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err("the body must be a JSON object".into()),
        // The reason in the words `validate` uses (json.rs reads exactly the texts serde_json
        // reads), not serde's line and column.
        None => {
            let mut m = String::from("the body is not valid JSON (");
            m.push_str(
                &crate::json::check(body)
                    .err()
                    .map_or_else(String::new, |e| e.describe()),
            );
            m.push(')');
            Err(m)
        }
    }
}

/// Matches `path` against a template such as `/customers/{customer_id}`; returns the decoded
/// parameters.
fn match_path(template: &str, path: &str, mut params: Option<&mut Map<String, Value>>) -> bool {
    // The two paths' segments walked side by side (no list of each to compare lengths first:
    // a segment without a partner is a mismatch), each parameter put into `params` when given
    // (no list of pairs to move into the map).
    let segments = |s| crate::text::split(crate::text::trim(s, |c| c == b'/', true), b'/');
    let (mut t, mut p) = (segments(template), segments(path));
    loop {
        match (t.next(), p.next()) {
            (None, None) => return true,
            (Some(ts), Some(ps)) => {
                if let Some(name) = ts.strip_prefix("{").and_then(|s| s.strip_suffix("}")) {
                    if ps.is_empty() {
                        return false;
                    }
                    if let Some(map) = params.as_deref_mut() {
                        map.insert(name.to_owned(), Value::String(encode::percent_decode(ps)));
                    }
                } else if ts != ps {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

#[cfg(all(test, feature = "requests"))]
mod issue_text_tests {
    use super::*;
    use crate::rules::messages::{Arg, Msg};
    use serde_json::json;

    /// `issue_text` is `Issue::message` for every issue the paths that use it make.
    fn same(issues: &[Issue]) -> usize {
        for i in issues {
            assert_eq!(issue_text(i), i.message(), "{i:?}");
        }
        issues.len()
    }

    #[test]
    fn config_issues_read_the_same() {
        let bad = [
            json!(1),
            json!(true),
            json!([1]),
            json!({ "a": 1 }),
            json!("line\nbreak"),
            json!(" spaced "),
            json!("x".repeat(5000)),
            json!(format!("{UNREADABLE_MARKER}a getter threw")),
            json!("ftp://example.com"),
            json!("https://example.com/?q=1"),
            json!("staging"),
            json!("xml"),
        ];
        let mut n = 0;
        for p in crate::PROVIDERS {
            let keys = p.config_keys.iter().copied().chain([
                "accessToken",
                "requestId",
                "baseUrl",
                "environment",
                "contentType",
            ]);
            for key in keys {
                for v in &bad {
                    let mut config = Map::new();
                    config.insert(key.to_owned(), v.clone());
                    n += same(&config_issues(p, &config));
                }
            }
            let mut production = Map::new();
            production.insert("environment".into(), json!("production"));
            n += same(&config_issues(p, &production));
        }
        assert!(n > 300, "{n} issues compared");
    }

    #[test]
    fn unreadable_texts_read_the_same() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        for text in [
            "",
            "{",
            "[1,",
            "nul",
            "{\"a\":1,}",
            "\"\\ud800\"",
            &deep,
            "{\"a\":1}x",
        ] {
            let Err(e) = crate::json::check(text) else {
                panic!("{text} is not JSON");
            };
            same(&[validate::unreadable("config", &e)]);
        }
    }

    #[test]
    fn provider_rejections_read_the_same() {
        same(&[
            crate::providers::rejected(vec![PathSeg::from("popi")], Some("Must be true.".into())),
            crate::providers::rejected(vec![PathSeg::from("popi")], None),
            no_production_host(crate::PROVIDERS[0]),
        ]);
    }

    #[test]
    fn another_kind_of_issue_comes_out_as_its_code() {
        let i = Issue::of(
            vec![PathSeg::from("email")],
            Code::Required,
            Msg::Required,
            vec![Arg::Str("Email")],
        );
        assert_eq!(issue_text(&i), "required");
    }
}
