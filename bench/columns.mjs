// Column titles of the tables, keyed by implementation (the keys of impls.mjs IMPLS), in order.
// Object in (first six), then text in: the package's three text calls, the text floor, and the
// JS validators after JSON.parse.
export const COLUMNS = {
  "customer-update": "customer-update validate (object)",
  "floor-object": "floor (object)",
  zod: "zod",
  valibot: "valibot",
  ajv: "ajv",
  handwritten: "handwritten",
  "customer-update-json": "validateJson (text)",
  "customer-update-check": "checkJson (text)",
  "floor-text": "floor (text)",
  "wasm-loop": "check in a wasm loop",
  "zod-text": "JSON.parse + zod",
  "valibot-text": "JSON.parse + valibot",
  "ajv-text": "JSON.parse + ajv",
  "handwritten-text": "JSON.parse + handwritten",
};
