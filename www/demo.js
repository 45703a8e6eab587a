// The demo page: pick an operation, edit its input, see every issue and the request preview.
import { operations, validate, buildRequest, example } from "/pkg/browser.js";

const $ = (id) => document.getElementById(id);
const opSelect = $("op");
for (const op of operations()) opSelect.append(new Option(op, op));

function render() {
  const op = opSelect.value;
  const issues = $("issues");
  issues.replaceChildren();
  let input;
  try {
    input = JSON.parse($("input").value);
    $("input-status").textContent = "";
  } catch (e) {
    $("input-status").textContent = `Not JSON: ${e.message}`;
    return;
  }
  const r = validate(op, input);
  if (r.ok) {
    const li = document.createElement("li");
    li.className = "ok";
    li.textContent = "Valid: ready to send.";
    issues.append(li);
  } else {
    for (const i of r.issues) {
      const li = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = `${JSON.stringify(i.path)} ${i.code}`;
      li.append(code, " ", i.message);
      issues.append(li);
    }
  }
  const built = buildRequest(op, input, { baseUrl: "https://your-backend.example" });
  $("preview").textContent = built.ok
    ? `${built.method} ${built.url}\n${Object.entries(built.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${built.body}`
    : "(fix the issues to see the request)";
}

opSelect.addEventListener("change", () => {
  $("input").value = JSON.stringify(example(opSelect.value), null, 2);
  render();
});
$("input").addEventListener("input", render);
opSelect.dispatchEvent(new Event("change"));
