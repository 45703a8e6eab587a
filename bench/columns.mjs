// Column titles of the tables, keyed by implementation (the keys of impls.mjs IMPLS), in order.
export const COLUMNS = {
  "customer-update": "customer-update (object input)",
  "customer-update-json": "customer-update (JSON string)",
  zod: "zod",
  valibot: "valibot",
  ajv: "ajv",
  handwritten: "handwritten",
};
