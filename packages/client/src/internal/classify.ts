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

const CLASS_OF_STATUS: Record<number, typeof ExportApiError> = {
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/**
 * The typed error for a failed attempt, in this order: the time limit ran out (TimeoutError); an error status,
 * whatever its body (the subclass for the status); a 2xx whose body is not JSON or not a page
 * (`InvalidResponseBody`); the runtime denied network access (`NetworkAccessDenied`, not retried); otherwise no
 * usable response at all (ConnectionError).
 */
export function classifyFailure(failure: FailedAttempt, { redact, timeoutMs }: ClassifyOptions): ExportApiError {
  const { request, response, body } = failure;
  // What was thrown becomes the error's `cause`: it may quote the token (a header it refused, a body it could not
  // parse), so it is kept only as a redacted copy when it does.
  const cause = redactedCause(failure.thrown, redact);
  if (failure.timedOut) return new TimeoutError(`${request} took longer than timeoutMs (${timeoutMs} ms)`, { cause });
  const name = (failure.thrown as { name?: unknown } | undefined)?.name;
  if (response && !response.ok) {
    const apiError = readApiError(body, redact);
    const statusText = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    const said = apiError?.message ? `${apiError.code ? `${apiError.code}: ` : ""}${apiError.message}` : undefined;
    const ErrorClass = CLASS_OF_STATUS[response.status] ?? (response.status >= 500 ? ServerError : ExportApiError);
    return new ErrorClass(redact(`${statusText}: ${said ?? "the response carried no error description"}`), {
      status: response.status,
      code: apiError?.code,
      apiMessage: apiError?.message,
      target: apiError?.target,
      details: apiError?.details,
      headers: redactedHeaders(response.headers, redact),
      cause,
    });
  }
  if (response && (failure.thrown === undefined || name === "SyntaxError")) {
    const what = failure.thrown === undefined ? "not a page of export connections" : "not valid JSON";
    return new ExportApiError(`${response.status}: the response body is ${what}`, {
      status: response.status,
      code: "InvalidResponseBody",
      headers: redactedHeaders(response.headers, redact),
      cause,
    });
  }
  if (!response && (name === "NotCapable" || name === "PermissionDenied")) {
    // Deno without --allow-net (NotCapable in 2.x, PermissionDenied in 1.x): no retry can help, and the
    // runtime's message names the missing flag.
    return new ExportApiError(`${request} was refused by the runtime: ${reasonOf(cause)}`, {
      code: "NetworkAccessDenied",
      cause,
    });
  }
  const reading = response ? " while reading the response body" : "";
  return new ConnectionError(`${request} failed${reading}: ${reasonOf(cause)}`, { cause });
}

/** Response headers as a record, with `redact` applied to every value. */
function redactedHeaders(headers: Headers, redact: (text: string) => string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) record[name] = redact(value);
  return record;
}

/**
 * The `error` object of a body, if the body is (close enough to) the documented error shape, its strings
 * redacted. `details` entries that are not objects (`null`, a string) are dropped, not crashed on.
 */
function readApiError(body: unknown, redact: (text: string) => string, depth = 0): Partial<ApiError> | undefined {
  const error = depth === 0 ? (body as { error?: unknown } | null | undefined)?.error : body;
  if (typeof error !== "object" || error === null || Array.isArray(error)) return undefined;
  const { code, message, target, details } = error as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? redact(value) : undefined);
  return {
    code: text(code),
    message: text(message),
    target: text(target),
    details:
      Array.isArray(details) && depth < 5
        ? details.flatMap((detail) => {
            const read = readApiError(detail, redact, depth + 1);
            return read ? [{ ...read, code: read.code ?? "", message: read.message ?? "" } as ApiError] : [];
          })
        : undefined,
  };
}

/**
 * `cause` itself when no text of it holds the token; otherwise a copy of it (its type, name, message, stack, code
 * and own cause, each redacted), so neither `error.cause` nor `util.inspect(error)` shows the token. A cause chain
 * that loops is followed once round.
 */
export function redactedCause(cause: unknown, redact: (text: string) => string, seen = new Set<unknown>()): unknown {
  if (typeof cause === "string") return redact(cause);
  if (!(cause instanceof Error) || seen.has(cause)) return cause;
  seen.add(cause);
  const inner = redactedCause(cause.cause, redact, seen);
  const texts = [cause.message, cause.stack, ...Object.values(cause)].filter((text) => typeof text === "string");
  if (inner === cause.cause && texts.every((text) => redact(text) === text)) return cause;
  const ErrorType = [SyntaxError, TypeError, RangeError].find((type) => cause instanceof type) ?? Error;
  const copy = new ErrorType(redact(cause.message), inner === undefined ? undefined : { cause: inner });
  const code = (cause as { code?: unknown }).code;
  return Object.assign(
    copy,
    { name: cause.name, stack: redact(`${cause.stack}`) },
    typeof code === "string" ? { code } : {},
  );
}

/** Why a request failed, in words: undici's "fetch failed" says nothing by itself; its cause has the reason. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const base = error instanceof Error ? error.message : String(error);
  const reason = cause?.code ?? cause?.message;
  return reason ? `${base} (${reason})` : base;
}
