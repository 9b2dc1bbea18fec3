// createExportClient: the public options and methods. Each call validates its input, then runs the retry loop
// (internal/fetch-page.ts) over single attempts (internal/attempt.ts) on openapi-fetch; paging follows the
// server's links (pagination.ts).
import type { ExportConnectionsResponse } from "@export-api/types";
import { SKIP_MAX, SKIP_MIN, TOP_MAX, TOP_MIN, VENDOR_MEDIA_TYPE } from "@export-api/types";
import { validateBaseUrl } from "./base-url.js";
import { type AttemptContext, attempt, type PageResult } from "./internal/attempt.js";
import { systemClock } from "./internal/clock.js";
import { type RetryContext, withRetries } from "./internal/fetch-page.js";
import type { PageQuery } from "./internal/query.js";
import type { RetryPolicy } from "./internal/retry.js";
import { validateAccessToken } from "./internal/token.js";
import { userAgent } from "./internal/user-agent.js";
import {
  MAX_DELAY_MS,
  validateFunction,
  validateImodelId,
  validateInteger,
  validateLogger,
  validateSignal,
} from "./internal/validate.js";
import { ExportConnectionsIterable } from "./pagination.js";
import { ApiPromise } from "./response.js";

/** The media type the API reference recommends in `Accept` (the spec's, from `@export-api/types`). */
export const ACCEPT = VENDOR_MEDIA_TYPE;
export const DEFAULT_BASE_URL = "https://api.bentley.com";

/** A fetch the client may be given: called with the request and the attempt's signal. */
export type CustomFetch = (request: Request, init: { signal: AbortSignal }) => Promise<Response>;

/** A token, or a function that returns one (sync or async). Called before every attempt. */
export type AccessToken = string | (() => string | Promise<string>);

/** Where the client reports what it does. Messages never contain a header or a token. */
export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface ExportClientOptions {
  /**
   * Access token with `itwin-platform` scope (with or without a `Bearer ` prefix), or a function returning one,
   * awaited before every attempt so a refreshed token is used. Sent only to `baseUrl`. Default: none.
   */
  accessToken?: AccessToken | undefined;
  /** Absolute http(s) URL of the API, optionally with a path prefix. Default `https://api.bentley.com`. */
  baseUrl?: string | undefined;
  /**
   * A fetch implementation. Default `globalThis.fetch`. It is called with a `Request` and `{ signal }`, the
   * attempt's signal (aborted when `timeoutMs` passes or the caller aborts): pass it on, e.g.
   * `(request, init) => fetch(request, init)`, so a timed-out request is cancelled. The time limit and the abort
   * hold either way.
   */
  fetch?: CustomFetch | undefined;
  /** Retries after the first attempt for 408, 429, 5xx, timeouts and connection errors. Default 2. */
  maxRetries?: number | undefined;
  /** Time limit of each attempt in ms, including reading the body. Default 60 000. */
  timeoutMs?: number | undefined;
  /** The longest `Retry-After` (429, 503) the client will wait, in ms; a longer one fails at once. Default 60 000. */
  maxRetryAfterMs?: number | undefined;
  /** Backoff before the first retry when the server gives no `Retry-After`, in ms; doubles per retry. Default 500. */
  retryBaseDelayMs?: number | undefined;
  /** Receives a debug line per attempt and a warn line per retry; never a header or a token. Default: silent. */
  logger?: Logger | undefined;
}

export interface RequestOptions {
  /** Aborts the call (and any retry wait); the call then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface GetExportConnectionsParams {
  /** The iModel whose export connections are listed. */
  imodelId: string;
  /** Page size (`$top`), from `TOP_MIN` to `TOP_MAX` (the spec's bounds). */
  top?: number | undefined;
  /** Connections to skip (`$skip`), 0 or more. */
  skip?: number | undefined;
}

export interface IterateExportConnectionsParams {
  imodelId: string;
  /** Page size asked for on the first request (`$top`), `TOP_MIN` to `TOP_MAX`; later pages follow the links. */
  pageSize?: number | undefined;
}

export interface ExportClient {
  /**
   * Fetches one page of export connections. Awaited, the promise gives the page; `.withResponse()` gives
   * `{ data, response, requestId }`.
   */
  getExportConnections(
    params: GetExportConnectionsParams,
    options?: RequestOptions,
  ): ApiPromise<ExportConnectionsResponse>;
  /** Iterates every connection of the iModel across pages, lazily; `.pages()` iterates whole pages. */
  iterateExportConnections(params: IterateExportConnectionsParams, options?: RequestOptions): ExportConnectionsIterable;
  /** The base URL every request goes to. */
  readonly baseUrl: string;
}

export function createExportClient(options: ExportClientOptions = {}): ExportClient {
  const baseUrl = validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const timeoutMs = validateInteger(options.timeoutMs, "timeoutMs", 1, MAX_DELAY_MS) ?? 60_000;
  const logger = safeLogger(validateLogger(options.logger));

  const attemptContext: AttemptContext = {
    baseUrl,
    accessToken: validateAccessToken(options.accessToken),
    fetch: validateFunction(options.fetch, "fetch"),
    timeoutMs,
    logger,
    userAgent: userAgent(),
  };
  const retryContext: RetryContext = {
    baseUrl,
    policy: retryPolicy(options),
    clock: systemClock,
    logger,
  };
  const fetchPage = (query: PageQuery, signal: AbortSignal | undefined) =>
    withRetries(retryContext, (q, s) => attempt(attemptContext, q, s), query, signal);

  return {
    baseUrl,
    getExportConnections(params, requestOptions) {
      let result: Promise<PageResult>;
      try {
        const query = {
          imodelId: validateImodelId(params?.imodelId),
          top: validateInteger(params.top, "top", TOP_MIN, TOP_MAX),
          skip: validateInteger(params.skip, "skip", SKIP_MIN, SKIP_MAX),
        };
        result = fetchPage(query, validateSignal(requestOptions?.signal));
      } catch (error) {
        // Bad input rejects the promise rather than throw synchronously, like every other failure.
        result = Promise.reject(error);
      }
      return new ApiPromise(result, (page) => page.data);
    },
    iterateExportConnections(params, requestOptions) {
      // Throws at once: the iterable is created synchronously, before any request.
      const query = {
        imodelId: validateImodelId(params?.imodelId),
        top: validateInteger(params.pageSize, "pageSize", TOP_MIN, TOP_MAX),
      };
      return new ExportConnectionsIterable(fetchPage, query, validateSignal(requestOptions?.signal));
    },
  };
}

/**
 * The caller's logger, made harmless: a logger that throws (or returns a promise that rejects) must not turn a
 * good answer into a failure, nor leave an unhandled rejection behind.
 */
function safeLogger(logger: Logger | undefined): Logger | undefined {
  if (!logger) return undefined;
  const call = (method: "debug" | "warn", message: string) => {
    try {
      // A returned promise that rejects is caught too (Promise.resolve of anything else is harmless).
      Promise.resolve(logger[method](message)).catch(() => {});
    } catch {
      // A broken logger loses its line, not the call.
    }
  };
  return { debug: (message) => call("debug", message), warn: (message) => call("warn", message) };
}

/** The retry options, checked, with their defaults: 2 retries, 500 ms doubling up to 8 s, Retry-After up to 60 s. */
export function retryPolicy(options: ExportClientOptions): RetryPolicy {
  const baseDelayMs = validateInteger(options.retryBaseDelayMs, "retryBaseDelayMs", 0, MAX_DELAY_MS) ?? 500;
  return {
    maxRetries: validateInteger(options.maxRetries, "maxRetries", 0, Number.MAX_SAFE_INTEGER) ?? 2,
    baseDelayMs,
    // A base delay above 8 s is taken as the cap itself: the first wait is never cut below what was asked.
    maxDelayMs: Math.max(8_000, baseDelayMs),
    maxRetryAfterMs: validateInteger(options.maxRetryAfterMs, "maxRetryAfterMs", 0, MAX_DELAY_MS) ?? 60_000,
  };
}
