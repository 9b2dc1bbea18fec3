// createExportClient: the public methods. The options are resolved once (./options.ts); each call validates its
// input, then runs the retry loop (internal/fetch-page.ts) over single attempts (internal/attempt.ts) on
// openapi-fetch; paging follows the server's links (pagination.ts).
import type { ExportConnectionsResponse } from "@export-api/types";
import { SKIP_MAX, SKIP_MIN, TOP_MAX, TOP_MIN, VENDOR_MEDIA_TYPE } from "@export-api/types";
import { attempt } from "./internal/attempt.js";
import { readContinuation } from "./internal/continuation.js";
import { withRetries } from "./internal/fetch-page.js";
import type { PageResult } from "./internal/page-result.js";
import type { CallProbe } from "./internal/probe.js";
import type { PageQuery } from "./internal/query.js";
import { validateImodelId, validateInteger, validateSignal } from "./internal/validate.js";
import { type ExportClientOptions, resolveClientOptions } from "./options.js";
import { ExportConnectionsIterable } from "./pagination.js";
import { ApiPromise } from "./response.js";

/** The media type the API reference recommends in `Accept` (the spec's, from `@export-api/types`). */
export const ACCEPT = VENDOR_MEDIA_TYPE;

export interface RequestOptions {
  /** Aborts the call (and any retry wait); the call then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface IterateOptions extends RequestOptions {
  /**
   * A `continuation` from `pages().withResponse()` of an earlier listing of the same iModel: the listing resumes at
   * the page it names. A token of another iModel or version, cut short, edited or not a token is refused with a
   * TypeError naming `resumeFrom`, before any request. Its page size wins; a different `pageSize` is refused.
   */
  resumeFrom?: string | undefined;
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
  iterateExportConnections(params: IterateExportConnectionsParams, options?: IterateOptions): ExportConnectionsIterable;
  /** The base URL every request goes to. */
  readonly baseUrl: string;
}

export function createExportClient(options: ExportClientOptions = {}): ExportClient {
  const resolved = resolveClientOptions(options);
  const { baseUrl } = resolved;
  const fetchPage = (query: PageQuery, signal: AbortSignal | undefined, probe?: CallProbe) =>
    withRetries(resolved, (q, s) => attempt(resolved, q, s), query, signal, probe);

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
        const probe = resolved.hooks?.("getExportConnections", query.imodelId, resolved);
        result = fetchPage(query, validateSignal(requestOptions?.signal), probe);
        probe?.settle(result);
      } catch (error) {
        // Bad input rejects the promise rather than throw synchronously, like every other failure.
        result = Promise.reject(error);
      }
      return new ApiPromise(result, (page) => page.data);
    },
    iterateExportConnections(params, requestOptions) {
      // Throws at once: the iterable is created synchronously, before any request.
      let query: PageQuery = {
        imodelId: validateImodelId(params?.imodelId),
        top: validateInteger(params.pageSize, "pageSize", TOP_MIN, TOP_MAX),
      };
      const resumeFrom = requestOptions?.resumeFrom;
      if (resumeFrom !== undefined) {
        const resumed = readContinuation(resumeFrom, query.imodelId);
        if (query.top !== undefined && query.top !== resumed.top) {
          throw new RangeError(
            `pageSize ${query.top} differs from resumeFrom's page size (${resumed.top ?? "the server's"})`,
          );
        }
        query = resumed;
      }
      const { hooks } = resolved;
      const start = hooks && (() => hooks("iterateExportConnections", query.imodelId, resolved));
      return new ExportConnectionsIterable(fetchPage, query, validateSignal(requestOptions?.signal), start);
    },
  };
}
