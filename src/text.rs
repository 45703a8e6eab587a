//! Substring search and splitting on bytes, for the request, auth, provider and client code.
//! std's `&str` patterns (`contains("…")`, `split_once("…")`, `replace(&str, …)`) and
//! `str::split_at` keep `StrSearcher` and std's slice-error panic in the wasm, whose message
//! formats a `char` with `{:?}` (and so keeps the unicode `printable` tables): about 3 KB gzip of
//! the full wasm, measured. The inputs here are short (URLs, headers, templates, messages), so a
//! plain search is enough. A match of valid UTF-8 in valid UTF-8 always starts and ends on char
//! boundaries, so the results are those of the std methods.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
