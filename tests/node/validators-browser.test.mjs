// The browser validators entry (validators-browser.js, a form's download) reads its own copies of the
// validation API and of issues.js (scripts/build-pkg.sh): without their code for throughput only
// (SPEED false in both: caches, Node's Buffer decoding, records naming pieces of the kept text),
// and no short-ASCII writer. They must give exactly the issues of the copies the Deno and workerd
// validators entries read (validators-api.js, SPEED true), over the same "z" wasm: plain, with a
// per-call and a global catalog, in form mode, twice each (the second round is where a cache
// would answer).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { corpus } from "./corpus.mjs";

const dist = new URL("../../pkg/dist/", import.meta.url);


test("the browser validators entry's copies: SPEED false, no short-ASCII writer, imported by the entry", () => {
  const read = (f) => readFileSync(new URL(f, dist), "utf8");
  assert.match(read("validators-browser.js"), /^export \{ [^}]*\bvalidate\b[^}]* \} from "\.\/validators-browser-api\.js";$/m);
  assert.doesNotMatch(read("validators-browser.js"), /useShortAsciiLoop/);
  // SPEED and shortAsciiLoop false, from a module of their own (constants esbuild and Rolldown inline).
  const speedImport = /^import \{ (SPEED|shortAsciiLoop) \} from "\.\/validators-browser-speed\.js";$/m;
  assert.match(read("validators-browser-speed.js"), /^export const SPEED = false;$/m);
  assert.match(read("validators-browser-speed.js"), /^export const shortAsciiLoop = false;$/m);
  assert.match(read("validators-browser-issues.js"), speedImport);
  assert.match(read("issues.js"), /^const SPEED = true;$/m);
  assert.match(read("validators-browser-api.js"), speedImport);
  assert.match(read("validators-api.js"), /^const SPEED = true;$/m);
  assert.doesNotMatch(read("validators-browser-api.js"), /"\.\/issues\.js"/);
  // Apart from those lines (and the API's blocks marked SPEED-ONLY, code for throughput only that
  // esbuild would keep behind an imported SPEED), the copies are the files they are made from.
  const strip = (text) =>
    text
      .split("\n")
      .filter((l) => !/^const SPEED = /.test(l) && !speedImport.test(l) && l !== 'import { shortAsciiLoop } from "./text-write.js";')
      .join("\n");
  const speedOnly = /^ *\/\* SPEED-ONLY \{[^]*?^ *\/\* \} SPEED-ONLY \*\/\n/gm;
  assert.equal(read("validators-api.js").match(speedOnly)?.length, 3);
  assert.doesNotMatch(read("validators-browser-api.js"), /SPEED-ONLY/);
  assert.equal(strip(read("validators-browser-issues.js")), strip(read("issues.js")));
  assert.equal(strip(read("validators-browser-api.js").replaceAll('"./validators-browser-issues.js"', '"./issues.js"')), strip(read("validators-api.js").replace(speedOnly, "")));
});

test("the browser validators entry's copies give the issues of validators-api.js (every case, twice)", async () => {
  const glue = await import(new URL("validators/wasm/customer_update.js", dist).href);
  glue.initSync({ module: readFileSync(new URL("validators/wasm/customer_update_bg.wasm", dist)) });
  const A = await import(new URL("validators-api.js", dist).href);
  const B = await import(new URL("validators-browser-api.js", dist).href);
  const cases = corpus(300);
  assert.ok(cases.length > 300, `corpus of ${cases.length}`);
  const fr = { required: "{label} : obligatoire.", invalid_type: (i) => `${i.label ?? "?"} (${i.template}, ${JSON.stringify(i.params)})`, words: { or: "ou" } };
  const options = [undefined, { messages: fr }, { form: true }, { form: true, messages: fr }];
  let refused = 0;
  for (const global of [null, fr]) {
    A.setMessages(global);
    B.setMessages(global);
    for (let round = 0; round < 2; round++) {
      for (const [op, input] of cases) {
        for (const o of options) {
          const want = A.validate(op, input, o);
          assert.deepEqual(B.validate(op, input, o), want, `${op} ${JSON.stringify(o)} ${JSON.stringify(input)?.slice(0, 200)}`);
          if (!want.ok) refused++;
        }
        const text = JSON.stringify(input);
        if (typeof text === "string") assert.deepEqual(B.validateJson(op, text), A.validateJson(op, text), op);
      }
    }
  }
  A.setMessages(null);
  B.setMessages(null);
  assert.ok(refused > cases.length, `${refused} refused`);
});
