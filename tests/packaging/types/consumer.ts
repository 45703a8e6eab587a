// A TypeScript (ESM) consumer of the installed tarball, checked with tsc --strict under
// moduleResolution bundler and nodenext: every entry's types resolve, results narrow, mistakes fail.
import { validate, schema, buildRequest, type Issue, type OperationInputs } from "customer-update";
import { validate as validateOnly, checkJson } from "customer-update/validators";
import { createEdgeHandler } from "customer-update/edge";
import { init, initSync } from "customer-update/slim";

const input: OperationInputs["juspay.updateCustomer"] = { customer_id: "cst_1", email_address: "tim@example.com" };
const r = validate("juspay.updateCustomer", input);
if (r.ok) {
  const id: string = r.value.customer_id;
  void id;
} else {
  const first: Issue | undefined = r.issues[0];
  void first?.path;
}
const v = validateOnly("m2p.updateNomineeDetails", {});
if (!v.ok) void v.issues.map((i) => i.code);
void checkJson("bvnk.updateCustomer", "{}").ok;
void schema("gathr.updateCustomer")["~standard"].validate({});
void buildRequest("juspay.updateCustomer", input, { baseUrl: "https://api.example.test" });
const handler: (request: Request) => Promise<Response> = createEdgeHandler({ env: {}, allowedOrigins: [], authorize: () => true });
void handler;
void init;
void initSync;

// @ts-expect-error an unknown operation id
validate("juspay.updateCustomers", input);
// @ts-expect-error the validators entry has no buildRequest
import("customer-update/validators").then((m) => m.buildRequest);
