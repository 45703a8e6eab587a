//! Issues as compact records, the form in which the wasm hands them to its JS glue: numbers in a
//! `Vec<u32>` and the few strings they need (keys, labels, values from the input) in one side
//! string. No message is formatted here: the glue renders each issue's template from the table
//! the code generator writes into the package (`pkg/src/messages.js`), the same table
//! [`Issue::message`] renders in Rust.
//!
//! Layout (`u32` words; a string is two words, its start and length in UTF-16 units of the side
//! string, as JS counts; or, for a string from the spec when the records are read in wasm memory
//! ([`Records::in_memory`]), `STATIC | address` and its length in UTF-8 bytes: the glue decodes
//! each such string once per memory and keeps it, so labels, spec keys and enum values are not
//! copied per issue; or, for a piece of an ASCII input text the glue wrote and keeps
//! ([`Records::keep_text`], [`Records::reads`]), `INPUT | offset` and its length: the glue slices
//! its own copy of the text, so an unknown key is neither copied nor decoded):
//! - the side string's address and length in bytes (filled by [`Records::encode_into`], so the
//!   glue reads both from wasm memory: nothing is copied out or freed per call);
//! - the number of issues, then per issue:
//! - the template ([`Msg`](crate::rules::Msg) as a number), the code (its place in [`Code::ALL`]), the format (0, or
//!   1 + its place in [`Format::NAMES`]);
//! - the path: its length, then per step either `0x8000_0000 | index` or a key as a string;
//! - one argument per template parameter: `0` + a string, `1` + an integer as decimal text,
//!   `2` + a word (its place in `WORDS`), `3` + a count + that many strings (a list), `4` + the
//!   address of a list from the spec (its `&str`s: address and length pairs) + its count (in
//!   memory only), `5` + an integer that fits an `i32`, as that word (in memory, for a caller
//!   that keeps the text: [`Records::keep_text`]);
//! - the fields the issue concerns: a count, then that many strings (dotted paths); for a reader
//!   that keeps the text, an item's field `list.index.key` as `ITEM_FIELD | ` the list's address,
//!   its length, the index, the key's address and its length (five words: the glue joins them).
//!
//! For a caller that keeps the text, a cross-field rule's string argument that is a value the
//! rule read from the text (a status of a refused transition) is named by its offset too.

use crate::rules::cross::{Fields, Found, Place};
use crate::rules::{Arg, Code, Format, Issue, Msg, PathSeg};
use alloc::{string::String, vec::Vec};

/// The records of some issues.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Records {
    pub words: Vec<u32>,
    pub strings: String,
    /// The side string's length in UTF-16 units.
    units: u32,
    /// Whether strings and lists from the spec are named by their address (records read in wasm
    /// memory, on wasm32 only) rather than copied into the side string.
    refs: bool,
    /// The input text's address and length when pieces of it are named by offset
    /// ([`Records::reads`]; 0 and 0: none).
    input: (usize, usize),
    /// Whether the reader of these records keeps the input text ([`Records::keep_text`]).
    keeps: bool,
}

pub const INDEX: u32 = 0x8000_0000;
pub const STR: u32 = 0;
pub const INT: u32 = 1;
pub const WORD: u32 = 2;
pub const LIST: u32 = 3;
/// A list from the spec by its address (records in wasm memory only).
pub const LIST_STATIC: u32 = 4;
/// The flag of a string from the spec named by its address (records in wasm memory only).
pub const STATIC: u32 = 0x4000_0000;
/// The flag of a piece of the input text named by its offset (records in wasm memory only).
pub const INPUT: u32 = 0x2000_0000;
/// An integer argument that fits an `i32`, as that word (records in wasm memory only).
pub const INT32: u32 = 5;
/// The flag of an issue's field `list.index.key` written as its parts (the list's address and
/// length, the index, the key's address and length), for a reader that keeps the text only
/// ([`Records::keep_text`]; see `Records::item_field`).
pub const ITEM_FIELD: u32 = 0x1000_0000;
/// Whether records may name pieces of the input by offset and integers as words for a reader
/// that keeps the text ([`Records::keep_text`]): not in the validators entry's size build
/// (`cu_size_build`, build.rs), where these speed-only paths would be bytes of a form's
/// download; its records are the ones every reader decodes.
pub const FOR_KEPT_TEXT: bool = !cfg!(cu_size_build);

impl Records {
    pub const fn new() -> Records {
        Records {
            words: Vec::new(),
            strings: String::new(),
            units: 0,
            refs: false,
            input: (0, 0),
            keeps: false,
        }
    }

    /// Records the glue reads in wasm memory (`lastIssues`): on wasm32, strings and lists from
    /// the spec are written as their addresses (see the layout above); elsewhere as [`Records::new`].
    pub const fn in_memory() -> Records {
        Records {
            words: Vec::new(),
            strings: String::new(),
            units: 0,
            refs: cfg!(target_arch = "wasm32"),
            input: (0, 0),
            keeps: false,
        }
    }

    pub fn encode(issues: &[Issue]) -> Records {
        let mut r = Records::new();
        r.encode_into(issues);
        r
    }

    /// Replaces the records with those of `issues`, reusing the buffers; the first two words are
    /// the side string's address and length. These are not about a text the reader keeps (the
    /// issues of a request, a contact or a client call), whatever the last `checkInput` said:
    /// written as every reader decodes them.
    pub fn encode_into(&mut self, issues: &[Issue]) {
        self.keeps = false;
        self.begin();
        for issue in issues {
            self.issue(issue);
        }
        self.finish(issues.len());
    }

    /// Empties the records (keeping the buffers) before issues are written one by one: the
    /// reporting validators write theirs here as they find them ([`Records::head`], the path,
    /// [`Records::tail`]), with no [`Issue`] built; [`Records::finish`] after.
    pub fn begin(&mut self) {
        self.words.clear();
        self.strings.clear();
        self.units = 0;
        self.input = (0, 0);
        self.words.extend_from_slice(&[0, 0, 0]);
    }

    /// Whether the reader of the records (in wasm memory) keeps the input text they are about
    /// as a string (api.js does, and says so to `checkInput`): then integers that fit an `i32`
    /// are written as that word, and pieces of the text are named by offset ([`Records::reads`]).
    /// A reader that does not (an older glue, a test) gets them as text in the side string.
    pub fn keep_text(&mut self, keeps: bool) {
        self.keeps = FOR_KEPT_TEXT && keeps && self.refs;
    }

    /// Records about `text`, the input the glue wrote (when it keeps it: [`Records::keep_text`]):
    /// when it is ASCII (its UTF-8 offsets are then its UTF-16 ones), a string written from now
    /// on that is a piece of it (a key or value read without decoding) is named by its offset
    /// instead of copied. Until the next [`Records::begin`].
    pub fn reads(&mut self, text: &str) {
        if FOR_KEPT_TEXT && self.keeps && text.len() < INPUT as usize && text.is_ascii() {
            self.input = (text.as_ptr() as usize, text.len());
        }
    }

    /// Closes records written since [`Records::begin`]: the side string's address and length,
    /// and the number of issues, `count`.
    pub fn finish(&mut self, count: usize) {
        let (at, len) = (
            self.strings.as_ptr() as usize as u32,
            self.strings.len() as u32,
        );
        if let Some(head) = self.words.get_mut(..3) {
            head.copy_from_slice(&[at, len, count as u32]);
        }
    }

    /// The number of issues recorded (as [`Records::finish`] or [`Records::encode_into`] wrote it).
    pub fn count(&self) -> u32 {
        self.words.get(2).copied().unwrap_or(0)
    }

    /// The start of one issue: its template, code and format, and how many path steps follow
    /// ([`Records::key`], [`Records::index`]).
    pub fn head(&mut self, msg: Msg, code: Code, format: Option<&str>, steps: usize) {
        // Its place in `Code::ALL`, which lists the codes in declaration order (the test below
        // holds it): the discriminant, not a search.
        let code = code as u32;
        let format = format
            .and_then(|f| Format::NAMES.iter().position(|n| *n == f))
            .map_or(0, |i| i as u32 + 1);
        self.words
            .extend_from_slice(&[msg as u32, code, format, steps as u32]);
    }

    /// A path step: a key.
    #[inline]
    pub fn key(&mut self, key: &str) {
        self.string(key);
    }

    /// A path step: a key from the spec.
    #[inline]
    pub fn name(&mut self, key: &'static str) {
        self.static_str(key);
    }

    /// A path step: a list index.
    #[inline]
    pub fn index(&mut self, i: usize) {
        self.words.push(INDEX | (i as u32 & !INDEX));
    }

    /// A string argument (a key from the text: named by offset when it is a piece of the input,
    /// see [`Records::reads`]); [`Records::tail`] after, with the other arguments.
    pub fn text_arg(&mut self, s: &str) {
        self.words.push(STR);
        self.string(s);
    }

    /// The end of one issue: its arguments and the fields it concerns.
    pub fn tail(&mut self, args: &[Arg], fields: &[String]) {
        self.args(args, &|_| None);
        self.words.push(fields.len() as u32);
        for f in fields {
            self.string(f);
        }
    }

    /// The arguments; an owned string that `piece` finds (a value a rule read from the input,
    /// for a reader that keeps the text) is written as that piece of the input.
    fn args<'t>(&mut self, args: &[Arg], piece: &dyn Fn(&str) -> Option<&'t str>) {
        for arg in args {
            match arg {
                Arg::Str(s) => {
                    self.words.push(STR);
                    self.static_str(s);
                }
                Arg::Owned(s) => {
                    self.words.push(STR);
                    let p = match FOR_KEPT_TEXT && self.keeps {
                        true => piece(s),
                        false => None,
                    };
                    self.string(p.unwrap_or(s));
                }
                Arg::Int(n) if FOR_KEPT_TEXT && self.keeps && i32::try_from(*n).is_ok() => {
                    self.words.extend_from_slice(&[INT32, *n as i32 as u32]);
                }
                Arg::Int(n) => {
                    self.words.push(INT);
                    // Written straight into the side string (digits: one UTF-16 unit each).
                    let start = self.strings.len();
                    crate::rules::messages::push_int(&mut self.strings, *n);
                    let len = (self.strings.len() - start) as u32;
                    self.words.extend_from_slice(&[self.units, len]);
                    self.units += len;
                }
                Arg::Word(w) => self.words.extend_from_slice(&[WORD, *w as u32]),
                Arg::List(items) if self.refs && (items.as_ptr() as usize) < STATIC as usize => {
                    self.words.extend_from_slice(&[
                        LIST_STATIC,
                        items.as_ptr() as usize as u32,
                        items.len() as u32,
                    ]);
                }
                Arg::List(items) => {
                    self.words.extend_from_slice(&[LIST, items.len() as u32]);
                    for item in *items {
                        self.string(item);
                    }
                }
            }
        }
    }

    /// One whole issue.
    pub fn issue(&mut self, issue: &Issue) {
        self.issue_naming(issue, |_| None, |_| None);
    }

    /// One whole issue whose path keys and fields `name` may find among the spec's strings (a
    /// cross-field rule's issue, whose `Issue` holds copies of the field names the rule reads):
    /// those are written as the spec's, by address in wasm memory, and the same text otherwise.
    /// For a reader that keeps the text ([`Records::keep_text`]), a string argument that `piece`
    /// finds among the values the rule read is written as that piece of the input (by offset
    /// when it is one: [`Records::reads`]). (The reporter writes a rule's issues with
    /// [`Records::found`] instead, outside the validators entry's size build.)
    pub fn issue_naming<'t>(
        &mut self,
        issue: &Issue,
        name: impl Fn(&str) -> Option<&'static str>,
        piece: impl Fn(&str) -> Option<&'t str>,
    ) {
        self.head(issue.msg, issue.code, issue.format, issue.path.len());
        for seg in &issue.path {
            match seg {
                PathSeg::Index(i) => self.index(*i),
                PathSeg::Key(k) => match name(k) {
                    Some(s) => self.static_str(s),
                    None => self.key(k),
                },
            }
        }
        self.args(&issue.args, &piece);
        self.words.push(issue.fields.len() as u32);
        for f in &issue.fields {
            match name(f) {
                Some(s) => self.static_str(s),
                None => self.string(f),
            }
        }
    }

    /// One issue of a cross-field rule, from its parts (no [`Issue`] built, nothing allocated
    /// once the buffers have grown): the records of [`Found::issue`], with the spec's keys named
    /// by address in wasm memory and the values the rule read from the input (a refused
    /// transition's statuses) by offset when they are pieces of it ([`Records::reads`]).
    pub fn found(&mut self, f: &Found<'_>) {
        let steps = match f.place {
            Place::Root => 0,
            Place::Key(_) => 1,
            Place::Item(..) => 3,
        };
        self.head(f.msg, f.code, f.format, steps);
        match f.place {
            Place::Root => {}
            Place::Key(k) => self.name(k),
            Place::Item(list, i, k) => {
                self.name(list);
                self.index(i);
                self.name(k);
            }
        }
        self.args(f.args, &|_| None);
        for t in f.texts {
            self.text_arg(t);
        }
        match f.fields {
            Fields::Names(names) => {
                self.words.push(names.len() as u32);
                for n in names {
                    self.static_str(n);
                }
            }
            Fields::Items(list, i, keys) => {
                self.words.push(keys.len() as u32);
                for k in keys {
                    self.item_field(list, i, k);
                }
            }
            Fields::Shares {
                array,
                field,
                items,
            } => {
                self.words.push(items.len() as u32);
                for i in items {
                    self.item_field(array, *i, field);
                }
            }
        }
    }

    /// The dotted path `list.index.key` of an item's field (as [`Found::issue`] spells it):
    /// for a reader that keeps the text ([`Records::keep_text`]), as its parts (`ITEM_FIELD |`
    /// the list's address, its length, the index, the key's address and length: the glue joins
    /// them, so nothing is formatted here nor decoded there); else written into the side string.
    #[allow(clippy::single_char_add_str)] // not `push('.')`: see `push_int`
    fn item_field(&mut self, list: &'static str, index: usize, key: &'static str) {
        let (at, key_at) = (list.as_ptr() as usize, key.as_ptr() as usize);
        if FOR_KEPT_TEXT
            && self.keeps
            && at < ITEM_FIELD as usize
            && key_at < STATIC as usize
            && list.len().max(key.len()) < STATIC as usize
            && index < INDEX as usize
        {
            self.words.extend_from_slice(&[
                ITEM_FIELD | at as u32,
                list.len() as u32,
                index as u32,
                key_at as u32,
                key.len() as u32,
            ]);
            return;
        }
        let start = self.strings.len();
        self.strings.push_str(list);
        self.strings.push_str(".");
        crate::rules::messages::push_int(
            &mut self.strings,
            i64::try_from(index).unwrap_or(i64::MAX),
        );
        self.strings.push_str(".");
        self.strings.push_str(key);
        let len = utf16_len(self.strings.get(start..).unwrap_or_default());
        self.words.extend_from_slice(&[self.units, len]);
        self.units += len;
    }

    /// A string from the spec: by its address when the records name them so, else copied.
    fn static_str(&mut self, s: &'static str) {
        let at = s.as_ptr() as usize;
        if self.refs && at < STATIC as usize && s.len() < STATIC as usize {
            self.words
                .extend_from_slice(&[STATIC | at as u32, s.len() as u32]);
        } else {
            self.string(s);
        }
    }

    fn string(&mut self, s: &str) {
        // A piece of the input text (see `reads`): a live string cannot start inside the text's
        // buffer unless it is part of it (an owned copy is an allocation of its own).
        let (text, n) = self.input;
        let at = (s.as_ptr() as usize).wrapping_sub(text);
        if FOR_KEPT_TEXT && at < n && s.len() <= n - at {
            self.words
                .extend_from_slice(&[INPUT | at as u32, s.len() as u32]);
            return;
        }
        let len = utf16_len(s);
        self.words.extend_from_slice(&[self.units, len]);
        self.strings.push_str(s);
        self.units += len;
    }
}

/// The length of `s` in UTF-16 units, as JS counts: one per character, two for a character of
/// four UTF-8 bytes (outside the Basic Multilingual Plane), read byte by byte. Not
/// `is_ascii()` then `encode_utf16().count()`: core's word-at-a-time `is_ascii` and its
/// `next_code_point` decoder were 357 B raw of the validators wasm for this count.
fn utf16_len(s: &str) -> u32 {
    s.bytes()
        .map(|b| u32::from((b as i8) >= -0x40) + u32::from(b >= 0xF0))
        .sum()
}

#[cfg(test)]
mod tests {
    use crate::rules::Code;

    /// [`super::utf16_len`] is `encode_utf16().count()`: every character width, alone and mixed.
    #[test]
    fn utf16_lengths_are_counted_as_js_counts() {
        let mut cases = alloc::vec![
            alloc::string::String::new(),
            "plain".into(),
            "é中😀k".repeat(16),
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}".into(),
        ];
        for c in [
            'a',
            'é',
            '中',
            '😀',
            '\u{7f}',
            '\u{80}',
            '\u{ffff}',
            '\u{10000}',
        ] {
            cases.push(c.to_string());
            cases.push(alloc::format!("x{c}{c}y"));
        }
        for s in cases {
            assert_eq!(
                super::utf16_len(&s) as usize,
                s.encode_utf16().count(),
                "{s:?}"
            );
        }
        // Every scalar value alone.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(super::utf16_len(s) as usize, c.len_utf16(), "{c:?}");
        }
    }

    /// A record's code is its discriminant: `Code::ALL` (which the glue's table follows) lists
    /// every code in declaration order.
    #[test]
    fn a_code_is_its_place_in_all() {
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c:?}");
        }
    }
}
