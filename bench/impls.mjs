// The five implementations under comparison, each as validate(op, input) → { ok, issues? }.
// `package` is the published package (whichever entry the runtime's export conditions pick).
import { validate as packageValidate, validateJson } from "customer-update";
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

export const IMPLS = {
  "customer-update": packageValidate,
  "customer-update-json": packageValidateJson,
  zod: zod.validate,
  valibot: valibot.validate,
  ajv: ajv.validate,
  handwritten: handwritten.validate,
};
