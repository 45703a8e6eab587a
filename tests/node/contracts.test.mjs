// The machine-readable contracts (`customer-update/contracts`): the JSON Schema of each operation
// agrees with validate() on a corpus of single-field cases (Ajv 2020), the OpenAPI document passes
// a real OpenAPI 3.1 validator, and openapi-typescript's output compiles against the package's types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { operations, validate, describe } from "customer-update";
import { jsonSchema, openapi, extensionKeywords } from "customer-update/contracts";
import { examples, several } from "./cases.mjs";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const SwaggerParser = require("@apidevtools/swagger-parser");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function ajvFor(op) {
  const ajv = new Ajv2020({ allErrors: true });
  ajv.addVocabulary([...extensionKeywords]);
  return ajv.compile(jsonSchema(op));
}

// A South African ID with a valid Luhn digit, born 1980-01-01, citizen.
function saId(body12) {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    let d = Number(body12[11 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return body12 + String((10 - (sum % 10)) % 10);
}
const VALID_SA_ID = saId("800101500908");

// Every field of every operation filled with a valid value: the bases the single-field cases change.
const childDob = `${new Date().getUTCFullYear() - 5}-06-01`;
const full = structuredClone(examples);
Object.assign(full["gathr.updateCustomer"], {
  client_reference: "ref-1", popi: true, terms_and_conditions: false, id_number: VALID_SA_ID, middle_name: "J",
  last_name: "Smith", id_type: "id_number", country: "South Africa",
});
Object.assign(full["m2p.updateCustomer"], {
  email: "tim@example.com", communicationAddress: { ...full["m2p.updateCustomer"].permanentAddress },
  customerRiskDetails: { riskRating: "LOW" }, nationalIdentity: { aadhaar: "x" }, customerAdditionalDetails: { source: "web" },
});
full["m2p.updateCustomerStatus"].currentStatus = "ACTIVE";
full["m2p.updateNomineeDetails"].nominees[0].percentShare = 60;
full["m2p.updateNomineeDetails"].nominees.push({ name: "Asha", relationship: "Daughter", dob: childDob, percentShare: 40, minor: true, guardian: { name: "Meera" } });

const VALUES = [
  undefined, "", " ", "x", "a".repeat(65), "a".repeat(101), "a".repeat(256), "a".repeat(1001), "\u{1F600}".repeat(100), "é",
  null, 0, 1, -1, 1.5, 91, 100, 101, 999, 1000, 2 ** 60, true, false, "true", {}, [], ["x"], [{}],
  "x@y.co", "tim.david@example.com", ".a@b.co", "a.@b.co", "_a@b.co", "a_b@c.co", "a..b@c.co", "a@b.c", "a@-b.co", "a@b-.co", "a@b.co1", "é@b.co", "a@@b.co", "a+b@sub.example.org",
  "+2348012345678", "+0123456789", "+123456", "+1234567", "+123456789012345", "+1234567890123456", "2348012345678",
  "0702334455", "070233445", "91", "091", "0", "1234", "9876543210", "98765432101", "12345678901234567",
  "1990-01-01", "2020-02-29", "2021-02-29", "1900-02-29", "2000-02-29", "2020-02-30", "2020-04-31", "2020-13-01", "2020-1-01", "2999-01-01", childDob,
  "2001-02-29", "2100-02-29", "2400-02-29", "1996-02-29", "0000-02-29", "2019-06-31", "2019-11-30",
  "10/10/1999", "29/02/2020", "29/02/2021", "29/02/1900", "29/02/2000", "29/02/2001", "31/04/2020", "31/12/2999", "1999-10-10", "10-10-1999",
  "AJXPC9886A", "abcde1234f", "ABCDE12345", "600100", "060010", "60010", "6001000",
  "US", "UK", "us", "GB", "XX", "IN", "USA",
  "Mary Ann", "Mary  Ann", " Mary", "Mary ", "O'Neil", "Tim (Jr.)", "a_b-c.d",
  "Male", "male", "Others", "VERIFIED", "verified", "LOW", "EXTREME", "DRIVERS_LICENSE", "passport", "id_number",
  "ACTIVE", "CLOSED", "EXPIRED", "CREDIT_FREEZE", VALID_SA_ID, "8511215433086", "8001015009088", "800101500908",
  { name: "G" }, { name: "" }, { value: "9876543210", countryCode: 91 },
];

// The leaf and section paths of a value (objects and arrays walked), as key lists.
function paths(value, prefix = []) {
  const out = [];
  if (Array.isArray(value)) value.forEach((v, i) => { out.push([...prefix, i]); out.push(...paths(v, [...prefix, i])); });
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) { out.push([...prefix, k]); out.push(...paths(v, [...prefix, k])); }
  }
  return out;
}

function setAt(obj, p, v) {
  const copy = structuredClone(obj);
  let o = copy;
  for (const k of p.slice(0, -1)) o = o[k];
  if (v === undefined) delete o[p.at(-1)];
  else o[p.at(-1)] = v;
  return copy;
}

// The subschema at an issue path (properties, items, additionalProperties, $ref into $defs).
function at(schema, p) {
  let s = schema;
  const deref = (x) => (x && x.$ref ? { ...schema.$defs[x.$ref.split("/").pop()], ...x } : x);
  s = deref(s);
  for (const k of p) {
    if (!s) return undefined;
    if (typeof k === "number") s = deref(s.items);
    else s = deref(s.properties?.[k] ?? (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined));
  }
  return s;
}

// An issue JSON Schema cannot express, as the document itself declares: a past-date check
// (x-past) or a cross-field rule the schema does not say (x-rules with inSchema false).
function declaredBeyondSchema(schema, issue) {
  if (issue.code === "date_in_future") return at(schema, issue.path)?.["x-past"] === true;
  return (schema["x-rules"] ?? []).some((r) => !r.inSchema && r.codes.includes(issue.code) && where(r).test(JSON.stringify(issue.path)));
}
// Where a rule reports (so an invalid_format elsewhere is never excused by the ID-number rule).
function where(r) {
  const q = (k) => JSON.stringify(k).replace(/[[\]]/g, "\\$&");
  switch (r.kind) {
    case "shares_sum_to": return new RegExp(`^\\[${q(r.array)}\\]$`);
    case "guardian_required_for_minor": return new RegExp(`^\\[${q(r.array)},\\d+,(${q(r.guardian)}|${q(r.minor)})\\]$`);
    default: return new RegExp(`^\\[${q(r.field)}\\]$`);
  }
}

test("jsonSchema(op): every operation, Ajv 2020 compiles it in strict mode (x- keywords declared) and the seed example is valid", () => {
  assert.deepEqual(Object.keys(examples).sort(), operations().sort());
  // The component names that reach CountryCode.
  const refsOf = (v) => JSON.stringify(v).match(/#\/components\/schemas\/\w+/g)?.map((r) => r.split("/").pop()) ?? [];
  const reachesCountry = (name, seen = new Set()) => {
    if (name === "CountryCode") return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return refsOf(doc.components.schemas[name]).some((r) => reachesCountry(r, seen));
  };
  const cmp = (name) => (reachesCountry(name) ? "Fits" : "Same");
  for (const op of operations()) {
    const s = jsonSchema(op);
    assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
    const check = ajvFor(op);
    assert.ok(check(examples[op]), `${op}: ${JSON.stringify(check.errors)}`);
    assert.deepEqual(s.examples, [examples[op]], "the spec's example is the schema's");
    assert.ok(check(full[op]), `${op} (every field): ${JSON.stringify(check.errors)}`);
    assert.ok(validate(op, full[op]).ok, `${op}: the full base is valid: ${JSON.stringify(validate(op, full[op]).issues)}`);
    // Every top-level field describe() lists is a property of the schema, with its label as title.
    for (const f of describe(op).filter((f) => f.path.length === 1)) {
      assert.equal(s.properties[f.path[0]]?.title, f.label, `${op}.${f.path[0]}`);
    }
    assert.notEqual(jsonSchema(op), jsonSchema(op), "a fresh copy each call");
  }
  assert.throws(() => jsonSchema("m2p.nope"), TypeError);
});

test("Ajv with jsonSchema(op) agrees with validate() on every single-field case; the exceptions are the checks the schema lists as x- extensions", () => {
  let cases = 0;
  const beyond = [];
  const disagreements = [];
  for (const op of operations()) {
    const check = ajvFor(op);
    const schema = jsonSchema(op);
    for (const p of paths(full[op])) {
      for (const v of VALUES) {
        const input = setAt(full[op], p, v);
        cases++;
        const r = validate(op, input);
        const ajvOk = check(input);
        if (r.ok === ajvOk) continue;
        if (!r.ok && ajvOk && r.issues.every((i) => declaredBeyondSchema(schema, i))) {
          beyond.push(`${op} ${JSON.stringify(p)}=${JSON.stringify(v)}: ${r.issues.map((i) => i.code).join(",")}`);
          continue;
        }
        disagreements.push(`${op} ${JSON.stringify(p)} = ${JSON.stringify(v)?.slice(0, 40)}: validate ${r.ok ? "ok" : r.issues.map((i) => `${JSON.stringify(i.path)} ${i.code}`).join("; ")}, Ajv ${ajvOk ? "ok" : JSON.stringify(check.errors.slice(0, 2))}`);
      }
    }
  }
  assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} disagreements`);
  console.log(`${cases} single-field cases, ${beyond.length} beyond the schema (x- checks)`);
  assert.ok(cases > 10000, `${cases} cases`);
  // The x- checks are a small share, and each kind occurs: date_in_future and cross-field rules.
  assert.ok(beyond.length < cases / 20, `${beyond.length} of ${cases}`);
  for (const code of ["date_in_future", "sum_mismatch", "guardian_required", "invalid_transition", "invalid_format"]) {
    assert.ok(beyond.some((b) => b.endsWith(code) || b.includes(`: ${code}`) || b.includes(`,${code}`)), `no case of ${code} beyond the schema`);
  }
});

test("Ajv with jsonSchema(op) rejects each several-violations case of the corpus, as validate() does", () => {
  for (const [op, { input }] of Object.entries(several)) {
    assert.equal(validate(op, input).ok, false);
    assert.equal(ajvFor(op)(input), false, op);
  }
});

test("openapi(): a valid OpenAPI 3.1 document (swagger-parser) with the nine operations, their paths, parameters, bodies and error shapes", async () => {
  const doc = openapi();
  assert.equal(doc.openapi, "3.1.0");
  const bundled = JSON.parse(readFileSync(path.join(root, "pkg/dist/openapi.json"), "utf8"));
  assert.deepEqual(bundled, doc, "pkg/dist/openapi.json is the same document");
  await SwaggerParser.validate(structuredClone(doc));
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, o] of Object.entries(item)) {
      ops.push(o.operationId);
      const params = (p.match(/\{[^}]+\}/g) ?? []).map((x) => x.slice(1, -1));
      assert.deepEqual(o.parameters.filter((x) => x.in === "path").map((x) => x.name), params, `${o.operationId} path parameters`);
      assert.ok(o.requestBody.content["application/json"].schema.$ref, o.operationId);
      const body = doc.components.schemas[o.requestBody.content["application/json"].schema.$ref.split("/").pop()];
      const sent = Object.keys(examples[o.operationId]).filter((k) => !params.includes(k) && k !== "currentStatus");
      assert.deepEqual(Object.keys(o.requestBody.content["application/json"].example), sent, `${o.operationId}: the example body`);
      assert.ok(sent.every((k) => body.properties[k]), o.operationId);
      assert.ok(o.responses["200"] && o.responses.default, o.operationId);
      assert.ok(["post", "put", "patch"].includes(method));
    }
  }
  assert.deepEqual(ops.sort(), operations().sort());
  const juspay = doc.paths["/customers/{customer_id}"].post;
  assert.ok(juspay.requestBody.content["application/x-www-form-urlencoded"], "Juspay's form encoding");
  assert.deepEqual(juspay.parameters.filter((x) => x.in === "header").map((x) => x.name), ["x-merchantid", "x-routing-id"]);
  assert.deepEqual(doc.paths["/v1/customers/update/status"].post.parameters.map((x) => x.name), ["X-TENANT-ID", "X-Request-ID"]);
  // The error statuses each provider documents (its spec's error_statuses), then `default`.
  assert.deepEqual(Object.keys(juspay.responses), ["200", "400", "401", "403", "404", "default"]);
  assert.deepEqual(Object.keys(doc.paths["/waas/Onboarding/updateCustomerDetails"].post.responses), ["200", "default"]);
  assert.deepEqual(Object.keys(doc.paths["/v1/customers/update/status"].post.responses), ["200", "400", "409", "default"]);
  const status = doc.components.schemas.M2pUpdateCustomerStatusRequest;
  assert.equal(status.properties.currentStatus, undefined, "a client-only field is not in the body");
  assert.ok(status["x-rules"].some((r) => r.kind === "status_transition"));
  assert.deepEqual(doc.paths["/platform/v1/customers/{customerReference}/status"].put.responses.default.content["application/json"].schema,
    { anyOf: [{ $ref: "#/components/schemas/BvnkError" }, { $ref: "#/components/schemas/BvnkLegacyError" }] });
});

test("openapi-typescript's output from openapi() compiles (tsc --strict) against the package's own types", async () => {
  const { default: openapiTS } = await import("openapi-typescript");
  const doc = openapi();
  const dir = path.join(root, "target/contracts-tsc");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "openapi.ts"), await openapiTS(doc));
  // The consumer file is written from the documents: for every operation, its body (the input
  // without path and client-only fields) and the package's input type assign both ways and have
  // the same keys; the same for every named type the two share, and for the responses.
  const lines = [
    `import type { operations, components } from "./openapi.js";`,
    `import type * as pkg from "customer-update";`,
    `type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;`,
    `type Same<A, B> = Mutual<A, B> extends true ? Mutual<keyof A, keyof B> : false;`,
    // Country codes: the document lists the 249 assigned codes (a union of literals), the package
    // types say string; there the document's type must fit the package's, not the other way.
    `type Fits<A, B> = [A] extends [B] ? Mutual<keyof A, keyof B> : false;`,
    `function ok<T extends true>(_: T) {}`,
    `type Body<Op extends keyof operations> = operations[Op] extends { requestBody: { content: { "application/json": infer B } } } ? B : never;`,
    `type Ok<Op extends keyof operations> = operations[Op] extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;`,
  ];
  // The component names that reach CountryCode.
  const refsOf = (v) => JSON.stringify(v).match(/#\/components\/schemas\/\w+/g)?.map((r) => r.split("/").pop()) ?? [];
  const reachesCountry = (name, seen = new Set()) => {
    if (name === "CountryCode") return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return refsOf(doc.components.schemas[name]).some((r) => reachesCountry(r, seen));
  };
  const cmp = (name) => (reachesCountry(name) ? "Fits" : "Same");
  for (const op of operations()) {
    const s = jsonSchema(op);
    const notSent = Object.entries(s.properties).filter(([, f]) => f["x-in"] || f.readOnly).map(([k]) => JSON.stringify(k));
    const omit = notSent.length ? notSent.join(" | ") : "never";
    const o = Object.values(doc.paths).flatMap((item) => Object.values(item)).find((x) => x.operationId === op);
    const bodyName = o.requestBody.content["application/json"].schema.$ref.split("/").pop();
    lines.push(`ok<${cmp(bodyName)}<Body<${JSON.stringify(op)}>, Omit<pkg.OperationInputs[${JSON.stringify(op)}], ${omit}>>>(true);`);
    lines.push(`ok<Same<Ok<${JSON.stringify(op)}>, pkg.OperationResponses[${JSON.stringify(op)}]>>(true);`);
  }
  const shared = Object.keys(doc.components.schemas).filter((n) => !n.endsWith("Request") && n !== "CountryCode");
  assert.ok(shared.length > 30, `${shared.length} named types`);
  assert.ok(shared.filter((n) => cmp(n) === "Same").length > 25, "most types compare both ways");
  for (const n of shared) lines.push(`ok<${cmp(n)}<components["schemas"][${JSON.stringify(n)}], pkg.${n}>>(true);`);
  // And a value typed by one is accepted by the other, as a consumer would write it.
  lines.push(`const fromPkg: pkg.OperationInputs["m2p.updateNomineeDetails"] = { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: 100 }] };`);
  lines.push(`const { entityId: _e, ...body } = fromPkg;`);
  lines.push(`const asOpenApi: Body<"m2p.updateNomineeDetails"> = body;`);
  lines.push(`export const back: Omit<pkg.OperationInputs["m2p.updateNomineeDetails"], "entityId"> = asOpenApi;`);
  writeFileSync(path.join(dir, "consumer.ts"), lines.join("\n") + "\n");
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", skipLibCheck: false, types: [] },
    files: ["consumer.ts"],
  }));
  try {
    execFileSync(path.join(root, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc --strict failed:\n${e.stdout}${e.stderr}`);
  }
});
