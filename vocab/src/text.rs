//! Splitting and searching text at one ASCII byte, for the runtime's request, auth, provider and
//! client code and this crate's contact conversions (`customer_update::text` re-exports these).
//! std's `char` patterns (`find('{')`, `split('.')`, `split_once(' ')`, `contains('@')`) keep
//! `CharSearcher` (with its `memchr` and fallbacks) and a `SplitInternal::next` and
//! `split_once` copy in the wasm for as long as one caller uses one. An ASCII byte of UTF-8
//! text is always a whole character, so the offsets and parts are std's. `#[inline]`, so that
//! they are compiled with their callers (in the wasm, the runtime's size-optimised code: this
//! crate's own opt-level 3 made each about 1.5 times larger).

/// The byte offset of the first `b` (an ASCII byte) in `s` (`str::find` with a `char` pattern).
#[inline]
pub fn find_byte(s: &str, b: u8) -> Option<usize> {
    s.bytes().position(|c| c == b)
}

/// Whether `s` holds the ASCII byte `b` (`str::contains` with a `char` pattern).
#[inline]
pub fn contains_byte(s: &str, b: u8) -> bool {
    find_byte(s, b).is_some()
}

/// `str::split_once` with an ASCII `char` pattern.
#[inline]
pub fn split_once_byte(s: &str, b: u8) -> Option<(&str, &str)> {
    let at = find_byte(s, b)?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// `str::split` with an ASCII `char` pattern: the parts between the `b`s, empty ones included
/// (`""` gives one empty part), as std's.
#[inline]
pub fn split(s: &str, b: u8) -> Split<'_> {
    Split {
        rest: Some(s),
        sep: b,
    }
}

/// The iterator of [`split`].
pub struct Split<'a> {
    rest: Option<&'a str>,
    sep: u8,
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match split_once_byte(rest, self.sep) {
            Some((part, after)) => {
                self.rest = Some(after);
                Some(part)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::vec::Vec;

    #[test]
    fn byte_patterns_are_std_char_patterns() {
        let alphabet = ["", ".", "/", "{", "}", "a", "é", "\u{1F600}", ":", " "];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    for d in alphabet {
                        let s = format!("{a}{b}{c}{d}");
                        for x in ['.', '/', '{', '}', ':', '#', ' '] {
                            let y = x as u8;
                            assert_eq!(find_byte(&s, y), s.find(x), "{s:?} {x:?}");
                            assert_eq!(contains_byte(&s, y), s.contains(x), "{s:?} {x:?}");
                            assert_eq!(split_once_byte(&s, y), s.split_once(x), "{s:?} {x:?}");
                            assert_eq!(
                                split(&s, y).collect::<Vec<_>>(),
                                s.split(x).collect::<Vec<_>>(),
                                "{s:?} {x:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
