//! The scanner the generated validators (`build.rs` → `OUT_DIR/<provider>.rs`, module `check`)
//! read JSON text with: one pass over the bytes, no tree, no allocation. Each generated object
//! function places each key among its declared keys ([`Scan::field`], a perfect hash the
//! generator found) and checks each value in place with the calls below, so a valid input is
//! accepted without building anything.
//!
//! The scanner answers one question: is the text certainly valid? [`Stop::Invalid`] means a
//! rule or the JSON grammar failed; [`Stop::Unsure`] means the text uses something the one-pass
//! reading leaves to the full reader (an escape in a string or key, a repeated key), whose
//! verdict may still be "valid". Either way the caller then runs the reporting validator, which
//! produces the issues; only `Ok` skips it. So the scanner may be stricter than the rules, never
//! more lenient: the differential fuzz target `validate` holds it to that.

use crate::json::{number_at, safe_integer, MAX_DEPTH};
use crate::rules::keys::Keys;
use crate::rules::{CivilDate, Format};
use crate::schema::Str;

/// How many declared keys after the expected one [`Scan::field_next`] compares in place before
/// it reads and hashes a key (its miss path, `key_found`).
const LOOK_AHEAD: usize = 4;

/// The date passed to format checks that do not read it.
const NO_DATE: CivilDate = CivilDate::EPOCH;

/// A byte repeated in every byte of a word.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The bytes of the word `w` that end or interrupt a string's plain run: `"`, the backslash and
/// the control bytes below 0x20, each flagged by its high bit (0x80). Each test is the classic
/// "has a zero / a byte less than n" one (`(x - n) & !x & 0x80…`): a borrow can flag a byte
/// above a true one, never one below it, so the lowest flag of the three is exact, which is all
/// [`Scan::raw_string`] reads. Bytes of 0x80 and above (UTF-8 sequences) are never flagged.
#[inline(always)]
pub(crate) const fn specials(w: u64) -> u64 {
    let quote = w ^ splat(b'"');
    let backslash = w ^ splat(b'\\');
    let zero_quote = quote.wrapping_sub(splat(1)) & !quote;
    let zero_backslash = backslash.wrapping_sub(splat(1)) & !backslash;
    let control = w.wrapping_sub(splat(0x20)) & !w;
    (zero_quote | zero_backslash | control) & splat(0x80)
}

/// Flags (0x80) in the bytes of `w` that are not ASCII digits. A byte of 0x80 or above is
/// flagged by its own high bit; the others are tested below 0x80, where no addition carries
/// into the next byte: `b + 0x50` has its high bit set for `b >= 0x30`, `b + 0x46` for
/// `b > 0x39`.
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
#[inline(always)]
const fn non_digits(w: u64) -> u64 {
    let low = w & splat(0x7f);
    let ge_0 = low.wrapping_add(splat(0x80 - b'0'));
    let gt_9 = low.wrapping_add(splat(0x7f - b'9'));
    (w | !ge_0 | gt_9) & splat(0x80)
}

/// Where the run of ASCII digits that starts at `at` ends (`at` itself when none does, or when
/// `at` is past the end): a word at a time while 8 bytes are left, then byte by byte.
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
#[inline(always)]
fn digit_run(b: &[u8], mut at: usize) -> usize {
    while let Some(w) = b.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let m = non_digits(u64::from_le_bytes(*w));
        if m != 0 {
            return at + (m.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while b.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    at
}

/// Flags (0x80) in the bytes of `x` (each below 0x80) within `lo..=hi`.
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
#[inline(always)]
const fn within(x: u64, lo: u8, hi: u8) -> u64 {
    x.wrapping_add(splat(0x80 - lo)) & !x.wrapping_add(splat(0x7f - hi))
}

/// Flags (0x80) in the bytes of `w` that are not hex digits (either case); bytes of 0x80 and
/// above are flagged by their own high bit. Below 0x80, a byte is a digit when it is within
/// `0x30..=0x39`, a letter when with bit 0x20 set it is within `0x61..=0x66` (no addition
/// carries: every lane stays below 0x100).
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
#[inline(always)]
const fn non_hex(w: u64) -> u64 {
    let low = w & splat(0x7f);
    let digit = within(low, b'0', b'9');
    let letter = within(low | splat(0x20), b'a', b'f');
    (w | !(digit | letter)) & splat(0x80)
}

/// Whether the 36 bytes at `at` are a UUID (`Format::Uuid`: 8-4-4-4-12 hex digits of either
/// case): four words and a half, each with `-` required in its dash lanes and those lanes then
/// read as `0`.
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
#[inline(always)]
fn is_uuid_at(b: &[u8], at: usize) -> bool {
    let word = |i: usize| {
        b.get(at.wrapping_add(i)..)
            .and_then(<[u8]>::first_chunk::<8>)
            .map(|w| u64::from_le_bytes(*w))
    };
    let last = b
        .get(at.wrapping_add(32)..)
        .and_then(<[u8]>::first_chunk::<4>)
        .map(|w| u64::from(u32::from_le_bytes(*w)));
    let (Some(w0), Some(w1), Some(w2), Some(w3), Some(w4)) =
        (word(0), word(8), word(16), word(24), last)
    else {
        return false;
    };
    // Dash lanes: byte 8 (word 1, lane 0), 13 (word 1, lane 5), 18 (word 2, lane 2), 23 (word
    // 2, lane 7). Bytes 32..36 are the low half of a last word whose high half reads as `0`.
    const D1: u64 = 0xff | 0xff << 40;
    const D2: u64 = 0xff << 16 | 0xff << 56;
    const HIGH: u64 = 0xffff_ffff << 32;
    let dashes = |w: u64, d: u64| w & d == splat(b'-') & d;
    let zeroed = |w: u64, d: u64| (w & !d) | (splat(b'0') & d);
    dashes(w1, D1)
        && dashes(w2, D2)
        && (non_hex(w0)
            | non_hex(zeroed(w1, D1))
            | non_hex(zeroed(w2, D2))
            | non_hex(w3)
            | non_hex(zeroed(w4, HIGH)))
            == 0
}

#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
const LOCAL: u8 = 1; // an e-mail local part's byte: a letter, a digit or ``!#$%&'*+-/=?^_.{|}~` ``
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
const LABEL: u8 = 2; // a domain label's byte: a letter, a digit or `-`
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
const ALPHA: u8 = 4; // an ASCII letter
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
const NAME: u8 = 8; // a Juspay name's byte: a letter, a digit, `( ) . - _` or a space

/// The e-mail and name formats' byte classes (`Format::Email`, `Format::Name`: vocab's
/// `is_email`, `is_name`), for [`email_end`] and [`name_end`]: held to those checks by
/// `fused_strings_read_as_raw_string_and_the_format_do`.
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
static EMAIL: [u8; 256] = email_classes();

#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
const fn email_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    // Each byte's slot in turn, by slice patterns (no indexing).
    let mut rest: &mut [u8] = &mut t;
    let mut c = 0u8;
    while let [slot, tail @ ..] = rest {
        let mut k = 0;
        if c.is_ascii_alphanumeric() || crate::rules::formats::is_local_special(c) {
            k |= LOCAL;
        }
        if c.is_ascii_alphanumeric() || c == b'-' {
            k |= LABEL;
        }
        if c.is_ascii_alphabetic() {
            k |= ALPHA;
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

/// Where the e-mail address that starts at `start` ends (the first byte after its domain), when
/// the bytes from `start` to there are one (`Format::Email`): a local part (not empty, not
/// starting or ending with `.` or `_`, no `..`), `@`, then at least two labels of letters,
/// digits and inner `-` separated by `.`, the last two or more letters. One pass over the
/// bytes, with `is_email`'s checks in its order; `None` when they fail before a byte that ends
/// the address.
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
// Out of line: one copy for every e-mail field (written into each, +0.5 KB gzip more on the
// speed wasm for no measured gain; bench/targets.md, "Session 11: the object path").
#[inline(never)]
fn email_end(b: &[u8], start: usize) -> Option<usize> {
    let class = |c: u8| EMAIL.get(usize::from(c)).copied().unwrap_or(0);
    let mut i = start;
    let mut prev = 0u8;
    loop {
        let c = *b.get(i)?;
        if class(c) & LOCAL == 0 {
            break;
        }
        if c == b'.' && prev == b'.' {
            return None;
        }
        prev = c;
        i += 1;
    }
    let first = *b.get(start)?;
    if i == start
        || b.get(i) != Some(&b'@')
        || matches!(first, b'.' | b'_')
        || matches!(prev, b'.' | b'_')
    {
        return None;
    }
    let mut j = i + 1;
    let (mut labels, mut label, mut prev, mut alpha) = (0u32, j, b'.', true);
    loop {
        let c = *b.get(j)?;
        if c == b'.' {
            if prev == b'.' || prev == b'-' || b.get(label) == Some(&b'-') {
                return None;
            }
            labels += 1;
            label = j + 1;
            alpha = true;
        } else {
            let k = class(c);
            if k & LABEL == 0 {
                break;
            }
            alpha &= k & ALPHA != 0;
        }
        prev = c;
        j += 1;
    }
    (labels >= 1 && j - label >= 2 && alpha).then_some(j)
}

/// Where the Juspay name that starts at `start` ends (`Format::Name`, vocab's `is_name`):
/// letters, digits, `( ) . - _` and single spaces between the others; `None` when a space
/// leads, doubles or ends it, or it is empty.
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
#[inline(never)]
fn name_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    // `prev` starts as a space, so a leading space is a "double" one.
    let mut prev = b' ';
    loop {
        let c = *b.get(i)?;
        if EMAIL.get(usize::from(c)).copied().unwrap_or(0) & NAME == 0 {
            break;
        }
        if c == b' ' && prev == b' ' {
            return None;
        }
        prev = c;
        i += 1;
    }
    (prev != b' ').then_some(i)
}

/// Where the run of `header_text` bytes (U+0020 to U+007E) that starts at `start` stops in JSON
/// text: at the first byte outside that range, a quote or a backslash (the string's end or an
/// escape, which the caller tells apart). A word at a time: [`specials`] (whose lowest flag is
/// exact) with the bytes of 0x7f and above flagged (exactly: below 0x80 adding 1 carries no further).
#[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
#[inline(never)]
fn header_text_end(b: &[u8], mut at: usize) -> Option<usize> {
    while let Some(w) = b.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(*w);
        let m = specials(w) | ((w | (w & splat(0x7f)).wrapping_add(splat(1))) & splat(0x80));
        if m != 0 {
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    loop {
        match *b.get(at)? {
            b'"' | b'\\' | 0..=0x1f | 0x7f..=0xff => return Some(at),
            _ => at += 1,
        }
    }
}

/// Why the one pass stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The text breaks a rule or the JSON grammar.
    Invalid,
    /// The text holds an escape or a repeated key: the full reader decides.
    Unsure,
}

/// The result of one check.
pub type Checked<T = ()> = Result<T, Stop>;

/// The one-pass validator of every operation in the size build of the validators-only wasm
/// (`schema::one_pass!`): it accepts nothing, so the reporting validator reads every text and
/// gives the verdict (valid when it finds no issue).
pub fn unsure(_: &mut Scan<'_>) -> Checked {
    Err(Stop::Unsure)
}

/// A one-pass reader over JSON text, held as bytes: it accepts ([`Ok`]) only bytes that are
/// UTF-8, so it can also read bytes that were never checked ([`Scan::bytes`]): outside strings
/// it accepts only ASCII (the grammar's own bytes, and keys equal to declared names), and a
/// string with a byte of 0x80 or above is checked as UTF-8 where it is read (`raw_string`).
pub struct Scan<'a> {
    b: &'a [u8],
    pos: usize,
    depth: usize,
    today: Option<CivilDate>,
    clock: fn() -> CivilDate,
}

impl<'a> Scan<'a> {
    /// A scanner over `text`; `clock` gives today's date, read at most once and only when a
    /// check needs it (a past date, a South African ID, a minor's age).
    pub fn new(text: &'a str, clock: fn() -> CivilDate) -> Scan<'a> {
        Scan::bytes(text.as_bytes(), clock)
    }

    /// A scanner over bytes that should be UTF-8 JSON text, not checked beforehand: the one
    /// pass accepts them only when they are UTF-8 (bytes that are not are [`Stop::Invalid`], and
    /// the reporting validator, which reads a `&str`, then says why). The wasm package's path:
    /// its text was written by `encodeInto`, so it is UTF-8 anyway, but the wasm cannot prove who
    /// wrote its memory, and so checks what it reads instead of the whole text up front.
    pub fn bytes(b: &'a [u8], clock: fn() -> CivilDate) -> Scan<'a> {
        Scan {
            b,
            pos: 0,
            depth: 0,
            today: None,
            clock,
        }
    }

    /// A scanner whose today is `today`.
    pub fn with_today(text: &'a str, today: CivilDate) -> Scan<'a> {
        Scan {
            b: text.as_bytes(),
            pos: 0,
            depth: 0,
            today: Some(today),
            clock: crate::clock::today,
        }
    }

    /// Today's date if it was read (or given).
    pub fn known_today(&self) -> Option<CivilDate> {
        self.today
    }

    /// Today's date (from the clock on first use).
    pub fn today(&mut self) -> CivilDate {
        match self.today {
            Some(d) => d,
            None => {
                let d = (self.clock)();
                self.today = Some(d);
                d
            }
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Whitespace before the root value.
    pub fn start(&mut self) {
        self.ws();
    }

    /// Only whitespace after the root value.
    pub fn finish(&mut self) -> Checked {
        self.ws();
        if self.pos == self.b.len() {
            Ok(())
        } else {
            Err(Stop::Invalid)
        }
    }

    #[inline(always)]
    fn eat(&mut self, c: u8) -> Checked {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Stop::Invalid)
        }
    }

    fn enter(&mut self, open: u8) -> Checked {
        self.eat(open)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Stop::Invalid);
        }
        self.ws();
        Ok(())
    }

    /// `{`: `true` when a member follows (read it with [`Scan::key`]), `false` for `{}`.
    #[inline]
    pub fn object(&mut self) -> Checked<bool> {
        self.open(b'{', b'}')
    }

    /// A member's key and the `:` after it; the value follows.
    #[inline]
    pub fn key(&mut self) -> Checked<&'a [u8]> {
        self.key_in_place()
    }

    /// [`Scan::key`], written into its caller: [`Scan::field`], on every member of a declared
    /// object, then places the key without a call (and without its result going through memory).
    #[inline]
    fn key_in_place(&mut self) -> Checked<&'a [u8]> {
        let key = self.raw_string()?.as_bytes();
        self.ws();
        self.eat(b':')?;
        self.ws();
        Ok(key)
    }

    /// A member's key placed among an object's declared keys (and the `:` after it; the value
    /// follows): its index in `keys.names`, or `keys.names.len()` when it is not declared. A
    /// declared key seen before in this object (its bit in `seen`) is [`Stop::Unsure`]:
    /// `JSON.parse` keeps the last value, the full reader decides.
    #[inline]
    pub fn field(&mut self, keys: &Keys, seen: &mut u64) -> Checked<usize> {
        let key = self.key_in_place()?;
        Self::seen(keys.find(key), keys.names.len(), seen)
    }

    /// [`Scan::field`] that first compares the text with the declared key after the previous
    /// member's (`next`, 0 for an object's first member): an object's members usually come in
    /// the spec's order (the spec examples, typed callers, forms), and such a key is then
    /// matched in place instead of being read a word at a time and hashed. Any other key is
    /// placed by [`Scan::field`]'s reading. `next` becomes the index after this member's.
    /// The generator uses it for objects whose declared keys hold no quote, backslash or
    /// control byte ([`Keys::quoted_at`]), so both ways give the same index.
    // Written into each caller in the speed build (the `one-pass` feature), its miss path
    // ([`Scan::key_found`]) not: the check 1.06-1.17x on the nine valid payloads for +1.1 KB
    // gzip on the speed wasm (bench/targets.md, "Session 10: the object path").
    #[cfg_attr(feature = "one-pass", inline(always))]
    #[cfg_attr(not(feature = "one-pass"), inline)]
    pub fn field_next(&mut self, keys: &Keys, next: &mut usize, seen: &mut u64) -> Checked<usize> {
        let i = match keys.quoted_at(*next, self.b, self.pos) {
            Some(end) => {
                self.pos = end;
                *next
            }
            None => self.key_found(keys, *next)?,
        };
        self.ws();
        self.eat(b':')?;
        self.ws();
        *next = i.wrapping_add(1);
        Self::seen(i, keys.names.len(), seen)
    }

    /// The key at the position, read and placed among `keys` (its index, or `keys.names.len()`):
    /// [`Scan::field_next`]'s way when the expected key (`next`) is not there: kept out of its
    /// callers in the speed build, where `field_next` is written into each of them (that copy of
    /// `raw_string` and the hash in every generated object function was +6 KB gzip for nothing
    /// more on the nine payloads; bench/targets.md, "Session 10: the object path").
    ///
    /// A sparse object (some declared keys left out, the rest in spec order) misses the
    /// expected key on most members, so the next few declared keys are compared in place first
    /// ([`Keys::quoted_at`]: the same index as reading and hashing, for the objects the
    /// generator gives `field_next`); only then is the key read and hashed. At most
    /// [`LOOK_AHEAD`] of them, so a key out of order costs a bounded number of byte tests more.
    #[cfg_attr(feature = "one-pass", inline(never))]
    #[cfg_attr(not(feature = "one-pass"), inline)]
    fn key_found(&mut self, keys: &Keys, next: usize) -> Checked<usize> {
        for i in next.saturating_add(1)..next.saturating_add(1 + LOOK_AHEAD) {
            if let Some(end) = keys.quoted_at(i, self.b, self.pos) {
                self.pos = end;
                return Ok(i);
            }
        }
        Ok(keys.find(self.raw_string()?.as_bytes()))
    }

    /// The duplicate check of [`Scan::field`] for an index found otherwise (the generator's
    /// `match` on a key's bytes, for keys [`Keys::search`] cannot place).
    #[inline]
    pub fn seen(i: usize, declared: usize, seen: &mut u64) -> Checked<usize> {
        if i < declared {
            let bit = 1u64.wrapping_shl(i as u32);
            if *seen & bit != 0 {
                return Err(Stop::Unsure);
            }
            *seen |= bit;
        }
        Ok(i)
    }

    /// After a member's value: `true` at `,` (another member follows), `false` at `}`.
    #[inline]
    pub fn more(&mut self) -> Checked<bool> {
        self.close(b'}')
    }

    /// `[`: `true` when an item follows, `false` for `[]`.
    #[inline]
    pub fn array(&mut self) -> Checked<bool> {
        self.open(b'[', b']')
    }

    /// An opening bracket: `true` when something follows it, `false` when `end` closes it at once.
    #[inline(always)]
    fn open(&mut self, start: u8, end: u8) -> Checked<bool> {
        self.enter(start)?;
        if self.peek() == Some(end) {
            self.pos += 1;
            self.depth -= 1;
            self.ws();
            return Ok(false);
        }
        Ok(true)
    }

    /// After an item: `true` at `,`, `false` at `]`.
    #[inline]
    pub fn more_items(&mut self) -> Checked<bool> {
        self.close(b']')
    }

    #[inline(always)]
    fn close(&mut self, end: u8) -> Checked<bool> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.ws();
                Ok(true)
            }
            Some(c) if c == end => {
                self.pos += 1;
                self.depth -= 1;
                self.ws();
                Ok(false)
            }
            _ => Err(Stop::Invalid),
        }
    }

    /// The text between a string's quotes (no escapes: an escape is [`Stop::Unsure`]). Read a
    /// word (8 bytes) at a time while 8 bytes are left: [`specials`] finds the first `"`,
    /// backslash or control byte in a word, and only that byte (or the last few bytes of the
    /// text) is looked at alone.
    // Written into each caller in the speed build (the `one-pass` feature: only the Node, Deno
    // and workerd validators wasm, at opt-level 3), the compiler's choice elsewhere (bench/targets.md,
    // "Session 9: the object path").
    #[cfg_attr(feature = "one-pass", inline(always))]
    #[cfg_attr(not(feature = "one-pass"), inline)]
    fn raw_string(&mut self) -> Checked<&'a str> {
        self.eat(b'"')?;
        let start = self.pos;
        // Every byte read, OR-ed together: every byte between the quotes is in it (in a whole
        // word or alone), and maybe a few after the closing quote (the rest of its word), which
        // can only make an ASCII string look as if it were not.
        let mut read = 0u64;
        loop {
            if let Some(w) = self.b.get(self.pos..).and_then(<[u8]>::first_chunk::<8>) {
                let w = u64::from_le_bytes(*w);
                read |= w;
                let m = specials(w);
                if m == 0 {
                    self.pos += 8;
                    continue;
                }
                // The lowest flag is the first special byte (little-endian: the lowest byte first).
                self.pos += (m.trailing_zeros() / 8) as usize;
            }
            match self.peek() {
                Some(b'"') => break,
                Some(b'\\') => return Err(Stop::Unsure),
                Some(0..=0x1f) | None => return Err(Stop::Invalid),
                Some(c) => {
                    read |= u64::from(c);
                    self.pos += 1;
                }
            }
        }
        let raw = self.b.get(start..self.pos).unwrap_or_default();
        self.pos += 1;
        if read & splat(0x80) != 0 {
            return core::str::from_utf8(raw).map_err(|_| Stop::Invalid);
        }
        debug_assert!(raw.is_ascii());
        // SAFETY: every byte of `raw` (`start..` the closing quote) went into `read`, either in
        // a whole word (the loop moves past a word only after OR-ing it, or up to its first
        // special byte) or alone (the match), and no byte of `read` has its high bit set: all of
        // them are ASCII, which is UTF-8. (`str::from_utf8` would read them again: it was 8–10 %
        // of the check on every text, bench/targets.md "Session 10: the object path".)
        Ok(unsafe { core::str::from_utf8_unchecked(raw) })
    }

    /// A string value that meets `rule` (length, enum, format), as the validator's
    /// `string` check reads it.
    // In the speed build, written into each caller, whose rule is a constant: the format's
    // one-pass reading alone is left where the rule has one of its formats, and a call of
    // `string_read` (out of line) everywhere. All of `string_read` written into each caller
    // folds the rest of each rule too, for +8 KB gzip on that wasm (bench/targets.md, "Session
    // 11: the object path").
    #[cfg_attr(feature = "one-pass", inline(always))]
    #[cfg_attr(not(feature = "one-pass"), inline)]
    pub fn string(&mut self, rule: &Str) -> Checked<&'a str> {
        // A string of a digits, UUID, e-mail, name or header format, or a plain one (neither
        // format nor enum), is first read in one pass ([`Scan::fused`]); any other string, or one
        // that pass does not accept, is read by
        // `string_read`. In the speed build and natively (the tests and the fuzz target read
        // what the speed build reads), not in the other wasm builds: +566 B gzip on the
        // browsers' full wasm (digits and UUID; the e-mail's table and loop would add more).
        #[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
        if let Some(s) = self.fused(rule) {
            return Ok(s);
        }
        self.string_read(rule)
    }

    /// [`Scan::string`] without the one-pass reading of [`Scan::fused`]: the string, then its
    /// rule.
    #[cfg_attr(feature = "one-pass", inline(never))]
    #[cfg_attr(not(feature = "one-pass"), inline(always))]
    fn string_read(&mut self, rule: &Str) -> Checked<&'a str> {
        let s = self.raw_string()?;
        if s.is_empty() {
            return if rule.min_len > 0 {
                Err(Stop::Invalid)
            } else {
                Ok(s)
            };
        }
        if let Some(max) = rule.max_len {
            if s.len() > max as usize && super::char_count(s) > max as usize {
                return Err(Stop::Invalid);
            }
        }
        if !rule.enum_values.is_empty() && !rule.open_enum && !rule.enum_values.contains(&s) {
            return Err(Stop::Invalid);
        }
        if let Some(format) = rule.format {
            let today = if format.uses_today() {
                self.today()
            } else {
                NO_DATE
            };
            if Format::check(format, s, today).is_err() {
                return Err(Stop::Invalid);
            }
        }
        Ok(s)
    }

    /// A string of a digits format (`digits`, `pin`, `e164`), a UUID, an e-mail address, a
    /// Juspay name, `header_text` or a string with neither format nor enum (a plain string) read
    /// and checked in one pass over its bytes (digits, UUIDs, header text and plain strings a
    /// word at a time): the format's own bytes (ASCII digits; hex digits and `-`; the e-mail's
    /// and name's classes; U+0020 to U+007E for header text and plain strings) up to the closing
    /// quote. `Some` only when [`Scan::string`]'s reading would accept
    /// the same string and end at the same place: every byte read is one the format allows, so
    /// none is a quote, a backslash, a control byte or above 0x7f, and `raw_string` would stop at
    /// the same quote; the string is not empty, no `enum` applies, and its length (ASCII: bytes
    /// are characters) is within the rule's. `None` leaves the position as it was, for that
    /// reading (which also gives the verdict on everything this one does not accept). Measured
    /// in bench/targets.md, "Session 11: the object path": the string was read twice (its end,
    /// then its format byte by byte through the format dispatch).
    #[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
    #[inline(always)]
    fn fused(&mut self, rule: &Str) -> Option<&'a str> {
        if !rule.enum_values.is_empty() {
            return None;
        }
        let start = self.pos.checked_add(1)?;
        let format = match rule.format {
            Some(format) => format,
            // A string with neither format nor enum: its run of printable ASCII bytes (up to
            // the closing quote, checked below), whose length is its character count.
            None => Format::HeaderText,
        };
        let (end, ok) = match format {
            Format::Digits {
                min,
                max,
                leading_zero,
            } => {
                let end = digit_run(self.b, start);
                let n = end - start;
                let ok = n >= usize::from(min)
                    && n <= usize::from(max)
                    && (leading_zero || self.b.get(start) != Some(&b'0'));
                (end, ok)
            }
            Format::Pin => {
                let end = digit_run(self.b, start);
                (end, end - start == 6 && self.b.get(start) != Some(&b'0'))
            }
            Format::E164 => {
                if self.b.get(start) != Some(&b'+') {
                    return None;
                }
                let end = digit_run(self.b, start + 1);
                let n = end - start - 1;
                (
                    end,
                    (7..=15).contains(&n) && self.b.get(start + 1) != Some(&b'0'),
                )
            }
            Format::Uuid => {
                let end = start.checked_add(36)?;
                (end, is_uuid_at(self.b, start))
            }
            // Fixed length: the ten bytes, read by the format's own check (every byte a digit,
            // a separator or a letter at its place, so ASCII), before the closing quote.
            Format::Date { style, past } => {
                let end = start.checked_add(10)?;
                (end, self.date_at(start, style, past))
            }
            Format::Pan => {
                let end = start.checked_add(10)?;
                (
                    end,
                    crate::rules::formats::is_pan_bytes(self.b.get(start..end)?),
                )
            }
            Format::Email => (email_end(self.b, start)?, true),
            Format::Name => (name_end(self.b, start)?, true),
            Format::HeaderText if rule.format.is_none() => (header_text_end(self.b, start)?, true),
            Format::HeaderText => {
                let end = header_text_end(self.b, start)?;
                let last = self.b.get(end.checked_sub(1)?);
                (
                    end,
                    end > start && self.b.get(start) != Some(&b' ') && last != Some(&b' '),
                )
            }
            _ => return None,
        };
        let n = end - start;
        if !ok
            || n == 0
            || self.b.get(self.pos) != Some(&b'"')
            || self.b.get(end) != Some(&b'"')
            || n < rule.min_len as usize
            || rule.max_len.is_some_and(|max| n > max as usize)
        {
            return None;
        }
        let raw = self.b.get(start..end)?;
        debug_assert!(raw.is_ascii());
        // SAFETY: `raw` is `start..end`, and every byte of it was read as an ASCII digit (and
        // the `+` of E.164), as a hex digit or `-` (`is_uuid_at`), as a byte of an e-mail's or a
        // name's classes or the e-mail's `@` (`email_end`, `name_end`: `EMAIL` marks ASCII bytes
        // only), as a byte below 0x7f (`header_text_end`: header text and plain strings), as a
        // date's digit or separator (`CivilDate::parse_bytes`: each of the ten bytes) or as a
        // PAN's ASCII letter or digit (`is_pan_bytes`: each of the ten), which is ASCII, which is
        // UTF-8 (tests: `fused_strings_read_as_raw_string_and_the_format_do`).
        let s = unsafe { core::str::from_utf8_unchecked(raw) };
        self.pos = end + 1;
        Some(s)
    }

    /// Whether the ten bytes at `start` are a date of `style` (and, when `past`, not after
    /// today): `Format::Date`'s check where the date stands in the text. Out of line: one copy
    /// for every date field.
    #[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
    #[inline(never)]
    fn date_at(&mut self, start: usize, style: crate::rules::DateStyle, past: bool) -> bool {
        let Some(date) = self
            .b
            .get(start..start.wrapping_add(10))
            .and_then(|b| CivilDate::parse_bytes(b, style))
        else {
            return false;
        };
        !past || date <= self.today()
    }

    /// `true` or `false`.
    #[inline]
    pub fn boolean(&mut self) -> Checked<bool> {
        let rest = self.b.get(self.pos..).unwrap_or_default();
        let v = if rest.starts_with(b"true") {
            true
        } else if rest.starts_with(b"false") {
            false
        } else {
            return Err(Stop::Invalid);
        };
        self.pos += if v { 4 } else { 5 };
        Ok(v)
    }

    /// A number (finite, by the JSON grammar).
    #[inline]
    pub fn number(&mut self) -> Checked<f64> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => number_at(self.b, &mut self.pos).map_err(|_| Stop::Invalid),
            _ => Err(Stop::Invalid),
        }
    }

    /// A whole number in the safe integer range, within `min..=max`.
    #[inline]
    pub fn integer(&mut self, min: Option<i64>, max: Option<i64>) -> Checked<f64> {
        // The usual whole number (a few digits) read here, in the speed build and natively (the
        // tests and the fuzz target read what the speed build reads); anything else by
        // `integer_read`. `number_at` was 2.8-4 % of the check on the M2P payloads
        // (bench/targets.md, "Session 12: the object path").
        #[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
        if let Some((n, end)) = self.short_whole() {
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                return Err(Stop::Invalid);
            }
            self.pos = end;
            return Ok(n as f64);
        }
        self.integer_read(min, max)
    }

    /// A whole number of 1 to 15 ASCII digits at the position, with no sign, no leading zero
    /// (but `0` itself), no fraction and no exponent after it, and where it ends: the number
    /// `number_at` reads there, exactly (below 10^15 every whole number is a double and a safe
    /// integer). `None` for anything else, which [`Scan::integer_read`] reads.
    #[cfg(any(feature = "one-pass", not(target_arch = "wasm32")))]
    #[inline(always)]
    fn short_whole(&self) -> Option<(i64, usize)> {
        let start = self.pos;
        let mut at = start;
        let mut n: i64 = 0;
        while let Some(&c) = self.b.get(at) {
            if !c.is_ascii_digit() {
                break;
            }
            if at - start == 15 {
                return None;
            }
            n = n * 10 + i64::from(c - b'0');
            at += 1;
        }
        let len = at - start;
        if len == 0
            || (len > 1 && self.b.get(start) == Some(&b'0'))
            || matches!(self.b.get(at), Some(b'.' | b'e' | b'E'))
        {
            return None;
        }
        Some((n, at))
    }

    /// [`Scan::integer`] by the grammar's number (`number_at`), then the safe integer range
    /// and the bounds.
    #[cfg_attr(any(feature = "one-pass", not(target_arch = "wasm32")), inline(never))]
    #[cfg_attr(
        not(any(feature = "one-pass", not(target_arch = "wasm32"))),
        inline(always)
    )]
    fn integer_read(&mut self, min: Option<i64>, max: Option<i64>) -> Checked<f64> {
        let f = self.number()?;
        let n = safe_integer(f).ok_or(Stop::Invalid)?;
        if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            return Err(Stop::Invalid);
        }
        Ok(f)
    }

    /// Any value, read for its grammar only.
    pub fn skip(&mut self) -> Checked {
        match self.peek() {
            Some(b'"') => self.raw_string().map(|_| ()),
            Some(b'{') => {
                if self.object()? {
                    loop {
                        self.key()?;
                        self.skip()?;
                        if !self.more()? {
                            break;
                        }
                    }
                }
                Ok(())
            }
            Some(b'[') => {
                if self.array()? {
                    loop {
                        self.skip()?;
                        if !self.more_items()? {
                            break;
                        }
                    }
                }
                Ok(())
            }
            Some(b't' | b'f') => self.boolean().map(|_| ()),
            Some(b'n') => {
                if self.b.get(self.pos..self.pos + 4) == Some(b"null") {
                    self.pos += 4;
                    Ok(())
                } else {
                    Err(Stop::Invalid)
                }
            }
            _ => self.number().map(|_| ()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::DateStyle;

    fn special(b: u8) -> bool {
        b == b'"' || b == b'\\' || b < 0x20
    }

    /// The first special byte of a word by [`specials`], as `raw_string` reads it.
    fn first(w: [u8; 8]) -> Option<usize> {
        let m = specials(u64::from_le_bytes(w));
        (m != 0).then(|| (m.trailing_zeros() / 8) as usize)
    }

    #[test]
    fn specials_finds_the_first_special_byte_of_a_word() {
        // Every byte value at every position, after bytes that borrow or not, before every kind
        // of byte.
        let fill = [
            b'a', 0x00, b'"', b'\\', 0x1f, 0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xc3, 0xff,
        ];
        for pos in 0..8 {
            for v in 0..=255u8 {
                for &after in &fill {
                    for &before in &[b'a', 0x20, 0x7f, 0x80, 0xc3, 0xff] {
                        let mut w = [after; 8];
                        for b in w.iter_mut().take(pos) {
                            *b = before;
                        }
                        w[pos] = v;
                        assert_eq!(first(w), w.iter().position(|&b| special(b)), "{w:?}");
                    }
                }
            }
        }
        // And a million pseudo-random words, their bytes drawn mostly near the special ones.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let near = [
            0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0xa2, 0xdc,
            0xff,
        ];
        for _ in 0..1_000_000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let mut w = (seed >> 3).to_le_bytes();
            for (i, b) in w.iter_mut().enumerate() {
                let r = (seed >> (i * 4 + 20)) as usize;
                if r % 3 == 0 {
                    *b = near[(r / 3) % near.len()];
                }
            }
            assert_eq!(first(w), w.iter().position(|&b| special(b)), "{w:?}");
        }
    }

    #[test]
    fn word_digit_and_hex_flags_are_exact() {
        let fill = [
            b'0', b'9', b'a', b'F', b'-', 0x00, 0x7f, 0x80, 0xff, b'/', b':',
        ];
        for lane in 0..8 {
            for v in 0..=255u8 {
                for &other in &fill {
                    let mut w = [other; 8];
                    w[lane] = v;
                    let x = u64::from_le_bytes(w);
                    let flags = |m: u64| -> Vec<bool> {
                        (0..8).map(|i| m >> (i * 8 + 7) & 1 == 1).collect()
                    };
                    let want_digits: Vec<bool> = w.iter().map(|b| !b.is_ascii_digit()).collect();
                    let want_hex: Vec<bool> = w.iter().map(|b| !b.is_ascii_hexdigit()).collect();
                    assert_eq!(flags(non_digits(x)), want_digits, "{w:?}");
                    assert_eq!(flags(non_hex(x)), want_hex, "{w:?}");
                    assert_eq!(non_digits(x) & !splat(0x80), 0);
                    assert_eq!(non_hex(x) & !splat(0x80), 0);
                }
            }
        }
    }

    /// The rules [`Scan::fused`] reads, and rules beside them it leaves to `string_read`.
    fn fused_rules() -> Vec<Str> {
        let rule = |format: Option<Format>, min_len: u32, max_len: Option<u32>| Str {
            min_len,
            max_len,
            format,
            enum_values: &[],
            open_enum: false,
        };
        let digits = |min, max, leading_zero| {
            Some(Format::Digits {
                min,
                max,
                leading_zero,
            })
        };
        vec![
            rule(digits(1, 4, true), 0, None),
            rule(digits(2, 3, false), 1, None),
            rule(digits(0, 20, true), 0, Some(3)),
            rule(digits(3, 3, true), 4, None),
            rule(Some(Format::Pin), 1, None),
            rule(Some(Format::E164), 1, Some(16)),
            rule(Some(Format::E164), 0, Some(8)),
            rule(Some(Format::Uuid), 1, Some(64)),
            rule(Some(Format::Uuid), 0, Some(35)),
            rule(Some(Format::Email), 1, None),
            rule(None, 1, Some(5)),
            rule(Some(Format::E164), 1, None),
            Str {
                enum_values: &["12", "123"],
                ..rule(digits(1, 4, true), 1, None)
            },
        ]
    }

    /// [`fused_agrees`] on `value` as a JSON string followed by a comma.
    fn fused_accepts(value: &str, rule: &Str) -> bool {
        fused_agrees(format!("\"{value}\",").as_bytes(), rule)
    }

    /// `fused` on the string at the start of `text`, against `string_read`: when it accepts,
    /// so does `string_read`, with the same string and the same position after it; when it
    /// does not, the position is left as it was. Returns whether it accepted.
    fn fused_agrees(text: &[u8], rule: &Str) -> bool {
        // Today for the date rules: a day the test values fall on both sides of.
        let today = || CivilDate {
            year: 2000,
            month: 6,
            day: 15,
        };
        let mut fused = Scan::bytes(text, today);
        let got = fused.fused(rule);
        let mut read = Scan::bytes(text, today);
        let want = read.string_read(rule);
        match got {
            Some(s) => {
                assert_eq!(want, Ok(s), "{text:?} {rule:?}");
                assert_eq!(fused.pos, read.pos, "{text:?} {rule:?}");
                true
            }
            None => {
                assert_eq!(fused.pos, 0, "{text:?} {rule:?}");
                false
            }
        }
    }

    /// [`Scan::fused`] accepts only what `raw_string` and the rule accept, ending where they end:
    /// every string of up to 5 bytes over digits, `+`, hex and other letters, `-`, the bytes
    /// next to the digits and the special bytes, before several tails; every byte value at
    /// every place of digit strings of every length up to 20, E.164 numbers and UUIDs. And it
    /// does read the values it is for (the speed it exists for).
    /// Every string of up to `max_len` bytes over `alphabet`, after an opening quote and before
    /// each of `tails`.
    fn each_short_string(alphabet: &[u8], max_len: u32, tails: &[&[u8]], mut f: impl FnMut(&[u8])) {
        for len in 0..=max_len {
            for mut code in 0..alphabet.len().pow(len) {
                let mut text = vec![b'"'];
                for _ in 0..len {
                    text.push(alphabet[code % alphabet.len()]);
                    code /= alphabet.len();
                }
                for tail in tails {
                    let mut text = text.clone();
                    text.extend_from_slice(tail);
                    f(&text);
                }
            }
        }
    }

    /// Each of `values` with every byte value replaced or inserted at every place, after an
    /// opening quote and before each of `tails`.
    fn each_byte_at_each_place(values: &[&[u8]], tails: &[&[u8]], mut f: impl FnMut(&[u8])) {
        for value in values {
            for at in 0..=value.len() {
                for v in 0..=255u8 {
                    for replace in [true, false] {
                        let mut body = value.to_vec();
                        if replace && at < body.len() {
                            body[at] = v;
                        } else if !replace {
                            body.insert(at, v);
                        }
                        for tail in tails {
                            let mut text = vec![b'"'];
                            text.extend_from_slice(&body);
                            text.extend_from_slice(tail);
                            f(&text);
                        }
                    }
                }
            }
        }
    }

    /// A text checked by `fused_agrees` under each of `rules`.
    fn each_rule<'a>(rules: &'a [&'a Str]) -> impl FnMut(&[u8]) + 'a {
        move |text| {
            for rule in rules {
                fused_agrees(text, rule);
            }
        }
    }

    #[test]
    fn fused_strings_read_as_raw_string_and_the_format_do() {
        let rules = fused_rules();
        let tails: [&[u8]; 5] = [b"\"", b"\"}", b"", b"\"\xc3", b"x\""];
        let all: Vec<&Str> = rules.iter().collect();
        let alphabet = [b'0', b'1', b'9', b'+', b'-', b'a', b'/', b'"', b'\\', 0x1f];
        each_short_string(&alphabet, 5, &tails, each_rule(&all));
        let uuid = b"16cd33d2-cf0a-66AD-8150-cb39e9b9ff27";
        let mut valid: Vec<Vec<u8>> = [
            &uuid[..],
            b"+2348012345678",
            b"+123456",
            b"+123456789012345",
        ]
        .map(<[u8]>::to_vec)
        .into();
        valid.extend((0..=20).map(|n| (0..n).map(|i| b"1234567890"[i % 10]).collect()));
        let valid: Vec<&[u8]> = valid.iter().map(Vec::as_slice).collect();
        each_byte_at_each_place(&valid, &tails, each_rule(&all));
        // E-mail addresses: every string of up to 6 bytes over the bytes its rules turn on,
        // and every byte value replaced or inserted at every place of a few addresses.
        let short_email = Str {
            max_len: Some(7),
            ..rules[9]
        };
        let email = [&rules[9], &short_email];
        let alphabet = [b'a', b'Z', b'.', b'_', b'-', b'@', b'"', b'!'];
        each_short_string(&alphabet, 6, &tails, each_rule(&email));
        let addresses: [&[u8]; 4] = [
            b"jane.doe@example.com",
            b"a_b@x-y.co",
            b"a@b.cd",
            b"x.y!#$%&'*+-/=?^_{|}~`@a.b.cde",
        ];
        each_byte_at_each_place(&addresses, &tails, each_rule(&email));
        // Juspay names and header text: every string of up to 5 bytes over the bytes their
        // rules turn on, and every byte value replaced or inserted at every place of a few.
        let text_rules = [
            Str {
                format: Some(Format::Name),
                ..rules[9]
            },
            Str {
                format: Some(Format::HeaderText),
                max_len: Some(128),
                ..rules[9]
            },
            Str {
                format: Some(Format::HeaderText),
                max_len: Some(4),
                ..rules[9]
            },
        ];
        let texts: Vec<&Str> = text_rules.iter().collect();
        let alphabet = [b'a', b' ', b'(', b'~', b'"', b'\\', 0x7f, 0x1f, 0xc3];
        each_short_string(&alphabet, 5, &tails, each_rule(&texts));
        let names: [&[u8]; 4] = [
            b"Tim David (Jr.)_x-1",
            b"cst_om2l6ctlptxwxuzj",
            b"a b",
            b"x!#~ }{|`",
        ];
        each_byte_at_each_place(&names, &tails, each_rule(&texts));
        assert!(fused_agrees(b"\"Tim David\",", &text_rules[0]));
        assert!(fused_agrees(b"\"cst_om2l6ctlptxwxuzj\"}", &text_rules[1]));
        assert!(fused_agrees(b"\"a b~\"}", &text_rules[2]));
        // The values it is for are read by it.
        assert!(fused_accepts(
            "16cd33d2-cf0a-66AD-8150-cb39e9b9ff27",
            &rules[7]
        ));
        assert!(fused_accepts("+2348012345678", &rules[5]));
        assert!(fused_accepts("600100", &rules[4]));
        assert!(fused_accepts("123", &rules[1]));
        assert!(fused_accepts("0123", &rules[0]));
        assert!(fused_accepts("jane.doe@example.com", &rules[9]));
        assert!(!fused_accepts("jane.doe@example.c", &rules[9]));
        assert!(fused_accepts("Tim", &rules[10]));
        assert!(!fused_accepts("Tim Da", &rules[10]));
    }

    /// The same for the strings [`Scan::fused`] reads whole with no format of the above:
    /// plain strings (neither format nor enum), dates (both styles, in the past or not) and
    /// PANs, every byte value replaced or inserted at every place of a few values (dates on
    /// both sides of the test's today, a leap day, days that do not exist), and every short
    /// string over the bytes that end or interrupt a plain run.
    #[test]
    fn fused_plain_strings_dates_and_pans_read_as_raw_string_and_the_format_do() {
        let rule = |format: Option<Format>, min_len: u32, max_len: Option<u32>| Str {
            min_len,
            max_len,
            format,
            enum_values: &[],
            open_enum: false,
        };
        let date = |style, past| Some(Format::Date { style, past });
        let rules = [
            rule(None, 0, None),
            rule(None, 1, Some(64)),
            rule(None, 2, Some(3)),
            rule(date(DateStyle::Iso, true), 1, None),
            rule(date(DateStyle::Iso, false), 1, None),
            rule(date(DateStyle::DayMonthYear, true), 1, None),
            rule(date(DateStyle::DayMonthYear, false), 0, Some(9)),
            rule(Some(Format::Pan), 1, None),
            rule(Some(Format::Pan), 1, Some(64)),
        ];
        let all: Vec<&Str> = rules.iter().collect();
        let tails: [&[u8]; 5] = [b"\"", b"\"}", b"", b"\"\xc3", b"x\""];
        let alphabet = [b'a', b' ', b'~', 0x7f, b'"', b'\\', 0x1f, 0xc3, 0xa9];
        each_short_string(&alphabet, 5, &tails, each_rule(&all));
        let values: [&[u8]; 12] = [
            b"Tim David",
            b"123 Main Street, Apt 4B",
            b"a",
            b"1999-12-31",
            b"2000-06-15",
            b"2000-06-16",
            b"2000-02-29",
            b"15/06/2000",
            b"16/06/2000",
            b"29/02/1999",
            b"31/04/1999",
            b"AJXPC9886A",
        ];
        each_byte_at_each_place(&values, &tails, each_rule(&all));
        assert!(fused_accepts("Tim David", &rules[1]));
        assert!(fused_accepts("Tim", &rules[2]));
        assert!(!fused_accepts("Tim David", &rules[2]));
        assert!(!fused_accepts("", &rules[0]));
        assert!(fused_accepts("2000-06-15", &rules[3]));
        assert!(!fused_accepts("2000-06-16", &rules[3]));
        assert!(fused_accepts("2000-06-16", &rules[4]));
        assert!(fused_accepts("10/10/1999", &rules[5]));
        assert!(!fused_accepts("10/10/1999", &rules[6]));
        assert!(fused_accepts("AJXPC9886A", &rules[7]));
        assert!(!fused_accepts("AJXPC9886a", &rules[7]));
    }

    /// [`Scan::integer`]'s short whole numbers read as `integer_read` reads them: the same
    /// verdict, value and position on every string of up to 6 bytes over digits, `0`, the bytes
    /// of a fraction, an exponent and a sign, and a delimiter, under four bounds; and on digit
    /// runs of 14 to 17 digits (the 15-digit limit) and ones just below and above 2^53.
    #[test]
    fn short_whole_numbers_read_as_integer_read_does() {
        let bounds = [
            (None, None),
            (Some(1), Some(999)),
            (Some(0), Some(0)),
            (Some(-5), Some(100_000)),
        ];
        let mut texts: Vec<Vec<u8>> = Vec::new();
        let alphabet = [b'0', b'1', b'9', b'.', b'e', b'E', b'-', b'+', b','];
        for len in 0..=6u32 {
            for mut code in 0..alphabet.len().pow(len) {
                let mut text = Vec::new();
                for _ in 0..len {
                    text.push(alphabet[code % alphabet.len()]);
                    code /= alphabet.len();
                }
                texts.push(text);
            }
        }
        for n in 14..=17 {
            for tail in [&b""[..], b",", b".5", b"e1", b"0"] {
                let mut text: Vec<u8> = (0..n).map(|i| b"9876543210"[i % 10]).collect();
                text.extend_from_slice(tail);
                texts.push(text);
            }
        }
        for v in [
            "9007199254740991",
            "9007199254740992",
            "9007199254740993",
            "999999999999999",
        ] {
            texts.push(format!("{v},").into_bytes());
        }
        let mut short = 0;
        for text in &texts {
            for (min, max) in bounds {
                let mut fast = Scan::bytes(text, || NO_DATE);
                let got = fast.integer(min, max);
                let mut read = Scan::bytes(text, || NO_DATE);
                let want = read.integer_read(min, max);
                assert_eq!(
                    got.map(f64::to_bits),
                    want.map(f64::to_bits),
                    "{text:?} {min:?} {max:?}"
                );
                if got.is_ok() {
                    assert_eq!(fast.pos, read.pos, "{text:?}");
                }
                short += usize::from(Scan::bytes(text, || NO_DATE).short_whole().is_some());
            }
        }
        // The values it is for are read by it.
        assert!(short > 1000, "{short}");
        assert_eq!(Scan::bytes(b"91}", || NO_DATE).short_whole(), Some((91, 2)));
        assert_eq!(
            Scan::bytes(b"100,", || NO_DATE).short_whole(),
            Some((100, 3))
        );
    }

    /// `field_next` places every member as `field` does, keys in the declared order or not,
    /// sparse (declared keys left out, within its look-ahead and beyond it), repeated,
    /// undeclared, escaped, cut off or a prefix of a declared one.
    #[test]
    fn field_next_places_members_as_field_does() {
        let names: &'static [&'static str] = &[
            "entityId",
            "firstName",
            "lastName",
            "a",
            "b1",
            "b2",
            "zz",
            "q",
        ];
        let Some((at, mul, shift, slots)) = Keys::search(names) else {
            unreachable!("a perfect hash of these names")
        };
        let keys = Keys {
            names,
            at,
            mul,
            shift,
            slots: Vec::leak(slots),
        };
        let read = |text: &str, in_order: bool| -> Vec<Checked<usize>> {
            let mut s = Scan::with_today(text, NO_DATE);
            let (mut seen, mut next, mut out) = (0u64, 0usize, Vec::new());
            if s.object() != Ok(true) {
                return out;
            }
            loop {
                let i = if in_order {
                    s.field_next(&keys, &mut next, &mut seen)
                } else {
                    s.field(&keys, &mut seen)
                };
                out.push(i);
                if i.is_err() || s.skip().is_err() || s.more() != Ok(true) {
                    return out;
                }
            }
        };
        for text in [
            r#"{"entityId":1,"firstName":2,"lastName":3,"a":4}"#,
            r#"{"a":4,"lastName":3,"firstName":2,"entityId":1}"#,
            r#"{"entityId":1,"lastName":3,"firstName":2}"#,
            r#"{"entityId":1,"entityId":1}"#,
            r#"{"entityId":1,"other":0,"firstName":2}"#,
            r#"{"entityId" : 1 , "firstName"  :2}"#,
            r#"{"entityIdx":1,"entityI":1,"firstName":2}"#,
            r#"{"entityId":1,"firstName":2}"#,
            r#"{"entityId":1,"first"#,
            r#"{"entityId":1,"firstName""#,
            r#"{"entityId":1,"firstName"2}"#,
            r#"{"a":1,"a":2}"#,
            r#"{"":1,"a":2}"#,
            r#"{"entityId":1,"a":4,"zz":5}"#,
            r#"{"entityId":1,"b1":4,"q":5}"#,
            r#"{"entityId":1,"b2":4,"b2":5}"#,
            r#"{"firstName":1,"b2":4,"entityId":5,"q":6}"#,
            r#"{"entityId":1,"b3":4,"zz":5}"#,
            r#"{"entityId":1,"b2"}"#,
            r#"{"entityId":1,"b2":4,"a":1,"b2":5}"#,
            r#"{"q":1,"zz":2,"x":3,"entityId":4}"#,
        ] {
            assert_eq!(read(text, true), read(text, false), "{text}");
        }
    }

    /// Over bytes never checked as UTF-8 ([`Scan::bytes`]), a string is read only when its bytes
    /// are UTF-8, and then as exactly those bytes: every length, a byte of 0x80 or above (or a
    /// sequence, whole or cut) at every position, ASCII or not around it and after the quote.
    #[test]
    fn strings_over_bytes_are_read_only_when_utf8() {
        let inserts: [&[u8]; 9] = [
            b"\x80",
            b"\xc3",
            b"\xc3\xa9",
            b"\xff",
            b"\xe2\x82\xac",
            b"\xe2\x82",
            b"\xed\xa0\x80",
            b"\xc0\xaf",
            b"\xf0\x9f\x98\x80",
        ];
        for len in 0..24 {
            for at in 0..=len {
                for ins in inserts {
                    for tail in [&b""[..], b"\"", b"\",\"k\":1}", b"\"\xc3\xa9\"}", b"\"\xff"] {
                        let mut body: Vec<u8> = (0..len).map(|i| b"ab~Z0 xy"[i % 8]).collect();
                        body.splice(at..at, ins.iter().copied());
                        let mut text = vec![b'"'];
                        text.extend_from_slice(&body);
                        text.extend_from_slice(tail);
                        let mut s = Scan::bytes(&text, || NO_DATE);
                        let got = s.raw_string();
                        let quoted = !tail.is_empty();
                        match core::str::from_utf8(&body) {
                            Ok(want) if quoted => {
                                assert_eq!(got, Ok(want), "{text:?}");
                                assert_eq!(s.pos, body.len() + 2, "{text:?}");
                            }
                            _ => assert_eq!(got, Err(Stop::Invalid), "{text:?}"),
                        }
                    }
                }
            }
        }
    }

    /// A string of every length, with a special byte (or none) at every position, ending at the
    /// end of the text or before more: read as the byte-by-byte reading reads it.
    #[test]
    fn strings_read_word_at_a_time_as_byte_by_byte() {
        let reference = |body: &[u8]| -> Checked<usize> {
            for (i, &b) in body.iter().enumerate() {
                match b {
                    b'"' => return Ok(i),
                    b'\\' => return Err(Stop::Unsure),
                    0..=0x1f => return Err(Stop::Invalid),
                    _ => {}
                }
            }
            Err(Stop::Invalid)
        };
        for len in 0..40 {
            for at in 0..=len {
                for special in [None, Some(b'"'), Some(b'\\'), Some(0x01), Some(0x1f)] {
                    for tail in ["", "\"", "\",\"k\":1}", "é\"}"] {
                        let mut body: Vec<u8> =
                            (0..len).map(|i| b"ab\xc3\xa9 ~Z0"[i % 8]).collect();
                        if let Some(c) = special {
                            if at < len {
                                body[at] = c;
                            }
                        }
                        body.extend_from_slice(tail.as_bytes());
                        let mut text = vec![b'"'];
                        text.extend_from_slice(&body);
                        let Ok(text) = String::from_utf8(text) else {
                            continue; // a cut UTF-8 sequence: not a &str
                        };
                        let mut s = Scan::with_today(&text, NO_DATE);
                        let got = s.raw_string().map(|r| r.len());
                        assert_eq!(got, reference(&body), "{text:?}");
                    }
                }
            }
        }
    }
}
