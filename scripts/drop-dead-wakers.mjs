// Points the function-table entries of js-sys's JSPI task waker at a function the table keeps
// anyway, so that wasm-opt drops the waker's four functions and what only they call:
//
//   node scripts/drop-dead-wakers.mjs <module.wasm>     (in place; run where drop-closure-shims.mjs
//                                                       runs: on wasm-bindgen's output, names kept)
//
// Why the entries are dead: js-sys's `futures::jspi::task_waker` builds a `Waker` whose
// `RawWakerVTable` static holds the addresses of its `raw_clone`, `raw_wake`, `raw_wake_by_ref`
// and `raw_drop`; taking those addresses puts the four into the function table, and the vtable
// static (in the data) is what a waker's calls go through. Only `SpawnedTask::poll` (JSPI's task
// poll, reached from the `__wbg_jspi_task_poll` export) builds such a waker, and wasm-bindgen
// deletes that export in a module without JSPI exports, so nothing builds one any more; the data
// still holds the vtable and the table its four entries, so wasm-opt keeps the four functions,
// `SpawnedTask::wake` and the `Rc<SpawnedTask>` drop. Measured: full wasm -80 B gzip -9 (bench/
// targets.md, "Session 14: the client's share of the full wasm" and "Session 15: the client's share
// of the full wasm").
//
// The script proves the vtable unreachable on the module itself and fails otherwise (the build
// stops rather than guessing):
//   - the four functions are found by name, each in the table exactly once;
//   - the data holds their four table indices, in the vtable's order, exactly once: the vtable;
//   - no `i32.const` outside the four functions holds an address inside the vtable (`raw_clone`
//     makes a clone of such a waker with it; any other function that did could build one), no
//     global holds one, no load or store reaches into it by a static offset (alone, or added to
//     a constant address), and no 4-byte word of the data points into it (a pointer to it kept in
//     a static).
// Where no code can take the vtable's address, no waker with it exists, and no call goes through
// its entries (the four functions' addresses are taken only in it). A module without the four
// functions (a wasm-bindgen that drops them itself) is left unchanged.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataSegments, functionNames, readTable, sections, withTableEntries } from "./wasm-leb.mjs";

const [wasmPath, ...rest] = process.argv.slice(2);
if (!wasmPath || rest.length) {
  console.error("usage: node scripts/drop-dead-wakers.mjs <module.wasm>");
  process.exit(2);
}
const fail = (why) => {
  console.error(`drop-dead-wakers: ${why}; the JSPI waker is not provably dead here (leave this step out of scripts/build-pkg.sh, or find what builds the waker)`);
  process.exit(1);
};
const BIN = new URL("../node_modules/.bin/", import.meta.url).pathname;
const FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
// The vtable's order (core's `RawWakerVTable::new(clone, wake, wake_by_ref, drop)`).
const ROLES = ["raw_clone", "raw_wake", "raw_wake_by_ref", "raw_drop"];
const WAKER = /^js_sys::futures::jspi::task_waker::(raw_clone|raw_wake|raw_wake_by_ref|raw_drop)::h[0-9a-f]+$/;

const wasm = readFileSync(wasmPath);
if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);

const names = new Map();
const segments = [];
let elem = null;
for (const { id, headerAt, start, end } of sections(wasm)) {
  if (id === 0) {
    for (const [index, name] of functionNames(wasm, start, end) ?? []) names.set(index, name);
  } else if (id === 9) {
    elem = { headerAt, start, end };
  } else if (id === 11) {
    for (const { at, bytes } of dataSegments(wasm, { start, end }, fail)) segments.push({ at, bytes });
  }
}
if (names.size === 0) fail(`${wasmPath} has no function names (run wasm-bindgen without --remove-name-section)`);

// The waker's functions by role.
const role = new Map();
for (const [index, name] of names) {
  const m = WAKER.exec(name);
  if (!m) continue;
  if (role.has(m[1])) fail(`two functions named as task_waker's ${m[1]}`);
  role.set(m[1], index);
}
if (role.size === 0) {
  console.log("drop-dead-wakers: no JSPI task waker in the module: nothing to do");
  process.exit(0);
}
if (role.size !== 4) fail(`task_waker has ${role.size} of its 4 functions here`);
const dead = new Set(role.values());

// The table: one active segment of plain function indices at an i32.const offset (as
// drop-closure-shims.mjs reads it).
const { base, offsetAt, offsetEnd, entries } = readTable(wasm, elem, fail);
const slots = ROLES.map((r) => {
  const found = entries.flatMap((f, i) => (f === role.get(r) ? [base + i] : []));
  if (found.length !== 1) fail(`task_waker's ${r} is in the table ${found.length} times`);
  return found[0];
});

// The vtable: the four slots as little-endian words, once in the data.
const pattern = Buffer.alloc(16);
slots.forEach((s, i) => pattern.writeUInt32LE(s, 4 * i));
const hits = segments.flatMap((s) => {
  const out = [];
  for (let i = s.bytes.indexOf(pattern); i >= 0; i = s.bytes.indexOf(pattern, i + 1)) out.push(s.at + i);
  return out;
});
if (hits.length !== 1) fail(`the data holds task_waker's vtable ${hits.length} times`);
const vtable = hits[0];
const near = (v) => v >= vtable && v < vtable + 16;

// No word of the data points into it.
for (const s of segments) {
  for (let i = 0; i + 4 <= s.bytes.length; i++) {
    const w = s.bytes.readUInt32LE(i);
    if (w >= vtable && w < vtable + 16) fail(`the data at ${s.at + i} holds the address ${w}`);
  }
}
// No code but the four functions, and no global, takes an address at or just before it.
const deadNames = new Set([...dead].map((f) => names.get(f)));
const dir = mkdtempSync(join(tmpdir(), "cu-wakers-"));
try {
  const wat = join(dir, "m.wat");
  execFileSync(join(BIN, "wasm-dis"), [wasmPath, "-o", wat, ...FEATURES]);
  let owner = null;
  const lines = readFileSync(wat, "utf8").split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.startsWith(" (data")) continue;
    if (line.startsWith(" (")) {
      const f = /^ \(func \$(?:"((?:[^"\\]|\\.)*)"|(\S+))/.exec(line);
      owner = f ? (f[1] ?? f[2]) : null;
    }
    if (owner !== null && deadNames.has(owner)) continue;
    for (const m of line.matchAll(/\(i32\.const (-?\d+)\)/g)) {
      const v = Number(m[1]) >>> 0;
      if (near(v)) fail(`the constant ${v} (line ${i + 1}${owner ? `, in ${owner}` : ""})`);
    }
    for (const m of line.matchAll(/offset=(\d+)/g)) {
      // The static offset, plus the address operand when that is a constant (the next line).
      const c = /^\s*\(i32\.const (-?\d+)\)$/.exec(lines[i + 1] ?? "");
      const o = Number(m[1]) + (c ? Number(c[1]) >>> 0 : 0);
      if (near(Number(m[1])) || near(o)) fail(`a load or store at ${o} (line ${i + 1}${owner ? `, in ${owner}` : ""})`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Every dead entry pointed at the table's first function that is not one of them.
const keep = entries.find((f) => !dead.has(f));
if (keep === undefined) fail("the table holds nothing else");
writeFileSync(
  wasmPath,
  withTableEntries(wasm, elem, offsetAt, offsetEnd, entries.map((f) => (dead.has(f) ? keep : f))),
);
console.log(`drop-dead-wakers: JSPI task_waker's vtable at ${vtable} is unreachable: its 4 table entries pointed at one live function`);
