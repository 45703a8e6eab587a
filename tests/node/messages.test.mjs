// The two renderers of issue messages agree: the JS glue builds issues from the wasm's compact
// records and pkg/src/messages.js (generated from vocab/src/messages.rs); Rust renders the same
// issues natively (`Issue::message`, by tests/node/rendered_issues.rs run as `cargo run --example
// rendered_issues`, every input in one run). Compared over the test corpus (tests/node/cases.mjs)
// and seeded mutations of every example: every field set to each hostile value, unknown keys
// (non-ASCII, astral, over 64 characters), texts that are not JSON, and more issues than the 200
// cap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { validateJson, checkJson, validate } from "customer-update";
import { examples, several } from "./cases.mjs";

// The inputs are collected first, rendered natively in one process, then compared.
const inputs = [];
function collect(op, text, what) {
  inputs.push({ op, text, what });
}

/** The issues Rust renders natively for each input, in order. */
function rustRendered(list) {
  const r = spawnSync("cargo", ["run", "--quiet", "--example", "rendered_issues"], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    input: list.map(({ op, text }) => JSON.stringify([op, text])).join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  assert.equal(r.status, 0, `cargo run --example rendered_issues failed:\n${r.stderr}`);
  const lines = r.stdout.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, list.length, "one line of issues per input");
  return lines.map((l) => JSON.parse(l));
}

// A small seeded generator (mulberry32), so a failure names a reproducible case.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  null, "", " ", 0, -1, 1.5, 2 ** 60, 1e300, true, false, [], {}, [null], [{}], "x", "UK", "us", "in",
  "abcde1234f", "ABCDE1234F", "2999-01-01", "31/12/2999", "1990-02-30", "not a date", "+1", "+2348012345678",
  "name@example", "é中😀", "a\"quote\\back", "9".repeat(300), "verified", "VERIFIED", "closed", "CLOSED",
  "8511215433086", "0000000000000", [1, 2, 3], { nested: { deep: true } }, "Mary  Ann", "_x@y.co",
];

/** Every path to a value in `v` (objects and arrays), with the value there. */
function paths(v, at = []) {
  const out = [];
  if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      out.push(p, ...paths(x, p));
    }
  }
  return out;
}

function setAt(root, path, value) {
  const copy = structuredClone(root);
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path.at(-1)] = value;
  return copy;
}

function removeAt(root, path) {
  const copy = structuredClone(root);
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  if (Array.isArray(o)) o.splice(path.at(-1), 1);
  else delete o[path.at(-1)];
  return copy;
}

test("JS-built issues equal Rust-rendered issues over the corpus and its mutations", () => {
  let issues = 0;
  for (const [op, example] of Object.entries(examples)) {
    collect(op, JSON.stringify(example), "example");
    collect(op, JSON.stringify(several[op].input), "several");
    for (const p of paths(example)) {
      for (const h of HOSTILE) collect(op, JSON.stringify(setAt(example, p, h)), `${JSON.stringify(p)} = ${JSON.stringify(h)}`);
      collect(op, JSON.stringify(removeAt(example, p)), `without ${JSON.stringify(p)}`);
    }
    // Unknown keys: close to a field (a suggestion), non-ASCII, astral, longer than 64 characters.
    const keys = Object.keys(example);
    const odd = { ...example, [`${keys[0]}x`]: 1, ["ключ"]: null, ["😀".repeat(40)]: "v", ["k".repeat(70)]: 1, [keys[1]?.toUpperCase() ?? "Z"]: 2 };
    collect(op, JSON.stringify(odd), "unknown keys");
    // Random combinations of several mutations at once.
    const random = rng(op.length * 7919);
    const all = paths(example);
    for (let n = 0; n < 150; n++) {
      let input = example;
      for (let m = 0; m < 1 + Math.floor(random() * 4); m++) {
        const p = all[Math.floor(random() * all.length)];
        try {
          input = random() < 0.2 ? removeAt(input, p) : setAt(input, p, HOSTILE[Math.floor(random() * HOSTILE.length)]);
        } catch {
          // the path went away with an earlier mutation
        }
      }
      collect(op, JSON.stringify(input), `random ${n}`);
    }
    // Texts that are not JSON, or not an object.
    for (const text of ["", "{", "[1,", "nul", "{\"a\":1,}", "\"\\ud800\"", "[".repeat(200) + "]".repeat(200), "42", "[]", "null", "\"text\"", "{\"a\":1}x"]) {
      collect(op, text, `text ${JSON.stringify(text.slice(0, 20))}`);
    }
    // More issues than the cap: 300 unknown keys.
    const many = { ...example };
    for (let i = 0; i < 300; i++) many[`zz${i}`] = i;
    collect(op, JSON.stringify(many), "300 unknown keys");
  }
  const rendered = rustRendered(inputs);
  let compared = 0;
  inputs.forEach(({ op, text, what }, i) => {
    const expected = rendered[i];
    const viaJson = validateJson(op, text);
    assert.deepEqual(viaJson.ok ? [] : viaJson.issues, expected, `${op} ${what}: validateJson\n${text.slice(0, 400)}`);
    const viaCheck = checkJson(op, text);
    assert.deepEqual(viaCheck.ok ? [] : viaCheck.issues, expected, `${op} ${what}: checkJson`);
    if (what === "300 unknown keys") assert.equal(expected.length, 200, `${op}: the cap`);
    issues += expected.length;
    compared += 1;
  });
  assert.ok(compared > 3000, `${compared} inputs compared`);
  assert.ok(issues > 5000, `${issues} issues compared`);
  console.log(`messages: ${compared} inputs, ${issues} issues: the JS and Rust renderers agree`);
});

test("an item's field names its own list index, key and list, whatever was named before (kept texts by their parts)", () => {
  // Many items: their `list.index.key` texts share the slots of issues.js's kept texts.
  const names = (n, i) => [`nominees.${i}.guardian`, `nominees.${i}.minor`, `nominees.${i}.dob`];
  for (const count of [70, 3, 70, 41]) {
    const nominees = [];
    for (let i = 0; i < count; i++) nominees.push({ name: "A", relationship: "Son", percentShare: 1, minor: true });
    for (const r of [validate("m2p.updateNomineeDetails", { entityId: "E", nominees }), checkJson("m2p.updateNomineeDetails", JSON.stringify({ entityId: "E", nominees }))]) {
      const guardians = r.issues.filter((i) => i.code === "guardian_required");
      assert.equal(guardians.length, count);
      guardians.forEach((g, i) => assert.deepEqual(g.fields, names(count, i)));
      const sum = r.issues.find((i) => i.code === "sum_mismatch");
      assert.deepEqual(sum.fields, nominees.map((_, i) => `nominees.${i}.percentShare`));
    }
  }
  const other = validate("m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: 100, minor: true }] });
  assert.deepEqual(other.issues.find((i) => i.code === "guardian_required").fields, names(1, 0));
});

test("validate's general path (a value JSON.stringify refuses) builds its issues the same way", () => {
  const circular = {};
  circular.self = circular;
  const r = validate("gathr.updateCustomer", circular);
  assert.equal(r.ok, false);
  assert.equal(r.issues.length, 1);
  assert.deepEqual(r.issues[0].path, []);
  assert.equal(r.issues[0].code, "invalid_type");
  assert.match(r.issues[0].message, /^The input cannot be read as JSON data \(Converting circular structure[^]+\)\.$/);
  const missing = validate("gathr.updateCustomer", undefined);
  assert.deepEqual(missing, { ok: false, issues: [{ path: [], code: "invalid_type", message: "The input is missing: pass an object of fields." }] });
});

test("cross-field issues carry the fields they concern as dotted paths; others carry none", () => {
  const r = validate("m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: 40, minor: true }] });
  const by = (code) => r.issues.find((i) => i.code === code);
  assert.deepEqual(by("sum_mismatch").fields, ["nominees.0.percentShare"]);
  assert.deepEqual(by("guardian_required").fields, ["nominees.0.guardian", "nominees.0.minor", "nominees.0.dob"]);
  const root = validate("accessbank.updateCustomerDetails", { requestId: "R", accountNo: "0702334455" }).issues;
  assert.deepEqual(root, [{ path: [], code: "at_least_one_required", message: "Provide at least one of: email, phoneNumber.", fields: ["email", "phoneNumber"] }]);
  const status = checkJson("m2p.updateCustomerStatus", JSON.stringify({ entityId: "E", status: "CLOSED", currentStatus: "CLOSED" }));
  assert.deepEqual(status.issues.map((i) => i.fields), [["status", "currentStatus"]]);
  for (const i of validate("bvnk.updateCustomerStatus", { customerReference: 1, status: "x", note: 1 }).issues) assert.equal("fields" in i, false);
});
