//! The shapes the package declares, described once: every result the API returns and every
//! option object it takes. The generator writes their TypeScript declarations from these
//! descriptions ([`PACKAGE`] into the generated `index.d.ts`, [`CONTACT`] into `contact.d.ts`);
//! the hand-written `pkg/src/*.d.ts` hold only function signatures over them
//! (`tests/shapes.rs` fails on a hand-written one). The runtime's serializers
//! (`validate::issues_to_json`, `client::result_json`, `request::Built::to_json`, …) write their
//! keys from [`key`], the constants these descriptions name their properties with, through the
//! one `json::Writer`, and are tested against the property lists key by key
//! (`tests/client_matrix.rs`, `tests/request.rs`, `tests/diff.rs`, `tests/providers.rs`,
//! `tests/unified.rs`). The runtime reads the keys only, never these tables, so no description
//! text reaches the wasm.

/// The keys of the JSON the runtime writes: the shapes below name their properties with these
/// constants and the serializers (`crate::json::Writer` callers in the runtime) write them, so a
/// key renamed here is renamed in both.
pub mod key {
    #[allow(missing_docs)]
    pub const OK: &str = "ok";
    #[allow(missing_docs)]
    pub const PATH: &str = "path";
    #[allow(missing_docs)]
    pub const CODE: &str = "code";
    #[allow(missing_docs)]
    pub const MESSAGE: &str = "message";
    #[allow(missing_docs)]
    pub const FORMAT: &str = "format";
    #[allow(missing_docs)]
    pub const FIELDS: &str = "fields";
    #[allow(missing_docs)]
    pub const KIND: &str = "kind";
    #[allow(missing_docs)]
    pub const STATUS: &str = "status";
    #[allow(missing_docs)]
    pub const PROVIDER_CODE: &str = "providerCode";
    #[allow(missing_docs)]
    pub const PROVIDER_CATEGORY: &str = "providerCategory";
    #[allow(missing_docs)]
    pub const TRACE_ID: &str = "traceId";
    #[allow(missing_docs)]
    pub const ISSUES: &str = "issues";
    #[allow(missing_docs)]
    pub const RETRYABLE: &str = "retryable";
    #[allow(missing_docs)]
    pub const RAW: &str = "raw";
    #[allow(missing_docs)]
    pub const RETRY_AFTER_MS: &str = "retryAfterMs";
    #[allow(missing_docs)]
    pub const CONTENT_TYPE: &str = "contentType";
    #[allow(missing_docs)]
    pub const DATA: &str = "data";
    #[allow(missing_docs)]
    pub const REQUEST_ID: &str = "requestId";
    #[allow(missing_docs)]
    pub const ERROR: &str = "error";
    #[allow(missing_docs)]
    pub const METHOD: &str = "method";
    #[allow(missing_docs)]
    pub const URL: &str = "url";
    #[allow(missing_docs)]
    pub const HEADERS: &str = "headers";
    #[allow(missing_docs)]
    pub const BODY: &str = "body";
    #[allow(missing_docs)]
    pub const GENERATED: &str = "generated";
    #[allow(missing_docs)]
    pub const VALUE: &str = "value";
    #[allow(missing_docs)]
    pub const CHANGED: &str = "changed";
    #[allow(missing_docs)]
    pub const ID: &str = "id";
    #[allow(missing_docs)]
    pub const NAME: &str = "name";
    #[allow(missing_docs)]
    pub const AUTH: &str = "auth";
    #[allow(missing_docs)]
    pub const ENVIRONMENTS: &str = "environments";
    #[allow(missing_docs)]
    pub const OPERATIONS: &str = "operations";
    #[allow(missing_docs)]
    pub const CREDENTIALS: &str = "credentials";
    #[allow(missing_docs)]
    pub const OP: &str = "op";
    #[allow(missing_docs)]
    pub const INPUT: &str = "input";
    #[allow(missing_docs)]
    pub const UNSUPPORTED: &str = "unsupported";
}

/// One property of a shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prop {
    /// The JSON key (or, for an index signature, `[name: string]`: see [`Prop::is_index`]).
    pub name: &'static str,
    /// Its TypeScript type (may name other generated types: `IssueCode`, `Issue`, …).
    pub ts: &'static str,
    /// Absent when it does not apply (written `name?:`), rather than `null`.
    pub optional: bool,
    /// The documentation comment.
    pub doc: &'static str,
}

const fn p(name: &'static str, ts: &'static str, doc: &'static str) -> Prop {
    Prop {
        name,
        ts,
        optional: false,
        doc,
    }
}

const fn opt(name: &'static str, ts: &'static str, doc: &'static str) -> Prop {
    Prop {
        name,
        ts,
        optional: true,
        doc,
    }
}

/// An index signature (`[key: string]: ts`): the keys beyond the named ones.
const fn index(key: &'static str, ts: &'static str, doc: &'static str) -> Prop {
    Prop {
        name: key,
        ts,
        optional: false,
        doc,
    }
}

impl Prop {
    /// Whether this is an index signature rather than a key.
    pub fn is_index(&self) -> bool {
        self.name.starts_with('[')
    }
}

/// One validation issue.
pub const ISSUE: &[Prop] = &[
    p(key::PATH,
        "(string | number)[]",
        "Keys and array indices from the input's root; `[]` is the whole input.",
    ),
    p(key::CODE, "IssueCode", "A stable issue code."),
    p(key::MESSAGE, "string", "Plain English a form can show."),
    opt(key::FORMAT, "FormatName", "Set for `invalid_format`."),
    opt(key::FIELDS,
        "string[]",
        "Set on cross-field issues: the fields the issue concerns, as dotted paths\n(`\"nominees.0.percentShare\"`), so a form can show it next to each.",
    ),
];

/// The kinds of a client error, with what each means (the runtime's `providers::ErrorKind`,
/// in the same order).
pub const ERROR_KINDS: &[(&str, &str)] = &[
    ("validation", "The input (or an option) is invalid; nothing was sent."),
    ("auth", "The credentials were refused, or no token could be obtained."),
    ("provider", "The provider refused the request with a reason of its own."),
    ("http", "An error status with no reason the provider's error body gives."),
    ("network", "The connection failed."),
    ("timeout", "No answer in time."),
    ("decode", "An answer that cannot be read (not the documented shape, or too large)."),
    (
        "outcome_unknown",
        "The request was sent and its answer lost (reset, timeout) on a call the client may not\nrepeat (a POST or PATCH without an idempotency key the provider honours): the update may or\nmay not have been applied. Never retryable.",
    ),
];

/// The error of a failed client call (`{ ok: false, error }`).
pub const CLIENT_ERROR: &[Prop] = &[
    p(key::KIND, "ErrorKind", "What kind of failure this is."),
    p(key::STATUS, "number | null", "The HTTP status, when there was an answer."),
    p(key::PROVIDER_CODE,
        "string | null",
        "The provider's code: Access Bank \"31\", Juspay \"INVALID_INPUT\", BVNK \"bvnk:…\", M2P \"PPCUST_032\", …",
    ),
    p(key::PROVIDER_CATEGORY,
        "string | null",
        "A coarser class when the provider sends one (Juspay `error_info.category`, M2P `message`).",
    ),
    p(key::TRACE_ID,
        "string | null",
        "The provider's id for this failure, for support tickets.",
    ),
    p(key::MESSAGE, "string", "Plain English, safe to show and log."),
    p(key::ISSUES,
        "Issue[]",
        "Validation issues, or the provider's field errors mapped onto input paths.",
    ),
    p(key::RETRYABLE,
        "boolean",
        "Whether the same request may succeed later (429, 5xx, network, timeout).",
    ),
    p(key::RAW, "string | null", "The start of the response body, as received."),
    opt(key::RETRY_AFTER_MS,
        "number",
        "The wait the provider asked for with `Retry-After` on its last answer, in ms (present only\nwhen it sent a readable one): e.g. one longer than `maxRetryAfterMs`, returned instead of slept.",
    ),
    opt(key::CONTENT_TYPE,
        "string",
        "The Content-Type of the provider's last answer, when it had one (the type of `raw`).",
    ),
];

/// A successful client call (`{ ok: true, … }`); `Op` is the operation id.
pub const SEND_SUCCESS: &[Prop] = &[
    p(key::STATUS, "number", "The HTTP status (2xx)."),
    p(
        key::DATA,
        "OperationResponses[Op]",
        "The parsed response body (`null` for an empty 204/205).",
    ),
    p(
        key::REQUEST_ID,
        "string | null",
        "The logical request's id (M2P `X-Request-ID`, Access Bank `requestId`).",
    ),
];

/// A request `buildRequest` built (`{ ok: true, … }`; else `{ ok: false, issues }`).
pub const BUILT_REQUEST: &[Prop] = &[
    p(
        key::METHOD,
        "\"POST\" | \"PUT\" | \"PATCH\"",
        "The HTTP method.",
    ),
    p(
        key::URL,
        "string",
        "The full URL, path parameters percent-encoded into it.",
    ),
    p(
        key::HEADERS,
        "Record<string, string>",
        "The headers, in the order they were built (`Authorization` when credentials were given).",
    ),
    p(
        key::BODY,
        "string",
        "The encoded body (JSON, or a form for Juspay).",
    ),
    opt(
        key::REQUEST_ID,
        "string",
        "The id of this logical request (M2P `X-Request-ID`), when the provider sends one.",
    ),
    opt(
        key::GENERATED,
        "Record<string, string>",
        "The fields the builder filled in (Access Bank `requestId`), by name.",
    ),
];

/// A valid input (`{ ok: true, … }` of `validate`; else `{ ok: false, issues }`); `Op` is the
/// operation id.
pub const VALIDATION_OK: &[Prop] = &[p(
    key::VALUE,
    "OperationInputs[Op]",
    "The input, as given (nothing trimmed or rewritten).",
)];

/// The smallest update payload (`{ ok: true, … }` of `diff`; else `{ ok: false, issues }`).
pub const DIFF_OK: &[Prop] = &[
    p(
        key::VALUE,
        "Partial<OperationInputs[Op]>",
        "The payload: the key fields and what changed.",
    ),
    p(
        key::CHANGED,
        "string[]",
        "The top-level fields whose value changed.",
    ),
];

/// One field of an operation's input, for building a form (`describe`).
pub const FIELD_INFO: &[Prop] = &[
    p(
        "path",
        "string[]",
        "Keys from the input's root; \"*\" stands for any index of an array.",
    ),
    p("label", "string", "A short label for the form."),
    p(
        "type",
        "\"string\" | \"boolean\" | \"integer\" | \"number\" | \"object\" | \"array\" | \"any\"",
        "The JSON type.",
    ),
    p("required", "boolean", "Whether the field must be present."),
    p(
        "location",
        "\"body\" | \"path\" | \"input\"",
        "`body`, `path` (moved into the URL) or `input` (read by rules, never sent).",
    ),
    opt("hint", "string", "A hint on the expected value."),
    opt("enum", "string[]", "The allowed values, for a choice."),
    opt("format", "FormatName", "The named format."),
    opt(
        "dateFormat",
        "\"yyyy-MM-dd\" | \"dd/MM/yyyy\"",
        "For a date: its pattern.",
    ),
    opt("minLength", "number", "The fewest characters."),
    opt("maxLength", "number", "The most characters."),
    opt("minimum", "number", "The smallest number."),
    opt("maximum", "number", "The largest number."),
    opt("minItems", "number", "The fewest items of a list."),
    opt("maxItems", "number", "The most items of a list."),
    opt(
        "open",
        "boolean",
        "For objects: keys beyond the described ones are accepted.",
    ),
    opt(
        "generated",
        "boolean",
        "The builder fills the field in when it is left out.",
    ),
];

/// A provider as its spec describes it (`providers()`).
pub const PROVIDER_INFO: &[Prop] = &[
    p(key::ID, "ProviderKey", "The provider key."),
    p(key::NAME, "string", "The display name."),
    p(
        key::AUTH,
        "\"token\" | \"basic\" | \"hawk\" | \"bearer\"",
        "How requests are authenticated.",
    ),
    p(
        key::ENVIRONMENTS,
        "{ sandbox: string; production: string }",
        "The base URL of each environment.",
    ),
    p(
        key::OPERATIONS,
        "OperationId[]",
        "The provider's operations.",
    ),
    p(
        key::CREDENTIALS,
        "{ key: string; optional: boolean }[]",
        "The config keys the client reads; `optional`: a token obtained elsewhere (`accessToken`).",
    ),
];

/// A contact mapped onto a provider (`{ ok: true, … }` of `toProvider`); `P` is the provider.
pub const TO_PROVIDER_OK: &[Prop] = &[
    p(
        key::OP,
        "ContactOperations[P]",
        "The provider's contact operation.",
    ),
    p(
        key::INPUT,
        "OperationInputs[ContactOperations[P]]",
        "Its input, valid by the operation's rules.",
    ),
    p(
        key::UNSUPPORTED,
        "ContactField[]",
        "The contact fields present but left out (with `skipUnsupported`; else empty).",
    ),
];

/// A contact that does not map (`{ ok: false, … }` of `toProvider`).
pub const TO_PROVIDER_FAIL: &[Prop] = &[
    p(
        key::OP,
        "ContactOperations[P]",
        "The provider's contact operation.",
    ),
    p(
        key::ISSUES,
        "ContactIssue[]",
        "Every issue, on the contact's paths, each naming the provider.",
    ),
];

/// What a client's `onRequest` hook receives before each send (secrets masked or redacted).
pub const REQUEST_EVENT: &[Prop] = &[
    p("operation", "OperationId", "The operation sent."),
    p(
        "attempt",
        "number",
        "1 for the first send, then 2, 3, … for retries.",
    ),
    p("method", "string", "The HTTP method."),
    p("url", "string", "The URL, secrets redacted."),
    p(
        "headers",
        "Record<string, string>",
        "Credential-bearing headers are masked (\"Bearer ***\").",
    ),
    p("body", "string | null", "The body, secrets redacted."),
];

/// What a client's `onResponse` hook receives after each answer read.
pub const RESPONSE_EVENT: &[Prop] = &[
    p("operation", "OperationId", "The operation sent."),
    p("attempt", "number", "Which send this answers (1, 2, …)."),
    p("status", "number", "The HTTP status."),
    p(
        "body",
        "string",
        "The body as received, less the client's secrets (a server may echo them).",
    ),
];

/// `{ ok: false, issues }`: the failure side of the results that report issues.
pub const ISSUES_FAIL: &[Prop] = &[p(
    key::ISSUES,
    "Issue[]",
    "Every issue found, in document order (at most the issue cap).",
)];

/// `{ ok: false, error }`: the failure side of a client call.
pub const SEND_FAIL: &[Prop] = &[p(key::ERROR, "ClientError", "Why the call failed.")];

/// A provider-shaped request recognised (`{ ok: true, … }` of `matchRequest`).
pub const MATCH_OK: &[Prop] = &[
    p(key::OP, "OperationId", "The operation the request names."),
    p(
        key::INPUT,
        "Record<string, unknown>",
        "Its input: the body with the path parameters put back.",
    ),
];

/// A normalized contact's changes (`{ ok: true, … }` of `diffContact`).
pub const DIFF_CONTACT_OK: &[Prop] = &[p(
    key::VALUE,
    "Contact",
    "The contact holding what changed (a changed address whole).",
)];

/// What `client.updateContact` adds to a client call's result, on both sides.
pub const CONTACT_SEND_OP: &[Prop] = &[p(
    "op",
    "ContactOperations[P]",
    "The provider's contact operation.",
)];

/// What `client.updateContact` adds to a successful call.
pub const CONTACT_SEND_OK: &[Prop] = &[p(
    "contact",
    "Contact | null",
    "The contact the response body gives back (`null` when the body holds no record).",
)];

/// One declaration of the package's TypeScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// The type's name.
    pub name: &'static str,
    /// Its type parameters as written after the name (`<Op extends OperationId>`), or `""`.
    pub params: &'static str,
    /// The documentation comment (may be empty).
    pub doc: &'static str,
    /// What it is.
    pub body: Body,
}

/// What a declared shape is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// `interface Name extends … { … }`; `readonly` marks every property read-only.
    Interface {
        extends: &'static str,
        props: &'static [Prop],
        readonly: bool,
    },
    /// `type Name = { … }` (an object type: assignable to an index signature, unlike an interface).
    Object(&'static [Prop]),
    /// `{ ok: true, …ok } | { ok: false, …fail }`: each side the concatenation of its lists.
    Result {
        ok: &'static [&'static [Prop]],
        fail: &'static [&'static [Prop]],
    },
    /// A union of string literals, each with its meaning.
    Literals(&'static [(&'static str, &'static str)]),
    /// A type written as is (a function type, a helper over other shapes).
    Alias(&'static str),
    /// `declare namespace Name { … }`, merged with the interface of the same name.
    Namespace(&'static [Shape]),
}

const fn shape(name: &'static str, params: &'static str, doc: &'static str, body: Body) -> Shape {
    Shape {
        name,
        params,
        doc,
        body,
    }
}

const fn iface(name: &'static str, doc: &'static str, props: &'static [Prop]) -> Shape {
    shape(
        name,
        "",
        doc,
        Body::Interface {
            extends: "",
            props,
            readonly: false,
        },
    )
}

/// A result with issues on failure.
const fn checked(
    name: &'static str,
    params: &'static str,
    doc: &'static str,
    ok: &'static [&'static [Prop]],
) -> Shape {
    shape(
        name,
        params,
        doc,
        Body::Result {
            ok,
            fail: &[ISSUES_FAIL],
        },
    )
}

/// The kinds of a client error.
pub const ERROR_KIND: Shape = shape(
    "ErrorKind",
    "",
    "The kind of a client error.",
    Body::Literals(ERROR_KINDS),
);

const ENVIRONMENTS: &[(&str, &str)] = &[
    ("sandbox", "The provider's test host (the default)."),
    ("production", "The provider's live host."),
];

const BASE_URL_DOC: &str = "Your proxy, edge function or simulator (http or https); replaces the environment's host.\nRequired with `environment: \"production\"` for Access Bank (no published production host).";
const ENVIRONMENT_DOC: &str =
    "\"sandbox\" (default) or \"production\": the provider's host from its spec.";
const CONTENT_TYPE_DOC: &str = "Juspay: \"form\" (default) or \"json\".";

/// `buildRequest`'s config.
pub const BUILD_CONFIG: &[Prop] = &[
    opt("baseUrl", "string", BASE_URL_DOC),
    opt("environment", "Environment", ENVIRONMENT_DOC),
    opt("contentType", "\"form\" | \"json\"", CONTENT_TYPE_DOC),
    opt(
        "accessToken",
        "string",
        "A bearer token for the token-flow providers (Access Bank, M2P).",
    ),
    opt(
        "requestId",
        "string",
        "Reuse this logical request id (M2P X-Request-ID) instead of a fresh UUID (at most 200 visible ASCII characters).",
    ),
    opt(
        "now",
        "number",
        "BVNK: the time the Hawk header is signed at, in Unix milliseconds (as `Date.now()`); default the clock.",
    ),
    opt(
        "nonce",
        "string",
        "BVNK: the Hawk nonce (1 to 128 visible ASCII characters); default 16 random bytes.",
    ),
    index(
        "[credential: string]",
        "string | number | undefined",
        "The provider's credentials, by their config keys (`providers()`: `credentials`).",
    ),
];

/// The per-call options of `validate`, `validateJson`, `checkJson`, `schema` and `tanstackValidator`.
pub const VALIDATE_OPTIONS: &[Prop] = &[
    opt(
        "messages",
        "MessageCatalog",
        "Messages for this call's issues (before the `setMessages` catalog, then English).",
    ),
    opt(
        "form",
        "boolean",
        "Form mode: `\"\"`, `NaN`, `null` and sections whose fields are all empty count as absent, so a\nrequired field says \"X is required\"; messages are written for the person filling the form in\n(a `messages` catalog given with it wins).",
    ),
];

/// The options of `buildRequest` and `diff` (after their other arguments).
pub const MESSAGES_OPTIONS: &[Prop] = &[opt(
    "messages",
    "MessageCatalog",
    "Messages for this call's issues (before the `setMessages` catalog, then English).",
)];

/// What a message function is given about an issue.
pub const MESSAGE_CONTEXT: &[Prop] = &[
    p("path", "(string | number)[]", "The issue's path."),
    p("code", "IssueCode", "The issue's code."),
    p(
        "params",
        "Record<string, string | number | string[]>",
        "The template's parameters (`label`, `min`, `max`, `got`, `values`, …): see `messageTemplates`.",
    ),
    opt(
        "label",
        "string",
        "The field's label, when the template has one.",
    ),
    p(
        "template",
        "string",
        "The template id, e.g. `\"invalid_type.text\"`.",
    ),
    p("message", "string", "The English message."),
];

/// A message catalog.
pub const MESSAGE_CATALOG: &[Prop] = &[
    index(
        "[templateOrCode: string]",
        "string | ((issue: MessageContext) => string) | Record<string, string> | undefined",
        "A template string or a function of the issue, by template id or issue code.",
    ),
    opt(
        "words",
        "Record<string, string>",
        "The words templates insert (`boolean: \"a boolean\"`, `or: \"or\"`, …).",
    ),
];

/// One message template (`messageTemplates`).
pub const MESSAGE_TEMPLATE: &[Prop] = &[
    p("id", "string", "The template id (`\"invalid_type.text\"`)."),
    p(
        "code",
        "IssueCode | \"\"",
        "The issue code it belongs to (`\"\"` for `text`: a message given as it is).",
    ),
    p("params", "readonly string[]", "Its parameters' names."),
];

/// What a TanStack Form validator returns for an invalid value.
pub const TANSTACK_ERRORS: &[Prop] = &[
    p(
        "form",
        "string | undefined",
        "The issues about the whole input (path `[]`), joined: the form's error.",
    ),
    p(
        "fields",
        "Record<string, string>",
        "Each field's first message, under its name in TanStack's notation (`nominees[0].name`).",
    ),
];

/// A client call's options.
pub const SEND_OPTIONS: &[Prop] = &[
    opt("signal", "AbortSignal", "Cancels the call."),
    opt(
        "timeoutMs",
        "number",
        "Per-attempt timeout (default: the client's timeoutMs, 30 s).",
    ),
    opt(
        "idempotencyKey",
        "string",
        "M2P: sent as X-Request-ID and reused on retries (a POST with it may be retried). At most 200 visible ASCII characters.",
    ),
    opt(
        "maxRetryAfterMs",
        "number",
        "This call's longest slept Retry-After (default: the client's maxRetryAfterMs).",
    ),
];

/// `createClient`'s options (beside the provider's credentials).
pub const CLIENT_OPTIONS: &[Prop] = &[
    opt("baseUrl", "string", BASE_URL_DOC),
    opt("environment", "Environment", ENVIRONMENT_DOC),
    opt(
        "fetch",
        "(request: Request) => Promise<Response>",
        "Replaces the global fetch.",
    ),
    opt(
        "timeoutMs",
        "number",
        "Per-attempt timeout in ms (default 30000).",
    ),
    opt(
        "totalTimeoutMs",
        "number",
        "Bound on the whole call, retries included (default 2 × timeoutMs + 10 s).",
    ),
    opt(
        "retries",
        "number",
        "Retries on network errors, timeouts, 429 and 5xx, when repeating is safe (PUT; M2P with its X-Request-ID), and on token endpoint failures (default 2).",
    ),
    opt(
        "maxRetryAfterMs",
        "number",
        "The longest provider Retry-After the client sleeps before retrying (default 30000 ms). A\nlonger one is not slept: the call resolves at once with the answer and `error.retryAfterMs`.",
    ),
    opt(
        "onRequest",
        "(event: RequestEvent) => void",
        "Called before each send (secrets masked or redacted).",
    ),
    opt(
        "onResponse",
        "(event: ResponseEvent) => void",
        "Called after each answer read.",
    ),
    opt("contentType", "\"form\" | \"json\"", CONTENT_TYPE_DOC),
    opt(
        "messages",
        "MessageCatalog",
        "Messages for the issues of this client's errors (before the `setMessages` catalog, then English).",
    ),
];

/// `toProvider`'s options.
pub const TO_PROVIDER_OPTIONS: &[Prop] = &[
    p(
        "id",
        "string",
        "The provider's customer reference: Access Bank accountNo, Juspay and Gathr customer_id, BVNK customerReference, M2P entityId.",
    ),
    opt(
        "skipUnsupported",
        "boolean",
        "Leave out (and list in `unsupported`) the fields the provider cannot take instead of reporting `unsupported_field`.",
    ),
];

/// `client.updateContact`'s options beyond a call's.
pub const UPDATE_CONTACT_OPTIONS: &[Prop] = &[opt(
    "before",
    "Contact",
    "The contact as the provider holds it: only what changed is sent (`diffContact`).",
)];

/// A JSON Schema document (`jsonSchema(op)`).
pub const JSON_SCHEMA_DOCUMENT: &[Prop] = &[
    p(
        "$schema",
        "\"https://json-schema.org/draft/2020-12/schema\"",
        "The dialect.",
    ),
    p("$id", "string", "The document's id."),
    p("title", "string", "The operation id."),
    p("type", "\"object\"", "An input is an object."),
    p(
        "properties",
        "Record<string, unknown>",
        "The fields.",
    ),
    opt("required", "string[]", "The required fields."),
    opt(
        "\"x-rules\"",
        "{ kind: string; codes: string[]; inSchema: boolean; description: string; [param: string]: unknown }[]",
        "The cross-field rules: only `validate` checks them (at_least_one_of is also the schema's anyOf).",
    ),
    index("[keyword: string]", "unknown", "Other keywords."),
];

/// The OpenAPI document (`openapi()`).
pub const OPENAPI_DOCUMENT: &[Prop] = &[
    p("openapi", "\"3.1.0\"", "The OpenAPI version."),
    p(
        "info",
        "{ title: string; version: string; [key: string]: unknown }",
        "The title and the package version.",
    ),
    p(
        "paths",
        "Record<string, Record<string, unknown>>",
        "The nine operations, by path and method.",
    ),
    p(
        "components",
        "{ schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }",
        "The input schemas and the providers' authentication.",
    ),
    index("[key: string]", "unknown", "Other keys."),
];

/// `createEdgeHandler`'s options.
pub const EDGE_HANDLER_OPTIONS: &[Prop] = &[
    opt(
        "env",
        "Record<string, unknown>",
        "The credentials (and optional base URLs) as strings, under `CU_<PROVIDER>_<CONFIG_KEY>`:\n`CU_JUSPAY_API_KEY`, `CU_M2P_CLIENT_SECRET`, `CU_GATHR_BASE_URL`, … (see `edgeEnvNames()`).\nRead once, when the handler is created.",
    ),
    p(
        "allowedOrigins",
        "string[]",
        "Exact origins (`https://app.example.com`) allowed to call from a browser; never `*` or `null`.",
    ),
    p(
        "authorize",
        "(request: Request, context: { op: OperationId }) => boolean | \"forbidden\" | Promise<boolean | \"forbidden\">",
        "The app's session check. `true` lets the request through; `\"forbidden\"` answers 403; anything\nelse 401. It must not read the request's body. A throw answers 500.",
    ),
    opt(
        "maxBodyBytes",
        "number",
        "The body cap in bytes (default 65536, at most 1048576), from Content-Length and while streaming.",
    ),
    opt(
        "bodyTimeoutMs",
        "number",
        "How long the body may take to arrive (default 10000 ms; then 408).",
    ),
    opt(
        "timeoutMs",
        "number",
        "The provider client's per-attempt timeout (default 10000 ms).",
    ),
    opt(
        "totalTimeoutMs",
        "number",
        "The provider client's bound on a whole call, retries included (default 25000 ms).",
    ),
    opt(
        "retries",
        "number",
        "The provider client's retries when repeating is safe (default 2).",
    ),
    opt(
        "maxRetryWaitMs",
        "number",
        "A provider Retry-After longer than this is not waited for: the edge answers with it (default 1000 ms).",
    ),
    opt(
        "allowHeaders",
        "string[]",
        "Request headers the preflight allows besides Content-Type, Authorization and Idempotency-Key.",
    ),
    opt(
        "allowCredentials",
        "boolean",
        "Answer `Access-Control-Allow-Credentials: true` to allowed origins (for cookie sessions).",
    ),
    opt(
        "fetch",
        "(request: Request) => Promise<Response>",
        "Replaces the global fetch for the calls to the providers.",
    ),
];

/// The environment variables the edge handler reads for one provider (`edgeEnvNames()`).
pub const EDGE_ENV_NAMES: &[Prop] = &[
    p(
        "required",
        "string[]",
        "The variables of the credentials the provider's client needs.",
    ),
    p(
        "optional",
        "string[]",
        "The others (a token obtained elsewhere, the base URL).",
    ),
];

/// The edge handler's answer to a request it sent on (`{ ok: true, … }`).
pub const EDGE_OK: &[Prop] = &[
    p("status", "number", "The provider's HTTP status (2xx)."),
    p("data", "unknown", "The provider's parsed response body."),
    p(
        "requestId",
        "string | null",
        "The logical request's id, when the provider has one.",
    ),
];

/// The edge handler's refusals and the client's errors (`{ ok: false, … }`).
pub const EDGE_FAIL: &[Prop] = &[
    p(
        "kind",
        "string",
        "The edge's refusals: origin, not_found, method, unauthorized, forbidden, unsupported_media_type,\ntoo_large, timeout, bad_request, validation, not_configured, internal; or the client's error kind.",
    ),
    p("error", "string", "Plain English, safe to show."),
    opt("issues", "Issue[]", "The input's issues."),
    opt("status", "number | null", "The provider's HTTP status, when there was an answer."),
    opt("providerCode", "string | null", "The provider's code."),
    opt("providerCategory", "string | null", "The provider's coarser class."),
    opt("traceId", "string | null", "The provider's id for this failure."),
    opt(
        "retryable",
        "boolean",
        "Whether the same request may succeed later.",
    ),
];

const RO: bool = true;

const fn ro(
    name: &'static str,
    params: &'static str,
    doc: &'static str,
    extends: &'static str,
    props: &'static [Prop],
) -> Shape {
    shape(
        name,
        params,
        doc,
        Body::Interface {
            extends,
            props,
            readonly: RO,
        },
    )
}

/// Standard Typed V1 (`@standard-schema/spec` 1.1, <https://standardschema.dev>): the base that
/// Standard Schema V1 extends, as the specification declares it (its authors advise inlining it).
pub const STANDARD_TYPED: &[Shape] = &[
    ro(
        "StandardTypedV1",
        "<Input = unknown, Output = Input>",
        "The Standard Typed interface. This is a base type extended by other specs.",
        "",
        &[p(
            "\"~standard\"",
            "StandardTypedV1.Props<Input, Output>",
            "The Standard properties.",
        )],
    ),
    shape(
        "StandardTypedV1",
        "",
        "",
        Body::Namespace(&[
            ro(
                "Props",
                "<Input = unknown, Output = Input>",
                "The Standard Typed properties interface.",
                "",
                &[
                    p("version", "1", "The version number of the standard."),
                    p("vendor", "string", "The vendor name of the schema library."),
                    opt(
                        "types",
                        "Types<Input, Output> | undefined",
                        "Inferred types associated with the schema.",
                    ),
                ],
            ),
            ro(
                "Types",
                "<Input = unknown, Output = Input>",
                "The Standard Typed types interface.",
                "",
                &[
                    p("input", "Input", "The input type of the schema."),
                    p("output", "Output", "The output type of the schema."),
                ],
            ),
            shape(
                "InferInput",
                "<Schema extends StandardTypedV1>",
                "Infers the input type of a Standard Typed.",
                Body::Alias("NonNullable<Schema[\"~standard\"][\"types\"]>[\"input\"]"),
            ),
            shape(
                "InferOutput",
                "<Schema extends StandardTypedV1>",
                "Infers the output type of a Standard Typed.",
                Body::Alias("NonNullable<Schema[\"~standard\"][\"types\"]>[\"output\"]"),
            ),
        ]),
    ),
];

/// Standard Schema V1 (`@standard-schema/spec` 1.1, <https://standardschema.dev>), as the
/// specification declares it: what `schema(op)` returns.
pub const STANDARD_SCHEMA: &[Shape] = &[
    ro(
        "StandardSchemaV1",
        "<Input = unknown, Output = Input>",
        "The Standard Schema interface.",
        "",
        &[p(
            "\"~standard\"",
            "StandardSchemaV1.Props<Input, Output>",
            "The Standard Schema properties.",
        )],
    ),
    shape(
        "StandardSchemaV1",
        "",
        "",
        Body::Namespace(&[
            ro(
                "Props",
                "<Input = unknown, Output = Input>",
                "The Standard Schema properties interface.",
                "StandardTypedV1.Props<Input, Output>",
                &[p(
                    "validate",
                    "(value: unknown, options?: StandardSchemaV1.Options | undefined) => Result<Output> | Promise<Result<Output>>",
                    "Validates unknown input values.",
                )],
            ),
            shape(
                "Result",
                "<Output>",
                "The result interface of the validate function.",
                Body::Alias("SuccessResult<Output> | FailureResult"),
            ),
            ro(
                "SuccessResult",
                "<Output>",
                "The result interface if validation succeeds.",
                "",
                &[
                    p("value", "Output", "The typed output value."),
                    opt(
                        "issues",
                        "undefined",
                        "A falsy value for `issues` indicates success.",
                    ),
                ],
            ),
            ro(
                "Options",
                "",
                "The options of the validate function.",
                "",
                &[opt(
                    "libraryOptions",
                    "Record<string, unknown> | undefined",
                    "Explicit support for additional vendor-specific parameters, if needed.",
                )],
            ),
            ro(
                "FailureResult",
                "",
                "The result interface if validation fails.",
                "",
                &[p(
                    "issues",
                    "ReadonlyArray<Issue>",
                    "The issues of failed validation.",
                )],
            ),
            ro(
                "Issue",
                "",
                "The issue interface of the failure output.",
                "",
                &[
                    p("message", "string", "The error message of the issue."),
                    opt(
                        "path",
                        "ReadonlyArray<PropertyKey | PathSegment> | undefined",
                        "The path of the issue, if any.",
                    ),
                ],
            ),
            ro(
                "PathSegment",
                "",
                "The path segment interface of the issue.",
                "",
                &[p(
                    "key",
                    "PropertyKey",
                    "The key representing a path segment.",
                )],
            ),
            ro(
                "Types",
                "<Input = unknown, Output = Input>",
                "The Standard types interface.",
                "StandardTypedV1.Types<Input, Output>",
                &[],
            ),
            shape(
                "InferInput",
                "<Schema extends StandardTypedV1>",
                "Infers the input type of a Standard.",
                Body::Alias("StandardTypedV1.InferInput<Schema>"),
            ),
            shape(
                "InferOutput",
                "<Schema extends StandardTypedV1>",
                "Infers the output type of a Standard.",
                Body::Alias("StandardTypedV1.InferOutput<Schema>"),
            ),
        ]),
    ),
];

/// Every shape of the generated `index.d.ts`, in the order written.
pub const PACKAGE: &[Shape] = &[
    iface("Issue", "One validation issue.", ISSUE),
    ERROR_KIND,
    iface("ClientError", "The error of a failed client call.", CLIENT_ERROR),
    shape(
        "SendResult",
        "<Op extends OperationId>",
        "What a client call resolves to (it never rejects for expected failures).",
        Body::Result {
            ok: &[SEND_SUCCESS],
            fail: &[SEND_FAIL],
        },
    ),
    checked(
        "BuiltRequest",
        "",
        "What `buildRequest` returns: the request, or the issues why none was built.",
        &[BUILT_REQUEST],
    ),
    checked(
        "ValidationResult",
        "<Op extends OperationId>",
        "What `validate` returns.",
        &[VALIDATION_OK],
    ),
    checked(
        "DiffResult",
        "<Op extends OperationId>",
        "What `diff` returns: the smallest valid update payload, or the issues why none exists.",
        &[DIFF_OK],
    ),
    checked(
        "CheckResult",
        "",
        "What `checkJson` returns: the verdict without the value.",
        &[],
    ),
    checked(
        "MatchResult",
        "",
        "What `matchRequest` returns for a request it recognises (`null` for one it does not).",
        &[MATCH_OK],
    ),
    iface(
        "FieldInfo",
        "One field of an operation's input, for building a form (`describe`).",
        FIELD_INFO,
    ),
    iface(
        "ProviderInfo",
        "A provider as its spec describes it (`providers()`).",
        PROVIDER_INFO,
    ),
    iface(
        "RequestEvent",
        "What a client's `onRequest` hook receives before each send.",
        REQUEST_EVENT,
    ),
    iface(
        "ResponseEvent",
        "What a client's `onResponse` hook receives after each answer read.",
        RESPONSE_EVENT,
    ),
    shape(
        "Environment",
        "",
        "Which of the provider's hosts to use when no `baseUrl` is given.",
        Body::Literals(ENVIRONMENTS),
    ),
    iface("BuildConfig", "`buildRequest`'s config.", BUILD_CONFIG),
    iface(
        "ValidateOptions",
        "Per-call options of `validate`, `validateJson`, `checkJson`, `schema` and `tanstackValidator`.",
        VALIDATE_OPTIONS,
    ),
    iface(
        "MessagesOptions",
        "The options of `buildRequest` and `diff`.",
        MESSAGES_OPTIONS,
    ),
    iface(
        "MessageContext",
        "What a message function is given about an issue.",
        MESSAGE_CONTEXT,
    ),
    shape(
        "MessageCatalog",
        "",
        "Messages by template id (`\"invalid_type.text\"`) or by issue code (`\"required\"`: every template\nof the code): a template string (`\"{label} is required.\"`) or a function of the issue. `words`:\nthe words templates insert (`boolean: \"a boolean\"`, `or: \"or\"`, …).",
        Body::Object(MESSAGE_CATALOG),
    ),
    ro(
        "MessageTemplate",
        "",
        "One message template (`messageTemplates`): its id, issue code and parameter names.",
        "",
        MESSAGE_TEMPLATE,
    ),
    shape(
        "FormEntries",
        "",
        "What `fromFormData` reads: a FormData, a URLSearchParams, or `[name, value]` pairs.",
        Body::Alias("Iterable<readonly [string, unknown]> | { entries(): Iterable<readonly [string, unknown]> }"),
    ),
    iface(
        "TanstackErrors",
        "What a `tanstackValidator` returns for an invalid value (TanStack Form's `{ form, fields }`).",
        TANSTACK_ERRORS,
    ),
    iface("SendOptions", "A client call's options.", SEND_OPTIONS),
    iface(
        "ClientOptions",
        "`createClient`'s options (the provider's credentials go beside them).",
        CLIENT_OPTIONS,
    ),
    iface(
        "JsonSchemaDocument",
        "A JSON Schema (2020-12) document.",
        JSON_SCHEMA_DOCUMENT,
    ),
    iface(
        "OpenApiDocument",
        "The OpenAPI 3.1 document of the nine operations.",
        OPENAPI_DOCUMENT,
    ),
    iface(
        "EdgeHandlerOptions",
        "`createEdgeHandler`'s options.",
        EDGE_HANDLER_OPTIONS,
    ),
    iface(
        "EdgeEnvNames",
        "The environment variables the edge handler reads for one provider (`edgeEnvNames()`).",
        EDGE_ENV_NAMES,
    ),
    shape(
        "EdgeAnswer",
        "",
        "Every JSON answer of the edge handler.",
        Body::Result {
            ok: &[EDGE_OK],
            fail: &[EDGE_FAIL],
        },
    ),
];

/// The normalized contact's shapes, written into the generated `contact.d.ts`.
pub const CONTACT: &[Shape] = &[
    shape(
        "ContactIssue",
        "",
        "An issue of a contact, naming the provider whose rules it comes from.",
        Body::Interface {
            extends: "Issue",
            props: &[p(
                "provider",
                "ContactProvider",
                "The provider whose rules the issue comes from.",
            )],
            readonly: false,
        },
    ),
    shape(
        "ToProviderResult",
        "<P extends ContactProvider>",
        "What `toProvider` returns.",
        Body::Result {
            ok: &[TO_PROVIDER_OK],
            fail: &[TO_PROVIDER_FAIL],
        },
    ),
    iface(
        "ToProviderOptions",
        "`toProvider`'s options.",
        TO_PROVIDER_OPTIONS,
    ),
    checked(
        "DiffContactResult",
        "",
        "What `diffContact` returns: the contact holding what changed, or the issues (a removed field).",
        &[DIFF_CONTACT_OK],
    ),
    shape(
        "UpdateContactOptions",
        "",
        "`client.updateContact`'s options.",
        Body::Interface {
            extends: "SendOptions",
            props: UPDATE_CONTACT_OPTIONS,
            readonly: false,
        },
    ),
    shape(
        "ContactSendResult",
        "<P extends ContactProvider, Op extends OperationId = ContactOperations[P]>",
        "What `client.updateContact` resolves to: the call's result with the operation, and on success\nthe contact the provider gives back.",
        Body::Result {
            ok: &[SEND_SUCCESS, CONTACT_SEND_OP, CONTACT_SEND_OK],
            fail: &[CONTACT_SEND_OP, SEND_FAIL],
        },
    ),
];
