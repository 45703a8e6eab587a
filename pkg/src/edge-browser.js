// customer-update/edge for browser: the handler factory bound to the package's browser entry.
import * as api from "./browser.js";
import { makeCreateEdgeHandler } from "./edge-core.js";

export { edgeEnvNames, envName } from "./edge-core.js";
export const createEdgeHandler = makeCreateEdgeHandler(api);
