// react-hook-form and TanStack-style typing: schema(op) is accepted where a Standard Schema is
// expected, and the resolver's form values are the operation's input type.
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import type { Resolver } from "react-hook-form";
import type { StandardSchemaV1 as SpecSchema } from "@standard-schema/spec";
import { schema, type JuspayUpdateCustomerInput, type M2pUpdateNomineeDetailsInput } from "customer-update";

const nominees = schema("m2p.updateNomineeDetails");
export const resolver: Resolver<M2pUpdateNomineeDetailsInput> = standardSchemaResolver(nominees);

// The official spec's type accepts it too (TanStack Form, Conform, tRPC, … take this type).
export const asSpec: SpecSchema<M2pUpdateNomineeDetailsInput> = nominees;

// The package's StandardSchemaV1 is generated from its description (vocab/src/shapes.rs): it is
// the specification's own type, both ways, issue and result types included.
import type { StandardSchemaV1 as Generated } from "customer-update";
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameSchema: Same<Generated<{ a: string }, number>, SpecSchema<{ a: string }, number>> = true;
export const sameResult: Same<Generated.Result<number>, SpecSchema.Result<number>> = true;
export const sameIssue: Same<Generated.Issue, SpecSchema.Issue> = true;
export const sameOptions: Same<Generated.Options, SpecSchema.Options> = true;
export const sameProps: Same<Generated.Props<string, number>, SpecSchema.Props<string, number>> = true;
export const sameInfer: Same<Generated.InferInput<typeof nominees>, SpecSchema.InferInput<typeof nominees>> = true;

// @ts-expect-error TS2322: the nominee schema cannot resolve a Juspay form
export const wrongForm: Resolver<JuspayUpdateCustomerInput> = standardSchemaResolver(nominees);

// Form mode: the same schema type; fromFormData takes a FormData, URLSearchParams or pairs and
// returns the op's validation result.
import { fromFormData, validate } from "customer-update";
import { jsonSchema, openapi, extensionKeywords } from "customer-update/contracts";
export const formResolver: Resolver<M2pUpdateNomineeDetailsInput> = standardSchemaResolver(schema("m2p.updateNomineeDetails", { form: true }));
const fromForm = fromFormData("m2p.updateNomineeDetails", new URLSearchParams("entityId=E"));
export const firstShare: number | undefined = fromForm.ok ? fromForm.value.nominees[0]?.percentShare : undefined;
export const fromPairs = fromFormData("bvnk.updateCustomerStatus", [["status", "VERIFIED"]]);
export const formChecked = validate("juspay.updateCustomer", { customer_id: "" }, { form: true });
export const contracts: [string, string, readonly string[]] = [jsonSchema("m2p.updateCustomer").$schema, openapi().openapi, extensionKeywords];
// @ts-expect-error TS2345: fromFormData takes form entries, not a number
fromFormData("bvnk.updateCustomerStatus", 42);
