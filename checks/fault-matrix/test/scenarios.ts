// The fault matrix: each fault the mock can play, and what a user of the client and of the CLI must get.
// A fault is the object POST /__mock/faults takes; a list queues several, in order.
import {
  AuthenticationError,
  ConnectionError,
  ExportApiError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
} from "@export-api/client";

/** What a call must end in: success after `requests` requests, or this error. */
export type Outcome =
  | { ok: true; requests: number }
  | { error: typeof ExportApiError; code?: string; status?: number; requests: number };

export interface Scenario {
  name: string;
  faults: Record<string, unknown>[];
  /** `getExportConnections` of one page. */
  page: Outcome;
  /** `iterateExportConnections(...).toArray()` over every page (25 connections in pages of 5). */
  paging: Outcome;
  /** The CLI's exit code for `list --all`, and a line its stderr must hold when it fails. */
  cli: { code: 0 } | { code: 1; stderr: RegExp };
}

/**
 * The client of these tests: two retries, a short backoff, a time limit short enough to wait out three times per
 * stall, long enough for a loaded machine. At 300 ms a CLI run (a fresh process whose first request also loads
 * `fetch`) once took longer at a load average of 10 on 2 cores, was retried, and sent one request too many. Every
 * scenario's timing holds against 1 s: a 50 ms delay is within it; a stall, and a body sent in 10 parts 200 ms
 * apart, outlast it.
 */
export const CLIENT_OPTIONS = { maxRetries: 2, retryBaseDelayMs: 5, timeoutMs: 1_000 } as const;
const PAGES = 5;
const ok = (requests: number): Outcome => ({ ok: true, requests });
const pastDate = new Date(Date.now() - 60_000).toUTCString();

export const SCENARIOS: Scenario[] = [
  ...(
    [
      [401, AuthenticationError, "HeaderNotFound"],
      [403, PermissionDeniedError, "InsufficientPermissions"],
      [404, NotFoundError, "ConnectionNotFound"],
      [422, UnprocessableEntityError, "InvalidConnectionsRequest"],
    ] as const
  ).map(
    ([status, error, code]): Scenario => ({
      name: `${status}, not retried`,
      faults: [{ status, times: "Infinity" }],
      page: { error, code, status, requests: 1 },
      paging: { error, code, status, requests: 1 },
      cli: { code: 1, stderr: new RegExp(`^Error: ${code}: .* \\(HTTP ${status}\\)$`, "m") },
    }),
  ),
  {
    name: "429 with Retry-After: 0, once: waited out",
    faults: [{ status: 429, retryAfter: 0 }],
    page: ok(2),
    paging: ok(PAGES + 1),
    cli: { code: 0 },
  },
  {
    name: "429 with Retry-After as a past HTTP date, once: retried at once",
    faults: [{ status: 429, retryAfter: pastDate }],
    page: ok(2),
    paging: ok(PAGES + 1),
    cli: { code: 0 },
  },
  {
    name: "429 for ever: RateLimitError after the retries",
    faults: [{ status: 429, retryAfter: 0, times: "Infinity" }],
    page: { error: RateLimitError, status: 429, code: "TooManyRequests", requests: 3 },
    paging: { error: RateLimitError, status: 429, requests: 3 },
    cli: { code: 1, stderr: /^Error: TooManyRequests: .* \(HTTP 429\)$/m },
  },
  {
    name: "429 asking for an hour: fails at once instead of sleeping",
    faults: [{ status: 429, retryAfter: 3600 }],
    page: { error: RateLimitError, status: 429, requests: 1 },
    paging: { error: RateLimitError, status: 429, requests: 1 },
    cli: { code: 1, stderr: /\(HTTP 429\)$/m },
  },
  ...([500, 502, 504] as const).map(
    (status): Scenario => ({
      name: `${status} once: retried, then served`,
      faults: [{ status }],
      page: ok(2),
      paging: ok(PAGES + 1),
      cli: { code: 0 },
    }),
  ),
  {
    name: "503 twice with Retry-After: 0: served on the third attempt",
    faults: [{ status: 503, retryAfter: 0, times: 2 }],
    page: ok(3),
    paging: ok(PAGES + 2),
    cli: { code: 0 },
  },
  {
    name: "503 for ever: ServerError after the retries",
    faults: [{ status: 503, times: "Infinity" }],
    page: { error: ServerError, status: 503, requests: 3 },
    paging: { error: ServerError, status: 503, requests: 3 },
    cli: { code: 1, stderr: /\(HTTP 503\)$/m },
  },
  {
    name: "a delay before the headers, within the time limit",
    faults: [{ kind: "delay", ms: 50 }],
    page: ok(1),
    paging: ok(PAGES),
    cli: { code: 0 },
  },
  {
    name: "a stall: TimeoutError after each attempt's limit",
    faults: [{ kind: "stall", times: "Infinity" }],
    page: { error: TimeoutError, requests: 3 },
    paging: { error: TimeoutError, requests: 3 },
    cli: { code: 1, stderr: /took longer than timeoutMs/ },
  },
  {
    name: "a stall once: the retry is served",
    faults: [{ kind: "stall" }],
    page: ok(2),
    paging: ok(PAGES + 1),
    cli: { code: 0 },
  },
  {
    name: "a body that drips slower than the time limit: TimeoutError",
    faults: [{ kind: "slow-body", chunkDelayMs: 200, times: "Infinity" }],
    page: { error: TimeoutError, requests: 3 },
    paging: { error: TimeoutError, requests: 3 },
    cli: { code: 1, stderr: /took longer than timeoutMs/ },
  },
  ...(["reset-before-headers", "reset-after-headers", "truncated-body"] as const).flatMap((kind): Scenario[] => [
    {
      name: `${kind} once: retried, then served`,
      faults: [{ kind }],
      page: ok(2),
      paging: ok(PAGES + 1),
      cli: { code: 0 },
    },
    {
      name: `${kind} for ever: ConnectionError after the retries`,
      faults: [{ kind, times: "Infinity" }],
      page: { error: ConnectionError, requests: 3 },
      paging: { error: ConnectionError, requests: 3 },
      cli: { code: 1, stderr: /^Error: GET .* failed/m },
    },
  ]),
  {
    name: "a 200 that is not JSON: InvalidResponseBody, not retried",
    faults: [{ kind: "not-json" }],
    page: { error: ExportApiError, code: "InvalidResponseBody", status: 200, requests: 1 },
    paging: { error: ExportApiError, code: "InvalidResponseBody", status: 200, requests: 1 },
    cli: { code: 1, stderr: /^Error: 200: the response body is not valid JSON$/m },
  },
  {
    name: "a 200 that is not a page: InvalidResponseBody, not retried",
    faults: [{ kind: "wrong-shape" }],
    page: { error: ExportApiError, code: "InvalidResponseBody", status: 200, requests: 1 },
    paging: { error: ExportApiError, code: "InvalidResponseBody", status: 200, requests: 1 },
    cli: { code: 1, stderr: /^Error: 200: the response body is not a page of export connections$/m },
  },
  {
    name: "a page labelled text/plain: read for what it is",
    faults: [{ kind: "wrong-content-type", times: "Infinity" }],
    page: ok(1),
    paging: ok(PAGES),
    cli: { code: 0 },
  },
  {
    name: "an HTML error page once: retried as the 502 it is, then served",
    faults: [{ kind: "html-error" }],
    page: ok(2),
    paging: ok(PAGES + 1),
    cli: { code: 0 },
  },
  {
    name: "an HTML error page for ever: ServerError with no API message",
    faults: [{ kind: "html-error", times: "Infinity" }],
    page: { error: ServerError, status: 502, requests: 3 },
    paging: { error: ServerError, status: 502, requests: 3 },
    cli: { code: 1, stderr: /^Error: 502 Bad Gateway: the response carried no error description$/m },
  },
  {
    name: "empty pages whose next links advance for ever: paging stops at once",
    faults: [{ kind: "empty-pages", times: "Infinity" }],
    page: ok(1),
    paging: { error: PaginationError, code: "EmptyPageWithNextLink", requests: 1 },
    cli: { code: 1, stderr: /the next link follows a page with no connections/ },
  },
  {
    name: "a next link that repeats the page: paging stops",
    faults: [{ kind: "next-repeats", times: "Infinity" }],
    page: ok(1),
    paging: { error: PaginationError, code: "NextLinkDoesNotAdvance", requests: 1 },
    cli: { code: 1, stderr: /the next link does not advance/ },
  },
  {
    name: "a next link back to an earlier page: paging stops",
    // The first page is served as it is; the second links back to the first.
    faults: [{ kind: "delay", ms: 0 }, { kind: "next-goes-back" }],
    page: ok(1),
    paging: { error: PaginationError, code: "NextLinkRepeats", requests: 2 },
    cli: { code: 1, stderr: /the next link repeats an earlier page/ },
  },
  {
    name: "a 401 that echoes the Authorization header: redacted everywhere",
    faults: [{ kind: "echo-authorization", times: "Infinity" }],
    page: { error: AuthenticationError, status: 401, requests: 1 },
    paging: { error: AuthenticationError, status: 401, requests: 1 },
    cli: { code: 1, stderr: /\[redacted\]/ },
  },
];
