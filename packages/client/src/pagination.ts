// Paging over every connection of an iModel by following the server's `_links.next`.
//
// The server's links are absolute URLs on its own public host and carry `$skip`/`$top` but not `imodelId`.
// We take only the paging parameters from a link and send the request to the configured baseUrl with the
// caller's imodelId, so a link can never steer a request (or the token) to another origin.
import type { ExportConnection, ExportConnectionsResponse } from "@export-api/types";
import { PaginationError } from "./errors.js";

export interface PageQuery {
  imodelId: string;
  top?: number | undefined;
  skip?: number | undefined;
}

export type FetchPage = (query: PageQuery, signal: AbortSignal | undefined) => Promise<ExportConnectionsResponse>;

/**
 * Lazily iterates every connection across pages; one page is held in memory at a time and no request is sent
 * before the consumer asks for the next item. `pages()` iterates whole pages instead.
 */
export class ExportConnectionsIterable implements AsyncIterable<ExportConnection> {
  readonly #fetchPage: FetchPage;
  readonly #first: PageQuery;
  readonly #signal: AbortSignal | undefined;

  constructor(fetchPage: FetchPage, first: PageQuery, signal: AbortSignal | undefined) {
    this.#fetchPage = fetchPage;
    this.#first = first;
    this.#signal = signal;
  }

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
      yield* page.connections;
    }
  }
}

/**
 * The query for the page after `page`, or `undefined` at the end. A next link must move `$skip` forward:
 * one that stays put or goes back (a repeat) throws rather than loop.
 */
export function nextQuery(page: ExportConnectionsResponse, current: PageQuery): PageQuery | undefined {
  const href = page._links?.next?.href;
  if (!href) return undefined;

  let link: URL;
  try {
    link = new URL(href);
  } catch {
    throw new PaginationError(`the next link is not an absolute URL: ${JSON.stringify(href)}`);
  }
  const skip = readInteger(link, "$skip");
  const top = readInteger(link, "$top") ?? current.top;
  if (skip === undefined) {
    throw new PaginationError(`the next link carries no $skip, so it cannot be followed: ${JSON.stringify(href)}`);
  }
  if (skip <= (current.skip ?? 0)) {
    throw new PaginationError(
      `the next link does not advance ($skip ${skip} after $skip ${current.skip ?? 0}); stopping instead of looping`,
    );
  }
  return { imodelId: current.imodelId, top, skip };
}

function readInteger(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(value) || value < 0) {
    throw new PaginationError(`the next link has an invalid ${name}: ${JSON.stringify(raw)}`);
  }
  return value;
}
