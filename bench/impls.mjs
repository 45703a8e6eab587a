// The five implementations under comparison, each as validate(op, input) → { ok, issues? }.
// `package` is the published package (whichever entry the runtime's export conditions pick).
import { validate as packageValidate, validateJson, checkJson } from "customer-update";
// The package's own wasm glue, for the floor columns: the instance the browser entry initialised;
// in Node an instance of its own (the node entry holds its glue inside its bundle), the same crossing.
import * as glue from "./out/pkg/dist/wasm/customer_update.js";
import { OPERATIONS } from "./out/pkg/dist/messages.js";
import * as zod from "./validators/zod.mjs";
import * as valibot from "./validators/valibot.mjs";
import * as ajv from "./validators/ajv.mjs";
import * as handwritten from "./validators/handwritten.mjs";

// The JSON-string path: the caller already holds JSON text (a request body, a stored draft).
// The text is made once per payload, outside the timed loop.
const texts = new WeakMap();
function packageValidateJson(op, input) {
  if (input === null || typeof input !== "object") return validateJson(op, JSON.stringify(input) ?? "");
  let text = texts.get(input);
  if (text === undefined) {
    text = JSON.stringify(input);
    texts.set(input, text);
  }
  return validateJson(op, text);
}

function textOf(input) {
  if (input === null || typeof input !== "object") return JSON.stringify(input) ?? "";
  let text = texts.get(input);
  if (text === undefined) {
    text = JSON.stringify(input);
    texts.set(input, text);
  }
  return text;
}

function packageCheckJson(op, input) {
  return checkJson(op, textOf(input));
}

// The floors: the same crossing with a trivial callee (`__floor` returns at once). Text in:
// encodeInto + one call. Object in: JSON.stringify + encodeInto + one call + JSON.parse (what
// `validate` must do at least to hand back `value`).
try {
  glue.__floor(0, 0, 0);
} catch {
  glue.initSync({ module: process.getBuiltinModule("fs").readFileSync(new URL("./out/pkg/dist/wasm/customer_update_bg.wasm", import.meta.url)) });
}
const encoder = new TextEncoder();
let scratch = new Uint8Array(4096);
const OK = { ok: true };
function floorCall(text) {
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return glue.__floor(0, encoder.encodeInto(text, scratch).written, 0);
}
function floorText(op, input) {
  floorCall(textOf(input));
  return OK;
}
// The validator's own cost in wasm, next to the native column: the text written into the input
// buffer once per call, then `checkInput` on it REPEAT times (`weight` tells the harness each
// call counts REPEAT times), so encodeInto is shared and what remains per validation is the check
// and a bare call into wasm. On the wasm `checkJson` runs on: in Node the validators-only glue
// over the file the Node entry validates on (the opt-level 3 build when the package has one),
// in the page the browser entry's instance (the glue above).
const REPEAT = 16;
const TODAY = Math.floor(Date.now() / 86_400_000);
let checkGlue = glue;
if (typeof process !== "undefined" && process.versions?.node) {
  const fs = process.getBuiltinModule("fs");
  const dir = new URL("./out/pkg/dist/validators/wasm/", import.meta.url);
  const speed = new URL("customer_update_speed_bg.wasm", dir);
  checkGlue = await import(new URL("customer_update.js", dir).href);
  checkGlue.initSync({ module: fs.readFileSync(fs.existsSync(speed) ? speed : new URL("customer_update_bg.wasm", dir)) });
}
let checkView = null;
let checkAt = 0;
let checkSize = 0;
function checkAlone(op, input) {
  const text = textOf(input);
  if (text.length * 3 > checkSize) {
    checkSize = Math.max(text.length * 3, 4096);
    checkAt = checkGlue.inputBuffer(checkSize);
    checkView = null;
  }
  if (checkView === null || checkView.length === 0) checkView = new Uint8Array(checkGlue.initSync().memory.buffer, checkAt, checkSize);
  const len = encoder.encodeInto(text, checkView).written;
  const i = OPERATIONS.indexOf(op);
  let valid = 0;
  // Today's date as api.js passes it (Unix days); bit 4 of the answer only says the verdict read it.
  for (let k = 0; k < REPEAT; k++) valid += (checkGlue.checkInput(i, len, TODAY) & ~4) === 0 ? 1 : 0;
  return valid === REPEAT ? OK : NOT_OK;
}
checkAlone.weight = REPEAT;
const NOT_OK = { ok: false };
function floorObject(op, input) {
  const text = JSON.stringify(input);
  floorCall(text);
  return { ok: true, value: JSON.parse(text) };
}

// A JS validator given JSON text pays JSON.parse first.
const fromText = (validate) => (op, input) => validate(op, JSON.parse(textOf(input)));

export const IMPLS = {
  "customer-update": packageValidate,
  "floor-object": floorObject,
  zod: zod.validate,
  valibot: valibot.validate,
  ajv: ajv.validate,
  handwritten: handwritten.validate,
  "customer-update-json": packageValidateJson,
  "customer-update-check": packageCheckJson,
  "floor-text": floorText,
  "check-alone": checkAlone,
  "zod-text": fromText(zod.validate),
  "valibot-text": fromText(valibot.validate),
  "ajv-text": fromText(ajv.validate),
  "handwritten-text": fromText(handwritten.validate),
};

// Columns that only time a crossing: no verdict of their own.
export const FLOORS = new Set(["floor-object", "floor-text"]);
// Columns without issues of their own (left out of the agreement check): the floors, and the
// check alone (a verdict, checked like every other column's during the run).
export const NO_ISSUES = new Set([...FLOORS, "check-alone"]);
