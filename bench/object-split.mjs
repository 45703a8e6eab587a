// Where `validate`'s time beyond the object floor goes, for one built package, in one Node
// process, rounds interleaved, ns of this process's CPU time per call (median of the rounds):
//   node bench/object-split.mjs <dist> [rounds]
// floor: JSON.stringify + encodeInto + `__floor` (a wasm call that returns at once) + JSON.parse.
// bare: JSON.stringify + encodeInto into the speed wasm's input buffer + `checkInput` + JSON.parse,
// i.e. `validate` with no JS of its own (its own instance of the Node entry's validation wasm).
// validate: the package's `validate` (Node entry). "check" = bare − floor (the wasm check and its
// crossing); "JS" = validate − bare (options, the operation's index, the odd-value probe, the
// result). bench/targets.md, "Session 9: the object path".
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import fs from "node:fs";
import { bench } from "./cases.mjs";
const [d, R = "15"] = process.argv.slice(2);
if (!d) {
  console.error("usage: node bench/object-split.mjs <dist> [rounds]");
  process.exit(2);
}
const api = await import(pathToFileURL(resolve(d, "node.js")).href);
const { OPERATIONS } = await import(pathToFileURL(resolve(d, "messages.js")).href);
const glue = await import(pathToFileURL(resolve(d, "wasm/customer_update.js")).href);
glue.initSync({ module: fs.readFileSync(resolve(d, "wasm/customer_update_bg.wasm")) });
const vsrc = fs.readFileSync(resolve(d, "validators/wasm/customer_update.js"), "utf8");
const vg = await import(`data:text/javascript;base64,${Buffer.from(vsrc + "\n//x").toString("base64")}`);
const { memory } = vg.initSync({ module: fs.readFileSync(resolve(d, "validators/wasm/customer_update_speed_bg.wasm")) });
const at = vg.inputBuffer(1 << 16); const view = new Uint8Array(memory.buffer, at, 1 << 16);
const enc = new TextEncoder(); let scratch = new Uint8Array(4096);
const floor = (op, input) => { const t = JSON.stringify(input); glue.__floor(0, enc.encodeInto(t, scratch).written, 0); return { ok: true, value: JSON.parse(t) }; };
const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
console.log("| payload | floor ns | bare ns | validate ns | floor / bare | floor / validate | check ns | JS ns |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [op, p] of Object.entries(bench)) {
  const v = p.valid; const idx = OPERATIONS.indexOf(op);
  // Today's date as api.js passes it (Unix days); bit 4 of the answer only says the verdict read it.
  const today = Math.floor(Date.now() / 86_400_000);
  const bare = (op, input) => { const t = JSON.stringify(input); if ((vg.checkInput(idx, enc.encodeInto(t, view).written, today) & ~4) !== 0) throw new Error(`${op}: not valid`); return { ok: true, value: JSON.parse(t) }; };
  const cols = { floor, bare, validate: api.validate };
  const batch = {};
  for (const [n, f] of Object.entries(cols)) { const t0 = performance.now(); let k = 0; while (performance.now() - t0 < 300) { f(op, v); k++; } batch[n] = Math.max(1, k >> 5); }
  const s = { floor: [], bare: [], validate: [] };
  for (let r = 0; r < +R; r++) for (const [n, f] of Object.entries(cols)) {
    const c0 = process.cpuUsage(); const t0 = performance.now(); let c = 0;
    do { for (let i = 0; i < batch[n]; i++) f(op, v); c += batch[n]; } while (performance.now() - t0 < 30);
    const u = process.cpuUsage(c0); s[n].push(((u.user + u.system) * 1000) / c);
  }
  const [f, b, va] = [med(s.floor), med(s.bare), med(s.validate)];
  console.log(`| ${op} | ${f.toFixed(0)} | ${b.toFixed(0)} | ${va.toFixed(0)} | ${(f / b).toFixed(3)} | ${(f / va).toFixed(3)} | ${(b - f).toFixed(0)} | ${(va - b).toFixed(0)} |`);
}
