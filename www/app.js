// The demo page: a form generated from describe(op), validated as the user types, previewed,
// and sent through the edge function (customer-update/edge: POST /<operation id> with the input as
// JSON and the demo session token; no provider credentials in the browser).
import { operations, providers as providerInfo, describe, validate, buildRequest, diff, example } from "/pkg/browser.js";

const $ = (id) => document.getElementById(id);
const config = await (await fetch("/demo-config.json")).json();

const ops = operations();
// The provider list and names come from the package (its specs), not from a list kept here.
for (const p of providerInfo()) $("provider").append(new Option(p.name, p.id));

let state = { op: null, fields: [], before: {}, counts: {}, touched: new Set(), serverIssues: [] };

const key = (path) => path.join(".");
const idOf = (path) => `f-${path.join("-").replace(/[^A-Za-z0-9_-]/g, "_")}`;

function get(obj, path) {
  return path.reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function fillOps() {
  const p = $("provider").value;
  $("op").replaceChildren(...ops.filter((op) => op.startsWith(`${p}.`)).map((op) => new Option(op.slice(p.length + 1), op)));
}

// ---- form generation ------------------------------------------------------------------------

function control(field, path, value) {
  const id = idOf(path);
  const wrap = document.createElement("div");
  wrap.className = "field";
  wrap.dataset.path = key(path);
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = field.label + (field.required ? " *" : "");
  let input;
  if (field.enum) {
    input = document.createElement("select");
    input.append(new Option("— leave unchanged —", ""));
    for (const v of field.enum) input.append(new Option(v, v));
  } else if (field.type === "boolean") {
    input = document.createElement("select");
    input.append(new Option("— leave unchanged —", ""), new Option("true", "true"), new Option("false", "false"));
  } else if (field.type === "object" || field.type === "any") {
    input = document.createElement("textarea");
    input.rows = 3;
    input.dataset.json = "1";
  } else {
    input = document.createElement("input");
    input.type = "text";
    if (field.type === "integer") input.inputMode = "numeric";
    if (field.format === "email") input.inputMode = "email";
    if (field.format === "e164") input.inputMode = "tel";
    if (field.maxLength) input.maxLength = field.maxLength + 1; // one over, so too_long can show
  }
  input.id = id;
  input.name = key(path);
  input.dataset.type = field.type;
  if (value !== undefined) input.value = input.dataset.json ? JSON.stringify(value) : String(value);
  // The page's own notes, unless the package's hint already says the same.
  const said = (words) => (field.hint ?? "").toLowerCase().includes(words);
  const hintText = [
    field.hint,
    field.dateFormat && !said(field.dateFormat.toLowerCase()) && `Format ${field.dateFormat}`,
    field.location === "path" && "Sent in the URL",
    field.location === "input" && !said("never sent") && "Checked, never sent",
    field.generated && !said("generated") && "Generated when empty",
  ].filter(Boolean).join(" · ");
  const describedBy = [];
  if (hintText) {
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.id = `${id}-hint`;
    hint.textContent = hintText;
    describedBy.push(hint.id);
    wrap.append(label, input, hint);
  } else {
    wrap.append(label, input);
  }
  const error = document.createElement("p");
  error.className = "error";
  error.id = `${id}-error`;
  describedBy.push(error.id);
  wrap.append(error);
  input.setAttribute("aria-describedby", describedBy.join(" "));
  input.addEventListener("input", () => { state.touched.add(key(path)); state.serverIssues = []; refresh(); });
  input.addEventListener("blur", () => { state.touched.add(key(path)); refresh(); });
  return wrap;
}

// Builds the fields under `prefix` (array items have "*" in describe paths).
function render(container, prefix, values) {
  for (const field of state.fields) {
    const p = field.path;
    if (p.length !== prefix.length + 1 || !p.slice(0, -1).every((k, i) => k === "*" ? typeof prefix[i] === "number" : k === prefix[i])) continue;
    const path = [...prefix, p[p.length - 1]];
    const value = get(values, path);
    const hasChildren = state.fields.some((f) => f.path.length > p.length && f.path.slice(0, p.length).every((k, i) => k === p[i]));
    if (field.type === "array" && hasChildren) {
      const set = document.createElement("fieldset");
      set.dataset.path = key(path);
      const legend = document.createElement("legend");
      legend.textContent = field.label + (field.required ? " *" : "");
      const itemName = field.label.replace(/s$/, ""); // "Nominees" → "Nominee"
      set.append(legend);
      const n = state.counts[key(path)] ?? (Array.isArray(value) ? value.length : 1);
      state.counts[key(path)] = n;
      for (let i = 0; i < n; i++) {
        const item = document.createElement("fieldset");
        item.className = "item";
        const l = document.createElement("legend");
        l.textContent = `${itemName} ${i + 1}`;
        item.append(l);
        render(item, [...path, i], values);
        set.append(item);
      }
      const err = document.createElement("p");
      err.className = "error";
      err.id = `${idOf(path)}-error`;
      const add = button(`Add ${itemName.toLowerCase()}`, () => { state.counts[key(path)] = n + 1; rebuild(collect()); });
      const remove = button(`Remove ${itemName.toLowerCase()} ${n}`, () => { state.counts[key(path)] = Math.max(0, n - 1); rebuild(collect()); });
      remove.disabled = n === 0;
      set.append(err, add, remove);
      set.setAttribute("aria-describedby", err.id);
      container.append(set);
    } else if (field.type === "object" && hasChildren) {
      const set = document.createElement("fieldset");
      set.dataset.path = key(path);
      const legend = document.createElement("legend");
      legend.textContent = field.label;
      const err = document.createElement("p");
      err.className = "error";
      err.id = `${idOf(path)}-error`;
      set.append(legend, err);
      render(set, path, values);
      container.append(set);
    } else {
      container.append(control(field, path, value));
    }
  }
}

function button(text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "small";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

// ---- reading the form -----------------------------------------------------------------------

function set(obj, path, value) {
  let o = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (o[k] == null) o[k] = typeof path[i + 1] === "number" ? [] : {};
    o = o[k];
  }
  o[path[path.length - 1]] = value;
}

function collect() {
  const input = {};
  for (const el of $("fields").querySelectorAll("input, select, textarea")) {
    const raw = el.value;
    if (raw === "") continue; // empty means "leave unchanged": the key stays absent
    const path = el.name.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    let value = raw;
    if (el.dataset.type === "boolean") value = raw === "true";
    else if (el.dataset.type === "integer" || el.dataset.type === "number") value = /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    else if (el.dataset.json) {
      try { value = JSON.parse(raw); } catch { value = raw; }
    }
    set(input, path, value);
  }
  // Arrays whose items were all left empty still exist (an empty list is an issue to show).
  for (const [k, n] of Object.entries(state.counts)) {
    const path = k.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    if (get(input, path) === undefined && n === 0) set(input, path, []);
    const arr = get(input, path);
    if (Array.isArray(arr)) for (let i = 0; i < n; i++) if (arr[i] === undefined) arr[i] = {};
  }
  return input;
}

// ---- showing issues -------------------------------------------------------------------------

function showIssues(issues, { all }) {
  for (const el of document.querySelectorAll(".error")) el.textContent = "";
  for (const el of document.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const summary = $("form-issues");
  summary.replaceChildren();
  for (const issue of issues) {
    const k = issue.path.join(".");
    // Until the user edits something the sample shows no issues; after that, all of them
    // (a change in one field can break a rule that lands on another, e.g. dob → guardian).
    const visible = all || state.touched.size > 0;
    const target = document.querySelector(`[data-path="${CSS.escape(k)}"]`);
    if (target && visible) {
      const err = target.querySelector(":scope > .error");
      if (err) err.textContent = err.textContent ? `${err.textContent} ${issue.message}` : issue.message;
      const input = target.querySelector(":scope > input, :scope > select, :scope > textarea");
      if (input) input.setAttribute("aria-invalid", "true");
    } else if (!target && (all || issue.path.length === 0 || state.touched.size > 0)) {
      const li = document.createElement("li");
      li.textContent = issue.path.length ? `${k}: ${issue.message}` : issue.message;
      summary.append(li);
    }
  }
}

// ---- the loop -------------------------------------------------------------------------------

// JSON with object keys sorted, so two values compare equal whatever their key order.
const canonical = (v) => JSON.stringify(v, (_, x) => (x && typeof x === "object" && !Array.isArray(x)
  ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));

// The top-level fields whose sent value differs from the sample (input-only fields such as M2P
// currentStatus are context, not changes). diff's own `changed` leaves out required fields
// (`status`, `nominees`, `associates`), so the page decides "is there anything to send?" itself.
function edited(input) {
  const sent = state.fields.filter((f) => f.path.length === 1 && f.location !== "input").map((f) => f.path[0]);
  return sent.filter((k) => canonical(state.before[k]) !== canonical(input[k]));
}

function preview(value) {
  // What the page sends, then what the edge sends on (provider URL and body; the edge adds the
  // credentials, so no auth header shows here).
  const built = buildRequest(state.op, value);
  $("preview").textContent = `POST ${config.edge}/${state.op}\nContent-Type: application/json\n\n${JSON.stringify(value, null, 2)}\n\n`
    + (built.ok
      ? `then the edge sends:\n${built.method} ${built.url}\n${Object.entries(built.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}\n(credentials: added by the edge function)\n\n${built.body}`
      : "");
}

/** POSTs the input to the edge; resolves to the edge's JSON answer, or a failure in the same shape. */
async function sendToEdge(op, input) {
  let res;
  try {
    res = await fetch(`${config.edge}/${op}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${config.session}` },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    return { ok: false, kind: "network", error: `The edge function could not be reached (${e?.name ?? "error"}).`, issues: [] };
  }
  const type = res.headers.get("content-type") ?? "";
  if (/^application\/json\b/i.test(type)) {
    try {
      return await res.json();
    } catch {
      return { ok: false, kind: "decode", error: `The edge answered HTTP ${res.status} with unreadable JSON.`, issues: [] };
    }
  }
  // A provider's non-JSON answer (an HTML error page) comes through as it was: name it, do not render it.
  return { ok: false, kind: "http", error: `The provider answered HTTP ${res.status} (${type.split(";")[0] || "no content type"}), not JSON.`, issues: [] };
}

function refresh() {
  const input = collect();
  const changed = edited(input);
  const patch = diff(state.op, state.before, input);
  const checked = validate(state.op, patch.ok ? patch.value : input);
  let issues = patch.ok ? [...checked.issues ?? []] : patch.issues;
  // With nothing edited, "Provide at least one of …" only means "nothing to send yet".
  if (changed.length === 0) issues = issues.filter((i) => i.code !== "at_least_one_required");
  showIssues([...issues, ...state.serverIssues], { all: false });
  const ready = patch.ok && checked.ok && changed.length > 0;
  if (changed.length === 0) {
    $("patch").textContent = "No changes yet.";
    $("preview").textContent = "Nothing to send yet: edit a field.";
  } else {
    $("patch").textContent = patch.ok
      ? `changed: ${changed.join(", ")}\n${JSON.stringify(patch.value, null, 2)}`
      : patch.issues.map((i) => `${i.path.join(".") || "(input)"}: ${i.message}`).join("\n");
    if (patch.ok) preview(patch.value);
    else $("preview").textContent = "Fix the issues to see the request.";
  }
  $("send").disabled = !ready;
  $("send-note").textContent = ready ? "" : changed.length === 0 ? "Edit a field to send a change." : "Fix the issues above to send.";
  return { input, patch };
}

function rebuild(values) {
  $("fields").replaceChildren();
  render($("fields"), [], values);
  refresh();
}

function load() {
  const op = $("op").value;
  const fields = describe(op);
  const before = example(op);
  // A per-request id (Access Bank requestId) is not part of the record: it starts empty, so the
  // form matches what is sent (a fresh id is generated unless the user types one).
  for (const f of fields) if (f.generated && f.path.length === 1) delete before[f.path[0]];
  state = { op, fields, before, counts: {}, touched: new Set(), serverIssues: [] };
  $("summary").textContent = `${state.op}`;
  $("result").textContent = "";
  rebuild(state.before);
}

$("provider").addEventListener("change", () => { fillOps(); load(); });
$("op").addEventListener("change", load);
$("reset").addEventListener("click", load);
$("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const { patch } = refresh();
  if (!patch.ok) { showIssues(patch.issues, { all: true }); return; }
  $("send").disabled = true;
  $("result").className = "result";
  $("result").textContent = "Sending…";
  const result = await sendToEdge(state.op, patch.value);
  if (result.ok) {
    $("result").className = "result ok";
    $("result").textContent = `Sent: HTTP ${result.status}. The provider accepted the change.`;
    state.before = { ...state.before, ...patch.value };
    for (const f of state.fields) if (f.location === "input") delete state.before[f.path[0]];
    state.serverIssues = [];
  } else {
    $("result").className = "result fail";
    // The message names the provider, the HTTP status and usually the provider's code.
    const code = result.providerCode && !String(result.error).includes(result.providerCode) ? ` (code ${result.providerCode})` : "";
    $("result").textContent = `${result.kind === "validation" ? "Not sent: " : ""}${result.error}${code}`;
    state.serverIssues = Array.isArray(result.issues) ? result.issues : [];
    showIssues(state.serverIssues, { all: true });
  }
  refresh();
  showIssues(state.serverIssues, { all: true });
});

fillOps();
load();
