// customer-update/edge for workerd: the handler factory bound to the package's workerd entry.
import * as api from "./workerd.js";
import { makeCreateEdgeHandler, makeEdgeEnvNames } from "./edge-core.js";

export { envName } from "./edge-core.js";
export const createEdgeHandler = makeCreateEdgeHandler(api);
export const edgeEnvNames = makeEdgeEnvNames(api);
