// Drops core's two-digit table ("00" to "99", 200 bytes: `core::fmt`'s integer formatting) from
// the end of the validators entry's wasm data when no code reads it any more.
//
//   node scripts/drop-dead-digits.mjs <in.wasm> <out.wasm>
//
// Why: the "z" validators wasm is no_std with a panic handler that traps, so wasm-opt removes every
// function that formats an integer (what is left of them were alloc's "memory allocation of {}
// bytes failed" and the like, whose text no one ever sees). The table they read stays: a data
// segment is one block of bytes, and wasm-opt does not know which of its bytes are dead. Cut, the
// entry ships 0.2 KB less (bench/targets.md, "Session 12: the validators entry's size").
//
// A module whose data holds no copy of the table is written out unchanged (since the validators
// build is a `cdylib` alone, LLVM leaves the table out with its readers; the step stays for a
// build that brings it back).
//
// Safe only if nothing can reach those bytes, which the script checks on binaryen's text form of
// the optimised module (wasm-dis, read only; the cut is made in the binary's data section) and
// refuses otherwise, failing the build rather than guessing:
//   - the table is the last 200 bytes of a data segment (so memory past it is the next segment or
//     zero: the cut bytes read as zero, never as other data);
//   - no `i32.const` in the code or the globals holds an address inside the table, at its end or
//     within 64 bytes before it (where a table address folded with an index would land), unless
//     it is the address operand of a load or store whose bytes all lie outside the table (the
//     statics right after it are read by their own address, which equals the table's end), or a
//     pointer below the table that an `i32.store` writes (a panic's message or location);
//   - no load or store has a static offset inside the table (a table of its own read by index);
//   - no 4-byte word of any data segment points inside the table (a `&[u8]` or `&str` stored in a
//     static).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataSegments, sections, writeUleb } from "./wasm-leb.mjs";

const [input, output, ...rest] = process.argv.slice(2);
if (!input || !output || rest.length) {
  console.error("usage: node scripts/drop-dead-digits.mjs <in.wasm> <out.wasm>");
  process.exit(2);
}
const fail = (why) => {
  console.error(`drop-dead-digits.mjs: ${why}; the digit table is not provably dead here (leave this step out of scripts/build-pkg.sh, or find what reads it)`);
  process.exit(1);
};
const BIN = new URL("../node_modules/.bin/", import.meta.url).pathname;
const FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
// The module with the active data segment at `at` (`length` bytes) shortened by `cut` bytes.
function cutSegmentTail(wasm, at, length, cut) {
  const parts = [wasm.subarray(0, 8)];
  let done = 0;
  for (const sec of sections(wasm)) {
    if (sec.id !== 11) {
      parts.push(wasm.subarray(sec.headerAt, sec.end));
      continue;
    }
    // The data section: count, then per segment flags, its offset expression, size, bytes.
    const segments = dataSegments(wasm, sec, fail);
    const out = [...writeUleb(segments.length)];
    for (const s of segments) {
      if (s.at === at && s.bytes.length === length) {
        out.push(...wasm.subarray(s.from, s.exprEnd), ...writeUleb(length - cut), ...s.bytes.subarray(0, length - cut));
        done++;
      } else {
        out.push(...wasm.subarray(s.from, s.end));
      }
    }
    parts.push(Uint8Array.of(11, ...writeUleb(out.length)), Uint8Array.from(out));
  }
  if (done !== 1) fail(`found the segment at ${at} ${done} times in the binary`);
  return Buffer.concat(parts);
}

// No copy of the table anywhere in the module (LLVM left it out with the code that read it):
// nothing to cut, the module is written out as it is.
const DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0")).join("");
if (!readFileSync(input).includes(DIGITS)) {
  if (output !== input) writeFileSync(output, readFileSync(input));
  console.log("drop-dead-digits.mjs: no digit table in the module: nothing to cut");
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), "cu-digits-"));
try {
  const wat = join(dir, "m.wat");
  execFileSync(join(BIN, "wasm-dis"), [input, "-o", wat, ...FEATURES]);
  const text = readFileSync(wat, "utf8");
  const lines = text.split("\n");

  // binaryen's string escapes: \XX (hex), \t \n \r \" \' \\.
  const decode = (s) => {
    const out = [];
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c !== "\\") { out.push(c.charCodeAt(0)); continue; }
      const n = s[i + 1];
      const simple = { t: 9, n: 10, r: 13, '"': 34, "'": 39, "\\": 92 }[n];
      if (simple !== undefined) { out.push(simple); i += 1; continue; }
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/.test(hex)) fail(`an escape binaryen does not write: \\${hex}`);
      out.push(parseInt(hex, 16));
      i += 2;
    }
    return out;
  };
  const segments = [];
  for (const [i, line] of lines.entries()) {
    const m = /^ \(data \$\S+ \(i32\.const (\d+)\) "(.*)"\)$/.exec(line);
    if (m) segments.push({ line: i, at: Number(m[1]), bytes: decode(m[2]), raw: m[2] });
    else if (line.startsWith(" (data")) fail(`a data segment laid out unlike binaryen's active segments: ${line.slice(0, 60)}`);
  }
  const owners = segments.filter((s) => s.raw.endsWith(DIGITS));
  if (owners.length !== 1) fail(`${owners.length} data segments end with the digit table`);
  const seg = owners[0];
  const start = seg.at + seg.bytes.length - 200;
  const end = start + 200;

  // Words of the data that point inside the table.
  for (const s of segments) {
    for (let i = 0; i + 4 <= s.bytes.length; i++) {
      const w = (s.bytes[i] | (s.bytes[i + 1] << 8) | (s.bytes[i + 2] << 16) | (s.bytes[i + 3] << 24)) >>> 0;
      if (w >= start && w < end) fail(`the data at ${s.at + i} holds the address ${w}`);
    }
  }
  // Constants and static offsets.
  const SIZE = { "8": 1, "16": 2, "32": 4 };
  const accessSize = (op) => {
    const m = /^(i32|i64|f32|f64)\.(?:load|store)(8|16|32)?/.exec(op);
    return m[2] ? SIZE[m[2]] : m[1].endsWith("64") ? 8 : 4;
  };
  for (const [i, line] of lines.entries()) {
    if (line.startsWith(" (data")) continue;
    for (const m of line.matchAll(/offset=(\d+)/g)) {
      const o = Number(m[1]);
      if (o >= start - 64 && o < end) fail(`a load or store at offset ${o} (line ${i + 1})`);
    }
    const c = /\(i32\.const (-?\d+)\)/.exec(line);
    if (!c) continue;
    const v = Number(c[1]) >>> 0;
    if (v < start - 64 || v > end) continue;
    // The instruction this constant is an operand of (the nearest line above, one level out), and
    // whether it is that instruction's first operand (the line right below it).
    const indent = (t) => t.length - t.trimStart().length;
    if (line.trim() !== `(i32.const ${c[1]})`) fail(`the constant ${v} shares line ${i + 1} with other code`);
    let p = i - 1;
    while (p >= 0 && indent(lines[p]) >= indent(line)) p--;
    const parent = lines[p] ?? "";
    const first = p === i - 1;
    const acc = /^\s*\((\w+\.(?:load|store)\w*)((?: offset=\d+)?)(?: align=\d+)?$/.exec(parent);
    if (acc && first) {
      // The address of a load or store: its bytes must lie outside the table (the statics right
      // after the table are read by their own address, which equals its end).
      const from = v + Number(acc[2].replace(" offset=", "") || 0);
      if (from < end && from + accessSize(acc[1]) > start) fail(`a ${acc[1]} of bytes ${from}.. inside the table (line ${i + 1})`);
    } else if (acc && !first && /^(?:i32\.store)$/.test(acc[1]) && v < start) {
      // The value a store writes: a pointer to another static just before the table (a panic's
      // message or location), which LLVM only writes for a real object; a table address folded
      // with an index is only ever used at once, as an address, never stored.
    } else {
      fail(`the constant ${v} is not a load's or store's address, or a pointer stored below the table (line ${i + 1})`);
    }
  }

  // Cut: the segment without its last 200 bytes (memory past a segment starts as zeros), in the
  // binary itself (a text round trip through wasm-as encodes the code differently: +48 B).
  writeFileSync(output, cutSegmentTail(readFileSync(input), seg.at, seg.bytes.length, 200));
  console.log(`drop-dead-digits.mjs: the digit table at ${start}..${end} is read by nothing: cut`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
