// A route handler (server): the default entry under the node condition.
import { validate } from "customer-update";

export async function POST(request) {
  return Response.json(validate("juspay.updateCustomer", await request.json()));
}
