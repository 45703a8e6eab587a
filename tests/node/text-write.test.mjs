// The browser entries write short ASCII JSON texts into wasm memory with a loop instead of
// TextEncoder.encodeInto (pkg/src/text-write.js; bench/targets.md, "Session 8"). Here the same
// switch is turned on for `customer-update/slim` (api.js over the full wasm, the module the
// browser entry re-exports), and every answer must be the one encodeInto gives: ASCII texts at and
// around the loop's limit, non-ASCII characters early and late in a short text (the loop hands the
// whole text to encodeInto), a lone surrogate, and a text after a longer one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const slim = await import("customer-update/slim");
const dist = new URL("./", import.meta.resolve("customer-update/slim"));
slim.initSync({ module: readFileSync(fileURLToPath(new URL("wasm/customer_update_bg.wasm", dist))) });
const writer = await import(new URL("text-write.js", dist).href);

const op = "gathr.updateCustomer";
const id = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
const body = (name) => JSON.stringify({ customer_id: id, first_name: name });
const texts = [];
// ASCII names so the text is 100..140 characters long (the loop takes up to 128).
for (let n = 100 - body("").length; body("x".repeat(n)).length <= 140; n++) texts.push(body("x".repeat(n)));
// Refused for an unknown key whose name the issue quotes (so every byte the wasm read shows), with
// every printable ASCII character in it, at lengths around the limit too.
const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
const keyed = (key) => JSON.stringify({ customer_id: id, [key]: 1 });
for (let n = 1; n <= 95; n += 7) texts.push(keyed(printable.slice(0, n)), keyed(printable.slice(-n)));
for (const name of ["Chloé", "Émile", "Zoë x", "名前", "😀", "Ana\u00a0Maria", "x".repeat(40) + "é", "bad\ud800"]) texts.push(body(name));
texts.push(JSON.stringify({ customer_id: id, first_name: "Chris", unknown: "é" }));
texts.push('{"customer_id":"' + id + '","first_name":"A\\u00e9"}'); // an escape, ASCII on the wire
texts.push('{"customer_id":"' + id + '","first_name":"bad\ud800"}'); // a raw lone surrogate
texts.push("{\"customer_id\":1}", "{", "", "[]", "null", "\"é\"");
// A long text between two short ones (the buffer's contents beyond a short text are stale).
const long = body("L".repeat(300));

function answers() {
  const out = [];
  for (const t of [...texts, long, ...texts]) {
    let value;
    try {
      value = JSON.parse(t);
    } catch {
      value = undefined;
    }
    out.push(slim.checkJson(op, t), slim.validateJson(op, t), value === undefined ? null : slim.validate(op, value));
  }
  return out;
}

test("short ASCII texts written with the loop give encodeInto's answers", () => {
  assert.ok(texts.some((t) => t.length === 128) && texts.some((t) => t.length === 129), "texts at the limit");
  assert.equal(writer.shortAsciiLoop, false, "off unless a browser entry turns it on");
  const before = answers();
  writer.useShortAsciiLoop();
  assert.equal(writer.shortAsciiLoop, true);
  const after = answers();
  assert.deepEqual(after, before);
  // Both paths saw valid and refused inputs, and a non-ASCII name that is valid.
  assert.ok(after.some((r) => r.ok) && after.some((r) => !r.ok));
  const quoted = slim.checkJson(op, keyed(printable.slice(0, 60)));
  assert.ok(quoted.issues.some((i) => i.code === "unknown_field" && i.message.includes(printable.slice(0, 60))), JSON.stringify(quoted));
  assert.equal(slim.checkJson(op, body("Chloé")).ok, true);
  assert.equal(slim.validateJson(op, body("Chloé")).value.first_name, "Chloé");
});
