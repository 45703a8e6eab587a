//! README.md's "Layout" section names every module and folder of the tree (issue 12 item 6):
//! each file under `src/` (as `src/x.rs`, or by its name under its folder's `src/dir/` entry),
//! each top-level folder and each entry of `www/`. A new module without a line there fails here.

use std::path::Path;

fn layout() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let start = readme.find("\n## Layout\n").expect("a Layout section");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_owned()
}

fn names(dir: &Path) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                e.file_type().unwrap().is_dir(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_layout_section_names_every_module_and_folder() {
    let text = layout();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for (name, is_dir) in names(&root.join("src")) {
        if is_dir {
            if !text.contains(&format!("src/{name}/")) {
                missing.push(format!("src/{name}/"));
            }
            if name == "spec" {
                continue; // data, described as a whole
            }
            for (file, _) in names(&root.join("src").join(&name)) {
                if !text.contains(&file) {
                    missing.push(format!("src/{name}/{file}"));
                }
            }
        } else if !text.contains(&format!("src/{name}")) {
            missing.push(format!("src/{name}"));
        }
    }
    for (name, is_dir) in names(root) {
        let skip = name.starts_with('.') || name == "target" || name == "node_modules";
        if is_dir && !skip && !text.contains(&format!("{name}/")) {
            missing.push(format!("{name}/"));
        }
    }
    for (name, _) in names(&root.join("www")) {
        if !text.contains(&name) {
            missing.push(format!("www/{name}"));
        }
    }
    assert!(
        missing.is_empty(),
        "README.md \"Layout\" does not name: {missing:?}"
    );
}
