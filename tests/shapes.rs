//! Every result and option type the package declares comes from its one description
//! (`vocab/src/shapes.rs`): the hand-written declarations in `pkg/src/*.d.ts` hold function
//! signatures that name generated types, and no `interface` or `type` of their own beyond the
//! few below, which are not shapes (each with the reason).

use customer_update::rules::shapes::{self, Body, Shape};
use std::path::PathBuf;

/// The declarations `pkg/src/*.d.ts` may write by hand: (file, name, why it is not a shape).
const NOT_SHAPES: &[(&str, &str, &str)] = &[
    (
        "index.d.ts",
        "SymbolConstructor",
        "an augmentation of TypeScript's lib (`Symbol.dispose`), merged with lib.esnext.disposable",
    ),
    (
        "index.d.ts",
        "OpsOf",
        "a type-level helper: a provider's operation ids, derived from the generated OperationId",
    ),
    (
        "index.d.ts",
        "MethodName",
        "a type-level helper: the method name an operation id gives the client",
    ),
    (
        "index.d.ts",
        "Client",
        "the client object: a mapped type of function signatures over generated types",
    ),
];

/// The `.d.ts` files of `pkg/src`, as (file name, text with comments removed).
fn declarations() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pkg/src");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".d.ts") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((name, without_comments(&text)));
        }
    }
    out.sort();
    assert!(
        out.iter().any(|(n, _)| n == "index.d.ts"),
        "pkg/src/index.d.ts read"
    );
    out
}

/// `text` without `//` and `/* … */` comments (none of these files has `//` in a string).
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let line = rest.find("//");
        let block = rest.find("/*");
        match (line, block) {
            (Some(l), b) if b.is_none_or(|b| l < b) => {
                out.push_str(&rest[..l]);
                rest = rest[l..].find('\n').map_or("", |n| &rest[l + n..]);
            }
            (_, Some(b)) => {
                out.push_str(&rest[..b]);
                rest = rest[b..].find("*/").map_or("", |e| &rest[b + e + 2..]);
            }
            _ => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// The names the text declares with `interface` or `type` (after `export`, `declare`, or nothing).
fn declared_types(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        while let Some(w) = words.peek() {
            if *w == "export" || *w == "declare" {
                words.next();
            } else {
                break;
            }
        }
        if let (Some(kw), Some(name)) = (words.next(), words.next()) {
            if kw == "interface" || kw == "type" {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                    .collect();
                if !name.is_empty() {
                    names.push(name);
                }
            }
        }
    }
    names
}

fn described_names() -> Vec<&'static str> {
    let mut names = Vec::new();
    for list in [
        shapes::STANDARD_TYPED,
        shapes::STANDARD_SCHEMA,
        shapes::PACKAGE,
        shapes::CONTACT,
    ] {
        names.extend(list.iter().map(|s: &Shape| s.name));
    }
    names
}

#[test]
fn no_shape_is_hand_written_in_the_package_declarations() {
    let mut found = Vec::new();
    for (file, text) in declarations() {
        for name in declared_types(&text) {
            if !NOT_SHAPES.iter().any(|(f, n, _)| *f == file && *n == name) {
                found.push(format!("{file}: {name}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "hand-written types in pkg/src/*.d.ts: describe them in vocab/src/shapes.rs (the generator \
         declares them), or add them to NOT_SHAPES with the reason they are not a shape:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_result_is_written_inline_in_a_signature() {
    // A result object spelt out where a function returns it (`{ ok: true; … } | …`) is a
    // hand-written shape too.
    for (file, text) in declarations() {
        for needle in [
            "ok: true",
            "ok: false",
            "ok:true",
            "ok:false",
            "issues:",
            "error:",
        ] {
            assert!(
                !text.contains(needle),
                "pkg/src/{file} writes a result inline (`{needle}`): name a generated shape instead"
            );
        }
    }
}

#[test]
fn the_allow_list_names_what_is_there() {
    let files = declarations();
    for (file, name, why) in NOT_SHAPES {
        assert!(!why.is_empty());
        let text = &files.iter().find(|(f, _)| f == file).unwrap().1;
        assert!(
            declared_types(text).iter().any(|n| n == name),
            "NOT_SHAPES lists {file}: {name}, which is no longer declared there: remove it"
        );
        assert!(
            !described_names().contains(name),
            "{name} is both described and allowed hand-written"
        );
    }
}

#[test]
fn the_scanner_sees_declarations_and_skips_comments() {
    let text = without_comments(
        "// type Commented = 1;\n/** interface Doc {} */\nexport interface A {\n}\ndeclare type B = 1;\n  type C<T> = T;\nexport declare namespace N {\n  interface D {}\n}\nexport declare function f(): { ok: true };\n",
    );
    assert_eq!(declared_types(&text), ["A", "B", "C", "D"]);
    assert!(text.contains("ok: true"));
    assert!(!text.contains("Commented") && !text.contains("Doc"));
}

#[test]
fn every_generated_declaration_is_described_once() {
    let mut names = described_names();
    let total = names.len();
    // An interface and its namespace share a name (Standard Schema's own layout).
    let namespaces = [shapes::STANDARD_TYPED, shapes::STANDARD_SCHEMA]
        .iter()
        .flat_map(|l| l.iter())
        .filter(|s| matches!(s.body, Body::Namespace(_)))
        .count();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len() + namespaces, total, "a shape described twice");
    let generated = customer_update::generated_files::all();
    let index = &generated.iter().find(|(n, _)| n == "index.d.ts").unwrap().1;
    let contact = &generated
        .iter()
        .find(|(n, _)| n == "contact.d.ts")
        .unwrap()
        .1;
    for shape in shapes::PACKAGE
        .iter()
        .chain(shapes::STANDARD_TYPED)
        .chain(shapes::STANDARD_SCHEMA)
    {
        assert!(
            declared_types(index).iter().any(|n| n == shape.name),
            "{} is not declared in the generated index.d.ts",
            shape.name
        );
    }
    for shape in shapes::CONTACT {
        assert!(
            declared_types(contact).iter().any(|n| n == shape.name),
            "{} is not declared in the generated contact.d.ts",
            shape.name
        );
    }
}
