// One contact for all five providers (issue 16). The mapping runs in Rust (src/unified.rs, tables
// generated from the specs' [unified] sections); this file adds the provider to each issue and
// sends a contact through a client. It imports no wasm glue: api.js hands it the wasm exports
// (`need`), so the validators-only entry, made from api.js, loads no other glue through it (it
// imports issues.js: plain JS over the generated message table).
import { countMessage, CONTACT_NOT_SENT } from "./issues.js";
// The country names the `country_name` conversion reads (generated from the vocabulary's list):
// handed to the wasm before its first contact call instead of being carried in it, so a bundle
// that uses no contact function drops them with this file.
import { COUNTRY_NAMES } from "./countries.js";

/** The contact API over the wasm exports; `need(name)` returns an export or throws;
 * `lastIssues(messages)` the issues of the last refusal (their records rendered by api.js, from
 * the catalog `messages` when given, else the entry's). */
export function contactApi(need, lastIssues) {

// The wasm's one contact export (src/wasm/contact.rs: `kind` 0 setCountryNames, 1 toProvider,
// 2 fromProvider, 3 diffContact), the country names handed over first (once).
let named = false;
function contactExport() {
  const f = need("contact");
  if (!named) {
    f(0, COUNTRY_NAMES);
    named = true;
  }
  return f;
}

/**
 * The provider operation's input for a contact: `{ ok: true, op, input, unsupported }` or
 * `{ ok: false, op, issues }`, every issue on the contact's path and carrying `provider`. `options.id`
 * is the provider's customer reference; with `options.skipUnsupported` the contact fields the
 * provider cannot take are listed in `unsupported` instead of being `unsupported_field` issues.
 */
function toProvider(provider, contact, options = {}, messages = undefined) {
  const { id, skipUnsupported = false } = options ?? {};
  const r = contactExport()(1, provider, contact, id, skipUnsupported === true);
  if (!r.ok) {
    r.issues = lastIssues(messages); // `{ ok: false, op }` from the wasm, the issues as records
    for (const issue of r.issues) issue.provider = provider;
  }
  return r;
}

/** The contact a provider's response body (or stored customer record) gives back. */
function fromProvider(provider, body) {
  return contactExport()(2, provider, body);
}

/** The contact holding what changed from `before` to `after`: `{ ok: true, value }` or `{ ok: false, issues }`. */
function diffContact(before, after, messages = undefined) {
  const r = need("contact")(3, "", before, after);
  return r === 1 ? { ok: false, issues: lastIssues(messages) } : r;
}

function validationError(issues) {
  const n = issues.length;
  return {
    kind: "validation",
    status: null,
    providerCode: null,
    providerCategory: null,
    traceId: null,
    message: countMessage(CONTACT_NOT_SENT, n), // the text of Rust's Client::update_contact
    issues,
    retryable: false,
    raw: null,
  };
}

/**
 * `client.updateContact(ref, contact, options)`: maps the contact onto the client's provider,
 * sends it with the operation's own method, and resolves to the send result with `op` and, on
 * success, `contact` (what the response body gives back). With `options.before` (the contact as
 * the provider holds it) only the changed fields are sent. Issues (local or the provider's field
 * errors) are on the contact's paths and carry `provider`. Never rejects for expected failures.
 * `messages`: the client's catalog (`createClient`'s `config.messages`), for the local issues.
 */
async function updateContact(client, ref, contact, options, messages) {
  const provider = client.provider;
  // `options.before`: the contact as the provider holds it; only what changed is sent (diffContact).
  if (options !== null && typeof options === "object" && "before" in options) {
    const { before, ...rest } = options;
    const changed = diffContact(before, contact, messages);
    if (!changed.ok) {
      const issues = changed.issues.map((issue) => ({ ...issue, provider }));
      return { ok: false, op: toProvider(provider, {}, { id: ref }).op, error: validationError(issues) };
    }
    contact = changed.value;
    options = rest;
  }
  const mapped = toProvider(provider, contact, { id: ref }, messages);
  if (!mapped.ok) return { ok: false, op: mapped.op, error: validationError(mapped.issues) };
  const method = mapped.op.slice(provider.length + 1);
  const result = await client[method](mapped.input, options);
  if (result.ok) {
    let back = null; // a success body that is no JSON object holds no record
    try {
      back = fromProvider(provider, result.data);
    } catch {}
    return { ...result, op: mapped.op, contact: back };
  }
  const contactPath = need("contactPath");
  // The call's own options and config keep their paths (as Client::update_contact in Rust does):
  // moved onto the contact they would land on its root.
  const own = (path) => path[0] === "options" || path[0] === "config";
  const issues = result.error.issues.map((issue) => ({ ...issue, path: own(issue.path) ? issue.path : contactPath(provider, issue.path), provider }));
  return { ok: false, op: mapped.op, error: { ...result.error, issues } };
}

  return { toProvider, fromProvider, diffContact, updateContact };
}
