//! Wire encodings: URL path segments, `application/x-www-form-urlencoded`, base64, UUID v4 text
//! and compact JSON text of a `serde_json::Value`. Small and exact, so no crate is pulled into the
//! wasm for them.

use alloc::{borrow::ToOwned, string::String, vec::Vec};
use serde_json::Value;

/// `v` as compact JSON text: byte for byte what serde_json writes (`Value::to_string`), without
/// serde's serializer in the wasm (its `Value` serializer, formatter and writer adapters: about
/// 1 KB gzip, measured). Numbers are written as `serde_json::Number` writes them ([`number_text`]).
pub fn json(v: &Value) -> String {
    let mut out = String::new();
    push_json(&mut out, v);
    out
}

/// `n` as text, equal to `n.to_string()` (serde_json's `Number` `Display`): integers through
/// the validation path's decimal writer (`validate::push_u64`, in the wasm anyway: no `to_string`
/// through `core::fmt` here), floats as serde_json writes them. `Number`'s own `Display` writes
/// its integers with itoa, whose code and digit table would otherwise be the wasm's only other
/// copy (bench/targets.md, "Session 14: std and generic weight").
pub fn number_text(n: &serde_json::Number) -> String {
    if let Some(u) = n.as_u64() {
        let mut out = String::new();
        crate::validate::push_u64(&mut out, u);
        out
    } else if let Some(i) = n.as_i64() {
        // Negative (a non-negative one is a `u64` above).
        let mut out = String::from("-");
        crate::validate::push_u64(&mut out, i.unsigned_abs());
        out
    } else {
        // Not an integer: a finite float (serde_json keeps no other), written as serde_json's
        // `Display` writes it.
        float_text(n.as_f64().unwrap_or_default())
    }
}

/// A finite float as serde_json writes it (zmij's `format_finite`).
#[cfg(not(all(target_arch = "wasm32", feature = "requests")))]
fn float_text(f: f64) -> String {
    zmij::Buffer::new().format_finite(f).to_owned()
}

/// A finite float as serde_json writes it, from the digits JavaScript writes (`JSON.stringify`
/// of a number is its shortest round-trip text, the digits zmij finds too; the wasm imports it
/// anyway): zmij and its tables leave the full wasm. tests/wasm.rs compares the two on random
/// doubles.
#[cfg(all(target_arch = "wasm32", feature = "requests"))]
fn float_text(f: f64) -> String {
    let text = js_sys::JSON::stringify(&wasm_bindgen::JsValue::from_f64(f.abs()))
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default();
    float_layout(f.is_sign_negative(), &text)
}

/// The shortest round-trip text of a non-negative double in any of the usual layouts (`12.5`,
/// `0.000001`, `1e+21`, `1.5e-7`, `100000000000000000000`) laid out as serde_json (zmij) writes
/// it: fixed while the first digit's power of ten is -5 to 15 (`1000000000000000.0`,
/// `0.00001`, a whole number with `.0`), else `d.ddde±x`; `-` first when `negative`.
#[cfg_attr(
    not(all(target_arch = "wasm32", feature = "requests")),
    allow(dead_code)
)]
fn float_layout(negative: bool, text: &str) -> String {
    // The significant digits, and the power of ten of the first.
    let mut digits: Vec<u8> = Vec::new();
    let mut point: i32 = 0;
    let mut seen_point = false;
    let mut exp: i32 = 0;
    let mut exp_negative = false;
    let mut in_exp = false;
    for c in text.bytes() {
        match c {
            b'e' | b'E' => in_exp = true,
            b'-' => exp_negative = true,
            b'.' => seen_point = true,
            b'0'..=b'9' if in_exp => exp = exp * 10 + i32::from(c - b'0'),
            b'0'..=b'9' => {
                if !seen_point {
                    point += 1;
                }
                if c == b'0' && digits.is_empty() {
                    // A leading zero (`0.000001`): not a significant digit, one power less.
                    point -= 1;
                } else {
                    digits.push(c);
                }
            }
            _ => {}
        }
    }
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    let e = point - 1 + if exp_negative { -exp } else { exp };
    if (-5..=15).contains(&e) {
        // Fixed: one character per power of ten, from the first digit's (or the ones') down to
        // the last digit's (or the tenths'), `0` where no digit is; zero (no digit) is `0.0`.
        let mut p = e.max(0);
        while p >= (e + 1 - digits.len() as i32).min(-1) {
            let digit = usize::try_from(e - p).ok().and_then(|i| digits.get(i));
            out.push(char::from(digit.copied().unwrap_or(b'0')));
            if p == 0 {
                out.push('.');
            }
            p -= 1;
        }
    } else {
        for (i, &d) in digits.iter().enumerate() {
            if i == 1 {
                out.push('.');
            }
            out.push(char::from(d));
        }
        out.push_str(if e < 0 { "e-" } else { "e+" });
        crate::rules::messages::push_int(&mut out, i64::from(e.unsigned_abs()));
    }
    out
}

/// Whether `a` and `b` are equal, as `a == b` (serde_json's `Value` `PartialEq`): objects of the
/// same size whose every key maps to an equal value in the other (that is the derived equality
/// for sorted maps, and the `preserve_order` map's), arrays item by item, numbers as `Number`s.
/// Through the map's `get`, which the wasm has anyway, instead of `Value`'s derived `eq`, whose
/// `BTreeMap` `eq` and slice comparison copies it would carry for this alone (diff, unified).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            if a.len() != b.len() {
                return false;
            }
            for (k, v) in a {
                match b.get(k.as_str()) {
                    Some(w) if same(v, w) => {}
                    _ => return false,
                }
            }
            true
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return false;
            }
            let mut rest = b.iter();
            for v in a {
                match rest.next() {
                    Some(w) if same(v, w) => {}
                    _ => return false,
                }
            }
            true
        }
        (Value::String(a), Value::String(b)) => a == b,
        (Value::Number(a), Value::Number(b)) => a == b,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Null, Value::Null) => true,
        _ => false,
    }
}

/// A deep copy of `v`, equal to `v.clone()` (maps filled in `v`'s iteration order): built with
/// the map's `insert`, which the wasm has anyway, instead of `Value::clone`, whose `BTreeMap`
/// `clone_subtree` and companions are about 1 KB raw more (bench/targets.md, session 8).
pub fn dup(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, v) in m {
                out.insert(k.to_owned(), dup(v));
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            let mut out = Vec::new();
            for item in items {
                out.push(dup(item));
            }
            Value::Array(out)
        }
        Value::String(s) => Value::String(s.to_owned()),
        Value::Number(n) => Value::Number(n.clone()),
        Value::Bool(b) => Value::Bool(*b),
        Value::Null => Value::Null,
    }
}

/// The keys of `map` in sorted order, whatever order the map keeps (serde_json's
/// `preserve_order` may be on in a build that includes the code generator): one function for
/// every such list, where each `collect` of `keys()` is a copy of `Vec::from_iter`. Sorted only
/// where the map does not keep them sorted itself ([`MAP_SORTED`]): in the wasm no sort is linked.
pub fn sorted_keys(map: &serde_json::Map<String, Value>) -> Vec<&str> {
    let mut keys = Vec::new();
    for (k, _) in map {
        keys.push(k.as_str());
    }
    if !MAP_SORTED {
        crate::text::sort(&mut keys);
    }
    keys
}

/// Whether serde_json's `Map` is its default `BTreeMap` (keys iterated in sorted order), not
/// `preserve_order`'s `IndexMap` (insertion order), which a crate in the same build may switch on
/// (the code generator does). Told apart by size: a `BTreeMap` is three words, an `IndexMap` a
/// table, a list and a hasher (`tests::map_sorted_says_how_maps_iterate`).
pub const MAP_SORTED: bool = core::mem::size_of::<serde_json::Map<String, Value>>()
    == core::mem::size_of::<alloc::collections::BTreeMap<String, Value>>();

/// Appends `v` as compact JSON text (see [`json`]): the validators' walk of a `Value`
/// (`crate::validate::push_value`) with no depth limit and numbers as [`number_text`] writes
/// them, rather than a second copy of it.
pub fn push_json(out: &mut String, v: &Value) {
    crate::validate::push_value(out, v, usize::MAX, |n, out| {
        out.push_str(&number_text(n));
    });
}

/// Appends `s` as a JSON string literal, escaped as serde_json escapes it (`\"`, `\\`, `\b`,
/// `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`): the project's one escaper,
/// [`crate::validate::push_json_string`].
pub fn push_json_str(out: &mut String, s: &str) {
    crate::validate::push_json_string(out, s);
}

/// Percent-encodes `s` for use as one URL path segment: everything but RFC 3986 unreserved
/// characters (`A-Z a-z 0-9 - . _ ~`) is escaped, so `/`, `?` and `#` cannot change the URL.
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            push_pct(&mut out, b);
        }
    }
    out
}

/// Form-encodes one name or value (WHATWG `application/x-www-form-urlencoded`: space is `+`,
/// `*-._` and alphanumerics stay, everything else is percent-encoded UTF-8).
pub fn form_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') {
            out.push(char::from(b));
        } else if b == b' ' {
            out.push('+');
        } else {
            push_pct(&mut out, b);
        }
    }
    out
}

fn push_pct(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(
        HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
    ));
    out.push(char::from(
        HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0'),
    ));
}

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sym = |i: u32| char::from(ALPHABET.get((i & 63) as usize).copied().unwrap_or(b'A'));
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b0 = u32::from(chunk.first().copied().unwrap_or(0));
        let b1 = u32::from(chunk.get(1).copied().unwrap_or(0));
        let b2 = u32::from(chunk.get(2).copied().unwrap_or(0));
        let n = (b0 << 16) | (b1 << 8) | b2;
        out.push(sym(n >> 18));
        out.push(sym(n >> 12));
        out.push(if chunk.len() > 1 { sym(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { sym(n) } else { '=' });
    }
    out
}

/// A version-4 UUID from 16 random bytes (sets the version and variant bits).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut s = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        for nibble in [b >> 4, b & 15] {
            s.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    s
}

/// Decodes `%XX` escapes (invalid escapes are kept as they are; invalid UTF-8 is replaced).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |j: usize| b.get(j).and_then(|h| char::from(*h).to_digit(16));
        match (c, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    utf8_lossy(out)
}

/// `String::from_utf8_lossy(&bytes).into_owned()`: each maximal invalid sequence becomes one
/// U+FFFD (as `TextDecoder` and `Response.text()` do). Written over `str::from_utf8`, which the
/// wasm has anyway: std's lossy decoder and its chunk iterator cost about 1 KB raw, measured.
pub fn utf8_lossy(bytes: Vec<u8>) -> String {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return text,
        Err(e) => e.into_bytes(),
    };
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes.as_slice();
    loop {
        match core::str::from_utf8(rest) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(e) => {
                let (good, bad) = rest
                    .split_at_checked(e.valid_up_to())
                    .unwrap_or((rest, &[]));
                out.push_str(core::str::from_utf8(good).unwrap_or_default());
                out.push('\u{FFFD}');
                match e.error_len() {
                    Some(n) => rest = bad.get(n..).unwrap_or_default(),
                    None => return out,
                }
            }
        }
    }
}

/// Decodes one form component (`+` is a space).
pub fn form_decode(s: &str) -> String {
    percent_decode(&crate::text::replace(s, "+", " "))
}

/// `serde_json::from_str::<Value>(text).ok()`: the same value for every text serde_json reads
/// (its number semantics included: integers as `u64`/`i64`, other numbers by its own float
/// arithmetic, not correctly rounded), `None` for every text it refuses (nesting deeper than its
/// recursion limit too). Written here so that the wasm carries no serde deserializer (about 10 KB
/// raw, measured); tests/parse_json.rs compares the two on generated texts. The grammar is read
/// once, by the validation path's reader (`json::check`, which names the reason: callers that
/// must say why a text cannot be read ask it), not by a second reader of this module; the tree is
/// then built from the checked text, strings by the same reader (`json::string_at`), numbers and
/// the nesting limit as serde_json reads them (`check` allows one level more, and decides a
/// number's overflow exactly).
pub fn parse_json(text: &str) -> Option<Value> {
    match crate::json::check(text) {
        Ok(()) => {}
        // `check` refuses a number that rounds to infinity, exactly; serde_json decides by its
        // own arithmetic, which keeps a few such numbers (`1.79769313486231589e308` is `f64::MAX`
        // to it). The text is then checked once more with every such number as `0` and spaces
        // (the same grammar around them), and the builder decides them as serde_json does.
        Err(e) if e.reason == crate::json::TOO_LARGE => {
            crate::json::check(&too_large_blanked(text)?).ok()?;
        }
        Err(_) => return None,
    }
    let mut p = Parser {
        text,
        at: crate::json::ws_at(text.as_bytes(), 0),
        depth: 128,
    };
    p.value()
}

/// `text` with every number past the largest double (`json::check`'s `TOO_LARGE`) written as `0`
/// and spaces, in one pass (strings copied whole, escapes skipped): one more `check` of it then
/// decides the rest of the grammar. (Blanking one number and checking the whole text again per
/// number made a text of many of them cost its length times their count: tests/parse_json.rs,
/// `many_numbers_past_the_bound`.)
fn too_large_blanked(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut at = 0;
    while let Some(&c) = b.get(at) {
        let start = at;
        match c {
            b'"' => {
                at += 1;
                while let Some(&c) = b.get(at) {
                    at += if c == b'\\' { 2 } else { 1 };
                    if c == b'"' {
                        break;
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                if crate::json::number_at(b, &mut at) == Err(crate::json::TOO_LARGE) {
                    out.push('0');
                    for _ in start + 1..at {
                        out.push(' ');
                    }
                    continue;
                }
                at = at.max(start + 1);
            }
            _ => at += 1,
        }
        // (Cuts fall at ASCII bytes or the end; one inside a character, a non-ASCII byte outside
        // a string, which no JSON text has, gives `None`: serde_json refuses such a text too.)
        out.push_str(text.get(start..at.min(b.len()))?);
    }
    Some(out)
}

/// Builds a value from a text `json::check` accepted: only the numbers (serde_json's semantics)
/// and the nesting limit (serde_json's) are read with a refusal of their own.
struct Parser<'a> {
    text: &'a str,
    at: usize,
    /// serde_json's `remaining_depth`: an array or object that brings it to 0 is refused.
    depth: u32,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn digit(&self) -> Option<u8> {
        self.peek().filter(u8::is_ascii_digit).map(|c| c - b'0')
    }

    /// Past the byte at `at` and the whitespace after it.
    fn next(&mut self) {
        self.at = crate::json::ws_at(self.text.as_bytes(), self.at + 1);
    }

    /// The string whose opening quote is at `at`.
    fn string(&mut self) -> String {
        let (s, end) = crate::json::string_at(self.text, self.at);
        self.at = end;
        s.into_owned()
    }

    /// The value at `at`, and `at` past it and the whitespace after it.
    fn value(&mut self) -> Option<Value> {
        let v = match self.peek()? {
            b'n' => {
                self.at += 4;
                Value::Null
            }
            b't' => {
                self.at += 4;
                Value::Bool(true)
            }
            b'f' => {
                self.at += 5;
                Value::Bool(false)
            }
            b'-' => {
                self.at += 1;
                self.number(false)?
            }
            b'"' => Value::String(self.string()),
            open @ (b'[' | b'{') => {
                self.depth -= 1;
                if self.depth == 0 {
                    return None;
                }
                let mut list = Vec::new();
                let mut map = serde_json::Map::new();
                self.next();
                // The checked text: items separated by `,` up to the closing bracket.
                while !matches!(self.peek()?, b']' | b'}') {
                    if open == b'[' {
                        list.push(self.value()?);
                    } else {
                        let key = self.string();
                        self.at = crate::json::ws_at(self.text.as_bytes(), self.at);
                        self.next();
                        let v = self.value()?;
                        map.insert(key, v);
                    }
                    if self.peek()? == b',' {
                        self.next();
                    }
                }
                self.depth += 1;
                self.at += 1;
                if open == b'[' {
                    Value::Array(list)
                } else {
                    Value::Object(map)
                }
            }
            _ => self.number(true)?,
        };
        self.at = crate::json::ws_at(self.text.as_bytes(), self.at);
        Some(v)
    }

    /// The number after its sign, in a text `json::check` read (so its grammar holds), as
    /// serde_json reads it (`parse_integer` … `parse_exponent_overflow`): the digits kept in a
    /// `u64` while it can take them; past that, integer digits count in the exponent and
    /// fraction digits are dropped; an integer without fraction or exponent is a `u64` or `i64`
    /// (`-0` and below `i64::MIN` a float), everything else `from_parts`.
    fn number(&mut self, positive: bool) -> Option<Value> {
        let mut sig: u64 = 0;
        let mut exp: i32 = 0;
        let mut is_float = false;
        // Digits while `sig` takes them; past the first that does not fit, an integer digit
        // counts in the exponent (`parse_long_integer`) and a fraction digit is dropped
        // (`parse_decimal_overflow`). At the point, the fraction's digits are tried again
        // (`parse_decimal`).
        let mut fraction = false;
        let mut full = false;
        loop {
            match self.peek() {
                Some(d @ b'0'..=b'9') => {
                    self.at += 1;
                    match crate::text::times_ten_plus(sig, d - b'0') {
                        Some(n) if !full => {
                            sig = n;
                            if fraction {
                                exp -= 1;
                            }
                        }
                        _ => {
                            full = true;
                            is_float = true;
                            if !fraction {
                                exp = exp.saturating_add(1);
                            }
                        }
                    }
                }
                Some(b'.') => {
                    self.at += 1;
                    fraction = true;
                    full = false;
                    is_float = true;
                }
                _ => break,
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            is_float = true;
            let negative_exp = self.peek() == Some(b'-');
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            let mut n: Option<i32> = Some(0);
            while let Some(d) = self.digit() {
                self.at += 1;
                n = n
                    .and_then(|n| n.checked_mul(10))
                    .and_then(|n| n.checked_add(i32::from(d)));
            }
            exp = match n {
                Some(n) if negative_exp => exp.saturating_sub(n),
                Some(n) => exp.saturating_add(n),
                // `parse_exponent_overflow`: refused if it would be infinite, else zero.
                None if sig != 0 && !negative_exp => return None,
                None => return Some(float(if positive { 0.0 } else { -0.0 })),
            };
        }
        if is_float {
            return from_parts(positive, sig, exp).map(float);
        }
        if positive {
            return Some(Value::from(sig));
        }
        let neg = (sig as i64).wrapping_neg();
        Some(if neg >= 0 {
            float(-(sig as f64))
        } else {
            Value::from(neg)
        })
    }
}

fn float(f: f64) -> Value {
    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// serde_json's `f64_from_parts` (without `float_roundtrip`): `sig` times or divided by the
/// power of ten, `None` past the largest double.
fn from_parts(positive: bool, sig: u64, mut exp: i32) -> Option<f64> {
    let mut f = sig as f64;
    loop {
        match pow10(exp.unsigned_abs()) {
            Some(pow) => {
                if exp >= 0 {
                    f *= pow;
                    if f.is_infinite() {
                        return None;
                    }
                } else {
                    f /= pow;
                }
                break;
            }
            None => {
                if f == 0.0 {
                    break;
                }
                if exp >= 0 {
                    return None;
                }
                f /= 1e308;
                exp += 308;
            }
        }
    }
    Some(if positive { f } else { -f })
}

/// `1eN` for N ≤ 308: the double nearest to 10^N (the value of the literal `1eN`, as in
/// serde_json's table), else `None`. Computed, not tabled: the 309 doubles are 2.5 KB of data that
/// gzip cannot shrink. Each power is worked out once ([`compute_pow10`]) and kept, so a body full
/// of large exponents costs no more than one of each. `tests::pow10_is_the_literal` compares every
/// N with the literal.
fn pow10(n: u32) -> Option<f64> {
    if n > 308 {
        return None;
    }
    let cached = cached_pow10(n);
    if cached != 0.0 {
        return Some(cached);
    }
    let value = compute_pow10(n)?;
    keep_pow10(n, value);
    Some(value)
}

/// 10^N (N ≤ 308) as a big integer, rounded to the nearest double, ties to even.
#[cfg(not(all(target_arch = "wasm32", feature = "requests")))]
fn compute_pow10(n: u32) -> Option<f64> {
    // 10^n, little-endian 32-bit limbs, multiplied up nine digits at a time.
    let mut limbs: Vec<u32> = Vec::from([1]);
    let mut left = n;
    while left > 0 {
        let step = left.min(9);
        left -= step;
        let by = 10u64.pow(step);
        let mut carry = 0u64;
        for l in limbs.iter_mut() {
            let v = u64::from(*l) * by + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
    }
    let bit = |i: usize| limbs.get(i / 32).is_some_and(|l| (l >> (i % 32)) & 1 == 1);
    let top = limbs.last().copied().unwrap_or(0);
    let len = (limbs.len() - 1) * 32 + (32 - top.leading_zeros() as usize);
    // The top 64 bits, with every lower bit folded into the last one (a sticky bit): `as f64`
    // then rounds them to 53 bits exactly as the whole number would round.
    let shift = len.saturating_sub(64);
    let mut m = 0u64;
    for i in (shift..len).rev() {
        m = (m << 1) | u64::from(bit(i));
    }
    if (0..shift).any(bit) {
        m |= 1;
    }
    Some(m as f64 * f64::from_bits((1023 + shift as u64) << 52))
}

/// 10^N (N ≤ 308) in the full wasm: the literal `1eN` read by `JSON.parse` (imported anyway:
/// every answer crosses through it), which rounds a one-digit decimal to the nearest double as the
/// literal is, so the big-integer rounding above leaves the wasm. tests/wasm.rs
/// `pow10_is_the_literal_in_the_wasm` compares every N.
#[cfg(all(target_arch = "wasm32", feature = "requests"))]
fn compute_pow10(n: u32) -> Option<f64> {
    let mut text = String::from("1e");
    crate::validate::push_u64(&mut text, u64::from(n));
    js_sys::JSON::parse(&text).ok()?.as_f64()
}

// The powers of ten worked out so far (0.0: not yet): a `Cell` per power, so reading and keeping
// one has no borrow that can panic. Natively one table per thread; in the wasm a plain static
// (`wasm::Local`, as the module's other state: std's `thread_local!` there kept its access-error
// panic, its `Debug` and `core::fmt`'s struct builder in the full wasm).
#[cfg(all(not(cu_no_std), not(target_arch = "wasm32")))]
thread_local! {
    static POW10: [core::cell::Cell<f64>; 309] = const { [const { core::cell::Cell::new(0.0) }; 309] };
}

#[cfg(all(not(cu_no_std), target_arch = "wasm32"))]
static POW10: crate::wasm::Local<[core::cell::Cell<f64>; 309]> =
    crate::wasm::Local([const { core::cell::Cell::new(0.0) }; 309]);

/// 10^n if it was worked out before, else 0.0.
#[cfg(all(not(cu_no_std), not(target_arch = "wasm32")))]
fn cached_pow10(n: u32) -> f64 {
    POW10.with(|c| c.get(n as usize).map_or(0.0, core::cell::Cell::get))
}

/// Keeps 10^n for the next call.
#[cfg(all(not(cu_no_std), not(target_arch = "wasm32")))]
fn keep_pow10(n: u32, value: f64) {
    POW10.with(|c| {
        if let Some(slot) = c.get(n as usize) {
            slot.set(value);
        }
    });
}

/// 10^n if it was worked out before, else 0.0.
#[cfg(all(not(cu_no_std), target_arch = "wasm32"))]
fn cached_pow10(n: u32) -> f64 {
    POW10.get(n as usize).map_or(0.0, core::cell::Cell::get)
}

/// Keeps 10^n for the next call.
#[cfg(all(not(cu_no_std), target_arch = "wasm32"))]
fn keep_pow10(n: u32, value: f64) {
    if let Some(slot) = POW10.get(n as usize) {
        slot.set(value);
    }
}

// The `no_std` validators-only wasm has no `thread_local!`, and builds no request (nothing there
// links this module): each power is worked out again.
#[cfg(cu_no_std)]
fn cached_pow10(_: u32) -> f64 {
    0.0
}

#[cfg(cu_no_std)]
fn keep_pow10(_: u32, _: f64) {}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    #[test]
    fn same_is_values_eq() {
        let values = [
            json!(null),
            json!(false),
            json!(true),
            json!(0),
            json!(-0.0),
            json!(0.0),
            json!(1),
            json!(1.0),
            json!(-1),
            json!(u64::MAX),
            json!(""),
            json!("a"),
            json!("1"),
            json!([]),
            json!([1]),
            json!([1, 2]),
            json!([2, 1]),
            json!([1, [2, {"a": 3}]]),
            json!([1, [2, {"a": 4}]]),
            json!({}),
            json!({"a": 1}),
            json!({"a": 1.0}),
            json!({"b": 1}),
            json!({"a": 1, "b": 2}),
            json!({"b": 2, "a": 1}),
            json!({"a": 1, "b": [2, {"c": null}]}),
            json!({"a": 1, "b": [2, {"c": false}]}),
            json!({"a": {"b": {}}}),
            json!({"a": {"b": []}}),
        ];
        for a in &values {
            for b in &values {
                assert_eq!(super::same(a, b), a == b, "{a} vs {b}");
                let (ad, bd) = (super::dup(a), super::dup(b));
                assert_eq!(super::same(&ad, &bd), a == b, "{a} vs {b}, copies");
            }
        }
    }

    #[test]
    fn map_sorted_says_how_maps_iterate() {
        let mut map = serde_json::Map::new();
        for k in ["b", "c", "a"] {
            map.insert(k.into(), Value::Null);
        }
        let order: Vec<&str> = map.keys().map(String::as_str).collect();
        let want: &[&str] = if super::MAP_SORTED {
            &["a", "b", "c"]
        } else {
            &["b", "c", "a"]
        };
        assert_eq!(order, want);
        assert_eq!(super::sorted_keys(&map), ["a", "b", "c"]);
    }

    /// Doubles at the edges of the float layouts (fixed and exponent, ties, the extremes), for
    /// `number_text` and the float layout.
    const FLOATS: &[f64] = &[
        0.0,
        -0.0,
        0.5,
        -1.5,
        1.0,
        91.0,
        10.0,
        1e15,
        1e16,
        1e20,
        1e21,
        1e22,
        1.5e-7,
        1e-5,
        1e-6,
        1.25e-5,
        123.456,
        0.1 + 0.2,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        5e-324,
        9_007_199_254_740_993.0,
        1.2345678901234568e17,
        999_999_999_999_999.9,
    ];

    #[test]
    fn number_text_is_numbers_display() {
        let mut numbers: Vec<serde_json::Number> = Vec::new();
        for u in [
            0u64,
            1,
            9,
            10,
            99,
            100,
            12_345,
            u64::from(u32::MAX),
            i64::MAX as u64,
        ] {
            numbers.push(u.into());
        }
        for u in [i64::MAX as u64 + 1, u64::MAX - 1, u64::MAX] {
            numbers.push(u.into());
        }
        for i in [
            -1i64,
            -9,
            -10,
            -12_345,
            i64::from(i32::MIN),
            i64::MIN + 1,
            i64::MIN,
        ] {
            numbers.push(i.into());
        }
        for &f in FLOATS {
            numbers.push(serde_json::Number::from_f64(f).unwrap());
        }
        for text in [
            "1e300",
            "-0",
            "-0.0",
            "18446744073709551616",
            "-9223372036854775809",
        ] {
            numbers.push(serde_json::from_str(text).unwrap());
        }
        for n in &numbers {
            assert_eq!(super::number_text(n), n.to_string(), "{n:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn number_text_is_numbers_display_any(u: u64, i: i64, bits: u64) {
            for n in [serde_json::Number::from(u), serde_json::Number::from(i)] {
                proptest::prop_assert_eq!(super::number_text(&n), n.to_string());
            }
            if let Some(n) = serde_json::Number::from_f64(f64::from_bits(bits)) {
                proptest::prop_assert_eq!(super::number_text(&n), n.to_string());
            }
        }
    }

    /// The layout of serde_json's float text from the other usual layouts of the same digits:
    /// Rust's `{}` (always fixed) and `{:e}`, and JavaScript's (`1e+21`, fixed from 1e-7 to
    /// 1e21, no `.0`).
    #[test]
    fn float_layout_is_zmijs() {
        // Rust's digits are zmij's but at a tie of two shortest texts (`1658206780088562.25`:
        // Rust `.3`, zmij and JavaScript `.2`, the even one): there the laid-out text has
        // zmij's layout and length and reads back as the same double.
        let mut ties = 0;
        let mut check = |f: f64| {
            let want = zmij::Buffer::new().format_finite(f).to_owned();
            let neg = f.is_sign_negative();
            for text in [format!("{}", f.abs()), format!("{:e}", f.abs())] {
                let got = super::float_layout(neg, &text);
                if got != want {
                    ties += 1;
                    assert_eq!(got.len(), want.len(), "{f:?} {text}");
                    assert_eq!(got.parse::<f64>().ok(), Some(f), "{f:?} {text}");
                }
            }
            assert_eq!(super::float_text(f), want, "{f:?}");
        };
        for &f in FLOATS {
            check(f);
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if f.is_finite() {
                check(f);
            }
            // Numbers people write: a few digits at every scale.
            check((x % 100_000) as f64 / 10f64.powi((x >> 40) as i32 % 30 - 10));
        }
        assert!(ties < 2_000, "{ties} ties");
        // JavaScript's own layouts of the same numbers.
        for (js, want) in [
            ("1e+21", "1e+21"),
            ("1.5e-7", "1.5e-7"),
            ("100000000000000000000", "1e+20"),
            ("1000000000000000", "1000000000000000.0"),
            ("0.000001", "1e-6"),
            ("0.00001", "0.00001"),
            ("91", "91.0"),
            ("12.5", "12.5"),
            ("5e-324", "5e-324"),
            ("1.7976931348623157e+308", "1.7976931348623157e+308"),
            ("0", "0.0"),
        ] {
            assert_eq!(super::float_layout(false, js), want, "{js}");
        }
        assert_eq!(super::float_layout(true, "0"), "-0.0");
    }

    #[test]
    fn pow10_is_the_literal() {
        for n in 0..=308u32 {
            let literal: f64 = format!("1e{n}").parse().unwrap();
            assert_eq!(super::pow10(n), Some(literal), "1e{n}");
            assert_eq!(super::pow10(n), Some(literal), "1e{n}, cached");
        }
        assert_eq!(super::pow10(309), None);
    }

    #[test]
    fn utf8_lossy_is_std() {
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                inputs.push(vec![a, b]);
                inputs.push(vec![b'x', a, b, b'y']);
            }
        }
        for lead in [0xe0u8, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xc2] {
            for b in 0x70..=0xc0u8 {
                for c in [0x41u8, 0x80, 0x9f, 0xa0, 0xbf, 0xc0] {
                    inputs.push(vec![lead, b, c]);
                    inputs.push(vec![lead, b, c, 0x80, b'z']);
                }
            }
        }
        inputs.push("é中😀".as_bytes().to_vec());
        inputs.push(Vec::new());
        for bytes in inputs {
            assert_eq!(
                super::utf8_lossy(bytes.clone()),
                String::from_utf8_lossy(&bytes),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn json_text_is_serde_jsons() {
        let every_byte: String = (0u32..0x80).filter_map(char::from_u32).collect();
        let mut values = vec![
            Value::Null,
            json!(true),
            json!(false),
            json!(""),
            json!(every_byte),
            json!("é 中 😀 \u{2028}\u{7f} \"q\" \\"),
            json!(0),
            json!(-0.0),
            json!(1.0),
            json!(0.1),
            json!(1e21),
            json!(1.5e-7),
            json!(5e-324),
            json!(f64::MAX),
            json!(u64::MAX),
            json!(i64::MIN),
            json!([]),
            json!({}),
            json!({"b": [1, {"c": null}], "a": "x\ny", "": [[], {}]}),
        ];
        for (i, c) in every_byte.chars().enumerate() {
            values.push(json!({ c.to_string(): [c.to_string(), i] }));
        }
        for v in values {
            assert_eq!(super::json(&v), v.to_string());
            assert_eq!(super::json(&v), serde_json::to_string(&v).unwrap());
            // `dup` is `clone`: equal, and the same text (key order included).
            assert_eq!(super::dup(&v), v.clone());
            assert_eq!(super::json(&super::dup(&v)), super::json(&v));
        }
    }
}
