// The validators-only build, as the package ships it: `customer-update/validators` (the same
// entries over the wasm built without the `requests` and `client` features). The same verdicts and
// issues as the full package from a much smaller wasm, and only the validation API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { serveWasm } from "./wasm-server.mjs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as full from "customer-update";
import * as slim from "customer-update/validators";
import { examples, several } from "./cases.mjs";

test("validators entry: exports the validation API only, over its own smaller wasm", () => {
  assert.deepEqual(Object.keys(slim).sort(), ["checkJson", "fromFormData", "operations", "schema", "setMessages", "tanstackValidator", "validate", "validateJson"]);
  const dist = new URL("./", import.meta.resolve("customer-update"));
  const fullWasm = readFileSync(fileURLToPath(new URL("wasm/customer_update_bg.wasm", dist)));
  const slimWasm = readFileSync(fileURLToPath(new URL("validators/wasm/customer_update_bg.wasm", dist)));
  assert.ok(slimWasm.length < fullWasm.length / 2, `${slimWasm.length} vs ${fullWasm.length} bytes`);
  const exported = WebAssembly.Module.exports(new WebAssembly.Module(slimWasm)).map((e) => e.name);
  assert.ok(exported.includes("checkInput"), "the hot path is there");
  assert.ok(!exported.some((n) => /buildrequest|client/i.test(n)), `no request or client code: ${exported.join(", ")}`);
});

test("validators entry: checkJson gives the full package's verdicts", () => {
  for (const op of full.operations()) {
    for (const input of [examples[op], several[op].input]) {
      const text = JSON.stringify(input);
      assert.deepEqual(slim.checkJson(op, text), full.checkJson(op, text), op);
    }
  }
});

test("validators entry: the same operations, verdicts and issues as the full package", () => {
  assert.deepEqual(slim.operations(), full.operations());
  for (const op of full.operations()) {
    assert.deepEqual(slim.validate(op, examples[op]), full.validate(op, examples[op]), op);
    assert.deepEqual(slim.validate(op, several[op].input), full.validate(op, several[op].input), op);
    const text = JSON.stringify(several[op].input);
    assert.deepEqual(slim.validateJson(op, text), full.validateJson(op, text), op);
    // The general path (an input JSON.stringify cannot read) works without the request code.
    const cyclic = { ...examples[op] };
    cyclic.self = cyclic;
    assert.deepEqual(slim.validate(op, cyclic), full.validate(op, cyclic), op);
  }
});

test("validators-only: Standard Schema works; unknown ops throw the same TypeError", () => {
  const op = "juspay.updateCustomer";
  assert.deepEqual(slim.schema(op)["~standard"].validate(examples[op]), { value: examples[op] });
  assert.throws(() => slim.schema("nope.op"), (e) => e instanceof TypeError && /valid ids/.test(e.message));
  assert.throws(() => slim.validate("nope.op", {}), (e) => e instanceof TypeError && /valid ids/.test(e.message));
});

test("validators-only: forms, requests and the client say they are not in this build", async () => {
  // The entry does not export them; its API module in the browser, Deno and workerd entries
  // (shared code with the full package) says why if reached. (In Node the validators entry is the
  // node entry's validation API, bundled with its own glue: this initialises the module's glue.)
  const dist = new URL("./", import.meta.resolve("customer-update"));
  const glue = await import(new URL("validators/wasm/customer_update.js", dist).href);
  glue.initSync({ module: readFileSync(fileURLToPath(new URL("validators/wasm/customer_update_bg.wasm", dist))) });
  const api = await import(new URL("./validators-api.js", dist).href);
  const op = "juspay.updateCustomer";
  for (const call of [
    () => api.describe(op),
    () => api.example(op),
    () => api.diff(op, {}, {}),
    () => api.buildRequest(op, examples[op], {}),
    () => api.matchRequest("juspay", "POST", "/customers/x", "{}"),
    () => api.createClient("juspay", {}),
  ]) {
    assert.throws(call, /not in the validators-only build/);
  }
});

test("slim: used before init, the error says to call init() first", () => {
  const code = `import("customer-update/slim").then((m) => { try { m.validate("juspay.updateCustomer", {}); console.log("no error"); } catch (e) { console.log(e.message); } });`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", cwd: fileURLToPath(new URL("../..", import.meta.url)) });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /call init\(\) or initSync\(\) first/);
});

test("slim: every function used before init says to call init() first (not a TypeError from the glue)", () => {
  const code = `import("customer-update/slim").then((m) => {
    const out = {};
    for (const [name, f] of Object.entries(m)) {
      // setMessages only sets a JS catalog: it works before init (and says what a catalog is).
      if (typeof f !== "function" || name === "init" || name === "initSync" || name === "setMessages" || /^[A-Z]/.test(name)) continue;
      try { f("juspay.updateCustomer", {}, {}); out[name] = "no error"; } catch (e) { out[name] = e.message; }
    }
    console.log(JSON.stringify(out));
  });`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", cwd: fileURLToPath(new URL("../..", import.meta.url)) });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(Object.keys(out).length >= 10, r.stdout);
  for (const [name, message] of Object.entries(out)) assert.match(message, /call init\(\) or initSync\(\) first/, name);
});

test("the glue's generated operation list is each wasm's own numbering (api.js checks by index)", async () => {
  const dist = new URL("./", import.meta.resolve("customer-update"));
  const { OPERATIONS } = await import(new URL("messages.js", dist));
  const { issuesAt } = await import(new URL("issues.js", dist));
  const load = async (dir) => {
    const glue = await import(new URL(`${dir}/customer_update.js`, dist));
    glue.initSync({ module: readFileSync(fileURLToPath(new URL(`${dir}/customer_update_bg.wasm`, dist))) });
    return glue;
  };
  const fullGlue = await load("wasm");
  const validatorsGlue = await load("validators/wasm");
  // The full wasm lists its operations; the validators-only wasm has no `operations` export (the
  // glue has the list from messages.js), so its numbering is checked by what each index does:
  // every operation's seed example and `{}` under every index, the same verdicts and issues as
  // the full wasm's, each example valid under its own index, and index 9 out of range.
  assert.deepEqual(fullGlue.operations(), OPERATIONS);
  assert.equal(typeof validatorsGlue.operations, "undefined", "the validators-only wasm exports no operation list");
  const run = (glue, i, input) => {
    const json = JSON.stringify(input);
    const at = glue.inputBuffer(json.length * 3);
    const { written } = new TextEncoder().encodeInto(json, new Uint8Array(glue.initSync().memory.buffer, at, json.length * 3));
    const verdict = glue.checkInput(i, written, Math.floor(Date.now() / 86_400_000)) & ~4; // today; the bit that says it was read left out
    return verdict === 1 ? issuesAt(glue.initSync().memory.buffer, glue.lastIssues()).map((x) => [x.path, x.code, x.message]) : verdict;
  };
  const inputs = [...OPERATIONS.map((op) => examples[op]), {}];
  const distinct = new Set();
  for (let i = 0; i < OPERATIONS.length; i++) {
    assert.equal(run(validatorsGlue, i, examples[OPERATIONS[i]]), 0, `${OPERATIONS[i]}: its example under index ${i}`);
    const answers = inputs.map((input) => run(validatorsGlue, i, input));
    assert.deepEqual(answers, inputs.map((input) => run(fullGlue, i, input)), `index ${i}`);
    distinct.add(JSON.stringify(answers));
  }
  assert.equal(distinct.size, OPERATIONS.length, "each index answers differently");
  assert.equal(validatorsGlue.checkInput(OPERATIONS.length, 0, 0), 2, "an index past the operations");
  assert.deepEqual(full.operations(), OPERATIONS);
  assert.deepEqual(slim.operations(), OPERATIONS);
});

test("server entries: validate on the validators-only wasm built for speed, with the same glue, verdicts and issues", async () => {
  // The Node, Deno and workerd entries read
  // validators/wasm/customer_update_speed_bg.wasm (opt-level 3) through the glue of the "z" build
  // the browser and form entries ship: the same imports and exports by name.
  const dist = new URL("./", import.meta.resolve("customer-update"));
  const read = (f) => readFileSync(fileURLToPath(new URL(f, dist)));
  const small = new WebAssembly.Module(read("validators/wasm/customer_update_bg.wasm"));
  const speed = new WebAssembly.Module(read("validators/wasm/customer_update_speed_bg.wasm"));
  const names = (list) => list.map((e) => `${e.module ?? ""} ${e.name} ${e.kind}`).sort();
  assert.deepEqual(names(WebAssembly.Module.exports(speed)), names(WebAssembly.Module.exports(small)));
  assert.deepEqual(names(WebAssembly.Module.imports(speed)), names(WebAssembly.Module.imports(small)));
  // Servers and edge functions read the speed build; the browser entries, which the size targets
  // count, the "z" one.
  for (const entry of ["node.js", "node.cjs", "validators-node.js", "validators-node.cjs", "validators-deno.js", "validators-workerd.js"]) {
    assert.match(read(entry).toString(), /validators\/wasm\/customer_update_speed_bg\.wasm/, entry);
  }
  // The Deno and workerd default entries (and their edge entries, which import them) validate
  // through their validators entry, as node.js does: its validation API's names are re-exported
  // from there, and the full wasm is kept for the rest (tests/runtimes/deno.sh runs it in Deno).
  for (const runtime of ["deno", "workerd"]) {
    const text = read(`${runtime}.js`).toString();
    assert.match(text, new RegExp(`^export \\{ operations, validate, validateJson, checkJson, schema, fromFormData, tanstackValidator \\} from "\\./validators-${runtime}\\.js";$`, "m"), runtime);
    assert.match(text, /^import \{ setMessages as setValidationMessages \} from "\.\/validators-/m, runtime);
    assert.match(text, /"\.\/wasm\/customer_update_bg\.wasm"/, runtime);
    assert.match(read(`edge-${runtime}.js`).toString(), new RegExp(`from "\\./${runtime}\\.js"`), runtime);
  }
  assert.match(read("validators-browser.js").toString(), /"\.\/validators\/wasm\/customer_update_bg\.wasm"/);
  assert.doesNotMatch(read("validators-browser.js").toString(), /speed/);
  // The package's validation (speed build) against the same API over the "z" build.
  const glue = await import(new URL("validators/wasm/customer_update.js", dist).href);
  glue.initSync({ module: read("validators/wasm/customer_update_bg.wasm") });
  const z = await import(new URL("validators-api.js", dist).href);
  for (const op of full.operations()) {
    for (const input of [examples[op], several[op].input]) {
      const text = JSON.stringify(input);
      assert.deepEqual(full.validate(op, input), z.validate(op, input), op);
      assert.deepEqual(full.checkJson(op, text), z.checkJson(op, text), op);
      assert.deepEqual(full.validateJson(op, text), z.validateJson(op, text), op);
    }
  }
});

test("every build: a valid text the one pass leaves to the reporter (an escape, a repeated key) is valid", async () => {
  // The one-pass validators answer "unsure" on an escape or a repeated key; the reporter then
  // decides. Such a text was answered { ok: false, issues: [] } (check_bytes_into said "refused"
  // whatever the reporter found). Checked on the full wasm, the speed build (Node entries) and the
  // "z" build (the browser validators entry), and on a value whose JSON text has an escape.
  const dist = new URL("./", import.meta.resolve("customer-update"));
  const glue = await import(new URL("validators/wasm/customer_update.js", dist).href);
  glue.initSync({ module: readFileSync(fileURLToPath(new URL("validators/wasm/customer_update_bg.wasm", dist))) });
  const z = await import(new URL("validators-api.js", dist).href);
  const op = "m2p.updateCustomerStatus";
  const valid = { entityId: "E1", status: "BLOCKED", currentStatus: "ACTIVE" };
  const escaped = JSON.stringify(valid).replace('"E1"', '"E\\u0031"');
  const repeated = JSON.stringify(valid).replace('"status":"BLOCKED"', '"status":"CLOSED","status":"BLOCKED"');
  const quoted = { ...valid, entityId: 'E"1\\' };
  for (const [name, api] of [["full", full], ["validators", slim], ["z", z]]) {
    assert.deepEqual(api.checkJson(op, escaped), { ok: true }, `${name}: escape`);
    assert.deepEqual(api.validateJson(op, escaped), { ok: true, value: { ...valid, entityId: "E1" } }, `${name}: escape`);
    assert.deepEqual(api.checkJson(op, repeated), { ok: true }, `${name}: repeated key`);
    assert.deepEqual(api.validate(op, quoted), { ok: true, value: quoted }, `${name}: a quote and a backslash`);
    // And refused texts of the same kinds keep their issues.
    const bad = api.checkJson(op, escaped.replace('"BLOCKED"', '"BL\\u004fCKED!"'));
    assert.equal(bad.ok, false, name);
    assert.deepEqual(bad.issues.map((i) => i.path), [["status"]], name);
  }
});

test("node entry: a catalog set before the request API first loads applies to it (setMessages, then buildRequest)", () => {
  // A fresh process: the request API (api.js over the full wasm) is loaded by the first buildRequest.
  const code = `const m = await import("customer-update");
const fr = (await import("customer-update/messages/fr")).default;
m.setMessages(fr);
const first = m.buildRequest("bvnk.updateCustomerStatus", { customerReference: 42, status: "VERIFIED" });
m.setMessages(null);
const second = m.buildRequest("bvnk.updateCustomerStatus", { customerReference: 42, status: "VERIFIED" });
process.stdout.write(JSON.stringify([first.issues[0].message, second.issues[0].message]));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", cwd: fileURLToPath(new URL("../..", import.meta.url)) });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), ["Customer reference doit être du texte, pas un nombre.", "Customer reference must be text, not a number."]);
});

test("node entry: a .wasm of another size than the build recorded is read whole (readWasm's fallback)", () => {
  // node.js reads its .wasm files with one open and one read of the size scripts/build-pkg.sh
  // recorded; a file of another size must still load. A copy of dist/ whose validators wasm has a
  // custom section inserted (the same module, 18 bytes longer), imported in a fresh process.
  const dist = fileURLToPath(new URL("./", import.meta.resolve("customer-update")));
  const tmp = mkdtempSync(join(tmpdir(), "cu-readwasm-"));
  try {
    cpSync(join(dist, ".."), tmp, { recursive: true });
    const file = join(tmp, "dist/validators/wasm/customer_update_bg.wasm");
    const bytes = readFileSync(file);
    // A custom section (id 0, its size, then its name: length, bytes; no payload) right after
    // the 8-byte header, so the first `recorded size` bytes are not a whole module.
    const name = Buffer.from("cu-test-padding");
    writeFileSync(file, Buffer.concat([bytes.subarray(0, 8), Buffer.from([0, name.length + 1, name.length]), name, bytes.subarray(8)]));
    assert.equal(readFileSync(file).length, bytes.length + 18);
    for (const entry of ["node.js", "validators-node.js", "node.cjs"]) {
      const url = pathToFileURL(join(tmp, "dist", entry)).href;
      const load = entry.endsWith(".cjs") ? `require(${JSON.stringify(fileURLToPath(url))})` : `await import(${JSON.stringify(url)})`;
      const code = `const m = ${load};
const op = "accessbank.updateCustomerDetails";
const r = m.validate(op, ${JSON.stringify(examples["accessbank.updateCustomerDetails"])});
const bad = m.validate(op, ${JSON.stringify(several["accessbank.updateCustomerDetails"].input)});
console.log(JSON.stringify([r.ok, bad.ok, bad.issues.length]));`;
      const r = spawnSync(process.execPath, [entry.endsWith(".cjs") ? "--input-type=commonjs" : "--input-type=module", "-e", entry.endsWith(".cjs") ? `(async () => { ${code} })()` : code], { encoding: "utf8" });
      assert.equal(r.status, 0, `${entry}: ${r.stderr}`);
      const [ok, badOk, count] = JSON.parse(r.stdout);
      assert.equal(ok, true, entry);
      assert.equal(badOk, false, entry);
      assert.equal(count, full.validate("accessbank.updateCustomerDetails", several["accessbank.updateCustomerDetails"].input).issues.length, entry);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("validators wasm: the hand-written loader (not wasm-bindgen's glue) instantiates every way its API allows", async () => {
  // dist/validators/wasm/customer_update.js is pkg/src/validators-glue.js (scripts/validators-glue.mjs
  // checked wasm-bindgen's glue against it at build time). Each way below gets its own copy of the
  // module (a query makes a new module instance) and must give a working instance: the hot path's
  // three calls, and today's date as checkInput's third argument (a date rule reads it).
  const dist = new URL("./", import.meta.resolve("customer-update"));
  const glueUrl = new URL("validators/wasm/customer_update.js", dist);
  const source = readFileSync(fileURLToPath(glueUrl), "utf8");
  assert.equal(source, readFileSync(fileURLToPath(new URL("../../pkg/src/validators-glue.js", import.meta.url)), "utf8"));
  assert.doesNotMatch(source, /__wbg_|instantiateStreaming` failed/, "not wasm-bindgen's glue");
  const bytes = readFileSync(fileURLToPath(new URL("validators/wasm/customer_update_bg.wasm", dist)));
  // No import (scripts/no-start-import.mjs; the date comes in as an argument).
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(bytes)), []);
  const { OPERATIONS } = await import(new URL("messages.js", dist).href);
  const op = OPERATIONS.indexOf("m2p.updateNomineeDetails");
  // The seed's nominee, and the same born next year: only today's date refuses it (and both
  // verdicts read it: bit 4).
  const today = Math.floor(Date.now() / 86_400_000);
  const valid = examples["m2p.updateNomineeDetails"];
  const future = structuredClone(valid);
  future.nominees[0].dob = `${new Date().getUTCFullYear() + 1}-01-01`;
  let n = 0;
  const check = async (how, start) => {
    const glue = await import(`${glueUrl.href}?loader-test-${n++}`);
    assert.throws(() => glue.checkInput(op, 2), TypeError, `${how}: no instance yet`);
    const exports = await start(glue);
    assert.ok(exports.memory instanceof WebAssembly.Memory, how);
    assert.equal(glue.initSync(), exports, `${how}: initSync after init hands back the same exports`);
    assert.equal(glue.memory(), exports.memory, `${how}: memory() is the instance's`);
    const write = (text) => {
      const at = glue.inputBuffer(text.length * 3);
      return new TextEncoder().encodeInto(text, new Uint8Array(exports.memory.buffer, at, text.length * 3)).written;
    };
    assert.equal(glue.checkInput(op, write(JSON.stringify(valid)), today), 0 | 4, `${how}: valid`);
    assert.equal(glue.checkInput(op, write(JSON.stringify(future)), today), 1 | 4, `${how}: a date in the future`);
    assert.ok(glue.lastIssues() > 0, how);
    assert.equal(glue.checkInput(OPERATIONS.length, write("{}"), today), 2, `${how}: no such operation`);
    assert.equal(glue.__floor(op, 2, today), exports.__floor(op, 2, today) >>> 0, how);
  };
  await check("initSync({ module: bytes })", (g) => g.initSync({ module: bytes }));
  await check("initSync(bytes)", (g) => g.initSync(bytes));
  await check("initSync({ module: Module })", (g) => g.initSync({ module: new WebAssembly.Module(bytes) }));
  await check("init({ module_or_path: bytes })", (g) => g.default({ module_or_path: bytes }));
  await check("init(Module)", (g) => g.default(new WebAssembly.Module(bytes)));
  await check("init(Promise<bytes>)", (g) => g.default({ module_or_path: Promise.resolve(bytes) }));
  await check("init(Response as application/wasm)", (g) => g.default({ module_or_path: new Response(bytes, { headers: { "Content-Type": "application/wasm" } }) }));
  await check("init(Response as application/wasm with a parameter)", (g) => g.default({ module_or_path: new Response(bytes, { headers: { "Content-Type": "application/wasm; charset=binary" } }) }));
  await check("init(Response as another type)", (g) => g.default({ module_or_path: new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }) }));
  await check("init(Response without a type)", (g) => g.default(new Response(new Blob([bytes]).stream())));
  // initUrl, the browser entry's way in (validators-browser.js): a URL fetched, compiled while it
  // downloads when served as application/wasm, else from its bytes; a failed fetch names the status.
  const server = await serveWasm(bytes);
  const base = server.base;
  try {
    await check("initUrl(URL as application/wasm)", (g) => g.initUrl({ module_or_path: new URL(`${base}/wasm.wasm`) }));
    // (Node's instantiateStreaming refuses a type with a parameter: from its bytes then.)
    await check("initUrl(URL as application/wasm with a parameter)", (g) => g.initUrl({ module_or_path: new URL(`${base}/wasm-charset.wasm`) }));
    await check("initUrl(URL as another type)", (g) => g.initUrl({ module_or_path: new URL(`${base}/octet.wasm`) }));
    const gone = await import(`${glueUrl.href}?loader-test-${n++}`);
    await assert.rejects(gone.initUrl({ module_or_path: new URL(`${base}/gone.wasm`) }), /failed to fetch Wasm: 404 Not Found/);
    assert.throws(() => gone.inputBuffer(1), TypeError);
  } finally {
    server.close();
  }
  // Twice at once: one instance, one promise.
  const twice = await import(`${glueUrl.href}?loader-test-${n++}`);
  const [a, b] = await Promise.all([twice.default({ module_or_path: bytes }), twice.default({ module_or_path: bytes })]);
  assert.equal(a, b);
  // A failed fetch is an error naming the status; no instance is made.
  const failed = await import(`${glueUrl.href}?loader-test-${n++}`);
  await assert.rejects(failed.default(new Response("gone", { status: 404, statusText: "Not Found" })), /failed to fetch Wasm: 404 Not Found/);
  assert.throws(() => failed.inputBuffer(1), TypeError);
  // … and the next call tries again.
  assert.ok((await failed.default({ module_or_path: bytes })).memory instanceof WebAssembly.Memory);
  assert.ok(failed.inputBuffer(1) > 0);
});

test("checkInput after runs of refusals (the reporter alone, src/wasm.rs REPORT_AFTER): each verdict and issue list that of an instance right after a valid input", async () => {
  // The full wasm (browsers), the speed build (Node, Deno, workerd) and the "z" build (forms: no
  // one pass, no guess) each take one stream: runs of refusals of every length up to 40 (so the
  // guess starts, meets a valid input and waits longer each time), operations interleaved, texts
  // that are not JSON, not UTF-8 or cut, and the KEEPS_TEXT bit on and off. Each answer against
  // a second instance of the same build that sees a valid input of the operation first (so it
  // never guesses): the same verdict, the same issues (path, code, message, and the text pieces
  // the records name).
  const dist = new URL("./", import.meta.resolve("customer-update"));
  const { OPERATIONS } = await import(new URL("messages.js", dist));
  const { issuesAt } = await import(new URL("issues.js", dist));
  const read = (f) => readFileSync(fileURLToPath(new URL(f, dist)));
  let n = 0;
  const load = async (glue, wasm) => {
    const src = read(glue).toString();
    const g = await import(`data:text/javascript;base64,${Buffer.from(`${src}\n// instance ${n++}`).toString("base64")}`);
    g.initSync({ module: new WebAssembly.Module(read(wasm)) });
    return g;
  };
  const today = Math.floor(Date.now() / 86_400_000);
  const KEEPS_TEXT = 0x40000000;
  const run = (g, i, bytes, keeps) => {
    const at = g.inputBuffer(bytes.length);
    new Uint8Array(g.initSync().memory.buffer, at, bytes.length).set(bytes);
    const verdict = g.checkInput(i | (keeps ? KEEPS_TEXT : 0), bytes.length, today) & ~4;
    if (verdict !== 1) return verdict;
    const text = keeps ? new TextDecoder().decode(bytes) : undefined;
    return issuesAt(g.initSync().memory.buffer, g.lastIssues() >>> 0, undefined, text).map((x) => [x.path, x.code, x.message]);
  };
  const bytesOf = (value) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
  const refused = (op) => [
    bytesOf(several[op].input),
    bytesOf({}),
    bytesOf([]),
    bytesOf(JSON.stringify(examples[op]).slice(0, -1)), // cut
    bytesOf('{"a":1,"a":2}'),
    Uint8Array.of(0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d), // not UTF-8
    bytesOf(`${JSON.stringify(examples[op]).slice(0, -1)},"zz\\u0041":1}`), // an escaped unknown key
  ];
  for (const [glue, wasm] of [
    ["wasm/customer_update.js", "wasm/customer_update_bg.wasm"],
    ["validators/wasm/customer_update.js", "validators/wasm/customer_update_speed_bg.wasm"],
    ["validators/wasm/customer_update.js", "validators/wasm/customer_update_bg.wasm"],
  ]) {
    const stream = await load(glue, wasm);
    const fresh = await load(glue, wasm);
    let calls = 0;
    let guessed = 0;
    for (const runLength of [1, 7, 8, 9, 12, 16, 17, 30, 33, 40, 9, 70]) {
      for (let k = 0; k < runLength; k++) {
        const i = (k * 5 + runLength) % OPERATIONS.length;
        const op = OPERATIONS[i];
        const inputs = refused(op);
        const bytes = inputs[(k + runLength) % inputs.length];
        const keeps = k % 3 !== 0;
        const got = run(stream, i, bytes, keeps);
        assert.equal(run(fresh, i, bytesOf(examples[op]), false), 0, `${wasm}: ${op}'s example`);
        assert.deepEqual(got, run(fresh, i, bytes, keeps), `${wasm}: ${op}, refusal ${k + 1} of ${runLength}`);
        assert.notEqual(got, 0, `${wasm}: ${op} refused`);
        calls++;
        if (k >= 8) guessed++;
      }
      // The run ends with a valid input (of yet another operation): valid, and its value's text
      // checked in full (the guess, when taken, meets it here).
      const i = runLength % OPERATIONS.length;
      assert.equal(run(stream, i, bytesOf(examples[OPERATIONS[i]]), true), 0, `${wasm}: ${OPERATIONS[i]}'s example after ${runLength} refusals`);
      assert.deepEqual(run(stream, i, refused(OPERATIONS[i])[0], true), run(fresh, i, refused(OPERATIONS[i])[0], true), `${wasm}: a refusal right after`);
    }
    assert.ok(calls > 200 && guessed > 100, `${calls} calls, ${guessed} past the first eight refusals of a run`);
  }
});
