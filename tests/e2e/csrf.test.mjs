// CSRF through the edge, in real Chromium against the demo stack (real workerd edge, simulator):
// a page on another origin (another port, and a `data:` page whose origin is "null") auto-submits
// plain HTML forms at the edge. A form needs no CORS preflight, so only the edge itself can refuse
// it. Each form is one an attacker would write against the edge's routes: text/plain carrying JSON
// (`name={"…","x":"` + `value="}` gives a JSON body) and form-encoded fields, at the routes the edge
// exposes now (POST /<op id>) and the proxy routes it used to expose (/p/<provider>/<path>).
// Issue 13: before the edge handler, the text/plain form changed an M2P customer's first name.
// Passes when no customer changed and the simulator applied no update.
//   node --test tests/e2e/        (needs pkg/dist: bash scripts/build-pkg.sh)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createServer } from "node:net";
import { chromium } from "playwright-core";
import { startDemo } from "../../www/dev.mjs";

const M2P_ID = "615928984620006085281025";
const JUSPAY_ID = "cst_om2l6ctlptxwxuzj";
let demo;
let browser;
let attacker;
let attackerUrl;

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

const esc = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** An auto-submitting form: `fields` is [[name, value], …]. */
function formPage(action, enctype, fields) {
  const inputs = fields.map(([n, v]) => `<input type="hidden" name="${esc(n)}" value="${esc(v)}">`).join("");
  return `<!doctype html><html><body><form id="f" method="POST" action="${esc(action)}" enctype="${enctype}">${inputs}</form>`
    + `<script>document.getElementById("f").submit()</script></body></html>`;
}

// text/plain sends `name=value\r\n`: the `=` lands inside a JSON string (an email's local part
// may hold it), so the body is valid JSON for M2P's update.
function m2pJsonViaTextPlain(action) {
  return formPage(action, "text/plain", [[
    `{"entityId":"${M2P_ID}","firstName":"Pwned","communication":{"email":"pw`,
    `ned@evil.example"}}`,
  ]]);
}

function attacks(edge) {
  return [
    { name: "text/plain JSON → POST /m2p.updateCustomer", html: m2pJsonViaTextPlain(`${edge}/m2p.updateCustomer`) },
    { name: "text/plain JSON → the old proxy route /p/m2p/v1/customers/update", html: m2pJsonViaTextPlain(`${edge}/p/m2p/v1/customers/update`) },
    {
      name: "form-encoded → POST /juspay.updateCustomer",
      html: formPage(`${edge}/juspay.updateCustomer`, "application/x-www-form-urlencoded", [["customer_id", JUSPAY_ID], ["first_name", "Pwned"]]),
    },
    {
      name: "form-encoded → the old proxy route /p/juspay/customers/<id>",
      html: formPage(`${edge}/p/juspay/customers/${JUSPAY_ID}`, "application/x-www-form-urlencoded", [["first_name", "Pwned"]]),
    },
    {
      name: "multipart → POST /gathr.updateCustomer",
      html: formPage(`${edge}/gathr.updateCustomer`, "multipart/form-data", [["customer_id", "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27"], ["first_name", "Pwned"]]),
    },
  ];
}

async function simGet(path) {
  const r = await fetch(`${demo.sim.url}${path}`, { signal: AbortSignal.timeout(5000) });
  return r.json();
}

before(async () => {
  demo = await startDemo({ port: await freePort(), edgePort: await freePort(), simPort: 0 });
  const pages = new Map();
  attacker = http.createServer((req, res) => {
    const html = pages.get(req.url);
    res.writeHead(html ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html ?? "not found");
  });
  await new Promise((r) => attacker.listen(0, "127.0.0.1", r));
  attackerUrl = `http://127.0.0.1:${attacker.address().port}`;
  attacks(demo.edge).forEach((a, i) => pages.set(`/attack/${i}`, a.html));
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
    await new Promise((r) => (attacker ? attacker.close(r) : r()));
    await demo?.close();
  }
}, { timeout: 20_000 });

/** Opens `url` (the attacker's page), waits for the form's answer from the edge; returns its status. */
async function submit(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const answered = page.waitForResponse((r) => r.url().startsWith(demo.edge) && r.request().method() === "POST", { timeout: 15_000 });
    await page.goto(url, { waitUntil: "commit" });
    const res = await answered;
    return { status: res.status(), origin: (await res.request().allHeaders()).origin ?? null };
  } finally {
    await context.close();
  }
}

test("auto-submitting forms on another origin (another port, and a data: page) change no customer through the edge", { timeout: 90_000 }, async () => {
  const m2pBefore = await simGet(`/_sim/customers/m2p/${M2P_ID}`);
  const juspayBefore = await simGet(`/_sim/customers/juspay/${JUSPAY_ID}`);
  const list = attacks(demo.edge);
  const outcomes = [];
  for (let i = 0; i < list.length; i++) {
    const fromPort = await submit(`${attackerUrl}/attack/${i}`);
    const fromData = await submit(`data:text/html;base64,${Buffer.from(list[i].html).toString("base64")}`);
    outcomes.push({ attack: list[i].name, fromPort, fromData });
  }
  console.log(JSON.stringify(outcomes, null, 1));
  const state = await simGet("/_sim/state");
  assert.deepEqual(state.appliedUpdates, {}, "the simulator applied no update");
  assert.deepEqual(await simGet(`/_sim/customers/m2p/${M2P_ID}`), m2pBefore, "the M2P customer is unchanged");
  assert.deepEqual(await simGet(`/_sim/customers/juspay/${JUSPAY_ID}`), juspayBefore, "the Juspay customer is unchanged");
  for (const o of outcomes) {
    // The forms really reached the edge from a foreign origin, and were refused there.
    assert.equal(o.fromPort.origin, attackerUrl, `${o.attack}: Chromium sent the attacker's Origin`);
    assert.equal(o.fromData.origin, "null", `${o.attack}: a data: page sends Origin: null`);
    for (const r of [o.fromPort, o.fromData]) assert.ok(r.status >= 400 && r.status < 500, `${o.attack}: refused with a 4xx (got ${r.status})`);
  }
});
