// The errors the client throws. Every one is an ExportApiError, so one `catch` with `instanceof ExportApiError`
// handles everything that went wrong talking to the API; subclasses say what. No request header (and so no
// access token) is ever stored on an error.
import type { ApiError } from "@export-api/types";

/** Response headers that carry the id the server gave a request, first match wins. */
const REQUEST_ID_HEADERS = ["x-correlation-id", "x-request-id", "request-id"] as const;

export interface ExportApiErrorInit {
  /** HTTP status, when a response was received. */
  status?: number | undefined;
  /** The API's error code (`error.code`), or a client-side code such as `InvalidResponseBody`. */
  code?: string | undefined;
  target?: string | undefined;
  details?: ApiError[] | undefined;
  /** Response headers, when a response was received. */
  headers?: Headers | Record<string, string> | undefined;
  cause?: unknown;
}

/** Base class of every error the client throws for a failed call. */
export class ExportApiError extends Error {
  override name = "ExportApiError";
  /** HTTP status of the response, or `undefined` when none was received. */
  readonly status: number | undefined;
  /** The API's error code (`error.code`), e.g. `InsufficientPermissions`. */
  readonly code: string | undefined;
  /** The target of the error (`error.target`), when the API names one. */
  readonly target: string | undefined;
  /** Further errors (`error.details`), e.g. one per invalid parameter on a 422. */
  readonly details: ApiError[];
  /** The response headers, as a plain lower-cased record. Request headers are never kept. */
  readonly headers: Record<string, string>;
  /** The request id the server reported (`x-correlation-id`, `x-request-id` or `request-id`). */
  readonly requestId: string | undefined;

  constructor(message: string, init: ExportApiErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.target = init.target;
    this.details = init.details ?? [];
    this.headers = lowerCaseRecord(init.headers);
    this.requestId = REQUEST_ID_HEADERS.map((name) => this.headers[name]).find((value) => value !== undefined);
  }

  /** A JSON form for logs: what went wrong, never a request header or token. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      target: this.target,
      details: this.details,
      requestId: this.requestId,
    };
  }
}

/** 401: the access token is missing, expired, from the wrong issuer or lacks the `itwin-platform` scope. */
export class AuthenticationError extends ExportApiError {
  override name = "AuthenticationError";
}

/** 403: the caller may not list these connections. */
export class PermissionDeniedError extends ExportApiError {
  override name = "PermissionDeniedError";
}

/** 404: the iModel is not available. */
export class NotFoundError extends ExportApiError {
  override name = "NotFoundError";
}

/** 422: the request was invalid; `details` names each invalid parameter in `target`. */
export class UnprocessableEntityError extends ExportApiError {
  override name = "UnprocessableEntityError";
}

/** 429: too many requests. `retryAfterMs` says how long the server asked us to wait, when it did. */
export class RateLimitError extends ExportApiError {
  override name = "RateLimitError";
  /** The server's `Retry-After` in ms from when the response arrived, or `undefined` without a readable one. */
  readonly retryAfterMs: number | undefined = parseRetryAfter(this.headers["retry-after"]);

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** 5xx: the server failed. */
export class ServerError extends ExportApiError {
  override name = "ServerError";
}

/** No response: DNS, connection refused or reset, TLS, CORS in a browser. */
export class ConnectionError extends ExportApiError {
  override name = "ConnectionError";
}

/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}

/** The server's paging links cannot be followed without repeating a page or looping forever. */
export class PaginationError extends ExportApiError {
  override name = "PaginationError";
}

/**
 * Parses `Retry-After` (delay-seconds or an HTTP date) into milliseconds from now.
 * Returns `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The error class for an HTTP status. */
function classFor(status: number): typeof ExportApiError {
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 422) return UnprocessableEntityError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  return ExportApiError;
}

export interface ErrorFromResponseOptions {
  /** Applied to every string taken from the response (message, code, target, details, headers). */
  redact?: (text: string) => string;
  /** What went wrong reading the body, when something did. */
  cause?: unknown;
}

/**
 * Builds the typed error for a non-2xx response from whatever body it had: the documented
 * `{ error: { code, message, ... } }`, or anything else (HTML, empty, truncated JSON), which the reference
 * warns may happen. `body` is what openapi-fetch gave us: parsed JSON, or the raw text when it was not JSON.
 */
export function errorFromResponse(
  response: Pick<Response, "status" | "statusText" | "headers">,
  body: unknown,
  { redact = (text) => text, cause }: ErrorFromResponseOptions = {},
): ExportApiError {
  const apiError = readApiError(body);
  const statusText = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const message = apiError?.message
    ? `${statusText}: ${apiError.code ? `${apiError.code}: ` : ""}${apiError.message}`
    : `${statusText}: the response carried no error description`;
  const ErrorClass = classFor(response.status);
  const headers = redactedHeaders(response.headers, redact);
  return new ErrorClass(redact(message), {
    status: response.status,
    code: apiError?.code === undefined ? undefined : redact(apiError.code),
    target: apiError?.target === undefined ? undefined : redact(apiError.target),
    details: apiError?.details === undefined ? undefined : redactStrings(apiError.details, redact),
    headers,
    cause,
  });
}

/** Response headers as a record, with `redact` applied to every value. */
export function redactedHeaders(headers: Headers, redact: (text: string) => string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) record[name] = redact(value);
  return record;
}

/** A deep copy of JSON data with `redact` applied to every string in it. */
function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, redact)])) as T;
  }
  return value;
}

function lowerCaseRecord(headers: Headers | Record<string, string> | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) record[name.toLowerCase()] = value;
  return record;
}

/** The `error` object of a body, if the body is (close enough to) the documented error shape. */
function readApiError(body: unknown): Partial<ApiError> | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message, target, details } = error as Record<string, unknown>;
  return {
    code: typeof code === "string" ? code : undefined,
    message: typeof message === "string" ? message : undefined,
    target: typeof target === "string" ? target : undefined,
    details: Array.isArray(details) ? (details as ApiError[]) : undefined,
  };
}
