// Rewrites the full wasm's wasm-bindgen glue so that bundlers can leave out what an app never
// runs:
//   node scripts/shake-glue.mjs <dir>/customer_update.js [--client]
// - `--client` (the full wasm): wasm-bindgen writes the `Client` class, then a statement that
//   adds `Symbol.dispose` to its prototype, and its FinalizationRegistry as a `new` call: a
//   statement and a call a bundler must keep, and with them the class. Here the class and that
//   statement become a function call annotated pure (`/* @__PURE__ */`, which esbuild, Rollup and
//   Rolldown read) that returns the class, and the registry's `new` is annotated pure too: same
//   objects, made at import as before, but a bundle that imports `validate` alone leaves them out
//   (-180 B gzip -9 in the Vite build of the default entry).
// (bench/targets.md, "Session 13: the full entry's JS and wasm-opt line".) Each text is checked to
// occur exactly once, and the script fails otherwise (so a wasm-bindgen update that changes the
// glue's layout stops the build instead of breaking it).
import { readFileSync, writeFileSync } from "node:fs";

const [gluePath, ...flags] = process.argv.slice(2);
if (!gluePath || flags.some((f) => f !== "--client")) {
  console.error("usage: node scripts/shake-glue.mjs <glue.js> [--client]");
  process.exit(2);
}
const fail = (why) => {
  console.error(`shake-glue: ${gluePath}: ${why}`);
  process.exit(1);
};

let glue = readFileSync(gluePath, "utf8");
const once = (from, to) => {
  const at = glue.indexOf(from);
  if (at < 0 || glue.indexOf(from, at + 1) >= 0) fail(`expected exactly one ${JSON.stringify(from)}`);
  glue = glue.slice(0, at) + to + glue.slice(at + from.length);
};
if (flags.includes("--client")) {
  const DISPOSE = "if (Symbol.dispose) Client.prototype[Symbol.dispose] = Client.prototype.free;\n";
  // The class body runs from its declaration to the dispose statement: nothing else in between.
  const start = glue.indexOf("export class Client {\n");
  const end = glue.indexOf(DISPOSE);
  if (start < 0 || end < start || !/\n}\n$/.test(glue.slice(start, end))) fail("no `export class Client` directly followed by its Symbol.dispose statement");
  once("export class Client {\n", "export const Client = /* @__PURE__ */ (() => {\nclass Client {\n");
  once(DISPOSE, `${DISPOSE}return Client;\n})();\n`);
  once("    : new FinalizationRegistry(ptr => wasm.__wbg_client_free(ptr, 1));", "    : /* @__PURE__ */ new FinalizationRegistry(ptr => wasm.__wbg_client_free(ptr, 1));");
}
writeFileSync(gluePath, glue);
console.log("shake-glue: the Client class and its registry made droppable");
