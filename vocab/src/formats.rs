//! The named formats of docs/providers.md#formats. Each is an explicit algorithm (no regex
//! engine: it keeps the wasm small and every rule readable).

use super::country;
use super::date::{CivilDate, DateStyle};
use super::messages::{Arg, Msg};
use alloc::{format, string::String, vec, vec::Vec};

/// A named string format, with the parameters a spec may give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `local@domain.tld` (docs/providers.md#format-email; also Juspay's `_`/`.` edge rule).
    Email,
    /// `^\+[1-9][0-9]{6,14}$`.
    E164,
    /// ASCII digits only, `min..=max` of them; `leading_zero: false` forbids a leading `0`.
    Digits {
        min: u8,
        max: u8,
        leading_zero: bool,
    },
    /// A real Gregorian date in `style`; `past` rejects dates after today (`date_in_future`).
    Date { style: DateStyle, past: bool },
    /// Indian PAN `^[A-Z]{5}[0-9]{4}[A-Z]$`.
    Pan,
    /// Indian PIN code `^[1-9][0-9]{5}$`.
    Pin,
    /// An officially assigned ISO 3166-1 alpha-2 code, upper case.
    CountryCode,
    /// South African ID number: 13 digits, `YYMMDD` a real past date, citizenship 0/1, Luhn.
    SaId,
    /// Juspay names: letters, digits, `( ) . - _` and single inner spaces.
    Name,
    /// Text an HTTP header carries exactly as given (a field the request also sends in a header,
    /// e.g. Juspay `customer_id` → `x-routing-id`): visible ASCII and inner spaces only, so no
    /// CR, LF, NUL, other control or non-ASCII character, and no leading or trailing space.
    HeaderText,
    /// A UUID in its text form: 8-4-4-4-12 hex digits (either case), no braces or prefix. Any
    /// version (Gathr's own example id has version 6).
    Uuid,
}

/// The longest value a `header_text` field may declare (`max_length`): the code generator
/// refuses a header-bound field without a `max_length` at most this, and the request builder's
/// own check (its second line) uses the same limit.
pub const HEADER_TEXT_MAX_CHARS: usize = 1024;

/// Why a value failed its format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Not of the format (`invalid_format`).
    Invalid,
    /// A well-formed date after today, where the field wants a past date (`date_in_future`).
    InFuture,
}

impl Format {
    /// The public name, used as the issue's `format` detail and in spec files.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Email => "email",
            Format::E164 => "e164",
            Format::Digits { .. } => "digits",
            Format::Date { .. } => "date",
            Format::Pan => "pan",
            Format::Pin => "pin",
            Format::CountryCode => "country_code",
            Format::SaId => "sa_id",
            Format::Name => "name",
            Format::HeaderText => "header_text",
            Format::Uuid => "uuid",
        }
    }

    /// Every public format name.
    pub const NAMES: [&'static str; 11] = [
        "email",
        "e164",
        "digits",
        "date",
        "pan",
        "pin",
        "country_code",
        "sa_id",
        "name",
        "header_text",
        "uuid",
    ];

    /// Builds a format from a spec's words: the name plus its parameters (`digits = [min, max]`,
    /// `leading_zero`, `date_format`, `past`). Used by the code generator; an error reads
    /// `<what is wrong>; <the fix>`.
    pub fn from_spec(
        name: &str,
        digits: Option<(u8, u8)>,
        leading_zero: Option<bool>,
        date_format: Option<&str>,
        past: Option<bool>,
    ) -> Result<Format, String> {
        let no_params = |f: Format| {
            if digits.is_some() || leading_zero.is_some() || date_format.is_some() || past.is_some()
            {
                Err(format!("format \"{name}\" takes no parameters; remove digits, leading_zero, date_format and past"))
            } else {
                Ok(f)
            }
        };
        match name {
            "email" => no_params(Format::Email),
            "e164" => no_params(Format::E164),
            "pan" => no_params(Format::Pan),
            "pin" => no_params(Format::Pin),
            "country_code" => no_params(Format::CountryCode),
            "sa_id" => no_params(Format::SaId),
            "name" => no_params(Format::Name),
            "header_text" => no_params(Format::HeaderText),
            "uuid" => no_params(Format::Uuid),
            "digits" => {
                if date_format.is_some() || past.is_some() {
                    return Err("format \"digits\" takes digits and leading_zero only; remove date_format and past".into());
                }
                let (min, max) =
                    digits.ok_or("format \"digits\" needs its length; add digits = [min, max]")?;
                if min == 0 || min > max {
                    return Err(format!("digits = [{min}, {max}]: bad bounds; write digits = [min, max] with 1 <= min <= max"));
                }
                Ok(Format::Digits {
                    min,
                    max,
                    leading_zero: leading_zero.unwrap_or(true),
                })
            }
            "date" => {
                if digits.is_some() || leading_zero.is_some() {
                    return Err("format \"date\" takes date_format and past only; remove digits and leading_zero".into());
                }
                let p = date_format.ok_or("format \"date\" needs its layout; add date_format = \"yyyy-MM-dd\" or \"dd/MM/yyyy\"")?;
                let style = DateStyle::from_pattern(p).ok_or_else(|| {
                    format!("unknown date_format \"{p}\"; known: yyyy-MM-dd, dd/MM/yyyy")
                })?;
                Ok(Format::Date {
                    style,
                    past: past.unwrap_or(false),
                })
            }
            other => Err(format!(
                "unknown format \"{other}\"; known: {}",
                Format::NAMES.join(", ")
            )),
        }
    }

    /// Rust source that rebuilds this value (for the code generator).
    pub fn to_rust(self) -> String {
        match self {
            Format::Digits {
                min,
                max,
                leading_zero,
            } => {
                format!("Format::Digits {{ min: {min}, max: {max}, leading_zero: {leading_zero} }}")
            }
            Format::Date { style, past } => {
                format!("Format::Date {{ style: DateStyle::{style:?}, past: {past} }}")
            }
            other => format!("Format::{other:?}"),
        }
    }

    /// Whether [`Format::check`] reads `today` (a past date, a South African ID's century):
    /// the generated validators fetch the date only then.
    pub const fn uses_today(self) -> bool {
        matches!(self, Format::Date { past: true, .. } | Format::SaId)
    }

    /// Checks `s`. `today` is the current UTC date (for past dates and SA ID centuries).
    pub fn check(self, s: &str, today: CivilDate) -> Result<(), Failure> {
        let ok = match self {
            Format::Email => is_email(s),
            Format::E164 => is_e164(s),
            Format::Digits {
                min,
                max,
                leading_zero,
            } => is_digits(s, min, max, leading_zero),
            Format::Date { style, past } => {
                let d = CivilDate::parse(s, style).ok_or(Failure::Invalid)?;
                if past && d > today {
                    return Err(Failure::InFuture);
                }
                true
            }
            Format::Pan => is_pan(s),
            Format::Pin => is_digits(s, 6, 6, false),
            Format::CountryCode => country::is_assigned(s),
            Format::SaId => is_sa_id(s, today),
            Format::Name => is_name(s),
            Format::HeaderText => is_header_text(s),
            Format::Uuid => is_uuid(s),
        };
        if ok {
            Ok(())
        } else {
            Err(Failure::Invalid)
        }
    }

    /// The message of an `invalid_format` issue for the value `s` of the field labelled `label`:
    /// what the format wants, with a hint for a specific bad value when one helps (`UK` → `GB`,
    /// a lower-case PAN).
    pub fn invalid(self, label: &'static str, s: &str) -> (Msg, Vec<Arg>) {
        let label = Arg::Str(label);
        match self {
            Format::Email => (Msg::Email, vec![label]),
            Format::E164 => (Msg::E164, vec![label]),
            Format::Digits {
                min,
                max,
                leading_zero,
            } => {
                let (min, max) = (Arg::Int(i64::from(min)), Arg::Int(i64::from(max)));
                match (min == max, leading_zero) {
                    (true, true) => (Msg::DigitsExact, vec![label, min]),
                    (true, false) => (Msg::DigitsExactNoZero, vec![label, min]),
                    (false, true) => (Msg::Digits, vec![label, min, max]),
                    (false, false) => (Msg::DigitsNoZero, vec![label, min, max]),
                }
            }
            Format::Date { style, .. } => (
                Msg::Date,
                vec![label, Arg::Str(style.pattern()), Arg::Str(style.example())],
            ),
            Format::Pan if is_pan(&s.to_ascii_uppercase()) => (
                Msg::PanUpper,
                vec![label, Arg::Owned(s.to_ascii_uppercase())],
            ),
            Format::Pan => (Msg::Pan, vec![label]),
            Format::Pin => (Msg::Pin, vec![label]),
            Format::CountryCode if s == "UK" => (Msg::CountryUk, vec![label]),
            Format::CountryCode
                if s.len() == 2 && country::is_assigned(&s.to_ascii_uppercase()) =>
            {
                (
                    Msg::CountryUpper,
                    vec![label, Arg::Owned(s.to_ascii_uppercase())],
                )
            }
            Format::CountryCode => (Msg::Country, vec![label]),
            Format::SaId => (Msg::SaId, vec![label]),
            Format::Name => (Msg::Name, vec![label]),
            Format::Uuid => (Msg::Uuid, vec![label]),
            Format::HeaderText => (Msg::HeaderText, vec![label]),
        }
    }
}

/// The email format (docs/providers.md#format-email): ASCII `local@domain.tld`.
pub fn is_email(s: &str) -> bool {
    // Bytes, not `str::split_once('@')` (that pulls the char searcher into the wasm).
    let b = s.as_bytes();
    let Some(at) = b.iter().position(|&c| c == b'@') else {
        return false;
    };
    let (Some(local), Some(domain)) = (b.get(..at), b.get(at + 1..)) else {
        return false;
    };
    is_email_local(local) && is_email_domain(domain)
}

/// The characters of a local part besides letters and digits: ``!#$%&'*+-/=?^_.{|}~` `` (a
/// `matches!`, not a byte string's `contains`, which is a `memchr` call per byte).
fn is_local_special(c: u8) -> bool {
    matches!(
        c,
        b'!' | b'#'
            | b'$'
            | b'%'
            | b'&'
            | b'\''
            | b'*'
            | b'+'
            | b'-'
            | b'/'
            | b'='
            | b'?'
            | b'^'
            | b'_'
            | b'.'
            | b'{'
            | b'|'
            | b'}'
            | b'~'
            | b'`'
    )
}

fn is_email_local(b: &[u8]) -> bool {
    let (Some(first), Some(last)) = (b.first(), b.last()) else {
        return false;
    };
    if matches!(first, b'.' | b'_') || matches!(last, b'.' | b'_') {
        return false;
    }
    // No ".." and only the allowed characters, in one pass.
    let mut prev = 0u8;
    for &c in b {
        let allowed = c.is_ascii_alphanumeric() || is_local_special(c);
        if !allowed || (c == b'.' && prev == b'.') {
            return false;
        }
        prev = c;
    }
    true
}

/// At least two dot-separated labels of letters, digits and inner `-`; the last (the top-level
/// domain) two or more letters. One pass, nothing allocated.
fn is_email_domain(domain: &[u8]) -> bool {
    let mut labels = 0;
    let mut tld_ok = false;
    for b in domain.split(|&c| c == b'.') {
        let ok = !b.is_empty()
            && b.first() != Some(&b'-')
            && b.last() != Some(&b'-')
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-');
        if !ok {
            return false;
        }
        labels += 1;
        tld_ok = b.len() >= 2 && b.iter().all(u8::is_ascii_alphabetic);
    }
    labels >= 2 && tld_ok
}

/// `^\+[1-9][0-9]{6,14}$`.
pub fn is_e164(s: &str) -> bool {
    match s.strip_prefix('+') {
        Some(rest) => is_digits(rest, 7, 15, false),
        None => false,
    }
}

/// ASCII digits, `min..=max` of them, optionally no leading zero.
pub fn is_digits(s: &str, min: u8, max: u8, leading_zero: bool) -> bool {
    let n = s.len();
    n >= usize::from(min)
        && n <= usize::from(max)
        && s.bytes().all(|c| c.is_ascii_digit())
        && (leading_zero || !s.starts_with('0'))
}

/// `^[A-Z]{5}[0-9]{4}[A-Z]$`.
pub fn is_pan(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            0..=4 | 9 => c.is_ascii_uppercase(),
            _ => c.is_ascii_digit(),
        })
}

/// Luhn over all digits of `s` (which must be ASCII digits).
pub fn luhn_ok(s: &str) -> bool {
    let mut sum = 0u32;
    for (i, c) in s.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !s.is_empty() && sum % 10 == 0
}

/// South African ID `YYMMDD SSSS C A Z` (docs/providers.md#format-sa-id).
pub fn is_sa_id(s: &str, today: CivilDate) -> bool {
    if !is_digits(s, 13, 13, true) || !luhn_ok(s) {
        return false;
    }
    let b = s.as_bytes();
    let num = |i: usize| b.get(i).map_or(0, |c| c.saturating_sub(b'0'));
    let yy = i32::from(num(0)) * 10 + i32::from(num(1));
    let mm = num(2) * 10 + num(3);
    let dd = num(4) * 10 + num(5);
    let citizenship = num(10);
    if citizenship > 1 {
        return false;
    }
    // The century is not encoded: accept if 19YY or 20YY is a real date not after today.
    [1900, 2000]
        .iter()
        .any(|century| CivilDate::new(century + yy, mm, dd).is_some_and(|d| d <= today))
}

/// Juspay names: ASCII letters, digits, `( ) . - _`, and single spaces between other characters.
pub fn is_name(s: &str) -> bool {
    // Bytes, not `str::contains("  ")`: a substring search pulls `StrSearcher` into the wasm.
    if s.is_empty()
        || s.starts_with(' ')
        || s.ends_with(' ')
        || s.as_bytes().windows(2).any(|w| w == b"  ")
    {
        return false;
    }
    s.bytes()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'(' | b')' | b'.' | b'-' | b'_' | b' '))
}

/// `header_text`: visible ASCII (U+0021 to U+007E) and spaces, no space at either end. What an
/// HTTP header carries exactly as given (`fetch` would strip end spaces and refuse CR, LF, NUL).
pub fn is_header_text(s: &str) -> bool {
    !s.starts_with(' ') && !s.ends_with(' ') && s.bytes().all(|c| (0x20..=0x7e).contains(&c))
}

/// `uuid`: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hex digits of either case.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_classes_are_the_documented_characters() {
        for c in 0..=255u8 {
            assert_eq!(
                is_local_special(c),
                b"!#$%&'*+-/=?^_.{|}~`".contains(&c),
                "{c}"
            );
            let one = [b'a', c, b'b'];
            if let Ok(s) = core::str::from_utf8(&one) {
                let name_char = c.is_ascii_alphanumeric() || b"().-_ ".contains(&c);
                assert_eq!(is_name(s), name_char, "{s:?}");
            }
        }
    }
}
