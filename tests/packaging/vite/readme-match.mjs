// Keeps the package README's form examples honest: every code line of its ```jsx blocks under
// "### React Hook Form" and "### TanStack Form" (imports, blank and comment lines aside; indentation
// ignored) appears in the app this matrix builds and drives (src/rhf.jsx, src/tanstack.jsx).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const readme = readFileSync("node_modules/customer-update/README.md", "utf8");
const norm = (l) => l.trim();
const skip = (l) => l === "" || l.startsWith("//") || l.startsWith("import ") || l.startsWith("{/*");
// Lines the test app writes differently on purpose: ids and data-field attributes for the driver.
const loose = (l) => l.replace(/ (id|name|data-field)=("[^"]*"|\{[^}]*\})/g, "").replace(/ type="[a-z]+"/g, "");
for (const [heading, file] of [["### React Hook Form", "src/rhf.jsx"], ["### TanStack Form", "src/tanstack.jsx"]]) {
  const at = readme.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `the README has no ${heading}`);
  const section = readme.slice(at + 1, readme.indexOf("\n### ", at + 2));
  const block = /```jsx\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, `${heading}: no jsx example`);
  const app = readFileSync(file, "utf8").split("\n").map(norm).map(loose);
  let n = 0;
  for (const line of block.split("\n").map(norm).filter((l) => !skip(l))) {
    assert.ok(app.includes(loose(line)), `${heading}: this README line is not in ${file}:\n  ${line}`);
    n++;
  }
  console.log(`  ok - README "${heading.slice(4)}" example: its ${n} code lines are in the app driven below (${file})`);
}
