// What a failed attempt becomes: one typed error, chosen by a pure function from what the attempt saw, so every
// outcome is testable without a socket. ./attempt.ts gathers the facts; this file decides.
import type { ApiError } from "@export-api/types";
import {
  AuthenticationError,
  ConnectionError,
  ExportApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
} from "../errors.js";

/** What one attempt saw before it failed. */
export interface FailedAttempt {
  /** The request, as messages name it: `GET <url>`. */
  request: string;
  /** The response, when its status and headers arrived. */
  response?: Pick<Response, "ok" | "status" | "statusText" | "headers"> | undefined;
  /** The body as read: parsed JSON, or the raw text when it was not JSON; `undefined` when not read. */
  body?: unknown;
  /** What was thrown, when the attempt did not run to the end (network failure, unreadable body, time limit). */
  thrown?: unknown;
  /** The attempt's own time limit ended it. */
  timedOut: boolean;
}

export interface ClassifyOptions {
  /** Applied to every string taken from the response: what the server says may echo the token. */
  redact: (text: string) => string;
  /** The time limit of an attempt, for the TimeoutError's message. */
  timeoutMs: number;
}

/**
 * The typed error for a failed attempt, in this order: the time limit ran out (TimeoutError); an error status,
 * whatever its body (the subclass for the status); a 2xx whose body is not JSON or not a page
 * (`InvalidResponseBody`); otherwise no usable response at all (ConnectionError).
 */
export function classifyFailure(failure: FailedAttempt, { redact, timeoutMs }: ClassifyOptions): ExportApiError {
  const { request, response, body } = failure;
  const notJson = failure.thrown instanceof SyntaxError;
  // What was thrown becomes the error's `cause`: it may quote the token (a header it refused, a body it could not
  // parse), so it is kept only as a redacted copy when it does.
  const thrown = redactedCause(failure.thrown, redact);
  if (failure.timedOut) {
    return new TimeoutError(`${request} took longer than timeoutMs (${timeoutMs} ms)`, { cause: thrown });
  }
  if (response && !response.ok) return errorFromResponse(response, body, { redact, cause: thrown });
  if (response && (thrown === undefined || notJson)) {
    // openapi-fetch's JSON parse threw a SyntaxError, or the JSON was not a page.
    const what = thrown === undefined ? "not a page of export connections" : "not valid JSON";
    return new ExportApiError(`${response.status}: the response body is ${what}`, {
      status: response.status,
      code: "InvalidResponseBody",
      headers: redactedHeaders(response.headers, redact),
      cause: thrown,
    });
  }
  if (!response && isRuntimeDenial(failure.thrown)) {
    // Deno without --allow-net: no retry can help, and its message names the flag that is missing.
    return new ExportApiError(`${request} was refused by the runtime: ${reasonOf(thrown)}`, {
      code: "NetworkAccessDenied",
      cause: thrown,
    });
  }
  // No response, or the connection failed while the body was read.
  const reading = response ? " while reading the response body" : "";
  return new ConnectionError(`${request} failed${reading}: ${reasonOf(thrown)}`, { cause: thrown });
}

/** A runtime's refusal to let the program use the network: Deno's NotCapable (2.x) or PermissionDenied (1.x). */
function isRuntimeDenial(thrown: unknown): boolean {
  const name = (thrown as { name?: unknown } | undefined)?.name;
  return name === "NotCapable" || name === "PermissionDenied";
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

/**
 * The typed error for a non-2xx response from whatever body it had: the documented
 * `{ error: { code, message, ... } }`, or anything else (HTML, empty, truncated JSON), which the reference
 * warns may happen.
 */
function errorFromResponse(
  response: Pick<Response, "status" | "statusText" | "headers">,
  body: unknown,
  { redact, cause }: { redact: (text: string) => string; cause: unknown },
): ExportApiError {
  const apiError = readApiError(body);
  const statusText = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const message = apiError?.message
    ? `${statusText}: ${apiError.code ? `${apiError.code}: ` : ""}${apiError.message}`
    : `${statusText}: the response carried no error description`;
  const ErrorClass = classFor(response.status);
  const optional = (text: string | undefined) => (text === undefined ? undefined : redact(text));
  return new ErrorClass(redact(message), {
    status: response.status,
    code: optional(apiError?.code),
    apiMessage: optional(apiError?.message),
    target: optional(apiError?.target),
    details: apiError?.details === undefined ? undefined : redactStrings(apiError.details, redact),
    headers: redactedHeaders(response.headers, redact),
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
    details: Array.isArray(details) ? readDetails(details, 0) : undefined,
  };
}

/** `details` as the spec shapes them: entries that are not objects (`null`, a string) are dropped, not crashed on. */
function readDetails(details: unknown[], depth: number): ApiError[] {
  const read: ApiError[] = [];
  for (const detail of details) {
    if (typeof detail !== "object" || detail === null || Array.isArray(detail)) continue;
    const { code, message, target, details: nested } = detail as Record<string, unknown>;
    read.push({
      code: typeof code === "string" ? code : "",
      message: typeof message === "string" ? message : "",
      ...(typeof target === "string" ? { target } : {}),
      ...(Array.isArray(nested) && depth < 4 ? { details: readDetails(nested, depth + 1) } : {}),
    });
  }
  return read;
}

/**
 * `cause` itself when no text of it holds the token; otherwise a copy of it (name, message, stack, code and its
 * own cause, each redacted), so neither `error.cause` nor `util.inspect(error)` shows the token.
 */
export function redactedCause(cause: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (typeof cause === "string") return redact(cause);
  if (!(cause instanceof Error) || depth > 4) return cause;
  const { message, stack, cause: inner } = cause;
  const code = (cause as { code?: unknown }).code;
  const nested = redactedCause(inner, redact, depth + 1);
  const strings = Object.values(cause).filter((value): value is string => typeof value === "string");
  const leaks = [message, stack ?? "", ...strings].some((text) => redact(text) !== text);
  if (!leaks && nested === inner) return cause;
  const ErrorType = [SyntaxError, TypeError, RangeError].find((type) => cause instanceof type) ?? Error;
  const copy = new ErrorType(redact(message), nested === undefined ? undefined : { cause: nested });
  copy.name = cause.name;
  copy.stack = redact(stack ?? "");
  if (typeof code === "string") Object.assign(copy, { code });
  return copy;
}

/** Why a request failed, in words: undici's "fetch failed" says nothing by itself; its cause has the reason. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const base = error instanceof Error ? error.message : String(error);
  const reason = cause?.code ?? cause?.message;
  return reason ? `${base} (${reason})` : base;
}
