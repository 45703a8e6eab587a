// The Node entry's issues.js and forms.js (scripts/build-pkg.sh points the Node bundle's copy of
// the validation API at this module): the module a Node app imports holds what a first valid
// `validate` runs, and the issue renderer with the catalog checks (dist/node-issues.cjs) and form
// mode (dist/node-forms.cjs; together about 22 KB of the bundle, and the form table's data built
// at import) are read and run on first use: a refused input, a call with a `messages` catalog or
// `setMessages` for the first, form mode or `fromFormData` for the second. Every call of those
// modules comes through here, so their state (the catalog `setMessages` set, the caches) lives in
// the one instance this module makes. Node's loader pays for every byte it parses at import
// (bench/targets.md, "Session 10: cold start"). The exported English catalog and template list
// (named exports of frozen objects, so built at import) come from dist/node-catalog.js, issues.js's
// `en` and `templates` written out as object literals by scripts/node-catalog.mjs at build time:
// ~0.1 ms less at import than issues.js's loops over the template rows ("Second pass").
// Not an entry point of the package (the build removes this source and node-catalog.js from dist).
export { en, templates } from "./node-catalog.js";
export { NOT_SENT } from "./messages.js";

// A part is a CommonJS module (esbuild's output, importing nothing) run as a function of its own,
// not `require`d: a process's first `require` from an ES module costs ~2 ms more (Node's CommonJS
// loader starting up) than reading and compiling the part here, and each Node bundle (node.js and
// the .cjs builds, which read the same files) gets its own instance, as when each bundled a copy.
// `new Function` compiles it; where code generation from strings is disallowed (Node's
// `--disallow-code-generation-from-strings`), `vm.compileFunction`, as Node's loader does.
function instance(file) {
  const path = import.meta.dirname + "/" + file;
  const source = process.getBuiltinModule("fs").readFileSync(path, "utf8");
  let run;
  try {
    run = new Function("module", "exports", `${source}\n//# sourceURL=${path}`);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    run = process.getBuiltinModule("vm").compileFunction(source, ["module", "exports"], { filename: path });
  }
  const module = { exports: {} };
  run(module, module.exports);
  return module.exports;
}

let issues = null;
let forms = null;
// Its side strings of issue records decoded with Buffer (issues.js's `useNodeBuffer`), and the
// object walk handed out once asked for (below).
function issuesInstance() {
  const part = instance("node-issues.cjs");
  part.useNodeBuffer(Buffer);
  if (walk) {
    part.useObjectWriter();
    objectWriter = part.objectWriter;
  }
  return part;
}
const issuesPart = () => (issues ??= issuesInstance());

// text-write.js's object walk, which api.js takes for the inputs after a refusal (`objectWriter`,
// null until then: api.js's other path writes those inputs meanwhile, with the same text) and
// node.js asks for (`useObjectWriter`): it is in the issues part, not in the module Node parses
// at import (2.7 KB of node.js, bench/targets.md "Session 19: cold start (Node)"). A refusal
// reads the part (its issues are rendered there), so the walk is there for the next input, as
// when node.js set it at import; the part's own instance of text-write.js keeps the walk's state.
export let objectWriter = null;
let walk = false;
export function useObjectWriter() {
  walk = true;
  if (issues !== null) {
    issues.useObjectWriter();
    objectWriter = issues.objectWriter;
  }
}
const formsPart = () => (forms ??= instance("node-forms.cjs"));

export function setMessages(catalog) {
  issuesPart().setMessages(catalog);
}
export function callCatalog(catalog, where) {
  return catalog === undefined ? undefined : issuesPart().callCatalog(catalog, where);
}
export function withRequestTemplates() {
  issuesPart().withRequestTemplates(); // (the Node bundle's copy of api.js does not call it)
}
export function countMessage(counts, n) {
  return issuesPart().countMessage(counts, n);
}
export function issueOf(id, path, args, call) {
  return issuesPart().issueOf(id, path, args, call);
}
export function issuesFrom(words, start, side, call, input) {
  return issuesPart().issuesFrom(words, start, side, call, input);
}
export function issuesInView(words, ptr, call, input) {
  return issuesPart().issuesInView(words, ptr, call, input);
}
export function rootIssue(code, message, call) {
  return issuesPart().rootIssue(code, message, call);
}
export function validateForm(op, input, validate) {
  return formsPart().validateForm(op, input, validate);
}
export function fromEntries(op, data) {
  return formsPart().fromEntries(op, data);
}
export function formInput(value) {
  return formsPart().formInput(value);
}
