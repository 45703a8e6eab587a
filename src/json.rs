//! The JSON reader of the validation path. [`check`] reads a text for its grammar only (no
//! tree, an allocation only for a string that holds an escape); the generated reporting
//! validators then read the values they check at their offsets (`string_at`, `number_at`).
//! [`parse`] reads a text into a tree of borrowed strings ([`Json`]): the table interpreter's
//! reader, kept with it as the generated validators' oracle (not in the wasm package).
//!
//! Semantics follow `JSON.parse`: a repeated key keeps its first position and its last value;
//! numbers are IEEE doubles. Beyond `JSON.parse` it refuses what cannot be sent as UTF-8 JSON
//! (an unpaired surrogate escape), numbers that overflow a double, and nesting deeper than
//! [`MAX_DEPTH`].
//!
//! [`Writer`] is the other direction: the one writer of the JSON results the package returns
//! (built request, diff, `toProvider`, provider metadata, client result, issues for Rust callers),
//! with keys from their one description (`rules::shapes::key`).

use crate::rules::shapes::key;
use crate::rules::{Issue, PathSeg};
use alloc::borrow::Cow;
use alloc::{borrow::ToOwned, string::String, vec, vec::Vec};

/// Deepest nesting of arrays and objects read (as serde_json's default recursion limit).
pub const MAX_DEPTH: usize = 128;

/// A number as an integer the way JavaScript sends one (defined with the rule vocabulary, which
/// the share-sum rule reads it through).
pub use customer_update_vocab::{is_whole, safe_integer};

#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
/// A JSON value borrowing from the text it was read from.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
    Arr(Vec<Json<'a>>),
    Obj(Obj<'a>),
}

#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
/// An object's members in the order written, each key once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Obj<'a>(Vec<(Cow<'a, str>, Json<'a>)>);

#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
impl<'a> Obj<'a> {
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
impl<'a> Json<'a> {
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(n) => Some(*n),
            _ => None,
        }
    }

    /// The number as a [`safe_integer`].
    pub fn as_integer(&self) -> Option<i64> {
        self.as_f64().and_then(safe_integer)
    }

    pub fn as_object(&self) -> Option<&Obj<'a>> {
        match self {
            Json::Obj(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Arr(a) => Some(a),
            _ => None,
        }
    }

    /// `self[key]` for an object.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object()?.get(key)
    }

    /// A view of a `serde_json::Value` (for Rust callers that hold one); strings are borrowed.
    /// Arrays and objects nested deeper than [`MAX_DEPTH`] are viewed as empty: no spec nests
    /// that deep, so no rule reads them, and the view never recurses without bound.
    pub fn from_value(v: &'a serde_json::Value) -> Json<'a> {
        view(v, 0)
    }
}

#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
fn view(v: &serde_json::Value, depth: usize) -> Json<'_> {
    use serde_json::Value;
    let deep = depth >= MAX_DEPTH;
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Num(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Json::Str(Cow::Borrowed(s)),
        Value::Array(_) if deep => Json::Arr(Vec::new()),
        Value::Object(_) if deep => Json::Obj(Obj::default()),
        Value::Array(a) => Json::Arr(a.iter().map(|x| view(x, depth + 1)).collect()),
        Value::Object(m) => Json::Obj(Obj(m
            .iter()
            .map(|(k, x)| (Cow::Borrowed(k.as_str()), view(x, depth + 1)))
            .collect())),
    }
}

/// Why a text is not readable JSON, with the character offset (in bytes of UTF-8) where the
/// reader stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub reason: &'static str,
    pub at: usize,
}

impl Error {
    /// The reason in the caller's terms: the nesting and surrogate limits name themselves; a
    /// syntax error says where it is.
    pub fn describe(&self) -> String {
        match self.reason {
            NESTING | SURROGATE => self.reason.to_owned(),
            r => {
                let mut s = String::from(r);
                s.push_str(" at byte ");
                push_usize(&mut s, self.at);
                s
            }
        }
    }

    /// The `invalid_type` message of an unreadable text: what could not be read (`what`), the
    /// reason, and the byte offset where one applies. (Built whole: a `Vec::insert` of `what`
    /// kept that method's bounds panic in the validators-only wasm.)
    pub fn message(&self, what: &'static str) -> (crate::rules::Msg, Vec<crate::rules::Arg>) {
        use crate::rules::{Arg, Msg};
        match self.reason {
            NESTING | SURROGATE => (Msg::Unreadable, vec![Arg::Str(what), Arg::Str(self.reason)]),
            r => (
                Msg::UnreadableAt,
                vec![Arg::Str(what), Arg::Str(r), Arg::count(self.at)],
            ),
        }
    }
}

/// [`check`]'s reason for a number past the largest double (decided exactly).
pub(crate) const TOO_LARGE: &str = "a number is too large for a double";
const NESTING: &str = "it is nested more than 128 levels deep";
const SURROGATE: &str =
    "a text value holds an unpaired UTF-16 surrogate, which cannot be sent as UTF-8";

/// Appends `n` in decimal (without `core::fmt`, which the validators-only build avoids): vocab's
/// one decimal writer.
pub fn push_usize(out: &mut String, n: usize) {
    crate::rules::messages::push_u64(out, n as u64);
}

#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
/// Reads one JSON value that fills `text` (whitespace around it allowed).
pub fn parse(text: &str) -> Result<Json<'_>, Error> {
    let mut r = Reader::at(text, 0);
    r.ws();
    let v = r.value()?;
    r.ws();
    if r.pos < r.bytes.len() {
        return Err(r.err("unexpected text after the value"));
    }
    Ok(v)
}

/// Checks that `text` is one JSON value (whitespace around it allowed) without building
/// anything: the same texts as [`parse`] refused, with the same [`Error`] (reason and offset).
/// The reporting validators read the text at offsets once it has passed.
pub fn check(text: &str) -> Result<(), Error> {
    check_in(Reader::at(text, 0))
}

/// [`check`] of a text whose first value starts with `{` at `pos` (after the leading
/// whitespace), with `member` called on each of that object's members, in text order: its key
/// (decoded) and the offset of its value. The reporting validators read their input object's
/// members this way, so the text's grammar is checked in the same pass (the values are skipped
/// with their grammar checked): the same texts refused as [`check`], with the same [`Error`].
/// On an error, the members already handed over are to be dropped.
pub(crate) fn check_object<'a>(
    text: &'a str,
    pos: usize,
    member: &mut impl FnMut(Cow<'a, str>, usize),
) -> Result<(), Error> {
    let mut r = Reader::at(text, pos);
    r.object_members(Some(member))?;
    r.ws();
    if r.pos < r.bytes.len() {
        return Err(r.err("unexpected text after the value"));
    }
    Ok(())
}

fn check_in(mut r: Reader<'_>) -> Result<(), Error> {
    r.ws();
    r.skip()?;
    r.ws();
    if r.pos < r.bytes.len() {
        return Err(r.err("unexpected text after the value"));
    }
    Ok(())
}

/// The string whose opening quote is at `pos` in a text [`check`] accepted (escapes decoded),
/// and the offset after its closing quote.
pub(crate) fn string_at(text: &str, pos: usize) -> (Cow<'_, str>, usize) {
    let mut r = Reader::at(text, pos);
    let s = r.string().unwrap_or_default();
    (s, r.pos)
}

/// The offset after the value at `pos` in a text [`check`] accepted: the brackets and quotes
/// are matched, nothing else is read again (the grammar was checked).
pub(crate) fn skip_at(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    let mut at = pos;
    let mut depth = 0usize;
    loop {
        match b.get(at) {
            None => return at,
            Some(b'"') => {
                at += 1;
                loop {
                    // The plain run a word at a time, then the byte that ended it.
                    at += plain_run(b.get(at..).unwrap_or_default());
                    match b.get(at) {
                        None => return at,
                        Some(b'"') => break,
                        Some(b'\\') => at += 2,
                        Some(_) => at += 1,
                    }
                }
                at += 1;
            }
            Some(b'{' | b'[') => {
                depth += 1;
                at += 1;
                continue;
            }
            Some(b'}' | b']') => {
                if depth == 0 {
                    // The end of the container around a scalar.
                    return at;
                }
                depth -= 1;
                at += 1;
            }
            Some(b',' | b':' | b' ' | b'\t' | b'\n' | b'\r') if depth == 0 => return at,
            Some(_) => at += 1,
        }
        if depth == 0 {
            // A closed string or container; a scalar goes on to its delimiter.
            if let Some(b'"' | b'}' | b']') = b.get(at.saturating_sub(1)) {
                return at;
            }
        }
    }
}

/// The offset of the first non-whitespace byte at or after `pos`.
pub(crate) fn ws_at(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(pos) {
        pos += 1;
    }
    pos
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn at(text: &'a str, pos: usize) -> Reader<'a> {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos,
            depth: 0,
        }
    }

    /// [`Reader::value`] without building the value: the same errors at the same offsets.
    fn skip(&mut self) -> Result<(), Error> {
        match self.peek() {
            Some(b'"') => self.string().map(|_| ()),
            Some(b'{') => self.object_members(None),
            Some(b'[') => {
                if self.open(b']')? {
                    return Ok(());
                }
                loop {
                    self.skip()?;
                    if self.next_item(b']')? {
                        return Ok(());
                    }
                }
            }
            Some(b't') => self.word("true"),
            Some(b'f') => self.word("false"),
            Some(b'n') => self.word("null"),
            Some(b'-' | b'0'..=b'9') => {
                let mut pos = self.pos;
                let n = number_at(self.bytes, &mut pos);
                self.pos = pos;
                n.map(|_| ()).map_err(|reason| self.err(reason))
            }
            Some(_) => Err(self.err("expected a value")),
            None => Err(self.err("unexpected end of text")),
        }
    }

    fn err(&self, reason: &'static str) -> Error {
        Error {
            reason,
            at: self.pos,
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// The object whose `{` is at `pos`, read for its grammar ([`Reader::skip`]), with `member`
    /// called on each member's key (decoded) and value offset, in text order.
    /// (`None`: the members are only skipped. One copy of this loop for both uses, not one per
    /// closure type: −188 B gzip -9 of the full wasm, −216 of the validators one.)
    fn object_members(
        &mut self,
        mut member: Option<&mut dyn FnMut(Cow<'a, str>, usize)>,
    ) -> Result<(), Error> {
        if self.open(b'}')? {
            return Ok(());
        }
        loop {
            let key = self.member_key()?;
            if let Some(f) = member.as_mut() {
                f(key, self.pos);
            }
            self.skip()?;
            if self.next_item(b'}')? {
                return Ok(());
            }
        }
    }

    /// After [`Reader::enter`]: whether the container closes at once (`close` read).
    #[inline(always)]
    fn open(&mut self, close: u8) -> Result<bool, Error> {
        self.enter()?;
        let empty = self.peek() == Some(close);
        if empty {
            self.pos += 1;
            self.depth -= 1;
        }
        Ok(empty)
    }

    /// After an item of a list or object: `,` (false: another item follows) or `close` (true:
    /// the container ends, read).
    #[inline(always)]
    fn next_item(&mut self, close: u8) -> Result<bool, Error> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.ws();
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                self.depth -= 1;
                Ok(true)
            }
            Some(_) if close == b']' => Err(self.err("expected ',' or ']'")),
            Some(_) => Err(self.err("expected ',' or '}'")),
            None => Err(self.err("unexpected end of text")),
        }
    }

    /// A member's key and its `:`, the value's first byte next.
    #[inline(always)]
    fn member_key(&mut self) -> Result<Cow<'a, str>, Error> {
        match self.peek() {
            Some(b'"') => {}
            Some(_) => return Err(self.err("expected a key in double quotes")),
            None => return Err(self.err("unexpected end of text")),
        }
        let key = self.string()?;
        self.ws();
        if self.peek() != Some(b':') {
            return Err(self.err("expected ':'"));
        }
        self.pos += 1;
        self.ws();
        Ok(key)
    }

    fn word(&mut self, word: &'static str) -> Result<(), Error> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.err("expected a value"))
        }
    }

    #[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
    fn literal(&mut self, word: &'static str, v: Json<'a>) -> Result<Json<'a>, Error> {
        self.word(word).map(|()| v)
    }

    #[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
    fn value(&mut self) -> Result<Json<'a>, Error> {
        match self.peek() {
            Some(b'"') => Ok(Json::Str(self.string()?)),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.err("expected a value")),
            None => Err(self.err("unexpected end of text")),
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(NESTING));
        }
        self.pos += 1;
        self.ws();
        Ok(())
    }

    #[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
    fn array(&mut self) -> Result<Json<'a>, Error> {
        let mut items = Vec::new();
        if self.open(b']')? {
            return Ok(Json::Arr(items));
        }
        loop {
            items.push(self.value()?);
            if self.next_item(b']')? {
                return Ok(Json::Arr(items));
            }
        }
    }

    #[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
    fn object(&mut self) -> Result<Json<'a>, Error> {
        let mut members: Vec<(Cow<'a, str>, Json<'a>)> = Vec::new();
        if self.open(b'}')? {
            return Ok(Json::Obj(Obj(members)));
        }
        loop {
            let key = self.member_key()?;
            let value = self.value()?;
            members.push((key, value));
            if self.next_item(b'}')? {
                dedup(&mut members);
                return Ok(Json::Obj(Obj(members)));
            }
        }
    }

    /// A string starting at the opening quote: borrowed when it holds no escape.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.pos += 1;
        let start = self.pos;
        self.pos += plain_run(self.bytes.get(start..).unwrap_or_default());
        match self.peek() {
            Some(b'"') => {
                let s = self.text.get(start..self.pos).unwrap_or_default();
                self.pos += 1;
                return Ok(Cow::Borrowed(s));
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.err("control character in a string")),
            None => return Err(self.err("unexpected end of text")),
        }
        let mut out = String::from(self.text.get(start..self.pos).unwrap_or_default());
        loop {
            let run = self.pos;
            self.pos += plain_run(self.bytes.get(run..).unwrap_or_default());
            out.push_str(self.text.get(run..self.pos).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.err("control character in a string")),
                None => return Err(self.err("unexpected end of text")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(self.err(SURROGATE));
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.err(SURROGATE));
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else if (0xDC00..0xE000).contains(&hi) {
                    return Err(self.err(SURROGATE));
                } else {
                    hi
                };
                out.push(char::from_u32(code).ok_or_else(|| self.err(SURROGATE))?);
                return Ok(());
            }
            _ => return Err(self.err("invalid escape in a string")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.err("invalid \\u escape in a string")),
            };
            n = n * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(n)
    }

    #[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
    /// A number by the JSON grammar, as a double (see [`number_at`]).
    fn number(&mut self) -> Result<Json<'a>, Error> {
        let mut pos = self.pos;
        let n = number_at(self.bytes, &mut pos);
        self.pos = pos;
        n.map(Json::Num).map_err(|reason| self.err(reason))
    }
}

/// The number that starts at `*pos` in `bytes`, by the JSON grammar, as a double; `*pos` ends
/// after it (or where it went wrong). Up to 19 significant digits are kept exactly (more cannot
/// change whether a value is whole or within the safe integer range, the only questions the
/// rules ask of a number). Shared by the reader and the generated validators' scanner.
pub(crate) fn number_at(bytes: &[u8], pos: &mut usize) -> Result<f64, &'static str> {
    let peek = |p: usize| bytes.get(p).copied();
    let negative = peek(*pos) == Some(b'-');
    if negative {
        *pos += 1;
    }
    let first_digit = *pos;
    let mut mantissa: u64 = 0;
    let mut digits = 0u32; // significant digits kept in `mantissa`
    let mut exp: i64 = 0; // decimal exponent adjustment
    let mut any = false;
    match peek(*pos) {
        Some(b'0') => {
            *pos += 1;
            any = true;
        }
        Some(b'1'..=b'9') => {
            while let Some(b @ b'0'..=b'9') = peek(*pos) {
                push_digit(&mut mantissa, &mut digits, &mut exp, b, false);
                *pos += 1;
                any = true;
            }
        }
        _ => {}
    }
    if !any {
        return Err("invalid number");
    }
    if peek(*pos) == Some(b'.') {
        *pos += 1;
        let mut frac = false;
        while let Some(b @ b'0'..=b'9') = peek(*pos) {
            push_digit(&mut mantissa, &mut digits, &mut exp, b, true);
            *pos += 1;
            frac = true;
        }
        if !frac {
            return Err("invalid number");
        }
    }
    let digits_end = *pos;
    if let Some(b'e' | b'E') = peek(*pos) {
        *pos += 1;
        let neg = match peek(*pos) {
            Some(b'-') => {
                *pos += 1;
                true
            }
            Some(b'+') => {
                *pos += 1;
                false
            }
            _ => false,
        };
        let mut e: i64 = 0;
        let mut seen = false;
        while let Some(b @ b'0'..=b'9') = peek(*pos) {
            e = (e * 10 + i64::from(b - b'0')).min(100_000);
            *pos += 1;
            seen = true;
        }
        if !seen {
            return Err("invalid number");
        }
        exp += if neg { -e } else { e };
    }
    // Whether the value rounds to infinity is decided exactly (a computed product can overflow
    // on the last bit): by the place of the leading digit, and at 10^308 by the digits.
    let lead = exp + i64::from(digits) - 1;
    if mantissa != 0
        && (lead > 308
            || (lead == 308 && overflows(bytes.get(first_digit..digits_end).unwrap_or_default())))
    {
        return Err(TOO_LARGE);
    }
    let value = scale(mantissa, exp);
    // Below the overflow bound, a product that overflowed (or went past the largest double) is
    // the largest double.
    let value = if value.is_finite() { value } else { f64::MAX };
    Ok(if negative { -value } else { value })
}

/// The digits of 2^1024 − 2^970, the least value that rounds to infinity as a double (the
/// largest double and the next power of two meet halfway there, and the tie goes to the even
/// neighbour: infinity), least significant first: 2^54 − 1 times 2^970, digit by digit. Worked
/// out when a number needs it (one whose leading digit is at 10^308) rather than kept as 309
/// bytes of data: digits do not compress, they were 257 B gzip -9 of the validators entry's
/// wasm (bench/targets.md, "Session 12: validators wasm size").
fn overflow_digits() -> [u8; 309] {
    // Little-endian decimal digits (least significant first).
    let mut digits = [0u8; 309];
    let mut m: u64 = (1 << 54) - 1;
    for d in digits.iter_mut() {
        *d = (m % 10) as u8;
        m /= 10;
    }
    // Times 2^970 = 2^(16 · 60 + 10), at most 2^60 at a time (a digit times 2^60 plus a carry
    // fits a u64).
    let mut k = 10;
    for _ in 0..17 {
        let mut carry = 0;
        for d in digits.iter_mut() {
            let v = (u64::from(*d) << k) + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        k = 60;
    }
    digits
}

/// Whether a number whose leading significant digit is at 10^308, written with `text` (its
/// integer and fraction digits, with the point, without sign and exponent), is at least
/// 2^1024 − 2^970.
fn overflows(text: &[u8]) -> bool {
    let mut given = text
        .iter()
        .copied()
        .filter(u8::is_ascii_digit)
        .skip_while(|&b| b == b'0');
    for &bound in overflow_digits().iter().rev() {
        let bound = b'0' + bound;
        match given.next() {
            Some(d) if d == bound => {}
            Some(d) => return d > bound,
            None => return false, // the rest is zeros: below the bound
        }
    }
    true // equal to the bound, or above it by later digits
}

/// How many bytes of `rest` a string takes before its closing quote, an escape or a control
/// character. Read a word (8 bytes) at a time while 8 bytes are left, as the one pass reads
/// strings ([`crate::validate::scan::specials`]: the lowest flagged byte of a word is exact);
/// only the last few bytes one by one. (The size build of the validators-only wasm, where size
/// counts and a validation's microseconds do not, keeps the byte loop below: see
/// `schema::one_pass!` for that build.)
#[cfg(any(
    feature = "requests",
    feature = "one-pass",
    not(target_arch = "wasm32")
))]
#[inline(always)]
fn plain_run(rest: &[u8]) -> usize {
    let mut n = 0;
    while let Some(w) = rest.get(n..).and_then(<[u8]>::first_chunk::<8>) {
        let m = crate::validate::scan::specials(u64::from_le_bytes(*w));
        if m != 0 {
            // Little-endian: the lowest flag is the first special byte.
            return n + (m.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + plain_bytes(rest.get(n..).unwrap_or_default())
}

/// [`plain_run`] in the size build of the validators-only wasm: byte by byte.
#[cfg(not(any(
    feature = "requests",
    feature = "one-pass",
    not(target_arch = "wasm32")
)))]
#[inline(always)]
fn plain_run(rest: &[u8]) -> usize {
    plain_bytes(rest)
}

/// [`plain_run`] byte by byte: every build's, and the word-at-a-time reader's last few bytes.
#[inline(always)]
fn plain_bytes(rest: &[u8]) -> usize {
    let mut n = 0;
    for &b in rest {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        n += 1;
    }
    n
}

fn push_digit(mantissa: &mut u64, digits: &mut u32, exp: &mut i64, b: u8, fraction: bool) {
    if *digits < 19 {
        *mantissa = *mantissa * 10 + u64::from(b - b'0');
        if *mantissa != 0 {
            *digits += 1;
        }
        if fraction {
            *exp -= 1;
        }
    } else if !fraction {
        *exp += 1;
    }
}

/// `mantissa × 10^exp` as a double.
fn scale(mantissa: u64, exp: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let m = mantissa as f64;
    let e = exp.clamp(-400, 400) as i32;
    if e >= 0 {
        m * pow10i(e.unsigned_abs())
    } else if e >= -300 {
        m / pow10i(e.unsigned_abs())
    } else {
        m / pow10i(300) / pow10i(e.unsigned_abs() - 300)
    }
}

/// `10f64.powi(n)`, which `core` does not have: the same multiplications in the same order as
/// the compiler's `__powidf2`, which `powi` calls (square-and-multiply), so the same doubles
/// (`tests::pow10i_is_powi` compares every exponent the reader uses).
fn pow10i(mut n: u32) -> f64 {
    let mut base = 10f64;
    let mut r = 1f64;
    loop {
        if n & 1 == 1 {
            r *= base;
        }
        n >>= 1;
        if n == 0 {
            return r;
        }
        base *= base;
    }
}

#[cfg(any(test, feature = "oracle", not(target_arch = "wasm32")))]
/// Keeps each key once, at its first position with its last value (as `JSON.parse` does). Small
/// objects are checked pairwise; large ones (a hostile input) through a sorted index.
fn dedup(members: &mut Vec<(Cow<'_, str>, Json<'_>)>) {
    dedup_by(members, |v| core::mem::replace(v, Json::Null));
}

/// [`dedup`] over any members: `take` moves a value out (leaving anything behind).
pub(crate) fn dedup_by<K: AsRef<str>, V>(members: &mut Vec<(K, V)>, take: impl Fn(&mut V) -> V) {
    let n = members.len();
    if n < 2 {
        return;
    }
    // Positions (first, later) of repeated keys.
    let mut repeats: Vec<(usize, usize)> = Vec::new();
    if n <= 32 {
        for j in 1..n {
            let Some(kj) = members.get(j).map(|(k, _)| k.as_ref()) else {
                continue;
            };
            if let Some(i) = members.iter().take(j).position(|(k, _)| k.as_ref() == kj) {
                repeats.push((i, j));
            }
        }
    } else {
        // Indices ordered by (key, position): each key's members become one run, in text order.
        let mut order: Vec<usize> = (0..n).collect();
        let key = |i: usize| members.get(i).map(|(k, _)| k.as_ref()).unwrap_or_default();
        heap_sort(&mut order, |a, b| (key(a), a) < (key(b), b));
        let mut first = 0;
        for (at, &i) in order.iter().enumerate() {
            let prev = at.checked_sub(1).and_then(|p| order.get(p).copied());
            if prev.is_some_and(|p| key(p) == key(i)) {
                repeats.push((first, i));
            } else {
                first = i;
            }
        }
    }
    if repeats.is_empty() {
        return;
    }
    // Move each later value onto its key's first position (each key's repeats are listed in
    // text order, so the last wins), then drop the later members.
    let mut dropped = vec![false; n];
    for &(first, later) in &repeats {
        let value = match members.get_mut(later) {
            Some((_, v)) => take(v),
            None => continue,
        };
        if let Some((_, v)) = members.get_mut(first) {
            *v = value;
        }
        if let Some(d) = dropped.get_mut(later) {
            *d = true;
        }
    }
    // Kept members moved down in order (each swapped with the dropped one in its place), then
    // the dropped ones cut off: not `Vec::retain`, whose panic-safe body was 314 B of the z wasm.
    let mut kept = 0;
    for (at, &drop) in dropped.iter().enumerate() {
        if !drop {
            if let Some([first, .., last]) = members.get_mut(kept..=at) {
                core::mem::swap(first, last);
            }
            kept += 1;
        }
    }
    members.truncate(kept);
}

/// In-place heap sort by `less` (a few hundred bytes of wasm, where the standard library's
/// sorts add kilobytes; only hostile objects with more than 32 keys reach it).
fn heap_sort(v: &mut [usize], less: impl Fn(usize, usize) -> bool) {
    let at = |v: &[usize], i: usize| v.get(i).copied().unwrap_or_default();
    let sift = |v: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(at(v, child), at(v, child + 1)) {
            child += 1;
        }
        if !less(at(v, root), at(v, child)) {
            break;
        }
        swap(v, root, child);
        root = child;
    };
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift(v, root, n);
    }
    for end in (1..n).rev() {
        swap(v, 0, end);
        sift(v, 0, end);
    }
}

/// `v.swap(a, b)` without its bounds-check panic (whose message formats both indices: it kept
/// the integer formatting in the validators-only wasm); out of range, nothing moves.
fn swap(v: &mut [usize], a: usize, b: usize) {
    if let (Some(&x), Some(&y)) = (v.get(a), v.get(b)) {
        if let Some(s) = v.get_mut(a) {
            *s = y;
        }
        if let Some(s) = v.get_mut(b) {
            *s = x;
        }
    }
}

#[cfg(test)]
mod tests {
    /// `pow10i` is std's `powi` for every exponent `scale` passes (0..=400).
    #[test]
    fn pow10i_is_powi() {
        for n in 0..=400u32 {
            let std = 10f64.powi(n as i32);
            assert_eq!(super::pow10i(n).to_bits(), std.to_bits(), "10^{n}");
        }
    }

    /// Found by tests/parse_json.rs: `f64::MAX` written out was refused as too large.
    #[test]
    fn numbers_overflow_exactly_where_a_double_does() {
        let digits: String = super::overflow_digits()
            .iter()
            .rev()
            .map(|d| char::from(b'0' + d))
            .collect();
        let bound = digits.as_str();
        // 2^1024 − 2^970 = 1.7976931348623158e308, its last digits …97792.
        assert!(bound.starts_with("17976931348623158") && bound.ends_with("4497792"));
        let mut cases: Vec<String> = [
            "1.7976931348623157e308",
            "-1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1.797693134862315807e308",
            "1.797693134862315808e308",
            "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "0.000017976931348623157e313",
            "1e308",
            "9.99e307",
            "1e309",
            "10e307",
            "0e400",
            "0.0e999",
            "1e-400",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // At the bound, just below it and just above it (as an integer, and with a point).
        cases.push(bound.to_owned());
        let mut below = bound.as_bytes().to_vec();
        if let Some(last) = below.last_mut() {
            *last -= 1;
        }
        cases.push(String::from_utf8(below).unwrap());
        cases.push(format!("{bound}1e-1"));
        cases.push(format!("{}.{}", &bound[..1], &bound[1..]) + "e308");
        cases.push(format!("{}.{}", &bound[..1], &bound[..bound.len() - 1][1..]) + "e308");
        for digits in 2..=20 {
            let m = &"17976931348623157081"[..digits];
            for add in ["", "0", "9", "08", "079"] {
                cases.push(format!("{}.{}{add}e308", &m[..1], &m[1..]));
            }
        }
        for case in &cases {
            let std = case.parse::<f64>().unwrap();
            let mut pos = 0;
            let ours = super::number_at(case.as_bytes(), &mut pos);
            assert_eq!(pos, case.len(), "{case}");
            if std.is_infinite() {
                assert_eq!(ours, Err("a number is too large for a double"), "{case}");
            } else {
                let ours = ours.unwrap_or_else(|e| panic!("{case}: {e}"));
                assert!(ours.is_finite(), "{case}");
                let near = (ours - std).abs() <= std.abs() * 1e-15;
                assert!(near, "{case}: {ours} vs {std}");
            }
        }
    }

    #[test]
    fn the_writer_places_commas_and_escapes() {
        let mut w = super::Writer::new();
        w.open().key("a").str("x\"y\n");
        w.key("b").open_list().uint(1).opt_str(None).open().close();
        w.strs(["p", "q"]).close_list();
        w.key("c")
            .bool(false)
            .key("d")
            .opt_uint(Some(7))
            .key("e")
            .raw("{}");
        w.close();
        let text = w.finish();
        assert_eq!(
            text,
            r#"{"a":"x\"y\n","b":[1,null,{},["p","q"]],"c":false,"d":7,"e":{}}"#
        );
        serde_json::from_str::<serde_json::Value>(&text).unwrap();
    }

    use super::*;

    fn p(s: &str) -> Json<'_> {
        parse(s).unwrap()
    }

    #[test]
    fn agrees_with_serde_json_on_well_formed_text() {
        for text in [
            r#"{"a":1,"b":[true,false,null],"c":{"d":"e\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}}"#,
            "[]",
            "{}",
            " [ 1 , -2.5e3 , 0.0 , 1E-2 , 123456789012345678901234567890 ] ",
            r#""x""#,
            "-0",
        ] {
            let ours = p(text);
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, Json::from_value(&theirs), "{text}");
        }
    }

    #[test]
    fn repeated_keys_keep_first_position_and_last_value() {
        let v = p(r#"{"a":1,"b":2,"a":3}"#);
        let o = v.as_object().unwrap();
        assert_eq!(o.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(o.get("a"), Some(&Json::Num(3.0)));
        let many: String = (0..100)
            .map(|i| format!("\"k{}\":{i}", i % 40))
            .collect::<Vec<_>>()
            .join(",");
        let text = format!("{{{many}}}");
        let v = p(&text);
        let o = v.as_object().unwrap();
        assert_eq!(o.len(), 40);
        assert_eq!(o.get("k0"), Some(&Json::Num(80.0)));
        assert_eq!(o.iter().next().map(|(k, _)| k), Some("k0"));
        // Every key at its first place with its last value (the sorted path, over 32 members).
        for (k, (key, value)) in o.iter().enumerate() {
            let last = if k < 20 { k + 80 } else { k + 40 };
            assert_eq!(
                (key, value),
                (format!("k{k}").as_str(), &Json::Num(last as f64))
            );
        }
        // The pairwise path, with several repeats and dropped members between kept ones.
        let v = p(r#"{"a":1,"b":2,"a":3,"c":4,"b":5,"a":6,"d":7}"#);
        let o = v.as_object().unwrap();
        let got: Vec<_> = o.iter().map(|(k, v)| (k, v.clone())).collect();
        let want = [("a", 6.0), ("b", 5.0), ("c", 4.0), ("d", 7.0)];
        assert_eq!(got, want.map(|(k, n)| (k, Json::Num(n))));
    }

    #[test]
    fn refuses_what_json_parse_refuses_and_what_cannot_be_sent() {
        for (text, reason) in [
            ("", "unexpected end of text"),
            ("{", "unexpected end of text"),
            ("[1,]", "expected a value"),
            ("{\"a\" 1}", "expected ':'"),
            ("{a:1}", "expected a key in double quotes"),
            ("01", "unexpected text after the value"),
            ("1.", "invalid number"),
            ("NaN", "expected a value"),
            ("\"\u{1}\"", "control character in a string"),
            ("\"\\x\"", "invalid escape in a string"),
            ("\"\\ud800\"", SURROGATE),
            ("\"\\udc00\"", SURROGATE),
            ("\"\\ud800\\u0041\"", SURROGATE),
            ("1e400", "a number is too large for a double"),
        ] {
            assert_eq!(parse(text).unwrap_err().reason, reason, "{text:?}");
            // The check without a tree refuses the same texts with the same error.
            assert_eq!(check(text), parse(text).map(|_| ()), "{text:?}");
        }
        let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
        assert_eq!(parse(&deep).unwrap_err().reason, NESTING);
        assert_eq!(check(&deep), parse(&deep).map(|_| ()));
        let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(parse(&ok).is_ok());
        assert!(check(&ok).is_ok());
    }

    #[test]
    fn skip_at_ends_where_the_checking_reader_ends() {
        for value in [
            "1",
            "-0.5e3",
            "true",
            "false",
            "null",
            "\"\"",
            "\"a\\\"b\\\\\"",
            "\"}]\"",
            // Longer than a word: the plain runs read 8 bytes at a time, escapes across words.
            "\"abcdefgh\\\"ijklmnop\\\\qrstuvwxyz0123\"",
            "\"abcdefg\\\"\"",
            "\"é à ü — long enough for two words\"",
            "[]",
            "{}",
            "[1,[2,{\"a\":\"]\"}],3]",
            "{\"a\":{\"b\":[]},\"c\":\"}\"}",
            "[ 1 , 2 ]",
        ] {
            for (before, after) in [
                ("", ""),
                ("[", ",1]"),
                ("{\"k\":", "}"),
                ("[", "]"),
                ("[", " ]"),
            ] {
                let text = format!("{before}{value}{after}");
                assert!(check(&text).is_ok(), "{text}");
                let mut r = Reader::at(&text, before.len());
                r.skip().unwrap();
                assert_eq!(skip_at(&text, before.len()), r.pos, "{text}");
            }
        }
    }

    /// `plain_run` (a word at a time) against a byte-by-byte reference: every length up to
    /// 40, with each special byte (and a UTF-8 byte, which is plain) at every position.
    #[test]
    fn plain_run_reads_words_as_bytes() {
        let reference = |rest: &[u8]| {
            rest.iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len())
        };
        for len in 0..40 {
            let plain = vec![b'a'; len];
            assert_eq!(plain_run(&plain), len);
            for at in 0..len {
                for special in [
                    b'"', b'\\', 0x00, 0x1f, b'\n', 0x20, b'!', b'#', b'[', b']', 0x7f, 0x80, 0xc3,
                    0xff,
                ] {
                    let mut bytes = plain.clone();
                    bytes[at] = special;
                    assert_eq!(plain_run(&bytes), reference(&bytes), "{len} {at} {special}");
                    // A second special later in the same word: the first one counts.
                    if at + 1 < len {
                        bytes[at + 1] = b'"';
                        assert_eq!(
                            plain_run(&bytes),
                            reference(&bytes),
                            "{len} {at} {special} then a quote"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn heap_sort_sorts() {
        let mut v: Vec<usize> = (0..500).map(|i| (i * 7919) % 503).collect();
        let mut want = v.clone();
        want.sort();
        heap_sort(&mut v, |a, b| a < b);
        assert_eq!(v, want);
        let mut w = vec![1, 2, 3];
        swap(&mut w, 0, 2);
        assert_eq!(w, [3, 2, 1]);
        swap(&mut w, 1, 3); // out of range: nothing moves
        assert_eq!(w, [3, 2, 1]);
    }

    #[test]
    fn numbers_are_doubles() {
        assert_eq!(p("9007199254740993"), Json::Num(9007199254740992.0));
        assert_eq!(p("50.0"), Json::Num(50.0));
        assert_eq!(p("1e2"), Json::Num(100.0));
        assert_eq!(p("-1.5"), Json::Num(-1.5));
        assert_eq!(p("1e-400"), Json::Num(0.0));
        let mut s = String::new();
        push_usize(&mut s, 0);
        s.push(' ');
        push_usize(&mut s, 18_446_744_073_709_551_615);
        assert_eq!(s, "0 18446744073709551615");
    }
}

/// The one writer of the package's JSON results: values and keys appended in order, commas
/// placed by the writer. Keys come from the shapes' description (`rules::shapes::key`), which
/// the TypeScript declarations are generated from; `tests/*.rs` hold each result to its shape.
/// Written by hand, not with `serde_json::json!` or a map: smaller wasm, and keys stay in the
/// order written.
#[derive(Debug, Default)]
pub struct Writer {
    text: String,
    /// A value was written at this level (the next one needs a comma).
    comma: bool,
    /// A key was just written (its value needs no comma).
    after_key: bool,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    fn sep(&mut self) {
        if self.after_key {
            self.after_key = false;
        } else if self.comma {
            self.text.push(',');
        }
        self.comma = true;
    }

    /// An object member's key; the next value written is its value.
    pub fn key(&mut self, k: &str) -> &mut Writer {
        self.sep();
        crate::validate::push_json_string(&mut self.text, k);
        self.text.push(':');
        self.after_key = true;
        self
    }

    /// A string.
    pub fn str(&mut self, v: &str) -> &mut Writer {
        self.sep();
        crate::validate::push_json_string(&mut self.text, v);
        self
    }

    /// A string, or `null`.
    pub fn opt_str(&mut self, v: Option<&str>) -> &mut Writer {
        match v {
            Some(v) => self.str(v),
            None => self.raw("null"),
        }
    }

    /// JSON text written as it is (a value already serialised).
    pub fn raw(&mut self, json: &str) -> &mut Writer {
        self.sep();
        self.text.push_str(json);
        self
    }

    /// `true` or `false`.
    pub fn bool(&mut self, b: bool) -> &mut Writer {
        self.raw(if b { "true" } else { "false" })
    }

    /// A non-negative integer.
    pub fn uint(&mut self, n: u64) -> &mut Writer {
        self.sep();
        push_usize(&mut self.text, usize::try_from(n).unwrap_or(usize::MAX));
        self
    }

    /// An integer, or `null`.
    pub fn opt_uint(&mut self, n: Option<u64>) -> &mut Writer {
        match n {
            Some(n) => self.uint(n),
            None => self.raw("null"),
        }
    }

    /// Opens an object.
    pub fn open(&mut self) -> &mut Writer {
        self.sep();
        self.text.push('{');
        self.comma = false;
        self
    }

    /// Closes the object opened last.
    pub fn close(&mut self) -> &mut Writer {
        self.text.push('}');
        self.comma = true;
        self
    }

    /// Opens an array.
    pub fn open_list(&mut self) -> &mut Writer {
        self.sep();
        self.text.push('[');
        self.comma = false;
        self
    }

    /// Closes the array opened last.
    pub fn close_list(&mut self) -> &mut Writer {
        self.text.push(']');
        self.comma = true;
        self
    }

    /// An array of strings.
    pub fn strs<'s>(&mut self, items: impl IntoIterator<Item = &'s str>) -> &mut Writer {
        self.open_list();
        for item in items {
            self.str(item);
        }
        self.close_list()
    }

    /// Issues as an array of `{ path, code, message, format?, fields? }` (`rules::shapes::ISSUE`),
    /// English messages.
    pub fn issues(&mut self, issues: &[Issue]) -> &mut Writer {
        self.open_list();
        for issue in issues {
            self.open().key(key::PATH).open_list();
            for seg in &issue.path {
                match seg {
                    PathSeg::Key(k) => self.str(k),
                    PathSeg::Index(n) => self.uint(*n as u64),
                };
            }
            self.close_list();
            self.key(key::CODE).str(issue.code.as_str());
            self.key(key::MESSAGE).str(&issue.message());
            if let Some(f) = issue.format {
                self.key(key::FORMAT).str(f);
            }
            if !issue.fields.is_empty() {
                self.key(key::FIELDS)
                    .strs(issue.fields.iter().map(String::as_str));
            }
            self.close();
        }
        self.close_list()
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.text
    }
}
