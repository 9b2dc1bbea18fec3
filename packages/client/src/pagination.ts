// Paging over every connection of an iModel by following the server's `_links.next`.
//
// The server's links are absolute URLs on its own public host and carry `$skip`/`$top` but not `imodelId`.
// We take only the paging parameters from a link and send the request to the configured baseUrl with the
// caller's imodelId, so a link can never steer a request (or the token) to another origin.
import type { ExportConnection, ExportConnectionsResponse } from "@export-api/types";
import { TOP_MAX, TOP_MIN } from "@export-api/types";
import { PaginationError } from "./errors.js";

export interface PageQuery {
  imodelId: string;
  top?: number | undefined;
  skip?: number | undefined;
}

export type FetchPage = (query: PageQuery, signal: AbortSignal | undefined) => Promise<ExportConnectionsResponse>;

/**
 * Lazily iterates every connection across pages; one page is held in memory at a time and no request is sent
 * before the consumer asks for an item past the current page. `pages()` iterates whole pages instead.
 * Breaking out of a loop, or aborting the signal, sends no further request; after an abort the next step
 * rejects with the signal's reason, even between two items of a page already received.
 */
export class ExportConnectionsIterable implements AsyncIterable<ExportConnection> {
  readonly #fetchPage: FetchPage;
  readonly #first: PageQuery;
  readonly #signal: AbortSignal | undefined;

  /** @internal Created by `client.iterateExportConnections()`; not for direct use. */
  constructor(fetchPage: FetchPage, first: PageQuery, signal: AbortSignal | undefined) {
    this.#fetchPage = fetchPage;
    this.#first = first;
    this.#signal = signal;
  }

  /** Every page, in the server's order, following `_links.next` until a page has none. */
  async *pages(): AsyncGenerator<ExportConnectionsResponse, void, undefined> {
    let query: PageQuery | undefined = this.#first;
    while (query) {
      const page = await this.#fetchPage(query, this.#signal);
      yield page;
      query = nextQuery(page, query);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ExportConnection, void, undefined> {
    for await (const page of this.pages()) {
      for (const connection of page.connections) {
        this.#signal?.throwIfAborted();
        yield connection;
      }
    }
  }
}

/**
 * The query for the page after `page`, or `undefined` at the end. A next link must move `$skip` forward:
 * one that stays put (does not advance) or goes back (repeats a page) throws rather than loop.
 */
export function nextQuery(page: ExportConnectionsResponse, current: PageQuery): PageQuery | undefined {
  const href = page._links?.next?.href;
  if (href === undefined || href === null || href === "") return undefined;

  let link: URL;
  try {
    // Only the query is read, so a relative link is as good as an absolute one.
    link = new URL(String(href), "https://api.bentley.com");
  } catch {
    throw new PaginationError(`the next link is not a URL: ${JSON.stringify(href)}`, { code: "InvalidNextLink" });
  }
  const skip = readInteger(link, "$skip");
  const top = readInteger(link, "$top") ?? current.top;
  const currentSkip = current.skip ?? 0;
  if (skip === undefined) {
    throw new PaginationError(`the next link carries no $skip, so it cannot be followed: ${JSON.stringify(href)}`, {
      code: "InvalidNextLink",
    });
  }
  if (top !== undefined && (top < TOP_MIN || top > TOP_MAX)) {
    throw new PaginationError(`the next link has a $top outside ${TOP_MIN}..${TOP_MAX}: ${JSON.stringify(href)}`, {
      code: "InvalidNextLink",
    });
  }
  if (skip === currentSkip) {
    throw new PaginationError(
      `the next link does not advance ($skip=${skip} again after the page at $skip=${currentSkip}); stopping instead of looping`,
      { code: "NextLinkDoesNotAdvance" },
    );
  }
  if (skip < currentSkip) {
    throw new PaginationError(
      `the next link repeats an earlier page ($skip=${skip} after the page at $skip=${currentSkip}); stopping instead of looping`,
      { code: "NextLinkRepeats" },
    );
  }
  return { imodelId: current.imodelId, top, skip };
}

function readInteger(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isSafeInteger(value) || value < 0) {
    throw new PaginationError(`the next link has an invalid ${name}: ${JSON.stringify(raw)}`, {
      code: "InvalidNextLink",
    });
  }
  return value;
}
