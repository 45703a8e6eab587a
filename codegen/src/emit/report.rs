//! Emits the reporting validators: per operation a `pub fn` and per object type of the request
//! side a private fn over a `crate::validate::report::Report`, which give every issue of a text
//! the one-pass validator did not accept (see `src/validate/report.rs`). Each object function
//! reads its members once, dispatching keys with a `match` on their bytes into one slot per
//! declared field (the offset of the field's value), then checks the slots in spec order and
//! reports the keys it does not declare.
//!
//! The type functions' names, the token helper and the `Str` rules are the one-pass emitter's
//! (`one_pass::type_fn`, `one_pass::tokens`, `tables::str_expr`).

use super::one_pass::{tokens, type_fn};
use super::tables::str_expr;
use crate::error::{Res, SpecError};
use crate::names::{humanise, snake};
use crate::spec::{blank_field, input_types, is_primitive, FieldSpec, SpecFile};
use indexmap::IndexMap;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

/// The `report` module of one provider, laid out.
pub fn emit(spec: &SpecFile) -> Res<String> {
    let strict = input_types(spec);
    let mut items = Vec::new();
    for op in &spec.operations {
        let fname = Ident::new(&snake(&op.name), Span::call_site());
        let body = report_object(&op.input, None)?;
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
            use crate::validate::report::Report;
            #(#items)*
        }
    };
    let parsed = syn::parse2::<syn::File>(file).map_err(|e| SpecError::internal(e.to_string()))?;
    Ok(prettyplease::unparse(&parsed))
}

/// The statements that report one object at `at`: its members into slots, then each declared
/// field in spec order, then the keys it does not declare.
fn report_object(fields: &IndexMap<String, FieldSpec>, open: Option<&str>) -> Res<TokenStream> {
    let n = fields.len();
    let slots: Vec<Ident> = (0..n).map(|i| format_ident!("f{i}")).collect();
    let arms = fields.keys().enumerate().map(|(i, name)| {
        let key = Literal::byte_string(name.as_bytes());
        let i = Literal::usize_unsuffixed(i);
        quote! { #key => Some(#i), }
    });
    let keep_extra = open != Some("any");
    let mut checks = Vec::new();
    for ((name, f), slot) in fields.iter().zip(&slots) {
        let label = label(name, f);
        let absent = if f.required {
            quote! { r.required(#label); }
        } else {
            quote! {}
        };
        let present = match &f.read_only {
            Some(why) => quote! { r.read_only(#why, #name); },
            None => {
                let check = value_check(f, quote! { v }, &label)?;
                quote! {
                    if r.not_null_field(v, #label) {
                        #check
                    }
                }
            }
        };
        checks.push(quote! {
            if r.full() {
                return;
            }
            r.key(#name);
            match #slot {
                None => { #absent }
                Some(v) => { #present }
            }
            r.up();
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
        let extra = r.members(at, &mut slots, |key| match key {
            #(#arms)*
            _ => None,
        }, #keep_extra);
        let [#(#slots),*] = slots;
        #(#checks)*
        #extra
    })
}

/// A field's label as the tables give it.
fn label(name: &str, f: &FieldSpec) -> String {
    f.label.clone().unwrap_or_else(|| humanise(name))
}

/// Statements that check the (non-null) value at offset `v` of field `f`, reported under
/// `label`.
fn value_check(f: &FieldSpec, v: TokenStream, label: &str) -> Res<TokenStream> {
    let primitive = |ty: &str| FieldSpec {
        ty: ty.to_owned(),
        ..blank_field()
    };
    // An item or a map value: `null` is an issue of its own, except where anything goes.
    let nested = |ty: &str, at: TokenStream| -> Res<TokenStream> {
        if ty == "any" {
            return Ok(quote! {});
        }
        let inner = if is_primitive(ty) {
            value_check(&primitive(ty), at.clone(), label)?
        } else {
            let t = type_fn(ty);
            quote! {
                if r.object(#at, #label) {
                    #t(r, #at);
                }
            }
        };
        Ok(quote! {
            if r.not_null(#at, #label) {
                #inner
            }
        })
    };
    Ok(match f.ty.as_str() {
        "string" => {
            let rule = tokens(&str_expr(f)?)?;
            quote! { r.string(#v, &#rule, #label); }
        }
        "boolean" => quote! { r.boolean(#v, #label); },
        "number" => quote! { r.number_value(#v, #label); },
        "integer" => {
            let bound = |v: Option<i64>| match v {
                Some(n) => {
                    let n = Literal::i64_suffixed(n);
                    quote! { Some(#n) }
                }
                None => quote! { None },
            };
            let (min, max) = (bound(f.min), bound(f.max));
            quote! { r.integer(#v, #min, #max, #label); }
        }
        "any" => quote! {},
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
        let order: Vec<usize> = [
            "b\"id\" => Some(0)",
            "b\"status\" => Some(1)",
            "b\"tags\" => Some(2)",
        ]
        .iter()
        .map(|k| out.find(k).unwrap_or_else(|| panic!("{k} in {out}")))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    }

    /// Required, read-only, map, list bounds, nested objects and the three kinds of extra keys.
    #[test]
    fn each_kind_of_check_is_written_out() {
        let out = emitted();
        for part in [
            "r.required(\"Id\")",
            "r.read_only(\"Set by the bank\", \"status\")",
            "r.map(v, \"Tags\")",
            "r.list(v, \"Nominees\", 2u32, Some(5u32))",
            "r.integer(v, Some(1i64), Some(100i64), \"Share\")",
            "r.object(iv, \"Nominees\")",
            "t_nominee(r, iv)",
            "t_extra(r, v)",
            "r.extra_strings(extra)",
            // Read-only fields are declared but never suggested.
            "r.unknown(extra, &[\"id\", \"tags\", \"nominees\", \"extra\"])",
        ] {
            assert!(out.contains(part), "{part} not in {out}");
        }
        // An `any` field has no value check beyond null: its label appears once.
        assert_eq!(out.matches("\"Note\"").count(), 1, "{out}");
    }
}
