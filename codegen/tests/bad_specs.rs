//! One test per kind of spec mistake: each feeds a small spec and checks that the error names
//! the file, the place (operation or type), the field and the fix.

use customer_update_codegen::{checks, generate_texts};

const FILE: &str = "src/spec/demo.toml";

/// A small valid spec; each test changes one line of it.
const BASE: &str = r#"
provider = "demo"
title = "Demo"
seed = "000"
sandbox_url = "https://sandbox.example.com"
production_url = "https://api.example.com"
errors = ["Problem"]

[auth]
scheme = "bearer"
config = ["apiKey"]

[[headers]]
name = "Authorization"
value = "Bearer {config.apiKey}"

[[operations]]
id = "demo.updateCustomer"
name = "updateCustomer"
summary = "Update a customer."
method = "POST"
path = "/customers/{id}"
rules = [{ kind = "shares_sum_to", array = "nominees", field = "share", total = 100 }]
response = "Result"
example = '{"id": "c1"}'

[operations.input]
id = { type = "string", required = true, in = "path" }
email = { type = "string", format = "email", max_length = 254 }
status = { type = "string", enum = ["ACTIVE", "CLOSED"] }
count = { type = "integer", min = 1, max = 10 }
nominees = { type = "array", items = "Nominee", min_items = 1, max_items = 5 }

[types.Nominee.fields]
name = { type = "string" }
share = { type = "integer", min = 1, max = 100 }
dob = { type = "string", format = "date", date_format = "yyyy-MM-dd" }

[types.Result.fields]
ok = { type = "boolean" }

[types.Problem.fields]
message = { type = "string" }
"#;

fn generate(text: &str) -> Result<Vec<(String, String)>, String> {
    generate_texts(&[(FILE.to_owned(), text.to_owned())]).map_err(|e| e.to_string())
}

/// The error for `BASE` with `from` replaced by `to`.
fn error_with(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "the base spec has no {from:?}");
    let text = BASE.replacen(from, to, 1);
    match generate(&text) {
        Ok(_) => panic!("accepted a spec with {to:?}"),
        Err(e) => e,
    }
}

#[track_caller]
fn says(message: &str, parts: &[&str]) {
    eprintln!("{message}"); // `-- --nocapture` shows every message
    for part in parts {
        assert!(
            message.contains(part),
            "the message does not say {part:?}:\n{message}"
        );
    }
}

#[test]
fn the_base_spec_is_valid() {
    let files = generate(BASE).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "demo.rs",
            "demo.d.ts",
            "providers.rs",
            "index.d.ts",
            "contact.d.ts",
            "unified.rs",
            "contact-mapping.md",
            "customer_update.d.ts",
            "messages.js",
            "examples.js",
            "countries.js",
            "demo.updateCustomer.schema.json",
            "contracts.js",
            "openapi.json",
            "contracts.rs",
            "form-fields.js",
            "generated_files.rs"
        ]
    );
    let rs = &files[0].1;
    assert!(rs.contains("pub static UPDATE_CUSTOMER: Operation"));
    assert!(rs.contains("pub fn update_customer(s: &mut Scan<'_>) -> Checked"));
}

#[test]
fn unknown_format_in_an_operation() {
    let e = error_with(
        r#"format = "email", max_length"#,
        r#"format = "emial", max_length"#,
    );
    says(
        &e,
        &[
            "src/spec/demo.toml: operation demo.updateCustomer, field email: ",
            "unknown format \"emial\"",
            "known: email, e164, digits, date, pan, pin, country_code, sa_id, name, header_text, uuid",
        ],
    );
}

#[test]
fn unknown_format_in_a_type() {
    let e = error_with(
        r#"format = "date", date_format"#,
        r#"format = "datee", date_format"#,
    );
    says(
        &e,
        &[
            "src/spec/demo.toml: type Nominee, field dob: unknown format \"datee\"; known: email, e164,",
        ],
    );
}

#[test]
fn unknown_date_format() {
    let e = error_with(r#""yyyy-MM-dd""#, r#""dd-MM-yyyy""#);
    says(
        &e,
        &[
            FILE,
            "type Nominee, field dob",
            "unknown date_format \"dd-MM-yyyy\"",
            "known: yyyy-MM-dd, dd/MM/yyyy",
        ],
    );
}

#[test]
fn format_parameters_that_do_not_belong() {
    let e = error_with(
        r#"format = "email", max_length"#,
        r#"format = "email", past = true, max_length"#,
    );
    says(
        &e,
        &[
            FILE,
            "field email",
            "format \"email\" takes no parameters",
            "remove digits, leading_zero, date_format and past",
        ],
    );
    let e = error_with(
        r#"status = { type = "string","#,
        r#"status = { type = "string", leading_zero = false,"#,
    );
    says(&e, &["field status", "add format = \"digits\""]);
}

#[test]
fn unknown_type() {
    let e = error_with(r#"ok = { type = "boolean" }"#, r#"ok = { type = "bool" }"#);
    says(
        &e,
        &[
            FILE,
            "type Result, field ok",
            "unknown type \"bool\"",
            "known: string, boolean, integer, number, any, object, array, map",
        ],
    );
}

#[test]
fn reference_to_a_missing_type() {
    let e = error_with(r#"items = "Nominee""#, r#"items = "Nominees""#);
    says(
        &e,
        &[
            FILE,
            "operation demo.updateCustomer, field nominees",
            "\"Nominees\"",
            "one of: Nominee, Result, Problem",
        ],
    );
    let e = error_with(r#"response = "Result""#, r#"response = "Reslt""#);
    says(
        &e,
        &[
            "operation demo.updateCustomer, response: no type \"Reslt\"",
            "declare [types.Reslt]",
        ],
    );
}

#[test]
fn keys_for_another_type() {
    let e = error_with(
        r#"count = { type = "integer","#,
        r#"count = { type = "integer", max_length = 3,"#,
    );
    says(
        &e,
        &[
            FILE,
            "field count",
            "max_length applies to type = \"string\" only",
            "remove max_length, or make the field type = \"string\"",
        ],
    );
}

#[test]
fn duplicate_field_in_one_table() {
    let e = error_with("count = {", "email = { type = \"string\" }\ncount = {");
    says(
        &e,
        &[
            FILE,
            "[operations.input]",
            "field email",
            "duplicate key",
            "remove or rename one of the two",
        ],
    );
}

#[test]
fn duplicate_field_across_tables() {
    // The same type's fields declared in a second table of the same name.
    let e = error_with(
        "[types.Result.fields]",
        "[types.Nominee.fields]\nshare = { type = \"integer\" }\n\n[types.Result.fields]",
    );
    says(
        &e,
        &[
            FILE,
            "line 39, table [types.Nominee.fields], key fields",
            "duplicate key",
            "remove or rename one of the two",
        ],
    );
}

#[test]
fn types_with_the_same_generated_name() {
    let e = error_with(
        "[types.Problem.fields]",
        "[types.result.fields]\nx = { type = \"string\" }\n\n[types.Problem.fields]",
    );
    says(
        &e,
        &[
            FILE,
            "type result",
            "the same generated name Result",
            "rename one",
        ],
    );
}

#[test]
fn rule_naming_a_missing_field() {
    let e = error_with(r#"array = "nominees""#, r#"array = "nominee""#);
    says(
        &e,
        &[
            "src/spec/demo.toml: operation demo.updateCustomer, rule shares_sum_to, field nominee: no such input field",
            "name one of the operation's input fields: id, email, status, count, nominees",
        ],
    );
}

#[test]
fn rule_naming_a_missing_item_field() {
    let e = error_with(r#"field = "share""#, r#"field = "percent""#);
    says(
        &e,
        &[
            FILE,
            "operation demo.updateCustomer, rule shares_sum_to, field percent",
            "type Nominee (the items of nominees) has no such field",
            "name one of its fields: name, share, dob",
        ],
    );
}

#[test]
fn rule_on_a_field_that_is_not_an_array_of_objects() {
    let e = error_with(r#"array = "nominees""#, r#"array = "email""#);
    says(
        &e,
        &[
            FILE,
            "rule shares_sum_to, field email",
            "not an array of objects",
            "items =",
        ],
    );
}

#[test]
fn unknown_rule_kind() {
    let e = error_with(r#"kind = "shares_sum_to""#, r#"kind = "sum_to""#);
    says(
        &e,
        &[
            FILE,
            "operation demo.updateCustomer, rule sum_to",
            "unknown rule kind \"sum_to\"",
            "known: at_least_one_of, shares_sum_to, guardian_required_for_minor",
        ],
    );
}

#[test]
fn rule_parameters() {
    let e = error_with(", total = 100", "");
    says(
        &e,
        &[
            FILE,
            "rule shares_sum_to",
            "needs `total`",
            "add it; shares_sum_to takes array, field, total",
        ],
    );
    let e = error_with(", total = 100", ", total = 100, adult_age = 18");
    says(
        &e,
        &["rule shares_sum_to", "takes no `adult_age`", "remove it"],
    );
}

/// `age_matches_dob` (issue 13 item 5): its parameters, and the item fields it names.
#[test]
fn age_matches_dob_rule() {
    let rule = |r: &str| {
        BASE.replacen(
            r#"rules = [{ kind = "shares_sum_to", array = "nominees", field = "share", total = 100 }]"#,
            r,
            1,
        )
        .replacen("share = { type = \"integer\", min = 1, max = 100 }", "share = { type = \"integer\", min = 1, max = 100 }\nage = { type = \"integer\", min = 0 }", 1)
    };
    let ok = r#"rules = [{ kind = "age_matches_dob", array = "nominees", age = "age", dob = "dob", date_format = "yyyy-MM-dd" }]"#;
    let files = generate(&rule(ok)).unwrap();
    assert!(files[0].1.contains("Rule::AgeMatchesDob"));
    let e = generate(&rule(r#"rules = [{ kind = "age_matches_dob", array = "nominees", dob = "dob", date_format = "yyyy-MM-dd" }]"#)).unwrap_err();
    says(
        &e,
        &[
            "rule age_matches_dob",
            "needs `age`",
            "age_matches_dob takes array, age, dob, date_format",
        ],
    );
    let e = generate(&rule(r#"rules = [{ kind = "age_matches_dob", array = "nominees", age = "years", dob = "dob", date_format = "yyyy-MM-dd" }]"#)).unwrap_err();
    says(
        &e,
        &[
            "rule age_matches_dob",
            "field years",
            "type Nominee (the items of nominees) has no such field",
        ],
    );
    let e = generate(&rule(r#"rules = [{ kind = "age_matches_dob", array = "nominees", age = "age", dob = "dob", date_format = "dd-MM-yyyy" }]"#)).unwrap_err();
    says(&e, &["unknown date_format \"dd-MM-yyyy\""]);
}

#[test]
fn rule_reading_an_untyped_field() {
    let e = error_with(
        r#"rules = [{ kind = "shares_sum_to", array = "nominees", field = "share", total = 100 }]"#,
        r#"rules = [{ kind = "status_transition", field = "status", current = "blob", terminal = ["CLOSED"] }]"#,
    );
    says(
        &e,
        &["rule status_transition, field blob", "no such input field"],
    );
    let text = BASE
        .replacen(
            r#"rules = [{ kind = "shares_sum_to", array = "nominees", field = "share", total = 100 }]"#,
            r#"rules = [{ kind = "status_transition", field = "status", current = "blob", terminal = ["CLOSED"] }]"#,
            1,
        )
        .replacen("count = {", "blob = { type = \"any\" }\ncount = {", 1);
    let e = generate(&text).unwrap_err();
    says(
        &e,
        &[
            FILE,
            "rule status_transition, field blob",
            "`any`",
            "give the field a type",
        ],
    );
}

#[test]
fn empty_enum() {
    let e = error_with(r#"enum = ["ACTIVE", "CLOSED"]"#, "enum = []");
    says(
        &e,
        &[
            FILE,
            "operation demo.updateCustomer, field status",
            "enum = [] allows no value",
            "list the allowed values, or remove enum",
        ],
    );
}

#[test]
fn duplicate_enum_value() {
    let e = error_with(
        r#"enum = ["ACTIVE", "CLOSED"]"#,
        r#"enum = ["ACTIVE", "CLOSED", "ACTIVE"]"#,
    );
    says(
        &e,
        &[
            FILE,
            "field status",
            "enum lists \"ACTIVE\" twice",
            "remove the second \"ACTIVE\"",
        ],
    );
}

#[test]
fn open_enum_without_values() {
    let e = error_with(r#"enum = ["ACTIVE", "CLOSED"]"#, "open_enum = true");
    says(
        &e,
        &[FILE, "field status", "open_enum without enum", "add enum"],
    );
}

#[test]
fn bad_bounds() {
    let e = error_with("min = 1, max = 10", "min = 10, max = 1");
    says(
        &e,
        &[
            FILE,
            "field count",
            "min = 10 is above max = 1",
            "make min <= max",
        ],
    );
    let e = error_with(
        "min_items = 1, max_items = 5",
        "min_items = 6, max_items = 5",
    );
    says(
        &e,
        &["field nominees", "min_items = 6 is above max_items = 5"],
    );
    let e = error_with("max_length = 254", "min_length = 300, max_length = 254");
    says(
        &e,
        &["field email", "min_length = 300 is above max_length = 254"],
    );
    let e = error_with("max_length = 254", "max_length = 0");
    says(
        &e,
        &[
            "field email",
            "max_length = 0 allows no string",
            "raise max_length",
        ],
    );
    let e = error_with(
        r#"status = { type = "string","#,
        r#"status = { type = "string", format = "digits", digits = [6, 4],"#,
    );
    says(
        &e,
        &[
            "field status",
            "digits = [6, 4]: bad bounds",
            "1 <= min <= max",
        ],
    );
}

#[test]
fn read_only_and_required() {
    let e = error_with(
        r#"status = { type = "string","#,
        r#"status = { type = "string", required = true, read_only = "set by the bank","#,
    );
    says(
        &e,
        &[
            FILE,
            "field status",
            "read-only key cannot be required",
            "remove required = true",
        ],
    );
}

#[test]
fn path_parameters() {
    let e = error_with(
        r#"path = "/customers/{id}""#,
        r#"path = "/customers/{customerId}""#,
    );
    says(
        &e,
        &[
            FILE,
            "operation demo.updateCustomer, field customerId",
            "no input field fills",
            "in = \"path\"",
        ],
    );
    let e = error_with(r#"path = "/customers/{id}""#, r#"path = "/customers""#);
    says(
        &e,
        &[
            "field id",
            "the path /customers has no {id}",
            "remove in = \"path\"",
        ],
    );
}

#[test]
fn operation_ids() {
    let e = error_with(r#"id = "demo.updateCustomer""#, r#"id = "demo.update""#);
    says(
        &e,
        &[
            FILE,
            "operation demo.update, id",
            "write id = \"demo.updateCustomer\"",
        ],
    );
}

#[test]
fn provider_and_file_name() {
    let e = error_with(r#"provider = "demo""#, r#"provider = "dem0""#);
    says(
        &e,
        &[
            FILE,
            "provider",
            "write provider = \"demo\", or rename the file",
        ],
    );
}

#[test]
fn header_placeholders() {
    let e = error_with("{config.apiKey}", "{config.apikey}");
    says(
        &e,
        &[
            FILE,
            "header Authorization",
            "unknown placeholder {config.apikey}",
            "auth.config (apiKey)",
        ],
    );
}

/// A field a header template reads must be checked by `validate` as header text (issue 13
/// item 2): without `format = "header_text"` and a bounded `max_length` the spec is refused.
#[test]
fn header_bound_field_without_header_text() {
    let with_header = |field: &str| {
        BASE.replacen(
            "value = \"Bearer {config.apiKey}\"",
            "value = \"Bearer {config.apiKey}\"\n\n[[headers]]\nname = \"x-id\"\nvalue = \"{input.id}\"",
            1,
        )
        .replacen(
            "id = { type = \"string\", required = true, in = \"path\" }",
            field,
            1,
        )
    };
    for field in [
        r#"id = { type = "string", required = true, in = "path" }"#,
        r#"id = { type = "string", required = true, in = "path", max_length = 64 }"#,
        r#"id = { type = "string", required = true, in = "path", format = "header_text" }"#,
        r#"id = { type = "string", required = true, in = "path", format = "header_text", max_length = 5000 }"#,
    ] {
        let e = generate(&with_header(field)).expect_err(field);
        says(
            &e,
            &[
                "src/spec/demo.toml: operation demo.updateCustomer, field id: ",
                "also sent in the x-id header",
                "format = \"header_text\", max_length = <at most 1024>",
            ],
        );
    }
    let ok = r#"id = { type = "string", required = true, in = "path", format = "header_text", max_length = 64 }"#;
    assert!(generate(&with_header(ok)).is_ok());
}

#[test]
fn example_not_json() {
    let e = error_with(r#"example = '{"id": "c1"}'"#, r#"example = '{"id": c1}'"#);
    says(
        &e,
        &[
            FILE,
            "operation demo.updateCustomer, example",
            "not JSON",
            "JSON object",
        ],
    );
}

#[test]
fn unknown_key_in_a_field() {
    let e = error_with(
        r#"format = "email", max_length"#,
        r#"formt = "email", max_length"#,
    );
    says(
        &e,
        &[
            FILE,
            "[operations.input], field email, key formt",
            "unknown field `formt`",
            "check the spelling",
        ],
    );
}

#[test]
fn auth_scheme() {
    let e = error_with(r#"scheme = "bearer""#, r#"scheme = "oauth""#);
    says(
        &e,
        &[
            FILE,
            "auth, scheme",
            "unknown auth scheme \"oauth\"",
            "known: token, basic, hawk, bearer",
        ],
    );
}

#[test]
fn country_list() {
    assert!(checks::country_list(customer_update_vocab::country::LIST).is_ok());
    let e = checks::country_list("AD\nAC\n").unwrap_err().to_string();
    says(&e, &["expected 249 codes", "sorted"]);
}

// ---- the [unified] section (issue 16) ----

/// A valid `[unified]` section for `BASE`.
const UNIFIED: &str = r#"
[unified]
operation = "demo.updateCustomer"
id = "id"
fields = [
  { from = ["email"], to = ["email"] },
]
"#;

/// The error for `BASE` + `UNIFIED` with `from` replaced by `to`.
fn unified_error(from: &str, to: &str) -> String {
    let text = format!("{BASE}{UNIFIED}");
    assert!(text.contains(from), "the unified section has no {from:?}");
    match generate(&text.replacen(from, to, 1)) {
        Ok(_) => panic!("accepted a [unified] section with {to:?}"),
        Err(e) => e,
    }
}

#[test]
fn a_unified_section_generates_the_mapping() {
    let files = generate(&format!("{BASE}{UNIFIED}")).unwrap();
    let get = |n: &str| &files.iter().find(|(name, _)| name == n).unwrap().1;
    says(get("unified.rs"), &["op: &crate::generated::demo::UPDATE_CUSTOMER", "id: \"id\"", "Map { from: &[Field::Email], to: &[Target { path: &[\"email\"], integer: false }], convert: Convert::Copy }"]);
    says(
        get("contact.d.ts"),
        &[
            "export interface Contact {",
            "demo: \"demo.updateCustomer\";",
            "demo: \"email\";",
        ],
    );
    says(
        get("contact-mapping.md"),
        &[
            "| `email` | `email` (as is) |",
            "| `phone` | *unsupported* |",
        ],
    );
}

#[test]
fn unified_unknown_operation() {
    let e = unified_error(
        r#"operation = "demo.updateCustomer""#,
        r#"operation = "demo.update""#,
    );
    says(
        &e,
        &[
            FILE,
            "unified",
            "field operation",
            "no operation demo.update",
            "name one of: demo.updateCustomer",
        ],
    );
}

#[test]
fn unified_id_not_a_reference_field() {
    let e = unified_error(r#"id = "id""#, r#"id = "email""#);
    says(
        &e,
        &[
            FILE,
            "unified",
            "field id",
            "email is not a required string or path field",
        ],
    );
}

#[test]
fn unified_unknown_contact_field() {
    let e = unified_error(r#"from = ["email"]"#, r#"from = ["mail"]"#);
    says(
        &e,
        &[
            FILE,
            "unified.fields[0] (to email)",
            "unknown contact field \"mail\"",
            "known: email, phone, givenName",
        ],
    );
}

#[test]
fn unified_target_missing() {
    let e = unified_error(r#"to = ["email"]"#, r#"to = ["emial"]"#);
    says(
        &e,
        &[
            FILE,
            "to emial",
            "no input field emial",
            "name one of: id, email, status, count, nominees",
        ],
    );
}

#[test]
fn unified_target_inside_a_non_object() {
    let e = unified_error(r#"to = ["email"]"#, r#"to = ["email.x"]"#);
    says(&e, &[FILE, "email is not an object, so it has no field x"]);
}

#[test]
fn unified_target_is_the_path_parameter() {
    let e = unified_error(r#"to = ["email"]"#, r#"to = ["id"]"#);
    says(
        &e,
        &[
            FILE,
            "to id",
            "id is not a body field",
            "the customer reference is `id`",
        ],
    );
}

#[test]
fn unified_target_of_the_wrong_type() {
    let e = unified_error(r#"to = ["email"]"#, r#"to = ["nominees"]"#);
    says(&e, &[FILE, "nominees is of type array"]);
}

#[test]
fn unified_target_written_twice() {
    let e = unified_error(
        r#"{ from = ["email"], to = ["email"] },"#,
        r#"{ from = ["email"], to = ["email"] }, { from = ["givenName"], to = ["email"] },"#,
    );
    says(
        &e,
        &[
            FILE,
            "unified.fields[1]",
            "email is written by two mappings",
            "map each provider field once",
        ],
    );
}

#[test]
fn unified_unknown_conversion() {
    let e = unified_error(
        r#"to = ["email"] }"#,
        r#"to = ["email"], convert = "upper" }"#,
    );
    says(
        &e,
        &[
            FILE,
            "unknown conversion \"upper\"",
            "known: copy, e164_split, date, join_names, lines, country_name",
        ],
    );
}

#[test]
fn unified_date_to_a_field_without_a_date_format() {
    let e = unified_error(
        r#"{ from = ["email"], to = ["email"] }"#,
        r#"{ from = ["birthDate"], to = ["email"], convert = "date" }"#,
    );
    says(
        &e,
        &[
            FILE,
            "convert = \"date\" needs one target with format = \"date\" and a date_format",
        ],
    );
}

#[test]
fn unified_conversion_of_the_wrong_shape() {
    let e = unified_error(
        r#"{ from = ["email"], to = ["email"] }"#,
        r#"{ from = ["email"], to = ["email"], convert = "e164_split" }"#,
    );
    says(
        &e,
        &[
            FILE,
            "conversion e164_split does not fit",
            "e164_split reads phone into two fields",
        ],
    );
    // A calling code may go to an integer field (M2P `countryCode`); the national number may not.
    let text = format!("{BASE}{UNIFIED}").replacen(
        r#"{ from = ["email"], to = ["email"] }"#,
        r#"{ from = ["phone"], to = ["count", "email"], convert = "e164_split" }"#,
        1,
    );
    let files = generate(&text).unwrap();
    says(
        &files.iter().find(|(n, _)| n == "unified.rs").unwrap().1,
        &["Target { path: &[\"count\"], integer: true }"],
    );
    let e = unified_error(
        r#"{ from = ["email"], to = ["email"] }"#,
        r#"{ from = ["phone"], to = ["email", "count"], convert = "e164_split" }"#,
    );
    says(&e, &[FILE, "conversion e164_split does not fit"]);
}

#[test]
fn unified_unknown_key() {
    let e = unified_error(r#"id = "id""#, "id = \"id\"\nrecords = \"data\"");
    says(&e, &[FILE, "unknown field `records`"]);
}

#[test]
fn an_error_status_outside_400_to_599_or_twice() {
    for statuses in ["[200]", "[404, 404]", "[600]"] {
        let e = error_with(
            "errors = [\"Problem\"]",
            &format!("errors = [\"Problem\"]\nerror_statuses = {statuses}"),
        );
        says(
            &e,
            &[
                "src/spec/demo.toml: error_statuses: ",
                "is not an error status, or is listed twice",
                "from 400 to 599",
            ],
        );
    }
    let ok = generate(&BASE.replacen(
        "errors = [\"Problem\"]",
        "errors = [\"Problem\"]\nerror_statuses = [404, 409]",
        1,
    ))
    .unwrap();
    let openapi = &ok.iter().find(|(n, _)| n == "openapi.json").unwrap().1;
    assert!(
        openapi.contains("\"404\": {")
            && openapi.contains("\"409\": {")
            && openapi.contains("\"default\": {")
    );
}
