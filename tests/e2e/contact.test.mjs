// End to end: the demo's Contact tab (issue 16) in Debian's Chromium, driven with playwright-core:
// one contact, the five providers side by side (verdict, request, fields they cannot take), a
// provider's own rule shown on the contact's field, and Send through the edge function (real
// workerd) to the simulator, checked in the stored records. Screenshots (desktop and phone) and a
// clean console.
//   node --test --test-concurrency=1 tests/e2e/        (needs pkg/dist: bash scripts/build-pkg.sh)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startDemo } from "../../www/dev.mjs";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const T = { timeout: 60_000 };
const ID = {
  accessbank: "0702334455",
  juspay: "cst_om2l6ctlptxwxuzj",
  bvnk: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06",
  gathr: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
  m2p: "615928984620006085281025",
};

let demo;
let browser;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo({ port: await freePort(), edgePort: await freePort(), simPort: 0 });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    timeout: 30_000,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, { timeout: 90_000 }); // the demo's workerd may take up to a minute to start on a loaded machine

after(async () => {
  try {
    await browser?.close();
  } finally {
    await demo?.close();
  }
}, { timeout: 20_000 });

const stored = async (p) => (await fetch(`${demo.sim.url}/_sim/customers/${p}/${encodeURIComponent(ID[p])}`)).json();

async function openContact(viewport = { width: 1400, height: 1000 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(demo.url);
  // The tab works once www/contact.js has run (it builds the cards).
  await page.locator(".card").nth(4).waitFor({ state: "attached" });
  await page.getByRole("tab", { name: "Contact" }).click();
  await page.locator(".card").nth(4).waitFor();
  return { page, problems, close: () => context.close() };
}

const card = (page, p) => page.locator(`.card[data-provider="${p}"]`);
const text = async (page, p, sel) => (await card(page, p).locator(sel).textContent()) ?? "";

test("Contact tab: five providers side by side, each with its verdict, request and the fields it cannot take", T, async () => {
  const { page, problems, close } = await openContact();
  try {
    assert.equal(await page.locator("#view-ops").isHidden(), true);
    assert.equal(await page.locator(".card").count(), 5);
    // The sample contact (a person in India, no middle name): M2P takes all of it.
    assert.equal(await text(page, "m2p", "[data-verdict]"), "Takes the whole contact.");
    assert.match(await text(page, "m2p", "[data-request]"), /"dob":"31\/01\/1990"/);
    assert.match(await text(page, "m2p", "[data-request]"), /"countryCode":91/);
    assert.match(await text(page, "m2p", "[data-request]"), /"country":"India"/);
    // Juspay: the phone split, form-encoded; birth date and address cannot go there.
    assert.equal(await text(page, "juspay", "[data-verdict]"), "Takes part of the contact.");
    assert.match(await text(page, "juspay", "[data-request]"), /&mobile_number=9812345678&mobile_country_code=91$/);
    assert.match(await text(page, "juspay", "[data-unsupported]"), /Cannot take: birthDate, address\.lines, address\.city, address\.region, address\.postalCode, address\.country/);
    // Access Bank: email and phone only; BVNK: the address only (no region); Gathr: no phone.
    assert.match(await text(page, "accessbank", "[data-unsupported]"), /givenName, familyName, birthDate/);
    assert.match(await text(page, "accessbank", "[data-request]"), /"phoneNumber":"\+919812345678"/);
    assert.match(await text(page, "bvnk", "[data-unsupported]"), /email, phone, givenName, familyName, birthDate, address\.region/);
    assert.match(await text(page, "bvnk", "[data-request]"), /"countryCode":"IN","country":"India"/);
    assert.match(await text(page, "gathr", "[data-unsupported]"), /phone/);
    await page.screenshot({ path: `${SHOTS}contact-desktop.png`, fullPage: true });

    // A South African mobile: M2P's 10-digit rule lands on the contact's phone; Juspay still takes it.
    await page.locator("#c-phone").fill("+27821234567");
    assert.equal(await text(page, "m2p", "[data-verdict]"), "1 problem.");
    assert.match(await text(page, "m2p", "[data-issues]"), /^phone: Mobile number must be exactly 10 digits\./);
    assert.equal(await card(page, "m2p").locator("[data-send]").isDisabled(), true);
    assert.match(await text(page, "juspay", "[data-request]"), /mobile_country_code=27/);
    // Not E.164 at all: every provider that takes a phone says so on `phone`.
    await page.locator("#c-phone").fill("0821234567");
    for (const p of ["accessbank", "juspay", "m2p"]) assert.match(await text(page, p, "[data-issues]"), /^phone: /, p);
    assert.equal(await text(page, "gathr", "[data-verdict]"), "Takes part of the contact.");
    await page.locator("#c-phone").fill("+919812345678");
    assert.equal(await text(page, "m2p", "[data-verdict]"), "Takes the whole contact.");
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test("Contact tab: Send through the edge to Juspay, M2P and BVNK; the simulator stores the converted values", T, async () => {
  await fetch(`${demo.sim.url}/_sim/reset`, { method: "POST", body: "{}" });
  const { page, problems, close } = await openContact();
  try {
    await page.locator("#c-middleName").fill("King");
    for (const p of ["juspay", "m2p", "bvnk"]) {
      await card(page, p).locator("[data-send]").click();
      await card(page, p).locator(".result.ok, .result.fail").waitFor();
      assert.match(await text(page, p, "[data-result]"), /^Sent: HTTP 200\./, p);
    }
    // What each provider answered reads back as the contact's fields.
    assert.match(await text(page, "juspay", "[data-result]"), /"givenName":"Ada","middleName":"King"/);
    assert.match(await text(page, "m2p", "[data-result]"), /"birthDate":"1990-01-31"/);
    const j = await stored("juspay");
    assert.deepEqual([j.mobile_country_code, j.mobile_number, j.first_name, j.last_name], ["91", "9812345678", "Ada King", "Lovelace"]);
    const m = await stored("m2p");
    assert.equal(m.dob, "31/01/1990");
    assert.deepEqual(m.communication.mobile, { value: "9812345678", countryCode: 91 });
    assert.deepEqual([m.permanentAddress.address1, m.permanentAddress.address2, m.permanentAddress.pin, m.permanentAddress.country], ["12 Beach Road", "Flat 3", "600001", "India"]);
    const b = await stored("bvnk");
    assert.deepEqual([b.company.address.addressLine1, b.company.address.countryCode, b.company.address.country], ["12 Beach Road", "IN", "India"]);
    // A reference the provider does not know: its error, shown on the card.
    await card(page, "gathr").locator("[data-ref]").fill("00000000-0000-0000-0000-000000000000");
    await card(page, "gathr").locator("[data-send]").click();
    await card(page, "gathr").locator(".result.fail").waitFor();
    assert.match(await text(page, "gathr", "[data-result]"), /404|not found|No customer/i);
    assert.deepEqual(problems.filter((p) => !/status of 404/.test(p)), []);
  } finally {
    await close();
  }
});

test("Contact tab on a phone: the cards stack and stay readable", T, async () => {
  const { page, problems, close } = await openContact({ width: 390, height: 844 });
  try {
    const boxes = await page.locator(".card").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    for (const w of boxes) assert.ok(w > 300, `card width ${w}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
    await page.screenshot({ path: `${SHOTS}contact-phone.png`, fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
