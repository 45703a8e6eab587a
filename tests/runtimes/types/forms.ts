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

// @ts-expect-error TS2322: the nominee schema cannot resolve a Juspay form
export const wrongForm: Resolver<JuspayUpdateCustomerInput> = standardSchemaResolver(nominees);
