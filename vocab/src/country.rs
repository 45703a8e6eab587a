//! ISO 3166-1 alpha-2: the 249 officially assigned codes, compiled in from
//! `src/spec/iso3166-1-alpha2.txt` (one upper-case code per line, sorted; the code generator
//! checks that, against [`COUNT`]). `vocab/src/iso3166-1-alpha2.txt` is a symlink to it, so the
//! crate packaged on its own (`cargo package`) carries the file.

use alloc::{format, string::String, vec::Vec};

/// The data file: `AD\nAE\n…`, three bytes a code.
pub const LIST: &str = include_str!("iso3166-1-alpha2.txt");

/// How many codes the list must hold.
pub const COUNT: usize = 249;

/// The list as a bitmap, computed at compile time: bit `second - b'A'` of entry `first - b'A'`
/// is set when the code is assigned. 104 bytes in the wasm instead of the 747-byte list (only
/// the code generator's checks read the list itself at run time).
const ASSIGNED: [u32; 26] = bitmap(LIST.as_bytes());

const fn bitmap(mut list: &[u8]) -> [u32; 26] {
    let mut bits = [0u32; 26];
    // `check_text` (run by the code generator on every build) holds the list to upper-case
    // codes, one a line; a line that is not one is skipped here.
    while let [first, second, _newline, rest @ ..] = list {
        let (row, col) = (
            first.wrapping_sub(b'A') as usize,
            second.wrapping_sub(b'A') as u32,
        );
        if row < 26 && col < 26 {
            if let Some((row_bits, _)) = bits.split_at_mut(row).1.split_first_mut() {
                *row_bits |= 1 << col;
            }
        }
        list = rest;
    }
    bits
}

/// Whether `code` is an officially assigned alpha-2 code, exactly (upper case, two letters).
/// Out of line: [`crate::Format::check`] calls one function per format.
#[inline(never)]
pub fn is_assigned(code: &str) -> bool {
    let [first, second] = code.as_bytes() else {
        return false;
    };
    let col = second.wrapping_sub(b'A') as u32;
    match ASSIGNED.get(first.wrapping_sub(b'A') as usize) {
        Some(row) if col < 26 => row & (1 << col) != 0,
        _ => false,
    }
}

/// Checks the data file's shape; the code generator fails the build with this message when it
/// is wrong.
pub fn check_list() -> Result<(), String> {
    check_text(LIST)
}

/// Checks a list in the data file's shape: [`COUNT`] upper-case codes, one a line, sorted.
#[allow(
    clippy::disallowed_macros,
    clippy::disallowed_methods,
    reason = "the code generator's only (build time): not in the wasm"
)]
pub fn check_text(list: &str) -> Result<(), String> {
    let codes: Vec<&str> = list.lines().collect();
    if codes.len() != COUNT || list.len() != COUNT * 3 {
        return Err(format!(
            "expected {COUNT} codes of two letters, one a line; found {}",
            codes.len()
        ));
    }
    for pair in codes.windows(2) {
        if let [a, b] = pair {
            if a >= b {
                return Err(format!("codes not sorted or repeated at {a} / {b}"));
            }
        }
    }
    if let Some(bad) = codes
        .iter()
        .find(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(format!("not an upper-case alpha-2 code: {bad:?}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bitmap_holds_exactly_the_listed_codes() {
        let listed: Vec<&str> = LIST.lines().collect();
        let mut assigned = 0;
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = String::from_utf8(vec![a, b]).unwrap_or_default();
                assert_eq!(
                    is_assigned(&code),
                    listed.contains(&code.as_str()),
                    "{code}"
                );
                assigned += usize::from(is_assigned(&code));
                assert!(
                    !is_assigned(&code.to_ascii_lowercase()),
                    "{code} in lower case"
                );
            }
        }
        assert_eq!(assigned, COUNT);
        for odd in ["", "G", "GBR", "G1", "[A", "A[", "@A", "\u{e9}A", "GB\n"] {
            assert!(!is_assigned(odd), "{odd:?}");
        }
    }
}
