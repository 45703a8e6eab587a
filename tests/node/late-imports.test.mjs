// The full glue binds the import shims only requests, the contact and the client run when one of
// those first runs (scripts/shake-glue.mjs `--client`; bench/targets.md, "Session 18: the full
// entry's JS"): before that, the wasm's other imports answer with forwarders to an object not yet
// made, so a late shim that validation called would throw a TypeError. This file runs in its own
// process: validation on a fresh instance first (every input of the test corpus, valid and not, the
// form mode, with and without today's date read, before any request, client or contact call), then
// the request side binds the rest, then validation again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as slim from "customer-update/slim";
import { corpus } from "./corpus.mjs";
import { examples } from "./cases.mjs";

const glueText = readFileSync(new URL("../../pkg/dist/wasm/customer_update.js", import.meta.url), "utf8");
const inputs = corpus(400);

function validateAll() {
  let invalid = 0;
  for (const [op, input] of inputs) {
    const r = slim.validate(op, input);
    if (!r.ok) {
      invalid++;
      assert.ok(r.issues.length > 0, op);
    }
    slim.validateJson(op, JSON.stringify(input));
  }
  for (const op of Object.keys(examples)) {
    assert.equal(slim.validate(op, examples[op]).ok, true, op);
    slim.validate(op, examples[op], { form: true });
  }
  return invalid;
}

test("the glue binds its late import shims in bindLate(), called by the exports but validation's", () => {
  assert.match(glueText, /const import0 = new Proxy\(\{/);
  assert.match(glueText, /\nfunction bindLate\(\) \{\n    late \?\?= \{\n/);
  for (const name of ["checkInput", "inputBuffer", "lastIssues", "operations"]) {
    assert.doesNotMatch(glueText, new RegExp(`export function ${name}\\([^)]*\\) \\{\\n    bindLate\\(\\);`), name);
  }
  for (const name of ["buildRequest", "contact", "contactPath", "diff", "matchRequest", "providers"]) {
    assert.match(glueText, new RegExp(`export function ${name}\\([^)]*\\) \\{\\n    bindLate\\(\\);`), name);
  }
  assert.match(glueText, /\n    constructor\(provider, config\) \{\n        bindLate\(\);\n/);
});

test("validation runs on a fresh instance without the late import shims; the request side then binds them", async () => {
  slim.initSync({ module: readFileSync(new URL("../../pkg/dist/wasm/customer_update_bg.wasm", import.meta.url)) });
  const invalid = validateAll();
  assert.ok(invalid > 100, `${invalid} invalid inputs`);
  // The request side, the contact and the client, after validation: each binds (once).
  const built = slim.buildRequest("juspay.updateCustomer", examples["juspay.updateCustomer"], { baseUrl: "https://sandbox.example.com", auth: { apiKey: "k", merchantId: "m" } });
  assert.equal(typeof built.ok, "boolean");
  assert.ok(Array.isArray(slim.providers()));
  assert.equal(validateAll(), invalid);
});
