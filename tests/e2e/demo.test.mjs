// End to end: the demo page (www/) in Debian's Chromium, driven with playwright-core, sending
// through the edge function (real workerd) to the provider simulator. For every provider:
// messages beside invalid fields, a valid edit that changes exactly the edited fields of the
// stored customer, a server-side error shown on the page, a 503 retried to success,
// screenshots (desktop and phone), no secret in the page, the browser's traffic or the
// simulator's log, and a clean console.
//   node --test tests/e2e/        (needs pkg/dist: bash scripts/build-pkg.sh)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { diff, example, validate } from "customer-update";
import { startDemo } from "../../www/dev.mjs";

const T = { timeout: 30_000 };
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const CREDENTIALS = JSON.parse(readFileSync(fileURLToPath(new URL("../../www/simulator/credentials.json", import.meta.url)), "utf8"));

// Seeded records in the simulator (www/simulator/README.md, "State").
const ID = {
  accessbank: "0702334455",
  juspay: "cst_om2l6ctlptxwxuzj",
  bvnk: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06",
  gathr: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
  m2p: "615928984620006085281025",
};
const PROVIDERS = Object.keys(ID);
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]+/;
const OPS = [
  "accessbank.updateCustomerDetails", "juspay.updateCustomer",
  "bvnk.updateCustomer", "bvnk.updateCustomerStatus", "bvnk.updateCustomerAssociates",
  "gathr.updateCustomer", "m2p.updateCustomer", "m2p.updateCustomerStatus", "m2p.updateNomineeDetails",
];

let demo;
let browser;
/** The token endpoints' answers, read off the simulator's server (its state does not expose tokens). */
const tokenAnswers = [];
/** Everything the browser sent or received, every page's HTML and text, every simulator log line. */
const seen = { requests: [], responses: [], pages: [], simLog: [], pending: [] };
/** Console errors/warnings and page errors of every page, to check at the end as well. */
const allProblems = [];

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
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo({ port: await freePort(), edgePort: await freePort(), simPort: 0 });
  demo.sim.server.prependListener("request", (req, res) => {
    if (!/^\/(auth\/token|accessbank\/waas\/Client\/authenticate)$/.test(req.url.split("?")[0])) return;
    const end = res.end.bind(res);
    res.end = (chunk, ...rest) => {
      if (chunk) tokenAnswers.push(String(chunk));
      return end(chunk, ...rest);
    };
  });
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
  console.log(`screenshots: ${SHOTS}`);
}, { timeout: 20_000 });

// ---- the simulator ------------------------------------------------------------------------------

async function simCall(method, path, body) {
  const res = await fetch(`${demo.sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, json: await res.json() };
}

const stored = async (provider, id = ID[provider]) => (await simCall("GET", `/_sim/customers/${provider}/${encodeURIComponent(id)}`)).json;
const simLog = async () => (await simCall("GET", "/_sim/log")).json;

/** Restores the seeds (issued tokens stay valid: the edge caches them); keeps the log for the secrets check. */
async function resetSim() {
  seen.simLog.push(...(await simLog()).lines);
  assert.equal((await simCall("POST", "/_sim/reset", {})).status, 200);
}

// ---- the page -----------------------------------------------------------------------------------

/**
 * A fresh page showing `op`; `done()` records what it showed and asserts a clean console.
 * `httpError`: the status a test makes the edge answer with, whose "Failed to load resource"
 * line Chromium logs for every 4xx/5xx fetch (browser noise, not a page error).
 */
async function openOp(op, { viewport = DESKTOP, httpError } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  const expectedNoise = `Failed to load resource: the server responded with a status of ${httpError} `;
  page.on("console", (m) => {
    if (httpError && m.type() === "error" && m.text().startsWith(expectedNoise)) return;
    if (m.type() === "error" || m.type() === "warning") problems.push(`${op}: console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${op}: pageerror: ${e.message}`));
  page.on("request", (r) => {
    seen.pending.push(r.allHeaders().then(
      (headers) => seen.requests.push({ url: r.url(), method: r.method(), headers, body: r.postData() ?? "" }),
      () => seen.requests.push({ url: r.url(), method: r.method(), headers: r.headers(), body: r.postData() ?? "" }),
    ));
  });
  page.on("response", (r) => {
    if (!r.url().startsWith(demo.edge)) return; // the static files are checked as page content
    seen.pending.push(r.text().then((body) => seen.responses.push({ url: r.url(), status: r.status(), headers: r.headers(), body }), () => {}));
  });
  await page.goto(demo.url);
  await showOp(page, op);
  return {
    page,
    problems,
    async done() {
      seen.pages.push(await pageContent(page));
      await context.close();
      allProblems.push(...problems);
      assert.deepEqual(problems, [], "no console errors or warnings and no page errors");
    },
  };
}

async function showOp(page, op) {
  await page.waitForSelector("#provider option", { state: "attached" });
  await page.selectOption("#provider", op.split(".")[0]);
  await page.selectOption("#op", op);
  await page.waitForFunction((want) => document.getElementById("summary").textContent === want
    && document.querySelector("#fields .field") !== null, op);
}

/** The document's HTML, its visible text and every control's current value. */
function pageContent(page) {
  return page.evaluate(() => [
    document.documentElement.outerHTML,
    document.body.innerText,
    ...[...document.querySelectorAll("input, select, textarea")].map((el) => el.value),
  ].join("\n"));
}

const inputId = (path) => `#f-${path.replace(/\./g, "-")}`;

/** Types (or picks) `value` into the control for `path` ("a.b.0.c"), as a user would. */
async function setField(page, path, value) {
  const sel = inputId(path);
  const tag = await page.$eval(sel, (el) => el.tagName);
  if (tag === "SELECT") await page.selectOption(sel, String(value));
  else await page.fill(sel, String(value));
}

async function edit(page, edits) {
  for (const [path, value] of Object.entries(edits)) await setField(page, path, value);
}

/** What the form shows for one field wrapper (`.field`) or fieldset (`fieldset[data-path]`). */
function fieldState(page, path) {
  return page.evaluate((path) => {
    const wrap = document.querySelector(`[data-path="${CSS.escape(path)}"]`);
    if (!wrap) return null;
    const error = wrap.querySelector(":scope > .error");
    const control = wrap.matches("fieldset") ? wrap : wrap.querySelector(":scope > input, :scope > select, :scope > textarea");
    return {
      kind: wrap.matches("fieldset") ? "fieldset" : "field",
      error: error?.textContent ?? null,
      errorId: error?.id ?? null,
      errorShown: error ? getComputedStyle(error).display !== "none" && error.getClientRects().length > 0 : false,
      invalid: control.getAttribute("aria-invalid"),
      describedBy: (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean),
    };
  }, path);
}

async function send(page) {
  await page.waitForSelector("#send:not([disabled])");
  await page.click("#send");
  await page.waitForFunction(() => /\b(ok|fail)\b/.test(document.getElementById("result").className), null, { timeout: 20_000 });
  return page.evaluate(() => ({ text: document.getElementById("result").textContent, className: document.getElementById("result").className }));
}

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** `{ "a.0.b": v }` applied to a copy of `obj` as the form does: an emptied field is absent. */
function withEdits(obj, edits) {
  const out = structuredClone(obj);
  for (const [path, value] of Object.entries(edits)) {
    const keys = path.split(".");
    let o = out;
    for (const k of keys.slice(0, -1)) o = o[k];
    const last = keys[keys.length - 1];
    if (value === "") delete o[last];
    else o[last] = value;
  }
  return out;
}

/** The issues the page computes for the edited sample: diff from the sample, then validate. */
function expectedIssues(op, edits) {
  const p = diff(op, example(op), withEdits(example(op), edits));
  return p.ok ? (validate(op, p.value).issues ?? []) : p.issues;
}

// ---- 1. invalid input: messages beside the fields, Send disabled --------------------------------

const INVALID = {
  "accessbank.updateCustomerDetails": { email: "jane.doe@", phoneNumber: "08012345678" },
  "juspay.updateCustomer": { email_address: "tim.david@example", mobile_country_code: "+91" },
  "bvnk.updateCustomer": { "address.countryCode": "UK", "address.city": "" },
  "gathr.updateCustomer": { id_number: "8511215433086", email: "john@wick" },
  "m2p.updateNomineeDetails": { "nominees.0.percentShare": 0, "nominees.0.dob": "2999-01-01" },
};

for (const [op, edits] of Object.entries(INVALID)) {
  test(`${op.split(".")[0]}: invalid input shows the package's messages beside the fields and disables Send`, T, async () => {
    const issues = expectedIssues(op, edits).filter((i) => i.path.length > 0);
    for (const path of Object.keys(edits)) {
      assert.ok(issues.some((i) => i.path.join(".") === path), `the package reports an issue for ${path}: ${JSON.stringify(issues)}`);
    }

    const { page, done } = await openOp(op);
    await edit(page, edits);
    await page.locator(inputId(Object.keys(edits)[0])).blur();
    for (const issue of issues) {
      const path = issue.path.join(".");
      const st = await fieldState(page, path);
      assert.ok(st, `the form has an element for ${path}`);
      assert.ok(st.error.includes(issue.message), `${path}: "${st.error}" contains "${issue.message}"`);
      assert.ok(st.errorShown, `${path}: the message is displayed`);
      assert.ok(st.describedBy.includes(st.errorId), `${path}: aria-describedby (${st.describedBy}) references ${st.errorId}`);
      if (st.kind === "field") assert.equal(st.invalid, "true", `${path}: aria-invalid="true"`);
    }
    assert.equal(await page.isDisabled("#send"), true, "Send is disabled while the form is invalid");
    assert.match(await page.textContent("#send-note"), /Fix the issues/);
    assert.match(await page.textContent("#preview"), /Fix the issues/);
    await shot(page, `${op}-invalid-desktop`);
    await done();
  });
}

// ---- 2. valid input: sent, and the stored customer changes in exactly the edited fields ---------

/** `apply(record)` mutates a copy of the stored record the way the edits should; `server` names keys the provider maintains itself. */
const VALID = [
  {
    op: "accessbank.updateCustomerDetails",
    edits: { email: "jane.new@example.com" },
    apply: (r) => { r.email = "jane.new@example.com"; },
  },
  {
    op: "juspay.updateCustomer",
    edits: { first_name: "Tom" },
    apply: (r) => { r.first_name = "Tom"; },
    server: ["last_updated"],
  },
  {
    op: "bvnk.updateCustomer",
    edits: { description: "Ships spare parts", "address.city": "Austin" },
    apply: (r) => { r.company.description = "Ships spare parts"; r.company.address.city = "Austin"; },
  },
  {
    op: "gathr.updateCustomer",
    edits: { client_reference: "clientnumber2", popi: "true" },
    apply: (r) => { r.client_reference = "clientnumber2"; r.popi = true; },
  },
  {
    op: "m2p.updateCustomer",
    edits: { lastName: "Davids", "communication.mobile.value": "9123456780" },
    apply: (r) => { r.lastName = "Davids"; r.communication.mobile.value = "9123456780"; },
  },
  // Operations whose only body fields are required (the page's own change detection).
  {
    op: "bvnk.updateCustomerStatus",
    edits: { status: "REJECTED" },
    apply: (r) => { r.status = "REJECTED"; },
  },
  {
    op: "m2p.updateNomineeDetails",
    edits: { "nominees.0.name": "Ravi K" },
    apply: (r) => { r.nominees = [{ ...example("m2p.updateNomineeDetails").nominees[0], name: "Ravi K" }]; },
  },
];

for (const { op, edits, apply, server = [] } of VALID) {
  test(`${op}: a valid edit is sent and the stored customer changes in exactly the edited fields`, T, async () => {
    await resetSim();
    const provider = op.split(".")[0];
    const beforeRec = await stored(provider);
    const { page, done } = await openOp(op);
    await edit(page, edits);
    const patchView = await page.textContent("#patch");
    assert.match(patchView, /^changed: /, "the diff view lists the changes");
    const result = await send(page);
    assert.equal(result.className, "result ok", `sent: ${result.text}`);
    assert.match(result.text, /HTTP 200/);

    const afterRec = await stored(provider);
    const expected = structuredClone(beforeRec);
    apply(expected);
    for (const k of server) {
      assert.notDeepEqual(afterRec[k], beforeRec[k], `${k} is maintained by the provider and moves on an update`);
      expected[k] = afterRec[k];
    }
    assert.deepEqual(afterRec, expected, "only the edited fields differ");
    assert.notDeepEqual(afterRec, beforeRec);
    const state = (await simCall("GET", "/_sim/state")).json;
    assert.equal(state.appliedUpdates[op], 1, "one update applied");

    // After the send the page takes the sent values as its new baseline: nothing left to send.
    assert.equal(await page.isDisabled("#send"), true);
    assert.match(await page.textContent("#send-note"), /Edit a field/);
    await shot(page, `${op}-sent-desktop`);
    await done();
  });
}

// ---- 3. server-side errors shown on the page ----------------------------------------------------

const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";
const SERVER_ERRORS = [
  {
    name: "Access Bank: unknown accountNo → HTTP 200 with succeeded:false, code \"31\"",
    op: "accessbank.updateCustomerDetails",
    edits: { accountNo: "0000000000", email: "jane.new@example.com" },
    status: 200,
    // The edge answers an error inside a provider 200 (Access Bank's succeeded:false) with 422.
    edgeStatus: 422,
    result: [/31/, /Invalid account number/i],
  },
  {
    name: "Juspay: unknown customer_id → 404",
    op: "juspay.updateCustomer",
    edits: { customer_id: "cst_doesnotexist00", first_name: "Tom" },
    status: 404,
    result: [/not found|cannot find/i],
  },
  {
    name: "BVNK: unknown customerReference → 404 bvnk:platform:4040",
    op: "bvnk.updateCustomer",
    edits: { customerReference: UNKNOWN_UUID, description: "Ships spare parts" },
    status: 404,
    result: [/not found/i],
  },
  {
    name: "Gathr: unknown customer_id → 404 entity_not_found",
    op: "gathr.updateCustomer",
    edits: { customer_id: UNKNOWN_UUID, first_name: "Christopher" },
    status: 404,
    result: [/not found/i],
  },
  {
    // The page passes the sample's status (CREDIT_FREEZE) as currentStatus, so the client allows
    // → ACTIVE; the stored customer is already ACTIVE and only the server knows it.
    name: "M2P: status change to the status the customer already has → 409 PPCUST_032",
    op: "m2p.updateCustomerStatus",
    edits: { status: "ACTIVE" },
    status: 409,
    result: [/PPCUST_032|Invalid Status Transition/],
    field: { path: "status", message: /Invalid Status Transition|already|not allowed/i },
  },
];

for (const { name, op, edits, status, edgeStatus = status, result: patterns, field } of SERVER_ERRORS) {
  test(`server error shown on the page: ${name}`, T, async () => {
    await resetSim();
    const provider = op.split(".")[0];
    const beforeRec = await stored(provider);
    const { page, done } = await openOp(op, { httpError: edgeStatus });
    await edit(page, edits);
    const edgeAnswer = page.waitForResponse((r) => r.url() === `${demo.edge}/${op}` && r.request().method() === "POST");
    const result = await send(page);
    assert.equal((await edgeAnswer).status(), edgeStatus, "the edge's status (README status table)");
    assert.equal(result.className, "result fail", `shown as a failure: ${result.text}`);
    for (const re of patterns) assert.match(result.text, re);
    assert.doesNotMatch(result.text, /\(code ([^)]+)\).*\(code \1\)/, "the provider's code is shown once");
    if (field) {
      const st = await fieldState(page, field.path);
      assert.match(st.error, field.message, `the server's message is shown beside ${field.path}`);
      assert.equal(st.invalid, "true");
      assert.ok(st.describedBy.includes(st.errorId));
    }
    const entries = (await simLog()).entries.filter((e) => e.op === op);
    assert.deepEqual(entries.map((e) => e.status), [status], "the simulator answered once, with the error");
    assert.deepEqual(await stored(provider), beforeRec, "the stored customer is unchanged");
    await shot(page, `${op}-server-error-desktop`);
    await done();
  });
}

// ---- 4. a 503 is retried (by the edge function) and the update succeeds -------------------------

const FAULTS = [
  { op: "bvnk.updateCustomer", edits: { description: "After a 503" }, check: (r) => r.company.description === "After a 503" },
  { op: "m2p.updateCustomer", edits: { firstName: "Timo" }, check: (r) => r.firstName === "Timo" },
];

for (const { op, edits, check } of FAULTS) {
  test(`${op}: a queued 503 is retried and the update succeeds`, T, async () => {
    await resetSim();
    const provider = op.split(".")[0];
    const q = await simCall("POST", "/_sim/faults", { provider, op, fault: "503", times: 1 });
    assert.equal(q.status, 200);
    const { page, done } = await openOp(op);
    await edit(page, edits);
    const edgeAnswer = page.waitForResponse((r) => r.url() === `${demo.edge}/${op}` && r.request().method() === "POST");
    const result = await send(page);
    assert.equal(result.className, "result ok", result.text);
    assert.equal((await edgeAnswer).status(), 200, "the edge answered 200 after its retry");

    const entries = (await simLog()).entries.filter((e) => e.op === op);
    assert.deepEqual(entries.map((e) => [e.status, e.fault]), [[503, "503"], [200, "-"]], "the log shows the 503, then the success");
    if (provider === "m2p") {
      const ids = entries.map((e) => e.headers["x-request-id"]);
      assert.ok(ids[0], "X-Request-ID sent");
      assert.equal(ids[1], ids[0], "the retry reuses the X-Request-ID");
    }
    assert.ok(check(await stored(provider)), "the update was applied");
    assert.equal((await simCall("GET", "/_sim/state")).json.appliedUpdates[op], 1, "applied once");
    assert.deepEqual((await simCall("GET", "/_sim/faults")).json.queued, [], "the fault was used up");
    await done();
  });
}

// Gathr's PATCH is not idempotent (its spec names no idempotency header): a 503 is shown, not retried,
// so a request the provider may have half-applied is never sent twice.
test("gathr.updateCustomer: a queued 503 is not retried (PATCH without an idempotency key); the page shows it", T, async () => {
  await resetSim();
  const op = "gathr.updateCustomer";
  const before = await stored("gathr");
  const q = await simCall("POST", "/_sim/faults", { provider: "gathr", op, fault: "503", times: 1 });
  assert.equal(q.status, 200);
  const { page, done } = await openOp(op, { httpError: 503 });
  await edit(page, { first_name: "Chrissy" });
  const result = await send(page);
  assert.equal(result.className, "result fail", result.text);
  assert.match(result.text, /503/);
  const entries = (await simLog()).entries.filter((e) => e.op === op);
  assert.deepEqual(entries.map((e) => [e.status, e.fault]), [[503, "503"]], "sent once: the 503 only");
  assert.deepEqual(await stored("gathr"), before, "nothing was applied");
  await done();
});

// ---- 5. screenshots of every form, desktop and phone; and a clean console everywhere ------------

test("screenshots of every provider's forms at desktop (1280 wide) and phone (390×844) width; no console errors", T, async () => {
  for (const [viewport, tag] of [[DESKTOP, "desktop"], [PHONE, "phone"]]) {
    const { page, done } = await openOp(OPS[0], { viewport });
    for (const op of OPS) {
      await showOp(page, op);
      await shot(page, `${op}-${tag}`);
      if (tag === "phone") {
        // Nothing may stick out sideways on a phone.
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= 390, `${op}: page is ${wide}px wide at 390`);
      }
    }
    await done();
  }
  const { page, done } = await openOp("m2p.updateNomineeDetails", { viewport: PHONE });
  await edit(page, INVALID["m2p.updateNomineeDetails"]);
  await shot(page, "m2p.updateNomineeDetails-invalid-phone");
  await done();
  console.log(`screenshots written to ${SHOTS}`);
});

test("every provider's page loads and switches operations without console or page errors; a fresh sample shows no error", T, async () => {
  const { page, done } = await openOp(OPS[0]);
  for (const provider of PROVIDERS) {
    for (const op of OPS.filter((o) => o.startsWith(`${provider}.`))) {
      await showOp(page, op);
      for (const when of ["loaded", "after Reset"]) {
        const shown = await page.evaluate(() => ({
          errors: [...document.querySelectorAll(".error, #form-issues li")].map((e) => e.textContent).filter(Boolean),
          invalid: document.querySelectorAll('[aria-invalid="true"]').length,
          sendDisabled: document.getElementById("send").disabled,
          note: document.getElementById("send-note").textContent,
        }));
        assert.deepEqual(shown, { errors: [], invalid: 0, sendDisabled: true, note: "Edit a field to send a change." }, `${op} ${when}`);
        await page.click("#reset");
        await page.waitForFunction(() => document.querySelector("#fields .field") !== null);
      }
    }
  }
  await done();
  assert.deepEqual(allProblems, [], "no console errors or warnings and no page errors in any test");
});

// ---- 6. no secret in the page, the browser's traffic or the simulator's log ---------------------

test("no credential or issued token appears in the page, the browser's requests or the simulator's log", T, async () => {
  // Make sure both token flows ran (Access Bank and M2P issue tokens) before looking.
  await resetSim();
  for (const { op, edits } of [VALID[0], VALID[4]]) {
    const { page, done } = await openOp(op);
    await edit(page, edits);
    assert.equal((await send(page)).className, "result ok");
    await done();
  }
  await Promise.allSettled(seen.pending);
  seen.simLog.push(...(await simLog()).lines);

  const credentialValues = [];
  for (const [provider, creds] of Object.entries(CREDENTIALS)) {
    if (provider.startsWith("_")) continue;
    for (const [key, value] of Object.entries(creds)) credentialValues.push({ name: `${provider}.${key}`, value, secret: /key|secret|token|password/i.test(key) });
  }
  credentialValues.push({ name: "juspay Basic form", value: Buffer.from(`${CREDENTIALS.juspay.apiKey}:`).toString("base64"), secret: true });
  const tokens = tokenAnswers.map((text) => JSON.parse(text)).flatMap((a) => [
    a.data?.accessToken && { name: "accessbank token", value: a.data.accessToken, secret: true },
    a.access_token && { name: "m2p token", value: a.access_token, secret: true },
  ]).filter(Boolean);
  assert.ok(tokens.some((t) => t.name === "accessbank token"), "an Access Bank token was issued");
  assert.ok(tokens.some((t) => t.name === "m2p token"), "an M2P token was issued");
  const state = (await simCall("GET", "/_sim/state")).json;
  assert.ok(state.tokenRequests.accessbank + state.tokenRequests.m2p <= tokenAnswers.length, "every token answer since the last reset was seen");
  const needles = [...credentialValues, ...tokens];

  const haystacks = {
    "the page (HTML, text, control values)": seen.pages,
    "the browser's requests (URL, headers, body)": seen.requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`),
    "the edge function's answers to the browser": seen.responses.map((r) => `${r.status} ${JSON.stringify(r.headers)}\n${r.body}`),
  };
  assert.ok(seen.pages.length >= 2 && seen.requests.length >= 6 && seen.responses.length >= 2, "there is traffic to look at");
  for (const [where, texts] of Object.entries(haystacks)) {
    for (const { name, value } of needles) {
      const hit = texts.find((t) => t.includes(value));
      assert.equal(hit, undefined, `${name} appears in ${where}`);
    }
    assert.equal(texts.find((t) => JWT.test(t)), undefined, `a JWT-shaped string appears in ${where}`);
  }
  // The log shows identifiers (merchant id, Hawk id, tenant, client id) by design; secrets never.
  assert.ok(seen.simLog.length >= 4, "the log has lines");
  for (const { name, value } of needles.filter((n) => n.secret)) {
    assert.equal(seen.simLog.find((l) => l.includes(value)), undefined, `${name} appears in the simulator's log`);
  }
  assert.equal(seen.simLog.find((l) => JWT.test(l)), undefined, "no JWT-shaped string in the log");
  // Gathr answers carry the customer's own api_token; the edge keeps it server-side.
  assert.equal(seen.responses.find((r) => /api_token|sim-gathr-customer-api-token/.test(r.body)), undefined, "Gathr's api_token reaches the browser");
});
