import type { MessageCatalog } from "./index.js";
/** The French message catalog: `validate(op, input, { messages: fr })` or `setMessages(fr)`. */
declare const fr: MessageCatalog;
export default fr;
