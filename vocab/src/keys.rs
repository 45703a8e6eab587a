//! The declared keys of an object as the generated one-pass validators look them up: a perfect
//! hash the code generator finds for each object ([`Keys::search`], at build time), so a key is
//! placed with one hash of four of its bytes and one comparison, by a shared function
//! ([`Keys::find`]), instead of a generated `match` on its bytes (which compiled to a comparison
//! per byte of every declared key: about 10 KB of the validators' wasm).

use alloc::{vec, vec::Vec};

/// The declared keys of one object and the perfect hash that places them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keys {
    /// The declared keys, in spec order (a key's index is its field's).
    pub names: &'static [&'static str],
    /// The byte sampled besides the first and the last (clamped to the last).
    pub at: u32,
    /// The hash's multiplier (odd).
    pub mul: u32,
    /// `32 - log2(slots.len())`.
    pub shift: u32,
    /// Per hash value, `1 +` the index of the key that hashes there, or `0`.
    pub slots: &'static [u8],
}

/// The hash of `key`: its length, first, last and `at`-th bytes in one word, multiplied by
/// `mul`, its top `32 - shift` bits.
#[inline(always)]
pub fn hash(key: &[u8], at: u32, mul: u32, shift: u32) -> usize {
    let n = key.len();
    let byte = |i: usize| u32::from(key.get(i).copied().unwrap_or(0));
    let w = (n as u32)
        ^ (byte(0) << 8)
        ^ (byte(n.wrapping_sub(1)) << 16)
        ^ (byte((at as usize).min(n.wrapping_sub(1))) << 24);
    (w.wrapping_mul(mul) >> (shift & 31)) as usize
}

impl Keys {
    /// The index of `key` among [`Keys::names`], or `names.len()` when it is not declared.
    #[inline(always)]
    pub fn find(&self, key: &[u8]) -> usize {
        let slot = hash(key, self.at, self.mul, self.shift);
        let i = usize::from(self.slots.get(slot).copied().unwrap_or(0)).wrapping_sub(1);
        match self.names.get(i) {
            Some(name) if same(name.as_bytes(), key) => i,
            _ => self.names.len(),
        }
    }

    /// Whether `text` holds declared key `i` between quotes at `at` (`"name"`): the position
    /// after the closing quote, or `None` (also when `i` is not an index of [`Keys::names`]).
    /// What reading the key there and [`Keys::find`] would give, when the name has no quote,
    /// backslash or control byte (the generator uses it only then).
    // Written into its callers (`Scan::field_next` and its miss path) in every build: in the
    // browsers' full wasm (opt-level "z", where `#[inline]` left it a call of its own: 9 % of
    // a `checkJson` profile of m2p.updateCustomer on that wasm) the wasm is 22 B smaller gzip
    // -9 and as fast (bench/targets.md, "Session 14: the object path").
    #[inline(always)]
    pub fn quoted_at(&self, i: usize, text: &[u8], at: usize) -> Option<usize> {
        let name = self.names.get(i)?.as_bytes();
        let end = at.checked_add(name.len())?.checked_add(1)?;
        let found = text.get(at) == Some(&b'"')
            && text.get(end) == Some(&b'"')
            && same(name, text.get(at + 1..end)?);
        found.then_some(end + 1)
    }

    /// A perfect hash of `names` (at most 255 of them, all different): `(at, mul, shift,
    /// slots)` for a [`Keys`] of them, with as few slots as the search finds (a power of two,
    /// at least twice the keys when it can). Deterministic: the same names give the same table.
    /// `None` when no sampled byte tells the keys apart, or no multiplier in the search does.
    pub fn search(names: &[&str]) -> Option<(u32, u32, u32, Vec<u8>)> {
        if names.len() > 255 {
            return None;
        }
        let longest = names.iter().map(|n| n.len()).max().unwrap_or(0);
        let mut bits = 1;
        while (1usize << bits) < names.len() * 2 {
            bits += 1;
        }
        for bits in bits..bits + 3 {
            let shift = 32 - bits;
            for at in 0..longest.max(1) as u32 {
                // A multiplier cannot separate keys whose sampled bytes agree.
                let words: Vec<u32> = names.iter().map(|n| word(n.as_bytes(), at)).collect();
                if words
                    .iter()
                    .enumerate()
                    .any(|(i, w)| words.iter().skip(i + 1).any(|v| v == w))
                {
                    continue;
                }
                let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
                for _ in 0..4096 {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let mul = ((seed >> 32) as u32) | 1;
                    let mut slots = vec![0u8; 1 << bits];
                    let placed = names.iter().enumerate().all(|(i, n)| {
                        match slots.get_mut(hash(n.as_bytes(), at, mul, shift)) {
                            Some(s @ 0) => {
                                *s = i as u8 + 1;
                                true
                            }
                            _ => false,
                        }
                    });
                    if placed {
                        return Some((at, mul, shift, slots));
                    }
                }
            }
        }
        None
    }
}

/// `a == b`, eight bytes at a time (a slice comparison is a call to a byte-wise `memcmp` in
/// the wasm: measured slower on the validators' hot path).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // Plain code: at opt-level "z" iterator adaptors (`zip`, `chunks_exact`) stay calls. Words
    // that overlap at the end instead of a loop over the last bytes.
    if n >= 8 {
        let mut i = 0;
        loop {
            let at = i.min(n - 8);
            if word8(a, at) != word8(b, at) {
                return false;
            }
            i += 8;
            if i >= n {
                return true;
            }
        }
    }
    if n >= 4 {
        return word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4);
    }
    a.first() == b.first() && a.get(n / 2) == b.get(n / 2) && a.last() == b.last()
}

#[inline(always)]
fn word8(s: &[u8], at: usize) -> u64 {
    s.get(at..)
        .and_then(<[u8]>::first_chunk::<8>)
        .map_or(0, |w| u64::from_le_bytes(*w))
}

#[inline(always)]
fn word4(s: &[u8], at: usize) -> u32 {
    s.get(at..)
        .and_then(<[u8]>::first_chunk::<4>)
        .map_or(0, |w| u32::from_le_bytes(*w))
}

/// The word [`hash`] multiplies (for the search: keys with equal words cannot be told apart).
fn word(key: &[u8], at: u32) -> u32 {
    hash(key, at, 1, 0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(names: &'static [&'static str]) -> Keys {
        let (at, mul, shift, slots) = Keys::search(names).expect("a perfect hash");
        Keys {
            names,
            at,
            mul,
            shift,
            slots: Vec::leak(slots),
        }
    }

    #[test]
    fn a_quoted_key_in_place_is_found_as_reading_it_finds_it() {
        let names: &'static [&'static str] = &["entityId", "a", "", "addressLine12345"];
        let k = keys(names);
        for (i, n) in names.iter().enumerate() {
            for tail in ["", ":1}", "\":1"] {
                let text = format!("{{\"{n}\"{tail}");
                assert_eq!(
                    k.quoted_at(i, text.as_bytes(), 1),
                    Some(n.len() + 3),
                    "{text}"
                );
                // Not at another position, not as another index, not as a longer or shorter key.
                assert_eq!(k.quoted_at(i, text.as_bytes(), 0), None, "{text}");
                assert_eq!(k.quoted_at((i + 1) % names.len(), text.as_bytes(), 1), None);
                let longer = format!("{{\"{n}x\"{tail}");
                assert_eq!(k.quoted_at(i, longer.as_bytes(), 1), None, "{longer}");
                if let Some(shorter) = n.get(..n.len().saturating_sub(1)).filter(|_| !n.is_empty())
                {
                    let shorter = format!("{{\"{shorter}\"{tail}");
                    assert_eq!(k.quoted_at(i, shorter.as_bytes(), 1), None, "{shorter}");
                }
            }
            // Cut off before the closing quote, and an index past the names.
            let cut = format!("{{\"{n}");
            assert_eq!(k.quoted_at(i, cut.as_bytes(), 1), None, "{cut}");
        }
        assert_eq!(k.quoted_at(names.len(), b"\"entityId\"", 0), None);
        assert_eq!(k.quoted_at(usize::MAX, b"\"\"", 0), None);
    }

    #[test]
    fn finds_every_declared_key_and_nothing_else() {
        let names: &'static [&'static str] = &[
            "entityId",
            "firstName",
            "lastName",
            "addressLine1",
            "addressLine2",
            "a",
            "b",
            "",
            "customerAdditionalDetails",
        ];
        let k = keys(names);
        for (i, n) in names.iter().enumerate() {
            assert_eq!(k.find(n.as_bytes()), i, "{n}");
        }
        for other in [
            "entityid",
            "addressLine3",
            "c",
            "firstNam",
            "lastNameX",
            "é",
            "\u{0}",
        ] {
            assert_eq!(k.find(other.as_bytes()), names.len(), "{other}");
        }
        assert!(k.slots.len().is_power_of_two() && k.slots.len() >= 2 * names.len());
    }

    #[test]
    fn same_is_slice_equality() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "customerAdditionalDetails",
        ];
        for x in words {
            for y in words {
                assert_eq!(same(x.as_bytes(), y.as_bytes()), x == y, "{x} {y}");
            }
            // Every single byte changed is seen.
            for i in 0..x.len() {
                let mut z = x.as_bytes().to_vec();
                z[i] ^= 1;
                assert!(!same(x.as_bytes(), &z), "{x} at {i}");
            }
        }
    }

    #[test]
    fn no_keys_and_one_key() {
        let k = keys(&[]);
        assert_eq!(k.find(b"x"), 0);
        assert_eq!(k.find(b""), 0);
        let k = keys(&["only"]);
        assert_eq!(k.find(b"only"), 0);
        assert_eq!(k.find(b"onl"), 1);
    }

    #[test]
    fn keys_the_sampled_bytes_cannot_tell_apart_have_no_table() {
        // Every sampled position leaves two of the three alike (the generator then falls back to
        // a `match` on the key's bytes).
        assert_eq!(Keys::search(&["axxb", "ayxb", "axyb"]), None);
        assert!(Keys::search(&["axxb", "ayxb"]).is_some());
        let v: Vec<String> = (0..256).map(|i| format!("k{i}")).collect();
        let names: Vec<&str> = v.iter().map(String::as_str).collect();
        assert_eq!(Keys::search(&names), None, "more than 255 keys");
    }

    #[test]
    fn the_search_is_deterministic() {
        let names = [
            "customer_id",
            "email_address",
            "mobile_number",
            "mobile_country_code",
        ];
        assert_eq!(Keys::search(&names), Keys::search(&names));
    }
}
