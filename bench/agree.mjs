// Before anything is timed: every implementation (the package, Zod, Valibot, Ajv, handwritten)
// must give the same verdict and the same set of issue paths for every case of cases.mjs; the
// handwritten one must also give the package's issue codes. Cases with an `expect` are also
// checked against the rules as docs/providers.md states them (the package's [path, code] pairs).
// `--random N` adds N seeded random mutations of the timed payloads (values swapped for edge
// values, keys dropped or added, arrays grown or emptied), checked the same way.
// Prints every disagreement and exits non-zero if there is one.
//   node bench/agree.mjs [--quiet] [--random N] [--out summary.json]
import { readFileSync, writeFileSync } from "node:fs";
import { IMPLS, NO_ISSUES } from "./impls.mjs";
import { bench, agreement, probes, mutations } from "./cases.mjs";
import { COUNTRY_CODES } from "./validators/formats.mjs";

const quiet = process.argv.includes("--quiet");
const problems = [];
const fail = (msg) => problems.push(msg);

// The country list copy must be the spec's.
const specList = readFileSync(new URL("../src/spec/iso3166-1-alpha2.txt", import.meta.url), "utf8").trim().split("\n").join(" ");
if (specList !== COUNTRY_CODES) fail("bench/validators/formats.mjs COUNTRY_CODES differs from src/spec/iso3166-1-alpha2.txt");

const key = (path) => JSON.stringify(path);
const pathSet = (r) => [...new Set((r.issues ?? []).map((i) => key(i.path)))].sort();
const pairSet = (r) => [...new Set((r.issues ?? []).map((i) => `${key(i.path)} ${i.code}`))].sort();
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

function run(impl, op, input) {
  try {
    return IMPLS[impl](op, input);
  } catch (e) {
    return { ok: false, issues: [], threw: String(e) };
  }
}

function describe(r) {
  if (r.threw) return `threw ${r.threw}`;
  return r.ok ? "ok" : pairSet(r).join(", ");
}

let checked = 0;
function check(op, name, input, expect, suggest) {
  checked++;
  const results = Object.fromEntries(Object.keys(IMPLS).filter((impl) => !NO_ISSUES.has(impl)).map((impl) => [impl, run(impl, op, input)]));
  const ref = results["customer-update"];
  const lines = [];
  for (const [impl, r] of Object.entries(results)) {
    if (impl === "customer-update" || NO_ISSUES.has(impl)) continue;
    if (r.threw || r.ok !== ref.ok || !same(pathSet(r), pathSet(ref))) lines.push(`${impl}: ${describe(r)}`);
    else if (impl === "handwritten" && !same(pairSet(r), pairSet(ref))) lines.push(`${impl} (codes): ${describe(r)}`);
  }
  if (expect?.ok === true && !ref.ok) lines.push(`docs/providers.md expects ok`);
  if (expect?.pairs) {
    const want = [...new Set(expect.pairs.map(([p, c]) => `${key(p)} ${c}`))].sort();
    if (!same(want, pairSet(ref))) lines.push(`docs/providers.md expects: ${want.join(", ")}`);
  }
  for (const [k, want] of Object.entries(suggest ?? {})) {
    const issue = ref.issues?.find((i) => i.code === "unknown_field" && i.path[i.path.length - 1] === k);
    const said = issue?.message.match(/Did you mean "([^"]*)"/)?.[1] ?? null;
    if (!issue || said !== want) lines.push(`suggestion for "${k}": wants ${want ? `"${want}"` : "none"}, the package says ${issue ? (said ? `"${said}"` : "none") : "no unknown_field issue"}`);
  }
  if (lines.length) fail(`${op} / ${name}\n    customer-update: ${describe(ref)}\n    ${lines.join("\n    ")}`);
  return ref;
}

for (const [op, { valid, invalid }] of Object.entries(bench)) {
  check(op, "bench valid payload", valid, { ok: true });
  const r = check(op, "bench invalid payload", invalid);
  const n = r.issues?.length ?? 0;
  if (r.ok || n < 3 || n > 4) fail(`${op} / bench invalid payload: wants 3–4 issues, the package reports ${n}`);
}
for (const [op, cases] of Object.entries(agreement)) {
  if (cases.length < 10) fail(`${op}: only ${cases.length} agreement cases (want ≥ 10)`);
  for (const c of cases) check(op, c.name, c.input, c.ok ? { ok: true } : c.expect ? { pairs: c.expect } : undefined, c.suggest);
}

const randomIndex = process.argv.indexOf("--random");
const randomCount = randomIndex > 0 ? Number(process.argv[randomIndex + 1]) : 0;
for (const [i, { op, input }] of mutations(randomCount).entries()) check(op, `random mutation #${i}: ${JSON.stringify(input).slice(0, 300)}`, input);

if (!quiet && probes.length) {
  console.log("probes (informational, not part of the gate):");
  for (const p of probes) {
    console.log(`  ${p.op} / ${p.name}`);
    for (const impl of Object.keys(IMPLS).filter((i) => !NO_ISSUES.has(i))) {
      const r = run(impl, p.op, p.input);
      console.log(`    ${impl.padEnd(16)} ${describe(r)}${r.issues?.[0]?.message && impl === "customer-update" ? `  (${r.issues[0].message})` : ""}`);
    }
  }
}

const outIndex = process.argv.indexOf("--out");
if (outIndex > 0) {
  const perOp = Object.fromEntries(Object.entries(agreement).map(([op, cases]) => [op, cases.length]));
  writeFileSync(process.argv[outIndex + 1], JSON.stringify({ cases: checked, randomMutations: randomCount, implementations: Object.keys(IMPLS), agreementCasesPerOp: perOp, problems }, null, 1));
}

if (problems.length) {
  console.error(`agreement: ${problems.length} problem(s) in ${checked} cases × ${Object.keys(IMPLS).length} implementations`);
  for (const p of problems) console.error(`- ${p}`);
  process.exit(1);
}
console.log(`agreement: ${checked} cases (${randomCount} of them random mutations) × ${Object.keys(IMPLS).length - NO_ISSUES.size} implementations agree (verdicts and issue paths; handwritten codes too)`);
