// Typed usage of the public API, checked with `tsc --strict --noEmit` (and, in tsconfig.json,
// exactOptionalPropertyTypes + noUncheckedIndexedAccess). Never run: it only has to type-check.
import { createEdgeHandler, edgeEnvNames, type EdgeAnswer } from "customer-update/edge";
import {
  buildRequest,
  fromProvider,
  toProvider,
  type Contact,
  type ContactField,
  type ContactProvider,
  createClient,
  describe,
  diff,
  example,
  operations,
  schema,
  validate,
  type BuiltRequest,
  type Client,
  type ClientError,
  type FieldInfo,
  type Issue,
  type IssueCode,
  type JuspayUpdateCustomerInput,
  type M2pUpdateNomineeDetailsInput,
  type OperationId,
  type OperationInputs,
  type SendResult,
  type StandardSchemaV1,
} from "customer-update";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_proof: T): void {}

// ---- operations, validate ----
const ids: OperationId[] = operations();
export const firstId: OperationId | undefined = ids[0];

const v = validate("m2p.updateNomineeDetails", JSON.parse("{}") as unknown);
if (v.ok) {
  expectType<Equals<typeof v.value, M2pUpdateNomineeDetailsInput>>(true);
  const share: number | undefined = v.value.nominees[0]?.percentShare;
  const guardian: string | undefined = v.value.nominees[0]?.guardian?.name;
  void share, guardian;
} else {
  const issues: Issue[] = v.issues;
  const code: IssueCode | undefined = issues[0]?.code;
  const path: (string | number)[] | undefined = issues[0]?.path;
  void code, path;
}

// ---- schema: a Standard Schema V1 typed with the operation's input ----
const juspaySchema = schema("juspay.updateCustomer");
expectType<Equals<StandardSchemaV1.InferInput<typeof juspaySchema>, JuspayUpdateCustomerInput>>(true);
expectType<Equals<StandardSchemaV1.InferOutput<typeof juspaySchema>, JuspayUpdateCustomerInput>>(true);
export async function standardValidate(value: unknown): Promise<JuspayUpdateCustomerInput | string[]> {
  const r = await juspaySchema["~standard"].validate(value);
  if (r.issues) return r.issues.map((i) => `${(i.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".")}: ${i.message}`);
  return r.value;
}

// ---- example, describe, diff ----
const ex: OperationInputs["bvnk.updateCustomerStatus"] = example("bvnk.updateCustomerStatus");
const status: "PENDING" | "VERIFIED" | "REJECTED" = ex.status;
const fields: FieldInfo[] = describe("m2p.updateNomineeDetails");
const d = diff("m2p.updateCustomer", { entityId: "E" }, { entityId: "E", firstName: "Tim" });
if (d.ok) {
  const first: string | undefined = d.value.firstName;
  const changed: string[] = d.changed;
  void first, changed;
}
void status, fields;

// ---- buildRequest: one per operation, each input typed by its operation ----
const base = { baseUrl: "https://proxy.example.com" };
const built: BuiltRequest[] = [
  buildRequest("accessbank.updateCustomerDetails", { accountNo: "0702334455", email: "jane.doe@example.com" }, { accessToken: "t", subscriptionKey: "s" }),
  buildRequest("juspay.updateCustomer", { customer_id: "cst_1", email_address: "tim@example.com" }, { apiKey: "k", merchantId: "m", contentType: "json" }),
  buildRequest("bvnk.updateCustomer", { customerReference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", name: "Acme" }, base),
  buildRequest("bvnk.updateCustomerStatus", { customerReference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", status: "VERIFIED" }, { ...base, hawkId: "i", hawkKey: "k", now: Date.now(), nonce: "n1" }),
  buildRequest("bvnk.updateCustomerAssociates", {
    customerReference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06",
    associates: [{ person: { firstName: "A", lastName: "B", dateOfBirth: "2001-01-31" }, riskScore: "LOW" }],
  }, base),
  buildRequest("gathr.updateCustomer", { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", popi: true, id_type: "passport", id_number: "A1" }),
  buildRequest("m2p.updateCustomer", { entityId: "E", gender: "Male", communication: { mobile: { value: "9876543210", countryCode: 91 } } }),
  buildRequest("m2p.updateCustomerStatus", { entityId: "E", status: "CREDIT_FREEZE", currentStatus: "ACTIVE" }, { requestId: "r-1" }),
  buildRequest("m2p.updateNomineeDetails", { entityId: "E", nominees: [{ name: "Ravi", relationship: "Son", percentShare: 100, dob: "1990-01-01" }] }),
];
for (const b of built) {
  if (b.ok) {
    const line: string = `${b.method} ${b.url} ${b.headers["Content-Type"] ?? ""} ${b.body.length}`;
    void line;
  } else {
    void b.issues.length;
  }
}

// ---- createClient: one per provider, one method per operation, typed results ----
export async function sendAll(signal: AbortSignal): Promise<void> {
  const accessbank: Client<"accessbank"> = createClient("accessbank", { baseUrl: "https://proxy.example.com", accessToken: "t" });
  const juspay = createClient("juspay", { apiKey: "k", merchantId: "m", contentType: "form", retries: 1 });
  const bvnk = createClient("bvnk", { hawkId: "id", hawkKey: "key", timeoutMs: 5000 });
  const gathr = createClient("gathr", { token: "t", onRequest: (e) => console.log(e.method, e.url) });
  const m2p = createClient("m2p", { tenantId: "t", clientId: "c", clientSecret: "s", fetch: (r) => fetch(r) });

  const a = await accessbank.updateCustomerDetails({ accountNo: "0702334455", phoneNumber: "+2348012345678" });
  if (a.ok) { const succeeded: boolean | null | undefined = a.data.succeeded; void succeeded; }

  const j: SendResult<"juspay.updateCustomer"> = await juspay.updateCustomer({ customer_id: "cst_1", first_name: "Tim" }, { signal });
  if (j.ok) { const email: string | null | undefined = j.data.email_address; void email; }
  else { const e: ClientError = j.error; const retry: boolean = e.retryable; const kind: "validation" | "auth" | "provider" | "http" | "network" | "timeout" | "decode" | "outcome_unknown" = e.kind; void retry, kind; }

  await bvnk.updateCustomer({ customerReference: "r", description: "d" });
  await bvnk.updateCustomerStatus({ customerReference: "r", status: "REJECTED" }, { timeoutMs: 1000 });
  await bvnk.updateCustomerAssociates({ customerReference: "r", associates: [] });
  await gathr.updateCustomer({ customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", terms_and_conditions: true });
  await m2p.updateCustomer({ entityId: "E", email: "a@b.co" });
  const s = await m2p.updateCustomerStatus({ entityId: "E", status: "ACTIVE" }, { idempotencyKey: "k-1" });
  if (s.ok) { const st: string | null | undefined = s.data.result?.status; const rid: string | null = s.requestId; void st, rid; }
  await m2p.updateNomineeDetails({ entityId: "E", nominees: [{ name: "Ravi", relationship: "Son", percentShare: 100, minor: true, guardian: { name: "Asha" } }] });

  expectType<Equals<typeof juspay.provider, "juspay">>(true);
  expectType<Equals<keyof typeof m2p, "provider" | "updateContact" | "updateCustomer" | "updateCustomerStatus" | "updateNomineeDetails">>(true);
  expectType<Equals<keyof typeof bvnk, "provider" | "updateContact" | "updateCustomer" | "updateCustomerStatus" | "updateCustomerAssociates">>(true);
}
{
  // customer-update/edge: the handler is (Request) => Promise<Response>; authorize may be async and
  // may answer "forbidden"; edgeEnvNames() lists the variables.
  const handler: (request: Request) => Promise<Response> = createEdgeHandler({
    env: { CU_GATHR_TOKEN: "t" },
    allowedOrigins: ["https://app.example.com"],
    authorize: async (request, { op }) => (op === "gathr.updateCustomer" ? request.headers.has("authorization") : "forbidden"),
    maxBodyBytes: 65536,
    allowHeaders: ["X-Session"],
  });
  void handler;
  const names: Record<string, { required: string[]; optional: string[] }> = edgeEnvNames();
  const answer: EdgeAnswer = { ok: false, kind: "validation", error: "x", issues: [] };
  void names, answer;
}
{
  // The normalized contact (issue 16): toProvider's input is the provider operation's input type;
  // issues carry the provider; client.updateContact resolves with the contact read back.
  const mapped = toProvider("juspay", { phone: "+919876543210", address: { lines: ["1 Rd"] } }, { id: "cst_1", skipUnsupported: true });
  if (mapped.ok) {
    const input: JuspayUpdateCustomerInput = mapped.input;
    const op: "juspay.updateCustomer" = mapped.op;
    const skipped: ContactField[] = mapped.unsupported;
    void input, op, skipped;
  } else {
    const who: ContactProvider = mapped.issues[0]?.provider ?? "juspay";
    void who;
  }
  const back: Contact = fromProvider("m2p", { result: { dob: "31/01/1990" } });
  const changed = diff("contact", back, { ...back, email: "a@b.co" });
  if (changed.ok) void (changed.value satisfies Contact);
  void (async () => {
    const sent = await createClient("m2p").updateContact("E1", { birthDate: "1990-01-31" });
    if (sent.ok) void (sent.contact satisfies Contact | null);
    else void (sent.error satisfies ClientError);
  })();
}

// Messages: per-call catalogs, setMessages, the French catalog, fields on cross-field issues.
import { setMessages as setMessagesTyped, messagesEn, messageTemplates, checkJson as checkJsonTyped, type MessageCatalog } from "customer-update";
import fr from "customer-update/messages/fr";
const myMessages: MessageCatalog = {
  required: "{label} is needed",
  unknown_field: ({ params, path, code, template, message }) => `${code} ${template} ${path.join(".")} ${String(params.key)} ${message}`,
  words: { boolean: "yes/no" },
};
const inFrench = validate("juspay.updateCustomer", {}, { messages: fr });
if (!inFrench.ok) {
  const firstFields: string[] | undefined = inFrench.issues[0]?.fields;
  void firstFields;
}
checkJsonTyped("juspay.updateCustomer", "{}", { messages: myMessages });
schema("juspay.updateCustomer", { messages: fr });
setMessagesTyped(fr);
setMessagesTyped(null);
const templateIds: string[] = messageTemplates.map((t) => t.id);
const englishRequired = messagesEn["required"];
void templateIds;
void englishRequired;

// ---- every result and option is a named, generated type (vocab/src/shapes.rs) ----
import {
  diffContact,
  matchRequest,
  tanstackValidator,
  type CheckResult,
  type ContactSendResult,
  type DiffContactResult,
  type MatchResult,
  type TanstackErrors,
  type UpdateContactOptions,
  type MessageTemplate,
  type ContactIssue,
  type ToProviderResult,
} from "customer-update";
expectType<Equals<ReturnType<typeof checkJsonTyped>, CheckResult>>(true);
expectType<Equals<ReturnType<typeof matchRequest>, MatchResult | null>>(true);
expectType<Equals<ReturnType<typeof diffContact>, DiffContactResult>>(true);
expectType<Equals<ReturnType<ReturnType<typeof tanstackValidator>>, TanstackErrors | undefined>>(true);
expectType<Equals<(typeof messageTemplates)[number], MessageTemplate>>(true);
export async function contactSend(): Promise<ContactSendResult<"m2p">> {
  const options: UpdateContactOptions = { timeoutMs: 1000, before: { birthDate: "1990-01-30" } };
  const r = await createClient("m2p").updateContact("E1", { birthDate: "1990-01-31" }, options);
  if (r.ok) {
    expectType<Equals<typeof r.op, "m2p.updateCustomer">>(true);
    const back: Contact | null = r.contact;
    void back;
  } else {
    const issue: Issue | undefined = r.error.issues[0];
    void issue;
  }
  return r;
}
const mappedFail = toProvider("juspay", {}, { id: "c1" });
if (!mappedFail.ok) {
  const first: ContactIssue | undefined = mappedFail.issues[0];
  expectType<Equals<typeof mappedFail, Extract<ToProviderResult<"juspay">, { ok: false }>>>(true);
  void first?.provider;
}
buildRequest("gathr.updateCustomer", { customer_id: "c" }, { token: "t" }, { messages: fr });
diff("gathr.updateCustomer", {}, {}, { messages: myMessages });
createClient("gathr", { token: "t", messages: fr });
