// createExportClient: typed calls to GET /export/connections on openapi-fetch, with per-attempt tokens and
// timeouts, typed errors, retries and paging around it. openapi-fetch builds and sends each request.
import type { ExportConnectionsResponse, paths } from "@export-api/types";
import createClient from "openapi-fetch";
import { type AccessToken, bearer, redactor, resolveAccessToken, validateAccessToken } from "./auth.js";
import { ConnectionError, ExportApiError, errorFromResponse, redactedHeaders, TimeoutError } from "./errors.js";
import { ExportConnectionsIterable, type PageQuery } from "./pagination.js";
import { decideRetry, type RetryPolicy, sleep } from "./retry.js";
import { attemptSignals, untilAborted } from "./timeout.js";
import {
  validateBaseUrl,
  validateCount,
  validateDelay,
  validateFunction,
  validateImodelId,
  validateLogger,
  validateSignal,
  validateSkip,
  validateTop,
} from "./validate.js";
import { VERSION } from "./version.js";

/** The media type the API reference recommends in `Accept`. */
export const ACCEPT = "application/vnd.bentley.itwin-platform.v1+json";
export const DEFAULT_BASE_URL = "https://api.bentley.com";

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
  accessToken?: AccessToken;
  /** Absolute http(s) URL of the API, optionally with a path prefix. Default `https://api.bentley.com`. */
  baseUrl?: string;
  /** A fetch implementation, called with a `Request`. Default `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Retries after the first attempt for 408, 429, 5xx, timeouts and connection errors. Default 2. */
  maxRetries?: number;
  /** Time limit of each attempt in ms, including reading the body. Default 60 000. */
  timeoutMs?: number;
  /** The longest `Retry-After` (429, 503) the client will wait, in ms; a longer one fails at once. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Backoff before the first retry when the server gives no `Retry-After`, in ms; doubles per retry. Default 500. */
  retryBaseDelayMs?: number;
  /** Receives a debug line per attempt and a warn line per retry; never a header or a token. Default: silent. */
  logger?: Logger;
}

export interface RequestOptions {
  /** Aborts the call (and any retry wait); the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface GetExportConnectionsParams {
  /** The iModel whose export connections are listed. */
  imodelId: string;
  /** Page size (`$top`), 1 to 1000. */
  top?: number;
  /** Connections to skip (`$skip`), 0 or more. */
  skip?: number;
}

export interface IterateExportConnectionsParams {
  imodelId: string;
  /** Page size asked for on the first request (`$top`), 1 to 1000; later pages follow the server's links. */
  pageSize?: number;
}

export interface ExportClient {
  /** Fetches one page of export connections. */
  getExportConnections(
    params: GetExportConnectionsParams,
    options?: RequestOptions,
  ): Promise<ExportConnectionsResponse>;
  /** Iterates every connection of the iModel across pages, lazily; `.pages()` iterates whole pages. */
  iterateExportConnections(params: IterateExportConnectionsParams, options?: RequestOptions): ExportConnectionsIterable;
  /** The base URL every request goes to. */
  readonly baseUrl: string;
}

export function createExportClient(options: ExportClientOptions = {}): ExportClient {
  const baseUrl = validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL).href.replace(/\/+$/, "");
  const timeoutMs = validateDelay(options.timeoutMs, "timeoutMs", 1) ?? 60_000;
  const baseDelayMs = validateDelay(options.retryBaseDelayMs, "retryBaseDelayMs", 0) ?? 500;
  const policy: RetryPolicy = {
    maxRetries: validateCount(options.maxRetries, "maxRetries") ?? 2,
    baseDelayMs,
    maxDelayMs: Math.max(8_000, baseDelayMs),
    maxRetryAfterMs: validateDelay(options.maxRetryAfterMs, "maxRetryAfterMs", 0) ?? 60_000,
  };
  const accessToken = validateAccessToken(options.accessToken);
  const customFetch = validateFunction(options.fetch, "fetch");
  const fetchImpl = customFetch ?? ((request: Request) => globalThis.fetch(request));
  const logger = validateLogger(options.logger);
  const api = createClient<paths>({ baseUrl });

  /** One attempt: one token, one request, one time limit. Throws an ExportApiError for every failure. */
  async function attemptOnce(query: PageQuery, signal: AbortSignal | undefined): Promise<ExportConnectionsResponse> {
    // The token function's own error rejects the call as it is; a caller's abort wins over a slow token function.
    const token = await untilAborted(resolveAccessToken(accessToken), signal);
    signal?.throwIfAborted();
    const redact = redactor(token);
    const { signal: attemptSignal, timeout } = attemptSignals(timeoutMs, signal);
    let received: Response | undefined;
    const started = Date.now();
    try {
      // untilAborted: the time limit and the abort hold even if a custom fetch ignores the signal.
      const { data, error, response } = await untilAborted(
        api.GET("/export/connections", {
          params: { query: { imodelId: query.imodelId, $top: query.top, $skip: query.skip } },
          headers: requestHeaders(token),
          signal: attemptSignal,
          fetch: async (request: Request) => {
            received = await fetchImpl(request);
            logger?.debug(`GET ${describe(query)} -> ${received.status} in ${Date.now() - started} ms`);
            return received;
          },
        }),
        attemptSignal,
      );
      if (!response.ok) throw errorFromResponse(response, error, { redact });
      if (!isPage(data)) {
        throw new ExportApiError(`${response.status}: the response body is not a page of export connections`, {
          status: response.status,
          code: "InvalidResponseBody",
          headers: redactedHeaders(response.headers, redact),
        });
      }
      return data;
    } catch (error) {
      if (error instanceof ExportApiError) throw error;
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        throw new TimeoutError(`GET ${describe(query)} took longer than timeoutMs (${timeoutMs} ms)`, { cause: error });
      }
      if (received && !received.ok) {
        // An error status whose body could not be read: still the typed error for that status.
        throw errorFromResponse(received, undefined, { redact, cause: error });
      }
      if (received && error instanceof SyntaxError) {
        // A 2xx whose body is not JSON (openapi-fetch's JSON parse threw).
        throw new ExportApiError(`${received.status}: the response body is not valid JSON`, {
          status: received.status,
          code: "InvalidResponseBody",
          headers: redactedHeaders(received.headers, redact),
          cause: error,
        });
      }
      // No response, or the connection failed while the body was read.
      const reading = received ? " while reading the response body" : "";
      throw new ConnectionError(`GET ${describe(query)} failed${reading}: ${messageOf(error)}`, { cause: error });
    }
  }

  /** Attempts until one succeeds, the error is not retryable, or the retries are spent. */
  async function fetchPage(query: PageQuery, signal: AbortSignal | undefined): Promise<ExportConnectionsResponse> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      try {
        return await attemptOnce(query, signal);
      } catch (error) {
        // Only our own errors are retryable; a token function's error or an abort reason is rethrown as is.
        if (!(error instanceof ExportApiError)) throw error;
        const decision = decideRetry(error, attempt, policy);
        if (!decision.retry) {
          logger?.debug(`GET ${describe(query)} failed (${error.message}); giving up after attempt ${attempt + 1}`);
          throw error;
        }
        logger?.warn(
          `GET ${describe(query)} failed (${error.message}); retry ${attempt + 1} of ${policy.maxRetries} in ${decision.delayMs} ms`,
        );
        await sleep(decision.delayMs, signal);
      }
    }
  }

  function describe(query: PageQuery): string {
    const search = new URLSearchParams({ imodelId: query.imodelId });
    if (query.top !== undefined) search.set("$top", String(query.top));
    if (query.skip !== undefined) search.set("$skip", String(query.skip));
    return `${baseUrl}/export/connections?${decodeURIComponent(search.toString())}`;
  }

  return {
    baseUrl,
    getExportConnections(params, requestOptions = {}) {
      // Validation errors reject the promise rather than throw synchronously, like every other failure.
      return Promise.resolve().then(() => {
        const query = {
          imodelId: validateImodelId(params?.imodelId),
          top: validateTop(params.top),
          skip: validateSkip(params.skip),
        };
        return fetchPage(query, validateSignal(requestOptions?.signal));
      });
    },
    iterateExportConnections(params, requestOptions = {}) {
      // Throws at once: the iterable is created synchronously, before any request.
      const query = { imodelId: validateImodelId(params?.imodelId), top: validateTop(params.pageSize, "pageSize") };
      return new ExportConnectionsIterable(fetchPage, query, validateSignal(requestOptions?.signal));
    },
  };
}

function requestHeaders(token: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (token !== undefined) headers.Authorization = bearer(token);
  // Browsers set their own User-Agent; in Node we say who we are.
  if (typeof process !== "undefined" && process.versions?.node && typeof window === "undefined") {
    headers["User-Agent"] = `export-api-client/${VERSION} node/${process.versions.node}`;
  }
  return headers;
}

/** A page as the spec shapes it, as far as paging depends on it: `connections` objects and optional `_links`. */
function isPage(data: unknown): data is ExportConnectionsResponse {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
  const { connections, _links } = data as { connections?: unknown; _links?: unknown };
  if (!Array.isArray(connections)) return false;
  if (!connections.every((connection) => typeof connection === "object" && connection !== null)) return false;
  return _links === undefined || (typeof _links === "object" && _links !== null);
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const base = error instanceof Error ? error.message : String(error);
  // undici's "fetch failed" says nothing by itself: the cause has the reason (ECONNREFUSED, "bad port", ...).
  const reason = cause?.code ?? cause?.message;
  return reason ? `${base} (${reason})` : base;
}
