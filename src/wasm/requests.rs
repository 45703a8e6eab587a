//! The form and request exports of the wasm package: `diff`, `buildRequest` and
//! `matchRequest`, and the config and randomness helpers the client shares.
//! Compiled with the `requests` feature only, so the validators-only build carries none of it
//! (nor serde_json's tree or serde-wasm-bindgen).

use super::{fail, failure, from_json, get_random_values, op_or_throw, read_text};
use crate::request::{self, Environment, Options};
use crate::rules::{Code, Issue, PathSeg};
use crate::schema::Encoding;
use crate::{auth, clock, diff, json, validate};
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

/// The one serializer configuration for values leaving wasm: maps become plain objects and
/// absent fields stay absent.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(|e| {
        // The error's text as its `Display` writes it (`String(error)`; serde-wasm-bindgen's
        // errors are JS `Error`s, whose `String` is their `toString`), read through the
        // `toString` binding the client already imports instead of through `core::fmt`.
        let text = js_sys::Error::from(JsValue::from(e)).to_string();
        js_sys::Error::new(&String::from(text)).into()
    })
}

/// A JS value as JSON, or the issue that says why it cannot be read.
pub(crate) fn read_json(value: &JsValue, what: &'static str) -> Result<Value, Issue> {
    parse_json_text(&read_text(value, what)?, what)
}

/// JSON text → value, or the issue that says why it cannot be read: the validation path's reader
/// (`json::check`, which `encode::parse_json` reads the grammar with) names the reason in the
/// same words `validate` uses, not serde's line/column positions in a text the caller never wrote.
pub(crate) fn parse_json_text(text: &str, what: &'static str) -> Result<Value, Issue> {
    crate::encode::parse_json(text).ok_or_else(|| match json::check(text) {
        Err(reason) => validate::unreadable(what, &reason),
        // A text `check` reads and serde_json does not: nested exactly 128 levels deep
        // (`check` allows 128, serde_json 127).
        Ok(()) => Issue::new(
            Vec::new(),
            Code::InvalidType,
            crate::text::concat(&[what, " cannot be read."]),
        ),
    })
}

/// The providers, from their specs: `{ id, name, auth, environments: { sandbox, production },
/// operations, credentials: [{ key, optional }] }` each, in spec-file order. Frontends and the edge
/// handler read this instead of keeping lists of their own.
#[wasm_bindgen(js_name = providers, skip_typescript)]
pub fn providers() -> Result<JsValue, JsValue> {
    to_js(&crate::providers::Listing)
}

/// `{ ok: true, value, changed }` or `{ ok: false, issues }`.
#[wasm_bindgen(js_name = diff, skip_typescript)]
pub fn diff_js(op: &str, before: &JsValue, after: &JsValue) -> Result<JsValue, JsValue> {
    let op = op_or_throw(op)?;
    let before = match read_json(before, "`before`") {
        Ok(v) => v,
        Err(issue) => return fail(issue),
    };
    let after = match read_json(after, "`after`") {
        Ok(v) => v,
        Err(issue) => return fail(issue),
    };
    match diff::diff(op, &before, &after, clock::today()) {
        Ok(patch) => from_json(&patch.to_json()),
        Err(issues) => failure(issues),
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
            Err(issue) => Err(js_sys::TypeError::new(&request::issue_text(&issue)).into()),
        }
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        self.map
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// `config.environment` (`"sandbox"` when absent; `request::config_issues` refuses any other
    /// value before this is read).
    pub fn environment(&self) -> Environment {
        self.str("environment")
            .and_then(Environment::parse)
            .unwrap_or_default()
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

/// `crypto.getRandomValues` as the random source of [`auth::ConfigSecrets`].
pub(crate) fn js_random(buf: &mut [u8]) -> bool {
    fill_random(buf).is_ok()
}

/// buildRequest's signing options: `now` (Unix time in milliseconds, as `Date.now()` gives; the
/// Hawk `ts` is its whole seconds) and `nonce` (the Hawk nonce), both optional: they make the
/// `Authorization: Hawk` header deterministic. Issues at `["config", "now"]` / `["config", "nonce"]`.
fn signing_options(config: &JsConfig) -> Result<(Option<f64>, Option<String>), Vec<Issue>> {
    let mut issues = Vec::new();
    let now = match config.map.get("now") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_f64().filter(|n| n.is_finite() && *n >= 0.0) {
            Some(n) => Some(n),
            None => {
                issues.push(Issue::new(
                    request::config_path("now"),
                    Code::InvalidType,
                    "config.now must be a non-negative number of milliseconds since 1970 (as Date.now() gives).",
                ));
                None
            }
        },
    };
    let nonce = match config.map.get("nonce") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s))
            if request::check_header_text(s, 128).is_ok()
                && crate::text::find_either(s, b'"', b'\\').is_none() =>
        {
            Some(s.clone())
        }
        Some(_) => {
            issues.push(Issue::new(
                request::config_path("nonce"),
                Code::InvalidFormat,
                "config.nonce must be 1 to 128 visible ASCII characters without a quote or a backslash.",
            ));
            None
        }
    };
    if issues.is_empty() {
        Ok((now, nonce))
    } else {
        Err(issues)
    }
}

/// The issue for a header [`auth::ConfigSecrets`] could not fill in, at the config key it
/// depends on.
fn secrets_issue(e: &auth::SecretsError) -> Issue {
    let key = match e {
        auth::SecretsError::Hawk(auth::HawkError::InvalidUrl(_)) => "baseUrl",
        auth::SecretsError::Hawk(auth::HawkError::InvalidValue(w))
            if crate::text::contains(w, "nonce") =>
        {
            "nonce"
        }
        auth::SecretsError::Hawk(_) => "hawkId",
        auth::SecretsError::NoRandom(_) => "nonce",
    };
    Issue::new(request::config_path(key), Code::InvalidFormat, e.message())
}

/// `{ ok: true, method, url, headers, body }` or `{ ok: false, issues }`, with no network.
#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request_js(op: &str, input: &JsValue, config: &JsValue) -> Result<JsValue, JsValue> {
    let op = op_or_throw(op)?;
    // A config that cannot be read, or a credential or option that cannot travel, is an issue at
    // ["config"] or ["config", <key>], reported with the input's issues; buildRequest never throws
    // for it.
    let config = match JsConfig::read(config) {
        Ok(c) => c,
        Err(_) => {
            return fail(Issue::new(
                vec![PathSeg::from("config")],
                Code::InvalidType,
                "config must be an object of credentials and options whose values can be read.",
            ))
        }
    };
    let mut config_issues = request::config_issues(op.provider, &config.map);
    let value = match read_json(input, "The input") {
        Ok(v) => v,
        Err(issue) => {
            config_issues.push(issue);
            return failure(config_issues);
        }
    };
    if !config_issues.is_empty() {
        config_issues.append(&mut validate::issues(op, &value, clock::today()));
        return failure(config_issues);
    }
    let options = Options {
        base_url: config.str("baseUrl"),
        encoding: config.encoding(),
        request_id: config.str("requestId"),
        environment: config.environment(),
    };
    let (now, nonce) = match signing_options(&config) {
        Ok(o) => o,
        Err(issues) => return failure(issues),
    };
    let mut random = js_random;
    let mut secrets =
        auth::ConfigSecrets::new(&config.map, now.unwrap_or_else(clock::now_ms), &mut random);
    secrets.nonce = nonce;
    let built = request::build(op, &value, &options, &mut secrets, clock::today());
    match (built, secrets.failed) {
        // No secure random source: the generated request id would be empty.
        (_, Some(auth::SecretsError::NoRandom(what))) => {
            Err(js_sys::Error::new(&crate::text::concat(&[
                "No secure random source (crypto.getRandomValues) for ",
                what,
                ".",
            ]))
            .into())
        }
        (Ok(_), Some(e)) => fail(secrets_issue(&e)),
        (Ok(built), None) => from_json(&built.to_json()),
        (Err(issues), _) => failure(issues),
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
    body: JsValue,
) -> Result<JsValue, JsValue> {
    // Read as a JS string first: wasm-bindgen's conversion to `&str` would replace a raw lone
    // surrogate with U+FFFD without a word, and every other entry point refuses one.
    let unreadable = |reason: &str| {
        fail(Issue::new(
            Vec::new(),
            Code::InvalidType,
            crate::text::concat(&["The request body cannot be read: ", reason, "."]),
        ))
    };
    if !body.is_string() {
        return unreadable("it is not a string");
    }
    // The string read back from its JSON text: `JSON.stringify` writes a lone surrogate as a
    // `\uXXXX` escape, which `parse_json` refuses (one pass in JS, where `is_valid_utf16` made an
    // imported `charCodeAt` call per code unit and kept std's UTF-16 decoder in the wasm).
    let text = js_sys::JSON::stringify(&body)
        .ok()
        .and_then(|t| t.as_string());
    let Some(Value::String(body)) = text.and_then(|t| crate::encode::parse_json(&t)) else {
        return unreadable(
            "a text value holds an unpaired UTF-16 surrogate, which cannot be sent as UTF-8",
        );
    };
    match request::parse(provider, method, path, content_type.as_deref(), &body) {
        None => Ok(JsValue::NULL),
        Some(Err(reason)) => unreadable(&reason),
        Some(Ok((op, input))) => {
            use crate::rules::shapes::key;
            let mut w = crate::json::Writer::new();
            w.open().key(key::OK).bool(true);
            w.key(key::OP).str(op.id);
            w.key(key::INPUT).raw(&crate::encode::json(&input)).close();
            from_json(&w.finish())
        }
    }
}
