//! The contact exports of the wasm package (issue 16): `contact` (`setCountryNames`,
//! `toProvider`, `fromProvider` and `diffContact` in one) and `contactPath` over `crate::unified`. Compiled with the `requests` feature only, like the form
//! and request exports, so the validators-only build carries none of it.

use super::requests::read_json;
use super::{fail, failure, from_json, one};
use crate::rules::shapes::key;
use crate::rules::{Code, Issue, PathSeg};
use crate::{clock, unified};
use core::cell::Cell;
use serde_json::Value;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The country names `setCountryNames` was given (the package's `countries.js`), for the
    /// `country_name` conversion (`unified`): "" until then.
    static COUNTRY_NAMES: Cell<&'static str> = const { Cell::new("") };
}

/// The contact functions as one export (pkg/src/contact.js): `kind` 0 `setCountryNames(text)`,
/// 1 `toProvider(text, a, b, flag)` (provider, contact, id, skip_unsupported), 2
/// `fromProvider(text, a)` (provider, body), 3 `diffContact(a, b)` (before, after). One export,
/// one pair of wasm-bindgen shims (externref, multivalue) and one JS wrapper in the glue, instead
/// of one each per function. An unknown provider (1, 2) throws a `TypeError` naming the providers,
/// as does a call before the country names were handed over.
#[wasm_bindgen(js_name = contact, skip_typescript)]
pub fn contact_js(
    kind: u32,
    text: &str,
    a: &JsValue,
    b: &JsValue,
    flag: bool,
) -> Result<JsValue, JsValue> {
    match kind {
        0 => {
            set_country_names(text);
            Ok(JsValue::UNDEFINED)
        }
        1 | 2 => {
            // The provider's mapping, then the names, for both (one site each).
            let mapping = mapping_or_throw(text)?;
            names_or_throw()?;
            if kind == 1 {
                to_provider_js(mapping, a, b, flag)
            } else {
                from_provider_js(mapping, a)
            }
        }
        _ => diff_contact_js(a, b),
    }
}

/// The country names of the `country_name` conversion (`convert::NAMES`' format: a line per
/// code, the code, a space and the name), handed over by contact.js before its first
/// `toProvider` or `fromProvider` call, so the wasm does not carry the text. Kept for the module's
/// life (given once; a later call replaces them).
fn set_country_names(names: &str) {
    // Taken as `&str` and copied (a `String` argument's conversion is a `Result::err` copy of
    // its own in the wasm).
    let names: &'static str = names.to_owned().leak();
    let _ = COUNTRY_NAMES.try_with(|n| n.set(names));
}

/// The names `setCountryNames` gave ("" before it).
pub(crate) fn country_names() -> &'static str {
    COUNTRY_NAMES.try_with(Cell::get).unwrap_or_default()
}

/// A `TypeError` when `setCountryNames` has not run (the package's contact.js always calls it
/// first): without the names a country would be dropped or left unread instead of converted.
fn names_or_throw() -> Result<(), JsValue> {
    if country_names().is_empty() {
        return Err(js_sys::TypeError::new(
            "the country names were not handed over (setCountryNames)",
        )
        .into());
    }
    Ok(())
}

/// The provider's mapping, or a `TypeError` naming the providers (a programmer error: it throws).
fn mapping_or_throw(provider: &str) -> Result<&'static unified::Mapping, JsValue> {
    unified::mapping(provider).ok_or_else(|| {
        crate::wasm::unknown_provider(
            provider,
            &mut unified::MAPPINGS.iter().map(|m| m.provider.key),
        )
    })
}

/// `{ ok: true, op, input, unsupported }` or `{ ok: false, op, issues }` (issues on the contact's
/// paths; `op` is the provider's contact operation either way). `id` is the provider's customer reference; with `skip_unsupported` the contact fields
/// the provider cannot take are listed in `unsupported` instead of being issues.
fn to_provider_js(
    mapping: &'static unified::Mapping,
    contact: &JsValue,
    id: &JsValue,
    skip_unsupported: bool,
) -> Result<JsValue, JsValue> {
    let mapped = (|| {
        let contact = read_json(contact, "The contact").map_err(one)?;
        let Some(id) = id.as_string() else {
            return Err(one(Issue::new(
                vec!["id".into()],
                Code::Required,
                "id is required: the provider's customer reference (Access Bank accountNo, Juspay and Gathr customer_id, BVNK customerReference, M2P entityId).",
            )));
        };
        let options = unified::Options { skip_unsupported };
        mapping.to_provider(&contact, &id, options, clock::today())
    })();
    // One writer for both answers (`Mapped::to_json`'s keys, or `{ ok: false, op }` with the
    // issues waiting in `lastIssues`: records the JS glue renders).
    let mut w = crate::json::Writer::new();
    w.open().key(key::OK).bool(mapped.is_ok());
    w.key(key::OP).str(mapping.op.id);
    match mapped {
        Ok(m) => m.write_rest(&mut w),
        Err(issues) => {
            crate::wasm::failure(issues)?;
        }
    }
    w.close();
    from_json(&w.finish())
}

/// The contact a provider's customer record (or a response body holding it) gives back.
/// Throws a `TypeError` for a body that is not a JSON object.
fn from_provider_js(mapping: &unified::Mapping, body: &JsValue) -> Result<JsValue, JsValue> {
    let body = if let Some(text) = body.as_string() {
        match crate::encode::parse_json(&text) {
            Some(v) => v,
            None => Value::Null,
        }
    } else {
        read_json(body, "The response body").unwrap_or(Value::Null)
    };
    match mapping.read_back(&body) {
        Some(contact) => from_json(&crate::encode::json(&contact)),
        None => Err(js_sys::TypeError::new(
            "fromProvider takes the response body (or the customer record) as a JSON object or its text",
        )
        .into()),
    }
}

/// `{ ok: true, value }` (the contact holding what changed) or `{ ok: false, issues }`.
fn diff_contact_js(before: &JsValue, after: &JsValue) -> Result<JsValue, JsValue> {
    let before = match read_json(before, "`before`") {
        Ok(v) => v,
        Err(issue) => return fail(issue),
    };
    let after = match read_json(after, "`after`") {
        Ok(v) => v,
        Err(issue) => return fail(issue),
    };
    match unified::diff(&before, &after) {
        Ok(value) => {
            let mut w = crate::json::Writer::new();
            w.open().key(key::OK).bool(true);
            w.key(key::VALUE).raw(&crate::encode::json(&value)).close();
            from_json(&w.finish())
        }
        Err(issues) => failure(issues),
    }
}

/// The contact path of an issue at `path` in the provider's input (`["mobile_number"]` →
/// `["phone"]`), for the provider's own field errors after sending.
#[wasm_bindgen(js_name = contactPath, skip_typescript)]
pub fn contact_path_js(provider: &str, path: &JsValue) -> Result<JsValue, JsValue> {
    let mapping = mapping_or_throw(provider)?;
    // The keys up to the first index, read straight from the list (what `contact_path` reads of
    // a `PathSeg` list; no list of those built here). Lists walked by reference (consuming one is
    // an `IntoIter` copy of its own).
    let items = read_json(path, "The path");
    let mut keys: Vec<&str> = Vec::new();
    if let Ok(Value::Array(items)) = &items {
        for s in items {
            match s {
                Value::String(k) => keys.push(k),
                Value::Number(n) if n.as_u64().is_some() => break,
                _ => {}
            }
        }
    }
    // Written as JSON text directly (no `Value` list built to be serialised).
    let mut w = crate::json::Writer::new();
    w.open_list();
    for s in &unified::contact_path_of_keys(mapping, &keys) {
        match s {
            PathSeg::Key(k) => w.str(k),
            PathSeg::Index(i) => w.uint(*i as u64),
        };
    }
    w.close_list();
    from_json(&w.finish())
}
