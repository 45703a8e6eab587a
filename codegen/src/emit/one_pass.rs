//! Emits the one-pass validators: per operation a `pub fn` over a `crate::validate::scan::Scan`,
//! per object type of the request side a private fn, with keys placed by a perfect hash of their
//! bytes (`rules::keys::Keys`, searched here) and each field's checks written out in place (see `src/validate/scan.rs` for what the
//! verdicts mean). Cross-field rules are fed from values captured during the pass: the fields a
//! rule reads at the top level, and per item of the array it names.
//!
//! Written with `quote` and laid out with `prettyplease`, so the output in `tests/golden/` reads
//! like hand-written Rust.

use super::tables::str_expr;
use crate::checks::build_rule;
use crate::error::{Res, SpecError};
use crate::names::snake;
use crate::spec::{blank_field, input_types, is_primitive, FieldSpec, OperationSpec, SpecFile};
use customer_update_vocab::keys::Keys;
use customer_update_vocab::Rule;
use indexmap::IndexMap;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// Rust source text → tokens (the tables' emitters produce text).
pub(crate) fn tokens(src: &str) -> Res<TokenStream> {
    src.parse()
        .map_err(|e| SpecError::internal(format!("generated code does not parse ({e}): {src}")))
}

pub(crate) fn type_fn(name: &str) -> Ident {
    format_ident!("t_{}", snake(name))
}

/// The `check` module of one provider, laid out.
pub fn emit(spec: &SpecFile) -> Res<String> {
    let strict = input_types(spec);

    // Captures per item type: the fields that rules read in each item of their array.
    let mut item_caps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for op in &spec.operations {
        for r in &op.rules {
            let rule = build_rule(r)?;
            let fields = rule.item_fields();
            if fields.is_empty() {
                continue;
            }
            let item_type = item_type(op, &rule)?;
            let caps = item_caps.entry(item_type).or_default();
            for f in fields {
                if !caps.iter().any(|c| c == f) {
                    caps.push(f.to_owned());
                }
            }
        }
    }

    let mut items = Vec::new();
    for op in &spec.operations {
        items.push(emit_operation(op, &item_caps)?);
    }
    for (name, t) in spec.types.iter().filter(|(n, _)| strict.contains(*n)) {
        let caps = item_caps.get(name).cloned().unwrap_or_default();
        let fname = type_fn(name);
        let k = Literal::usize_unsuffixed(caps.len());
        let walk = walk_object(&t.fields, t.open()?, &caps, &Hooks::new())?;
        let vars = caps.iter().enumerate().map(|(i, _)| format_ident!("c{i}"));
        let doc = format!("`{name}`: checks one object; returns the values rules read from it.");
        items.push(quote! {
            #[doc = #doc]
            fn #fname<'a>(s: &mut Scan<'a>) -> Checked<[Val<'a>; #k]> {
                #walk
                Ok([#(#vars),*])
            }
        });
    }
    let file = quote! {
        /// The one-pass validators of this provider's operations, generated from the spec (see
        /// `crate::validate::scan`): `Ok` means the text is valid as it is.
        pub mod check {
            #![allow(unused_imports, unused_mut, clippy::match_single_binding)]
            use crate::rules::keys::Keys;
            use crate::rules::{Acc, DateStyle, Format, Rule, Val};
            use crate::schema::Str;
            use crate::validate::scan::{Checked, Scan, Stop};
            #(#items)*
        }
    };
    let parsed = syn::parse2::<syn::File>(file).map_err(|e| SpecError::internal(e.to_string()))?;
    Ok(prettyplease::unparse(&parsed))
}

/// The object type of the items of the array an item rule names (its first top-level field).
fn item_type(op: &OperationSpec, rule: &Rule) -> Res<String> {
    let array = rule.top_level_fields().first().copied().unwrap_or_default();
    op.input
        .get(array)
        .and_then(|f| f.items.clone())
        .filter(|t| !is_primitive(t))
        .ok_or_else(|| {
            SpecError::internal(format!(
                "operation {}: rule {} names `{array}`, which is not an array of objects",
                op.id,
                rule.name()
            ))
        })
}

fn emit_operation(
    op: &OperationSpec,
    item_caps: &BTreeMap<String, Vec<String>>,
) -> Res<TokenStream> {
    let fname = Ident::new(&snake(&op.name), Span::call_site());
    let rules: Vec<_> = op.rules.iter().map(build_rule).collect::<Res<_>>()?;
    // A presence rule over declared top-level fields is the top-level walk's `seen` bits (a
    // declared key sets its bit as it is read, and every value the walk accepts would have been
    // captured as present): no capture, no `Rule::holds` call.
    let presence: Vec<Option<u64>> = rules.iter().map(|r| presence_mask(op, r)).collect();
    // Top-level captures, in order of first use by the rules.
    let mut caps: Vec<String> = Vec::new();
    for (r, _) in rules.iter().zip(&presence).filter(|(_, m)| m.is_none()) {
        for f in r.top_level_fields() {
            if !caps.iter().any(|c| c == f) {
                caps.push(f.to_owned());
            }
        }
    }
    // Rules that read the items of an array: per array field, (rule index, item field order).
    let mut hooks: Hooks = BTreeMap::new();
    for (i, r) in rules.iter().enumerate() {
        let fields = r.item_fields();
        if fields.is_empty() {
            continue;
        }
        let array = r.top_level_fields().first().copied().unwrap_or_default();
        let type_caps = item_caps
            .get(&item_type(op, r)?)
            .cloned()
            .unwrap_or_default();
        let order = fields
            .iter()
            .map(|f| type_caps.iter().position(|c| c == f).unwrap_or_default())
            .collect();
        hooks
            .entry(array.to_owned())
            .or_insert_with(|| ArrayHook {
                caps: type_caps.len(),
                rules: Vec::new(),
            })
            .rules
            .push((i, order));
    }
    // Rules that need a field's value (all but presence) cannot read an untyped field: the
    // one pass captures only typed values.
    for r in &rules {
        if matches!(r, Rule::AtLeastOneOf { .. }) {
            continue;
        }
        for f in r.top_level_fields() {
            if op.input.get(f).is_some_and(|f| f.ty == "any") {
                return Err(SpecError::internal(format!(
                    "operation {}: rule {} reads `{f}`, an `any` field",
                    op.id,
                    r.name()
                )));
            }
        }
    }
    // The rules the walk checks through a constant and an accumulator (not the seen bits).
    let accumulated: Vec<(usize, &Rule)> = rules
        .iter()
        .enumerate()
        .filter(|(i, _)| presence.get(*i).copied().flatten().is_none())
        .collect();
    let consts = accumulated
        .iter()
        .map(|(i, r)| {
            let name = format_ident!("R{i}");
            let value = tokens(&r.to_rust())?;
            Ok(quote! { const #name: Rule = #value; })
        })
        .collect::<Res<Vec<_>>>()?;
    let accs = accumulated.iter().map(|(i, _)| {
        let name = format_ident!("acc{i}");
        quote! { let mut #name = Acc::default(); }
    });
    let walk = walk_object(&op.input, None, &caps, &hooks)?;
    let checks = rules.iter().enumerate().map(|(i, r)| {
        if let Some(mask) = presence.get(i).copied().flatten() {
            let mask = Literal::u64_suffixed(mask);
            return quote! {
                if seen & #mask == 0 {
                    return Err(Stop::Invalid);
                }
            };
        }
        let name = format_ident!("R{i}");
        let acc = format_ident!("acc{i}");
        let vals = r.top_level_fields().into_iter().map(|f| {
            let at = caps.iter().position(|c| c == f).unwrap_or_default();
            format_ident!("c{at}")
        });
        quote! {
            if !#name.holds(&[#(#vals),*], &#acc, &mut || s.today()) {
                return Err(Stop::Invalid);
            }
        }
    });
    let doc = format!("`{}`: the verdict on one input text.", op.id);
    Ok(quote! {
        #[doc = #doc]
        pub fn #fname(s: &mut Scan<'_>) -> Checked {
            #(#consts)*
            #(#accs)*
            s.start();
            #walk
            s.finish()?;
            #(#checks)*
            Ok(())
        }
    })
}

/// The `seen` bits of the top-level fields an [`Rule::AtLeastOneOf`] names, when each is a
/// declared input field among the walk's first 64; `None` for any other rule.
fn presence_mask(op: &OperationSpec, r: &Rule) -> Option<u64> {
    let Rule::AtLeastOneOf { fields } = r else {
        return None;
    };
    fields.iter().try_fold(0u64, |mask, f| {
        let i = op.input.get_index_of(*f).filter(|&i| i < 64)?;
        Some(mask | 1u64 << i)
    })
}

/// The statements that read one object: its members (a `match` on each key), then the
/// required fields. `caps` are the fields whose values are kept in `c0`, `c1`, …; `hooks` the
/// item rules to run per item of an array field.
fn walk_object(
    fields: &IndexMap<String, FieldSpec>,
    open: Option<&str>,
    caps: &[String],
    hooks: &Hooks,
) -> Res<TokenStream> {
    if fields.len() > 64 {
        return Err(SpecError::internal(
            "an object has more than 64 fields: the one-pass validator tracks at most 64",
        ));
    }
    let mut arms = Vec::new();
    let mut required: u64 = 0;
    for (i, (name, f)) in fields.iter().enumerate() {
        if f.required {
            required |= 1u64 << i;
        }
        let index = Literal::usize_unsuffixed(i);
        if f.read_only.is_some() {
            arms.push(quote! { #index => return Err(Stop::Invalid), });
            continue;
        }
        let capture = caps.iter().position(|c| c == name);
        let value = value_check(f, capture.is_some(), hooks.get(name))?;
        let body = match capture {
            Some(at) => {
                let var = format_ident!("c{at}");
                quote! { #var = #value; }
            }
            None => value,
        };
        arms.push(quote! { #index => { #body } });
    }
    let other = match open {
        None => quote! { _ => return Err(Stop::Invalid), },
        Some("string") => quote! {
            _ => {
                s.string(&Str { min_len: 0, max_len: None, format: None, enum_values: &[], open_enum: false })?;
            }
        },
        Some(_) => quote! { _ => { s.skip()?; } },
    };
    let vars = caps.iter().enumerate().map(|(i, _)| {
        let v = format_ident!("c{i}");
        quote! { let mut #v = Val::Absent; }
    });
    let required_check = if required == 0 {
        quote! {}
    } else {
        let r = Literal::u64_suffixed(required);
        quote! {
            if seen & #r != #r {
                return Err(Stop::Invalid);
            }
        }
    };
    let (table, key) = key_dispatch(fields);
    let next = if in_order(fields) {
        quote! { let mut next = 0usize; }
    } else {
        quote! {}
    };
    Ok(quote! {
        #table
        #(#vars)*
        let mut seen = 0u64;
        #next
        if s.object()? {
            loop {
                match #key {
                    #(#arms)*
                    #other
                }
                if !s.more()? {
                    break;
                }
            }
        }
        #required_check
    })
}

/// How an object's walk places a key among its declared fields: the `KEYS` table of a perfect
/// hash ([`Keys::search`]) and `s.field_next(&KEYS, &mut next, &mut seen)?`, which gives the
/// field's index (`fields.len()` for an undeclared key, [`Stop::Unsure`] for a repeated one),
/// comparing the text with the declared key after the previous member's first (`next`: members
/// in the spec's order are matched in place). Names with a quote, backslash or control byte
/// (which the in-place comparison would not read as the scanner does) take
/// `s.field(&KEYS, &mut seen)?`. For keys whose sampled bytes no hash tells apart, a `match` on
/// the key's bytes gives the index instead.
fn key_dispatch(fields: &IndexMap<String, FieldSpec>) -> (TokenStream, TokenStream) {
    let names: Vec<&str> = fields.keys().map(String::as_str).collect();
    let declared = Literal::usize_unsuffixed(names.len());
    match Keys::search(&names) {
        Some((at, mul, shift, slots)) => {
            let (at, shift) = (Literal::u32_unsuffixed(at), Literal::u32_unsuffixed(shift));
            let mul = Literal::u32_unsuffixed(mul);
            let slots = slots.iter().map(|s| Literal::u8_unsuffixed(*s));
            (
                quote! {
                    static KEYS: Keys = Keys {
                        names: &[#(#names),*],
                        at: #at,
                        mul: #mul,
                        shift: #shift,
                        slots: &[#(#slots),*],
                    };
                },
                if in_order(fields) {
                    quote! { s.field_next(&KEYS, &mut next, &mut seen)? }
                } else {
                    quote! { s.field(&KEYS, &mut seen)? }
                },
            )
        }
        None => {
            let arms = names.iter().enumerate().map(|(i, n)| {
                let key = Literal::byte_string(n.as_bytes());
                let i = Literal::usize_unsuffixed(i);
                quote! { #key => #i, }
            });
            (
                quote! {},
                quote! {
                    Scan::seen(
                        match s.key()? {
                            #(#arms)*
                            _ => #declared,
                        },
                        #declared,
                        &mut seen,
                    )?
                },
            )
        }
    }
}

/// Whether an object's keys are placed with `Scan::field_next` (declared order first): when a
/// perfect hash places them and every name reads the same in place as through the scanner (no
/// quote, backslash or control byte).
fn in_order(fields: &IndexMap<String, FieldSpec>) -> bool {
    let names: Vec<&str> = fields.keys().map(String::as_str).collect();
    Keys::search(&names).is_some()
        && names
            .iter()
            .all(|n| !n.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20))
}

/// An expression that checks one value of field `f` (`?` on failure); its value is the
/// captured [`Val`] when `capture`, else `()`.
fn value_check(f: &FieldSpec, capture: bool, hooks: Option<&ArrayHook>) -> Res<TokenStream> {
    // Captured: an expression giving the value's `Val`. Otherwise: statements.
    let wrap = |check: TokenStream, variant: TokenStream| {
        if capture {
            quote! { #variant(#check) }
        } else {
            quote! { #check; }
        }
    };
    let other = |block: TokenStream| {
        if capture {
            quote! { { #block Val::Other } }
        } else {
            block
        }
    };
    Ok(match f.ty.as_str() {
        "string" => {
            let rule = tokens(&str_expr(f)?)?;
            wrap(quote! { s.string(&#rule)? }, quote! { Val::Str })
        }
        "boolean" => wrap(quote! { s.boolean()? }, quote! { Val::Bool }),
        "number" => wrap(quote! { s.number()? }, quote! { Val::Num }),
        "integer" => {
            let bound = |v: Option<i64>| match v {
                Some(n) => {
                    let n = Literal::i64_suffixed(n);
                    quote! { Some(#n) }
                }
                None => quote! { None },
            };
            let (min, max) = (bound(f.min), bound(f.max));
            wrap(quote! { s.integer(#min, #max)? }, quote! { Val::Num })
        }
        "any" => other(quote! { s.skip()?; }),
        "object" => {
            let t = type_fn(f.reference.as_deref().unwrap_or_default());
            other(quote! { #t(s)?; })
        }
        "map" => {
            let values = f.values.as_deref().unwrap_or("any");
            let inner = value_check(
                &FieldSpec {
                    ty: values.to_owned(),
                    ..blank_field()
                },
                false,
                None,
            )?;
            other(quote! {
                if s.object()? {
                    loop {
                        s.key()?;
                        #inner
                        if !s.more()? {
                            break;
                        }
                    }
                }
            })
        }
        "array" => {
            let items = f.items.as_deref().unwrap_or_default();
            let item = if is_primitive(items) {
                value_check(
                    &FieldSpec {
                        ty: items.to_owned(),
                        ..blank_field()
                    },
                    false,
                    None,
                )?
            } else {
                let t = type_fn(items);
                match hooks {
                    Some(ArrayHook {
                        caps: k,
                        rules: hooks,
                    }) if !hooks.is_empty() => {
                        let k = *k;
                        let vars: Vec<Ident> = (0..k).map(|i| format_ident!("v{i}")).collect();
                        let calls = hooks.iter().map(|(rule, order)| {
                            let r = format_ident!("R{rule}");
                            let acc = format_ident!("acc{rule}");
                            let vals = order.iter().map(|i| format_ident!("v{i}"));
                            quote! {
                                if !#r.item(&[#(#vals),*], &mut #acc, &mut || s.today()) {
                                    return Err(Stop::Invalid);
                                }
                            }
                        });
                        quote! {
                            let [#(#vars),*] = #t(s)?;
                            #(#calls)*
                        }
                    }
                    _ => quote! { #t(s)?; },
                }
            };
            let lit = |n: u32| Literal::usize_suffixed(n as usize);
            let outside = match (f.min_items.unwrap_or(0), f.max_items) {
                (0, None) => None,
                (0, Some(max)) => Some({
                    let max = lit(max);
                    quote! { n > #max }
                }),
                (min, None) => Some({
                    let min = lit(min);
                    quote! { n < #min }
                }),
                (min, Some(max)) => Some({
                    let (min, max) = (lit(min), lit(max));
                    quote! { !(#min..=#max).contains(&n) }
                }),
            };
            let bound_check = match outside {
                None => quote! {},
                Some(outside) => quote! {
                    if #outside {
                        return Err(Stop::Invalid);
                    }
                },
            };
            other(quote! {
                let mut n = 0usize;
                if s.array()? {
                    loop {
                        #item
                        n += 1;
                        if !s.more_items()? {
                            break;
                        }
                    }
                }
                #bound_check
            })
        }
        other_ty => return Err(SpecError::internal(format!("unknown type {other_ty}"))),
    })
}

/// The item rules to run on each item of an array field of an operation's input.
struct ArrayHook {
    /// How many values the item type's function returns.
    caps: usize,
    /// Per rule: its index, and the positions of the values it reads among `caps`.
    rules: Vec<(usize, Vec<usize>)>,
}

/// The array fields of an operation's input that item rules read.
type Hooks = BTreeMap<String, ArrayHook>;

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(names: &[&str]) -> IndexMap<String, FieldSpec> {
        names
            .iter()
            .map(|n| {
                let f = FieldSpec {
                    ty: "string".into(),
                    ..blank_field()
                };
                ((*n).to_owned(), f)
            })
            .collect()
    }

    #[test]
    fn keys_are_placed_by_a_perfect_hash() {
        let (table, key) = key_dispatch(&fields(&["entityId", "firstName", "lastName"]));
        let table = table.to_string();
        assert!(table.contains("static KEYS : Keys"), "{table}");
        assert!(
            table.contains(r#"names : & ["entityId" , "firstName" , "lastName"]"#),
            "{table}"
        );
        assert_eq!(
            key.to_string(),
            "s . field_next (& KEYS , & mut next , & mut seen) ?"
        );
    }

    #[test]
    fn keys_that_read_otherwise_in_place_are_read_by_the_scanner() {
        for odd in ["a\"b", "a\\b", "a\nb"] {
            let (_, key) = key_dispatch(&fields(&["entityId", odd]));
            assert_eq!(
                key.to_string(),
                "s . field (& KEYS , & mut seen) ?",
                "{odd:?}"
            );
        }
    }

    #[test]
    fn keys_no_hash_tells_apart_are_matched_on_their_bytes() {
        // Every sampled byte position leaves two of these alike (see `Keys::search`).
        let (table, key) = key_dispatch(&fields(&["axxb", "ayxb", "axyb"]));
        assert!(table.is_empty());
        let key = key.to_string();
        assert!(key.starts_with("Scan :: seen (match s . key () ?"), "{key}");
        for arm in [
            r#"b"axxb" => 0"#,
            r#"b"ayxb" => 1"#,
            r#"b"axyb" => 2"#,
            "_ => 3",
        ] {
            assert!(key.contains(arm), "{arm} in {key}");
        }
    }
}
