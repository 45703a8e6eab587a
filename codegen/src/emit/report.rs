//! Emits the reporting validators: per operation a `pub fn` and per object type of the request
//! side a private fn over a `crate::validate::report::Report`, which give every issue of a text
//! the one-pass validator did not accept (see `src/validate/report.rs`). Each object function
//! reads its members once into one slot per declared field (the offset of the field's value;
//! keys are placed by the runtime from the list of declared names, not by a generated `match`:
//! the one pass keeps the only copy of those, measured 12.8 KB of wasm for a second one), then
//! checks the slots in spec order, one call per text, number or boolean field, and reports the
//! keys it does not declare.
//!
//! The type functions' names, the token helper and the `Str` rules are the one-pass emitter's
//! (`one_pass::type_fn`, `one_pass::tokens`, `tables::str_expr`).

use super::one_pass::{tokens, type_fn};
use super::tables::str_expr;
use crate::checks::build_rule;
use crate::error::{Res, SpecError};
use crate::names::{humanise, shout, snake};
use crate::spec::{blank_field, input_types, is_primitive, FieldSpec, OperationSpec, SpecFile};
use indexmap::IndexMap;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

/// The `report` module of one provider, laid out.
pub fn emit(spec: &SpecFile) -> Res<String> {
    let strict = input_types(spec);
    let mut items = Vec::new();
    for op in &spec.operations {
        let levels = nesting(spec, &op.input, &mut Vec::new())?;
        if levels > MAX_NESTING {
            return Err(SpecError::internal(format!(
                "operation {}: its input nests {levels} levels deep; the validators read at most {MAX_NESTING} (validate::VALUE_DEPTH writes deeper values empty)",
                op.id
            )));
        }
        let fname = Ident::new(&snake(&op.name), Span::call_site());
        let mut body = report_object(&op.input, None)?;
        body.extend(rules_call(op)?);
        let doc = format!("`{}`: every issue of the input object at `at`.", op.id);
        items.push(quote! {
            #[doc = #doc]
            pub fn #fname(r: &mut Report<'_>, at: usize) {
                #body
            }
        });
    }
    for (name, t) in spec.types.iter().filter(|(n, _)| strict.contains(*n)) {
        let fname = type_fn(name);
        let body = report_object(&t.fields, t.open()?)?;
        let doc = format!("`{name}`: every issue of one object.");
        items.push(quote! {
            #[doc = #doc]
            fn #fname(r: &mut Report<'_>, at: usize) {
                #body
            }
        });
    }
    let file = quote! {
        /// The reporting validators of this provider's operations, generated from the spec (see
        /// `crate::validate::report`): every issue, in the order the contract gives.
        pub mod report {
            #![allow(
                unused_imports,
                unused_mut,
                unused_variables,
                clippy::match_single_binding,
                clippy::collapsible_if,
                clippy::collapsible_match
            )]
            use crate::rules::{DateStyle, Format};
            use crate::schema::Str;
            use crate::validate::report::{Check, FieldCheck, Report};
            #(#items)*
        }
    };
    let parsed = syn::parse2::<syn::File>(file).map_err(|e| SpecError::internal(e.to_string()))?;
    Ok(prettyplease::unparse(&parsed))
}

/// The call that runs the operation's cross-field rules after its walk, with the values they
/// read: the top-level fields any rule names with the slots their values were read into, and
/// per list the item fields rules read in it.
fn rules_call(op: &OperationSpec) -> Res<TokenStream> {
    if op.rules.is_empty() {
        return Ok(quote! {});
    }
    let mut fields: Vec<&'static str> = Vec::new();
    let mut lists: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for r in &op.rules {
        let rule = build_rule(r)?;
        let top = rule.top_level_fields();
        let items = rule.item_fields();
        if let (Some(list), false) = (top.first().copied(), items.is_empty()) {
            match lists.iter_mut().find(|(name, _)| *name == list) {
                Some((_, wanted)) => {
                    for f in items {
                        if !wanted.contains(&f) {
                            wanted.push(f);
                        }
                    }
                }
                None => lists.push((list, items)),
            }
        }
        for f in top {
            if !fields.contains(&f) {
                fields.push(f);
            }
        }
    }
    let op_static = Ident::new(&shout(&op.name), Span::call_site());
    // Each field's slot (`report_object` read the input object's members into `f<i>`, in spec
    // order): the members are not read again for the rules. The spec checks make every field an
    // input field.
    let mut slots = Vec::new();
    for f in &fields {
        let Some(i) = op.input.keys().position(|k| k == f) else {
            return Err(SpecError::internal(format!(
                "operation {}: a rule reads {f}, which is not an input field",
                op.id
            )));
        };
        slots.push(format_ident!("f{i}"));
    }
    let lists = lists
        .iter()
        .map(|(name, items)| quote! { (#name, &[#(#items),*]) });
    Ok(quote! {
        r.rules(super::#op_static.rules, &[#(#fields),*], &[#(#slots),*], &[#(#lists),*]);
    })
}

/// The deepest an operation's input may nest (objects and arrays): well below the runtime's
/// `validate::VALUE_DEPTH`, which writes a `serde_json::Value`'s deeper values empty.
const MAX_NESTING: usize = 32;

/// How many levels of objects and arrays an object of `fields` nests (itself included); a type
/// that contains itself is refused (its validators would follow it without end).
fn nesting(
    spec: &SpecFile,
    fields: &IndexMap<String, FieldSpec>,
    path: &mut Vec<String>,
) -> Res<usize> {
    let mut deepest = 0;
    for f in fields.values() {
        let (named, extra) = match f.ty.as_str() {
            "object" => (f.reference.as_deref(), 0),
            "array" => (f.items.as_deref().filter(|t| !is_primitive(t)), 1),
            "map" => (None, 1),
            _ => (None, 0),
        };
        let below = match named {
            Some(t) => {
                if path.iter().any(|p| p == t) {
                    return Err(SpecError::internal(format!(
                        "type {t} contains itself ({} → {t})",
                        path.join(" → ")
                    )));
                }
                let Some(ts) = spec.types.get(t) else {
                    continue;
                };
                path.push(t.to_owned());
                let n = nesting(spec, &ts.fields, path)?;
                path.pop();
                n
            }
            None => 0,
        };
        deepest = deepest.max(extra + below);
    }
    Ok(1 + deepest)
}

/// The statements that report one object at `at`: its members into slots, then each declared
/// field in spec order, then the keys it does not declare.
fn report_object(fields: &IndexMap<String, FieldSpec>, open: Option<&str>) -> Res<TokenStream> {
    let n = fields.len();
    let slots: Vec<Ident> = (0..n).map(|i| format_ident!("f{i}")).collect();
    let names = fields.keys();
    let keep_extra = open != Some("any");
    let mut checks = Vec::new();
    for ((name, f), slot) in fields.iter().zip(&slots) {
        let label = label(name, f);
        let required = f.required;
        let field = |check: &TokenStream| {
            quote! {
                &FieldCheck { name: #name, label: #label, required: #required, check: #check }
            }
        };
        checks.push(match (&f.read_only, primitive_check(f)?) {
            (Some(why), _) => quote! { r.read_only(#slot, #why, #name); },
            (None, Some(check)) => {
                let field = field(&check);
                quote! { r.checked_field(#slot, #field); }
            }
            (None, None) => {
                let check = value_check(f, quote! { v }, &label)?;
                let field = field(&quote! { Check::Any });
                quote! {
                    if let Some(v) = r.field(#slot, #field) {
                        #check
                    }
                    r.up();
                }
            }
        });
    }
    let extra = match open {
        None => {
            let known = fields
                .iter()
                .filter(|(_, f)| f.read_only.is_none())
                .map(|(name, _)| name);
            quote! { r.unknown(extra, &[#(#known),*]); }
        }
        Some("string") => quote! { r.extra_strings(extra); },
        Some(_) => quote! { let _ = extra; },
    };
    let n_lit = Literal::usize_unsuffixed(n);
    Ok(quote! {
        let mut slots = [None::<usize>; #n_lit];
        let extra = r.members(at, &mut slots, &[#(#names),*], #keep_extra);
        let [#(#slots),*] = slots;
        #(#checks)*
        #extra
    })
}

/// The `Check` of a field whose value is checked by one call (text, true/false, numbers,
/// anything); `None` for objects, maps and lists.
fn primitive_check(f: &FieldSpec) -> Res<Option<TokenStream>> {
    let bound = |v: Option<i64>| match v {
        Some(n) => {
            let n = Literal::i64_suffixed(n);
            quote! { Some(#n) }
        }
        None => quote! { None },
    };
    Ok(Some(match f.ty.as_str() {
        "string" => {
            let rule = tokens(&str_expr(f)?)?;
            quote! { Check::Text(&#rule) }
        }
        "boolean" => quote! { Check::Boolean },
        "number" => quote! { Check::Number },
        "integer" => {
            let (min, max) = (bound(f.min), bound(f.max));
            quote! { Check::Integer(#min, #max) }
        }
        "any" => quote! { Check::Any },
        _ => return Ok(None),
    }))
}

/// A field's label as the tables give it.
fn label(name: &str, f: &FieldSpec) -> String {
    f.label.clone().unwrap_or_else(|| humanise(name))
}

/// Statements that check the (non-null) value at offset `v` of field `f`, reported under
/// `label`.
fn value_check(f: &FieldSpec, v: TokenStream, label: &str) -> Res<TokenStream> {
    if let Some(check) = primitive_check(f)? {
        return Ok(quote! { r.value(#v, #label, &#check); });
    }
    // An item or a map value: `null` is an issue of its own, except where anything goes.
    let nested = |ty: &str, at: TokenStream| -> Res<TokenStream> {
        if ty == "any" {
            return Ok(quote! {});
        }
        if is_primitive(ty) {
            let primitive = FieldSpec {
                ty: ty.to_owned(),
                ..blank_field()
            };
            let check = primitive_check(&primitive)?;
            return Ok(quote! { r.item_value(#at, #label, &#check); });
        }
        let t = type_fn(ty);
        Ok(quote! {
            if r.not_null(#at, #label) && r.object(#at, #label) {
                #t(r, #at);
            }
        })
    };
    Ok(match f.ty.as_str() {
        "object" => {
            let t = type_fn(f.reference.as_deref().unwrap_or_default());
            quote! {
                if r.object(#v, #label) {
                    #t(r, #v);
                }
            }
        }
        "map" => {
            let inner = nested(f.values.as_deref().unwrap_or("any"), quote! { mv })?;
            quote! {
                if let Some(members) = r.map(#v, #label) {
                    for (key, mv) in members {
                        if r.full() {
                            break;
                        }
                        r.text_key(key);
                        #inner
                        r.up();
                    }
                }
            }
        }
        "array" => {
            let inner = nested(f.items.as_deref().unwrap_or_default(), quote! { iv })?;
            let min = Literal::u32_suffixed(f.min_items.unwrap_or(0));
            let max = match f.max_items {
                Some(m) => {
                    let m = Literal::u32_suffixed(m);
                    quote! { Some(#m) }
                }
                None => quote! { None },
            };
            quote! {
                if let Some(items) = r.list(#v, #label, #min, #max) {
                    for (i, iv) in items.into_iter().enumerate() {
                        if r.full() {
                            break;
                        }
                        r.index(i);
                        #inner
                        r.up();
                    }
                }
            }
        }
        other => return Err(SpecError::internal(format!("unknown type {other}"))),
    })
}

#[cfg(test)]
mod tests {
    use crate::spec::load;

    const SPEC: &str = r#"
provider = "demo"
title = "Demo"
seed = "000"
sandbox_url = "https://sandbox.example.com"
production_url = "https://api.example.com"
errors = ["Problem"]

[auth]
scheme = "bearer"
config = ["apiKey"]

[[operations]]
id = "demo.updateCustomer"
name = "updateCustomer"
summary = "Update a customer."
method = "POST"
path = "/customers"
response = "Result"
example = '{"id": "c1"}'

[operations.input]
id = { type = "string", required = true }
status = { type = "string", read_only = "Set by the bank" }
tags = { type = "map", values = "string" }
nominees = { type = "array", items = "Nominee", min_items = 2, max_items = 5 }
extra = { type = "object", ref = "Extra" }

[types.Nominee.fields]
share = { type = "integer", min = 1, max = 100, label = "Share" }

[types.Extra]
open = "string"
[types.Extra.fields]
note = { type = "any" }

[types.Result.fields]
ok = { type = "boolean" }

[types.Problem.fields]
message = { type = "string" }
"#;

    fn emitted() -> String {
        super::emit(&load("src/spec/demo.toml", SPEC).unwrap()).unwrap()
    }

    /// Nesting is counted through objects, lists and maps; a type that contains itself fails.
    #[test]
    fn nesting_is_bounded() {
        let spec = load("src/spec/demo.toml", SPEC).unwrap();
        let op = &spec.operations[0];
        // The input, a nominee inside a list: 3 levels.
        assert_eq!(
            super::nesting(&spec, &op.input, &mut Vec::new()).unwrap(),
            3
        );
        let looped = SPEC.replace(
            "share = { type = \"integer\", min = 1, max = 100, label = \"Share\" }",
            "share = { type = \"integer\", min = 1, max = 100, label = \"Share\" }\nnext = { type = \"object\", ref = \"Nominee\" }",
        );
        assert_ne!(looped, SPEC);
        let spec = load("src/spec/demo.toml", &looped).unwrap();
        let err = super::emit(&spec).unwrap_err().to_string();
        assert!(err.contains("Nominee contains itself"), "{err}");
    }

    /// One function per operation and per input type; keys dispatched into slots in spec order.
    #[test]
    fn one_function_per_operation_and_input_type() {
        let out = emitted();
        assert!(
            out.contains("pub fn update_customer(r: &mut Report<'_>, at: usize)"),
            "{out}"
        );
        assert!(
            out.contains("fn t_nominee(r: &mut Report<'_>, at: usize)"),
            "{out}"
        );
        assert!(
            out.contains("fn t_extra(r: &mut Report<'_>, at: usize)"),
            "{out}"
        );
        // Result and Problem are response shapes: no reporter.
        assert!(
            !out.contains("t_result") && !out.contains("t_problem"),
            "{out}"
        );
        // The slots follow the spec's field order.
        assert!(
            out.contains("&[\"id\", \"status\", \"tags\", \"nominees\", \"extra\"]"),
            "{out}"
        );
    }

    /// Required, read-only, map, list bounds, nested objects and the three kinds of extra keys.
    #[test]
    fn each_kind_of_check_is_written_out() {
        let out = emitted();
        for part in [
            "r.checked_field(f0, &FieldCheck { name: \"id\", label: \"Id\", required: true, check: Check::Text(",
            "r.read_only(f1, \"Set by the bank\", \"status\")",
            "r.map(v, \"Tags\")",
            "r.item_value(mv, \"Tags\", &Check::Text(",
            "r.list(v, \"Nominees\", 2u32, Some(5u32))",
            "Check::Integer(Some(1i64), Some(100i64))",
            "r.not_null(iv, \"Nominees\") && r.object(iv, \"Nominees\")",
            "t_nominee(r, iv)",
            "t_extra(r, v)",
            "r.extra_strings(extra)",
            // Read-only fields are declared but never suggested.
            "r.unknown(extra, &[\"id\", \"tags\", \"nominees\", \"extra\"])",
        ] {
            // As laid out, lines break anywhere: compared without white space.
            let flat = |s: &str| s.split_whitespace().collect::<String>();
            assert!(flat(&out).contains(&flat(part)), "{part} not in {out}");
        }
        // An `any` field has no value check beyond null: its label appears once.
        assert_eq!(out.matches("\"Note\"").count(), 1, "{out}");
    }
}
