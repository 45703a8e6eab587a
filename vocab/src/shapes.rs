//! The JSON shapes the package returns to JavaScript, described once: the generator declares
//! them in TypeScript from these descriptions (the `Issue`, `ErrorKind`, `ClientError`,
//! `SendResult` and `BuiltRequest` declarations of the generated `index.d.ts`), and the runtime's
//! serializers (`validate::issues_to_json`, `client::result_json`, `request::Built::to_json`)
//! are tested against them key by key (`tests/client_matrix.rs`, `result_json_is_the_js_shape`;
//! `tests/request.rs`, `built_json_has_the_described_keys`). The runtime does not read these
//! tables, so their text never reaches the wasm.

/// One property of a shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prop {
    /// The JSON key.
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

/// One validation issue.
pub const ISSUE: &[Prop] = &[
    p(
        "path",
        "(string | number)[]",
        "Keys and array indices from the input's root; `[]` is the whole input.",
    ),
    p("code", "IssueCode", "A stable issue code."),
    p("message", "string", "Plain English a form can show."),
    opt("format", "FormatName", "Set for `invalid_format`."),
    opt(
        "fields",
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
    p("kind", "ErrorKind", "What kind of failure this is."),
    p("status", "number | null", "The HTTP status, when there was an answer."),
    p(
        "providerCode",
        "string | null",
        "The provider's code: Access Bank \"31\", Juspay \"INVALID_INPUT\", BVNK \"bvnk:…\", M2P \"PPCUST_032\", …",
    ),
    p(
        "providerCategory",
        "string | null",
        "A coarser class when the provider sends one (Juspay `error_info.category`, M2P `message`).",
    ),
    p(
        "traceId",
        "string | null",
        "The provider's id for this failure, for support tickets.",
    ),
    p("message", "string", "Plain English, safe to show and log."),
    p(
        "issues",
        "Issue[]",
        "Validation issues, or the provider's field errors mapped onto input paths.",
    ),
    p(
        "retryable",
        "boolean",
        "Whether the same request may succeed later (429, 5xx, network, timeout).",
    ),
    p("raw", "string | null", "The start of the response body, as received."),
    opt(
        "retryAfterMs",
        "number",
        "The wait the provider asked for with `Retry-After` on its last answer, in ms (present only\nwhen it sent a readable one): e.g. one longer than `maxRetryAfterMs`, returned instead of slept.",
    ),
    opt(
        "contentType",
        "string",
        "The Content-Type of the provider's last answer, when it had one (the type of `raw`).",
    ),
];

/// A successful client call (`{ ok: true, … }`); `Op` is the operation id.
pub const SEND_SUCCESS: &[Prop] = &[
    p("status", "number", "The HTTP status (2xx)."),
    p(
        "data",
        "OperationResponses[Op]",
        "The parsed response body (`null` for an empty 204/205).",
    ),
    p(
        "requestId",
        "string | null",
        "The logical request's id (M2P `X-Request-ID`, Access Bank `requestId`).",
    ),
];

/// A request `buildRequest` built (`{ ok: true, … }`; else `{ ok: false, issues }`).
pub const BUILT_REQUEST: &[Prop] = &[
    p(
        "method",
        "\"POST\" | \"PUT\" | \"PATCH\"",
        "The HTTP method.",
    ),
    p(
        "url",
        "string",
        "The full URL, path parameters percent-encoded into it.",
    ),
    p(
        "headers",
        "Record<string, string>",
        "The headers, in the order they were built (`Authorization` when credentials were given).",
    ),
    p(
        "body",
        "string",
        "The encoded body (JSON, or a form for Juspay).",
    ),
    opt(
        "requestId",
        "string",
        "The id of this logical request (M2P `X-Request-ID`), when the provider sends one.",
    ),
    opt(
        "generated",
        "Record<string, string>",
        "The fields the builder filled in (Access Bank `requestId`), by name.",
    ),
];

/// A valid input (`{ ok: true, … }` of `validate`; else `{ ok: false, issues }`); `Op` is the
/// operation id.
pub const VALIDATION_OK: &[Prop] = &[p(
    "value",
    "OperationInputs[Op]",
    "The input, as given (nothing trimmed or rewritten).",
)];

/// The smallest update payload (`{ ok: true, … }` of `diff`; else `{ ok: false, issues }`).
pub const DIFF_OK: &[Prop] = &[
    p(
        "value",
        "Partial<OperationInputs[Op]>",
        "The payload: the key fields and what changed.",
    ),
    p(
        "changed",
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
    p("id", "ProviderKey", "The provider key."),
    p("name", "string", "The display name."),
    p(
        "auth",
        "\"token\" | \"basic\" | \"hawk\" | \"bearer\"",
        "How requests are authenticated.",
    ),
    p(
        "environments",
        "{ sandbox: string; production: string }",
        "The base URL of each environment.",
    ),
    p("operations", "OperationId[]", "The provider's operations."),
    p(
        "credentials",
        "{ key: string; optional: boolean }[]",
        "The config keys the client reads; `optional`: a token obtained elsewhere (`accessToken`).",
    ),
];

/// A contact mapped onto a provider (`{ ok: true, … }` of `toProvider`); `P` is the provider.
pub const TO_PROVIDER_OK: &[Prop] = &[
    p(
        "op",
        "ContactOperations[P]",
        "The provider's contact operation.",
    ),
    p(
        "input",
        "OperationInputs[ContactOperations[P]]",
        "Its input, valid by the operation's rules.",
    ),
    p(
        "unsupported",
        "ContactField[]",
        "The contact fields present but left out (with `skipUnsupported`; else empty).",
    ),
];

/// A contact that does not map (`{ ok: false, … }` of `toProvider`).
pub const TO_PROVIDER_FAIL: &[Prop] = &[
    p(
        "op",
        "ContactOperations[P]",
        "The provider's contact operation.",
    ),
    p(
        "issues",
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
