//! Emits the reporting validators: per operation a `pub fn` over a
//! `crate::validate::report::Report`, which gives every issue of a text the one-pass validator
//! did not accept (see `src/validate/report.rs`), and per object the reporting walk reads a
//! `Shape`: a `static` describing its declared keys, each field's label, presence, read-only
//! text and value check (nested objects, lists and maps by reference to their shapes), and its
//! undeclared keys. The walk itself is the runtime's (`Report::input`), one copy for every
//! object, so the one-pass validators (`one_pass`) are the only generated code that walks
//! objects: the reporter is data.
//!
//! The token helper and the `Str` rules are the one-pass emitter's (`one_pass::tokens`,
//! `tables::str_expr`).

use super::one_pass::tokens;
use super::tables::str_expr;
use crate::checks::build_rule;
use crate::error::{Res, SpecError};
use crate::names::{humanise, shout, snake};
use crate::spec::{blank_field, input_types, is_primitive, FieldSpec, OperationSpec, SpecFile};
use indexmap::IndexMap;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

/// The `Shape` static of an object type.
fn shape_static(t: &str) -> Ident {
    format_ident!("TYPE_{}", shout(t))
}

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
        let input = format_ident!("INPUT_{}", shout(&op.name));
        let shape = shape(&op.input, None)?;
        let inputs = rule_inputs(op)?;
        let op_static = Ident::new(&shout(&op.name), Span::call_site());
        let doc = format!("`{}`: every issue of the input object at `at`.", op.id);
        let shape_doc = format!("The input object of `{}`.", op.id);
        items.push(quote! {
            #[doc = #doc]
            pub fn #fname(r: &mut Report<'_>, at: usize) {
                r.input(at, &#input, super::#op_static.rules, &#inputs);
            }
            #[doc = #shape_doc]
            static #input: Shape = #shape;
        });
    }
    for (name, t) in spec.types.iter().filter(|(n, _)| strict.contains(*n)) {
        let st = shape_static(name);
        let shape = shape(&t.fields, t.open()?)?;
        let doc = format!("`{name}`.");
        items.push(quote! {
            #[doc = #doc]
            static #st: Shape = #shape;
        });
    }
    let file = quote! {
        /// The reporting validators of this provider's operations, generated from the spec (see
        /// `crate::validate::report`): every issue, in the order the contract gives.
        pub mod report {
            #![allow(unused_imports)]
            use crate::rules::{DateStyle, Format};
            use crate::schema::Str;
            use crate::validate::report::{
                Check, Extra, FieldCheck, Item, Kind, ListCheck, Report, RuleInputs, Shape,
            };
            #(#items)*
        }
    };
    let parsed = syn::parse2::<syn::File>(file).map_err(|e| SpecError::internal(e.to_string()))?;
    Ok(prettyplease::unparse(&parsed))
}

/// What the operation's cross-field rules read (a `RuleInputs`): the top-level fields any rule
/// names with their places among the input's declared fields (the walk read the input object's
/// members into one slot each: they are not read again for the rules), and per list the item
/// fields rules read in it.
fn rule_inputs(op: &OperationSpec) -> Res<TokenStream> {
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
    // The spec checks make every field an input field.
    let mut at = Vec::new();
    for f in &fields {
        let Some(i) = op.input.keys().position(|k| k == f) else {
            return Err(SpecError::internal(format!(
                "operation {}: a rule reads {f}, which is not an input field",
                op.id
            )));
        };
        let i = u8::try_from(i).map_err(|_| {
            SpecError::internal(format!(
                "operation {}: a rule reads {f}, the input's field number {i}: rules read the first 256",
                op.id
            ))
        })?;
        at.push(Literal::u8_unsuffixed(i));
    }
    let lists = lists
        .iter()
        .map(|(name, items)| quote! { (#name, &[#(#items),*]) });
    Ok(quote! {
        RuleInputs { fields: &[#(#fields),*], at: &[#(#at),*], lists: &[#(#lists),*] }
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

/// The `Shape` of an object of `fields`: its declared fields in spec order, and its undeclared
/// keys (denied, with the writable fields suggested, which the runtime reads from the declared
/// fields; strings; anything).
fn shape(fields: &IndexMap<String, FieldSpec>, open: Option<&str>) -> Res<TokenStream> {
    let mut checks = Vec::new();
    for (name, f) in fields {
        let label = label(name, f);
        let required = f.required;
        let kind = match &f.read_only {
            Some(why) => quote! { Kind::ReadOnly(&#why) },
            None => kind(f)?,
        };
        checks.push(quote! {
            FieldCheck { name: #name, label: #label, required: #required, kind: #kind }
        });
    }
    let extra = match open {
        // The writable fields to suggest are the runtime's to pick from `fields`.
        None => quote! { Extra::Deny },
        Some("string") => quote! { Extra::Strings },
        Some(_) => quote! { Extra::Any },
    };
    Ok(quote! {
        Shape { fields: &[#(#checks),*], extra: #extra }
    })
}

/// The `Check` of a value checked by one call (text, true/false, numbers, anything); `None` for
/// objects, maps and lists.
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
            quote! { Check::Integer(&(#min, #max)) }
        }
        "any" => quote! { Check::Any },
        _ => return Ok(None),
    }))
}

/// A field's label as the tables give it.
fn label(name: &str, f: &FieldSpec) -> String {
    f.label.clone().unwrap_or_else(|| humanise(name))
}

/// The `Kind` of the (non-null) value of field `f`.
fn kind(f: &FieldSpec) -> Res<TokenStream> {
    if let Some(check) = primitive_check(f)? {
        return Ok(quote! { Kind::Plain(#check) });
    }
    Ok(match f.ty.as_str() {
        "object" => {
            let t = shape_static(f.reference.as_deref().unwrap_or_default());
            quote! { Kind::Object(&#t) }
        }
        "map" => {
            let item = item(f.values.as_deref().unwrap_or("any"))?;
            quote! { Kind::Map(#item) }
        }
        "array" => {
            let item = item(f.items.as_deref().unwrap_or_default())?;
            let min = Literal::u32_unsuffixed(f.min_items.unwrap_or(0));
            let max = match f.max_items {
                Some(m) => {
                    let m = Literal::u32_unsuffixed(m);
                    quote! { Some(#m) }
                }
                None => quote! { None },
            };
            quote! { Kind::List(&ListCheck { min: #min, max: #max, item: #item }) }
        }
        other => return Err(SpecError::internal(format!("unknown type {other}"))),
    })
}

/// The `Item` of a list's items or a map's values of type `ty`: `null` is an issue of its own,
/// except where anything goes.
fn item(ty: &str) -> Res<TokenStream> {
    if is_primitive(ty) {
        let primitive = FieldSpec {
            ty: ty.to_owned(),
            ..blank_field()
        };
        let check = primitive_check(&primitive)?.unwrap_or_else(|| quote! { Check::Any });
        return Ok(quote! { Item::Plain(#check) });
    }
    let t = shape_static(ty);
    Ok(quote! { Item::Object(&#t) })
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

    /// One function per operation and one shape per input object and input type.
    #[test]
    fn one_function_per_operation_and_a_shape_per_input_type() {
        let out = emitted();
        assert!(
            out.contains("pub fn update_customer(r: &mut Report<'_>, at: usize)"),
            "{out}"
        );
        for st in [
            "static INPUT_UPDATE_CUSTOMER: Shape",
            "static TYPE_NOMINEE: Shape",
            "static TYPE_EXTRA: Shape",
        ] {
            assert!(out.contains(st), "{st} in {out}");
        }
        // Result and Problem are response shapes: no reporter.
        assert!(
            !out.contains("TYPE_RESULT") && !out.contains("TYPE_PROBLEM"),
            "{out}"
        );
        // No walk is generated: the runtime's reads the shapes.
        assert!(
            !out.contains("r.field(") && !out.contains("r.members("),
            "{out}"
        );
        // The declared fields follow the spec's field order.
        let flat = out.split_whitespace().collect::<String>();
        let at = |name: &str| flat.find(&format!("FieldCheck{{name:\"{name}\""));
        let places: Vec<_> = ["id", "status", "tags", "nominees", "extra"]
            .iter()
            .map(|n| at(n))
            .collect();
        assert!(places.iter().all(Option::is_some), "{out}");
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{out}");
    }

    /// Required, read-only, map, list bounds, nested objects and the three kinds of extra keys.
    #[test]
    fn each_kind_of_check_is_described() {
        let out = emitted();
        for part in [
            "FieldCheck { name: \"id\", label: \"Id\", required: true, kind: Kind::Plain(Check::Text(",
            "FieldCheck { name: \"status\", label: \"Status\", required: false, kind: Kind::ReadOnly(&\"Set by the bank\")",
            "kind: Kind::Map(Item::Plain(Check::Text(",
            "kind: Kind::List(&ListCheck { min: 2, max: Some(5), item: Item::Object(&TYPE_NOMINEE)",
            "Check::Integer(&(Some(1i64), Some(100i64)))",
            "kind: Kind::Object(&TYPE_EXTRA)",
            "extra: Extra::Strings",
            // Closed: the writable fields to suggest are not listed again.
            "extra: Extra::Deny, }",
            "r.input(at, &INPUT_UPDATE_CUSTOMER, super::UPDATE_CUSTOMER.rules, &RuleInputs { fields: &[], at: &[], lists: &[], }",
        ] {
            // As laid out, lines break anywhere: compared without white space.
            let flat = |s: &str| s.split_whitespace().collect::<String>();
            assert!(flat(&out).contains(&flat(part)), "{part} not in {out}");
        }
        // An `any` field: its label appears once.
        assert_eq!(out.matches("\"Note\"").count(), 1, "{out}");
    }
}
