//! The normalized contact (issue 16) and the named conversions between its fields and provider
//! fields. Generic: which provider field takes which contact field through which conversion is
//! written in each spec's `[unified]` section; nothing here names a provider.
//!
//! Every conversion has a forward direction (contact → provider, may fail with a message) and a
//! reverse one (provider record → contact, `None` when the provider's value cannot be read back).

use crate::date::{CivilDate, DateStyle};
use alloc::{borrow::ToOwned, format, string::String, vec::Vec};

/// A field of the normalized contact. `path` is its place in the contact object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Email,
    Phone,
    GivenName,
    MiddleName,
    FamilyName,
    BirthDate,
    AddressLines,
    AddressCity,
    AddressRegion,
    AddressPostalCode,
    AddressCountry,
}

impl Field {
    /// Every field, in the order forms, tables and messages list them.
    pub const ALL: [Field; 11] = [
        Field::Email,
        Field::Phone,
        Field::GivenName,
        Field::MiddleName,
        Field::FamilyName,
        Field::BirthDate,
        Field::AddressLines,
        Field::AddressCity,
        Field::AddressRegion,
        Field::AddressPostalCode,
        Field::AddressCountry,
    ];

    /// The contact's own keys (the top-level fields, then `address`), as messages list them.
    pub const CONTACT_KEYS: &'static [&'static str] = &[
        "email",
        "phone",
        "givenName",
        "middleName",
        "familyName",
        "birthDate",
        "address",
    ];

    /// The keys of `address`, as messages list them.
    pub const ADDRESS_KEYS: &'static [&'static str] =
        &["lines", "city", "region", "postalCode", "country"];

    /// The dotted name specs and the docs use (`address.postalCode`).
    pub const fn name(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::Phone => "phone",
            Field::GivenName => "givenName",
            Field::MiddleName => "middleName",
            Field::FamilyName => "familyName",
            Field::BirthDate => "birthDate",
            Field::AddressLines => "address.lines",
            Field::AddressCity => "address.city",
            Field::AddressRegion => "address.region",
            Field::AddressPostalCode => "address.postalCode",
            Field::AddressCountry => "address.country",
        }
    }

    /// The key inside `address`, for the address fields.
    pub const fn address_key(self) -> Option<&'static str> {
        match self {
            Field::AddressLines => Some("lines"),
            Field::AddressCity => Some("city"),
            Field::AddressRegion => Some("region"),
            Field::AddressPostalCode => Some("postalCode"),
            Field::AddressCountry => Some("country"),
            _ => None,
        }
    }

    /// The top-level key of the contact object (`address` for the address fields).
    pub const fn top_key(self) -> &'static str {
        match self.address_key() {
            Some(_) => "address",
            None => self.name(),
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// What the field holds, for messages and the docs.
    pub const fn meaning(self) -> &'static str {
        match self {
            Field::Email => "email address",
            Field::Phone => "phone number, E.164 (+2348012345678)",
            Field::GivenName => "given (first) name",
            Field::MiddleName => "middle name(s)",
            Field::FamilyName => "family (last) name",
            Field::BirthDate => "date of birth, ISO 8601 (1990-01-31)",
            Field::AddressLines => "street lines, a list of strings",
            Field::AddressCity => "city or town",
            Field::AddressRegion => "state, province or region",
            Field::AddressPostalCode => "postal code",
            Field::AddressCountry => "country, ISO 3166-1 alpha-2 (NG)",
        }
    }
}

/// A named conversion from contact fields to provider fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convert {
    /// One string to one string, unchanged.
    Copy,
    /// An E.164 number to (country calling code, national number): Juspay
    /// `mobile_country_code` + `mobile_number`, M2P `countryCode` + `value`.
    E164Split,
    /// An ISO 8601 date (`yyyy-MM-dd`) to the target field's date layout.
    Date(DateStyle),
    /// Name parts to one field, joined by single spaces (given + middle → one first-name field).
    JoinNames,
    /// A list of street lines to numbered line fields (`address1`, `address2`).
    Lines,
    /// An ISO 3166-1 alpha-2 code to the country's English short name (`IN` → `India`).
    CountryName,
}

impl Convert {
    /// The names a spec may write, in the order messages list them.
    pub const NAMES: [&'static str; 6] = [
        "copy",
        "e164_split",
        "date",
        "join_names",
        "lines",
        "country_name",
    ];

    /// The spec name (`date` for every date layout).
    pub const fn name(self) -> &'static str {
        match self {
            Convert::Copy => "copy",
            Convert::E164Split => "e164_split",
            Convert::Date(_) => "date",
            Convert::JoinNames => "join_names",
            Convert::Lines => "lines",
            Convert::CountryName => "country_name",
        }
    }

    /// The conversion a spec names; `date` takes the target field's layout.
    pub fn from_spec(name: &str, date: Option<DateStyle>) -> Option<Convert> {
        Some(match name {
            "copy" => Convert::Copy,
            "e164_split" => Convert::E164Split,
            "date" => Convert::Date(date?),
            "join_names" => Convert::JoinNames,
            "lines" => Convert::Lines,
            "country_name" => Convert::CountryName,
            _ => return None,
        })
    }

    /// The Rust expression for this value (the generated mapping tables).
    #[allow(
        clippy::disallowed_macros,
        clippy::disallowed_methods,
        reason = "the code generator's only (build time): not in the wasm"
    )]
    pub fn to_rust(self) -> String {
        match self {
            Convert::Date(style) => format!("Convert::Date(DateStyle::{style:?})"),
            other => format!("Convert::{other:?}"),
        }
    }

    /// How it reads in the docs' mapping table.
    #[allow(
        clippy::disallowed_macros,
        clippy::disallowed_methods,
        reason = "the code generator's only (build time): not in the wasm"
    )]
    pub fn describe(self) -> String {
        match self {
            Convert::Copy => "as is".into(),
            Convert::E164Split => "E.164 → country code + national number".into(),
            Convert::Date(style) => format!("ISO date → {}", style.pattern()),
            Convert::JoinNames => "joined with spaces".into(),
            Convert::Lines => "one line per field".into(),
            Convert::CountryName => "alpha-2 → country name".into(),
        }
    }
}

/// ITU-T E.164 country calling codes of one digit (`1` North America, `7` Russia/Kazakhstan).
const fn cc1(c: u16) -> bool {
    matches!(c, 1 | 7)
}

/// Country calling codes of two digits. Every code not of one or two digits has three (the
/// codes are prefix-free, ITU-T E.164 Annex to Operational Bulletin).
const fn cc2(c: u16) -> bool {
    matches!(c, 20 | 27 | 30..=34 | 36 | 39 | 40 | 41 | 43..=49 | 51..=58 | 60..=66 | 81 | 82 | 84 | 86 | 90..=95 | 98)
}

// The conversions below are `#[inline]`: compiled in the crate that calls them, so the full wasm
// builds them at its opt-level "z" and with its own copies of std's string searching, not at this
// crate's opt-level 3 (which is for the validators' hot paths) with a second, unrolled copy of
// each (bench/targets.md, "Session 11: full wasm size": with render_into, -1.4 KB gzip -9).
/// An E.164 number (`+` and 7 to 15 digits, no leading 0) as (country calling code, national
/// number): `+2348012345678` → `(234, "8012345678")`, `+919876543210` → `(91, "9876543210")`.
/// `None` when the text is not E.164 or nothing follows the calling code.
#[inline]
pub fn split_e164(phone: &str) -> Option<(u16, &str)> {
    if !crate::formats::is_e164(phone) {
        return None;
    }
    // The code read digit by digit (E.164 text is ASCII digits after the `+`), ending at the first
    // length that is a code of that length: no `u16` parsing of each prefix.
    // Indexed bytes, not `bytes().enumerate().skip(1).take(3)` (its adapters inlined here).
    let mut code: u16 = 0;
    let mut at = 1;
    loop {
        code = code * 10 + u16::from(phone.as_bytes().get(at)?.wrapping_sub(b'0'));
        if at == 3 || (at == 1 && cc1(code)) || (at == 2 && cc2(code)) {
            let national = phone.get(at + 1..)?;
            return (!national.is_empty()).then_some((code, national));
        }
        at += 1;
    }
}

/// The reverse of [`split_e164`]: a calling code and a national number back to E.164, when the
/// result is E.164 and splits back into the same two parts (`None` for `("91", "09876543210")`
/// or a code that is no calling code's start).
#[inline]
pub fn join_e164(code: &str, national: &str) -> Option<String> {
    let code = code.strip_prefix("+").unwrap_or(code);
    // Pushed, not `format!`ed (no `fmt::Arguments` for two `&str`s).
    let mut phone = String::from("+");
    phone.push_str(code);
    phone.push_str(national);
    // The national part read back whole means the calling code read back is `code`'s digits:
    // both are the phone's tail, so equal text is equal length. `code`'s text is then the
    // number's own (E.164 digits, the first not 0), so it need not be formatted to compare.
    match split_e164(&phone) {
        Some((_, n)) if n == national => Some(phone),
        _ => None,
    }
}

/// An ISO 8601 calendar date (`yyyy-MM-dd`) in `style`; `None` when it is not a real date.
#[inline]
pub fn date_to(iso: &str, style: DateStyle) -> Option<String> {
    let d = CivilDate::parse(iso, DateStyle::Iso)?;
    Some(format_date(d, style))
}

/// A date in `style` back to ISO 8601; `None` when it is not a real date in that layout.
#[inline]
pub fn date_from(text: &str, style: DateStyle) -> Option<String> {
    let d = CivilDate::parse(text, style)?;
    Some(format_date(d, DateStyle::Iso))
}

#[inline]
fn format_date(d: CivilDate, style: DateStyle) -> String {
    // Written with the crates' one decimal writer, zero-padded as `{:04}`/`{:02}` would (a parsed
    // year is 0 to 9999): no `format!` in the wasm (bench/targets.md, "Session 18: std and
    // generic weight").
    let (year, month, day) = (
        u64::from(d.year.unsigned_abs()),
        u64::from(d.month),
        u64::from(d.day),
    );
    let mut out = String::new();
    match style {
        DateStyle::Iso => {
            push_padded(&mut out, year, 4);
            out.push('-');
            push_padded(&mut out, month, 2);
            out.push('-');
            push_padded(&mut out, day, 2);
        }
        DateStyle::DayMonthYear => {
            push_padded(&mut out, day, 2);
            out.push('/');
            push_padded(&mut out, month, 2);
            out.push('/');
            push_padded(&mut out, year, 4);
        }
    }
    out
}

/// Appends `n` in decimal with leading zeros up to `width` digits (`{n:0width$}`).
#[inline]
fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut digits = String::new();
    crate::messages::push_u64(&mut digits, n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

/// Name parts joined by one space; empty parts and repeated or surrounding spaces are left out
/// (`["Ada", "King"]` → `Ada King`, `["Cher"]` → `Cher`).
#[inline]
pub fn join_names(parts: &[&str]) -> String {
    // Words pushed into one `String` (no `collect` and `join`: the iterator form compiled to about
    // 3 KB of wasm at this crate's opt-level 3). A byte loop into a `Vec<u8>` made UTF-8 again
    // (`String::from_utf8`) was 419 B gzip -9 larger in the full wasm (bench/targets.md, "Session
    // 13: the contact model in the full wasm").
    let mut out = String::new();
    for part in parts {
        for word in crate::text::split(part, b' ') {
            if word.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// The reverse of [`join_names`] for `n` parts: the first `n - 1` words, one each, and the rest
/// in the last part (`"Ada King Byron"`, 2 → `["Ada", "King Byron"]`; `"Cher"`, 2 → `["Cher"]`).
/// A given name of two words therefore reads back as given + middle: the providers that join
/// store one field and cannot tell them apart.
#[inline]
pub fn split_names(text: &str, n: usize) -> Vec<String> {
    let joined = join_names(&[text]);
    let mut out: Vec<String> = Vec::new();
    let mut rest = joined.as_str();
    while out.len() + 1 < n {
        let Some((word, after)) = crate::text::split_once_byte(rest, b' ') else {
            break;
        };
        out.push(word.to_owned());
        rest = after;
    }
    if !rest.is_empty() {
        out.push(rest.to_owned());
    }
    out
}

/// The names file: `AD Andorra\n…`, one code, a space and the English short name a line, sorted
/// by code (from Debian iso-codes 4.15's ISO 3166-1 list, the common name where it gives one).
pub const NAMES: &str = include_str!("iso3166-1-names.txt");

/// The English short name of an assigned alpha-2 code (`IN` → `India`), exactly upper case.
pub fn country_name(code: &str) -> Option<&'static str> {
    country_name_in(NAMES, code)
}

/// [`country_name`] over a names text in [`NAMES`]' format (the wasm build reads the package's
/// `countries.js` copy of it, handed over by the JS glue, instead of carrying the text).
#[inline]
pub fn country_name_in<'a>(names: &'a str, code: &str) -> Option<&'a str> {
    if code.len() != 2 {
        return None;
    }
    // Split at `\n`, not `lines()`: the names text has no `\r` (generated, `check_names`), and
    // `text::split` is in the full wasm anyway, where `Lines` would be one more iterator copy.
    crate::text::split(names, b'\n').find_map(|l| l.strip_prefix(code)?.strip_prefix(" "))
}

/// The alpha-2 code of a country name as [`country_name`] writes it, ignoring case and
/// surrounding spaces (`india` → `IN`); `None` for a name not in the list.
pub fn country_code(name: &str) -> Option<&'static str> {
    country_code_in(NAMES, name)
}

/// [`country_code`] over a names text in [`NAMES`]' format.
#[inline]
pub fn country_code_in<'a>(names: &'a str, name: &str) -> Option<&'a str> {
    let name = name.trim();
    crate::text::split(names, b'\n').find_map(|l| {
        let (code, n) = crate::text::split_once_byte(l, b' ')?;
        n.eq_ignore_ascii_case(name).then_some(code)
    })
}

/// Checks the names file against the code list: the same codes in the same order, a name each.
#[allow(
    clippy::disallowed_macros,
    clippy::disallowed_methods,
    reason = "the code generator's only (build time): not in the wasm"
)]
pub fn check_names(names: &str, codes: &str) -> Result<(), String> {
    // The readers split lines at `\n` alone (`country_name_in`, `country_code_in`).
    if names.contains('\r') {
        return Err("the names text holds a carriage return: lines must end with \\n alone".into());
    }
    let mut lines = names.lines();
    for code in codes.lines() {
        match lines.next().and_then(|l| l.split_once(' ')) {
            Some((c, n)) if c == code && !n.trim().is_empty() && n.trim() == n => {}
            other => {
                return Err(format!(
                    "expected \"{code} <name>\", found {:?}",
                    other.map(|(c, n)| format!("{c} {n}"))
                ))
            }
        }
    }
    match lines.next() {
        Some(extra) => Err(format!("a line after the last code: {extra:?}")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_key_lists_are_the_fields() {
        let top: Vec<&str> = Field::ALL
            .iter()
            .filter(|f| f.address_key().is_none())
            .map(|f| f.name())
            .chain(["address"])
            .collect();
        assert_eq!(Field::CONTACT_KEYS, top.as_slice());
        let address: Vec<&str> = Field::ALL.iter().filter_map(|f| f.address_key()).collect();
        assert_eq!(Field::ADDRESS_KEYS, address.as_slice());
    }

    #[test]
    fn every_field_is_its_place_in_all() {
        // `unified` keeps sets and slots of fields by `field as usize`.
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i, "{f:?}");
        }
    }

    #[test]
    fn calling_codes_of_the_providers_countries() {
        assert_eq!(split_e164("+2348012345678"), Some((234, "8012345678"))); // Nigeria
        assert_eq!(split_e164("+919876543210"), Some((91, "9876543210"))); // India
        assert_eq!(split_e164("+27821234567"), Some((27, "821234567"))); // South Africa
        assert_eq!(split_e164("+14155550123"), Some((1, "4155550123"))); // US
        assert_eq!(split_e164("+447911123456"), Some((44, "7911123456"))); // UK
        assert_eq!(split_e164("+5511998877665"), Some((55, "11998877665"))); // Brazil
        assert_eq!(split_e164("+6591234567"), Some((65, "91234567"))); // Singapore
        assert_eq!(split_e164("+79161234567"), Some((7, "9161234567"))); // Russia
        assert_eq!(split_e164("+35312345678"), Some((353, "12345678"))); // Ireland
    }

    #[test]
    fn calling_code_lengths() {
        assert_eq!((1..=9).filter(|c| cc1(*c)).count(), 2);
        assert_eq!((10..=99).filter(|c| cc2(*c)).count(), 44);
        // Prefix-free: no two-digit code starts with a one-digit one.
        assert!(!(10..=19).chain(70..=79).any(cc2));
    }

    #[test]
    fn not_e164() {
        for bad in [
            "08012345678",
            "2348012345678",
            "+0234801",
            "+234 801 234 5678",
            "",
            "+",
            "+1234567890123456",
        ] {
            assert_eq!(split_e164(bad), None, "{bad}");
        }
    }

    #[test]
    fn joins_back() {
        assert_eq!(
            join_e164("234", "8012345678").as_deref(),
            Some("+2348012345678")
        );
        assert_eq!(
            join_e164("+91", "9876543210").as_deref(),
            Some("+919876543210")
        );
        // 2 is no calling code of its own: "+2" + "348…" would read as 234.
        assert_eq!(join_e164("2", "348012345678"), None);
        assert_eq!(
            join_e164("91", "09876543210").as_deref(),
            Some("+9109876543210")
        );
        assert_eq!(join_e164("91", "98x"), None);
    }

    #[test]
    fn splits_as_the_prefix_parsing_did() {
        // Before: each prefix of the digits parsed as a `u16`.
        fn parsed(phone: &str) -> Option<(u16, &str)> {
            if !crate::formats::is_e164(phone) {
                return None;
            }
            let digits = phone.get(1..)?;
            let head = |n: usize| digits.get(..n).and_then(|d| d.parse::<u16>().ok());
            let len = if head(1).is_some_and(cc1) {
                1
            } else if head(2).is_some_and(cc2) {
                2
            } else {
                3
            };
            let code = head(len)?;
            let national = digits.get(len..)?;
            (!national.is_empty()).then_some((code, national))
        }
        for prefix in 0..1000 {
            for tail in [
                "",
                "1",
                "12",
                "1234",
                "12345",
                "123456",
                "0123456789",
                "123456789012",
                "1234567890123",
                "1x345678",
                " 2345678",
            ] {
                for phone in [
                    format!("+{prefix}{tail}"),
                    format!("+{prefix:03}{tail}"),
                    format!("{prefix}{tail}"),
                ] {
                    assert_eq!(split_e164(&phone), parsed(&phone), "{phone}");
                }
            }
        }
        for odd in [
            "",
            "+",
            "+1",
            "+12a4567890",
            "+1234567 ",
            "++1234567",
            "+١٢٣٤٥٦٧٨",
        ] {
            assert_eq!(split_e164(odd), parsed(odd), "{odd}");
        }
    }

    #[test]
    fn joins_back_as_the_formatted_code_comparison_did() {
        // Before: the calling code read back was formatted and compared with `code`'s text.
        use alloc::string::ToString;
        let formatted = |code: &str, national: &str| {
            let code = code.strip_prefix('+').unwrap_or(code);
            // Pushed, not `format!`ed (no `fmt::Arguments` for two `&str`s).
            let mut phone = String::from("+");
            phone.push_str(code);
            phone.push_str(national);
            match split_e164(&phone) {
                Some((c, n)) if u64::from(c).to_string() == code && n == national => Some(phone),
                _ => None,
            }
        };
        let mut codes: Vec<String> = (0..1000).map(|c| c.to_string()).collect();
        codes.extend(
            ["", "+", "+1", "01", "001", "+091", "1 ", " 1", "9999", "1a"].map(String::from),
        );
        for code in &codes {
            for national in [
                "",
                "1",
                "8012345678",
                "09876543210",
                "12345678901234",
                "98x",
                " 801234567",
            ] {
                assert_eq!(
                    join_e164(code, national),
                    formatted(code, national),
                    "{code:?} {national:?}"
                );
            }
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            date_to("1999-10-10", DateStyle::DayMonthYear).as_deref(),
            Some("10/10/1999")
        );
        assert_eq!(
            date_to("2000-02-29", DateStyle::DayMonthYear).as_deref(),
            Some("29/02/2000")
        );
        assert_eq!(date_to("1900-02-29", DateStyle::DayMonthYear), None);
        assert_eq!(date_to("10/10/1999", DateStyle::DayMonthYear), None);
        assert_eq!(date_to("1999-1-1", DateStyle::Iso), None);
        assert_eq!(
            date_from("31/01/1990", DateStyle::DayMonthYear).as_deref(),
            Some("1990-01-31")
        );
        assert_eq!(date_from("1990-01-31", DateStyle::DayMonthYear), None);
        // Zero-padded: a year below 1000, a one-digit month and day.
        for (iso, dmy) in [("0005-03-07", "07/03/0005"), ("0999-12-01", "01/12/0999")] {
            assert_eq!(date_to(iso, DateStyle::DayMonthYear).as_deref(), Some(dmy));
            assert_eq!(date_to(iso, DateStyle::Iso).as_deref(), Some(iso));
            assert_eq!(
                date_from(dmy, DateStyle::DayMonthYear).as_deref(),
                Some(iso)
            );
        }
    }

    #[test]
    fn padded_is_format_with_zero_width() {
        for n in (0..=10_000).chain([99_999, 123_456, u64::MAX]) {
            for width in [0, 1, 2, 4] {
                let mut out = String::from("x");
                push_padded(&mut out, n, width);
                assert_eq!(out, format!("x{n:0width$}"), "{n} {width}");
            }
        }
    }

    #[test]
    fn names_of_one_two_and_three_parts() {
        assert_eq!(join_names(&["Cher"]), "Cher");
        assert_eq!(join_names(&["Ada", "King"]), "Ada King");
        assert_eq!(join_names(&[" Mary  Ann ", "", "Lee"]), "Mary Ann Lee");
        assert_eq!(split_names("Cher", 2), vec!["Cher"]);
        assert_eq!(split_names("Ada King", 2), vec!["Ada", "King"]);
        assert_eq!(split_names("Ada King Byron", 2), vec!["Ada", "King Byron"]);
        assert_eq!(
            split_names("Ada King Byron", 3),
            vec!["Ada", "King", "Byron"]
        );
        assert_eq!(split_names("  ", 2), Vec::<String>::new());
    }

    #[test]
    fn joins_names_as_the_byte_loop_did() {
        // Before: a byte loop into a `Vec<u8>`, a space pushed before each word but the first.
        fn bytes(parts: &[&str]) -> String {
            let mut out: Vec<u8> = Vec::new();
            for part in parts {
                let mut space = true;
                for &b in part.as_bytes() {
                    if b == b' ' {
                        space = true;
                        continue;
                    }
                    if space && !out.is_empty() {
                        out.push(b' ');
                    }
                    space = false;
                    out.push(b);
                }
            }
            String::from_utf8(out).unwrap_or_default()
        }
        let texts = [
            "",
            " ",
            "  ",
            "Cher",
            " Mary  Ann ",
            "Zoë Ğül",
            "\u{a0}x\u{a0}",
            "a\tb",
            "  x  y  z",
        ];
        for a in texts {
            for b in texts {
                for c in ["", "Lee", " K "] {
                    assert_eq!(
                        join_names(&[a, b, c]),
                        bytes(&[a, b, c]),
                        "{a:?} {b:?} {c:?}"
                    );
                    assert_eq!(join_names(&[a, b]), bytes(&[a, b]), "{a:?} {b:?}");
                }
            }
            assert_eq!(join_names(&[a]), bytes(&[a]), "{a:?}");
        }
        assert_eq!(join_names(&[]), "");
    }

    #[test]
    fn splits_names_as_the_byte_loop_did() {
        // Before: a loop cutting at each space's byte position.
        fn cut(text: &str, n: usize) -> Vec<String> {
            let joined = join_names(&[text]);
            let mut out: Vec<String> = Vec::new();
            let mut rest = joined.as_str();
            while !rest.is_empty() {
                let cut = rest.bytes().position(|b| b == b' ');
                match cut.filter(|_| out.len() + 1 < n) {
                    Some(i) => {
                        out.push(rest.get(..i).unwrap_or_default().to_owned());
                        rest = rest.get(i + 1..).unwrap_or_default();
                    }
                    None => {
                        out.push(rest.to_owned());
                        break;
                    }
                }
            }
            out
        }
        for text in [
            "",
            " ",
            "Cher",
            " Cher ",
            "Ada King",
            "Ada  King Byron",
            "a b c d e",
            "Zoë  Ğül Ünal ",
            "\u{a0}x y",
        ] {
            for n in 0..6 {
                assert_eq!(split_names(text, n), cut(text, n), "{text:?} {n}");
            }
        }
    }

    #[test]
    fn country_names() {
        assert_eq!(country_name("IN"), Some("India"));
        assert_eq!(country_name("NG"), Some("Nigeria"));
        assert_eq!(country_name("ZA"), Some("South Africa"));
        assert_eq!(country_name("US"), Some("United States"));
        assert_eq!(country_name("GB"), Some("United Kingdom"));
        assert_eq!(country_name("in"), None);
        assert_eq!(country_name("UK"), None);
        assert_eq!(country_code("india"), Some("IN"));
        assert_eq!(country_code(" South Africa "), Some("ZA"));
        assert_eq!(country_code("Narnia"), None);
        assert_eq!(check_names(NAMES, crate::country::LIST), Ok(()));
        assert!(check_names("AD Andorra\n", "AD\nAE\n").is_err());
        // The readers split at `\n` alone: a `\r` is refused where the text is checked.
        assert!(check_names("AD Andorra\r\n", "AD\n").is_err());
        assert_eq!(check_names("AD Andorra\n", "AD\n"), Ok(()));
    }

    #[test]
    fn conversion_names_round_trip() {
        for name in Convert::NAMES {
            let c = Convert::from_spec(name, Some(DateStyle::Iso)).unwrap();
            assert_eq!(c.name(), name);
        }
        assert_eq!(Convert::from_spec("date", None), None);
        assert_eq!(Convert::from_spec("e164", None), None);
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
        }
    }
}
