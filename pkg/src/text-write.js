// How api.js writes a JSON text into the wasm's input buffer. TextEncoder.encodeInto everywhere;
// the default browser entry (browser.js) also writes short ASCII texts with a loop (not the
// validators entry made from it: for a form, where size counts, scripts/build-pkg.sh leaves the
// call out, and a bundler then drops both loops): in Chromium encodeInto costs about 0.5 µs a
// call, most of the time of the smallest bodies, where a loop is faster up to about 130
// characters; in Node the loop is slower at
// every length, so the server entries never use it (bench/targets.md, "Session 8: cold start and
// runtime entries"). The same flag has issues.js build a short ASCII side string of issue records
// from its codes instead of a TextDecoder call (in Chromium about 0.6-1.2 µs a call: "Session 9:
// the invalid path").
export let shortAsciiLoop = false;
/** Called once by the default browser entry, before any validation. */
export function useShortAsciiLoop() {
  shortAsciiLoop = true;
}

// The object path's writer for the Node entry and the default browser entry (api.js, after a refusal; here, beside the text
// writer's flag, as one more module would be one more line in every workerd module list): plain data written into
// the wasm's input buffer by one walk, not by `JSON.stringify` and `encodeInto`. The bytes are
// the text `JSON.stringify` gives for such a value, written in one pass with no string made, and
// the walk is the odd-value probe too (an odd value leaves the input to api.js's path that
// reads it again). It takes what has one spelling in JSON and ASCII: strings and keys of the
// characters U+0020–U+007F but `"` and `\`, finite numbers (their `String` text, as JSON's: −0
// is 0), booleans, null, lists, and plain objects (Object.prototype, no `toJSON`; members holding
// undefined left out). Anything else (a non-ASCII, escaped or control character, a Date or
// other prototype, NaN, ±Infinity, undefined in a list, a function, a Symbol, a BigInt, nesting
// deeper than ODD_DEPTH, a text longer than the buffer or MAX_INPUT_CHARS, a getter or Proxy
// trap that throws) is left to that path. Node `validate` on the bench's refused payloads:
// 1.09-1.19x (bench/targets.md, "Session 18: the invalid path (JS)"); Chromium 1.08-1.21x on four
// payloads ("Session 18: the object walk in the browser entry"). The validators browser entry
// does not use it (a form's bundle would carry it for no form's gain): only `useObjectWriter`
// makes it reachable, and node.js and browser.js call it.
//
// The records name pieces of the text by offset (`Records::reads`): the walk keeps each string
// it writes by the offset of its first character, and `slice` (the method issues.js calls on the
// text it is given) hands them back, or decodes the bytes there.

/** The writer api.js uses, or null (the browser entries): set by `useObjectWriter`. */
export let objectWriter = null;

/** Called once by the Node entry, before any validation. */
export function useObjectWriter() {
  objectWriter = { write: writeObject, slice };
}

// (No module-level value a bundler must keep: `Object.prototype`, `Object.getPrototypeOf` and a
// TextDecoder are read where they are used, so a browser bundle drops all of this.)
const ODD_DEPTH = 129; // api.js's: deeper than the reader's nesting limit
let bytes = null; // a view of the input buffer (made again when the memory grew or it moved)
let at = 0; // the next byte the walk writes
let end = 0; // … and the first it may not
let memory = null; // the wasm memory and the buffer's address in it
let base = -1;
// The strings written, by the offset of their first character: `pieceStr[i]` at `pieceAt[i]`,
// `pieceCount` of them (the arrays are reused: no `length = 0`, a runtime call, per walk).
const pieceAt = [];
const pieceStr = [];
let pieceCount = 0;

/** Writes `s` quoted at `at`; false when it needs an escape, is not ASCII or does not fit. */
function textOut(s) {
  const n = s.length;
  const b = bytes; // (locals: the loop then keeps the view and offset in registers: 1.09-1.17x
  let p = at; // of the Node validate over module variables)
  if (p + n + 2 > end) return false;
  b[p++] = 34;
  pieceAt[pieceCount] = p;
  pieceStr[pieceCount++] = s;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7f || c === 34 || c === 92) return false;
    b[p++] = c;
  }
  b[p++] = 34;
  at = p;
  return true;
}

/** Writes `s` (ASCII, no quotes) at `at`; false when it does not fit. */
function rawOut(s) {
  const n = s.length;
  const b = bytes;
  let p = at;
  if (p + n > end) return false;
  for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
  at = p;
  return true;
}

/** Writes one byte; false when it does not fit. */
const byteOut = (c) => at < end && ((bytes[at++] = c), true);

/** Writes the JSON text of `x`; false when the walk leaves it to the path that reads it again. */
function valueOut(x, depth) {
  if (typeof x === "string") return textOut(x);
  if (typeof x === "boolean") return rawOut(x ? "true" : "false");
  if (typeof x === "number") return x - x === 0 && rawOut(`${x}`);
  if (typeof x !== "object") return false;
  if (x === null) return rawOut("null");
  if (depth > ODD_DEPTH || typeof x.toJSON === "function") return false;
  if (Array.isArray(x)) {
    const n = x.length;
    if (!byteOut(91)) return false;
    for (let i = 0; i < n; i++) {
      const y = x[i];
      if ((i > 0 && !byteOut(44)) || y === undefined || !valueOut(y, depth + 1)) return false;
    }
    return byteOut(93);
  }
  if (Object.getPrototypeOf(x) !== Object.prototype || !byteOut(123)) return false;
  let first = true;
  // for…in: the own keys in JSON's order (an enumerable key on Object.prototype: `writeObject`
  // writes nothing), without the array `Object.keys` allocates.
  for (const k in x) {
    const y = x[k];
    if (y === undefined) continue;
    if ((!first && !byteOut(44)) || !textOut(k) || !byteOut(58) || !valueOut(y, depth + 1)) return false;
    first = false;
  }
  return byteOut(125);
}

/**
 * The length of the JSON text of `input` written into the input buffer at `address` of the wasm
 * memory `mem` (at most `max` bytes), or -1 when the walk leaves it to the path that reads it
 * again (a getter that grew the memory while it ran included).
 */
function writeObject(input, mem, address, max) {
  if (typeof input !== "object" || input === null) return -1;
  for (const k in Object.prototype) return -1; // (never taken unless someone adds one)
  // A grown memory detaches the view, whose length then reads 0: only then, or when the buffer
  // moved or grew, is the memory's `buffer` read again (not on every call).
  if (bytes === null || bytes.length < max || base !== address || memory !== mem) bytes = new Uint8Array(mem.buffer, address, max);
  memory = mem;
  base = address;
  at = 0;
  end = max;
  if (pieceStr.length > 4096) pieceStr.length = pieceAt.length = 0; // (no large input's strings kept)
  pieceCount = 0;
  try {
    return valueOut(input, 1) && bytes.length !== 0 ? at : -1;
  } catch {
    return -1; // a getter or Proxy trap that throws
  }
}

/** The text written from offset `from` to `to`: the string written there, or the bytes (ASCII). */
function slice(from, to) {
  let lo = 0;
  let hi = pieceCount;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (pieceAt[m] < from) lo = m + 1;
    else hi = m;
  }
  const s = pieceStr[lo];
  if (lo < pieceCount && pieceAt[lo] === from && s.length === to - from) return s;
  // (a fresh view: a check may have grown the memory)
  return new TextDecoder().decode(new Uint8Array(memory.buffer, base + from, to - from));
}
