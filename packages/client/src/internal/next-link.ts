// Reading a page's `_links.next`: a pure function from (page, the query that fetched it) to the next query.
//
// The server's links are absolute URLs on its own public host and carry `$skip`/`$top` but not `imodelId`.
// Only the paging parameters are taken from a link; the request still goes to the configured baseUrl with the
// caller's imodelId, so a link can never steer a request (or the token) to another origin.
import { type ExportConnectionsResponse, TOP_MAX, TOP_MIN } from "@export-api/types";
import { PaginationError } from "../errors.js";
import type { PageQuery } from "./query.js";

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
