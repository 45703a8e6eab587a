// What npm users see of the installed package: metadata, README, changelog, licences, files.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = join(process.cwd(), "node_modules/customer-update");
const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
for (const key of ["name", "version", "description", "license", "repository", "homepage", "bugs", "keywords", "engines", "exports", "types"]) {
  assert.ok(pkg[key], `package.json has no ${key}`);
}
assert.match(pkg.repository.url, /^git\+https:\/\//);
assert.ok(Array.isArray(pkg.sideEffects), "sideEffects lists the initialising entries");
for (const f of pkg.sideEffects) assert.ok(existsSync(join(dir, f)), `sideEffects names a missing file: ${f}`);
for (const f of ["README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE", "dist/wasm/customer_update_bg.wasm", "dist/wasm/customer_update.cjs", "dist/validators/wasm/customer_update_bg.wasm", "dist/validators/wasm/customer_update_speed_bg.wasm"]) {
  assert.ok(existsSync(join(dir, f)), `the tarball lacks ${f}`);
}
// Every file the exports map names is in the tarball.
const targets = (v) => (typeof v === "string" ? [v] : Object.values(v).flatMap(targets));
// A pattern (`./dist/json-schema/*`) must match at least one file of its folder.
const present = (t) => {
  if (!t.includes("*")) return existsSync(join(dir, t));
  const [head, tail] = t.split("*");
  const folder = join(dir, head.slice(0, head.lastIndexOf("/") + 1));
  const prefix = head.slice(head.lastIndexOf("/") + 1);
  return existsSync(folder) && readdirSync(folder).some((f) => f.startsWith(prefix) && f.endsWith(tail));
};
for (const t of targets(pkg.exports)) assert.ok(present(t), `exports names a missing file: ${t}`);
const readme = readFileSync(join(dir, "README.md"), "utf8");
for (const section of ["## Entries", "### React Hook Form", "### TanStack Form", "### A plain `<form>`", "### Form mode", "### Vite", "### Next.js", "## Cloudflare Workers / workerd", "## Deno"]) {
  assert.ok(readme.includes(section), `the package README has no "${section}"`);
}
console.log(`  ok - tarball: metadata (repository, homepage, license ${pkg.license}, keywords, engines ${pkg.engines.node}), README sections, CHANGELOG, licences, every exports target present`);
