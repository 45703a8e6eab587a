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

/**
 * `wasm` with its element section (`elem`: `headerAt` and `end` of the section, whose one
 * active segment's offset expression is `wasm[offsetAt..offsetEnd]`) rewritten to hold
 * `entries` (function indices) in that segment. (drop-closure-shims.mjs, drop-dead-wakers.mjs.)
 */
export function withTableEntries(wasm, elem, offsetAt, offsetEnd, entries) {
  const body = Buffer.concat([
    Buffer.from(writeUleb(1)),
    Buffer.from([0]),
    wasm.subarray(offsetAt, offsetEnd),
    Buffer.from(writeUleb(entries.length)),
    Buffer.from(entries.flatMap(writeUleb)),
  ]);
  return Buffer.concat([
    wasm.subarray(0, elem.headerAt),
    Buffer.from([9, ...writeUleb(body.length)]),
    body,
    wasm.subarray(elem.end),
  ]);
}

/** The sections of a module: `{ id, headerAt, start, end }` each (`start..end`: its content). */
export function* sections(buf) {
  let at = 8;
  while (at < buf.length) {
    const headerAt = at;
    const id = buf[at++];
    let size;
    [size, at] = uleb(buf, at);
    yield { id, headerAt, start: at, end: at + size };
    at += size;
  }
}

/**
 * The function table's one active segment (`elem`: the element section from `sections`):
 * `{ base, offsetAt, offsetEnd, entries }` (its i32.const offset, where that offset expression
 * lies, the function indices), or `fail(why)` for any other layout. (drop-closure-shims.mjs,
 * drop-dead-wakers.mjs; `withTableEntries` writes it back.)
 */
export function readTable(buf, elem, fail) {
  if (!elem) fail("no element section");
  let [segments, p] = uleb(buf, elem.start);
  if (segments !== 1) fail(`${segments} element segments (expected 1)`);
  // Flags 0: active, table 0, an i32.const offset, a vector of function indices.
  if (buf[p++] !== 0) fail("the element segment is not an active segment of function indices");
  const offsetAt = p;
  if (buf[p++] !== 0x41) fail("the element segment's offset is not an i32.const");
  let base;
  [base, p] = sleb32(buf, p);
  if (buf[p++] !== 0x0b) fail("the element segment's offset is not a single i32.const");
  const offsetEnd = p;
  let count;
  [count, p] = uleb(buf, p);
  const entries = [];
  for (let i = 0; i < count; i++) {
    let f;
    [f, p] = uleb(buf, p);
    entries.push(f);
  }
  if (p !== elem.end) fail("the element section has bytes after its segment");
  return { base, offsetAt, offsetEnd, entries };
}

/**
 * The active data segments of the data section `sec` (from `sections`): `{ from, exprEnd, at,
 * bytes, end }` each (where the segment starts, where its offset expression ends, its i32.const
 * offset as an address, its bytes, where it ends), or `fail(why)` for any other layout.
 * (drop-dead-digits.mjs, drop-dead-wakers.mjs.)
 */
export function dataSegments(buf, sec, fail) {
  let [count, p] = uleb(buf, sec.start);
  const segments = [];
  for (let k = 0; k < count; k++) {
    const from = p;
    let flags, off, n;
    [flags, p] = uleb(buf, p);
    if (flags !== 0) fail(`a data segment with flags ${flags}`);
    if (buf[p++] !== 0x41) fail("a data segment whose offset is not an i32.const");
    [off, p] = sleb32(buf, p);
    if (buf[p++] !== 0x0b) fail("a data segment offset longer than one i32.const");
    const exprEnd = p;
    [n, p] = uleb(buf, p);
    const bytes = buf.subarray(p, p + n);
    p += n;
    segments.push({ from, exprEnd, at: off >>> 0, bytes, end: p });
  }
  if (p !== sec.end) fail("the data section has bytes after its segments");
  return segments;
}
