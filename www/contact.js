// The demo's Contact tab (issue 16): one normalized contact, the five providers side by side —
// each one's verdict (toProvider, issues on the contact's paths), the request it would send
// (buildRequest over the fields it takes), the fields it cannot take — and Send to any of them
// through the edge function (no credentials in the page).
import { buildRequest, describe, example, fromProvider, providers as providerInfo, toProvider } from "/pkg/browser.js";

const $ = (id) => document.getElementById(id);
const config = await (await fetch("/demo-config.json")).json();

// ---- tabs -----------------------------------------------------------------------------------

function showTab(name) {
  for (const b of document.querySelectorAll("[role=tab]")) {
    const on = b.dataset.tab === name;
    b.setAttribute("aria-selected", String(on));
    b.tabIndex = on ? 0 : -1;
    $(b.getAttribute("aria-controls")).hidden = !on;
  }
}
for (const b of document.querySelectorAll("[role=tab]")) b.addEventListener("click", () => showTab(b.dataset.tab));

// ---- the contact form -----------------------------------------------------------------------

/** The contact's fields: [path, label, hint, sample]. The sample is one person in India. */
const FIELDS = [
  ["email", "Email", "", "ada@example.com"],
  ["phone", "Phone", "E.164, e.g. +2348012345678", "+919812345678"],
  ["givenName", "Given name", "", "Ada"],
  ["middleName", "Middle name", "", ""],
  ["familyName", "Family name", "", "Lovelace"],
  ["birthDate", "Birth date", "yyyy-MM-dd", "1990-01-31"],
  ["address.lines", "Address lines", "One line per row", "12 Beach Road\nFlat 3"],
  ["address.city", "City", "", "Chennai"],
  ["address.region", "Region", "State or province", "Tamil Nadu"],
  ["address.postalCode", "Postal code", "", "600001"],
  ["address.country", "Country", "ISO 3166-1 alpha-2, e.g. NG", "IN"],
];
const idOf = (path) => `c-${path.replace(/\./g, "-")}`;

for (const [path, label, hint, sample] of FIELDS) {
  const wrap = document.createElement("div");
  wrap.className = "field";
  wrap.dataset.contactPath = path;
  const l = document.createElement("label");
  l.htmlFor = idOf(path);
  l.textContent = label;
  const input = document.createElement(path === "address.lines" ? "textarea" : "input");
  input.id = idOf(path);
  input.name = path;
  if (input.tagName === "TEXTAREA") input.rows = 2;
  else input.type = "text";
  if (path === "email") input.inputMode = "email";
  if (path === "phone") input.inputMode = "tel";
  input.value = sample;
  wrap.append(l, input);
  if (hint) {
    const h = document.createElement("p");
    h.className = "hint";
    h.id = `${input.id}-hint`;
    h.textContent = hint;
    input.setAttribute("aria-describedby", h.id);
    wrap.append(h);
  }
  input.addEventListener("input", refresh);
  $("contact-fields").append(wrap);
}

/** The form as a contact: empty fields are absent (unchanged). */
function contact() {
  const out = {};
  for (const [path] of FIELDS) {
    const raw = $(idOf(path)).value;
    if (raw.trim() === "") continue;
    const value = path === "address.lines" ? raw.split("\n").filter((l) => l.trim() !== "") : raw;
    const [a, b] = path.split(".");
    if (b === undefined) out[a] = value;
    else (out[a] ??= {})[b] = value;
  }
  return out;
}

// ---- the providers --------------------------------------------------------------------------

/** Per provider: its operation, the input field of the customer reference and the seed's value. */
const cards = new Map();
for (const p of providerInfo()) {
  // The contact's operation (toProvider names it, ok or not) and its reference field: the
  // operation's path parameter or required field (describe), with the seed example's value.
  const opId = toProvider(p.id, {}, { id: "" }).op;
  const idField = describe(opId).find((f) => f.path.length === 1 && (f.location === "path" || f.required));
  const card = document.createElement("section");
  card.className = "card";
  card.dataset.provider = p.id;
  card.setAttribute("aria-labelledby", `card-${p.id}-title`);
  card.innerHTML = `
    <h3 id="card-${p.id}-title"></h3>
    <p class="op"></p>
    <label class="ref"><span></span><input type="text" data-ref></label>
    <p class="verdict" data-verdict></p>
    <ul class="issues" data-issues></ul>
    <p class="unsupported" data-unsupported></p>
    <details open><summary>Request it would send</summary><pre data-request></pre></details>
    <button type="button" class="send" data-send>Send to </button>
    <div class="result" data-result role="status" aria-live="polite"></div>`;
  card.querySelector("h3").textContent = p.name;
  card.querySelector("[data-send]").append(p.name);
  card.querySelector(".ref span").textContent = idField?.label ?? "Customer reference";
  const ref = card.querySelector("[data-ref]");
  ref.value = idField ? String(example(opId)[idField.path[0]] ?? "") : "";
  ref.addEventListener("input", refresh);
  card.querySelector("[data-send]").addEventListener("click", () => send(p.id));
  cards.set(p.id, { card, name: p.name });
  $("contact-cards").append(card);
}

function line(issue) {
  const li = document.createElement("li");
  li.textContent = `${issue.path.join(".") || "(contact)"}: ${issue.message}`;
  li.dataset.code = issue.code;
  return li;
}

/** The strict verdict and the lenient mapping (the fields it cannot take left out) per provider. */
function evaluate(p) {
  const { card } = cards.get(p);
  const id = card.querySelector("[data-ref]").value;
  const c = contact();
  return { strict: toProvider(p, c, { id }), lenient: toProvider(p, c, { id, skipUnsupported: true }) };
}

function refresh() {
  for (const [p, { card }] of cards) {
    const { strict, lenient } = evaluate(p);
    card.querySelector(".op").textContent = strict.ok ? strict.op : lenient.ok ? lenient.op : "";
    const verdict = card.querySelector("[data-verdict]");
    const unsupported = strict.ok ? [] : strict.issues.filter((i) => i.code === "unsupported_field");
    const others = strict.ok ? [] : strict.issues.filter((i) => i.code !== "unsupported_field");
    verdict.className = `verdict ${strict.ok ? "ok" : others.length ? "fail" : "partial"}`;
    verdict.textContent = strict.ok
      ? "Takes the whole contact."
      : others.length
        ? `${others.length} problem${others.length === 1 ? "" : "s"}.`
        : "Takes part of the contact.";
    card.querySelector("[data-issues]").replaceChildren(...others.map(line));
    card.querySelector("[data-unsupported]").textContent = unsupported.length
      ? `Cannot take: ${unsupported.map((i) => i.path.join(".")).join(", ")}`
      : "";
    const pre = card.querySelector("[data-request]");
    if (lenient.ok) {
      const built = buildRequest(lenient.op, lenient.input);
      pre.textContent = built.ok
        ? `${built.method} ${built.url}\n${Object.entries(built.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}\n(credentials: added by the edge function)\n\n${built.body}`
        : built.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n");
    } else {
      pre.textContent = "Nothing to send: fix the problems above.";
    }
    card.querySelector("[data-send]").disabled = !lenient.ok;
  }
}

/** Sends the fields the provider takes through the edge; shows the answer and what it reads back. */
async function send(p) {
  const { card } = cards.get(p);
  const { lenient } = evaluate(p);
  const out = card.querySelector("[data-result]");
  if (!lenient.ok) return;
  const button = card.querySelector("[data-send]");
  button.disabled = true;
  out.className = "result";
  out.textContent = "Sending…";
  let answer;
  try {
    const res = await fetch(`${config.edge}/${lenient.op}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${config.session}` },
      body: JSON.stringify(lenient.input),
      signal: AbortSignal.timeout(30_000),
    });
    answer = /^application\/json\b/i.test(res.headers.get("content-type") ?? "")
      ? await res.json()
      : { ok: false, error: `The provider answered HTTP ${res.status}, not JSON.`, issues: [] };
  } catch (e) {
    answer = { ok: false, error: `The edge function could not be reached (${e?.name ?? "error"}).`, issues: [] };
  }
  if (answer.ok) {
    let back = {};
    try {
      back = fromProvider(p, answer.data ?? {});
    } catch {}
    out.className = "result ok";
    out.textContent = `Sent: HTTP ${answer.status}. Read back: ${JSON.stringify(back)}`;
  } else {
    out.className = "result fail";
    out.textContent = `${answer.error ?? "Failed."}${answer.providerCode ? ` (code ${answer.providerCode})` : ""}`;
  }
  button.disabled = false;
}

refresh();
