// Issue objects from the wasm's compact records, and their messages from message catalogs.
//
// The wasm formats no message: it hands over each issue as numbers (template, code, format, path,
// arguments) plus one side string (src/validate/records.rs). The templates, words, codes and
// format names come from messages.js, which the code generator writes from the table that
// `Issue::message` renders in Rust, so both renderers read one source (a test compares them over
// the test corpus).
//
// A catalog is a plain object: keys are template ids ("invalid_type.text") or issue codes
// ("required", applying to every template of the code); values are template strings ("{label}
// is required.") or functions `(issue) => string`, where `issue` is `{ path, code, params, label,
// template, message }` (`message`: the English text). `words` (optional) maps word ids ("boolean",
// "or", …) to the words templates insert. Lookups: the per-call catalog, then the one given to
// `setMessages`, then English. A mode with its own wording (forms) layers its catalog under the
// caller's by passing `issuesAt` a list: `[callerCatalog, modeCatalog]` (first match wins).
import { CODES, FORMATS, REQUEST_TEMPLATES, TEMPLATES as VALIDATION_TEMPLATES, WORDS } from "./messages.js";
import { shortAsciiLoop } from "./text-write.js";
export { NOT_SENT, CONTACT_NOT_SENT } from "./messages.js";

// The templates records are rendered from, by number: validation's; the API over the full wasm
// (requests, client, normalized contact) adds the rest with `withRequestTemplates` at import, so
// the validators entry, whose wasm hands out none of them, leaves them out of its bundle.
let TEMPLATES = VALIDATION_TEMPLATES;
/** Adds the templates of the normalized contact and `diff` (numbered after validation's). */
export function withRequestTemplates() {
  if (TEMPLATES === VALIDATION_TEMPLATES) TEMPLATES = VALIDATION_TEMPLATES.concat(REQUEST_TEMPLATES);
}
/** Every template, validation's and the rest, for the exported catalog and list. */
const allTemplates = () => VALIDATION_TEMPLATES.concat(REQUEST_TEMPLATES);

// Code for throughput only (servers, and the default browser entry the benchmarks measure): the
// compiled templates kept (`compiled`, `compiledEn`), each memory's decoded strings (`statics`,
// `recent`) and English messages (`ctx.messages`), Node's Buffer decoding of side strings, and
// the records' pieces of a kept input text (INPUT, INT32: api.js asks for them with its own SPEED).
// The validators browser entry (a form, where size counts) reads a copy of this file and of
// validators-api.js with SPEED false (scripts/build-pkg.sh), and a bundler drops that code: -498 B
// gzip -9 in a form app's Vite build, both files' (bench/targets.md, "Session 12: the validators
// entry's JS"). The same issues either way (tests/node/validators-browser.test.mjs).
const SPEED = true;

const INDEX = 0x80000000;
const EN_WORDS = Object.fromEntries(WORDS);
const KIND_INT = 1;
const KIND_WORD = 2;
const KIND_LIST = 3;

// Built by annotated calls (`@__PURE__`): a bundle that imports neither `messagesEn` nor
// `messageTemplates` drops them. The Node entry builds both at import, so they are plain loops
// (cold start: 0.27 -> 0.08 ms and 0.27 -> 0.17 ms in a fresh process, against fromEntries,
// spreads, destructuring and map).
const englishCatalog = () => {
  const catalog = {};
  const all = allTemplates();
  for (let i = 0; i < all.length; i++) catalog[all[i][0]] = all[i][3];
  catalog.words = Object.freeze({ ...EN_WORDS });
  return Object.freeze(catalog);
};
const templateList = () => {
  const all = allTemplates();
  const list = new Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const t = all[i];
    list[i] = Object.freeze({ id: t[0], code: t[1], params: Object.freeze(t[2].slice()) });
  }
  return Object.freeze(list);
};

/** The English catalog: every template id → its text, and the words. */
export const en = /* @__PURE__ */ englishCatalog();

/** Every template: `{ id, code, params }` (what a catalog may name, and each one's parameters). */
export const templates = /* @__PURE__ */ templateList();

let global = null;

function checkCatalog(catalog, where) {
  if (catalog === undefined || catalog === null) return null;
  if (typeof catalog !== "object") throw new TypeError(`${where}: a message catalog is an object of template ids or codes to strings or functions`);
  for (const [key, value] of Object.entries(catalog)) {
    if (key === "words") {
      if (typeof value !== "object" || value === null) throw new TypeError(`${where}: words must be an object of word ids to strings`);
      continue;
    }
    if (typeof value !== "string" && typeof value !== "function") {
      throw new TypeError(`${where}: the message for "${key.slice(0, 60)}" must be a string or a function, not ${value === null ? "null" : typeof value}`);
    }
  }
  return catalog;
}

/**
 * Sets the catalog every call uses (a per-call `messages` option goes first); `null` or no
 * argument goes back to English alone.
 */
export function setMessages(catalog) {
  global = checkCatalog(catalog, "setMessages");
}

/** The per-call catalog checked (`undefined` stays the fast path). */
export function callCatalog(messages, where) {
  return messages === undefined ? undefined : checkCatalog(messages, where) ?? undefined;
}

// Templates compiled once per template and text into [text, param index, style, text, …]; a
// placeholder that names no parameter stays as it is (as in Rust).
const compiled = []; // by template number: a Map each, made on first use
let compiledCount = 0;
function parts(tpl, text) {
  let cache;
  if (SPEED) {
    cache = compiled[tpl] ??= new Map();
    const p = cache.get(text);
    if (p !== undefined) return p;
  }
  const names = TEMPLATES[tpl][2];
  const p = [];
  let literal = "";
  let i = 0;
  for (;;) {
    const open = text.indexOf("{", i);
    if (open < 0) break;
    const close = text.indexOf("}", open + 1);
    if (close < 0) break;
    literal += text.slice(i, open);
    const inside = text.slice(open + 1, close);
    const colon = inside.indexOf(":");
    const name = colon < 0 ? inside : inside.slice(0, colon);
    const index = names.indexOf(name);
    if (index < 0) literal += `{${inside}}`;
    else {
      p.push(literal, index, colon < 0 ? "" : inside.slice(colon + 1));
      literal = "";
    }
    i = close + 1;
  }
  p.push(literal + text.slice(i));
  if (SPEED) {
    if (++compiledCount > 4096) {
      // caller-made templates stay bounded
      for (const m of compiled) m?.clear();
      compiledCount = 0;
    }
    cache.set(text, p);
  }
  return p;
}

/** Template `text` of template `tpl` with its placeholders filled (the syntax of vocab/src/messages.rs). */
function render(tpl, text, vals, kinds, words) {
  return fill(parts(tpl, text), vals, kinds, words);
}

// The English templates compiled, by template number (filled on first use: no Map lookup on the
// common path).
const compiledEn = [];

/** `"a" or "b" or "c"` (a loop: no array of quoted copies per message). */
function quotedOr(list, or) {
  if (list.length === 0) return "";
  const sep = `" ${or} "`;
  let out = `"${list[0]}`;
  for (let i = 1; i < list.length; i++) out += sep + list[i];
  return `${out}"`;
}

/** The compiled template `p` filled in. Integers arrive as their decimal text (see issuesFrom). */
function fill(p, vals, kinds, words) {
  let out = p[0];
  for (let i = 1; i < p.length; i += 3) {
    const k = p[i];
    const v = vals[k];
    const kind = kinds[k];
    if (kind === KIND_WORD) out += words[v] ?? EN_WORDS[v] ?? v;
    else if (kind === KIND_LIST) out += p[i + 1] === "or" ? quotedOr(v, words.or ?? EN_WORDS.or) : v.join(", ");
    else out += v;
    out += p[i + 2];
  }
  return out;
}

function entry(catalog, id, code) {
  if (catalog === null || catalog === undefined) return undefined;
  if (Object.hasOwn(catalog, id)) return catalog[id];
  if (code !== "" && Object.hasOwn(catalog, code)) return catalog[code];
  return undefined;
}

function wordsOf(call) {
  if (call === undefined && global === null) return EN_WORDS;
  const layers = Array.isArray(call) ? call : [call];
  if (!global?.words && !layers.some((c) => c?.words)) return EN_WORDS;
  const words = { ...EN_WORDS, ...global?.words };
  for (let i = layers.length - 1; i >= 0; i--) Object.assign(words, layers[i]?.words);
  return words;
}

function chosenEntry(call, id, code) {
  if (Array.isArray(call)) {
    for (const c of call) {
      const e = entry(c, id, code);
      if (e !== undefined) return e;
    }
    return entry(global, id, code);
  }
  return entry(call, id, code) ?? entry(global, id, code);
}

// A function entry's message, called once the records are all read (the function may validate
// again, which rewrites the records in wasm memory and the scratch arrays below).
function called(fn, tpl, issue, vals, kinds) {
  const [id, , names, english] = TEMPLATES[tpl];
  const params = {};
  for (let i = 0; i < names.length; i++) {
    const v = vals[i];
    if (kinds[i] === KIND_INT) {
      // an integer param is a number when it is exact as one, else its decimal text
      const x = Number(v);
      params[names[i]] = Number.isSafeInteger(x) ? x : v;
    } else params[names[i]] = kinds[i] === KIND_LIST ? v.slice() : v; // a list of the spec's is shared
  }
  const fallback = render(tpl, english, vals, kinds, EN_WORDS);
  const text = fn({ path: issue.path, code: issue.code, params, label: params.label, template: id, message: fallback });
  return typeof text === "string" ? text : fallback;
}

const decoder = new TextDecoder();
let view = null;

// Strings from the spec (labels, spec keys, enum values) arrive as their address in wasm memory
// (`STATIC | address`, then the length in UTF-8 bytes; a list: its address and count, see
// src/validate/records.rs) and are decoded once per memory: `ctx.statics` maps an address to
// its entry `{ n, s }` (its length, its text) or, for a list, `{ n, list }`. Each memory has its
// own (the validators entry and the full API may share this module with two wasm memories); a
// grown memory, a new buffer, starts afresh. `ctx.messages` keeps the English message of an
// issue whose arguments are all the spec's strings or lists, or words: by template, then per
// argument its entry (an object: one per address and length) or word number.
const STATIC = 0x40000000;
const LIST_STATIC = 4;
// A piece of the input text (ASCII) by its offset (`INPUT | offset`, then its length), sliced from
// the text the caller wrote (src/validate/records.rs, `Records::reads`); an integer that fits an
// i32 as that word (tag INT32).
const INPUT = 0x20000000;
const INT32 = 5;
// An issue's field `list.index.key` of a list's item, as its parts: `ITEM_FIELD | ` the list's
// address, its length, the index, the key's address and length (for a caller that keeps the text).
const ITEM_FIELD = 0x10000000;
let mem8 = null; // the memory of the records being read: bytes
let mem32 = null; // … and words (the caller's view: the same one next call skips the checks)
let memBuf = null; // … and, in Node, a Buffer over it (see `useNodeBuffer`)
let ctx = null;
const contexts = new WeakMap();
// Each memory's strings by address: `statics` (a Map, the one entry per address the message
// cache keys on) behind `recent`, a direct-mapped array of the last entry per slot (an array
// load instead of a Map lookup for the few strings a spec's issues name again and again).
const RECENT = 256;
function inMemory(words) {
  // The caller's view of the last call: the same buffer (a grown memory gets a new view).
  if (words === mem32) return;
  const buffer = words.buffer;
  mem32 = words;
  if (mem8 !== null && mem8.buffer === buffer) return;
  mem8 = new Uint8Array(buffer);
  if (SPEED && NodeBuffer !== null) memBuf = NodeBuffer.from(buffer);
  if (SPEED) {
    ctx = contexts.get(buffer);
    if (ctx === undefined) contexts.set(buffer, (ctx = { statics: new Map(), recent: new Array(RECENT).fill(null), messages: [], items: new Array(ITEMS).fill(null) }));
  }
}
/** The entry of the spec's string at `at` (its flag removed), `n` bytes long. */
function staticStr(at, n) {
  if (!SPEED) return { s: decoder.decode(mem8.subarray(at, at + n)) }; // decoded each time
  const slot = (at ^ (at >>> 8)) & (RECENT - 1);
  let e;
  if (SPEED) {
    e = ctx.recent[slot];
    if (e !== null && e.at === at && e.n === n && e.s !== undefined) return e;
  }
  e = ctx.statics.get(at);
  if (e === undefined || e.n !== n || e.s === undefined) {
    e = { at, n, s: decoder.decode(mem8.subarray(at, at + n)), list: undefined };
    ctx.statics.set(at, e);
  }
  if (SPEED) ctx.recent[slot] = e;
  return e;
}
// An item's field `list.index.key` (src/validate/records.rs, `item_field`) by its parts: the
// list's address and length, the index, the key's address and length. Each text is kept in a
// direct-mapped array of the last one per slot, as `recent` keeps the spec's strings: made afresh
// (two concatenations and the index's decimal text) it cost m2p.updateNomineeDetails' refused
// payload ≈ 180 ns of its 430 in issue objects in Chromium (bench/targets.md, "Session 19: the
// invalid path (JS)").
const ITEMS = 64;
function itemField(list, n, index, key, kn) {
  const slot = (list ^ key ^ (index << 3)) & (ITEMS - 1);
  const e = ctx.items[slot];
  if (e !== null && e.index === index && e.list === list && e.key === key && e.n === n && e.kn === kn) return e.s;
  const s = `${staticStr(list, n).s}.${index}.${staticStr(key, kn).s}`;
  ctx.items[slot] = { list, n, index, key, kn, s };
  return s;
}
/** The entry of the spec's list at `at` (`&str`s: address and length pairs) of `n` strings
 * (frozen: shared by every issue that names it). */
function staticList(at, n) {
  if (SPEED) {
    const e = ctx.statics.get(at);
    if (e !== undefined && e.n === n && e.list !== undefined) return e;
  }
  const list = new Array(n);
  for (let j = 0, w = at >>> 2; j < n; j++, w += 2) list[j] = staticStr(mem32[w], mem32[w + 1]).s;
  const fresh = { at, n, s: undefined, list: Object.freeze(list) };
  if (SPEED) ctx.statics.set(at, fresh);
  return fresh;
}

/**
 * The issue objects of the records at address `ptr` of the wasm memory `buffer` (what
 * `lastIssues` returns): read in place, side string included, nothing copied out of wasm first.
 */
export function issuesAt(buffer, ptr, call, input) {
  if (view === null || view.buffer !== buffer) view = new Uint32Array(buffer);
  return issuesInView(view, ptr, call, input);
}

/**
 * `issuesAt` over `words`, a Uint32Array view of the whole wasm memory that the caller keeps (and
 * makes again when a grown memory has detached it): the glue's hot path, with no `buffer` read
 * per call. Each API module keeps its own view (the validators entry has a second wasm memory).
 * `input`: the JSON text the records are about, as written into the wasm (pieces of it are named
 * by their offset), if any.
 */
export function issuesInView(words, ptr, call, input) {
  inMemory(words);
  const at = ptr >>> 2;
  const len = words[at + 1];
  const from = words[at];
  const side =
    len === 0
      ? ""
      : SPEED && memBuf !== null
        ? memBuf.toString("utf8", from, from + len)
        : shortAsciiLoop && len <= SHORT_SIDE
          ? shortSide(from, len)
          : decoder.decode(mem8.subarray(from, from + len));
  return issuesFrom(words, at + 2, side, call, input);
}

// The Node entry decodes side strings with Buffer's `toString` over the memory: about 100-120 ns
// a call at 2-67 bytes against TextDecoder's 160-250 ns (Node 20, bench/targets.md, "Session 10:
// the invalid path"). Elsewhere there is no Buffer: TextDecoder, or the loop below, decodes.
let NodeBuffer = null;
/** Called once by the Node entry with `Buffer`, before any validation. */
export function useNodeBuffer(B) {
  NodeBuffer = B;
  mem8 = null; // the next call makes its Buffer
  mem32 = null;
}

// The browser entries (text-write.js's `shortAsciiLoop`, for the same reason as its writes): in
// Chromium a TextDecoder call costs about 0.6-1.2 µs, more than building a short ASCII string
// from its codes (bench/targets.md, "Session 9: the invalid path"). Up to 96 bytes: in Chromium
// the codes and `apply` cost about 10 ns a byte, a `decode` 0.6-1 µs at any length, about even
// near 100 bytes (session 10; at 64, the 67-byte side string of m2p.updateNomineeDetails was
// decoded). The server entries decode (Node: `useNodeBuffer`).
const SHORT_SIDE = 96;
// The codes of the last side string built and its text: the same bytes again (a caller that
// validates the same input, or one refused alike, again) give that text without `apply`
// (m2p.updateCustomer's `ABCDE1234F`: bench/targets.md, "Session 19: the invalid path (JS)").
const codes = [];
let codesText = "";
/** The side string of `n` bytes at `from`: from its codes when ASCII, else decoded. */
function shortSide(from, n) {
  let same = codes.length === n;
  if (!same) codes.length = n;
  for (let i = 0; i < n; i++) {
    const c = mem8[from + i];
    if (c > 0x7f) {
      codes.length = 0; // (`codesText` is always the text of `codes`)
      codesText = "";
      return decoder.decode(mem8.subarray(from, from + n));
    }
    if (codes[i] !== c) {
      codes[i] = c;
      same = false;
    }
  }
  return same ? codesText : (codesText = String.fromCharCode.apply(null, codes));
}

/**
 * One issue at the root whose English message is `message` (template "text"), rendered with the
 * catalogs as a record from the wasm would be: `[issue]`.
 */
export function rootIssue(code, message, call) {
  return issuesFrom([1, 0, CODES.indexOf(code), 0, 0, 0, 0, message.length, 0], 0, message, call, "");
}

// An issue's arguments while it is built: values (strings, numbers, word ids, lists), kinds,
// and the keys of the message cache (see `ctx.messages`).
const vals = [];
const kinds = [];
const keys = [];

/** The English message of template `tpl` with `n` arguments whose cache keys are in `keys`. */
function cachedEnglish(tpl, n) {
  let node = (ctx.messages[tpl] ??= new Map());
  for (let i = 0; i < n - 1; i++) {
    let next = node.get(keys[i]);
    if (next === undefined) node.set(keys[i], (next = new Map()));
    node = next;
  }
  let message = node.get(keys[n - 1]);
  if (message === undefined) {
    message = fill((compiledEn[tpl] ??= parts(tpl, TEMPLATES[tpl][3])), vals, kinds, EN_WORDS);
    node.set(keys[n - 1], message);
  }
  return message;
}

// The English message of an issue whose arguments are not all the spec's (an unknown key, a
// value, an integer: strings of the input), kept per template with its arguments: the next issue
// of that template with equal arguments (`===`: a string's text) gets it without `fill`'s
// concatenations. One entry per template, overwritten in place (nothing allocated on a miss).
const lastEn = [];
function lastEnglish(tpl, n) {
  let e = lastEn[tpl];
  if (e === undefined) e = lastEn[tpl] = { vals: [], kinds: [], message: undefined };
  else {
    let i = 0;
    while (i < n && e.vals[i] === vals[i] && e.kinds[i] === kinds[i]) i++;
    if (i === n && e.message !== undefined) return e.message;
  }
  const message = fill((compiledEn[tpl] ??= parts(tpl, TEMPLATES[tpl][3])), vals, kinds, EN_WORDS);
  for (let i = 0; i < n; i++) {
    e.vals[i] = vals[i];
    e.kinds[i] = kinds[i];
  }
  e.message = message;
  return message;
}

/**
 * The issue objects `{ path, code, message, format?, fields? }` of the records in `words` from
 * index `start` (after the side string's address and length) and their side string, with
 * messages from `call` (a checked catalog, a list of them, first match first, or undefined), the
 * global catalog and English. `input`: the text that pieces named by offset are sliced from.
 */
export function issuesFrom(words, start, side, call, input) {
  const count = words[start];
  const out = new Array(count);
  const plain = SPEED && call === undefined && global === null; // English only: no catalog lookups
  const catalogWords = plain ? EN_WORDS : wordsOf(call);
  let later;
  let at = start + 1;
  for (let k = 0; k < count; k++) {
    const tpl = words[at];
    const code = CODES[words[at + 1]];
    const format = words[at + 2];
    const steps = words[at + 3];
    at += 4;
    const path = new Array(steps);
    for (let j = 0; j < steps; j++) {
      const w = words[at];
      if (w >= INDEX) {
        path[j] = w - INDEX;
        at += 1;
      } else {
        const n = words[at + 1];
        path[j] = w >= STATIC ? staticStr(w - STATIC, n).s : SPEED && w >= INPUT ? input.slice(w - INPUT, w - INPUT + n) : side.slice(w, w + n);
        at += 2;
      }
    }
    const t = TEMPLATES[tpl];
    const n = t[2].length;
    let cacheable = SPEED && plain && n > 0 && ctx !== null;
    for (let i = 0; i < n; i++) {
      const tag = words[at++];
      kinds[i] = tag;
      // Strings and integers (as their decimal text: what the message shows; `called` makes
      // them numbers for a message function) are slices of the side string, or the spec's.
      if (tag <= KIND_INT) {
        const from = words[at];
        if (from >= STATIC) {
          const e = staticStr(from - STATIC, words[at + 1]);
          vals[i] = e.s;
          if (SPEED) keys[i] = e;
        } else {
          const n = words[at + 1];
          vals[i] = SPEED && from >= INPUT ? input.slice(from - INPUT, from - INPUT + n) : side.slice(from, from + n);
          cacheable = false;
        }
        at += 2;
      } else if (SPEED && tag === INT32) {
        kinds[i] = KIND_INT; // its decimal text, as an integer from the side string
        vals[i] = `${words[at++] | 0}`;
        cacheable = false;
      } else if (tag === KIND_WORD) {
        const w = words[at++];
        vals[i] = WORDS[w][0];
        if (SPEED) keys[i] = w;
      } else if (tag === LIST_STATIC) {
        kinds[i] = KIND_LIST;
        const e = staticList(words[at], words[at + 1]);
        vals[i] = e.list;
        if (SPEED) keys[i] = e;
        at += 2;
      } else {
        cacheable = false;
        const c = words[at++];
        const list = new Array(c);
        for (let j = 0; j < c; j++) {
          const from = words[at];
          list[j] = side.slice(from, from + words[at + 1]);
          at += 2;
        }
        vals[i] = list;
      }
    }
    const fieldCount = words[at++];
    let fields;
    if (fieldCount > 0) {
      fields = new Array(fieldCount);
      for (let j = 0; j < fieldCount; j++) {
        const from = words[at];
        const n = words[at + 1];
        if (SPEED && from >= ITEM_FIELD && from < INPUT) {
          // An item's field `list.index.key`, as its parts (src/validate/records.rs, `item_field`).
          fields[j] = itemField(from - ITEM_FIELD, n, words[at + 2], words[at + 3], words[at + 4]);
          at += 5;
          continue;
        }
        fields[j] = from >= STATIC ? staticStr(from - STATIC, n).s : SPEED && from >= INPUT ? input.slice(from - INPUT, from - INPUT + n) : side.slice(from, from + n);
        at += 2;
      }
    }
    const issue = { path, code, message: "" };
    const chosen = plain ? undefined : chosenEntry(call, t[0], code);
    if (SPEED && cacheable) issue.message = cachedEnglish(tpl, n);
    else if (SPEED && plain) issue.message = lastEnglish(tpl, n);
    else if (chosen === undefined) issue.message = fill(SPEED ? (compiledEn[tpl] ??= parts(tpl, t[3])) : parts(tpl, t[3]), vals, kinds, catalogWords);
    else if (typeof chosen === "string") issue.message = render(tpl, chosen, vals, kinds, catalogWords);
    else (later ??= []).push([chosen, tpl, issue, vals.slice(0, n), kinds.slice(0, n)]);
    if (format !== 0) issue.format = FORMATS[format - 1];
    if (fields !== undefined) issue.fields = fields;
    out[k] = issue;
  }
  if (later !== undefined) for (const [fn, tpl, issue, v, kd] of later) issue.message = called(fn, tpl, issue, v, kd);
  return out;
}

/**
 * One issue the glue finds itself (a value JSON cannot carry), rendered like the wasm's: template
 * `id` at `path`, `args` its arguments in order (a string or number as it is, `{ word }` a word
 * id the catalog translates), the message from `call`, the global catalog and English.
 */
export function issueOf(id, path, args, call) {
  const tpl = TEMPLATES.findIndex((t) => t[0] === id);
  const t = TEMPLATES[tpl];
  const v = [];
  const k = [];
  for (const a of args) {
    const word = typeof a === "object";
    v.push(word ? a.word : a);
    k.push(word ? KIND_WORD : 0);
  }
  const issue = { path, code: t[1], message: "" };
  const chosen = call === undefined && global === null ? undefined : chosenEntry(call, t[0], t[1]);
  if (typeof chosen === "function") issue.message = called(chosen, tpl, issue, v, k);
  else issue.message = render(tpl, chosen ?? t[3], v, k, wordsOf(call));
  return issue;
}

/** A count message (`NOT_SENT`, `CONTACT_NOT_SENT`: [one, before the count, after it]) for `n`. */
export function countMessage([one, before, after], n) {
  return n === 1 ? one : `${before}${n}${after}`;
}
