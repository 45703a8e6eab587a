//! "Did you mean …?" for unknown keys: the closest known key, if any is close enough.
//!
//! Keys are compared case-insensitively with `_` and `-` ignored (so `firstname`, `first_name`
//! and `firstName` meet), then by containment (`email` → `email_address`), then by edit distance
//! with transpositions (`emial` → `email`).

fn normalise(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(|b| *b != b'_' && *b != b'-')
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped so a
/// hostile 10 MB key costs nothing: inputs longer than 64 bytes are never "close".
fn osa_distance(a: &[u8], b: &[u8]) -> usize {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    let mut d = vec![0usize; (n + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=n {
        if let Some(c) = d.get_mut(at(i, 0)) {
            *c = i;
        }
    }
    for j in 0..=m {
        if let Some(c) = d.get_mut(at(0, j)) {
            *c = j;
        }
    }
    for i in 1..=n {
        for j in 1..=m {
            let ai = a.get(i - 1);
            let bj = b.get(j - 1);
            let cost = usize::from(ai != bj);
            let get = |k: usize| d.get(k).copied().unwrap_or(usize::MAX / 2);
            let mut best = (get(at(i - 1, j)) + 1)
                .min(get(at(i, j - 1)) + 1)
                .min(get(at(i - 1, j - 1)) + cost);
            if i > 1 && j > 1 && ai == b.get(j - 2) && a.get(i - 2) == bj {
                best = best.min(get(at(i - 2, j - 2)) + 1);
            }
            if let Some(c) = d.get_mut(at(i, j)) {
                *c = best;
            }
        }
    }
    d.get(at(n, m)).copied().unwrap_or(usize::MAX)
}

/// The known key closest to `unknown`, when it is close enough to be a likely typo.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
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
            // The distance is at least the difference in length: skip the table when that
            // alone rules the key out (keeps hostile 64-byte keys cheap).
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

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}
