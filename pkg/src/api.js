// The public API over the wasm exports. Validation, request building and the client run in
// Rust; this file only adds what is JavaScript by nature (the Standard Schema object, the
// per-operation client methods).
import * as wasm from "./wasm/customer_update.js";
import { callCatalog, countMessage, issueOf, issuesFrom, issuesInView, NOT_SENT, rootIssue, withRequestTemplates } from "./issues.js";
// Generated with the wasm from the same sources (codegen: the specs' operation order, the
// vocabulary's limits), so no wasm call is needed for them at start-up.
import { OPERATIONS, MAX_INPUT_CHARS, MAX_ISSUES } from "./messages.js";
import { shortAsciiLoop } from "./text-write.js";
// The seeds' example inputs (JSON text, OPERATIONS' order), generated from the specs beside the
// wasm rather than inside it: a bundle that never calls `example` leaves them out.
import { EXAMPLES } from "./examples.js";
import { DESCRIBE } from "./describe.js";

export { setMessages, en as messagesEn, templates as messageTemplates } from "./issues.js";
import { validateForm, fromEntries, formInput } from "./forms.js";
import { contactApi } from "./contact.js";

// The validators-only build (`CU_VALIDATORS_ONLY=1`) has no form, request or client exports. (The
// Node entry serves them from this module over the full wasm, loaded on first use: node.js.)
// This wasm's requests, client and normalized contact hand out the templates after validation's,
// and every call that can get one asks for its export here first: the table is added then, so a
// bundle that only validates leaves it out (bench/targets.md, "Session 13: the full entry's JS
// and wasm-opt line"). (scripts/build-pkg.sh deletes the line from the validation-only copies.)
function need(name, what = name) {
  index(); // `customer-update/slim` before init(): the error says so
  const f = wasm[name];
  if (typeof f !== "function") throw new Error(`customer-update: ${what} is not in the validators-only build`);
  withRequestTemplates();
  return f;
}

// Code for throughput only: the last operation's index kept (`opIndex`), the views of the memory
// kept (`write`, `lastIssues`), and records that name pieces of the kept input text (KEEPS_TEXT).
// The validators browser entry (a form, where size counts) reads a copy of this file with SPEED
// false (scripts/build-pkg.sh, with issues.js's SPEED): -119 B gzip -9 in a form app's Vite build
// (bench/targets.md, "Session 12: the validators entry's JS"). The same issues either way
// (tests/node/validators-browser.test.mjs).
const SPEED = true;

// The operation ids, read from the full wasm's `operations()` once it is initialised (the same
// list as messages.js's OPERATIONS, in the same order: codegen writes both from the specs), so
// the full entry's bundle does not carry them a second time (-23 B gzip -9 in the Vite build of
// the default entry; bench/targets.md, "Session 17: the full entry's JS"). Every use comes after
// `index()`. The validators-only wasm has no such export: scripts/build-pkg.sh gives its copies
// of this file `const OPS = OPERATIONS;` instead.
let OPS;
let INDEX;
// Built on first use: entry modules initialise the wasm after this module loads, and the first
// call checks that they did (the input buffer every validation needs is asked for here).
function index() {
  if (!INDEX) {
    bufferAt = firstBuffer((bufferSize = 4096));
    OPS = wasm.operations();
    INDEX = new Map(OPS.map((op, i) => [op, i]));
  }
  return INDEX;
}

// The first wasm call: only `customer-update/slim` leaves initialisation to the caller, and its
// error says so. The validators entries initialise at import (a failed load fails the import), so
// scripts/build-pkg.sh has their copy of this file call `wasm.inputBuffer` in `index()` directly,
// and this function leaves their bundles (bench/targets.md, "Session 11: the validators entry's JS").
function firstBuffer(size) {
  try {
    return wasm.inputBuffer(size);
  } catch (e) {
    throw new Error("customer-update: the wasm module is not initialised: call init() or initSync() first", { cause: e });
  }
}

// The operation of the last validation and its index: a caller validates one operation many
// times in a row (a form, a route), so most calls compare one string instead of a Map lookup.
// Before the first call, a value no caller can pass (not `undefined`: `validate(undefined, …)`
// as a process's first call would have read as operation 0).
let lastOp = Symbol("no operation yet");
let lastIndex = 0;
/** `op`'s index in OPERATIONS, or undefined for an unknown id. */
function opIndex(op) {
  if (SPEED && op === lastOp) return lastIndex;
  const i = index().get(op);
  if (SPEED && i !== undefined) {
    lastOp = op;
    lastIndex = i;
  }
  return i;
}

/** The nine operation ids. */
export function operations() {
  index();
  return OPS.slice();
}

// Inputs longer than MAX_INPUT_CHARS (in UTF-16 units of JSON) are never copied into wasm
// memory: the slow path below reports them as too long.

// The hot path: the JSON text is written with encodeInto into an input buffer that lives in
// wasm memory and is reused (grown when needed), then checked by index; a valid input crosses
// back as the number 0 and nothing else.
const encoder = new TextEncoder();
let memory = null;
let bufferAt = 0;
let bufferSize = 0;
let bytes = null;
let words = null;

/** The longest text the loop writes (Chromium: faster than encodeInto up to ~130 characters). */
const SHORT_ASCII = 128;

// The instance's memory, from the glue's `memory()` (added to wasm-bindgen's glue by
// scripts/shake-glue.mjs, and in the validators entry's hand-written loader): every entry has
// initialised the module before a call gets here (`index()` checks). Not an export of the crate:
// a JS value returned from wasm links wasm-bindgen's externref table code into the wasm (the
// validators wasm: about 0.4 KB gzip, session 8). Not through `initSync()` either, which a
// bundle of the browser entry then leaves out (bench/targets.md, "Session 13: the full entry's
// JS and wasm-opt line").
const wasmMemory = () => wasm.memory();

// Texts written into the input buffer: a text-write.js walk (in `validate`) during which
// another was written (a getter that validates) is void. (Behind SPEED: the validators browser
// entry, which has no walk, then leaves the counter out: +12 B gzip -9 in its Vite build.)
let writes = 0;
function write(text) {
  if (SPEED) writes++;
  const need = text.length * 3; // UTF-8 bytes per UTF-16 unit, at most
  if (need > bufferSize) {
    bufferSize = Math.max(need, 4096);
    bufferAt = wasm.inputBuffer(bufferSize);
    bytes = null;
  }
  // A grown memory detaches the old view, whose length then reads 0: only then is the memory's
  // `buffer` read again (not on every call).
  if (!SPEED || bytes === null || bytes.length === 0) bytes = new Uint8Array((memory ??= wasmMemory()).buffer, bufferAt, bufferSize);
  // The browser entries: a short ASCII text byte by byte (text-write.js); at the first other
  // character, encodeInto writes the whole text again from the start.
  const n = text.length;
  if (shortAsciiLoop && n <= SHORT_ASCII) {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) return encoder.encodeInto(text, bytes).written;
      bytes[i] = c;
    }
    return n;
  }
  return encoder.encodeInto(text, bytes).written;
}

// The issues the wasm kept for the last refused input, as objects with their messages (built
// here from its compact records and the generated message table: see issues.js).
function lastIssues(messages, input) {
  const at = wasm.lastIssues();
  // This module's view of its wasm memory (a detached one, after the memory grew, has length 0).
  if (!SPEED || words === null || words.length === 0) words = new Uint32Array((memory ??= wasmMemory()).buffer);
  return issuesInView(words, at, messages, input);
}

// The issues the exports `need` hands out kept for their last refusal: the same instance's.
const neededIssues = lastIssues;

/** A wasm answer: the number 1 stands for `{ ok: false, issues }`, the issues waiting in
 * `lastIssues` (buildRequest, diff, matchRequest, toProvider, diffContact: one writer of issues). */
function settled(r, messages) {
  return r === 1 ? { ok: false, issues: neededIssues(messages) } : r;
}

/** A client call's result: the error's issues cross as records (`issueRecords`: the words and
 * their side string), rendered here like every other issue. */
function clientResult(r, messages) {
  const records = r?.ok === false ? r.error?.issueRecords : undefined;
  if (records !== undefined) {
    r.error.issues = issuesFrom(records[0], 2, records[1], messages);
    delete r.error.issueRecords;
  }
  return r;
}

// Today's date for the validators, in Unix days (UTC), as `checkInput` takes it: the wasm imports
// no clock (an imported function costs a new process a wrapper compile when the module is
// compiled, ~0.5 ms of cold start in Node: bench/targets.md, "Session 9: cold start"). Its answer
// says when the verdict read the date (DAY_READ); only then is the clock read, and on a new day
// the input is checked again with it, so a verdict never rests on a day that has passed.
const DAY_MS = 86_400_000;
const DAY_READ = 4;
const dayNow = () => Math.floor(Date.now() / DAY_MS);
// The clock is first read when a verdict first reads the date (that input is then checked twice):
// a first call whose verdict does not depend on it reads no clock.
let today = 0;

// `checkInput`'s bit for a caller that keeps the text (src/wasm.rs KEEPS_TEXT): the records then
// name pieces of it by offset, and integers as numbers (`lastIssues` gets the text).
const KEEPS_TEXT = SPEED ? 0x40000000 : 0;

/** `checkInput`'s verdict (0 valid, 1 refused, 2 no such index) on today's date. */
function verdictOf(index, len) {
  const r = wasm.checkInput(index | KEEPS_TEXT, len, today);
  if (r < DAY_READ) return r;
  const day = dayNow();
  if (day === today) return r - DAY_READ;
  today = day;
  return wasm.checkInput(index | KEEPS_TEXT, len, day) & ~DAY_READ;
}

/** `undefined` when `json` is valid for the operation at `index`, else its issues. */
function issuesOf(index, json, messages) {
  // (The records name pieces of the text `json` by their offset: they are sliced from it.)
  return verdictOf(index, write(json)) === 0 ? undefined : lastIssues(messages, json);
}

// A caller's string in a message, as the wasm's reader writes it (lone surrogates as U+FFFD).
const scalars = (s) => String(s).replace(/\p{Surrogate}/gu, "\uFFFD");

/** Throws the TypeError naming the valid ids (the wasm's `op_or_throw` wording). */
function unknownOp(op) {
  index();
  throw new TypeError(`unknown operation "${[...scalars(op)].slice(0, 80).join("")}"; valid ids: ${OPS.join(", ")}`);
}

// Why a JS exception happened: at most 200 units of its `message` (the wasm's `exception_reason`).
function reasonOf(e) {
  let m;
  try {
    m = e instanceof Error ? e.message : e;
  } catch {
    return undefined;
  }
  return typeof m === "string" ? scalars(m.slice(0, 200)) : undefined;
}

// The general path: a value JSON.stringify refuses or gives no text for, or a text too long to
// copy into wasm memory, is one issue at the root, worded as the wasm's reader (`read_text`) words
// it for the other entry points. Built here: the validators entry's wasm reads no JS values.
function slow(i, input, messages) {
  const issue = (code, message) => ({ ok: false, issues: rootIssue(code, message, messages) });
  if (input === undefined) return issue("invalid_type", "The input is missing: pass an object of fields.");
  let json;
  try {
    json = JSON.stringify(input);
  } catch (e) {
    return issue("invalid_type", `The input cannot be read as JSON data (${reasonOf(e) ?? "it cannot be converted to JSON"}).`);
  }
  if (typeof json !== "string") return issue("invalid_type", "The input must be an object of fields.");
  if (json.length > MAX_INPUT_CHARS) {
    return issue("too_long", `The input is too large to read: ${json.length} characters of JSON, at most ${MAX_INPUT_CHARS}.`);
  }
  return checked(i, json, messages); // a getter that threw only the first time
}

function checked(index, json, messages) {
  const issues = issuesOf(index, json, messages);
  // `value` is the validated JSON read back into a fresh plain object: exactly what would be sent.
  // (A lazy getter would save this JSON.parse on valid inputs, but a class instance or accessor
  // breaks deepEqual, spread and structuredClone for callers; measured and not taken.)
  return issues === undefined ? { ok: true, value: JSON.parse(json) } : { ok: false, issues };
}

// Values JSON.stringify changes without a word: a Symbol or a function (dropped from an object,
// null in a list), undefined in a list (null), NaN and ±Infinity (null). They are reported as
// `invalid_type` at their path instead of vanishing or reading as null. `hasOdd` is the probe on
// every input whose JSON text was written (so it has no cycle): one typeof per value, nothing
// allocated; only when it finds one does `oddIssues` build the paths. It reads about one value
// per character of that text at most; past that (members holding undefined, which leave no text,
// or a Proxy that lies on this second read) it cannot rule an odd value out and answers true, so
// `oddIssues`, bounded by MAX_INPUT_CHARS values, decides.
// An object with a toJSON method (a Date) is left to it, as JSON.stringify does.
const ODD_DEPTH = 129; // deeper than the reader's nesting limit: refused there anyway
let oddBudget = 0; // values hasOdd may still read (one per character of the JSON text)
// Strings and booleans, most values, are passed by the first test: the probe alone 1.2-1.5x
// faster on the larger payloads (bench/targets.md, "Session 13: the object path"). (A BigInt
// never gets here: JSON.stringify throws on it.)
function hasOdd(v, depth) {
  if (Array.isArray(v)) {
    const n = v.length;
    if (n > oddBudget) return true; // more than the text holds: oddIssues decides
    oddBudget -= n;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (typeof x === "string" || typeof x === "boolean") continue;
      if (typeof x === "object") {
        if (x !== null && depth < ODD_DEPTH && hasOdd(x, depth + 1)) return true;
      } else if (typeof x === "number" ? x - x !== 0 : typeof x !== "bigint") return true; // NaN or ±Infinity; undefined, a Symbol, a function
    }
    return false;
  }
  if (typeof v.toJSON === "function") return false;
  // for…in, not Object.keys: no array allocated (measured 0.8–2.8 % of validate against
  // 1.2–6.8 %). It also visits inherited keys, which can only cause a needless slow path.
  for (const k in v) {
    if (--oddBudget < 0) return true; // undefined members or a lying Proxy: oddIssues decides
    const x = v[k];
    if (typeof x === "string" || typeof x === "boolean") continue;
    if (typeof x === "object") {
      if (x !== null && depth < ODD_DEPTH && hasOdd(x, depth + 1)) return true;
    } else if (typeof x === "number" ? x - x !== 0 : typeof x === "symbol" || typeof x === "function") return true; // undefined in an object is absent
  }
  return false;
}

// A path in dotted notation (`nominees[0].name`): the `path` of the odd-value messages, and
// TanStack Form's field names.
const pathText = (path) =>
  path.reduce((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${k}` : String(k)), "");

// The messages come from the catalogs (templates invalid_type.not_finite / not_json_item /
// not_json_key in vocab/src/messages.rs), like the wasm's issues.
function oddIssue(path, x, inList, messages) {
  const at = pathText(path).slice(0, 200);
  if (typeof x === "number") return issueOf("invalid_type.not_finite", path, [at, String(x)], messages);
  const got = { word: x === undefined ? "undefined" : typeof x }; // "symbol" or "function"
  return issueOf(inList ? "invalid_type.not_json_item" : "invalid_type.not_json_key", path, [at, got], messages);
}

/** The issues of the values `hasOdd` found, in document order (at most `max`). */
function oddIssues(input, max, messages) {
  const out = [];
  const budget = { left: MAX_INPUT_CHARS };
  const walk = (v, path) => {
    if (out.length >= max || path.length >= ODD_DEPTH) return;
    const list = Array.isArray(v);
    if (!list && typeof v.toJSON === "function") return;
    const keys = list ? null : Object.keys(v);
    const n = list ? v.length : keys.length;
    if (n > budget.left) return;
    budget.left -= n;
    for (let i = 0; i < n && out.length < max; i++) {
      const k = list ? i : keys[i];
      const x = v[k];
      const t = typeof x;
      if (t === "object") {
        if (x !== null) walk(x, [...path, k]);
      } else if ((t === "number" && x - x !== 0) || t === "symbol" || t === "function" || (list && t === "undefined")) {
        out.push(oddIssue([...path, k], x, list, messages));
      }
    }
  };
  walk(input, []);
  return out;
}

/** Whether `input`, whose JSON text is `json`, holds a value JSON changes (see `hasOdd`). */
function oddIn(input, json) {
  if (typeof input !== "object" || input === null || typeof json !== "string") return false;
  oddBudget = json.length;
  try {
    return hasOdd(input, 1);
  } catch {
    return false; // a getter or Proxy trap that throws on this second read: the text stands
  }
}

/** For the entry points whose input the wasm side serialises (buildRequest, diff): the text is
 * written here only to know the value has no cycle and how large it is. */
function oddInValue(input) {
  if (typeof input !== "object" || input === null) return false;
  let json;
  try {
    json = JSON.stringify(input);
  } catch {
    return false; // the wasm side reports why it cannot be read
  }
  return typeof json === "string" && json.length <= MAX_INPUT_CHARS && oddIn(input, json);
}

/** `result` with the odd values of `input` reported: they come first, and replace what the
 * validator said at the same paths (null_not_allowed for what became null, required for what
 * was dropped) and `at_least_one_required` when one of them was a top-level field. */
function withOdd(input, result, messages) {
  let odd;
  try {
    odd = oddIssues(input, MAX_ISSUES, messages);
  } catch {
    return result;
  }
  if (odd.length === 0) return result;
  const at = new Set(odd.map((i) => JSON.stringify(i.path)));
  const top = odd.some((i) => i.path.length === 1);
  const rest = (result.issues ?? []).filter((i) => !at.has(JSON.stringify(i.path)) && !(top && i.code === "at_least_one_required"));
  return { ok: false, issues: odd.concat(rest).slice(0, MAX_ISSUES) };
}

/* SPEED-ONLY { (scripts/build-pkg.sh leaves the lines to "} SPEED-ONLY" out of the validators
browser entry's copy: esbuild keeps code behind an imported `SPEED` false) */
// The valid path without `JSON.parse`: `value` is built first, as a copy of the input's plain
// data (`dataOf`), and the text checked is that copy's `JSON.stringify`; a valid input hands the
// copy back. So `value` is exactly the text that was checked, as `JSON.parse` of it would be:
// fresh plain objects and arrays, the same keys in the same order, the same strings, booleans,
// null and numbers (−0 as 0). The copy reads the input once, as `JSON.stringify` does (own
// enumerable string keys in their order, each value once: getters run once, members holding
// undefined left out), and its walk is the odd-value probe too. Copying takes 0.2–0.3 of
// `JSON.parse`'s time on the benchmark's payloads (bench/targets.md, "Session 15: the object
// path"). Anything else (an object with another prototype or a `toJSON` method: a Date, a class
// instance, a wrapper object; a value `JSON.stringify` refuses or changes: a function, a Symbol,
// NaN, ±Infinity, a BigInt, undefined in a list; a `__proto__` key; more than the text may hold;
// a getter or Proxy trap that throws) is left to the path below, which reads the input again.
// (Not against code that redefines built-ins, as an accessor on Object.prototype would: the
// path below trusts `JSON.stringify` and `JSON.parse` likewise.)
const PLAIN = Object.prototype;
const { getPrototypeOf } = Object;
// The characters of MAX_INPUT_CHARS not yet taken by the copy's text (counted low: a list's
// brackets and commas, a member's key, quotes and colon, one character a value, a string's own):
// bounds the copy's work on a huge or cyclic input, whose text would be too long anyway.
let dataBudget = 0;
// An object of more members is left to the path below: no operation declares more than 17 in
// one object (more is refused for the unknown keys), and V8 builds a copy of thousands of keys
// one key at a time (100,000 keys: 0.5 s, more than the whole path below takes).
const DATA_MEMBERS = 256;
const NOT_DATA = PLAIN; // (never a copy: `dataOf` makes fresh objects)
/** `x` as JSON carries it (a copy of an object), or NOT_DATA. */
function dataItem(x, depth) {
  if (typeof x === "string") return (dataBudget -= x.length) < 0 ? NOT_DATA : x;
  if (typeof x === "boolean") return x;
  if (typeof x === "object") return x === null ? x : dataOf(x, depth + 1);
  if (typeof x === "number" && x - x === 0) return x + 0; // −0 is written 0
  return NOT_DATA; // NaN, ±Infinity, a Symbol, a function, a BigInt, undefined in a list
}
/** A copy of `v` (an object) holding plain data only, or NOT_DATA. */
function dataOf(v, depth) {
  if (depth > ODD_DEPTH || typeof v.toJSON === "function") return NOT_DATA;
  if (Array.isArray(v)) {
    const n = v.length;
    if ((dataBudget -= 2 * n + 1) < 0) return NOT_DATA;
    const out = [];
    for (let i = 0; i < n; i++) {
      const y = dataItem(v[i], depth);
      if (y === NOT_DATA) return y;
      out.push(y);
    }
    return out;
  }
  if (getPrototypeOf(v) !== PLAIN) return NOT_DATA;
  const out = {};
  let members = DATA_MEMBERS;
  // for…in: the own keys (an enumerable key inherited from Object.prototype makes `plainData`
  // leave the input to the path below), without the array `Object.keys` allocates. A
  // `__proto__` key would set the copy's prototype: left to the path below too.
  for (const k in v) {
    const x = v[k];
    if (x === undefined) continue; // left out of the text
    const y = dataItem(x, depth);
    if (y === NOT_DATA || k === "__proto__" || --members < 0 || (dataBudget -= k.length + 4) < 0) return NOT_DATA;
    out[k] = y;
  }
  return out;
}

// Whether `validate` copies the next input first: after a valid input, not after a refused one
// or one that is not plain data (a valid one then leaves the next to the path below too, so a
// run of valid inputs the copy cannot take, holding a Date, tries it on every other one). A copy is of use only for a valid input (a refusal hands back
// no `value`): after a refusal the input is read by `JSON.stringify` alone, with the probe, and a
// refused input costs what it did without the copy (the copy costs more than the probe alone).
// A caller validates the same kind of input many times in a row (as `opIndex` assumes), so either
// way the guess is mostly right; when it is wrong the call costs what one path or the other does.
let copyFirst = true;

/** `dataOf(input)` when `input` is an object and Object.prototype has no enumerable key. */
function plainData(input) {
  if (typeof input !== "object" || input === null) return undefined;
  for (const k in PLAIN) return undefined; // (never taken unless someone adds one)
  dataBudget = MAX_INPUT_CHARS;
  try {
    const value = dataOf(input, 1);
    return value === NOT_DATA ? undefined : value;
  } catch {
    return undefined; // a getter or Proxy trap that throws: the path below reports it
  }
}

// After a refusal (`copyFirst` false) the Node entry and the default browser entry write plain data into wasm memory with
// text-write.js's walk (`useObjectWriter`), not with `JSON.stringify` and `encodeInto`: the same
// text, with no string made and the odd-value probe in the same pass; what the walk does not
// take goes on to the path below. A getter that validates while the walk runs writes another
// text into the buffer (`writes` counts them), or grows the memory (the view then reads length
// 0): the walk is void then too. The validators browser entry does not set it (a form's
// validation; +545 B gzip -9 of a bundle's JS), so its bundles leave that code out
// (bench/targets.md, "Session 18: the invalid path (JS)" and "Session 18: the object walk in the
// browser entry"). (Imported here, in the block for throughput: the validators browser entry's
// copy has no import of text-write.js but its flag's.)
import { objectWriter } from "./text-write.js";

/* } SPEED-ONLY */

/**
 * `{ ok: true, value }` or `{ ok: false, issues }`; throws a TypeError only for an unknown op (or
 * a malformed `messages` catalog). `options.messages`: a message catalog for this call.
 * `options.form`: form mode (forms.js): "", NaN and empty sections count as absent, and the
 * messages are written for the person filling the form in (a `messages` catalog given with it
 * wins over the form messages).
 */
export function validate(op, input, options) {
  let messages;
  if (options !== undefined && options !== null) {
    messages = callCatalog(options.messages, "validate");
    if (options.form === true) {
      return messages === undefined
        ? validateForm(op, input, validate)
        : validate(op, formInput(input), { messages });
    }
  }
  const i = opIndex(op);
  if (i === undefined) unknownOp(op);
  /* SPEED-ONLY { */
  // Plain data after a valid input: the copy is `value`, its text the one checked (`dataOf`).
  const tried = SPEED && copyFirst;
  if (tried) {
    const value = plainData(input);
    if (value !== undefined) {
      const json = JSON.stringify(value);
      if (json.length <= MAX_INPUT_CHARS) {
        const issues = issuesOf(i, json, messages);
        if (issues === undefined) return { ok: true, value };
        copyFirst = false;
        return { ok: false, issues };
      }
    }
    copyFirst = false;
  }
  const w = objectWriter;
  if (w !== null) {
    const mine = ++writes;
    const n = w.write(input, (memory ??= wasmMemory()), bufferAt, Math.min(bufferSize, MAX_INPUT_CHARS));
    if (n >= 0 && writes === mine) {
      // (The records name pieces of the text by offset: `w.slice` gives them.)
      if (verdictOf(i, n) !== 0) return { ok: false, issues: lastIssues(messages, w) };
      copyFirst = !tried;
      return { ok: true, value: JSON.parse(w.slice(0, n)) };
    }
  }
  /* } SPEED-ONLY */
  let json;
  try {
    json = JSON.stringify(input);
  } catch {
    // Circular, BigInt, a throwing getter: the general path turns the failure into an issue.
  }
  // The fast path: one JSON text in, nothing (valid) or the issues out. Anything unusual (an
  // unserialisable or huge value) takes the general path, which reports it.
  if (typeof json === "string" && json.length <= MAX_INPUT_CHARS) {
    const result = checked(i, json, messages);
    if (oddIn(input, json)) return withOdd(input, result, messages);
    /* SPEED-ONLY { */
    copyFirst = result.ok && !tried; // (not right after an input the copy could not take)
    /* } SPEED-ONLY */
    return result;
  }
  return slow(i, input, messages);
}

function textIndex(op, text, name) {
  const i = opIndex(op);
  if (i === undefined) unknownOp(op);
  if (typeof text !== "string") throw new TypeError(`${name} takes the input as a JSON string`);
  return i;
}

// encodeInto would turn a raw lone surrogate into U+FFFD without a word, so such a text is handed
// over with the surrogate written as an escape, which the reader refuses (as it does for every
// other entry point: JSON.stringify writes lone surrogates as escapes).
function wellFormed(text) {
  if (typeof text.isWellFormed !== "function" || text.isWellFormed()) return text;
  return text.replace(/\p{Surrogate}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** `validate` for input that is already JSON text (a request body, a stored draft). */
export function validateJson(op, text, options) {
  const messages = options === undefined ? undefined : callCatalog(options?.messages, "validateJson");
  const i = textIndex(op, text, "validateJson");
  if (text.length > MAX_INPUT_CHARS) return slow(i, text, messages);
  return checked(i, wellFormed(text), messages);
}

/**
 * The verdict on JSON text without reading it back: `{ ok: true }` or `{ ok: false, issues }`.
 * For callers that hold the text and forward it as it is (an edge function).
 */
export function checkJson(op, text, options) {
  const messages = options === undefined ? undefined : callCatalog(options?.messages, "checkJson");
  const i = textIndex(op, text, "checkJson");
  if (text.length > MAX_INPUT_CHARS) return slow(i, text, messages);
  const issues = issuesOf(i, wellFormed(text), messages);
  return issues === undefined ? { ok: true } : { ok: false, issues };
}

// The normalized contact (issue 16): toProvider, fromProvider, diffContact, client.updateContact.
// Built on first use, so a bundle that imports none of them (the validators entry) drops contact.js.
let contactImpl;
const contact = () => (contactImpl ??= contactApi(need, neededIssues));
export function toProvider(provider, value, options) {
  return contact().toProvider(provider, value, options);
}
export function fromProvider(provider, body) {
  return contact().fromProvider(provider, body);
}
export function diffContact(before, after) {
  return contact().diffContact(before, after);
}

/**
 * The providers, from their specs: `{ id, name, auth, environments: { sandbox, production },
 * operations, credentials: [{ key, optional }] }` each.
 */
export function providers() {
  return need("providers")();
}

/** The provider documentation's example input for `op`. */
export function example(op) {
  // The full build's, as `describe` and `diff` are (the validators-only build says it does not have it).
  need("diff", "example");
  const i = index().get(op);
  if (i === undefined) unknownOp(op);
  return JSON.parse(EXAMPLES[i]);
}

/** Field metadata for building forms (the generated describe.js: a fresh copy per call). */
export function describe(op) {
  need("diff", "describe");
  const i = index().get(op);
  if (i === undefined) unknownOp(op);
  return JSON.parse(DESCRIBE[i]);
}

/** The smallest valid update payload from `before` to `after`, or the issues why none exists.
 * `options.messages`: a message catalog for its issues. */
export function diff(op, before, after, options) {
  if (op === "contact") return diffContact(before, after); // the normalized contact (contact.js)
  const messages = callCatalog(options?.messages, "diff");
  const result = settled(need("diff")(op, before, after), messages);
  return oddInValue(after) ? withOdd(after, result, messages) : result;
}

// Config and per-call options are read here once, key by key, each read guarded: a getter that
// throws, a BigInt, a Symbol or a nested object becomes a marker string (src/request.rs,
// UNREADABLE_MARKER) that the wasm side reports naming the key, instead of JSON.stringify
// throwing for the whole object. Functions (fetch, hooks) and the keys in `objects` (signal) pass.
const UNREADABLE = "\u0000customer-update:unreadable:";
function readSettings(value, objects = []) {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object") return value; // not an object: the wasm side says so
  let keys;
  try {
    keys = Object.keys(value);
  } catch {
    return `${UNREADABLE}its keys cannot be listed`;
  }
  const out = {};
  for (const k of keys) {
    let v;
    try {
      v = value[k];
    } catch {
      out[k] = `${UNREADABLE}its getter threw`;
      continue;
    }
    const t = typeof v;
    if (t === "bigint") out[k] = `${UNREADABLE}it is a BigInt, not a string`;
    else if (t === "symbol") out[k] = `${UNREADABLE}it is a Symbol, not a string`;
    else if (t === "object" && v !== null && !objects.includes(k)) out[k] = `${UNREADABLE}it is an object, not a string`;
    else out[k] = v;
  }
  return out;
}

/** `{ ok: true, method, url, headers, body }` or `{ ok: false, issues }`, with no network.
 * `options.messages`: a message catalog for its issues. */
export function buildRequest(op, input, config, options) {
  const messages = callCatalog(options?.messages, "buildRequest");
  const result = settled(need("buildRequest")(op, input, readSettings(config)), messages);
  return oddInValue(input) ? withOdd(input, result, messages) : result;
}

/**
 * For servers (edge functions, proxies, simulators): the operation a provider-shaped request
 * names and its input, `{ ok: true, op, input }`, `{ ok: false, issues }` or `null`.
 * `path` is relative to the provider's base URL.
 */
export function matchRequest(provider, method, path, body = "", contentType) {
  return settled(need("matchRequest")(provider, method, path, contentType ?? undefined, body));
}

const schemas = new Map();
const formSchemas = new Map();

/**
 * A Standard Schema V1 object for `op` (react-hook-form, TanStack Form, …). `options.messages`: a
 * message catalog for its issues (a new object each call; without it, one per operation and mode).
 * `options.form`: validates in form mode (see `validate`).
 */
export function schema(op, options) {
  const form = options?.form === true;
  const messages = callCatalog(options?.messages, "schema");
  const cache = form ? formSchemas : schemas;
  let s = messages === undefined ? cache.get(op) : undefined;
  if (s) return s;
  if (!index().has(op)) unknownOp(op);
  const callOptions = form || messages !== undefined ? { form, messages } : undefined;
  s = {
    "~standard": {
      version: 1,
      vendor: "customer-update",
      validate(value) {
        const r = validate(op, value, callOptions);
        return r.ok ? { value: r.value } : { issues: r.issues };
      },
    },
  };
  if (messages === undefined) cache.set(op, s);
  return s;
}

/**
 * A plain `<form>`'s entries (FormData, URLSearchParams, or [name, value] pairs) as `op`'s typed
 * input, by its spec (numbers, booleans, nested names such as `nominees.0.name`), validated in
 * form mode: what `validate(op, input, { form: true })` returns.
 */
export function fromFormData(op, data) {
  if (!index().has(op)) unknownOp(op);
  return validateForm(op, fromEntries(op, data), validate);
}

/**
 * A TanStack Form validator for `op` (`validators: { onSubmit: tanstackValidator(op, { form: true }) }`):
 * `undefined` when valid, else TanStack's `{ form, fields }`: each field's first message under
 * its name in TanStack's notation (`nominees[0].name`), and the issues about the whole input
 * (path `[]`, such as "Fill in at least one of: …") as the form's error. Given a Standard Schema,
 * TanStack files those under a field named `""` that no input clears, and the form stays
 * unsubmittable. `options`: as `validate`'s (`form`, `messages`).
 */
export function tanstackValidator(op, options) {
  if (!index().has(op)) unknownOp(op);
  return ({ value }) => {
    const r = validate(op, value, options);
    if (r.ok) return undefined;
    const fields = {};
    const form = [];
    for (const issue of r.issues) {
      if (issue.path.length === 0) form.push(issue.message);
      else fields[pathText(issue.path)] ??= issue.message;
    }
    return { form: form.length ? form.join(" ") : undefined, fields };
  };
}


/** The client's answer for an input with values JSON cannot carry (see `hasOdd`): nothing is sent,
 * in the shape of the client's own validation error. */
function notSent(issues) {
  const n = issues.length;
  const message = countMessage(NOT_SENT, n); // the text of Rust's ProviderError::validation
  return { ok: false, error: { kind: "validation", status: null, providerCode: null, providerCategory: null, traceId: null, message, issues, retryable: false, raw: null } };
}

/**
 * A client for one provider: one method per operation (`client.updateNomineeDetails(input,
 * { signal, timeoutMs, idempotencyKey })`), each resolving to `{ ok: true, status, data,
 * requestId }` or `{ ok: false, error }`. Expected failures never reject.
 */
export function createClient(provider, config = {}) {
  // The provider keys come from the generated operation table, not from a list kept here.
  const providers = [...new Set(operations().map((op) => op.split(".")[0]))];
  if (!providers.includes(provider)) {
    throw new TypeError(`unknown provider "${String(provider).slice(0, 40)}"; valid: ${providers.join(", ")}`);
  }
  // `config.messages`: a message catalog for the issues of this client's errors (not sent on).
  let given;
  try {
    given = config?.messages;
  } catch {
    throw new TypeError("createClient: config.messages cannot be read (its getter threw)");
  }
  const messages = callCatalog(given, "createClient");
  const settings = readSettings(config);
  if (typeof settings === "object") delete settings.messages;
  const inner = new (need("Client"))(provider, settings);
  const client = { provider };
  for (const op of OPS) {
    if (!op.startsWith(`${provider}.`)) continue;
    client[op.slice(provider.length + 1)] = (input, options) =>
      oddInValue(input)
        ? Promise.resolve(notSent(oddIssues(input, MAX_ISSUES, messages)))
        : inner.send(op, input, readSettings(options, ["signal"])).then((r) => clientResult(r, messages));
  }
  client.updateContact = (ref, value, options) => contact().updateContact(client, ref, value, options, messages);
  return Object.freeze(client);
}
