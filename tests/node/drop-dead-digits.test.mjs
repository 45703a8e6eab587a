// scripts/drop-dead-digits.mjs (build-pkg.sh, the validators entry's wasm): it cuts core's digit
// table only when nothing can read it, and fails otherwise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const SCRIPT = join(ROOT, "scripts/drop-dead-digits.mjs");
const DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0")).join("");
const AT = 1024;
const START = AT + 8; // "message:" then the table

// A module whose data is "message:" + the table + (a static after it), with `body` as the code.
function module(dir, body) {
  const wat = `(module (memory (export "memory") 1)
 (data (i32.const ${AT}) "message:${DIGITS}")
 (data (i32.const ${START + 200}) "\\01\\00\\00\\00")
 (func (export "f") (param i32) (result i32) ${body}))`;
  writeFileSync(join(dir, "m.wat"), wat);
  execFileSync(join(ROOT, "node_modules/.bin/wasm-as"), [join(dir, "m.wat"), "-o", join(dir, "m.wasm")]);
  return join(dir, "m.wasm");
}
const run = (input, output) => spawnSync(process.execPath, [SCRIPT, input, output], { encoding: "utf8" });
const memoryOf = (file) => {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)));
  return { f: exports.f, bytes: new Uint8Array(exports.memory.buffer) };
};

test("the table is cut when only the static after it and a pointer below it are used", () => {
  const dir = mkdtempSync(join(tmpdir(), "cu-digits-test-"));
  try {
    // Reads the static at the table's end by its address; stores a pointer to "message:".
    const input = module(dir, `(i32.store (local.get 0) (i32.const ${AT})) (i32.load (i32.const ${START + 200}))`);
    const r = run(input, join(dir, "out.wasm"));
    assert.equal(r.status, 0, r.stderr);
    assert.ok(readFileSync(join(dir, "out.wasm")).length <= readFileSync(input).length - 200); // (and its size fields may shrink)
    const before = memoryOf(input), after = memoryOf(join(dir, "out.wasm"));
    assert.equal(after.f(0), before.f(0));
    assert.equal(Buffer.from(before.bytes.subarray(START, START + 200)).toString(), DIGITS);
    assert.ok(after.bytes.subarray(START, START + 200).every((b) => b === 0));
    assert.deepEqual(after.bytes.subarray(AT, START), before.bytes.subarray(AT, START));
    assert.deepEqual(after.bytes.subarray(START + 200, START + 204), before.bytes.subarray(START + 200, START + 204));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the script refuses when code may read the table", () => {
  const dir = mkdtempSync(join(tmpdir(), "cu-digits-test-"));
  try {
    const reads = [
      `(i32.load8_u (i32.add (i32.const ${START}) (local.get 0)))`, // the table by index
      `(i32.load8_u (i32.add (i32.const ${START - 20}) (local.get 0)))`, // folded with an offset below it
      `(i32.load8_u (i32.sub (i32.const ${START + 200}) (local.get 0)))`, // from its end
      `(i32.load8_u offset=${START + 10} (local.get 0))`, // a static offset into it
      `(i32.load (i32.const ${START + 198}))`, // an access overlapping its last bytes
      `(i32.store (local.get 0) (i32.const ${START + 2})) (i32.const 0)`, // a pointer into it kept
    ];
    for (const body of reads) {
      const r = run(module(dir, body), join(dir, "out.wasm"));
      assert.equal(r.status, 1, body);
      assert.match(r.stderr, /not provably dead/, body);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a module without the table is written out unchanged", () => {
  const dir = mkdtempSync(join(tmpdir(), "cu-digits-test-"));
  try {
    const wat = `(module (memory (export "memory") 1)
 (data (i32.const ${AT}) "message:0001020304")
 (func (export "f") (param i32) (result i32) (i32.load8_u (i32.add (i32.const ${AT}) (local.get 0)))))`;
    writeFileSync(join(dir, "m.wat"), wat);
    execFileSync(join(ROOT, "node_modules/.bin/wasm-as"), [join(dir, "m.wat"), "-o", join(dir, "m.wasm")]);
    const r = run(join(dir, "m.wasm"), join(dir, "out.wasm"));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /nothing to cut/);
    assert.deepEqual(readFileSync(join(dir, "out.wasm")), readFileSync(join(dir, "m.wasm")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
