// Writes tests/support/report-cases.json: the JSON texts of the repository's JS cases, for the
// differential test of the reporting validators (tests/report.rs): the seed examples and the
// `several` cases (tests/node/cases.mjs), the benchmark's timed payloads, agreement cases, probes
// and 1000 of its seeded mutations (bench/cases.mjs). Run from the repository root:
//   node tests/support/report-cases.mjs
// Dates in some agreement cases are computed from the day it runs; the test reads them as texts.
import { writeFileSync } from "node:fs";
import { examples, several } from "../node/cases.mjs";
import { bench, agreement, probes, mutations } from "../../bench/cases.mjs";

const out = [];
const add = (op, input, from) => out.push({ op, from, text: JSON.stringify(input) });
for (const [op, input] of Object.entries(examples)) add(op, input, "tests/node/cases.mjs examples");
for (const [op, c] of Object.entries(several)) add(op, c.input, "tests/node/cases.mjs several");
for (const [op, b] of Object.entries(bench)) {
  add(op, b.valid, "bench/cases.mjs bench valid");
  add(op, b.invalid, "bench/cases.mjs bench invalid");
}
for (const [op, cases] of Object.entries(agreement)) for (const c of cases) add(op, c.input, `bench/cases.mjs agreement: ${c.name}`);
for (const p of probes) add(p.op, p.input, `bench/cases.mjs probes: ${p.name}`);
for (const m of mutations(1000)) add(m.op, m.input, "bench/cases.mjs mutations(1000)");
writeFileSync(new URL("./report-cases.json", import.meta.url), JSON.stringify(out, null, 0).replaceAll('},{"op"', '},\n{"op"') + "\n");
console.log(`${out.length} cases`);
