// Asserts the answers of the scenario that the Node, Deno, workerd, browser-page and Web Worker checks
// run in their runtime (each against its own stub server), and that the stub server received exactly
// the request the client sent:
//   valid    = validate("juspay.updateCustomer", { customer_id, email_address })   → ok
//   invalid  = validate("juspay.updateCustomer", { customer_id, email })           → unknown_field
//   built    = buildRequest("juspay.updateCustomer", { customer_id, first_name }, { baseUrl })
//   sent     = createClient("juspay", { baseUrl }).updateCustomer({ customer_id, email_address })
// CLI: node check-scenario.mjs --label L --upstream URL (--result-url URL | --result-file FILE)
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const EMAIL = "tim@example.com";
const ID = "cst_om2l6ctlptxwxuzj";

export async function checkScenario(result, { upstream, label, id = ID }) {
  const step = (name, fn) => { fn(); console.log(`  ok - ${label}: ${name}`); };

  step("validate accepts a valid input", () =>
    assert.deepEqual(result.valid, { ok: true, value: { customer_id: id, email_address: EMAIL } }));

  step("validate reports a wrong field name with a suggestion", () => {
    assert.equal(result.invalid.ok, false);
    const issue = result.invalid.issues.find((i) => i.path.join(".") === "email");
    assert.ok(issue, JSON.stringify(result.invalid.issues));
    assert.equal(issue.code, "unknown_field");
    assert.match(issue.message, /Did you mean "email_address"\?/);
  });

  step("buildRequest gives method, URL, headers and body", () =>
    assert.deepEqual(result.built, {
      ok: true, method: "POST", url: `${upstream}/customers/${id}`,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "x-routing-id": id },
      body: "first_name=Tim",
    }));

  step("createClient(...).updateCustomer sent the request and decoded the answer", () => {
    assert.equal(result.sent.ok, true, JSON.stringify(result.sent));
    assert.equal(result.sent.status, 200);
    assert.deepEqual(result.sent.data, { id, object: "customer", stub: true });
  });

  const received = await (await fetch(`${upstream}/__requests`, { signal: AbortSignal.timeout(5000) })).json();
  step("the local server received that request, body and headers intact", () => {
    assert.equal(received.length, 1, JSON.stringify(received));
    const mine = received.filter((r) => r.path === `/customers/${id}`);
    assert.equal(mine.length, 1, JSON.stringify(received));
    assert.equal(mine[0].method, "POST");
    assert.equal(mine[0].body, "email_address=tim%40example.com");
    assert.equal(mine[0].headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(mine[0].headers["x-routing-id"], id);
    assert.equal(mine[0].headers.authorization, undefined, "no credentials configured, so no auth header");
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values: a } = parseArgs({
    options: { label: { type: "string" }, upstream: { type: "string" }, "result-url": { type: "string" }, "result-file": { type: "string" } },
  });
  const result = a["result-url"]
    ? await (async () => {
        const res = await fetch(a["result-url"], { signal: AbortSignal.timeout(10000) });
        const text = await res.text();
        assert.equal(res.status, 200, `worker answered ${res.status}: ${text}`);
        return JSON.parse(text);
      })()
    : JSON.parse(await readFile(a["result-file"], "utf8"));
  await checkScenario(result, { upstream: a.upstream, label: a.label });
}
