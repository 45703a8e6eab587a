// customer-update/edge for node: the handler factory bound to the package's node entry.
import * as api from "./node.js";
import { makeCreateEdgeHandler } from "./edge-core.js";

export { edgeEnvNames, envName } from "./edge-core.js";
export const createEdgeHandler = makeCreateEdgeHandler(api);
