// customer-update/edge: a Fetch-API request handler that validates, authorizes and sends the nine
// operations with credentials from the environment. README.md, "Edge handler", has the status table.
import type { Issue, OperationId } from "./index.js";

export interface EdgeHandlerOptions {
  /**
   * The credentials (and optional base URLs) as strings, under `CU_<PROVIDER>_<CONFIG_KEY>`:
   * `CU_JUSPAY_API_KEY`, `CU_M2P_CLIENT_SECRET`, `CU_GATHR_BASE_URL`, … (see `edgeEnvNames()`).
   * Read once, when the handler is created.
   */
  env?: Record<string, unknown>;
  /** Exact origins (`https://app.example.com`) allowed to call from a browser; never `*` or `null`. */
  allowedOrigins: string[];
  /**
   * The app's session check. `true` lets the request through; `"forbidden"` answers 403; anything
   * else 401. It must not read the request's body. A throw answers 500.
   */
  authorize: (request: Request, context: { op: OperationId }) => boolean | "forbidden" | Promise<boolean | "forbidden">;
  /** The body cap in bytes (default 65536, at most 1048576), from Content-Length and while streaming. */
  maxBodyBytes?: number;
  /** How long the body may take to arrive (default 10000 ms; then 408). */
  bodyTimeoutMs?: number;
  /** The provider client's per-attempt timeout (default 10000 ms). */
  timeoutMs?: number;
  /** The provider client's bound on a whole call, retries included (default 25000 ms). */
  totalTimeoutMs?: number;
  /** The provider client's retries when repeating is safe (default 2). */
  retries?: number;
  /** A provider Retry-After longer than this is not waited for: the edge answers with it (default 1000 ms). */
  maxRetryWaitMs?: number;
  /** Request headers the preflight allows besides Content-Type, Authorization and Idempotency-Key. */
  allowHeaders?: string[];
  /** Answer `Access-Control-Allow-Credentials: true` to allowed origins (for cookie sessions). */
  allowCredentials?: boolean;
  /** Replaces the global fetch for the calls to the providers. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Every JSON answer of the handler. */
export type EdgeAnswer =
  | { ok: true; status: number; data: unknown; requestId: string | null }
  | {
      ok: false;
      /** The edge's refusals: origin, not_found, method, unauthorized, forbidden, unsupported_media_type,
       * too_large, timeout, bad_request, validation, not_configured, internal; or the client's error kind. */
      kind: string;
      error: string;
      issues?: Issue[];
      status?: number | null;
      providerCode?: string | null;
      providerCategory?: string | null;
      traceId?: string | null;
      retryable?: boolean;
    };

export declare function createEdgeHandler(options: EdgeHandlerOptions): (request: Request) => Promise<Response>;
/** The environment variable for one provider config key: envName("m2p", "clientSecret") → "CU_M2P_CLIENT_SECRET". */
export declare function envName(provider: string, key: string): string;
/** Per provider, the variables the handler reads: `{ required, optional }`. */
export declare function edgeEnvNames(): Record<string, { required: string[]; optional: string[] }>;
