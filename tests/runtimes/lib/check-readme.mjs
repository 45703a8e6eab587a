// Keeps README.md's "Quick start per runtime" honest: every ```js snippet's first comment names a
// file under tests/runtimes/, and every code line of the snippet (comment-only lines skipped, a
// trailing ` // comment` ignored, indentation ignored) appears in that file, in the same order.
//   node check-readme.mjs README.md
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const readme = resolve(process.argv[2]);
const root = dirname(readme);
const text = readFileSync(readme, "utf8");

const start = text.indexOf("\n### Quick start per runtime\n");
assert.ok(start >= 0, 'README.md has no "### Quick start per runtime" section');
const rest = text.slice(start + 1);
const end = rest.slice(4).search(/\n##+ /);
const section = end < 0 ? rest : rest.slice(0, end + 4);

const code = (line) => line.replace(/\s+\/\/ .*$/, "").trim();
const isCode = (line) => line.trim() !== "" && !line.trim().startsWith("//");

const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1].split("\n"));
assert.ok(blocks.length >= 5, `expected at least 5 snippets, found ${blocks.length}`);
const seen = [];
for (const lines of blocks) {
  const source = /tests\/runtimes\/[\w./-]+\.m?js/.exec(lines[0])?.[0];
  assert.ok(source, `snippet does not name its source file in its first line: ${lines[0]}`);
  assert.ok(existsSync(resolve(root, source)), `${source} does not exist`);
  const file = readFileSync(resolve(root, source), "utf8").split("\n").filter(isCode).map(code);
  let at = 0;
  for (const line of lines.filter(isCode).map(code)) {
    const found = file.indexOf(line, at);
    assert.ok(found >= 0, `${source}: this snippet line is not in the file (after line ${at} of its code):\n  ${line}`);
    at = found + 1;
  }
  seen.push(source);
  console.log(`  ok - README snippet matches ${source} (${lines.filter(isCode).length} code lines)`);
}
for (const want of ["node/main.mjs", "deno/main.mjs", "workerd/worker.mjs", "browser/app.mjs", "browser/worker.mjs"]) {
  assert.ok(seen.includes(`tests/runtimes/${want}`), `no README snippet from tests/runtimes/${want}`);
}

// The "Edge handler" section: its snippets that name a file under tests/runtimes/ (the first one is
// an outline and names none) are excerpts of the files tests/runtimes/edge.sh runs.
const edgeStart = text.indexOf("\n## Edge handler (`customer-update/edge`)\n");
assert.ok(edgeStart >= 0, 'README.md has no "## Edge handler (`customer-update/edge`)" section');
const edgeRest = text.slice(edgeStart + 1);
const edgeEnd = edgeRest.slice(4).search(/\n## /);
const edgeSection = edgeEnd < 0 ? edgeRest : edgeRest.slice(0, edgeEnd + 4);
const edgeSeen = [];
for (const lines of [...edgeSection.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1].split("\n"))) {
  const source = /^\/\/ (tests\/runtimes\/[\w./-]+\.m?js)/.exec(lines[0])?.[1];
  if (!source) continue;
  const file = readFileSync(resolve(root, source), "utf8").split("\n").filter(isCode).map(code);
  let at = 0;
  for (const line of lines.filter(isCode).map(code)) {
    const found = file.indexOf(line, at);
    assert.ok(found >= 0, `${source}: this snippet line is not in the file (after line ${at} of its code):\n  ${line}`);
    at = found + 1;
  }
  edgeSeen.push(source);
  console.log(`  ok - README edge snippet matches ${source} (${lines.filter(isCode).length} code lines)`);
}
for (const want of ["edge/worker.mjs", "edge/deno.mjs"]) {
  assert.ok(edgeSeen.includes(`tests/runtimes/${want}`), `no README edge snippet from tests/runtimes/${want}`);
}
