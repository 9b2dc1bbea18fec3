// The errors the client throws. Every one is an ExportApiError, so one `catch` with `instanceof ExportApiError`
// handles everything that went wrong talking to the API; subclasses say what. No request header (and so no
// access token) is ever stored on an error. Which error a failed attempt becomes: internal/classify.ts.
import type { ApiError } from "@export-api/types";
import { requestIdOf } from "./internal/request-id.js";
import { parseRetryAfter } from "./internal/retry-after.js";

export interface ExportApiErrorInit {
  /** HTTP status, when a response was received. */
  status?: number | undefined;
  /** The API's error code (`error.code`), or a client-side code such as `InvalidResponseBody`. */
  code?: string | undefined;
  /** The API's own message (`error.message`), when its body had one. */
  apiMessage?: string | undefined;
  target?: string | undefined;
  details?: ApiError[] | undefined;
  /** Response headers, when a response was received. */
  headers?: Headers | Record<string, string> | undefined;
  cause?: unknown;
}

/** Base class of every error the client throws for a failed call. */
export class ExportApiError extends Error {
  /** HTTP status of the response, or `undefined` when none was received. */
  declare readonly status: number | undefined;
  /** The API's error code (`error.code`), e.g. `InsufficientPermissions`. */
  declare readonly code: string | undefined;
  /**
   * The API's own message (`error.message`), e.g. `Requested iModelId is not available.`, without the status and
   * code that `message` adds; `undefined` when the body had none.
   */
  declare readonly apiMessage: string | undefined;
  /** The target of the error (`error.target`), when the API names one. */
  declare readonly target: string | undefined;
  /** Further errors (`error.details`), e.g. one per invalid parameter on a 422. */
  declare readonly details: ApiError[];
  /** The response headers, as a plain lower-cased record. Request headers are never kept. */
  declare readonly headers: Record<string, string>;
  /** The request id the server reported (`x-correlation-id`, `x-request-id` or `request-id`). */
  declare readonly requestId: string | undefined;
  /**
   * The server's `Retry-After` (seconds or an HTTP date) in ms from when the error was created, or `undefined`
   * without a readable one. Read once, here; the retry decision uses this value.
   */
  declare readonly retryAfterMs: number | undefined;

  constructor(message: string, init: ExportApiErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.apiMessage = init.apiMessage;
    this.target = init.target;
    this.details = init.details ?? [];
    this.headers = lowerCaseRecord(init.headers);
    this.requestId = requestIdOf(this.headers);
    this.retryAfterMs = parseRetryAfter(this.headers["retry-after"]);
  }

  /** A JSON form for logs: what went wrong, never a request header or token. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      apiMessage: this.apiMessage,
      target: this.target,
      details: this.details,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/** 401: the access token is missing, expired, from the wrong issuer or lacks the `itwin-platform` scope. */
export class AuthenticationError extends ExportApiError {}
/** 403: the caller may not list these connections. */
export class PermissionDeniedError extends ExportApiError {}
/** 404: the iModel is not available. */
export class NotFoundError extends ExportApiError {}
/** 422: the request was invalid; `details` names each invalid parameter in `target`. */
export class UnprocessableEntityError extends ExportApiError {}
/** 429: too many requests. `retryAfterMs` says how long the server asked us to wait, when it did. */
export class RateLimitError extends ExportApiError {}
/** 5xx: the server failed. */
export class ServerError extends ExportApiError {}

// Failures without an error status.

/** No response: DNS, connection refused or reset, TLS, CORS in a browser. */
export class ConnectionError extends ExportApiError {}
/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends ConnectionError {}
/** The server's paging links cannot be followed without repeating a page or looping forever. */
export class PaginationError extends ExportApiError {}

// Each class's `name`, set once on its prototype from this table rather than read from the class itself:
// minifiers rename classes in application bundles, but never the keys of an object.
const NAMES = {
  ExportApiError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  UnprocessableEntityError,
  RateLimitError,
  ServerError,
  ConnectionError,
  TimeoutError,
  PaginationError,
};
for (const [name, ErrorClass] of Object.entries(NAMES)) {
  Object.defineProperty(ErrorClass.prototype, "name", { value: name, writable: true, configurable: true });
}

function lowerCaseRecord(headers: Headers | Record<string, string> | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) record[name.toLowerCase()] = value;
  return record;
}
