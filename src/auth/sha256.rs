//! SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for Hawk. A plain loop over the 64 rounds:
//! the hmac and sha2 crates (unrolled rounds and the digest traits) cost about 2.3 KB gzip of the
//! wasm, measured, for a MAC over one short header string per request. Checked against those
//! crates (tests/auth.rs) and the FIPS and RFC 4231 vectors.

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// One 64-byte block into the state. The message schedule is kept as the last 16 words (a
/// ring, each word computed in the round that reads it): one loop, smaller in the wasm than the
/// 64-word schedule filled before the rounds.
fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
    let mut w = [0u32; 16];
    let at = |w: &[u32; 16], j: usize| w.get(j % 16).copied().unwrap_or(0);
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for (i, k) in K.iter().enumerate() {
        if i < 16 {
            let word = block
                .get(i * 4..i * 4 + 4)
                .and_then(|c| <[u8; 4]>::try_from(c).ok())
                .unwrap_or_default();
            if let Some(x) = w.get_mut(i) {
                *x = u32::from_be_bytes(word);
            }
        } else {
            let (w2, w7, w15, w16) = (at(&w, i + 14), at(&w, i + 9), at(&w, i + 1), at(&w, i));
            let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
            let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
            if let Some(x) = w.get_mut(i % 16) {
                *x = w16.wrapping_add(s0).wrapping_add(w7).wrapping_add(s1);
            }
        }
        let wi = at(&w, i);
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = h
            .wrapping_add(s1)
            .wrapping_add(ch)
            .wrapping_add(*k)
            .wrapping_add(wi);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(maj);
        h = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    for (s, v) in state.iter_mut().zip(&[a, b, c, d, e, f, g, h]) {
        *s = s.wrapping_add(*v);
    }
}

/// The SHA-256 digest of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut state = H0;
    // One loop over the padded message, a byte at a time: the data, the 0x80 marker, zeros,
    // and the length in bits in the last 8 bytes of the last block (one more block when the
    // length does not fit after the data's last bytes). Smaller in the wasm than whole blocks
    // compressed from the slice and a padded tail assembled after them.
    let len = data.len();
    let total = (len + 9).div_ceil(64) * 64;
    let bits = (len as u64).wrapping_mul(8).to_be_bytes();
    let mut block = [0u8; 64];
    for i in 0..total {
        let byte = if i < len {
            data.get(i).copied().unwrap_or(0)
        } else if i == len {
            0x80
        } else {
            bits.get((i + 8).wrapping_sub(total)).copied().unwrap_or(0)
        };
        if let Some(b) = block.get_mut(i % 64) {
            *b = byte;
        }
        if i % 64 == 63 {
            compress(&mut state, &block);
        }
    }
    let mut out = [0u8; 32];
    // (Byte by byte: `copy_from_slice` kept its length-mismatch panic, the full wasm's only one;
    // `zip` over `chunks_exact_mut`, a division-by-zero panic, as in `compress`.)
    for (i, s) in state.iter().enumerate() {
        // By reference (`iter`, not the array's `into_iter`: core's array `IntoIter::next`).
        for (j, b) in s.to_be_bytes().iter().enumerate() {
            if let Some(o) = out.get_mut(i * 4 + j) {
                *o = *b;
            }
        }
    }
    out
}

/// HMAC-SHA256 of `message` under `key` (any length: a key longer than a block is hashed first).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    let hashed;
    let key = if key.len() > 64 {
        hashed = sha256(key);
        hashed.as_slice()
    } else {
        key
    };
    // By index, not `zip` (its `Zip::new` copy and `TrustedRandomAccess` sizing were this
    // function's alone); `key` is at most 64 bytes here.
    for (i, b) in key.iter().enumerate() {
        if let Some(a) = k.get_mut(i) {
            *a = *b;
        }
    }
    let inner = sha256(&padded(&k, 0x36, message));
    sha256(&padded(&k, 0x5c, &inner))
}

/// The key XORed with `pad`, then `rest` (one function for both pads: each `extend` over its own
/// `map` closure was a copy of `extend_trusted` in the wasm).
fn padded(k: &[u8; 64], pad: u8, rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + rest.len());
    for b in k {
        out.push(b ^ pad);
    }
    out.extend_from_slice(rest);
    out
}
