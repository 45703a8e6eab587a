// Form mode: what a form holds, made into an operation's input, and messages for the person
// filling the form in. Pure JS over the generated field table (form-fields.js, from the specs):
// no wasm of its own, so every entry that validates (the validators entry too) has it.
//
// - formInput(value): "", NaN, null and undefined mean "not filled in" (the key is left out), and a
//   section (a nested object) whose fields are all empty is left out too; so a required field then
//   reads "X is required" and an optional section left empty is not checked.
// - fromEntries(op, entries): a plain <form>'s strings to the typed input, by the spec.
// - formIssues(op, issues, input): each issue's message rewritten for the form (FORM_MESSAGES,
//   keyed by issue code: a catalog in waiting).
import { FORM_FIELDS } from "./form-fields.js";

const isPlainObject = (v) => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const blank = (v) => v === undefined || v === null || v === "" || (typeof v === "number" && Number.isNaN(v));

// A value with the form's blanks removed; `undefined` when nothing is left of it.
function clean(value, depth) {
  if (blank(value)) return undefined;
  if (depth > 64) return value; // deeper than any spec: left to validate, which reports it
  if (Array.isArray(value)) {
    // A row of a list stays (an empty row reports its required fields); holes and blanks go.
    const out = [];
    for (const item of value) {
      if (blank(item)) continue;
      const c = isPlainObject(item) ? cleanObject(item, depth + 1) : clean(item, depth + 1);
      if (c !== undefined) out.push(c);
      else if (isPlainObject(item)) out.push({});
    }
    return out;
  }
  if (isPlainObject(value)) {
    const c = cleanObject(value, depth + 1);
    return Object.keys(c).length === 0 ? undefined : c;
  }
  return value;
}

function cleanObject(obj, depth) {
  const out = {};
  let keys;
  try {
    keys = Object.keys(obj);
  } catch {
    return obj; // validate reports what cannot be read
  }
  for (const k of keys) {
    let v;
    try {
      v = obj[k];
    } catch {
      return obj;
    }
    const c = clean(v, depth);
    if (c !== undefined) Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The form's values as the operation's input: blanks and empty sections left out. */
export function formInput(value) {
  return isPlainObject(value) ? cleanObject(value, 0) : value;
}

// ---- the field table ----

const tables = new Map();
/** `{ types: Map<pattern, type>, labels: Map<pattern, label>, rules }` of `op`, from form-fields.js. */
function table(op) {
  let t = tables.get(op);
  if (!t) {
    // (The generator leaves out an operation with no row and no rule, and a text field's row
    // unless it has a label of its own: what this module assumes of a field without a row.)
    const entry = Object.hasOwn(FORM_FIELDS, op) ? FORM_FIELDS[op] : { fields: [], rules: [] };
    t = { types: new Map(), labels: new Map(), rules: entry.rules };
    for (const [path, type, label] of entry.fields) {
      t.types.set(path, type);
      // A row without a label: its last key's (the generator leaves out only those).
      t.labels.set(path, label ?? humanise(path.split(".").filter((k) => k !== "*").pop()));
    }
    tables.set(op, t);
  }
  return t;
}

const pattern = (path) => path.map((k) => (typeof k === "number" ? "*" : k)).join(".");
// (The generator leaves a table row's label out when it is this of the row's last key:
// codegen/src/emit/contracts.rs, `form_label_default`, holds the same steps.)
export const humanise = (key) => {
  const words = String(key).replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_\-.]+/g, " ").trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : "This field";
};

// (Not a quoted start: the odd-value issues' messages begin with the path in quotes, not a label.)
const LABELLED = /^(?!")(.{1,80}?) (?:is required|cannot be|must be|may contain|needs|takes)\b/;
function labelOf(op, path, issue) {
  const own = table(op).labels.get(pattern(path));
  if (own) return own;
  if (issue && typeof issue.label === "string" && issue.label) return issue.label;
  // A field issue's own message starts with the field's label ("Account number is required.").
  const said = issue && path === issue.path && typeof issue.message === "string" ? LABELLED.exec(issue.message) : null;
  if (said) return said[1];
  const last = [...path].reverse().find((k) => typeof k === "string");
  return last === undefined ? "This field" : humanise(last);
}

// ---- messages ----

const sumOf = (input, rule) => {
  const rows = input && Array.isArray(input[rule.array]) ? input[rule.array] : [];
  return rows.reduce((s, row) => s + (row && Number.isInteger(row[rule.field]) ? row[rule.field] : 0), 0);
};

// invalid_type's form message after the label, by the field table's type (text: "must be text.").
// (A table rather than a switch of six template strings: -15 B gzip -9 in a form app's Vite build.)
const AS_TYPE = {
  integer: " must be a whole number.",
  number: " must be a number.",
  boolean: " must be yes or no.",
  array: " must be a list.",
  object: " is not filled in correctly.",
  map: " is not filled in correctly.",
};

/**
 * Form messages by issue code: `(issue, cx) => message | undefined` (undefined keeps the issue's
 * own message, already written for a person: "Email must be an email address like …").
 * `cx`: `{ op, label(path), field(path), rule(kind), input }`: `label` also reads the label from the
 * start of the issue's own message; `field` only from the field table or the key.
 */
export const FORM_MESSAGES = {
  required: (i, cx) => `${cx.label(i.path)} is required.`,
  empty: (i, cx) => `${cx.label(i.path)} is required.`,
  null_not_allowed: (i, cx) => `${cx.label(i.path)} is required.`,
  invalid_type: (i, cx) => {
    const type = table(cx.op).types.get(pattern(i.path));
    if (Object.hasOwn(AS_TYPE, type)) return cx.label(i.path) + AS_TYPE[type];
    return i.path.length === 0 ? "The form could not be read." : `${cx.label(i.path)} must be text.`;
  },
  // The issue carries the rule's list (form-fields.js does not repeat it).
  at_least_one_required: (i, cx) =>
    Array.isArray(i.fields) ? `Fill in at least one of: ${i.fields.map((f) => cx.label([f])).join(", ")}.` : undefined,
  sum_mismatch: (i, cx) => {
    const rule = cx.rule("shares_sum_to");
    if (!rule) return undefined;
    return `The ${cx.label([rule.array, 0, rule.field])} values must add up to ${rule.total}; they add up to ${sumOf(cx.input, rule)}.`;
  },
  guardian_required: (i, cx) => {
    const rule = cx.rule("guardian_required_for_minor");
    return rule ? `${cx.label(i.path)} is required for someone under ${rule.adult_age}.` : undefined;
  },
  minor_mismatch: (i, cx) => {
    const rule = cx.rule("guardian_required_for_minor");
    if (!rule) return undefined;
    const row = i.path.slice(0, -1);
    return `${cx.label(i.path)} does not match the ${cx.label([...row, rule.dob]).toLowerCase()} (under ${rule.adult_age} is a minor).`;
  },
  // The spec's reason names the API ("use m2p.updateCustomerStatus"): a form just says no.
  read_only: (i, cx) => `${cx.field(i.path)} cannot be changed here.`,
  invalid_format: (i, cx) => {
    const rule = cx.rule("id_number_by_id_type");
    if (i.format !== "sa_id" || !rule) return undefined;
    return `${cx.label(i.path)} must be a valid 13-digit South African ID number; for another document choose ${cx.label([rule.type_field])} ${rule.exempt.map((e) => `"${e}"`).join(" or ")}.`;
  },
};

/** The issues with their messages for the form. */
export function formIssues(op, issues, input) {
  const cx = {
    op,
    input,
    label: (path) => labelOf(op, path),
    field: (path) => labelOf(op, path),
    rule: (kind) => table(op).rules.find((r) => r.kind === kind),
  };
  return issues.map((issue) => {
    const write = Object.hasOwn(FORM_MESSAGES, issue.code) ? FORM_MESSAGES[issue.code] : undefined;
    const message = write ? write(issue, { ...cx, label: (path) => labelOf(op, path, issue) }) : undefined;
    return message === undefined ? issue : { ...issue, message };
  });
}

/** Form-mode validation: blanks left out, then `validate`, then the form messages. */
export function validateForm(op, input, validate) {
  const cleaned = formInput(input);
  const r = validate(op, cleaned);
  return r.ok ? r : { ok: false, issues: formIssues(op, r.issues, cleaned) };
}

// ---- a plain <form>'s entries ----

// "nominees.0.name", "nominees[0][name]" and "nominees[0].name" → ["nominees", "0", "name"].
const splitName = (name) => name.replace(/\]/g, "").split(/[.[]/);
const TRUE = new Set(["true", "on", "1", "yes"]);
const FALSE = new Set(["false", "off", "0", "no"]);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function typed(type, value) {
  if (typeof value !== "string") return value;
  if (type === "integer" || type === "number") {
    const s = value.trim();
    return NUMBER.test(s) ? Number(s) : value; // anything else: validate says it is not a number
  }
  if (type === "boolean") {
    const s = value.trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
    return s === "" ? "" : value;
  }
  return value;
}

// Lists are gathered by index and laid out in index order at the end, so an index such as
// 99999999 makes a list of one row, not a huge sparse one.
const LIST = Symbol("list");
const newList = () => ({ [LIST]: new Map() });

function entriesOf(data) {
  if (Array.isArray(data)) return data; // (an array's own entries() would pair indices with items)
  if (data !== null && typeof data === "object" && typeof data.entries === "function") return data.entries();
  if (data !== null && typeof data === "object" && typeof data[Symbol.iterator] === "function") return data;
  throw new TypeError("fromFormData takes a FormData, a URLSearchParams or an iterable of [name, value] pairs");
}

/** The typed input a form's entries describe, by `op`'s spec (before form-mode cleaning). */
export function fromEntries(op, data) {
  const { types } = table(op);
  const root = Object.create(null);
  for (const entry of entriesOf(data)) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string") continue;
    const [name, raw] = entry;
    const keys = splitName(name);
    const path = [];
    let node = root;
    for (let i = 0; i < keys.length; i++) {
      const parentType = types.get(pattern(path));
      let key = keys[i];
      if (parentType === "array") {
        if (!/^\d{1,9}$/.test(key)) break; // not a row index: the entry names nothing in the list
        key = Number(key);
      }
      path.push(key);
      const last = i === keys.length - 1;
      const container = node[LIST] ?? null;
      const get = () => (container ? container.get(key) : node[key]);
      const set = (v) => (container ? container.set(key, v) : (node[key] = v));
      if (last) {
        const type = types.get(pattern(path));
        const value = typed(type, raw);
        if (type === "array" && parentType !== "array") {
          // Repeated names for a list of plain values (<select multiple>, checkboxes).
          const list = get()?.[LIST] ? get() : newList();
          list[LIST].set(list[LIST].size, value);
          set(list);
        } else {
          set(value);
        }
        break;
      }
      const type = types.get(pattern(path));
      let next = get();
      const wantList = type === "array";
      if (wantList ? !next?.[LIST] : next === null || typeof next !== "object" || next[LIST]) {
        next = wantList ? newList() : Object.create(null);
        set(next);
      }
      node = next;
    }
  }
  return materialise(root);
}

function materialise(v) {
  if (v === null || typeof v !== "object") return v;
  if (v[LIST]) {
    return [...v[LIST].entries()].sort((a, b) => a[0] - b[0]).map(([, x]) => materialise(x));
  }
  const out = {};
  for (const k of Object.keys(v)) {
    Object.defineProperty(out, k, { value: materialise(v[k]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
