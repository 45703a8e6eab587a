//! Issues as compact records, the form in which the wasm hands them to its JS glue: numbers in a
//! `Vec<u32>` and the few strings they need (keys, labels, values from the input) in one side
//! string. No message is formatted here: the glue renders each issue's template from the table
//! the code generator writes into the package (`pkg/src/messages.js`), the same table
//! [`Issue::message`] renders in Rust.
//!
//! Layout (`u32` words; a string is two words, its start and length in UTF-16 units of the side
//! string, as JS counts):
//! - the side string's address and length in bytes (filled by [`Records::encode_into`], so the
//!   glue reads both from wasm memory: nothing is copied out or freed per call);
//! - the number of issues, then per issue:
//! - the template ([`Msg`](crate::rules::Msg) as a number), the code (its place in [`Code::ALL`]), the format (0, or
//!   1 + its place in [`Format::NAMES`]);
//! - the path: its length, then per step either `0x8000_0000 | index` or a key as a string;
//! - one argument per template parameter: `0` + a string, `1` + an integer as decimal text,
//!   `2` + a word (its place in `WORDS`), `3` + a count + that many strings (a list);
//! - the fields the issue concerns: a count, then that many strings (dotted paths).

use crate::rules::{Arg, Code, Format, Issue, PathSeg};

/// The records of some issues.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Records {
    pub words: Vec<u32>,
    pub strings: String,
    /// The side string's length in UTF-16 units.
    units: u32,
}

pub const INDEX: u32 = 0x8000_0000;
pub const STR: u32 = 0;
pub const INT: u32 = 1;
pub const WORD: u32 = 2;
pub const LIST: u32 = 3;

impl Records {
    pub const fn new() -> Records {
        Records {
            words: Vec::new(),
            strings: String::new(),
            units: 0,
        }
    }

    pub fn encode(issues: &[Issue]) -> Records {
        let mut r = Records::new();
        r.encode_into(issues);
        r
    }

    /// Replaces the records with those of `issues`, reusing the buffers; the first two words are
    /// the side string's address and length.
    pub fn encode_into(&mut self, issues: &[Issue]) {
        self.words.clear();
        self.strings.clear();
        self.units = 0;
        self.words.extend_from_slice(&[0, 0, issues.len() as u32]);
        for issue in issues {
            self.issue(issue);
        }
        let (at, len) = (
            self.strings.as_ptr() as usize as u32,
            self.strings.len() as u32,
        );
        if let Some(head) = self.words.get_mut(..2) {
            head.copy_from_slice(&[at, len]);
        }
    }

    fn issue(&mut self, issue: &Issue) {
        let code = Code::ALL.iter().position(|c| *c == issue.code).unwrap_or(0);
        let format = issue
            .format
            .and_then(|f| Format::NAMES.iter().position(|n| *n == f))
            .map_or(0, |i| i as u32 + 1);
        self.words
            .extend_from_slice(&[issue.msg as u32, code as u32, format]);
        self.words.push(issue.path.len() as u32);
        for seg in &issue.path {
            match seg {
                PathSeg::Index(i) => self.words.push(INDEX | (*i as u32 & !INDEX)),
                PathSeg::Key(k) => self.string(k),
            }
        }
        for arg in &issue.args {
            match arg {
                Arg::Str(s) => {
                    self.words.push(STR);
                    self.string(s);
                }
                Arg::Owned(s) => {
                    self.words.push(STR);
                    self.string(s);
                }
                Arg::Int(n) => {
                    self.words.push(INT);
                    let mut text = String::new();
                    crate::rules::messages::push_int(&mut text, *n);
                    self.string(&text);
                }
                Arg::Word(w) => self.words.extend_from_slice(&[WORD, *w as u32]),
                Arg::List(items) => {
                    self.words.extend_from_slice(&[LIST, items.len() as u32]);
                    for item in *items {
                        self.string(item);
                    }
                }
            }
        }
        self.words.push(issue.fields.len() as u32);
        for f in &issue.fields {
            self.string(f);
        }
    }

    fn string(&mut self, s: &str) {
        let len = if s.is_ascii() {
            s.len() as u32
        } else {
            s.encode_utf16().count() as u32
        };
        self.words.extend_from_slice(&[self.units, len]);
        self.strings.push_str(s);
        self.units += len;
    }
}
