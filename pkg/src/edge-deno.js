// customer-update/edge for deno: the handler factory bound to the package's deno entry.
import * as api from "./deno.js";
import { makeCreateEdgeHandler } from "./edge-core.js";

export { edgeEnvNames, envName } from "./edge-core.js";
export const createEdgeHandler = makeCreateEdgeHandler(api);
