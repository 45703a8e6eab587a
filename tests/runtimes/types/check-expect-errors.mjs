// Proves each `// @ts-expect-error TSnnnn: …` in FILE fails for the stated reason: compiles a copy of
// FILE with the directives blanked (same line numbers) under TSCONFIG and requires, for every
// directive, an error with that code on the next line, and no error anywhere else.
//   node check-expect-errors.mjs TSCONFIG FILE
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [tsconfig, file] = process.argv.slice(2).map((p) => resolve(p));
const tsc = resolve(dirname(fileURLToPath(import.meta.url)), "../../../node_modules/.bin/tsc");
const dir = dirname(file);
const probe = join(dir, `.probe-${process.pid}-${basename(file)}`);
const probeConfig = join(dir, `.probe-${process.pid}-tsconfig.json`);

const expected = new Map(); // line (1-based) of the offending code → TS code
const lines = readFileSync(file, "utf8").split("\n").map((line, i) => {
  const m = /^(\s*)\/\/ @ts-expect-error (TS\d+)\b/.exec(line);
  if (!m) return line;
  expected.set(i + 2, m[2]);
  return `${m[1]}// (directive removed by check-expect-errors.mjs)`;
});
if (expected.size === 0) throw new Error(`${file}: no "// @ts-expect-error TSnnnn" directives`);

let output = "";
try {
  writeFileSync(probe, lines.join("\n"));
  writeFileSync(probeConfig, JSON.stringify({ extends: `./${basename(tsconfig)}`, files: [basename(probe)] }));
  try {
    execFileSync(tsc, ["-p", probeConfig], { encoding: "utf8", timeout: 60000 });
  } catch (e) {
    output = `${e.stdout ?? ""}${e.stderr ?? ""}`;
  }
} finally {
  rmSync(probe, { force: true });
  rmSync(probeConfig, { force: true });
}

const found = new Map(); // line → Set of codes
const stray = [];
for (const m of output.matchAll(/^(.*?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)) {
  if (!m[1].endsWith(basename(probe))) { stray.push(m[0]); continue; }
  const line = Number(m[2]);
  if (!expected.has(line)) { stray.push(m[0]); continue; }
  if (!found.has(line)) found.set(line, new Set());
  found.get(line).add(m[3]);
}
const failures = [...stray.map((s) => `unexpected: ${s}`)];
for (const [line, code] of expected) {
  const got = found.get(line);
  if (!got?.has(code)) failures.push(`line ${line}: expected ${code}, got ${got ? [...got].join(", ") : "no error"}`);
}
if (failures.length) {
  console.error(`  ${basename(file)}:\n    ${failures.join("\n    ")}`);
  process.exit(1);
}
console.log(`  ok - ${basename(file)}: all ${expected.size} expected errors fail with their stated TS code`);
