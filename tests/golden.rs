//! The generated code is kept in `tests/golden/` so that a spec change reads as a diff in review.
//! This test fails when the two drift apart; `UPDATE_GOLDEN=1 cargo test --test golden` rewrites
//! the copies from the current specs.

use std::path::PathBuf;

#[test]
fn generated_code_matches_golden_files() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for (name, text) in customer_update::generated_files::all() {
        let path = dir.join(&name);
        if update {
            std::fs::write(&path, text).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(golden) if golden == text => {}
            Ok(golden) => {
                let line = golden
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .map_or(golden.lines().count().min(text.lines().count()) + 1, |i| {
                        i + 1
                    });
                stale.push(format!("{name}: differs from line {line}"));
            }
            Err(_) => stale.push(format!("{name}: missing")),
        }
    }
    assert!(
        stale.is_empty(),
        "generated code drifted from tests/golden/ (review, then run `UPDATE_GOLDEN=1 cargo test --test golden`):\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_generated_file_is_kept() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let kept: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in &kept {
        assert!(
            customer_update::generated_files::all()
                .iter()
                .any(|(n, _)| n == name),
            "tests/golden/{name} is no longer generated: delete it"
        );
    }
}

#[test]
fn package_files_match_the_generator() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pkg/src");
    for (name, text) in customer_update::generated_files::PACKAGE {
        let path = dir.join(name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, text).unwrap();
            continue;
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == *text,
            "pkg/src/{name} drifted from the generator (run `UPDATE_GOLDEN=1 cargo test --test golden`)"
        );
    }
}
