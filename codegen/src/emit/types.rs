//! The typed structs (`types` module of each provider file): inputs reject unknown keys and
//! `null`, responses and error bodies accept unknown keys.

use crate::error::Res;
use crate::names::{pascal, rust_field};
use crate::spec::{input_types, FieldSpec, SpecFile};
use indexmap::IndexMap;
use std::collections::BTreeSet;
use std::fmt::Write as _;

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
        } else {
            let _ = writeln!(s, "        /// The `{key}` field.");
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

/// The `types` module: typed request and response structs for Rust callers.
pub fn emit(spec: &SpecFile) -> Res<String> {
    let strict_types = input_types(spec);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "/// Typed request and response structs. Inputs reject unknown keys and `null`; an absent"
    );
    let _ = writeln!(
        s,
        "/// optional field is never serialised. Responses and error bodies accept unknown keys."
    );
    let _ = writeln!(s, "pub mod types {{\n    // serde's derive of `#[serde(flatten)]` calls `str::to_string` (a copy, not core::fmt)\n    #![allow(clippy::disallowed_methods)]\n    #[allow(unused_imports)]\n    use serde::{{Deserialize, Serialize}};\n    #[allow(unused_imports)]\n    use alloc::{{collections::BTreeMap, string::String, vec::Vec}};\n");
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
            t.open()?,
            strict,
        ));
    }
    let _ = writeln!(s, "}}");
    Ok(s)
}
