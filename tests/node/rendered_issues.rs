//! The issues Rust renders natively (`Issue::message`), for tests/node/messages.test.mjs, which
//! keeps the JS glue's renderer in agreement with it. Reads one JSON array `[op, text]` per line
//! from stdin; writes one line per input: the issues of `text` for `op` as JSON
//! (`validate::issues_to_json`, English messages), today's date by the system clock (UTC), as
//! the wasm's.
//!
//! (The full wasm carried this as an export, `__renderedIssues`, until it was found to keep the
//! whole message catalog in the shipped wasm: 2.5 KB gzip.)

use customer_update::{clock, operation, validate};
use std::io::{BufRead, Write};

fn main() {
    let today = clock::today();
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin is readable");
        if line.is_empty() {
            continue;
        }
        let (op, text): (String, String) =
            serde_json::from_str(&line).expect("each line is a JSON [op, text] pair");
        let op = operation(&op).expect("a known operation id");
        let rendered = validate::issues_to_json(&validate::issues_text(op, &text, today));
        writeln!(out, "{rendered}").expect("stdout is writable");
    }
}
