// A Worker as a user writes it (pkg/README.md, "Cloudflare Workers / workerd"), bundled by esbuild
// with the workerd conditions and run by real workerd: one validate request through each entry.
import { validate } from "customer-update";
import { checkJson } from "customer-update/validators";

export default {
  async fetch(request) {
    const text = await request.text();
    return Response.json({ full: validate("juspay.updateCustomer", JSON.parse(text)), validators: checkJson("juspay.updateCustomer", text) });
  },
};
