// Which of a wasm's imports the given exports can reach: the call graph of a names build
// (`CU_KEEP_NAMES=1 CU_SKIP_VALIDATORS_ENTRY=1 CU_OUT=<dir> bash scripts/build-pkg.sh`), read from
// binaryen's wasm-dis text. Direct calls are followed; a `call_indirect` reaches every table
// entry of its type except those whose name matches `--exclude` (the function pointers only other
// code makes: the client's futures and closures, js-sys's tasks, the panic machinery), so the
// answer is an upper bound under that exclusion. `WHY=1` prints a chain of callers per import.
//   node bench/wasm-import-reach.mjs <dir>/wasm/customer_update_bg.wasm [--exclude <regex>] D J K M O
// Session 18 (bench/targets.md, "Session 18: the full entry's JS", with the exclusions used): the
// validation exports (checkInput, inputBuffer, lastIssues, operations, the start function,
// __floor) reach the clock's Date.now, operations()'s array, string and push and the externref
// table's set-up; scripts/shake-glue.mjs keeps those shims in the import object and binds the
// rest late.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
let exclude = /(?!)/;
const ex = args.indexOf("--exclude");
if (ex >= 0) exclude = new RegExp(args.splice(ex, 2)[1]);
const [wasmPath, ...roots] = args;
if (!wasmPath || roots.length === 0) {
  console.error("usage: node bench/wasm-import-reach.mjs <names-build wasm> [--exclude <regex>] <export>...");
  process.exit(2);
}
const dis = fileURLToPath(new URL("../node_modules/.bin/wasm-dis", import.meta.url));
const t = execFileSync(dis, ["--all-features", wasmPath], { maxBuffer: 1 << 30, encoding: "utf8" }).split("\n");
const NAME = String.raw`(\$(?:"[^"]*"|[^\s()]+))`;
const importName = new Map(), exportsMap = new Map(), body = new Map(), ty = new Map();
let cur = null, elem = [];
for (const l of t) {
  let m;
  if ((m = l.match(new RegExp(String.raw`^ \(import "[^"]*" "([^"]+)" \(func ` + NAME + String.raw` \(type (\$\d+)\)`)))) { importName.set(m[2], m[1]); ty.set(m[2], m[3]); continue; }
  if ((m = l.match(new RegExp(String.raw`^ \(export "([^"]+)" \(func ` + NAME)))) { exportsMap.set(m[1], m[2]); continue; }
  if (l.startsWith(" (elem")) { elem = [...l.matchAll(new RegExp(NAME, "g"))].map((x) => x[1]).filter((n) => n !== "$0"); continue; }
  if ((m = l.match(new RegExp(String.raw`^ \(func ` + NAME + String.raw` \(type (\$\d+)\)`)))) { cur = m[1]; ty.set(cur, m[2]); body.set(cur, []); continue; }
  if (cur) body.get(cur).push(l);
}
const seen = new Set(), via = new Map();
const stack = roots.map((r) => exportsMap.get(r) ?? (console.error(`no function export ${r}`), process.exit(2)));
while (stack.length) {
  const f = stack.pop();
  if (seen.has(f)) continue;
  seen.add(f);
  for (const l of body.get(f) ?? []) {
    for (const m of l.matchAll(new RegExp(String.raw`\((?:return_)?call ` + NAME, "g"))) { if (!via.has(m[1])) via.set(m[1], f); stack.push(m[1]); }
    for (const m of l.matchAll(/call_indirect \$\S+ \(type (\$\d+)\)/g)) {
      for (const e of elem) if (ty.get(e) === m[1] && !exclude.test(e)) { if (!via.has(e)) via.set(e, `${f} [indirect ${m[1]}]`); stack.push(e); }
    }
  }
}
const reached = [...importName].filter(([f]) => seen.has(f));
console.log(`${reached.length} of ${importName.size} imports reached (${seen.size} functions): ${reached.map(([, n]) => n).join(" ")}`);
if (process.env.WHY) {
  for (const [f, n] of reached) {
    const chain = [n];
    for (let g = f, i = 0; i < 12 && via.has(g); i++) chain.push((g = via.get(g)).slice(0, 140));
    console.log(chain.join("\n    <- "));
  }
}
