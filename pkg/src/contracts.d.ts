// `customer-update/contracts`: the machine-readable contracts, generated from the specs (no wasm).
import type { OperationId } from "./index.js";

/** A JSON Schema (2020-12) document. */
export interface JsonSchemaDocument {
  $schema: "https://json-schema.org/draft/2020-12/schema";
  $id: string;
  title: string;
  type: "object";
  properties: Record<string, unknown>;
  required?: string[];
  /** The cross-field rules: only `validate` checks them (at_least_one_of is also the schema's anyOf). */
  "x-rules"?: { kind: string; codes: string[]; inSchema: boolean; description: string; [param: string]: unknown }[];
  [keyword: string]: unknown;
}

/** The OpenAPI 3.1 document of the nine operations. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  [key: string]: unknown;
}

/** The JSON Schema (2020-12) of `op`'s input, as `validate(op, input)` reads it (a fresh copy each call). */
export declare function jsonSchema(op: OperationId): JsonSchemaDocument;
/** The OpenAPI 3.1 document (a fresh copy each call; also `customer-update/openapi.json`). */
export declare function openapi(): OpenApiDocument;
/** The `x-` keywords the documents use: `ajv.addVocabulary(extensionKeywords)` for Ajv's strict mode. */
export declare const extensionKeywords: readonly string[];
