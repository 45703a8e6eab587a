//! The code generator of customer-update, run by the main crate's `build.rs`.
//!
//! It reads one spec per provider (`src/spec/<provider>.toml`) and writes into `OUT_DIR`:
//! - `<provider>.rs`: the static validation tables (`crate::schema` shapes), the one-pass
//!   validators (`check` module) and typed request / response structs (`types` module);
//! - `<provider>.d.ts` and `index.d.ts`: TypeScript declarations;
//! - `providers.rs`: the module list and the table of all operations;
//! - `customer_update.d.ts`: all declarations in one text, for `typescript_custom_section`;
//! - `unified.rs`, `contact.d.ts`, `contact-mapping.md`: the normalized contact's mappings (the
//!   specs' `[unified]` sections), its TypeScript types and the docs' mapping table.
//! - `messages.js`: the message templates, words and format names for the npm package's JS glue,
//!   with the operation ids and the vocabulary's limits; `examples.js`: each operation's seed
//!   example input as JSON text (the package's `example(op)`).
//! - `<op>.schema.json` (JSON Schema 2020-12 of each input), `openapi.json` (OpenAPI 3.1),
//!   `contracts.js` (both as a JS module) and `form-fields.js` (the form helpers' field table).
//!
//! The stages: [`spec`] (the serde model) → [`checks`] (every name a spec uses must exist and
//! every value must mean something; errors name the file, the place, the field and the fix) →
//! [`emit`] (Rust tables, one-pass validators, typed structs, TypeScript). The words a spec may
//! use (formats, date styles, rule kinds, issue codes) come from `customer-update-vocab`, the
//! crate the runtime uses too. Copies of the output are kept in `tests/golden/` and compared by
//! the main crate's `tests/golden.rs`.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod checks;
pub mod emit;
pub mod error;
pub mod names;
pub mod spec;

pub use error::{Res, SpecError};

use std::path::{Path, PathBuf};

/// The ISO 3166-1 list's file name in the spec directory.
pub const COUNTRY_LIST: &str = "iso3166-1-alpha2.txt";

/// The country names' file in the spec directory (the `country_name` conversion).
pub const COUNTRY_NAMES: &str = "iso3166-1-names.txt";

/// Reads every `*.toml` in `spec_dir` (and the ISO 3166-1 list there), checks them and writes
/// the generated files into `out_dir`. Returns the files read, for `cargo:rerun-if-changed`.
/// Paths in errors are shown as `spec_dir` joined with the file name, so pass the directory as
/// it should read in a message (`src/spec`).
pub fn generate(spec_dir: &Path, out_dir: &Path) -> Res<Vec<PathBuf>> {
    let (specs, paths) = read_specs(spec_dir)?;
    write_all(out_dir, &generate_texts(&specs)?)?;
    Ok(paths)
}

/// The files the npm package ships beside the wasm (`scripts/build-pkg.sh` writes them into
/// `pkg/dist` with the `customer-update-contracts` binary): `openapi.json`, `contracts.js`,
/// `form-fields.js` and `json-schema/<op>.json`.
pub fn generate_package_files(spec_dir: &Path, out_dir: &Path) -> Res<()> {
    let (specs, _) = read_specs(spec_dir)?;
    let files: Vec<(String, String)> = generate_texts(&specs)?
        .into_iter()
        .filter_map(|(name, text)| {
            if name == "openapi.json" || name == "contracts.js" || name == "form-fields.js" {
                Some((name, text))
            } else {
                name.strip_suffix(".schema.json")
                    .map(|op| (format!("json-schema/{op}.json"), text))
            }
        })
        .collect();
    write_all(out_dir, &files)
}

fn write_all(out_dir: &Path, files: &[(String, String)]) -> Res<()> {
    for (name, text) in files {
        let path = out_dir.join(name);
        let written = match path.parent() {
            Some(dir) => std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, text)),
            None => std::fs::write(&path, text),
        };
        written.map_err(|e| {
            SpecError::new(format!("cannot write: {e}"), "check the output directory")
                .in_file(path.display().to_string())
        })?;
    }
    Ok(())
}

/// (file name as errors show it, text) of each spec, and every file read.
type SpecsRead = (Vec<(String, String)>, Vec<PathBuf>);

/// Every spec (file name as errors show it, text) and every file read (the ISO 3166-1 list
/// included), after checking the list.
fn read_specs(spec_dir: &Path) -> Res<SpecsRead> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|e| {
            SpecError::new(
                format!("cannot read: {e}"),
                "check that the file exists and is UTF-8",
            )
            .in_file(path.display().to_string())
        })
    };
    let list = spec_dir.join(COUNTRY_LIST);
    let codes = read(&list)?;
    checks::country_list(&codes).map_err(|e| e.in_file(list.display().to_string()))?;
    let names = spec_dir.join(COUNTRY_NAMES);
    customer_update_vocab::convert::check_names(&read(&names)?, &codes).map_err(|e| {
        SpecError::new(e, "one line per code of the alpha-2 list, in its order: the code, a space, the English short name")
            .in_file(names.display().to_string())
    })?;

    let mut paths: Vec<PathBuf> = std::fs::read_dir(spec_dir)
        .map_err(|e| {
            SpecError::new(
                format!("cannot list: {e}"),
                "run the build from the crate root",
            )
            .in_file(spec_dir.display().to_string())
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut specs = Vec::new();
    for path in &paths {
        specs.push((path.display().to_string(), read(path)?));
    }
    paths.push(list);
    paths.push(names);
    Ok((specs, paths))
}

/// The generator without files: `specs` are (file name as errors show it, TOML text), in the
/// order the providers are listed; the result is (output file name, text).
pub fn generate_texts(specs: &[(String, String)]) -> Res<Vec<(String, String)>> {
    let mut providers = Vec::new();
    for (file, text) in specs {
        let spec = spec::load(file, text)?;
        let stem = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        checks::spec(&spec, stem).map_err(|e| e.in_file(file.as_str()))?;
        providers.push(spec);
    }
    let mut out = Vec::new();
    let mut all_ts = String::new();
    for spec in &providers {
        out.push((format!("{}.rs", spec.provider), emit::rust(spec)?));
        let ts = emit::ts::provider(spec)?;
        all_ts.push_str(&strip_header(&ts));
        out.push((format!("{}.d.ts", spec.provider), ts));
    }
    out.push(("providers.rs".to_owned(), emit::tables::index(&providers)));
    let index_ts = emit::ts::index(&providers);
    all_ts.push_str(&strip_header(&index_ts));
    out.push(("index.d.ts".to_owned(), index_ts));
    let contact_ts = emit::unified::ts(&providers)?;
    all_ts.push_str(&strip_header(&contact_ts));
    out.push(("contact.d.ts".to_owned(), contact_ts));
    out.push(("unified.rs".to_owned(), emit::unified::rust(&providers)?));
    out.push((
        "contact-mapping.md".to_owned(),
        emit::unified::docs(&providers)?,
    ));
    out.push(("customer_update.d.ts".to_owned(), all_ts));
    // The operation ids in the order of the `OPERATIONS` table (`emit::tables::index`).
    let op_ids: Vec<&str> = providers
        .iter()
        .flat_map(|p| p.operations.iter().map(|o| o.id.as_str()))
        .collect();
    out.push(("messages.js".to_owned(), emit::messages::emit(&op_ids)));
    out.push((
        "examples.js".to_owned(),
        emit::contracts::examples(&providers)?,
    ));
    out.push(("countries.js".to_owned(), emit::contracts::countries()?));

    // The contracts: JSON Schema per operation, OpenAPI, and the JS modules that carry them.
    let mut schemas = Vec::new();
    for spec in &providers {
        for op in &spec.operations {
            let text = emit::contracts::pretty(&emit::contracts::json_schema(spec, op)?)?;
            schemas.push((op.id.clone(), text.clone()));
            out.push((format!("{}.schema.json", op.id), text));
        }
    }
    let openapi = emit::contracts::pretty(&emit::contracts::openapi(&providers)?)?;
    out.push((
        "contracts.js".to_owned(),
        emit::contracts::module(&schemas, &openapi)?,
    ));
    out.push(("openapi.json".to_owned(), openapi));
    out.push(("contracts.rs".to_owned(), emit::contracts::rust(&schemas)));
    out.push((
        "form-fields.js".to_owned(),
        emit::contracts::form_fields(&providers)?,
    ));
    let list = kept_list(&out);
    out.push(("generated_files.rs".to_owned(), list));
    Ok(out)
}

/// Whether an output is kept as a reviewed copy in `tests/golden/` under its own name (the
/// others: the concatenated declarations, the contracts wrapped as modules, the JSON Schemas
/// (compared through `contracts`), the files kept elsewhere, and this list itself).
pub fn kept_in_golden(name: &str) -> bool {
    !matches!(
        name,
        "customer_update.d.ts"
            | "contracts.js"
            | "contracts.rs"
            | "messages.js"
            | "examples.js"
            | "countries.js"
            | "contact-mapping.md"
            | "generated_files.rs"
    ) && !name.ends_with(".schema.json")
}

/// `generated_files.rs`: the generated files kept in `tests/golden/`, by name, as included text
/// (the main crate's `generated_files::ALL`), so a new provider's files are compared without a
/// list to edit.
fn kept_list(out: &[(String, String)]) -> String {
    let mut s = String::from(
        "// @generated by build.rs: the generated files kept in tests/golden/, by name.\n\n/// The kept generated files: (name, text).\npub const ALL: &[(&str, &str)] = &[\n",
    );
    for (name, _) in out.iter().filter(|(n, _)| kept_in_golden(n)) {
        s.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))),\n"
        ));
    }
    s.push_str("];\n");
    s
}

fn strip_header(ts: &str) -> String {
    ts.lines()
        .filter(|l| !l.starts_with("// @generated"))
        .map(|l| format!("{l}\n"))
        .collect()
}
