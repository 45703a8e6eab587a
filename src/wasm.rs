//! The thin wasm-bindgen boundary: JS values in, Rust calls, plain JS objects out. Inputs cross
//! once, as JSON text (`JSON.stringify` inside a `catch`, so circular objects, BigInt and throwing
//! getters become issues, not traps); results cross once, as JSON text parsed by `JSON.parse`.
//! Nothing here knows a provider: it looks operations up in the generated tables.

use crate::request::{self, Options, Secrets};
use crate::rules::{Code, Issue};
use crate::schema::{Encoding, Operation};
use crate::{clock, describe, diff, encode, operation, validate, OPERATIONS};
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const GENERATED_TYPES: &str = include_str!(concat!(env!("OUT_DIR"), "/customer_update.d.ts"));

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<(), JsValue>;

    /// `JSON.stringify` for its exception only. A `catch` import that returns a JS value leaks
    /// one externref table slot (and the slab entry in linear memory) each time it throws: the
    /// shim stores the return value before the exception is checked and never frees it. So
    /// caller values are first tried through this import, which returns nothing.
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn stringify_or_throw(value: &JsValue) -> Result<(), JsValue>;
}

/// Why a JS exception happened, as at most 200 characters of its `message` (read with a
/// `catch`: an Error subclass whose `message` getter throws must not unwind through wasm; a
/// huge message is cut before it is copied).
pub(crate) fn exception_reason(e: &JsValue) -> Option<String> {
    let message = if e.dyn_ref::<js_sys::Error>().is_some() {
        js_sys::Reflect::get(e, &JsValue::from_str("message")).ok()?
    } else {
        e.clone()
    };
    let text = message.dyn_into::<js_sys::JsString>().ok()?;
    let text = if text.length() > 200 {
        text.slice(0, 200)
    } else {
        text
    };
    Some(String::from(text))
}

/// The one serializer configuration for values leaving wasm: maps become plain objects and
/// absent fields stay absent.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// JSON text → JS value (the text is always produced by this crate, so parsing cannot fail on
/// well-formed input; an error is still returned, not unwrapped).
pub(crate) fn from_json(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// The operation, or a `TypeError` naming the valid ids (a programmer error, so it throws).
pub(crate) fn op_or_throw(id: &str) -> Result<&'static Operation, JsValue> {
    operation(id).ok_or_else(|| {
        let ids: Vec<&str> = OPERATIONS.iter().map(|o| o.id).collect();
        let shown: String = id.chars().take(80).collect();
        js_sys::TypeError::new(&format!(
            "unknown operation \"{shown}\"; valid ids: {}",
            ids.join(", ")
        ))
        .into()
    })
}

/// The longest JSON text (in UTF-16 code units, as JavaScript counts) read from a caller's value:
/// 1 Mi, like the response cap. Real inputs are a few KiB; without a bound, a hostile one (an
/// array of 10^8 numbers) would grow the wasm memory for good and then trap on allocation failure.
pub(crate) const MAX_INPUT_CHARS: u32 = 1 << 20;

/// A JS value as JSON, or the issue that says why it cannot be read.
pub(crate) fn read_json(value: &JsValue, what: &str) -> Result<Value, Issue> {
    if value.is_undefined() {
        return Err(Issue::new(
            Vec::new(),
            Code::InvalidType,
            format!("{what} is missing: pass an object of fields."),
        ));
    }
    // Circular values, BigInt, throwing getters and toJSON fail here, without a leak.
    let first = stringify_or_throw(value);
    let text = match first.and_then(|()| js_sys::JSON::stringify(value)) {
        // Measured before it is copied into wasm memory (`length` only on a real string:
        // stringify gives `undefined` for a function or a symbol).
        Ok(s) if s.is_string() && s.length() > MAX_INPUT_CHARS => {
            return Err(Issue::new(
                Vec::new(),
                Code::TooLong,
                format!("{what} is too large to read: {} characters of JSON, at most {MAX_INPUT_CHARS}.", s.length()),
            ));
        }
        Ok(s) => s.as_string(),
        Err(e) => {
            let reason =
                exception_reason(&e).unwrap_or_else(|| "it cannot be converted to JSON".into());
            return Err(Issue::new(
                Vec::new(),
                Code::InvalidType,
                format!("{what} cannot be read as JSON data ({reason})."),
            ));
        }
    };
    let Some(text) = text else {
        return Err(Issue::new(
            Vec::new(),
            Code::InvalidType,
            format!("{what} must be an object of fields."),
        ));
    };
    parse_json_text(&text, what)
}

/// JSON text → value, or the issue that says why it cannot be read (in the caller's terms, not
/// serde's line/column positions in a text the caller never wrote).
pub(crate) fn parse_json_text(text: &str, what: &str) -> Result<Value, Issue> {
    serde_json::from_str(text).map_err(|e| {
        let detail = e.to_string();
        let reason = if detail.contains("recursion limit") {
            "it is nested more than 128 levels deep".to_owned()
        } else if detail.contains("surrogate") || detail.contains("hex escape") {
            "a text value holds an unpaired UTF-16 surrogate, which cannot be sent as UTF-8"
                .to_owned()
        } else {
            detail
        };
        Issue::new(
            Vec::new(),
            Code::InvalidType,
            format!("{what} cannot be read ({reason})."),
        )
    })
}

fn failure(issues: &[Issue]) -> Result<JsValue, JsValue> {
    from_json(&format!(
        "{{\"ok\":false,\"issues\":{}}}",
        validate::issues_to_json(issues)
    ))
}

/// The nine operation ids, in spec order.
#[wasm_bindgen(js_name = operations)]
pub fn operations() -> js_sys::Array {
    OPERATIONS
        .iter()
        .map(|op| JsValue::from_str(op.id))
        .collect()
}

/// `{ ok: true, value }` or `{ ok: false, issues }`. Never throws for any input.
#[wasm_bindgen(js_name = validate, skip_typescript)]
pub fn validate_js(op: &str, input: &JsValue) -> Result<JsValue, JsValue> {
    let op = op_or_throw(op)?;
    let value = match read_json(input, "The input") {
        Ok(v) => v,
        Err(issue) => return failure(&[issue]),
    };
    let issues = validate::issues(op, &value, clock::today());
    if issues.is_empty() {
        from_json(&format!("{{\"ok\":true,\"value\":{value}}}"))
    } else {
        failure(&issues)
    }
}

/// The hot path of `validate`: `op` is an index into `operations()` and `json` the input's JSON
/// text, already produced by the JS caller (which keeps it to build `value`). `undefined` when
/// the input is valid, otherwise the issues as JSON text. One crossing in, at most one out.
#[wasm_bindgen(js_name = validateText, skip_typescript)]
pub fn validate_text(op: u32, json: &str) -> Result<Option<String>, JsValue> {
    let op = OPERATIONS
        .get(op as usize)
        .ok_or_else(|| JsValue::from(js_sys::TypeError::new("unknown operation index")))?;
    let issues = validate::issues_text(op, json, clock::today());
    Ok((!issues.is_empty()).then(|| validate::issues_to_json(&issues)))
}

/// The seed's example input of `op` (a fresh object each call).
#[wasm_bindgen(js_name = example, skip_typescript)]
pub fn example_js(op: &str) -> Result<JsValue, JsValue> {
    from_json(op_or_throw(op)?.example)
}

/// Field metadata for forms.
#[wasm_bindgen(js_name = describe, skip_typescript)]
pub fn describe_js(op: &str) -> Result<JsValue, JsValue> {
    to_js(&describe::describe(op_or_throw(op)?))
}

/// `{ ok: true, value, changed }` or `{ ok: false, issues }`.
#[wasm_bindgen(js_name = diff, skip_typescript)]
pub fn diff_js(op: &str, before: &JsValue, after: &JsValue) -> Result<JsValue, JsValue> {
    let op = op_or_throw(op)?;
    let before = match read_json(before, "`before`") {
        Ok(v) => v,
        Err(issue) => return failure(&[issue]),
    };
    let after = match read_json(after, "`after`") {
        Ok(v) => v,
        Err(issue) => return failure(&[issue]),
    };
    match diff::diff(op, &before, &after, clock::today()) {
        Ok(patch) => {
            let changed = Value::from(
                patch
                    .changed
                    .iter()
                    .map(|s| Value::from(*s))
                    .collect::<Vec<_>>(),
            );
            from_json(&format!(
                "{{\"ok\":true,\"value\":{},\"changed\":{changed}}}",
                patch.value
            ))
        }
        Err(issues) => failure(&issues),
    }
}

/// Secrets and options read from a JS `config` object.
pub(crate) struct JsConfig {
    pub map: Map<String, Value>,
}

impl JsConfig {
    pub fn read(config: &JsValue) -> Result<JsConfig, JsValue> {
        if config.is_undefined() || config.is_null() {
            return Ok(JsConfig { map: Map::new() });
        }
        match read_json(config, "config") {
            Ok(Value::Object(map)) => Ok(JsConfig { map }),
            Ok(_) => Err(js_sys::TypeError::new("config must be an object").into()),
            Err(issue) => Err(js_sys::TypeError::new(&issue.message).into()),
        }
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        self.map
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    pub fn encoding(&self) -> Option<Encoding> {
        match self.str("contentType") {
            Some("json") => Some(Encoding::Json),
            Some("form") => Some(Encoding::Form),
            _ => None,
        }
    }
}

/// Fills `buf` from `crypto.getRandomValues` (present in browsers, workers, Node >= 20, Deno
/// and workerd).
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<(), JsValue> {
    get_random_values(buf)
}

/// A UUID v4 from `crypto.getRandomValues`.
pub(crate) fn random_uuid() -> Result<String, JsValue> {
    let mut bytes = [0u8; 16];
    fill_random(&mut bytes)?;
    Ok(encode::uuid_v4(bytes))
}

pub(crate) struct ConfigSecrets<'a> {
    pub config: &'a JsConfig,
    pub token: Option<String>,
    pub error: Option<JsValue>,
}

impl Secrets for ConfigSecrets<'_> {
    fn config(&self, key: &str) -> Option<String> {
        self.config.str(key).map(str::to_owned)
    }
    fn token(&self) -> Option<String> {
        self.token
            .clone()
            .or_else(|| self.config.str("accessToken").map(str::to_owned))
    }
    fn hawk(&mut self, _method: &str, _url: &str) -> Option<String> {
        None
    }
    fn uuid(&mut self) -> String {
        match random_uuid() {
            Ok(id) => id,
            Err(e) => {
                self.error = Some(e);
                String::new()
            }
        }
    }
}

/// The built request as JSON text: `{ ok: true, method, url, headers, body, requestId?, generated? }`.
pub(crate) fn built_to_json(built: &request::Built) -> String {
    let mut headers = Map::new();
    for (k, v) in &built.request.headers {
        headers.insert(k.clone(), Value::String(v.clone()));
    }
    let mut out = Map::new();
    out.insert("ok".into(), Value::Bool(true));
    out.insert("method".into(), Value::from(built.request.method));
    out.insert("url".into(), Value::from(built.request.url.clone()));
    let mut text = Value::Object(out).to_string();
    text.pop();
    // Keep header order as built (serde_json's map would sort the keys).
    text.push_str(",\"headers\":{");
    for (i, (k, v)) in built.request.headers.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            "{}:{}",
            Value::from(k.as_str()),
            Value::from(v.as_str())
        ));
    }
    text.push('}');
    if let Some(body) = &built.request.body {
        text.push_str(&format!(",\"body\":{}", Value::from(body.as_str())));
    }
    if let Some(id) = &built.request_id {
        text.push_str(&format!(",\"requestId\":{}", Value::from(id.as_str())));
    }
    if !built.generated.is_empty() {
        let mut g = Map::new();
        for (k, v) in &built.generated {
            g.insert((*k).to_owned(), Value::from(v.as_str()));
        }
        text.push_str(&format!(",\"generated\":{}", Value::Object(g)));
    }
    text.push('}');
    text
}

/// `{ ok: true, method, url, headers, body }` or `{ ok: false, issues }`, with no network.
#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request_js(op: &str, input: &JsValue, config: &JsValue) -> Result<JsValue, JsValue> {
    let op = op_or_throw(op)?;
    let config = JsConfig::read(config)?;
    let value = match read_json(input, "The input") {
        Ok(v) => v,
        Err(issue) => return failure(&[issue]),
    };
    let options = Options {
        base_url: config.str("baseUrl"),
        encoding: config.encoding(),
        request_id: config.str("requestId"),
    };
    let mut secrets = ConfigSecrets {
        config: &config,
        token: None,
        error: None,
    };
    let built = request::build(op, &value, &options, &mut secrets, clock::today());
    if let Some(e) = secrets.error {
        return Err(e);
    }
    match built {
        Ok(built) => from_json(&built_to_json(&built)),
        Err(issues) => failure(&issues),
    }
}

/// For servers (edge functions, simulators): which operation of `provider` a request names and
/// the input it carries. `{ ok: true, op, input }`, `{ ok: false, issues }` for an unreadable
/// body, or `null` when no operation matches. `path` is relative to the provider's base URL.
#[wasm_bindgen(js_name = matchRequest, skip_typescript)]
pub fn match_request_js(
    provider: &str,
    method: &str,
    path: &str,
    content_type: Option<String>,
    body: &str,
) -> Result<JsValue, JsValue> {
    match request::parse(provider, method, path, content_type.as_deref(), body) {
        None => Ok(JsValue::NULL),
        Some(Err(reason)) => failure(&[Issue::new(
            Vec::new(),
            Code::InvalidType,
            format!("The request body cannot be read: {reason}."),
        )]),
        Some(Ok((op, input))) => from_json(&format!(
            "{{\"ok\":true,\"op\":{},\"input\":{input}}}",
            Value::from(op.id)
        )),
    }
}
