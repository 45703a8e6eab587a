//! The named formats of docs/providers.md#formats. Each is an explicit algorithm (no regex
//! engine: it keeps the wasm small and every rule readable).

use super::country;
use super::date::{CivilDate, DateStyle};
use super::messages::{Arg, Msg};
use alloc::{format, string::String, vec::Vec};

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
    #[allow(
        clippy::disallowed_macros,
        clippy::disallowed_methods,
        reason = "the code generator's only (build time): not in the wasm"
    )]
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
    #[allow(
        clippy::disallowed_macros,
        clippy::disallowed_methods,
        reason = "the code generator's only (build time): not in the wasm"
    )]
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
    ///
    /// A dispatch to one function per format, each kept out of line (`#[inline(never)]`): a wasm
    /// engine compiles a function on its first call (V8's Liftoff, lazily), so a first validation
    /// compiles the checks of the formats it meets, not every format's code inlined into this one
    /// (bench/targets.md, "Session 10: cold start").
    pub fn check(self, s: &str, today: CivilDate) -> Result<(), Failure> {
        let ok = match self {
            Format::Email => is_email(s),
            Format::E164 => is_e164(s),
            Format::Digits {
                min,
                max,
                leading_zero,
            } => is_digits(s, min, max, leading_zero),
            Format::Date { style, past } => return check_date(s, style, past, today),
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
    /// a lower-case PAN). `#[inline]`: built at the calling crate's opt-level (the full wasm's "z";
    /// it runs once per `invalid_format` issue, not per value checked), not this crate's 3
    /// (bench/targets.md, "Session 11: full wasm size": -190 B gzip -9).
    #[inline]
    pub fn invalid(self, label: &'static str, s: &str) -> (Msg, Vec<Arg>) {
        // The template, and the arguments after the label (one `Vec` built below, not one
        // `vec!` per arm: 15 allocation sites in the reporter's `string` before).
        let (mut a, mut b) = (None, None);
        let msg = match self {
            Format::Email => Msg::Email,
            Format::E164 => Msg::E164,
            Format::Digits {
                min,
                max,
                leading_zero,
            } => {
                a = Some(Arg::Int(i64::from(min)));
                match (min == max, leading_zero) {
                    (true, true) => Msg::DigitsExact,
                    (true, false) => Msg::DigitsExactNoZero,
                    (false, zero) => {
                        b = Some(Arg::Int(i64::from(max)));
                        if zero {
                            Msg::Digits
                        } else {
                            Msg::DigitsNoZero
                        }
                    }
                }
            }
            Format::Date { style, .. } => {
                a = Some(Arg::Str(style.pattern()));
                b = Some(Arg::Str(style.example()));
                Msg::Date
            }
            Format::Pan => {
                let upper = s.to_ascii_uppercase();
                if is_pan(&upper) {
                    a = Some(Arg::Owned(upper));
                    Msg::PanUpper
                } else {
                    Msg::Pan
                }
            }
            Format::Pin => Msg::Pin,
            Format::CountryCode if s == "UK" => Msg::CountryUk,
            Format::CountryCode if s.len() == 2 => {
                let upper = s.to_ascii_uppercase();
                if country::is_assigned(&upper) {
                    a = Some(Arg::Owned(upper));
                    Msg::CountryUpper
                } else {
                    Msg::Country
                }
            }
            Format::CountryCode => Msg::Country,
            Format::SaId => Msg::SaId,
            Format::Name => Msg::Name,
            Format::Uuid => Msg::Uuid,
            Format::HeaderText => Msg::HeaderText,
        };
        let mut args = Vec::with_capacity(3);
        args.push(Arg::Str(label));
        if let Some(a) = a {
            args.push(a);
        }
        if let Some(b) = b {
            args.push(b);
        }
        (msg, args)
    }
}

/// The byte classes of the email and UUID checks: one table lookup per byte. The one-pass
/// validators check these formats on every valid input, and a chain of comparisons per byte was
/// the largest leaf of their profile (bench/targets.md, "Session 9: the object path").
const LOCAL: u8 = 1; // a local part's character: a letter, a digit or `is_local_special`
const LABEL: u8 = 2; // a domain label's character: a letter, a digit or `-`
const ALPHA: u8 = 4; // an ASCII letter
const HEX: u8 = 8; // a hex digit, either case
const DASH: u8 = 16; // `-`
const NAME: u8 = 32; // a Juspay name's character: a letter, a digit, `( ) . - _` or a space

static CLASS: [u8; 256] = classes();

const fn classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    // Each byte's slot in turn, by slice patterns (no indexing).
    let mut rest: &mut [u8] = &mut t;
    let mut c = 0u8;
    while let [slot, tail @ ..] = rest {
        let mut k = 0;
        if c.is_ascii_alphanumeric() || is_local_special(c) {
            k |= LOCAL;
        }
        if c.is_ascii_alphanumeric() || c == b'-' {
            k |= LABEL;
        }
        if c.is_ascii_alphabetic() {
            k |= ALPHA;
        }
        if c.is_ascii_hexdigit() {
            k |= HEX;
        }
        if c == b'-' {
            k |= DASH;
        }
        if c.is_ascii_alphanumeric() || matches!(c, b'(' | b')' | b'.' | b'-' | b'_' | b' ') {
            k |= NAME;
        }
        *slot = k;
        rest = tail;
        c = c.wrapping_add(1);
    }
    t
}

/// The classes of `c` (in bounds for every byte: the compiler drops the check).
#[inline(always)]
fn class(c: u8) -> u8 {
    CLASS.get(usize::from(c)).copied().unwrap_or(0)
}

/// The date format: a real date in `style`, and with `past` not after `today`.
#[inline(never)]
fn check_date(s: &str, style: DateStyle, past: bool, today: CivilDate) -> Result<(), Failure> {
    let d = CivilDate::parse(s, style).ok_or(Failure::Invalid)?;
    if past && d > today {
        return Err(Failure::InFuture);
    }
    Ok(())
}

/// The email format (docs/providers.md#format-email): ASCII `local@domain.tld`.
#[inline(never)]
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

/// The characters of a local part besides letters and digits: ``!#$%&'*+-/=?^_.{|}~` ``
/// (public for the one pass's byte classes, src/validate/scan.rs: one list of them).
pub const fn is_local_special(c: u8) -> bool {
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
        if class(c) & LOCAL == 0 || (c == b'.' && prev == b'.') {
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
    // The current label: where it starts, the byte before (`.` at its start) and whether all its
    // bytes so far are letters.
    let mut start = 0;
    let mut prev = b'.';
    let mut alpha = true;
    for (i, &c) in domain.iter().enumerate() {
        if c == b'.' {
            // The label it ends: not empty, no `-` at either end.
            if prev == b'.' || prev == b'-' || domain.get(start) == Some(&b'-') {
                return false;
            }
            labels += 1;
            start = i + 1;
            alpha = true;
        } else {
            let k = class(c);
            if k & LABEL == 0 {
                return false;
            }
            alpha &= k & ALPHA != 0;
        }
        prev = c;
    }
    // The last label, the top-level domain: two or more letters (so no `-` either).
    labels >= 1 && domain.len().saturating_sub(start) >= 2 && alpha
}

/// `^\+[1-9][0-9]{6,14}$`.
#[inline(never)]
pub fn is_e164(s: &str) -> bool {
    // `+` then digits, read as bytes (a `char` pattern kept core's UTF-8 encoder in the wasm).
    match s.as_bytes().split_first() {
        Some((b'+', rest)) => digits(rest, 7, 15, false),
        _ => false,
    }
}

/// ASCII digits, `min..=max` of them, optionally no leading zero.
#[inline(never)]
pub fn is_digits(s: &str, min: u8, max: u8, leading_zero: bool) -> bool {
    digits(s.as_bytes(), min, max, leading_zero)
}

/// [`is_digits`] over bytes.
fn digits(b: &[u8], min: u8, max: u8, leading_zero: bool) -> bool {
    let n = b.len();
    n >= usize::from(min)
        && n <= usize::from(max)
        && b.iter().all(u8::is_ascii_digit)
        && (leading_zero || b.first() != Some(&b'0'))
}

/// `^[A-Z]{5}[0-9]{4}[A-Z]$`.
#[inline(never)]
pub fn is_pan(s: &str) -> bool {
    is_pan_bytes(s.as_bytes())
}

/// [`is_pan`] over bytes (the one pass reads a PAN where it stands in the JSON text): `true` only
/// for ten ASCII letters and digits.
#[inline]
pub fn is_pan_bytes(b: &[u8]) -> bool {
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
#[inline(never)]
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
/// One pass with the class table (it was four: both ends, a window search for two spaces, the
/// characters; bench/targets.md, "Session 10: formats and rules in the check").
#[inline(never)]
pub fn is_name(s: &str) -> bool {
    let b = s.as_bytes();
    // `prev` starts as a space, so a leading space is a "double" one.
    let mut prev = b' ';
    for &c in b {
        if class(c) & NAME == 0 || (c == b' ' && prev == b' ') {
            return false;
        }
        prev = c;
    }
    // Not empty (`prev` is still the start's space) and no trailing space.
    prev != b' '
}

/// `header_text`: visible ASCII (U+0021 to U+007E) and spaces, no space at either end. What an
/// HTTP header carries exactly as given (`fetch` would strip end spaces and refuse CR, LF, NUL).
#[inline(never)]
pub fn is_header_text(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().all(|c| (0x20..=0x7e).contains(c))
}

/// `uuid`: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hex digits of either case. Every byte a hex
/// digit or `-`, `-` at the four dash positions and four `-` in all (so nowhere else): per byte
/// one lookup and one count, no per-position test.
#[inline(never)]
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 36 {
        return false;
    }
    let mut other = false;
    let mut dashes = 0u32;
    for &c in b {
        let k = class(c);
        other |= k & (HEX | DASH) == 0;
        dashes += u32::from(k & DASH != 0);
    }
    !other
        && dashes == 4
        && b.get(8) == Some(&b'-')
        && b.get(13) == Some(&b'-')
        && b.get(18) == Some(&b'-')
        && b.get(23) == Some(&b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The email check as it was before the class table (session 8): the reference.
    fn email_reference(s: &str) -> bool {
        let b = s.as_bytes();
        let Some(at) = b.iter().position(|&c| c == b'@') else {
            return false;
        };
        let (local, domain) = (&b[..at], &b[at + 1..]);
        let local_ok = match (local.first(), local.last()) {
            (Some(first), Some(last)) => {
                !matches!(first, b'.' | b'_')
                    && !matches!(last, b'.' | b'_')
                    && local
                        .iter()
                        .all(|&c| c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_.{|}~`".contains(&c))
                    && !local.windows(2).any(|w| w == b"..")
            }
            _ => false,
        };
        let mut labels = 0;
        let mut tld_ok = false;
        for l in domain.split(|&c| c == b'.') {
            let ok = !l.is_empty()
                && l.first() != Some(&b'-')
                && l.last() != Some(&b'-')
                && l.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-');
            if !ok {
                return false;
            }
            labels += 1;
            tld_ok = l.len() >= 2 && l.iter().all(u8::is_ascii_alphabetic);
        }
        local_ok && labels >= 2 && tld_ok
    }

    fn uuid_reference(s: &str) -> bool {
        let b = s.as_bytes();
        b.len() == 36
            && b.iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_hexdigit(),
            })
    }

    /// Calls `f` with every string of up to `max_len` bytes over `alphabet` (ASCII).
    fn each_string(alphabet: &[u8], max_len: u32, mut f: impl FnMut(&str)) {
        let mut buf = Vec::new();
        for len in 0..=max_len {
            for mut n in 0..alphabet.len().pow(len) {
                buf.clear();
                for _ in 0..len {
                    buf.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                f(std::str::from_utf8(&buf).unwrap());
            }
        }
    }

    /// Calls `f` with `base` with each of its bytes replaced by every byte value in turn (the
    /// results that are UTF-8).
    fn each_byte_at_each_place(base: &str, mut f: impl FnMut(&str)) {
        for pos in 0..base.len() {
            for v in 0..=255u8 {
                let mut b = base.as_bytes().to_vec();
                b[pos] = v;
                if let Ok(s) = std::str::from_utf8(&b) {
                    f(s);
                }
            }
        }
    }

    /// The table-driven email and UUID checks give the reference's answer: on every string of
    /// up to 6 bytes over an alphabet of the bytes that matter, on every byte value at every
    /// position of a valid email and UUID, and on 300,000 pseudo-random longer strings.
    #[test]
    fn email_and_uuid_agree_with_the_reference() {
        each_string(b"a-.@_Z9", 6, |s| {
            assert_eq!(is_email(s), email_reference(s), "{s:?}");
        });
        let bases = [
            "jane.doe@example.com",
            "a!#$%&'*+-/=?^_{|}~`z@ex-ample.co.uk",
            "x@a-b.cd",
            "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
            "16CD33D2-CF0A-66AD-8150-CB39E9B9FF27",
        ];
        for base in bases {
            each_byte_at_each_place(base, |s| {
                assert_eq!(is_email(s), email_reference(s), "{s:?}");
                assert_eq!(is_uuid(s), uuid_reference(s), "{s:?}");
            });
        }
        let mut buf = Vec::new();
        let pool = b"ab.-@_Z9f!~.-A0";
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..300_000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let len = (seed >> 58) as usize % 40;
            let mut r = seed;
            buf.clear();
            for i in 0..len {
                if i % 10 == 9 {
                    r = r.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                }
                buf.push(pool[(r >> (i % 10 * 6)) as usize % pool.len()]);
            }
            let s = std::str::from_utf8(&buf).unwrap();
            assert_eq!(is_email(s), email_reference(s), "{s:?}");
        }
        // Random UUID-shaped strings with a few bytes changed.
        for _ in 0..100_000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let mut b = bases[3].as_bytes().to_vec();
            b[(seed >> 40) as usize % 36] = pool[(seed >> 20) as usize % pool.len()];
            b[(seed >> 50) as usize % 36] = pool[(seed >> 10) as usize % pool.len()];
            let s = std::str::from_utf8(&b).unwrap();
            assert_eq!(is_uuid(s), uuid_reference(s), "{s:?}");
        }
    }

    /// The name check as it was before the class table (session 10): the reference.
    fn name_reference(s: &str) -> bool {
        if s.is_empty()
            || s.starts_with(' ')
            || s.ends_with(' ')
            || s.as_bytes().windows(2).any(|w| w == b"  ")
        {
            return false;
        }
        s.bytes().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, b'(' | b')' | b'.' | b'-' | b'_' | b' ')
        })
    }

    /// The one-pass name check gives the reference's answer on every string of up to 7 bytes
    /// over the bytes that matter, and on every byte value at every position of three names.
    #[test]
    fn name_agrees_with_the_reference() {
        each_string(b" a(_Z9!", 7, |s| {
            assert_eq!(is_name(s), name_reference(s), "{s:?}");
        });
        for base in ["Ravi Kumar", "A", "J. (Jr) O-Neil_2"] {
            each_byte_at_each_place(base, |s| {
                assert_eq!(is_name(s), name_reference(s), "{s:?}");
            });
        }
    }

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
