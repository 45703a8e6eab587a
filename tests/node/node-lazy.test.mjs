// The Node entries' parts read on first use (pkg/src/node-lazy.js): the issue renderer and its
// catalogs (dist/node-issues.cjs) and form mode (dist/node-forms.cjs) are not in the module Node
// parses at import (cold start, bench/targets.md "Session 10: cold start"). Each test runs fresh
// processes: what is loaded, and when, is per process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { examples, several } from "./cases.mjs";

const dist = fileURLToPath(new URL("./", import.meta.resolve("customer-update")));
const op = "accessbank.updateCustomerDetails";
const valid = examples[op];
const invalid = several[op].input;

/** Runs `code` (an ES module body, or CommonJS with `cjs`) in a fresh node; its stdout as JSON. */
function run(code, { cjs = false, flags = [] } = {}) {
  const r = spawnSync(process.execPath, [...flags, cjs ? "--input-type=commonjs" : "--input-type=module", "-e", code], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test("node entries: a first valid validate reads neither part; a refusal or form mode needs its part", () => {
  // A copy of the package without the two parts: importing each Node entry and validating valid
  // input works, and only what needs a part (a refusal, form mode) fails for want of its file.
  const tmp = mkdtempSync(join(tmpdir(), "cu-lazy-"));
  try {
    cpSync(join(dist, ".."), tmp, { recursive: true });
    rmSync(join(tmp, "dist/node-issues.cjs"));
    rmSync(join(tmp, "dist/node-forms.cjs"));
    for (const entry of ["node.js", "validators-node.js", "node.cjs", "validators-node.cjs"]) {
      const file = join(tmp, "dist", entry);
      const cjs = entry.endsWith(".cjs");
      const load = cjs ? `require(${JSON.stringify(file)})` : `await import(${JSON.stringify(pathToFileURL(file).href)})`;
      const body = `const m = ${load};
const out = [m.validate(${JSON.stringify(op)}, ${JSON.stringify(valid)}).ok, m.checkJson(${JSON.stringify(op)}, ${JSON.stringify(JSON.stringify(valid))}).ok];
for (const f of [() => m.validate(${JSON.stringify(op)}, ${JSON.stringify(invalid)}), () => m.validate(${JSON.stringify(op)}, {}, { form: true })]) {
  try { f(); out.push("no error"); } catch (e) { out.push(e.code + " " + e.path.split(/[\\\\/]/).pop()); }
}
process.stdout.write(JSON.stringify(out));`;
      const got = run(cjs ? `(async () => { ${body} })()` : body, { cjs });
      assert.deepEqual(got, [true, true, "ENOENT node-issues.cjs", "ENOENT node-forms.cjs"], entry);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("node entries: the ES module and the CommonJS build in one process keep their own catalogs", () => {
  // Both read the same part files; each runs its own instance, as when each bundled its own copy
  // of the renderer: `setMessages` on one does not reach the other's validation.
  const code = `const esm = await import("customer-update");
const cjs = (await import("node:module")).createRequire(${JSON.stringify(join(dist, "node.cjs"))})(${JSON.stringify(join(dist, "node.cjs"))});
const message = (m) => m.validate(${JSON.stringify(op)}, {}).issues.find((i) => i.code === "required").message;
const out = [message(esm), message(cjs)];
esm.setMessages({ required: "ESM {label}" });
out.push(message(esm), message(cjs));
cjs.setMessages({ required: "CJS {label}" });
out.push(message(esm), message(cjs));
esm.setMessages(null);
out.push(message(esm), message(cjs));
process.stdout.write(JSON.stringify(out));`;
  const [en1, en2, esm1, cjs1, esm2, cjs2, en3, cjs3] = run(code);
  assert.equal(en1, en2);
  assert.match(en1, /is required\.$/);
  assert.match(esm1, /^ESM /);
  assert.equal(cjs1, en1);
  assert.match(esm2, /^ESM /);
  assert.match(cjs2, /^CJS /);
  assert.equal(en3, en1);
  assert.equal(cjs3, cjs2);
});

test("node entries: without code generation from strings, the parts load the other way, same answers", () => {
  // node-lazy.js compiles a part with `new Function`; under --disallow-code-generation-from-strings
  // it falls back to vm.compileFunction. Refusals, catalogs (per call and set) and form mode give
  // the same results either way, through the ES module and the CommonJS build.
  const body = (load) => `const m = ${load};
const out = [];
out.push(m.validate(${JSON.stringify(op)}, ${JSON.stringify(invalid)}));
out.push(m.validate(${JSON.stringify(op)}, { accountNo: "" }, { form: true }));
out.push(m.fromFormData(${JSON.stringify(op)}, [["accountNo", "12"]]));
out.push(m.checkJson(${JSON.stringify(op)}, "{}", { messages: { required: "call {label}" } }));
m.setMessages({ required: "set {label}" });
out.push(m.validate(${JSON.stringify(op)}, {}));
process.stdout.write(JSON.stringify(out));`;
  const esm = body(`await import("customer-update")`);
  const cjs = `(async () => { ${body(`require(${JSON.stringify(join(dist, "node.cjs"))})`)} })()`;
  const plain = run(esm);
  assert.equal(plain.length, 5);
  assert.equal(plain[0].ok, false);
  assert.ok(plain[0].issues.length >= 3);
  assert.ok(plain[1].issues.length > 0 && plain[2].ok === false);
  assert.match(plain[3].issues.find((i) => i.code === "required").message, /^call /);
  assert.match(plain[4].issues.find((i) => i.code === "required").message, /^set /);
  const flags = ["--disallow-code-generation-from-strings"];
  assert.deepEqual(run(esm, { flags }), plain);
  assert.deepEqual(run(cjs, { cjs: true }), plain);
  assert.deepEqual(run(cjs, { cjs: true, flags }), plain);
});

test("node entries: the English catalog is in the default entry's module only", () => {
  // dist/node-catalog.js (messagesEn, messageTemplates written out at build time) is bundled into
  // node.js; the validators entry exports neither, and its module holds none of the template texts
  // (they are the issues part's): the catalog's statements are annotated pure so a bundle that does
  // not import it drops it (written with top-level freezes, it was kept: 14.4 -> 27.6 KB).
  const text = "Nothing to send to {provider}: give at least one of {fields}.";
  const holds = (entry) => readFileSync(join(dist, entry), "utf8").includes(JSON.stringify(text));
  assert.deepEqual(
    ["node.js", "node.cjs", "validators-node.js", "validators-node.cjs"].map((entry) => [entry, holds(entry)]),
    [["node.js", true], ["node.cjs", true], ["validators-node.js", false], ["validators-node.cjs", false]],
  );
  assert.ok(readFileSync(join(dist, "node-issues.cjs"), "utf8").includes(text));
  const got = run(`const m = await import("customer-update");
process.stdout.write(JSON.stringify([m.messagesEn["at_least_one_required.contact"], Object.isFrozen(m.messagesEn), Object.isFrozen(m.messageTemplates.at(-1).params)]));`);
  assert.deepEqual(got, [text, true, true]);
});

test("node entries: after a refusal, an object is written by the walk, which comes with the issues part", () => {
  // text-write.js's walk (`useObjectWriter`; api.js takes it for the inputs after a refusal) is
  // not in the module Node parses at import: it comes with the issues part, which a refusal reads
  // (bench/targets.md, "Session 19: cold start (Node)"). The walk reads each member once; the
  // path it leaves an input to (JSON.stringify, then the odd-value probe) twice: a getter counts.
  // Before any refusal no entry has read the part; after one each has the walk, the ES modules
  // and the CommonJS builds alike.
  const S = "m2p.updateCustomerStatus";
  for (const entry of ["node.js", "validators-node.js", "node.cjs", "validators-node.cjs"]) {
    const file = join(dist, entry);
    const cjs = entry.endsWith(".cjs");
    const load = cjs ? `require(${JSON.stringify(file)})` : `await import(${JSON.stringify(pathToFileURL(file).href)})`;
    const body = `const m = ${load};
const reads = (valid) => {
  let n = 0;
  const input = { entityId: valid ? "E1" : "", status: "CREDIT_FREEZE", get currentStatus() { n++; return "ACTIVE"; } };
  const r = m.validate(${JSON.stringify(S)}, input);
  if (r.ok !== valid) throw new Error("unexpected verdict");
  return n;
};
const out = [m.validate(${JSON.stringify(op)}, ${JSON.stringify(valid)}).ok];
out.push(m.validate(${JSON.stringify(op)}, ${JSON.stringify(invalid)}).ok, reads(false), reads(true), reads(false));
process.stdout.write(JSON.stringify(out));`;
    const got = run(cjs ? `(async () => { ${body} })()` : body, { cjs });
    assert.deepEqual(got, [true, false, 1, 1, 1], entry);
  }
});
