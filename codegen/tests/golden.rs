//! The generator run on the real specs writes exactly the reviewed copies in `tests/golden/` and
//! `docs/contact-mapping.md` (the main crate's `tests/golden.rs` and `tests/unified.rs` check the
//! same through its build; this runs without it).

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
        let golden = if name == "contact-mapping.md" {
            root.join("docs").join(name) // the docs' table, kept where readers look
        } else {
            root.join("tests/golden").join(name)
        };
        if name == "customer_update.d.ts" {
            continue; // not kept: the concatenation of the .d.ts files
        }
        let kept = std::fs::read_to_string(&golden).unwrap();
        assert!(kept == *text, "{name} differs from tests/golden/{name}");
        compared += 1;
    }
    assert_eq!(compared, 15);
}
