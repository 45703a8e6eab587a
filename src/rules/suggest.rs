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
    let keep = |b: &u8| *b != b'_' && *b != b'-';
    if s.len() > ROOM {
        return std::borrow::Cow::Owned(
            s.bytes()
                .filter(keep)
                .map(|b| b.to_ascii_lowercase())
                .collect(),
        );
    }
    let mut n = 0;
    for b in s.as_bytes() {
        if keep(b) {
            if let Some(slot) = buf.get_mut(n) {
                *slot = b.to_ascii_lowercase();
            }
            n += 1;
        }
    }
    std::borrow::Cow::Borrowed(buf.get(..n).unwrap_or_default())
}

/// The optimal string alignment distance (Levenshtein plus adjacent transpositions) of `a` and
/// `b` when it is at most `limit`, else `None`. `closest` asks only for keys of at most 64
/// bytes against keys at most `limit` (3) longer; longer inputs are never "close" (`None`), so
/// a hostile 10 MB key costs nothing. Three rows of the table in bytes on the stack, and the
/// walk stops once two rows in a row are all above `limit` (every later cell is at least the
/// smaller of the last row's least cell and the row before's plus one).
fn osa_within(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    const W: usize = 72;
    let m = b.len();
    if m >= W || a.len() >= W || bag_distance(a, b) > limit {
        return None;
    }
    let (mut r0, mut r1, mut r2) = ([0u8; W], [0u8; W], [0u8; W]);
    let (mut two_up, mut up, mut row) = (&mut r0, &mut r1, &mut r2);
    for (j, c) in up.iter_mut().enumerate().take(m + 1) {
        *c = j as u8;
    }
    let limit = limit.min(W) as u8;
    // The least cell of the row above (row 0: 0).
    let mut up_min = 0u8;
    let mut a_prev: Option<u8> = None;
    for (i, &ai) in a.iter().enumerate() {
        let first = (i + 1) as u8;
        if let Some(c) = row.first_mut() {
            *c = first;
        }
        let mut row_min = first;
        let mut b_prev: Option<u8> = None;
        for (j, &bj) in b.iter().enumerate() {
            let cell = |r: &[u8; W], k: usize| r.get(k).copied().unwrap_or(u8::MAX / 2);
            let mut best = (cell(up, j + 1) + 1)
                .min(cell(row, j) + 1)
                .min(cell(up, j) + u8::from(ai != bj));
            if b_prev == Some(ai) && a_prev == Some(bj) {
                best = best.min(cell(two_up, j - 1) + 1);
            }
            if let Some(c) = row.get_mut(j + 1) {
                *c = best;
            }
            row_min = row_min.min(best);
            b_prev = Some(bj);
        }
        if row_min > limit && up_min > limit {
            return None;
        }
        up_min = row_min;
        a_prev = Some(ai);
        // Rotate: this row becomes the one above.
        core::mem::swap(&mut two_up, &mut up);
        core::mem::swap(&mut up, &mut row);
    }
    let d = up.get(m).copied()?;
    (d <= limit).then_some(usize::from(d))
}

/// A lower bound of the edit distance: how many bytes one side has that the other lacks (as
/// multisets, the larger of the two counts), with bytes counted by their low five bits. An
/// insertion, deletion or substitution changes it by at most one and a transposition not at
/// all, and merging bytes into 32 buckets only lowers it: never above the distance. Two
/// short arrays instead of a table: most keys far from the unknown one stop here.
fn bag_distance(a: &[u8], b: &[u8]) -> usize {
    let mut counts = [0i16; 32];
    for x in a {
        if let Some(c) = counts.get_mut(usize::from(x & 31)) {
            *c += 1;
        }
    }
    for x in b {
        if let Some(c) = counts.get_mut(usize::from(x & 31)) {
            *c -= 1;
        }
    }
    let (mut more, mut fewer) = (0usize, 0usize);
    for c in counts {
        if c > 0 {
            more += c.unsigned_abs() as usize;
        } else {
            fewer += c.unsigned_abs() as usize;
        }
    }
    more.max(fewer)
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
    let limit = match u.len() {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    for k in known {
        // A later key wins only with a lower score: none beats 0; after a 1, only an equal
        // key; after `1 + d`, only a distance below `d`.
        let beat = best.map_or(usize::MAX, |(s, _)| s);
        if beat == 0 {
            break;
        }
        let kn = normalise(k, &mut kbuf);
        let kn = kn.as_ref();
        let score = if kn == u {
            0
        } else if beat <= 1 {
            continue;
        } else if u.len() >= 3 && (contains(kn, u) || contains(u, kn)) {
            1
        } else {
            let limit = limit.min(beat - 2);
            // The distance is at least the difference in length: skip the table when that
            // alone rules the key out (keeps hostile 64-byte keys cheap).
            if u.len().abs_diff(kn.len()) > limit {
                continue;
            }
            let Some(d) = osa_within(u, kn, limit) else {
                continue;
            };
            1 + d
        };
        if score < beat {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| k)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some(first) = needle.first() else {
        return false;
    };
    hay.windows(needle.len())
        .any(|w| w.first() == Some(first) && w == needle)
}

#[cfg(test)]
mod tests {
    /// The previous implementation (a `Vec` per normalised key, the full table on the heap):
    /// the reference the allocation-free one must match.
    mod reference {
        fn contains(hay: &[u8], needle: &[u8]) -> bool {
            !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
        }

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
                } else if u.len() >= 3 && (contains(&kn, &u) || contains(&u, &kn)) {
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
        for _ in 0..20_000 {
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
                let want = reference::osa_distance(unknown.as_bytes(), k.as_bytes());
                assert!(super::bag_distance(unknown.as_bytes(), k.as_bytes()) <= want);
                for limit in 0..=4 {
                    assert_eq!(
                        super::osa_within(unknown.as_bytes(), k.as_bytes(), limit),
                        (want <= limit).then_some(want),
                        "{unknown:?} {k:?} {limit}"
                    );
                }
                checked += 1;
            }
        }
        assert!(checked > 40_000, "{checked}");
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
        let want = reference::osa_distance(a.as_bytes(), b.as_bytes());
        assert_eq!(
            super::osa_within(a.as_bytes(), b.as_bytes(), 71),
            Some(want)
        );
        assert_eq!(super::osa_within(b"a", &[b'a'; 72], 100), None);
        assert_eq!(super::closest("emial", ["email", "name"]), Some("email"));
        assert_eq!(
            super::closest("first_name", ["firstName"]),
            Some("firstName")
        );
    }
}
