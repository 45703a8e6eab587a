// Memory under hostile uploads (tests/runtimes/edge.sh): four concurrent 100 MB uploads to the
// edge, twice (chunked without Content-Length, then with Content-Length: 100 MB), while the edge
// process's VmRSS (/proc/<pid>/status) is sampled every 20 ms. Asserts every upload is refused
// early (413, or the connection closed after it) and the peak stays under --limit-mb above the idle
// RSS (measured after a warm-up request).
// Loopback only; each upload stops sending once answered; bounded by --timeout-s.
//   node edge-memory.mjs --edge URL --pid PID --path /gathr.updateCustomer [--header k:v] [--limit-mb 128]
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { rawUpload } from "./raw-upload.mjs";

const { values: a } = parseArgs({
  options: {
    edge: { type: "string" }, pid: { type: "string" }, path: { type: "string" }, label: { type: "string", default: "workerd" },
    header: { type: "string", multiple: true, default: [] }, "limit-mb": { type: "string", default: "128" },
    "timeout-s": { type: "string", default: "60" }, "size-mb": { type: "string", default: "100" },
  },
});
const MB = 1024 * 1024;
const sentMb = (r) => Math.round(r.sentBytes / MB);
const SIZE = Number(a["size-mb"]) * MB;
const headers = { "content-type": "application/json" };
for (const h of a.header) {
  const i = h.indexOf(":");
  headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
}
const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${a.pid}/status`, "utf8"));
  return Number(m[1]) / 1024;
};
const u = new URL(a.path, a.edge);

const upload = (withLength) => rawUpload({ url: u.href, headers, size: SIZE, chunked: !withLength, timeoutMs: 30_000 });

// Warm-up: one small request, so that the isolate, the wasm and the handler exist.
await fetch(new URL(a.path, a.edge), { method: "POST", headers, body: "{}", signal: AbortSignal.timeout(10_000) }).then((r) => r.arrayBuffer());
await new Promise((r) => setTimeout(r, 300));
const idle = rssMb();
let peak = idle;
const sampler = setInterval(() => { peak = Math.max(peak, rssMb()); }, 20);
const deadline = setTimeout(() => { console.error(`  edge memory: not done within ${a["timeout-s"]} s`); process.exit(1); }, Number(a["timeout-s"]) * 1000);
const t0 = Date.now();
const chunked = await Promise.all([0, 1, 2, 3].map(() => upload(false)));
const declared = await Promise.all([0, 1, 2, 3].map(() => upload(true)));
const ms = Date.now() - t0;
await new Promise((r) => setTimeout(r, 500));
clearInterval(sampler);
clearTimeout(deadline);
peak = Math.max(peak, rssMb());
const after = rssMb();
const line = `${a.label} RSS idle ${idle.toFixed(1)} MB, peak ${peak.toFixed(1)} MB (+${(peak - idle).toFixed(1)} MB), after ${after.toFixed(1)} MB; `
  + `4 chunked uploads of ${a["size-mb"]} MB answered ${chunked.map((r) => r.status ?? "closed").join("/")} after ${chunked.map(sentMb).join("/")} MB sent, `
  + `4 with Content-Length answered ${declared.map((r) => r.status ?? "closed").join("/")} after ${declared.map(sentMb).join("/")} MB sent; ${ms} ms`;
console.log(`  edge memory: ${line}`);
// Refused: a 413, or (workerd) the connection closed right after the 413 before the client, still
// writing, read it. Either way the edge stopped taking the body long before 100 MB.
for (const r of [...chunked, ...declared]) {
  assert.ok(r.status === 413 || r.status === null, `an upload was answered ${r.status}`);
  assert.ok(r.sentBytes < SIZE / 4, `an upload got ${sentMb(r)} MB out before the edge stopped it`);
}
assert.ok([...chunked, ...declared].some((r) => r.status === 413), "the uploads were answered 413");
assert.ok(peak - idle < Number(a["limit-mb"]), `RSS grew ${(peak - idle).toFixed(1)} MB (limit ${a["limit-mb"]} MB)`);
console.log(`  ok - ${a.label}: four concurrent ${a["size-mb"]} MB uploads (twice) kept RSS under ${a["limit-mb"]} MB above idle`);
