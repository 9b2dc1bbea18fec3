// Paging over every connection of an iModel by following the server's `_links.next` (read by
// internal/next-link.ts, which keeps every request on the configured baseUrl).
import type { ExportConnection, ExportConnectionsResponse } from "@export-api/types";
import { writeContinuation } from "./internal/continuation.js";
import { nextQuery } from "./internal/next-link.js";
import type { PageResult } from "./internal/page-result.js";
import type { CallProbe } from "./internal/probe.js";
import type { PageQuery } from "./internal/query.js";
import { describeValue, validateInteger } from "./internal/validate.js";
import { type WithResponse, withResponse } from "./response.js";

/** Fetches one page, with the client's retries, telling the call's probe when there are hooks. */
type FetchPage = (query: PageQuery, signal: AbortSignal | undefined, probe?: CallProbe) => Promise<PageResult>;

/** A page with the response it came in, and where to resume after it. */
export interface PageWithResponse extends WithResponse<ExportConnectionsResponse> {
  /**
   * An opaque token that resumes the listing at the page after this one (`iterateExportConnections(params, {
   * resumeFrom })`), also in another process; `undefined` on the last page. Save it once this page is safely stored:
   * offset paging is at-least-once across a resume (a connection added or removed meanwhile shifts the pages), so
   * drop repeats by `id`.
   */
  continuation: string | undefined;
}

/** The pages of an iteration; `.withResponse()` iterates them with the response each came in. */
export type PageIterator = AsyncGenerator<ExportConnectionsResponse, void, undefined> & {
  /** Every page as `{ data, response, requestId, continuation }`, following the same links. */
  withResponse(): AsyncGenerator<PageWithResponse, void, undefined>;
};

/**
 * Lazily iterates every connection across pages; one page is held in memory at a time and no request is sent
 * before the consumer asks for an item past the current page. `pages()` iterates whole pages instead, and
 * `toArray({ limit })` collects at most `limit` connections.
 * Breaking out of a loop, or aborting the signal, sends no further request; after an abort the next step
 * rejects with the signal's reason, even between two items of a page already received.
 */
export class ExportConnectionsIterable implements AsyncIterable<ExportConnection> {
  readonly #fetchPage: FetchPage;
  readonly #first: PageQuery;
  readonly #signal: AbortSignal | undefined;
  readonly #startProbe: (() => CallProbe) | undefined;

  /** @internal Created by `client.iterateExportConnections()`; not for direct use. */
  constructor(fetchPage: FetchPage, first: PageQuery, signal: AbortSignal | undefined, startProbe?: () => CallProbe) {
    this.#fetchPage = fetchPage;
    this.#first = first;
    this.#signal = signal;
    this.#startProbe = startProbe;
  }

  /** Every page, in the server's order, following `_links.next` until a page has none. */
  pages(): PageIterator {
    const responses = () =>
      this.#results((result, next) => ({
        ...withResponse(result.data, result),
        continuation: next && writeContinuation(next),
      }));
    return Object.assign(
      this.#results((result) => result.data),
      { withResponse: responses },
    );
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ExportConnection, void, undefined> {
    for await (const page of this.pages()) {
      for (const connection of page.connections) {
        this.#signal?.throwIfAborted();
        yield connection;
      }
    }
  }

  /**
   * The connections in order, at most `limit` of them (every one without a limit). No request is sent past the
   * page that reaches the limit; `limit: 0` sends none.
   */
  async toArray(options: { limit?: number | undefined } = {}): Promise<ExportConnection[]> {
    // A limit passed bare (`toArray(5)`) would otherwise read every page.
    if (options !== null && (typeof options !== "object" || Array.isArray(options))) {
      throw new TypeError(`toArray takes { limit }, got ${describeValue(options)}`);
    }
    const limit = validateInteger(options?.limit, "limit", 0, Number.MAX_SAFE_INTEGER) ?? Number.POSITIVE_INFINITY;
    const connections: ExportConnection[] = [];
    if (limit === 0) return connections;
    for await (const connection of this) {
      connections.push(connection);
      if (connections.length >= limit) break;
    }
    return connections;
  }

  /** One iteration is one call for the hooks: from the first page asked for to the end, a break or an error. */
  #results<T>(select: (result: PageResult, next?: PageQuery) => T): AsyncGenerator<T, void, undefined> {
    const probe = this.#startProbe?.();
    const results = this.#fetchAll(select, probe);
    return probe?.watch(results) ?? results;
  }

  async *#fetchAll<T>(
    select: (result: PageResult, next?: PageQuery) => T,
    probe?: CallProbe,
  ): AsyncGenerator<T, void, undefined> {
    let query: PageQuery | undefined = this.#first;
    while (query) {
      const result: PageResult = await this.#fetchPage(query, this.#signal, probe);
      probe?.page(result);
      // A link that cannot be followed fails the step after this page, not this one: the consumer has the page.
      let next: PageQuery | undefined;
      let failure: [unknown] | undefined;
      try {
        next = nextQuery(result.data, query, result.redact);
      } catch (error) {
        failure = [error];
      }
      yield select(result, next);
      if (failure) throw failure[0];
      query = next;
    }
  }
}
