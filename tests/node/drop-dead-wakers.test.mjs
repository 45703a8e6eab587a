// scripts/drop-dead-wakers.mjs (build-pkg.sh, the full wasm): it points the JSPI task waker's
// table entries at a live function only when no code can take its vtable's address, and fails
// otherwise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const SCRIPT = join(ROOT, "scripts/drop-dead-wakers.mjs");
const BIN = join(ROOT, "node_modules/.bin/");
const VTABLE = 2048;
const W = "js_sys::futures::jspi::task_waker::";
// Table slots: 1 live, 2-5 the waker's clone, wake, wake_by_ref, drop, 6 live.
const le = (n) => [n, n >> 8, n >> 16, n >> 24].map((b) => `\\${(b & 255).toString(16).padStart(2, "0")}`).join("");
const vtableBytes = [2, 3, 4, 5].map(le).join("");

// A module with the waker's four functions (raw_clone stores the vtable's address, as js-sys's
// does), two live functions in the table, and `extra` added to the module (more code or data).
function module(dir, { extra = "", data = `(data (i32.const ${VTABLE}) "${vtableBytes}")`, elem = "$live $clone $wake $wake_by_ref $drop $other" } = {}) {
  const wat = `(module
 (type $t (func (param i32) (result i32)))
 (memory (export "memory") 1)
 (table 8 funcref)
 (global $sp (mut i32) (i32.const 65536))
 ${data}
 (elem (i32.const 1) func ${elem})
 (func $live (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
 (func $other (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
 (func $${W}raw_clone::h01 (param i32) (result i32) (i32.store (local.get 0) (i32.const ${VTABLE})) (call $${W}raw_wake::h02 (local.get 0)))
 (func $${W}raw_wake::h02 (param i32) (result i32) (call $wake_task (local.get 0)))
 (func $${W}raw_wake_by_ref::h03 (param i32) (result i32) (call $wake_task (local.get 0)))
 (func $${W}raw_drop::h04 (param i32) (result i32) (i32.const 0))
 (func $wake_task (param i32) (result i32) (i32.load offset=4 (local.get 0)))
 (func (export "call") (param i32 i32) (result i32) (call_indirect (type $t) (local.get 1) (local.get 0)))
 ${extra})`
    .replaceAll("$clone", `$${W}raw_clone::h01`)
    .replaceAll("$wake_by_ref", `$${W}raw_wake_by_ref::h03`)
    .replaceAll("$wake ", `$${W}raw_wake::h02 `)
    .replaceAll("$drop", `$${W}raw_drop::h04`);
  writeFileSync(join(dir, "m.wat"), wat);
  execFileSync(join(BIN, "wasm-as"), [join(dir, "m.wat"), "-g", "-o", join(dir, "m.wasm")]);
  return join(dir, "m.wasm");
}
const run = (file) => spawnSync(process.execPath, [SCRIPT, file], { encoding: "utf8" });
const within = (f) => {
  const dir = mkdtempSync(join(tmpdir(), "cu-wakers-test-"));
  try {
    f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const instance = (file) => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file))).exports;

test("the waker's entries are pointed at a live function, and wasm-opt then drops the waker", () =>
  within((dir) => {
    const file = module(dir);
    const before = instance(file);
    assert.equal(before.call(1, 10), 11);
    assert.equal(before.call(6, 10), 30);
    assert.equal(before.call(5, 10), 0); // the waker's raw_drop
    const r = run(file);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /vtable at 2048 is unreachable/);
    const after = instance(file);
    // The live entries unchanged; the waker's four now the first live function.
    assert.equal(after.call(1, 10), 11);
    assert.equal(after.call(6, 10), 30);
    for (const slot of [2, 3, 4, 5]) assert.equal(after.call(slot, 10), 11);
    const out = join(dir, "opt.wasm");
    execFileSync(join(BIN, "wasm-opt"), [file, "--remove-unused-module-elements", "-g", "-o", out]);
    const wat = execFileSync(join(BIN, "wasm-dis"), [out], { encoding: "utf8" });
    assert.doesNotMatch(wat, /task_waker/);
    assert.doesNotMatch(wat, /wake_task/);
    assert.match(wat, /\$other/);
  }));

test("the script refuses when something may take the vtable's address", () =>
  within((dir) => {
    const refusals = [
      [`(func $builds (param i32) (i32.store (local.get 0) (i32.const ${VTABLE})))`, /the constant 2048/], // another waker built
      [`(func $reads (result i32) (i32.load (i32.const ${VTABLE + 4})))`, /the constant 2052/], // its wake entry read
      [`(func $static (result i32) (i32.load offset=${VTABLE + 8} (i32.const 0)))`, /load or store at 2056/], // by a static offset
      [`(func $folded (result i32) (i32.load offset=12 (i32.const ${VTABLE - 8})))`, /load or store at 2052/], // folded with a constant
      [`(global $g i32 (i32.const ${VTABLE}))`, /the constant 2048/], // a global holding it
      [`(data (i32.const 4096) "${le(VTABLE + 4)}")`, /the data at 4096 holds the address 2052/], // a pointer to it in a static
      [`(data (i32.const 4096) "${vtableBytes}")`, /vtable 2 times/], // two copies: which one is it?
    ];
    for (const [extra, why] of refusals) {
      const file = module(dir, { extra });
      const original = readFileSync(file);
      const r = run(file);
      assert.equal(r.status, 1, extra);
      assert.match(r.stderr, why, extra);
      assert.match(r.stderr, /not provably dead/, extra);
      assert.deepEqual(readFileSync(file), original, extra);
    }
    const twice = module(dir, { elem: "$live $clone $wake $wake_by_ref $drop $other $drop" });
    assert.match(run(twice).stderr, /raw_drop is in the table 2 times/);
    const noVtable = module(dir, { data: `(data (i32.const ${VTABLE}) "${[2, 3, 5, 4].map(le).join("")}")` });
    assert.match(run(noVtable).stderr, /vtable 0 times/);
  }));

test("the waker's own functions may use its address, and a constant beside it is not the vtable", () =>
  within((dir) => {
    // A static just before the vtable, read and stored by its own address (a panic location).
    const file = module(dir, { extra: `(func $beside (param i32) (i32.store (local.get 0) (i32.const ${VTABLE - 16})) (drop (i32.load (i32.const ${VTABLE - 4}))))` });
    const r = run(file);
    assert.equal(r.status, 0, r.stderr);
  }));

test("a module without the waker is left unchanged", () =>
  within((dir) => {
    writeFileSync(join(dir, "m.wat"), `(module (table 2 funcref) (elem (i32.const 1) func $f) (func $f (result i32) (i32.const 1)))`);
    execFileSync(join(BIN, "wasm-as"), [join(dir, "m.wat"), "-g", "-o", join(dir, "m.wasm")]);
    const original = readFileSync(join(dir, "m.wasm"));
    const r = run(join(dir, "m.wasm"));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /nothing to do/);
    assert.deepEqual(readFileSync(join(dir, "m.wasm")), original);
  }));
