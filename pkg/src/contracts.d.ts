// `customer-update/contracts`: the machine-readable contracts, generated from the specs (no wasm).
// Its result types (JsonSchemaDocument, OpenApiDocument) are generated from vocab/src/shapes.rs.
import type { JsonSchemaDocument, OpenApiDocument, OperationId } from "./index.js";
export type { JsonSchemaDocument, OpenApiDocument } from "./index.js";

/** The JSON Schema (2020-12) of `op`'s input, as `validate(op, input)` reads it (a fresh copy each call). */
export declare function jsonSchema(op: OperationId): JsonSchemaDocument;
/** The OpenAPI 3.1 document (a fresh copy each call; also `customer-update/openapi.json`). */
export declare function openapi(): OpenApiDocument;
/** The `x-` keywords the documents use: `ajv.addVocabulary(extensionKeywords)` for Ajv's strict mode. */
export declare const extensionKeywords: readonly string[];
