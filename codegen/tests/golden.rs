//! The generator run on the real specs writes exactly the reviewed copies in `tests/golden/`
//! (the main crate's `tests/golden.rs` checks the same through its build; this runs without it).

use std::path::Path;

#[test]
fn real_specs_give_the_golden_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec_dir = root.join("src/spec");
    let mut paths: Vec<_> = std::fs::read_dir(&spec_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let specs: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let name = format!("src/spec/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    let files = customer_update_codegen::generate_texts(&specs).unwrap();
    let mut compared = 0;
    for (name, text) in &files {
        // Kept where readers find them: the contact mapping table in docs/, messages.js where
        // the npm package ships it from.
        let golden = if name == "contact-mapping.md" {
            root.join("docs").join(name)
        } else if name == "messages.js" {
            root.join("pkg/src").join(name)
        } else {
            root.join("tests/golden").join(name)
        };
        let elsewhere = name == "contact-mapping.md" || name == "messages.js";
        if !customer_update_codegen::kept_in_golden(name)
            && !elsewhere
            && !name.ends_with(".schema.json")
        {
            // not kept: the concatenation of the .d.ts files; the JSON documents wrapped as a JS
            // module and as Rust consts (the documents themselves are kept); the list of kept files
            continue;
        }
        let kept = std::fs::read_to_string(&golden).unwrap();
        assert!(
            kept == *text,
            "{name} differs from its kept copy {}",
            golden.display()
        );
        compared += 1;
    }
    // Per provider its .rs and .d.ts; providers.rs, index.d.ts, contact.d.ts, unified.rs,
    // openapi.json, form-fields.js, contact-mapping.md, messages.js; one schema per operation.
    let providers = specs.len();
    let schemas = files
        .iter()
        .filter(|(n, _)| n.ends_with(".schema.json"))
        .count();
    assert!(schemas >= providers, "one JSON Schema per operation");
    assert_eq!(compared, 2 * providers + 8 + schemas);
}
