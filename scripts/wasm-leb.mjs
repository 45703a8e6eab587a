// LEB128, the variable-length integers of the wasm binary format (sizes, counts, indices,
// constants), for build-pkg.sh's scripts that edit a wasm binary (minify-imports.mjs,
// drop-closure-shims.mjs, drop-dead-digits.mjs), and bench/wasm-areas.mjs.

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

/**
 * The function names of a custom section (`start`..`end`: its content, after its size) if it
 * is the "name" section: a Map of function index to name; null for any other custom section.
 * (drop-closure-shims.mjs, and bench/wasm-areas.mjs.)
 */
export function functionNames(buf, start, end) {
  let [len, p] = uleb(buf, start);
  if (buf.subarray(p, p + len).toString("utf8") !== "name") return null;
  p += len;
  const names = new Map();
  while (p < end) {
    const sub = buf[p++];
    let subSize;
    [subSize, p] = uleb(buf, p);
    const subEnd = p + subSize;
    if (sub === 1) {
      let n;
      [n, p] = uleb(buf, p);
      for (let i = 0; i < n; i++) {
        let index;
        let l;
        [index, p] = uleb(buf, p);
        [l, p] = uleb(buf, p);
        names.set(index, buf.subarray(p, p + l).toString("utf8"));
        p += l;
      }
    }
    p = subEnd;
  }
  return names;
}
