//! The contracts emitter on the real specs: every `x-` keyword the documents use is declared (and
//! only those), the patterns are the formats', and the package files are written.

use customer_update_codegen::emit::contracts::{pattern, EXTENSIONS};
use customer_update_vocab::{DateStyle, Format};
use std::path::Path;

fn real_specs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/spec");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect()
}

fn x_keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(o) => {
            for (k, v) in o {
                if k.starts_with("x-") {
                    out.insert(k.clone());
                }
                x_keys(v, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| x_keys(v, out)),
        _ => {}
    }
}

#[test]
fn every_x_keyword_used_is_declared_and_every_declared_one_is_used() {
    let files = customer_update_codegen::generate_texts(&real_specs()).unwrap();
    let mut used = std::collections::BTreeSet::new();
    let mut schemas = 0;
    for (name, text) in &files {
        if name.ends_with(".json") {
            x_keys(&serde_json::from_str(text).unwrap(), &mut used);
            schemas += usize::from(name.ends_with(".schema.json"));
        }
    }
    assert_eq!(schemas, 9);
    let declared: std::collections::BTreeSet<String> =
        EXTENSIONS.iter().map(|(k, _)| (*k).to_owned()).collect();
    assert_eq!(used, declared);
    let module = &files.iter().find(|(n, _)| n == "contracts.js").unwrap().1;
    for (k, _) in EXTENSIONS {
        assert!(
            module.contains(&format!("\"{k}\"")),
            "{k} not in extensionKeywords"
        );
    }
}

#[test]
fn patterns_are_anchored_and_exist_for_every_format_but_the_country_list() {
    let formats = [
        Format::Email,
        Format::E164,
        Format::Digits {
            min: 10,
            max: 10,
            leading_zero: true,
        },
        Format::Digits {
            min: 1,
            max: 3,
            leading_zero: false,
        },
        Format::Date {
            style: DateStyle::Iso,
            past: true,
        },
        Format::Date {
            style: DateStyle::DayMonthYear,
            past: false,
        },
        Format::Pan,
        Format::Pin,
        Format::SaId,
        Format::Name,
    ];
    for f in formats {
        let p = pattern(f).unwrap();
        assert!(p.starts_with('^') && p.ends_with('$'), "{p}");
    }
    assert_eq!(pattern(Format::CountryCode), None);
    assert_eq!(
        pattern(Format::Digits {
            min: 1,
            max: 3,
            leading_zero: false
        })
        .unwrap(),
        "^[1-9][0-9]{0,2}$"
    );
}

#[test]
fn package_files_are_written() {
    let dir = std::env::temp_dir().join(format!("cu-contracts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/spec");
    customer_update_codegen::generate_package_files(&spec_dir, &dir).unwrap();
    for name in [
        "openapi.json",
        "contracts.js",
        "form-fields.js",
        "json-schema/m2p.updateNomineeDetails.json",
    ] {
        assert!(dir.join(name).is_file(), "{name} not written");
    }
    assert_eq!(
        std::fs::read_dir(dir.join("json-schema")).unwrap().count(),
        9
    );
    let _ = std::fs::remove_dir_all(&dir);
}
