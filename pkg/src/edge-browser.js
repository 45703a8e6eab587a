// customer-update/edge for browser: the handler factory bound to the package's browser entry.
import * as api from "./browser.js";
import { makeCreateEdgeHandler, makeEdgeEnvNames } from "./edge-core.js";

export { envName } from "./edge-core.js";
export const createEdgeHandler = makeCreateEdgeHandler(api);
export const edgeEnvNames = makeEdgeEnvNames(api);
