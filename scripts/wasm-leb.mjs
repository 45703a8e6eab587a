// LEB128, the variable-length integers of the wasm binary format (sizes, counts, indices,
// constants), for build-pkg.sh's scripts that edit a wasm binary (minify-imports.mjs,
// drop-closure-shims.mjs, drop-dead-digits.mjs).

/** The unsigned number at `buf[at]`, and the index after it: `[n, next]`. */
export function uleb(buf, at) {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++];
    n += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [n, at];
  }
}

/** The signed 32-bit number at `buf[at]` (an `i32.const`'s), and the index after it. */
export function sleb32(buf, at) {
  let n = 0;
  let shift = 0;
  let b;
  do {
    b = buf[at++];
    n |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return [shift < 32 && b & 0x40 ? n | (~0 << shift) : n, at];
}

/** `n` (unsigned) as LEB128 bytes. */
export function writeUleb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}
