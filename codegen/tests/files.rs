//! `generate` on a directory: files read and written, and errors naming the file as given.

use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cu-codegen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::create_dir_all(dir.join("out")).unwrap();
    for name in [
        customer_update_codegen::COUNTRY_LIST,
        customer_update_codegen::COUNTRY_NAMES,
    ] {
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../src/spec")
            .join(name);
        std::fs::copy(from, dir.join("spec").join(name)).unwrap();
    }
    dir
}

#[test]
fn writes_the_files_and_names_what_it_read() {
    let dir = scratch("ok");
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/spec/gathr.toml");
    std::fs::copy(spec, dir.join("spec/gathr.toml")).unwrap();
    let read = customer_update_codegen::generate(&dir.join("spec"), &dir.join("out")).unwrap();
    assert_eq!(read.len(), 3, "{read:?}");
    for name in [
        "gathr.rs",
        "gathr.d.ts",
        "providers.rs",
        "index.d.ts",
        "customer_update.d.ts",
        "unified.rs",
        "contact.d.ts",
        "contact-mapping.md",
    ] {
        assert!(dir.join("out").join(name).is_file(), "{name} not written");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn errors_name_the_file_as_given() {
    let dir = scratch("bad");
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/spec/gathr.toml");
    let text = std::fs::read_to_string(spec).unwrap().replacen(
        "provider = \"gathr\"",
        "provider = \"gather\"",
        1,
    );
    std::fs::write(dir.join("spec/gathr.toml"), text).unwrap();
    let e = customer_update_codegen::generate(&dir.join("spec"), &dir.join("out"))
        .unwrap_err()
        .to_string();
    let file = dir.join("spec/gathr.toml").display().to_string();
    assert!(e.starts_with(&format!("{file}: provider: ")), "{e}");
    assert!(e.contains("write provider = \"gathr\""), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_country_names_file_out_of_step_with_the_codes_fails() {
    let dir = scratch("names");
    let names = dir
        .join("spec")
        .join(customer_update_codegen::COUNTRY_NAMES);
    let text = std::fs::read_to_string(&names)
        .unwrap()
        .replacen("AD Andorra\n", "", 1);
    std::fs::write(&names, text).unwrap();
    let e = customer_update_codegen::generate(&dir.join("spec"), &dir.join("out"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with(&names.display().to_string()), "{e}");
    assert!(e.contains("expected \"AD <name>\""), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}
