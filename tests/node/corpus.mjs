// The test corpus of inputs for tests that compare two ways of building the same issues: the
// bench's agreement cases and timed payloads, each operation's several-violation input, and
// `n` random mutations ([op, input] pairs, operations the package knows only).
import { operations } from "customer-update";
import { agreement, bench, mutations } from "../../bench/cases.mjs";
import { several } from "./cases.mjs";

export function corpus(n) {
  const out = [];
  for (const [op, cases] of Object.entries(agreement)) for (const c of cases) out.push([op, c.input]);
  for (const [op, p] of Object.entries(bench)) out.push([op, p.invalid], [op, p.valid]);
  for (const [op, c] of Object.entries(several)) out.push([op, c.input]);
  for (const m of mutations(n)) out.push([m.op, m.input]);
  return out.filter(([op]) => operations().includes(op));
}
