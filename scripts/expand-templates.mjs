// Writes messages.js with its template tables expanded, for the Node bundles:
//   node scripts/expand-templates.mjs <dist>/messages.js
// The generated messages.js writes most templates as [id, English] and derives their code and
// params at import (`expand`): 0.2 KB gzip -9 less in a form app's bundle, but ~0.2 ms more of a
// Node cold start, where the Node entries build `messageTemplates` at import anyway. So the Node
// bundles (build-pkg.sh) are made from this copy, whose tables are the expanded rows written out
// (the same values: checked here), and the file is put back after them (bench/targets.md,
// "Session 10: the validators entry's JS").
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [path] = process.argv.slice(2);
if (!path) {
  console.error("usage: node scripts/expand-templates.mjs <messages.js>");
  process.exit(2);
}
const text = readFileSync(path, "utf8");
const calls = [...text.matchAll(/^export const (\w+) = \/\* @__PURE__ \*\/ expand\(\[\n[\s\S]*?\n\]\);$/gm)];
if (calls.length !== 2 || !/^const expand = \(rows\) =>$/m.test(text)) {
  console.error(`expand-templates: ${path}: not the two expand([...]) tables and the expand function expected`);
  process.exit(1);
}
const m = await import(`${pathToFileURL(path).href}?expand`);
let out = text;
for (const [whole, name] of calls) {
  const rows = m[name];
  out = out.replace(whole, `export const ${name} = [\n${rows.map((r) => `  ${JSON.stringify(r)},`).join("\n")}\n];`);
}
out = out.replace(/^\/\/ Rows \[id, English\][\s\S]*?^const expand = \(rows\) =>\n.*\n\n/m, "");
if (/expand/.test(out.replace(/^\/\/.*$/gm, ""))) {
  console.error(`expand-templates: ${path}: expand is still used`);
  process.exit(1);
}
writeFileSync(path, out);
// The same values either way.
const back = await import(`${pathToFileURL(path).href}?expanded`);
for (const [, name] of calls) {
  if (JSON.stringify(back[name]) !== JSON.stringify(m[name])) {
    console.error(`expand-templates: ${path}: ${name} differs once written out`);
    process.exit(1);
  }
}
