// customer-update/edge: a Fetch-API request handler that validates, authorizes and sends the nine
// operations with credentials from the environment. README.md, "Edge handler", has the status table.
// Its option and answer types (EdgeHandlerOptions, EdgeAnswer) are generated from vocab/src/shapes.rs.
import type { EdgeEnvNames, EdgeHandlerOptions } from "./index.js";
export type { EdgeAnswer, EdgeEnvNames, EdgeHandlerOptions } from "./index.js";

export declare function createEdgeHandler(options: EdgeHandlerOptions): (request: Request) => Promise<Response>;
/** The environment variable for one provider config key: envName("m2p", "clientSecret") → "CU_M2P_CLIENT_SECRET". */
export declare function envName(provider: string, key: string): string;
/** Per provider, the variables the handler reads: `{ required, optional }`. */
export declare function edgeEnvNames(): Record<string, EdgeEnvNames>;
