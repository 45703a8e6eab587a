// The public API. The spec-derived types (OperationId, OperationInputs, Issue, …) are generated
// by build.rs from src/spec/*.toml and shipped in the wasm glue's declarations.
import type {
  BuiltRequest,
  ClientError,
  DiffResult,
  FieldInfo,
  ProviderInfo,
  ValidationResult,
  Contact,
  ContactField,
  ContactOperations,
  ContactProvider,
  Issue,
  IssueCode,
  OperationId,
  OperationInputs,
  OperationResponses,
  ProviderCredentials,
  ProviderKey,
  RequestEvent,
  ResponseEvent,
  SendResult,
  ToProviderResult,
} from "./wasm/customer_update.js";

export type * from "./wasm/customer_update.js";

// The wasm-bindgen declarations give `Client` a `[Symbol.dispose]()` method; without this, a project
// whose `lib` lacks esnext.disposable (e.g. target es2022) and that checks libraries
// (skipLibCheck: false, tsc's default) gets TS2550 inside this package. Same declaration as
// lib.esnext.disposable.d.ts and @types/node, so it merges with theirs.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** The Standard Schema V1 interface (https://standardschema.dev), inlined as its authors advise. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/** Which of the provider's hosts to use when no `baseUrl` is given. */
export type Environment = "sandbox" | "production";

export interface BuildConfig {
  /**
   * Your proxy, edge function or simulator (http or https); replaces the environment's host.
   * Required with `environment: "production"` for Access Bank (no published production host).
   */
  baseUrl?: string;
  /** "sandbox" (default) or "production": the provider's host from its spec. */
  environment?: Environment;
  /** Juspay: "form" (default) or "json". */
  contentType?: "form" | "json";
  /** A bearer token for the token-flow providers (Access Bank, M2P). */
  accessToken?: string;
  /** Reuse this logical request id (M2P X-Request-ID) instead of a fresh UUID (at most 200 visible ASCII characters). */
  requestId?: string;
  /** BVNK: the time the Hawk header is signed at, in Unix milliseconds (as `Date.now()`); default the clock. */
  now?: number;
  /** BVNK: the Hawk nonce (1 to 128 visible ASCII characters); default 16 random bytes. */
  nonce?: string;
  [credential: string]: string | number | undefined;
}

// BuiltRequest, ValidationResult, DiffResult, FieldInfo and ProviderInfo are generated (from
// vocab/src/shapes.rs) into the wasm glue's declarations.

export declare function operations(): OperationId[];
/** The five providers, from their specs (not in `customer-update/validators`). */
export declare function providers(): ProviderInfo[];
export declare function matchRequest(
  provider: ProviderKey,
  method: string,
  path: string,
  body?: string,
  contentType?: string | null,
): { ok: true; op: OperationId; input: Record<string, unknown> } | { ok: false; issues: Issue[] } | null;
/** What `fromFormData` reads: a FormData, a URLSearchParams, or `[name, value]` pairs. */
export type FormEntries = Iterable<readonly [string, unknown]> | { entries(): Iterable<readonly [string, unknown]> };
export declare function validate<Op extends OperationId>(op: Op, input: unknown, options?: ValidateOptions): ValidationResult<Op>;
/**
 * A plain `<form>`'s entries as `op`'s typed input, by its spec: numbers, booleans (`on`, `true`,
 * `1`, `yes` / `off`, `false`, `0`, `no`), nested names (`nominees.0.name`, `nominees[0][name]`);
 * validated in form mode (what `validate(op, input, { form: true })` returns).
 */
export declare function fromFormData<Op extends OperationId>(op: Op, data: FormEntries): ValidationResult<Op>;
/**
 * A TanStack Form validator for `op` (`validators: { onSubmit: tanstackValidator(op, { form: true }) }`):
 * `undefined` when valid, else `{ form, fields }`: each field's first message under its name in
 * TanStack's notation (`nominees[0].name`), the issues about the whole input as the form's error.
 */
export declare function tanstackValidator(
  op: OperationId,
  options?: ValidateOptions,
): (props: { value: unknown }) => undefined | { form: string | undefined; fields: Record<string, string> };
/** `validate` for input that is already JSON text. */
export declare function validateJson<Op extends OperationId>(op: Op, text: string, options?: ValidateOptions): ValidationResult<Op>;
/**
 * The verdict on JSON text without reading it back (no `value`): for callers that hold the text
 * and forward it unchanged, such as an edge function.
 */
export declare function checkJson(op: OperationId, text: string, options?: ValidateOptions): { ok: true } | { ok: false; issues: Issue[] };
export declare function schema<Op extends OperationId>(op: Op, options?: ValidateOptions): StandardSchemaV1<OperationInputs[Op]>;

/** Per-call options of `validate`, `validateJson`, `checkJson` and `schema`. */
export interface ValidateOptions {
  /** Messages for this call's issues (before the `setMessages` catalog, then English). */
  messages?: MessageCatalog;
  /**
   * Form mode: `""`, `NaN`, `null` and sections whose fields are all empty count as absent, so a
   * required field says "X is required"; messages are written for the person filling the form in
   * (a `messages` catalog given with it wins).
   */
  form?: boolean;
}

/** What a message function is given about an issue. */
export interface MessageContext {
  path: (string | number)[];
  code: IssueCode;
  /** The template's parameters (`label`, `min`, `max`, `got`, `values`, …): see `messageTemplates`. */
  params: Record<string, string | number | string[]>;
  /** The field's label, when the template has one. */
  label?: string;
  /** The template id, e.g. `"invalid_type.text"`. */
  template: string;
  /** The English message. */
  message: string;
}

/**
 * Messages by template id (`"invalid_type.text"`) or by issue code (`"required"`: every template
 * of the code): a template string (`"{label} is required."`) or a function of the issue. `words`:
 * the words templates insert (`boolean: "a boolean"`, `or: "or"`, …).
 */
export type MessageCatalog = {
  [templateOrCode: string]: string | ((issue: MessageContext) => string) | Record<string, string> | undefined;
  words?: Record<string, string>;
};

/** Sets the catalog every call uses (a per-call `messages` option goes first); `null` resets to English. */
export declare function setMessages(catalog?: MessageCatalog | null): void;
/** The English catalog (the default): every template id → its text, and `words`. */
export declare const messagesEn: Readonly<MessageCatalog>;
/** Every message template: its id, issue code and parameter names. */
export declare const messageTemplates: ReadonlyArray<{ readonly id: string; readonly code: IssueCode | ""; readonly params: readonly string[] }>;
export declare function example<Op extends OperationId>(op: Op): OperationInputs[Op];
export declare function describe(op: OperationId): FieldInfo[];
export declare function diff<Op extends OperationId>(op: Op, before: unknown, after: unknown): DiffResult<Op>;
export declare function buildRequest<Op extends OperationId>(
  op: Op,
  input: OperationInputs[Op],
  config?: BuildConfig,
): BuiltRequest;

// ErrorKind, ClientError and SendResult are generated (from vocab/src/shapes.rs) into the wasm
// glue's declarations, re-exported above.

export interface SendOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout (default: the client's timeoutMs, 30 s). */
  timeoutMs?: number;
  /** M2P: sent as X-Request-ID and reused on retries (a POST with it may be retried). At most 200 visible ASCII characters. */
  idempotencyKey?: string;
  /** This call's longest slept Retry-After (default: the client's maxRetryAfterMs). */
  maxRetryAfterMs?: number;
}

// RequestEvent and ResponseEvent are generated (from vocab/src/shapes.rs) into the wasm glue's
// declarations.

export interface ClientOptions {
  /**
   * Your proxy, edge function or simulator (http or https); replaces the environment's host.
   * Required with `environment: "production"` for Access Bank (no published production host).
   */
  baseUrl?: string;
  /** "sandbox" (default) or "production": the provider's host from its spec. */
  environment?: Environment;
  /** Replaces the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Bound on the whole call, retries included (default 2 × timeoutMs + 10 s). */
  totalTimeoutMs?: number;
  /** Retries on network errors, timeouts, 429 and 5xx, when repeating is safe (PUT; M2P with its X-Request-ID), and on token endpoint failures (default 2). */
  retries?: number;
  /**
   * The longest provider Retry-After the client sleeps before retrying (default 30000 ms). A
   * longer one is not slept: the call resolves at once with the answer and `error.retryAfterMs`.
   */
  maxRetryAfterMs?: number;
  onRequest?: (event: RequestEvent) => void;
  onResponse?: (event: ResponseEvent) => void;
  /** Juspay: "form" (default) or "json". */
  contentType?: "form" | "json";
}

type OpsOf<P extends ProviderKey> = Extract<OperationId, `${P}.${string}`>;
type MethodName<Op> = Op extends `${string}.${infer M}` ? M : never;

export type Client<P extends ProviderKey> = {
  readonly provider: P;
  /** Maps the contact onto the provider's operation (`toProvider`), validates and sends it; with `before`, only what changed. */
  updateContact(ref: string, contact: Contact, options?: SendOptions & { before?: Contact }): Promise<ContactSendResult<P>>;
} & {
  readonly [Op in OpsOf<P> as MethodName<Op>]: (input: OperationInputs[Op], options?: SendOptions) => Promise<SendResult<Op>>;
};

export declare function createClient<P extends ProviderKey>(
  provider: P,
  config?: ClientOptions & ProviderCredentials[P],
): Client<P>;

// ---- the normalized contact (issue 16; pkg/src/contact.js) ----

/** An issue of a contact: on the contact's path (`phone`, `address.lines[1]`), for one provider. */
// ContactIssue and ToProviderResult are generated (from vocab/src/shapes.rs) into the wasm glue's
// declarations.

export interface ToProviderOptions {
  /** The provider's customer reference: Access Bank accountNo, Juspay and Gathr customer_id, BVNK customerReference, M2P entityId. */
  id: string;
  /** Leave out (and list in `unsupported`) the fields the provider cannot take instead of reporting `unsupported_field`. */
  skipUnsupported?: boolean;
}

export type ContactSendResult<P extends ContactProvider> =
  | (SendResult<ContactOperations[P]> & { ok: true; op: ContactOperations[P]; contact: Contact | null })
  | { ok: false; op: ContactOperations[P]; error: ClientError };

/** The provider operation's input for a contact, validated by that operation's rules. */
export declare function toProvider<P extends ContactProvider>(provider: P, contact: Contact, options: ToProviderOptions): ToProviderResult<P>;
/** The contact a provider's response body (or stored customer record) gives back. */
export declare function fromProvider(provider: ContactProvider, body: unknown): Contact;
/** The contact holding what changed (a changed address whole), or the issues (a removed field). */
export declare function diffContact(before: Contact, after: Contact): { ok: true; value: Contact } | { ok: false; issues: Issue[] };
export declare function diff(op: "contact", before: Contact, after: Contact): { ok: true; value: Contact } | { ok: false; issues: Issue[] };
