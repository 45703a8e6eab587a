// customer-update/edge for node: the handler factory bound to the package's node entry.
import * as api from "./node.js";
import { makeCreateEdgeHandler, makeEdgeEnvNames } from "./edge-core.js";

export { envName } from "./edge-core.js";
export const createEdgeHandler = makeCreateEdgeHandler(api);
export const edgeEnvNames = makeEdgeEnvNames(api);
