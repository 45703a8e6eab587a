//! "Did you mean …?" for unknown keys: the closest known key, if any is close enough.
//!
//! Keys are compared case-insensitively with `_` and `-` ignored (so `firstname`, `first_name`
//! and `firstName` meet), then by containment (`email` → `email_address`), then by edit distance
//! with transpositions (`emial` → `email`).

/// Room for a key normalised on the stack: the unknown key (at most 64 bytes, longer ones are
/// never compared) always fits; a longer known key (never a spec's) is normalised on the heap.
/// 64 bytes rather than more: a buffer this size is zeroed with plain stores, a larger one with a
/// `memory.fill` call in the wasm.
const ROOM: usize = 64;

/// `s` lower-cased (ASCII) without `_` and `-`: in `buf` when it fits, nothing allocated; and
/// its byte classes ([`classes`]), counted in the same pass (0 in the validators entry's size
/// build, `cu_size_build`, which does not read them).
fn normalise<'b>(s: &str, buf: &'b mut [u8; ROOM]) -> (alloc::borrow::Cow<'b, [u8]>, u64) {
    let keep = |b: &u8| *b != b'_' && *b != b'-';
    if s.len() > ROOM {
        // (Pushed in a loop: a `collect` is a `Vec::from_iter` of its own.)
        let mut owned = alloc::vec::Vec::with_capacity(s.len());
        for b in s.bytes() {
            if keep(&b) {
                owned.push(b.to_ascii_lowercase());
            }
        }
        let set = if cfg!(cu_size_build) {
            0
        } else {
            classes(&owned)
        };
        return (alloc::borrow::Cow::Owned(owned), set);
    }
    let (mut n, mut set) = (0, 0u64);
    for b in s.as_bytes() {
        if keep(b) {
            let low = b.to_ascii_lowercase();
            if let Some(slot) = buf.get_mut(n) {
                *slot = low;
            }
            if !cfg!(cu_size_build) {
                set |= 1u64 << (low & 63);
            }
            n += 1;
        }
    }
    (
        alloc::borrow::Cow::Borrowed(buf.get(..n).unwrap_or_default()),
        set,
    )
}

/// The optimal string alignment distance (Levenshtein plus adjacent transpositions) of `a` and
/// `b` when it is at most `limit`, else `None`; `a` (the normalised unknown key in `closest`)
/// is at most 64 bytes, else `None`. `b` longer or shorter than `a` by more than `limit` is
/// `None` at once (the distance is at least the difference in length), and so is a pair whose
/// byte classes alone rule it out (`class_distance`); a hostile long key costs nothing.
///
/// Bit-parallel (Hyyrö 2003, "A bit-vector algorithm for computing Levenshtein and Damerau edit
/// distances"): one column of the table is a few words in registers, bit `i` for row `i`
/// (`VP`/`VN`: the vertical differences +1/−1, `D0`: the diagonal zero deltas), and a byte of
/// `b` updates the whole column in a dozen word operations; the last row's value, the distance
/// so far, is tracked from the top bit's horizontal delta. No table, no memory: the previous
/// version's three rows of 72 bytes were zeroed with `memory.fill` on every call.
fn osa_within(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    let m = a.len();
    if m > 64 || b.len().abs_diff(m) > limit || class_distance(a, b) > limit {
        return None;
    }
    // `a` empty: the distance is `b`'s length, within `limit` by the test above.
    let Some(last) = m.checked_sub(1) else {
        return Some(b.len());
    };
    let top = 1u64 << last;
    let (mut vp, mut vn, mut d0, mut pm_before) = (!0u64, 0u64, 0u64, 0u64);
    let mut dist = m;
    for &c in b {
        // The rows where `a` has this byte.
        let mut pm = 0u64;
        for (i, &x) in a.iter().enumerate() {
            pm |= u64::from(x == c) << i;
        }
        // Transpositions: `a[i] == c`, `a[i - 1]` the byte before `c`, and no zero delta there.
        let tr = ((!d0 & pm) << 1) & pm_before;
        d0 = ((pm & vp).wrapping_add(vp) ^ vp) | pm | vn | tr;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        if hp & top != 0 {
            dist += 1;
        } else if hn & top != 0 {
            dist = dist.saturating_sub(1);
        }
        let hp = (hp << 1) | 1;
        vp = (hn << 1) | !(d0 | hp);
        vn = hp & d0;
        pm_before = pm;
    }
    (dist <= limit).then_some(dist)
}

/// The byte classes (a byte's low six bits) present in `s`, as the bits of a word.
fn classes(s: &[u8]) -> u64 {
    s.iter().fold(0, |set, &b| set | 1u64 << (b & 63))
}

/// A lower bound of the edit distance from the classes of bytes one side has and the other
/// lacks: every class of `a` missing from `b` needs its own deletion or substitution (one edit
/// removes one byte), every class of `b` missing from `a` its own insertion or substitution, and
/// a transposition changes neither set; merging bytes into 64 classes only lowers the count.
/// Two words and two popcounts: most known keys far from the unknown one (`reason` against
/// `status`: 4 classes apart) stop here, before the distance.
fn class_distance(a: &[u8], b: &[u8]) -> usize {
    let (x, y) = (classes(a), classes(b));
    (x & !y).count_ones().max((y & !x).count_ones()) as usize
}

/// The known key closest to `unknown`, when it is close enough to be a likely typo.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if unknown.is_empty() || unknown.len() > 64 {
        return None;
    }
    let (mut ubuf, mut kbuf) = ([0u8; ROOM], [0u8; ROOM]);
    let (u, u_classes) = normalise(unknown, &mut ubuf);
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
        let (kn, k_classes) = normalise(k, &mut kbuf);
        let kn = kn.as_ref();
        // Most known keys are ruled out by their classes and length alone (counted as the key
        // is normalised), before any byte is compared: an equal or containing key has the
        // classes of one key within the other's, and a key within `limit` edits differs by at
        // most `limit` in length and in classes (`class_distance`). (Not in the validators
        // entry's size build, `cu_size_build`: a form's bytes.)
        if !cfg!(cu_size_build) {
            let (only_u, only_k) = (
                (u_classes & !k_classes).count_ones() as usize,
                (k_classes & !u_classes).count_ones() as usize,
            );
            if only_u != 0
                && only_k != 0
                && (only_u.max(only_k) > limit || u.len().abs_diff(kn.len()) > limit)
            {
                continue;
            }
        }
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
                assert!(super::class_distance(unknown.as_bytes(), k.as_bytes()) <= want);
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
        // Over the whole alphabet (most known keys then ruled out by their classes and length
        // before they are compared): the reference's suggestion.
        let letters = b"abcdefghijklmnopqrstuvwxyzAEST_-";
        let mut suggested = 0;
        for _ in 0..20_000 {
            let word = |len: usize, next: &mut dyn FnMut(usize) -> usize| -> String {
                (0..len)
                    .map(|_| char::from(letters[next(letters.len())]))
                    .collect()
            };
            let known: Vec<String> = (0..1 + next(8))
                .map(|_| {
                    let l = 1 + next(14);
                    word(l, &mut next)
                })
                .collect();
            let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
            // The unknown key a known one with a few edits (a typo), or a word of its own.
            let unknown = match next(2) {
                0 => {
                    let l = 1 + next(14);
                    word(l, &mut next)
                }
                _ => {
                    let mut k = known[next(known.len())].clone().into_bytes();
                    for _ in 0..next(4) {
                        let i = next(k.len() + 1);
                        match next(3) {
                            0 if i < k.len() => k[i] = letters[next(letters.len())],
                            1 if i < k.len() => {
                                k.remove(i);
                            }
                            _ => k.insert(i, letters[next(letters.len())]),
                        }
                    }
                    String::from_utf8(k).unwrap()
                }
            };
            let want = reference::closest(&unknown, &known_refs);
            suggested += usize::from(want.is_some());
            assert_eq!(
                super::closest(&unknown, known_refs.iter().copied()),
                want,
                "{unknown:?} in {known_refs:?}"
            );
        }
        assert!(suggested > 5_000, "{suggested}");
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
        // `a` longer than 64 bytes is never compared; `b` may be (when `limit` allows).
        assert_eq!(super::osa_within(&[b'a'; 65], b"a", 100), None);
        assert_eq!(super::osa_within(b"a", &[b'a'; 72], 100), Some(71));
        assert_eq!(super::osa_within(b"", b"abc", 3), Some(3));
        assert_eq!(super::osa_within(b"", b"abc", 2), None);
        assert_eq!(super::osa_within(b"abc", b"", 3), Some(3));
        // Patterns of 50 to 64 bytes (the word's top bits) against keys up to 4 bytes longer
        // or shorter, over three letters (so distances are small and transpositions common):
        // the reference's distance.
        for _ in 0..3_000 {
            let la = 50 + next(15);
            let a: Vec<u8> = (0..la).map(|_| b"abc"[next(3)]).collect();
            let mut b = a.clone();
            for _ in 0..next(5) {
                let i = next(b.len());
                match next(4) {
                    0 => b[i] = b"abc"[next(3)],
                    1 => {
                        b.remove(i);
                    }
                    2 => b.insert(i, b"abc"[next(3)]),
                    _ => {
                        if i + 1 < b.len() {
                            b.swap(i, i + 1);
                        }
                    }
                }
            }
            let want = reference::osa_distance(&a, &b);
            assert!(super::class_distance(&a, &b) <= want);
            for limit in [0, 1, 2, 3, 4, 8, 70] {
                assert_eq!(
                    super::osa_within(&a, &b, limit),
                    (want <= limit).then_some(want),
                    "{a:?} {b:?} {limit}"
                );
            }
        }
        assert_eq!(super::closest("emial", ["email", "name"]), Some("email"));
        assert_eq!(
            super::closest("first_name", ["firstName"]),
            Some("firstName")
        );
    }
}
