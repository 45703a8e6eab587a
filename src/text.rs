//! Substring search and splitting on bytes, for the request, auth, provider and client code.
//! std's `&str` patterns (`contains("…")`, `split_once("…")`, `replace(&str, …)`) and
//! `str::split_at` keep `StrSearcher` and std's slice-error panic in the wasm, whose message
//! formats a `char` with `{:?}` (and so keeps the unicode `printable` tables): about 3 KB gzip of
//! the full wasm, measured. The inputs here are short (URLs, headers, templates, messages), so a
//! plain search is enough. A match of valid UTF-8 in valid UTF-8 always starts and ends on char
//! boundaries, so the results are those of the std methods.

use alloc::string::String;

/// Search and split at one ASCII byte (`str::find`, `contains`, `split_once` and `split` with an
/// ASCII `char` pattern), shared with the rule vocabulary's contact conversions.
pub use customer_update_vocab::text::{contains_byte, find_byte, split, split_once_byte, Split};

/// `n` in decimal, as `n.to_string()` writes it, through the validation path's digit writer (in
/// the wasm anyway): the full wasm's messages write their numbers with it and [`concat`], so no
/// `format!` (`fmt::write`, `alloc::fmt::format`, `String`'s `fmt::Write`) is in that wasm.
pub fn decimal(n: u64) -> String {
    let mut out = String::new();
    crate::validate::push_u64(&mut out, n);
    out
}

/// The byte offset of the first `needle` in `hay` (`str::find` with a `&str` pattern).
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, _)) = n.split_first() else {
        return Some(0);
    };
    let mut from = 0;
    while let Some(p) = h.get(from..)?.iter().position(|&c| c == first) {
        let at = from + p;
        if h.get(at..at + n.len()) == Some(n) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The byte offset of the first `a` or `b` (ASCII bytes) in `s`: `str::find(['a', 'b'])`, whose
/// `[char; 2]` pattern keeps a searcher of its own in the wasm (and `contains` and `split` with
/// it one more copy each). An ASCII byte of UTF-8 text is always a whole character.
pub fn find_either(s: &str, a: u8, b: u8) -> Option<usize> {
    s.bytes().position(|c| c == a || c == b)
}

/// Whether every byte of `s` passes `ok`: `s.bytes().all(ok)`, out of line over a fn pointer, so
/// that the request and client code's byte checks share one loop in the full wasm (each closure
/// given to `all` or `any` there was a `try_fold` copy of its own, 70 to 140 B).
#[inline(never)]
pub fn all_bytes(s: &str, ok: fn(u8) -> bool) -> bool {
    s.bytes().all(ok)
}

/// Whether `hay` holds `needle` (`str::contains` with a `&str` pattern).
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `str::split_once` with a `&str` pattern.
pub fn split_once<'a>(hay: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(hay, needle)?;
    Some((hay.get(..at)?, hay.get(at + needle.len()..)?))
}

/// `str::split_at` without its panic: `(s, "")` when `at` is past the end or not on a char
/// boundary (callers pass offsets found in `s`).
pub fn split_at(s: &str, at: usize) -> (&str, &str) {
    s.split_at_checked(at).unwrap_or((s, ""))
}

/// `str::replace` with a `&str` pattern.
pub fn replace(hay: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(hay.len());
    if from.is_empty() {
        // As std: `to` before every char and at the end.
        for c in hay.chars() {
            out.push_str(to);
            out.push(c);
        }
        out.push_str(to);
        return out;
    }
    let mut rest = hay;
    while let Some((head, tail)) = split_once(rest, from) {
        out.push_str(head);
        out.push_str(to);
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// `s` without the leading and trailing bytes `trim` holds (`str::trim_matches` for an ASCII
/// predicate): one function for every such trim, where each closure or pattern given to std's
/// `trim_matches` is one more copy of it (about 250 bytes of wasm each). A predicate that holds
/// for some byte of a non-ASCII character must hold for every such byte (`!is_ascii_alphanumeric`
/// does, and ASCII-only predicates never do), so the result always ends on character boundaries.
pub fn trim(s: &str, trim: fn(u8) -> bool, start: bool) -> &str {
    let b = s.as_bytes();
    let from = if start {
        b.iter().position(|c| !trim(*c)).unwrap_or(b.len())
    } else {
        0
    };
    let to = b.iter().rposition(|c| !trim(*c)).map_or(from, |i| i + 1);
    s.get(from..to.max(from)).unwrap_or(s)
}

/// `s.parse::<u64>()` for a value at most `max` (`u16::MAX` for a `u16`, …): an optional `+`,
/// then one or more ASCII digits, nothing else, no overflow past `max`. One function for every
/// unsigned parse of the request and client code, where each integer type std parses is one more
/// copy of its `FromStr` (about 320 bytes of wasm each).
pub fn parse_uint(s: &str, max: u64) -> Option<u64> {
    let digits = s.strip_prefix("+").unwrap_or(s);
    if digits.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = times_ten_plus(n, b - b'0')?;
    }
    (n <= max).then_some(n)
}

/// `n * 10 + digit`, or `None` past `u64::MAX`: one more decimal digit of an unsigned number
/// ([`parse_uint`], the request parser's significand). `n * 10` overflows exactly when
/// `n > u64::MAX / 10`, tested first: `checked_mul` on a `u64` is a 128-bit multiply on wasm32
/// (compiler_builtins' `__multi3`).
#[inline]
pub fn times_ten_plus(n: u64, digit: u8) -> Option<u64> {
    if n > u64::MAX / 10 {
        return None;
    }
    (n * 10).checked_add(u64::from(digit))
}

/// `parts` joined by `sep` (`[&str].join` and `[String].join`): std's `join` is instantiated per
/// element type, about 1 KB of wasm each; this loop is a few dozen bytes per caller.
pub fn join<'a>(parts: impl IntoIterator<Item = &'a str>, sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part);
    }
    out
}

/// The parts one after another (`[&str].concat()`, which goes through std's `join_generic_copy`,
/// about 0.3 KB of wasm; [`join`] over an array adds an instantiation of its own, +93 B gzip).
/// The full wasm's messages are built with it instead of `format!`: with no `format!` left,
/// `core::fmt`'s writer and `alloc::fmt::format` leave that wasm (bench/targets.md, "Session 18:
/// std and generic weight").
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Sorts `v` ascending (a heapsort: keys are unique where it is used, so stability does not
/// matter). std's `sort` instantiates its driftsort (about 4 KB of wasm) for every element type
/// sorted; this is a few hundred bytes, and O(n log n) on any input.
pub fn sort(v: &mut [&str]) {
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift_down(v, root, n);
    }
    for end in (1..n).rev() {
        swap(v, 0, end);
        sift_down(v, 0, end);
    }
}

fn sift_down(v: &mut [&str], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v.get(child) < v.get(child + 1) {
            child += 1;
        }
        if v.get(root) >= v.get(child) {
            return;
        }
        swap(v, root, child);
        root = child;
    }
}

/// `v.swap(a, b)` without its bounds-check panic, as json.rs's (the panic was the full wasm's one
/// `panic_bounds_check`, with its message and two locations); out of range, nothing moves.
fn swap(v: &mut [&str], a: usize, b: usize) {
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
    use super::*;

    #[test]
    fn all_bytes_is_std_all() {
        let checks: [fn(u8) -> bool; 3] = [|b| b.is_ascii_digit(), |b| b != b'"', |b| b < 0x80];
        for s in ["", "0", "0123456789", "12a", "a\"b", "é", "plain text"] {
            for ok in checks {
                assert_eq!(all_bytes(s, ok), s.bytes().all(ok), "{s:?}");
            }
        }
    }

    #[test]
    fn decimal_is_to_string() {
        let mut n = 1u64;
        let mut edges = vec![0, u64::MAX, u64::MAX - 1, u64::from(u32::MAX) + 1];
        while let Some(m) = n.checked_mul(10) {
            edges.extend([n - 1, n, n + 1]);
            n = m;
        }
        for n in edges.into_iter().chain((0..2000).map(|i| i * 7919)) {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn join_is_std_join() {
        for parts in [&[][..], &["a"], &["a", "", "bc"], &["é", "ü"]] {
            assert_eq!(join(parts.iter().copied(), ", "), parts.join(", "));
            assert_eq!(join(parts.iter().copied(), ""), parts.concat());
            assert_eq!(concat(parts), parts.concat());
        }
    }

    #[test]
    fn find_either_is_std_find() {
        let alphabet = ["", "?", "#", "a", "é", "\r", "\n", "\"", "\\", "/"];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    let s = format!("{a}{b}{c}");
                    for (x, y) in [('?', '#'), ('\r', '\n'), ('"', '\\')] {
                        assert_eq!(find_either(&s, x as u8, y as u8), s.find([x, y]), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn parse_uint_is_std_parse() {
        let mut texts: Vec<String> = Vec::new();
        let alphabet = ["", "+", "-", "0", "1", "5", "9", "a", " ", "٣"];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for n in [
            u64::from(u16::MAX),
            u64::from(u32::MAX),
            u64::MAX,
            99_999,
            1_000_000_000_000,
        ] {
            for d in [n.saturating_sub(1), n, n.saturating_add(1)] {
                texts.push(d.to_string());
                texts.push(format!("+{d}"));
                texts.push(format!("00{d}"));
            }
        }
        texts.push("18446744073709551616".into());
        texts.push("184467440737095516150".into());
        // Each last digit after `u64::MAX / 10` and after one more.
        for last in 0..10 {
            texts.push(format!("{}{last}", u64::MAX / 10));
            texts.push(format!("{}{last}", u64::MAX / 10 + 1));
        }
        for t in &texts {
            assert_eq!(
                parse_uint(t, u64::MAX),
                t.parse::<u64>().ok(),
                "{t:?} as u64"
            );
            assert_eq!(
                parse_uint(t, u64::from(u16::MAX)),
                t.parse::<u16>().ok().map(u64::from),
                "{t:?} as u16"
            );
            assert_eq!(
                parse_uint(t, u64::from(u32::MAX)),
                t.parse::<u32>().ok().map(u64::from),
                "{t:?} as u32"
            );
        }
    }

    #[test]
    fn the_same_as_std() {
        let hays = [
            "",
            "a",
            "abc",
            "a://b://c",
            "mac=\"x\" mac=\"y\"",
            "é{token}ü{token}",
            "aaa",
            "ab",
        ];
        let needles = [
            "", "a", "aa", "://", "mac=\"", "{token}", "ü", "b", "abc", "zz",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(find(h, n), h.find(n), "{h:?} {n:?}");
                assert_eq!(contains(h, n), h.contains(n), "{h:?} {n:?}");
                assert_eq!(split_once(h, n), h.split_once(n), "{h:?} {n:?}");
                assert_eq!(replace(h, n, "[r]"), h.replace(n, "[r]"), "{h:?} {n:?}");
            }
            for at in 0..=h.len() {
                if h.is_char_boundary(at) {
                    assert_eq!(split_at(h, at), h.split_at(at), "{h:?} {at}");
                }
            }
        }
        assert_eq!(split_at("é", 1), ("é", ""));
        assert_eq!(split_at("ab", 3), ("ab", ""));
    }

    #[test]
    fn trim_is_std_trim_matches() {
        let texts = [
            "",
            "/",
            "//a/b//",
            "a",
            "«word»",
            "\"quoted'",
            "end. . ",
            "é/",
            "/é",
            "..é..",
            "x.y",
            "ab12",
            "--",
            "\u{1F600}.",
        ];
        for s in texts {
            let alnum = |c: u8| !c.is_ascii_alphanumeric();
            assert_eq!(
                trim(s, alnum, true),
                s.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            );
            assert_eq!(trim(s, |c| c == b'/', true), s.trim_matches('/'));
            assert_eq!(
                trim(s, |c| c == b'"' || c == b'\'', true),
                s.trim_matches(|c| c == '"' || c == '\'')
            );
            assert_eq!(
                trim(s, |c| c == b'.' || c == b' ', false),
                s.trim_end_matches(['.', ' '])
            );
        }
    }

    #[test]
    fn sort_is_std_sort() {
        let words = [
            "", "a", "b", "ab", "ba", "é", "z", "a", "Zz", "aa", "{x}", "0",
        ];
        for len in 0..=words.len() {
            for start in 0..words.len() {
                let mut v: Vec<&str> = words
                    .iter()
                    .cycle()
                    .skip(start)
                    .take(len)
                    .copied()
                    .collect();
                let mut want = v.clone();
                want.sort();
                sort(&mut v);
                assert_eq!(v, want);
            }
        }
        let mut many: Vec<String> = (0..1000).map(|i| ((i * 7919) % 1000).to_string()).collect();
        many.push("same".into());
        many.push("same".into());
        let mut v: Vec<&str> = many.iter().map(String::as_str).collect();
        let mut want = v.clone();
        want.sort();
        sort(&mut v);
        assert_eq!(v, want);
    }
}
