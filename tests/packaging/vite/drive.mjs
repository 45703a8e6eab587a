// Drives the built Vite app in headless Chromium (playwright-core, /usr/bin/chromium): each form
// (React Hook Form, TanStack Form) gets an empty submit, an invalid one, one with only a root
// (whole-input) issue, and a valid one; the errors must show next to their fields, and only the valid
// submit may reach onSave.
//   node drive.mjs URL LABEL [FORM_IDS]     FORM_IDS: comma-separated, default rhf,tanstack
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const [url, label, ids = "rhf,tanstack"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const problems = [];
try {
  const page = await browser.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  for (const id of ids.split(",")) {
    const form = page.locator(`#${id}`);
    await form.waitFor({ timeout: 15000 });
    // A server-rendered form (Next.js) marks itself once React has hydrated it.
    if (label.includes("next")) await page.locator(`#${id}[data-hydrated]`).waitFor({ timeout: 15000 });
    const alerts = async () => {
      await page.waitForTimeout(50);
      return Object.fromEntries(await form.locator("[role=alert]").evaluateAll((ps) => ps.map((p) => [p.dataset.field, p.textContent])));
    };
    const result = () => page.locator(`#${id}-result`).textContent();
    const submit = async () => { await form.locator("button").click(); await page.waitForTimeout(100); };
    const name = id === "rhf" ? "react-hook-form" : "TanStack Form";

    await submit();
    let a = await alerts();
    assert.ok(a.customer_id, `${name}, empty submit: no error next to customer_id (${JSON.stringify(a)})`);
    assert.equal(await result(), "", `${name}: an empty form reached onSave`);
    console.log(`  ok - ${label}, ${name}: empty submit shows "${a.customer_id}" next to customer_id`);

    await form.locator("input[name=customer_id]").fill("cst_om2l6ctlptxwxuzj");
    await form.locator("input[name=email_address]").fill("nope");
    await submit();
    a = await alerts();
    assert.match(a.email_address ?? "", /email address/i, `${name}, invalid email: ${JSON.stringify(a)}`);
    assert.equal(a.customer_id, undefined, `${name}: customer_id still flagged: ${JSON.stringify(a)}`);
    assert.equal(await result(), "", `${name}: an invalid form reached onSave`);
    console.log(`  ok - ${label}, ${name}: invalid email shows "${a.email_address}"`);

    await form.locator("input[name=email_address]").fill("");
    await submit();
    a = await alerts();
    assert.match(a.root ?? "", /(Provide|Fill in) at least one of/, `${name}, only customer_id: no form-level error: ${JSON.stringify(a)}`);
    assert.equal(await result(), "", `${name}: a form with a root issue reached onSave`);
    console.log(`  ok - ${label}, ${name}: a whole-input issue (path []) shows as a form error`);

    await form.locator("input[name=email_address]").fill("tim@example.com");
    await submit();
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent !== "", `#${id}-result`, { timeout: 5000 });
    assert.deepEqual(JSON.parse(await result()), { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim@example.com" });
    assert.deepEqual(await alerts(), {}, `${name}: errors left after a valid submit`);
    console.log(`  ok - ${label}, ${name}: a valid submit reaches onSave with the typed value`);
  }
} finally {
  await browser.close();
}
assert.deepEqual(problems, [], "console errors or page errors");
console.log(`  ok - ${label}: no console errors or page errors`);
