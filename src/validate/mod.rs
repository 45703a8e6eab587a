//! Validates an operation's input and collects every issue (docs/providers.md#common): per-field
//! checks in spec order, then unknown keys, then the operation's named cross-field rules. Values
//! are never trimmed or rewritten. A text is read by the operation's generated validators: the
//! one pass (`scan.rs`, module `check`), and, when it does not accept, the reporter
//! (`report.rs`, module `report`). The table interpreter over a tree (`tree.rs`) is their oracle,
//! outside the wasm package.

use alloc::{string::String, vec, vec::Vec};

#[doc(hidden)] // not API: the issue records the wasm boundary passes to JS
pub mod records;
pub mod report;
pub mod scan;
#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
#[doc(hidden)] // not API: the oracle of the generated validators
pub mod tree;

#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
pub use tree::{issues_in, issues_tree, report_text};

use crate::json;
use crate::rules::{Arg, CivilDate, Code, Issue, Msg};
use crate::schema::{OnePass, Operation, Reporter};
use scan::Scan;
use serde_json::{Number, Value};

/// At most this many issues are reported for one input (defined in the vocabulary, which the
/// code generator writes into the package's JS glue too).
pub use crate::rules::limits::MAX_ISSUES;

/// Validates `input` for `op`; `today` is the current UTC date (for past dates and ages).
/// `Ok(())` means the input may be sent as it is.
pub fn validate(op: &Operation, input: &Value, today: CivilDate) -> Result<(), Vec<Issue>> {
    verdict(issues(op, input, today))
}

/// Every issue of `input` for `op` (empty when valid): the input is written as JSON text
/// ([`value_text`]) and read by the generated validators, as text from JS is.
pub fn issues(op: &Operation, input: &Value, today: CivilDate) -> Vec<Issue> {
    issues_text(op, &value_text(input), today)
}

/// Containers nested this deep are written empty by [`value_text`]: no spec nests nearly as
/// deep (the code generator refuses one that does), so no check reads what is left out, and
/// the text stays within the readers' nesting limit.
pub const VALUE_DEPTH: usize = 64;

/// `input` as JSON text for the validators. What the checks cannot tell apart is written the
/// same way: a number's checks ask only whether it is whole and, when it is a safe integer, its
/// value, so a number that is not whole is written `0.5`, and a whole one beyond ±2^63 as
/// `±1e300` (both unsafe integers); arrays and objects below [`VALUE_DEPTH`] levels as empty
/// ones. No float formatting, and no recursion deeper than that.
pub fn value_text(input: &Value) -> String {
    let mut out = String::new();
    push_value(&mut out, input, VALUE_DEPTH, write_number);
    out
}

/// Appends `v` as compact JSON text, with containers `depth` levels down written empty and each
/// number by `number`: the one walk of a `Value` into JSON, for [`value_text`] (with
/// [`VALUE_DEPTH`] and [`write_number`]) and for the wire (`encode::push_json`: no depth limit,
/// numbers exactly as serde_json writes them).
pub(crate) fn push_value(
    out: &mut String,
    v: &Value,
    depth: usize,
    number: fn(&Number, &mut String),
) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => number(n, out),
        Value::String(s) => push_json_string(out, s),
        Value::Array(_) if depth == 0 => out.push_str("[]"),
        Value::Object(_) if depth == 0 => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_value(out, item, depth - 1, number);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_string(out, k);
                out.push(':');
                push_value(out, item, depth - 1, number);
            }
            out.push('}');
        }
    }
}

/// A number as [`value_text`] writes it (see there).
fn write_number(n: &Number, out: &mut String) {
    if let Some(u) = n.as_u64() {
        return push_u64(out, u);
    }
    if let Some(i) = n.as_i64() {
        out.push('-');
        return push_u64(out, i.unsigned_abs());
    }
    let f = n.as_f64().unwrap_or(0.5);
    if !json::is_whole(f) {
        out.push_str(if f < 0.0 { "-0.5" } else { "0.5" });
    } else if f.abs() < 9.2e18 {
        // Whole and within i64: exact.
        if f < 0.0 {
            out.push('-');
        }
        push_u64(out, f.abs() as u64);
    } else {
        out.push_str(if f < 0.0 { "-1e300" } else { "1e300" });
    }
}

/// Appends `n` in decimal: vocab's one decimal writer (also `encode::number_text`'s integers).
pub(crate) use crate::rules::messages::push_u64;

/// Every issue of the JSON `text` for `op` (empty when valid): the validation path of the wasm
/// package. The operation's generated one-pass validator reads the text first; only when it does
/// not accept it does the generated reporting validator ([`report`]) read it again and collect
/// every issue, without a tree. Text that is not JSON is one issue at the root.
pub fn issues_text(op: &Operation, text: &str, today: CivilDate) -> Vec<Issue> {
    let mut scan = Scan::with_today(text, today);
    if (op.one_pass.0)(&mut scan).is_ok() {
        return Vec::new();
    }
    report::report(op, text, today)
}

/// `Ok` when the JSON `text` is valid for `op` as it is, else every issue: the verdict without
/// a value, for callers that hold the text (an edge function forwarding a request body).
///
/// ```
/// use customer_update::{operation, rules::CivilDate, validate::check_text};
/// let op = operation("m2p.updateCustomerStatus").unwrap();
/// let today = CivilDate::new(2026, 1, 1).unwrap();
/// assert!(check_text(op, r#"{"entityId":"E1","status":"BLOCKED","currentStatus":"ACTIVE"}"#, today).is_ok());
/// let issues = check_text(op, r#"{"entityId":"E1","status":"CLOSED","currentStatus":"CLOSED"}"#, today).unwrap_err();
/// assert_eq!(issues[0].path_string(), "status");
/// assert_eq!(issues[0].code.as_str(), "invalid_transition");
/// ```
pub fn check_text(op: &Operation, text: &str, today: CivilDate) -> Result<(), Vec<Issue>> {
    verdict(issues_text(op, text, today))
}

/// [`check_text`] over bytes that should be UTF-8 JSON text, with today's date read from
/// `clock` only when a check needs it (the wasm package's path: the date comes from
/// `Date.now()` across the boundary, so valid inputs without dates never ask).
pub fn check_bytes(
    op: &Operation,
    bytes: &[u8],
    clock: fn() -> CivilDate,
) -> Result<(), Vec<Issue>> {
    // The one pass reads the bytes as they are: it accepts only UTF-8 (see `Scan::bytes`).
    let mut scan = Scan::bytes(bytes, clock);
    if (op.one_pass.0)(&mut scan).is_ok() {
        return Ok(());
    }
    let Some(text) = utf8(bytes) else {
        return Err(vec![not_utf8()]);
    };
    verdict(report::report(op, text, scan.today()))
}

/// [`check_bytes`] with the issues of a refused input written as compact records into `out`
/// (`records`; its buffers reused): `true` when the input is valid (`out` then holds no issue,
/// or is untouched when the one pass accepted). The wasm package's path: no [`Issue`] is built
/// for the reporting validator's issues. A text the one pass leaves to the reporter (an escape,
/// a repeated key) is valid when the reporter finds no issue.
pub fn check_bytes_into(
    op: &Operation,
    bytes: &[u8],
    clock: fn() -> CivilDate,
    out: &mut records::Records,
) -> bool {
    check_bytes_with(op.one_pass, op.report, bytes, clock, out)
}

/// [`check_bytes_into`] with an operation's generated validators (its `one_pass` and `report`)
/// rather than the operation: the wasm's `checkInput` reads them from
/// [`crate::generated::VALIDATORS`].
pub fn check_bytes_with(
    one_pass: OnePass,
    report: Reporter,
    bytes: &[u8],
    clock: fn() -> CivilDate,
    out: &mut records::Records,
) -> bool {
    // The one pass reads the bytes as they are: it accepts only UTF-8 (see `Scan::bytes`), so
    // the whole text is checked as UTF-8 only when the reporter is to read it.
    let mut scan = Scan::bytes(bytes, clock);
    if (one_pass.0)(&mut scan).is_ok() {
        return true;
    }
    let Some(text) = utf8(bytes) else {
        out.encode_into(&[not_utf8()]);
        return false;
    };
    // Today as the one pass found it, if it read it; else read only if the report needs it.
    report::report_into_with(report, text, scan.known_today(), clock, out);
    out.count() == 0
}

/// `bytes` as text when they are UTF-8. Where the one pass is built (the speed and full wasm,
/// native builds) `str::from_utf8`: its scanner links that already. In the size build of the
/// validators-only wasm, [`utf8_bytes`].
#[cfg(any(
    feature = "requests",
    feature = "one-pass",
    not(target_arch = "wasm32")
))]
fn utf8(bytes: &[u8]) -> Option<&str> {
    core::str::from_utf8(bytes).ok()
}

/// [`utf8`] in the size build of the validators-only wasm.
#[cfg(not(any(
    feature = "requests",
    feature = "one-pass",
    not(target_arch = "wasm32")
)))]
fn utf8(bytes: &[u8]) -> Option<&str> {
    utf8_bytes(bytes)
}

/// `bytes` as text when they are UTF-8: exactly what `core::str::from_utf8` accepts (the
/// tests compare the two on every sequence of up to three bytes and on every four-byte
/// character with its neighbours), read one byte at a time. Not `from_utf8` itself in the z
/// wasm: core's is precompiled at opt-level 3 with a word-at-a-time ASCII path, 680 B raw of
/// that wasm for a check that runs only on a text the reporter is to read. (In the builds with
/// the one pass the scanner links `from_utf8` anyway; there this loop would add bytes: +122 B
/// gzip -9 of the full wasm, measured.)
#[cfg_attr(
    any(
        feature = "requests",
        feature = "one-pass",
        not(target_arch = "wasm32")
    ),
    allow(dead_code)
)]
fn utf8_bytes(bytes: &[u8]) -> Option<&str> {
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        i += 1;
        if c < 0x80 {
            continue;
        }
        // How many continuation bytes follow, and the range of the first one (the others are
        // 80..=BF): no overlong form, no surrogate, nothing above U+10FFFF.
        let (n, low, high) = match c {
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xE1..=0xEF => (2, 0x80, 0xBF),
            0xF0 => (3, 0x90, 0xBF),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => return None,
        };
        let first = *bytes.get(i)?;
        if first < low || first > high {
            return None;
        }
        for k in 1..n {
            if bytes.get(i + k)? & 0xC0 != 0x80 {
                return None;
            }
        }
        i += n;
    }
    // SAFETY: the loop above went through every byte of `bytes` (`i` only moves past a byte it
    // read, or past continuation bytes it checked) and returned `None` at the first that is
    // not part of a well-formed UTF-8 sequence as the Unicode standard's table 3-7 gives them
    // (the ranges of the match and the first continuation byte; every later one 80..=BF),
    // which is what `str::from_utf8` accepts: so `bytes` is UTF-8.
    Some(unsafe { core::str::from_utf8_unchecked(bytes) })
}

/// The issue of bytes that are not UTF-8.
fn not_utf8() -> Issue {
    Issue::of(
        Vec::new(),
        Code::InvalidType,
        Msg::Unreadable,
        vec![Arg::Str("The input"), Arg::Str("it is not UTF-8 text")],
    )
}

/// No issue is `Ok`; any issue, `Err` with all of them.
fn verdict(issues: Vec<Issue>) -> Result<(), Vec<Issue>> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

/// The issue for a text that cannot be read as JSON; `what` names it ("The input").
pub fn unreadable(what: &'static str, e: &json::Error) -> Issue {
    let (msg, args) = e.message(what);
    Issue::of(Vec::new(), Code::InvalidType, msg, args)
}

/// Characters (Unicode scalar values) in `s`: its bytes that do not continue a UTF-8 sequence.
/// (`str::chars().count()` is core's unrolled `do_count_chars`, ≈ 0.8 KB raw in any wasm that
/// calls it: every count in this crate's library code is this one.)
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| (*b as i8) >= -0x40).count()
}

/// A key as shown in a message: at most 64 characters, so a hostile key stays readable. Counted
/// with `char_count`: `chars().count()` kept core's unrolled `do_count_chars` (809 B raw) in the
/// validators-only wasm for this cold path alone. Cut at the byte where the 62nd character
/// starts (not `chars().take(61).collect()`, which kept `String`'s `Extend<char>` and the UTF-8
/// encoder in that wasm).
fn clip(key: &str) -> String {
    // One loop: the characters (bytes that do not continue a sequence) and where the 62nd starts.
    let (mut chars, mut end) = (0, key.len());
    for (i, b) in key.bytes().enumerate() {
        if (b as i8) >= -0x40 {
            if chars == 61 {
                end = i;
            }
            chars += 1;
        }
    }
    let mut s = String::new();
    if chars <= 64 {
        s.push_str(key);
    } else {
        s.push_str(key.get(..end).unwrap_or(key));
        s.push_str("...");
    }
    s
}

/// Issues as a JSON array of `{ path, code, message, format?, fields? }` (`rules::shapes::ISSUE`),
/// English messages: the JSON of Rust callers (`client::result_json`, `unified::failure_json`).
/// JavaScript callers never get this text: the wasm hands every issue over as records
/// (`validate::records`), which the JS glue renders with the message catalogs.
pub fn issues_to_json(issues: &[Issue]) -> String {
    let mut w = json::Writer::new();
    w.issues(issues);
    w.finish()
}

/// `s` as a JSON string literal, escaped byte for byte as serde_json escapes it (`\"`, `\\`,
/// `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`). The one JSON string
/// escaper: issues, the result writer (`json::Writer`) and request values (`encode`) use it.
pub fn push_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        run = i + 1;
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(
                HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
            ));
            out.push(char::from(
                HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0'),
            ));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    /// `utf8_bytes` accepts exactly what `str::from_utf8` accepts: every sequence of one, two and
    /// three bytes; every lead byte followed by every three continuation-or-not bytes from a
    /// sample around each boundary; and those inside and around ASCII and valid text.
    #[test]
    fn utf8_accepts_what_from_utf8_accepts() {
        let same = |b: &[u8]| {
            assert_eq!(super::utf8(b), core::str::from_utf8(b).ok(), "{b:x?}");
        };
        same(&[]);
        for a in 0..=255u8 {
            same(&[a]);
            for b in 0..=255u8 {
                same(&[a, b]);
                for c in 0..=255u8 {
                    same(&[a, b, c]);
                }
            }
        }
        let edges = [
            0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0,
            0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
        ];
        for a in 0..=255u8 {
            for &b in &edges {
                for &c in &edges {
                    for &d in &edges {
                        same(&[a, b, c, d]);
                        same(&[b'x', a, b, c, d, b'y']);
                        same(&[a, b, c, d, 0xc3, 0xa9]);
                    }
                }
            }
        }
        // Every four-byte character, and cut short.
        for c in (0x10000..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf).as_bytes();
            same(s);
            same(s.get(..3).unwrap());
        }
    }

    #[test]
    fn keys_are_clipped_at_64_characters_not_bytes() {
        let at_limit = "é中😀k".repeat(16); // 64 characters, 160 bytes
        assert_eq!(super::clip(&at_limit), at_limit);
        let over = format!("{at_limit}x");
        let clipped = super::clip(&over);
        assert_eq!(clipped.chars().count(), 64);
        assert_eq!(
            clipped,
            format!(
                "{}...",
                "é中😀k".repeat(16).chars().take(61).collect::<String>()
            )
        );
        // Cut after 61 characters of each width (1 to 4 bytes), and at 65 characters.
        for c in ["a", "é", "中", "😀"] {
            let key = c.repeat(65);
            assert_eq!(super::clip(&key), format!("{}...", c.repeat(61)), "{c}");
            assert_eq!(super::clip(&c.repeat(64)), c.repeat(64), "{c}");
        }
    }

    #[test]
    fn json_strings_are_escaped_like_serde_json() {
        for s in [
            "",
            "plain",
            "quote \" back \\ slash",
            "ctl \u{0}\u{1f}\n\r\t\u{8}\u{c}",
            "é 中 😀 \u{2028}",
        ] {
            let mut ours = String::new();
            super::push_json_string(&mut ours, s);
            let back: String = serde_json::from_str(&ours).unwrap();
            assert_eq!(back, s);
            assert_eq!(ours, serde_json::to_string(s).unwrap());
        }
    }

    /// `VALIDATORS` (what the wasm's `checkInput` reads) holds each operation's own validators,
    /// in the order of `OPERATIONS`: the same verdict and records as the operation's, on its
    /// example, on the example with an undeclared key and a wrong type, and on texts that are
    /// no object or no JSON.
    #[test]
    fn validators_follow_the_operation_table() {
        use super::records::Records;
        use crate::generated::{OPERATIONS, VALIDATORS};
        use crate::rules::CivilDate;
        assert_eq!(VALIDATORS.len(), OPERATIONS.len());
        let today = || CivilDate::new(2026, 1, 1).unwrap_or(CivilDate::EPOCH);
        for (op, &(one_pass, report)) in OPERATIONS.iter().zip(VALIDATORS) {
            let example = op.example.trim_end();
            let odd = format!(
                "{}, \"zz_undeclared\": 1}}",
                example.strip_suffix('}').unwrap()
            );
            let wrong = example.replacen(": \"", ": 7, \"was\": \"", 1);
            for text in [example, &odd, &wrong, "[]", "{", "{}", "null"] {
                let (mut a, mut b) = (Records::new(), Records::new());
                let by_op = super::check_bytes_into(op, text.as_bytes(), today, &mut a);
                let by_table =
                    super::check_bytes_with(one_pass, report, text.as_bytes(), today, &mut b);
                // (The first word is the side string's address.)
                let kept = |r: &Records| (r.words.get(1..).map(<[u32]>::to_vec), r.strings.clone());
                assert_eq!((by_op, kept(&a)), (by_table, kept(&b)), "{} {text}", op.id);
            }
            assert!(
                !super::check_bytes_with(
                    one_pass,
                    report,
                    odd.as_bytes(),
                    today,
                    &mut Records::new()
                ),
                "{}",
                op.id
            );
        }
    }
}
