// customer-update/edge for deno: the handler factory bound to the package's deno entry.
import * as api from "./deno.js";
import { makeCreateEdgeHandler, makeEdgeEnvNames } from "./edge-core.js";

export { envName } from "./edge-core.js";
export const createEdgeHandler = makeCreateEdgeHandler(api);
export const edgeEnvNames = makeEdgeEnvNames(api);
