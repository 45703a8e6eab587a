//! "Did you mean …?" for unknown keys: the closest known key, if any is close enough.
//!
//! Keys are compared case-insensitively with `_` and `-` ignored (so `firstname`, `first_name`
//! and `firstName` meet), then by containment (`email` → `email_address`), then by edit distance
//! with transpositions (`emial` → `email`).

/// Room for a key normalised on the stack; longer keys (never a spec's) are normalised on the
/// heap.
const ROOM: usize = 128;

/// `s` lower-cased (ASCII) without `_` and `-`: in `buf` when it fits, nothing allocated.
fn normalise<'b>(s: &str, buf: &'b mut [u8; ROOM]) -> std::borrow::Cow<'b, [u8]> {
    let bytes = s.bytes().filter(|b| *b != b'_' && *b != b'-');
    if s.len() > ROOM {
        return std::borrow::Cow::Owned(bytes.map(|b| b.to_ascii_lowercase()).collect());
    }
    let mut n = 0;
    for (slot, b) in buf.iter_mut().zip(bytes) {
        *slot = b.to_ascii_lowercase();
        n += 1;
    }
    std::borrow::Cow::Borrowed(buf.get(..n).unwrap_or_default())
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped so a
/// hostile 10 MB key costs nothing: inputs longer than 64 bytes are never "close". Three rows
/// of the table, on the stack: `closest` asks only when `b` is at most 67 bytes long (64 and
/// the largest limit); for a longer `b` the answer is `usize::MAX` (never close).
fn osa_distance(a: &[u8], b: &[u8]) -> usize {
    const W: usize = 72;
    if b.len() + 1 > W {
        return usize::MAX;
    }
    let (mut r0, mut r1, mut r2) = ([0usize; W], [0usize; W], [0usize; W]);
    osa_rows(a, b, &mut r0, &mut r1, &mut r2)
}

/// [`osa_distance`] over three rows of at least `b.len() + 1` cells: the rows `i - 2`, `i - 1`
/// and `i` of the full table, rotated.
fn osa_rows<'r>(
    a: &[u8],
    b: &[u8],
    mut two_up: &'r mut [usize],
    mut up: &'r mut [usize],
    mut row: &'r mut [usize],
) -> usize {
    let m = b.len();
    for (j, c) in up.iter_mut().enumerate().take(m + 1) {
        *c = j;
    }
    for i in 1..=a.len() {
        if let Some(c) = row.first_mut() {
            *c = i;
        }
        let ai = a.get(i - 1);
        for j in 1..=m {
            let bj = b.get(j - 1);
            let cost = usize::from(ai != bj);
            let get = |r: &[usize], k: usize| r.get(k).copied().unwrap_or(usize::MAX / 2);
            let mut best = (get(up, j) + 1)
                .min(get(row, j - 1) + 1)
                .min(get(up, j - 1) + cost);
            if i > 1 && j > 1 && ai == b.get(j - 2) && a.get(i - 2) == bj {
                best = best.min(get(two_up, j - 2) + 1);
            }
            if let Some(c) = row.get_mut(j) {
                *c = best;
            }
        }
        // Rotate: this row becomes the one above.
        std::mem::swap(&mut two_up, &mut up);
        std::mem::swap(&mut up, &mut row);
    }
    up.get(m).copied().unwrap_or(usize::MAX)
}

/// The known key closest to `unknown`, when it is close enough to be a likely typo.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if unknown.is_empty() || unknown.len() > 64 {
        return None;
    }
    let (mut ubuf, mut kbuf) = ([0u8; ROOM], [0u8; ROOM]);
    let u = normalise(unknown, &mut ubuf);
    let u = u.as_ref();
    let mut best: Option<(usize, &'a str)> = None;
    for k in known {
        let kn = normalise(k, &mut kbuf);
        let kn = kn.as_ref();
        let score = if kn == u {
            0
        } else if u.len() >= 3 && (contains(kn, u) || contains(u, kn)) {
            1
        } else {
            let limit = match u.len() {
                0..=3 => 1,
                4..=6 => 2,
                _ => 3,
            };
            // The distance is at least the difference in length: skip the table when that
            // alone rules the key out (keeps hostile 64-byte keys cheap).
            if u.len().abs_diff(kn.len()) > limit {
                continue;
            }
            let d = osa_distance(u, kn);
            if d > limit {
                continue;
            }
            1 + d
        };
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| k)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    /// The previous implementation (a `Vec` per normalised key, the full table on the heap):
    /// the reference the allocation-free one must match.
    mod reference {
        fn normalise(s: &str) -> Vec<u8> {
            s.bytes()
                .filter(|b| *b != b'_' && *b != b'-')
                .map(|b| b.to_ascii_lowercase())
                .collect()
        }

        pub fn osa_distance(a: &[u8], b: &[u8]) -> usize {
            let (n, m) = (a.len(), b.len());
            let width = m + 1;
            let mut d = vec![0usize; (n + 1) * width];
            let at = |i: usize, j: usize| i * width + j;
            for i in 0..=n {
                d[at(i, 0)] = i;
            }
            for j in 0..=m {
                d[at(0, j)] = j;
            }
            for i in 1..=n {
                for j in 1..=m {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    let mut best = (d[at(i - 1, j)] + 1)
                        .min(d[at(i, j - 1)] + 1)
                        .min(d[at(i - 1, j - 1)] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        best = best.min(d[at(i - 2, j - 2)] + 1);
                    }
                    d[at(i, j)] = best;
                }
            }
            d[at(n, m)]
        }

        pub fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
            if unknown.is_empty() || unknown.len() > 64 {
                return None;
            }
            let u = normalise(unknown);
            let mut best: Option<(usize, &'a str)> = None;
            for k in known {
                let kn = normalise(k);
                let score = if kn == u {
                    0
                } else if u.len() >= 3
                    && (super::super::contains(&kn, &u) || super::super::contains(&u, &kn))
                {
                    1
                } else {
                    let limit = match u.len() {
                        0..=3 => 1,
                        4..=6 => 2,
                        _ => 3,
                    };
                    if u.len().abs_diff(kn.len()) > limit {
                        continue;
                    }
                    let d = osa_distance(&u, &kn);
                    if d > limit {
                        continue;
                    }
                    1 + d
                };
                if best.is_none_or(|(s, _)| score < s) {
                    best = Some((score, k));
                }
            }
            best.map(|(_, k)| k)
        }
    }

    /// Random keys over a small alphabet (so many are close), each against a list of known keys:
    /// the same suggestion and the same distances as the reference; and keys around the stack
    /// buffer's size.
    #[test]
    fn the_same_suggestions_as_the_reference() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let alphabet = b"abcAB_-e\xc3\xa9";
        let word = |len: usize, next: &mut dyn FnMut(usize) -> usize| -> String {
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[next(alphabet.len() - 2)])
                .collect();
            let mut s = String::from_utf8(bytes).unwrap();
            if next(10) == 0 {
                s.push('\u{e9}');
            }
            s
        };
        let mut checked = 0;
        for _ in 0..3000 {
            let known: Vec<String> = (0..next(8))
                .map(|_| {
                    let l = next(12);
                    word(l, &mut next)
                })
                .collect();
            let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
            let l = next(14);
            let unknown = word(l, &mut next);
            assert_eq!(
                super::closest(&unknown, known_refs.iter().copied()),
                reference::closest(&unknown, &known_refs),
                "{unknown:?} in {known_refs:?}"
            );
            for k in &known_refs {
                assert_eq!(
                    super::osa_distance(unknown.as_bytes(), k.as_bytes()),
                    reference::osa_distance(unknown.as_bytes(), k.as_bytes())
                );
                checked += 1;
            }
        }
        assert!(checked > 5000, "{checked}");
        // Long keys: 64 bytes (the longest compared), 65, a known key beyond the stack buffer.
        let long = "a".repeat(200);
        let known = [
            "a".repeat(64),
            "a".repeat(66),
            long.clone(),
            "b".repeat(129),
        ];
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        for unknown in [
            "a".repeat(64),
            "a".repeat(63) + "b",
            "a".repeat(65),
            "ab".repeat(32),
        ] {
            assert_eq!(
                super::closest(&unknown, known.iter().copied()),
                reference::closest(&unknown, &known),
                "{unknown}"
            );
        }
        let (a, b) = ("ab".repeat(32), "ba".repeat(33));
        assert_eq!(
            super::osa_distance(a.as_bytes(), b.as_bytes()),
            reference::osa_distance(a.as_bytes(), b.as_bytes())
        );
        assert_eq!(super::osa_distance(b"a", &[b'a'; 72]), usize::MAX);
        assert_eq!(super::closest("emial", ["email", "name"]), Some("email"));
        assert_eq!(
            super::closest("first_name", ["firstName"]),
            Some("firstName")
        );
    }
}
