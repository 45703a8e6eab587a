// The spec's strings cross from the wasm by address and are decoded once per wasm memory, and an
// issue whose arguments are all such strings (or words) gets its English message from a cache
// (pkg/src/issues.js, src/validate/records.rs). Both must give exactly the issues rendered afresh:
// an empty per-call catalog takes the uncached path (same English text), so it is the oracle.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { validate, checkJson, operations } from "customer-update";
import { bench } from "../../bench/cases.mjs";
import { corpus } from "./corpus.mjs";

const dist = new URL("../../pkg/dist/", import.meta.url);


test("cached and by-address strings give the issues rendered afresh (every case, twice)", () => {
  const cases = corpus(400);
  assert.ok(cases.length > 300, `corpus of ${cases.length}`);
  let refused = 0;
  for (const [op, input] of cases) {
    const fresh = validate(op, input, { messages: {} });
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(validate(op, input), fresh, `${op} ${JSON.stringify(input)?.slice(0, 200)}`);
      const text = JSON.stringify(input);
      if (typeof text === "string") {
        const r = checkJson(op, text);
        assert.deepEqual(r, fresh.ok ? { ok: true } : { ok: false, issues: fresh.issues });
      }
    }
    if (!fresh.ok) refused++;
  }
  assert.ok(refused > 100, `${refused} refused cases`);
});

test("a message function gets its own copy of a list from the spec", () => {
  const op = "bvnk.updateCustomerStatus";
  const input = { customerReference: "r", status: "nope" };
  const english = validate(op, input).issues[0].message;
  const r = validate(op, input, {
    messages: {
      not_in_enum: (issue) => {
        issue.params.values.push("MUTATED");
        return "changed";
      },
    },
  });
  assert.equal(r.issues[0].message, "changed");
  assert.equal(validate(op, input).issues[0].message, english);
  assert.ok(!english.includes("MUTATED"));
});

test("two wasm memories read through one issues.js keep their strings apart", async () => {
  // The unbundled modules, as a browser page that imports both entries loads them: api.js over
  // the full wasm and validators-api.js over the validators-only one share dist/issues.js.
  const full = await import(new URL("wasm/customer_update.js", dist));
  full.initSync({ module: readFileSync(new URL("wasm/customer_update_bg.wasm", dist)) });
  const only = await import(new URL("validators/wasm/customer_update.js", dist));
  only.initSync({ module: readFileSync(new URL("validators/wasm/customer_update_bg.wasm", dist)) });
  const A = await import(new URL("api.js", dist));
  const B = await import(new URL("validators-api.js", dist));
  const cases = corpus(400).slice(0, 400);
  for (let round = 0; round < 2; round++) {
    for (const [op, input] of cases) {
      const want = validate(op, input, { messages: {} });
      assert.deepEqual(A.validate(op, input), want, `full wasm: ${op}`);
      assert.deepEqual(B.validate(op, input), want, `validators wasm: ${op}`);
    }
  }
});

test("the browser entries' side strings built from their codes give the decoded issues", async () => {
  // The browser entries set text-write.js's flag, and issues.js then builds a side string of up
  // to 96 ASCII bytes from its codes (a TextDecoder call for longer ones or any other byte). The
  // unbundled api.js with that flag set against the Node entry (which decodes every side string
  // with Buffer's toString: `useNodeBuffer`). Run last: the flag stays set for this module graph.
  const full = await import(new URL("wasm/customer_update.js", dist));
  full.initSync({ module: readFileSync(new URL("wasm/customer_update_bg.wasm", dist)) });
  const { useShortAsciiLoop } = await import(new URL("text-write.js", dist));
  useShortAsciiLoop();
  const A = await import(new URL("api.js", dist));
  // Unknown keys whose side strings are short ASCII, long ASCII (an unknown key is written twice:
  // 66 to 96 bytes and over 96 with the 33-, 45- and 70-byte keys), or not ASCII at the start,
  // the middle or the end; each added to every operation's invalid payload.
  const keys = ["x", "emial", "a".repeat(20), "b".repeat(31), "c".repeat(33), "e".repeat(45), "d".repeat(70), "é", "ké", "key_é", "日本", "€uro", "a".repeat(30) + "ü"];
  const cases = corpus(400);
  for (const [op, p] of Object.entries(bench)) {
    if (!operations().includes(op)) continue;
    for (const k of keys) cases.push([op, { ...p.invalid, [k]: 1 }], [op, { ...p.valid, [k]: "v", [`${k}2`]: 2 }]);
  }
  let unknown = 0;
  for (const [op, input] of cases) {
    const want = validate(op, input);
    assert.deepEqual(A.validate(op, input), want, `${op} ${JSON.stringify(input)?.slice(0, 200)}`);
    const text = JSON.stringify(input);
    if (typeof text === "string") assert.deepEqual(A.checkJson(op, text), want.ok ? { ok: true } : { ok: false, issues: want.issues });
    unknown += want.ok ? 0 : want.issues.filter((i) => i.code === "unknown_field").length;
  }
  assert.ok(unknown > 200, `${unknown} unknown-key issues`);
});

test("side strings and messages kept from the last issue follow their bytes and arguments", async () => {
  // issues.js keeps the last side string built from its codes (the browser entries) and, per
  // template, the last English message with arguments from the input: the same bytes or
  // arguments again give them back. Inputs that differ by one byte of the side string, one
  // argument or its kind, in turn and within one call, against the issues rendered afresh (an
  // empty catalog: neither is kept), in the Node entry and in api.js with the browser flag set
  // (the test above set it: the same module graph).
  const full = await import(new URL("wasm/customer_update.js", dist));
  full.initSync({ module: readFileSync(new URL("wasm/customer_update_bg.wasm", dist)) });
  const A = await import(new URL("api.js", dist));
  const m2p = bench["m2p.updateCustomer"].invalid;
  const cases = [];
  for (const pan of ["abcde1234f", "abcde1234g", "abcde1234f", "bbcde1234f", "abcdé1234f", "abcde1234f", "abcde12345", "abcde1234f"]) cases.push(["m2p.updateCustomer", { ...m2p, pan }]);
  for (const countryCode of [1000, 1001, 1000, 10000, 1000, "1000", 1000]) cases.push(["m2p.updateCustomer", { ...m2p, communication: { mobile: { value: "9876543210", countryCode } } }]);
  const status = bench["bvnk.updateCustomerStatus"].invalid;
  for (const extra of [{ a: 1 }, { b: 1 }, { a: 1, b: 1 }, { b: 1, a: 1 }, { a: 1 }, { ab: 1 }, { a: 1 }]) cases.push(["bvnk.updateCustomerStatus", { ...status, ...extra }]);
  for (let round = 0; round < 2; round++) {
    for (const [op, input] of round === 0 ? cases : cases.slice().reverse()) {
      const fresh = validate(op, input, { messages: {} });
      assert.equal(fresh.ok, false);
      assert.deepEqual(validate(op, input), fresh, `${op} ${JSON.stringify(input)}`);
      assert.deepEqual(A.validate(op, input), fresh, `browser flag: ${op} ${JSON.stringify(input)}`);
      assert.deepEqual(A.checkJson(op, JSON.stringify(input)), fresh, `browser flag, text: ${op}`);
    }
  }
});
