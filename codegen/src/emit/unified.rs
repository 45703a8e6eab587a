//! The normalized contact (issue 16): each spec's `[unified]` section, resolved against the
//! spec's operation and types ([`resolve`], called by the checks so a mistake fails the build
//! with the place and the fix), and what is generated from it: `unified.rs` (the mapping tables
//! `crate::unified` runs), `contact.d.ts` (the contact's TypeScript types and the per-provider
//! maps) and `contact-mapping.md` (the docs' table: contact field × provider).

use crate::error::{Res, SpecError};
use crate::names::shout;
use crate::spec::{FieldSpec, OperationSpec, SpecFile};
use customer_update_vocab::convert::{Convert, Field};
use customer_update_vocab::{shapes, DateStyle};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// One provider field a mapping writes.
pub struct Target {
    pub path: Vec<String>,
    /// The field is an integer (M2P `countryCode`); otherwise a string.
    pub integer: bool,
}

/// One checked mapping.
pub struct Map {
    pub from: Vec<Field>,
    pub to: Vec<Target>,
    pub convert: Convert,
}

/// A checked `[unified]` section.
pub struct Resolved<'a> {
    pub op: &'a OperationSpec,
    pub id: String,
    pub record: Vec<String>,
    pub maps: Vec<Map>,
}

impl Resolved<'_> {
    /// The mappings that take `field`.
    pub fn maps_of(&self, field: Field) -> impl Iterator<Item = &Map> {
        self.maps.iter().filter(move |m| m.from.contains(&field))
    }
}

fn names<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| s.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The field at a dotted path of the operation's input, through object references.
fn field_at<'a>(spec: &'a SpecFile, op: &'a OperationSpec, path: &[String]) -> Res<&'a FieldSpec> {
    let mut fields = &op.input;
    let mut found: Option<&FieldSpec> = None;
    for (i, seg) in path.iter().enumerate() {
        if let Some(f) = found {
            let Some(t) = f.reference.as_ref().and_then(|r| spec.types.get(r)) else {
                return Err(SpecError::new(
                    format!(
                        "{} is not an object, so it has no field {seg}",
                        path.get(..i).unwrap_or_default().join(".")
                    ),
                    "name a field of an object-typed input field (`address.city`)",
                ));
            };
            fields = &t.fields;
        }
        let Some(f) = fields.get(seg) else {
            return Err(SpecError::new(
                format!(
                    "no input field {}",
                    path.get(..=i).unwrap_or_default().join(".")
                ),
                format!("name one of: {}", names(fields.keys())),
            ));
        };
        found = Some(f);
    }
    found.ok_or_else(|| {
        SpecError::new(
            "an empty field path",
            "name a field of the operation's input",
        )
    })
}

/// Checks the spec's `[unified]` section against its operations and types.
pub fn resolve(spec: &SpecFile) -> Res<Option<Resolved<'_>>> {
    let Some(u) = &spec.unified else {
        return Ok(None);
    };
    let at = |e: SpecError, place: String| e.at(place);
    let Some(op) = spec.operations.iter().find(|o| o.id == u.operation) else {
        return Err(SpecError::new(
            format!("no operation {}", u.operation),
            format!(
                "name one of: {}",
                names(spec.operations.iter().map(|o| &o.id))
            ),
        )
        .at("unified")
        .at("field operation"));
    };
    match op.input.get(&u.id) {
        Some(f) if f.ty == "string" && (f.required || f.location.as_deref() == Some("path")) => {}
        _ => {
            return Err(SpecError::new(
                format!("{} is not a required string or path field of {}", u.id, op.id),
                "name the input field that takes the customer reference (accountNo, customer_id, entityId)",
            )
            .at("unified")
            .at("field id"));
        }
    }
    let mut maps = Vec::new();
    let mut written: BTreeSet<Vec<String>> = BTreeSet::new();
    for (n, m) in u.fields.iter().enumerate() {
        let place = format!("unified.fields[{n}] (to {})", names(&m.to));
        let mut from = Vec::new();
        for name in &m.from {
            let f = Field::from_name(name).ok_or_else(|| {
                at(
                    SpecError::new(
                        format!("unknown contact field \"{name}\""),
                        format!("known: {}", names(Field::ALL.iter().map(|f| f.name()))),
                    ),
                    place.clone(),
                )
            })?;
            from.push(f);
        }
        let mut to = Vec::new();
        let mut targets = Vec::new();
        for t in &m.to {
            let path: Vec<String> = t.split('.').map(str::to_owned).collect();
            let f = field_at(spec, op, &path).map_err(|e| at(e, format!("{place}, to {t}")))?;
            let bad = |problem: String, fix: &str| {
                at(SpecError::new(problem, fix), format!("{place}, to {t}"))
            };
            if f.read_only.is_some() {
                return Err(bad(
                    format!("{t} is read-only"),
                    "map to a field the operation sends",
                ));
            }
            if f.location.as_deref().is_some_and(|l| l != "body") || path.first() == Some(&u.id) {
                return Err(bad(
                    format!("{t} is not a body field"),
                    "map contact fields to body fields; the customer reference is `id`",
                ));
            }
            if !matches!(f.ty.as_str(), "string" | "integer") {
                return Err(bad(
                    format!("{t} is of type {}", f.ty),
                    "map to a string field (or an integer one for a calling code)",
                ));
            }
            if !written.insert(path.clone()) {
                return Err(bad(
                    format!("{t} is written by two mappings"),
                    "map each provider field once",
                ));
            }
            targets.push(f);
            to.push(Target {
                integer: f.ty == "integer",
                path,
            });
        }
        let name = m.convert.as_deref().unwrap_or("copy");
        let style = match targets.as_slice() {
            [f] => f.date_format.as_deref().and_then(DateStyle::from_pattern),
            _ => None,
        };
        let convert = Convert::from_spec(name, style).ok_or_else(|| {
            let problem = if name == "date" {
                "convert = \"date\" needs one target with format = \"date\" and a date_format"
                    .to_owned()
            } else {
                format!("unknown conversion \"{name}\"")
            };
            at(
                SpecError::new(problem, format!("known: {}", names(Convert::NAMES))),
                place.clone(),
            )
        })?;
        shape(convert, &from, &to).map_err(|e| at(e, place.clone()))?;
        maps.push(Map { from, to, convert });
    }
    let record = if u.record.is_empty() {
        Vec::new()
    } else {
        u.record.split('.').map(str::to_owned).collect()
    };
    Ok(Some(Resolved {
        op,
        id: u.id.clone(),
        record,
        maps,
    }))
}

/// Whether a conversion fits the fields it reads and writes.
fn shape(convert: Convert, from: &[Field], to: &[Target]) -> Res<()> {
    let strings = to.iter().all(|t| !t.integer);
    let ok = match convert {
        Convert::Copy | Convert::Date(_) | Convert::CountryName => {
            let wants = match convert {
                Convert::Date(_) => Some(Field::BirthDate),
                Convert::CountryName => Some(Field::AddressCountry),
                _ => None,
            };
            matches!(from, [f] if wants.is_none_or(|w| *f == w) && *f != Field::AddressLines)
                && to.len() == 1
                && strings
        }
        Convert::E164Split => {
            from == [Field::Phone] && matches!(to, [_, national] if !national.integer)
        }
        Convert::JoinNames => {
            !from.is_empty()
                && from
                    .iter()
                    .all(|f| matches!(f, Field::GivenName | Field::MiddleName | Field::FamilyName))
                && to.len() == 1
                && strings
        }
        Convert::Lines => from == [Field::AddressLines] && !to.is_empty() && strings,
    };
    if ok {
        return Ok(());
    }
    let fix = match convert {
        Convert::Copy => "copy reads one contact field (not address.lines) into one string field",
        Convert::E164Split => "e164_split reads phone into two fields: the calling code (string or integer), then the national number (string)",
        Convert::Date(_) => "date reads birthDate into one date field",
        Convert::JoinNames => "join_names reads name fields (givenName, middleName, familyName) into one string field",
        Convert::Lines => "lines reads address.lines into one or more string fields",
        Convert::CountryName => "country_name reads address.country into one string field",
    };
    Err(SpecError::new(
        format!(
            "conversion {} does not fit from {:?} to {} field(s)",
            convert.name(),
            from.iter().map(|f| f.name()).collect::<Vec<_>>(),
            to.len()
        ),
        fix,
    ))
}

fn resolved(providers: &[SpecFile]) -> Res<Vec<(&SpecFile, Resolved<'_>)>> {
    let mut out = Vec::new();
    for spec in providers {
        if let Some(r) = resolve(spec)? {
            out.push((spec, r));
        }
    }
    Ok(out)
}

/// `unified.rs`: `MAPPINGS`, one per provider with a `[unified]` section, in spec-file order.
pub fn rust(providers: &[SpecFile]) -> Res<String> {
    let mut s = String::from(
        "// @generated by build.rs: the contact mappings of the specs' [unified] sections, included by\n// src/unified.rs (which has Mapping, Map, Target, Field, Convert and DateStyle in scope).\n\n/// One mapping per provider with a `[unified]` section, in spec-file order.\npub static MAPPINGS: &[Mapping] = &[\n",
    );
    for (spec, r) in resolved(providers)? {
        let _ = writeln!(
            s,
            "    Mapping {{\n        provider: &crate::generated::{}::PROVIDER,\n        op: &crate::generated::{}::{},\n        id: {:?},\n        record: &[{}],\n        maps: &[",
            spec.provider,
            spec.provider,
            shout(&r.op.name),
            r.id,
            names(r.record.iter().map(|p| format!("{p:?}"))),
        );
        for m in &r.maps {
            let to =
                m.to.iter()
                    .map(|t| {
                        format!(
                            "Target {{ path: &[{}], integer: {} }}",
                            names(t.path.iter().map(|p| format!("{p:?}"))),
                            t.integer
                        )
                    })
                    .collect::<Vec<_>>();
            let _ = writeln!(
                s,
                "            Map {{ from: &[{}], to: &[{}], convert: {} }},",
                names(m.from.iter().map(|f| format!("Field::{f:?}"))),
                names(to),
                m.convert.to_rust()
            );
        }
        s.push_str("        ],\n    },\n");
    }
    s.push_str("];\n");
    Ok(s)
}

/// `contact.d.ts`: the contact, its field names, and per provider the operation and the fields
/// it takes.
pub fn ts(providers: &[SpecFile]) -> Res<String> {
    let r = resolved(providers)?;
    let mut s = String::from(
        "// @generated by build.rs: the normalized contact and the specs' [unified] sections.\n\n",
    );
    s.push_str("/** The street address of a contact. Absent keys are unchanged. */\nexport interface ContactAddress {\n");
    for f in Field::ALL {
        if let Some(k) = f.address_key() {
            let ty = if f == Field::AddressLines {
                "string[]"
            } else {
                "string"
            };
            let _ = writeln!(s, "  /** {} */\n  {k}?: {ty};", f.meaning());
        }
    }
    s.push_str("}\n\n/** The normalized contact: one profile for every provider. Absent means unchanged. */\nexport interface Contact {\n");
    for f in Field::ALL {
        if f.address_key().is_none() {
            let _ = writeln!(s, "  /** {} */\n  {}?: string;", f.meaning(), f.name());
        }
    }
    s.push_str("  address?: ContactAddress;\n}\n\n/** The contact's fields as issue paths and tables name them. */\nexport type ContactField =\n");
    for f in Field::ALL {
        let _ = writeln!(s, "  | {:?}", f.name());
    }
    s.pop();
    s.push_str(";\n\n/** The operation each provider's contact update goes to. */\nexport interface ContactOperations {\n");
    for (spec, res) in &r {
        let _ = writeln!(s, "  {}: {:?};", spec.provider, res.op.id);
    }
    s.push_str("}\n\n/** The providers a contact maps onto. */\nexport type ContactProvider = keyof ContactOperations;\n\n/** The contact fields each provider takes (the others are `unsupported_field`). */\nexport interface ContactSupported {\n");
    for (spec, res) in &r {
        let taken: Vec<String> = Field::ALL
            .iter()
            .filter(|f| res.maps_of(**f).next().is_some())
            .map(|f| format!("{:?}", f.name()))
            .collect();
        let _ = writeln!(
            s,
            "  {}: {};",
            spec.provider,
            if taken.is_empty() {
                "never".to_owned()
            } else {
                taken.join(" | ")
            }
        );
    }
    s.push_str("}\n\n");
    // The results and options of the contact API, from their one description (vocab shapes).
    s.push_str(&super::ts::shapes_ts(shapes::CONTACT));
    Ok(s)
}

/// `contact-mapping.md`: the table kept in `docs/contact-mapping.md`.
pub fn docs(providers: &[SpecFile]) -> Res<String> {
    let r = resolved(providers)?;
    let mut s = String::from(
        "<!-- @generated by the code generator from the [unified] sections of src/spec/*.toml; do not edit: `UPDATE_GOLDEN=1 cargo test --test unified` rewrites it. -->\n\n# Contact mapping\n\nWhich provider field takes each field of the normalized contact (README, \"One contact for all five providers\"), through which conversion. *unsupported* means the provider has no field for it: `toProvider` reports `unsupported_field` on the contact's path.\n\n",
    );
    s.push_str("| contact field |");
    for (spec, _) in &r {
        let _ = write!(s, " {} |", spec.title);
    }
    s.push_str("\n|---|");
    for _ in &r {
        s.push_str("---|");
    }
    s.push('\n');
    for f in Field::ALL {
        let _ = write!(s, "| `{}` |", f.name());
        for (_, res) in &r {
            let cells: Vec<String> = res
                .maps_of(f)
                .map(|m| {
                    let to = names(m.to.iter().map(|t| format!("`{}`", t.path.join("."))));
                    let with: Vec<&str> = m
                        .from
                        .iter()
                        .filter(|g| **g != f)
                        .map(|g| g.name())
                        .collect();
                    let mut how = m.convert.describe();
                    if !with.is_empty() {
                        let _ = write!(how, ", with {}", with.join(", "));
                    }
                    format!("{to} ({how})")
                })
                .collect();
            if cells.is_empty() {
                s.push_str(" *unsupported* |");
            } else {
                let _ = write!(s, " {} |", cells.join("; "));
            }
        }
        s.push('\n');
    }
    s.push_str(
        "\n| provider | operation | `id` goes to | record in a response |\n|---|---|---|---|\n",
    );
    for (spec, res) in &r {
        let record = if res.record.is_empty() {
            "the body".to_owned()
        } else {
            format!("`{}`", res.record.join("."))
        };
        let _ = writeln!(
            s,
            "| {} | `{}` | `{}` | {} |",
            spec.title, res.op.id, res.id, record
        );
    }
    Ok(s)
}
