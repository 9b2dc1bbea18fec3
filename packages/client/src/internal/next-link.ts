// Reading a page's `_links.next`: a pure function from (page, the query that fetched it) to the next query.
//
// The server's links are absolute URLs on its own public host and carry `$skip`/`$top` but not `imodelId`.
// Only the paging parameters are taken from a link; the request still goes to the configured baseUrl with the
// caller's imodelId, so a link can never steer a request (or the token) to another origin. A link that would
// make paging loop (not advancing, going back, or empty pages that go on) ends it with a PaginationError.
import { type ExportConnectionsResponse, TOP_MAX, TOP_MIN } from "@export-api/types";
import { PaginationError } from "../errors.js";
import type { PageQuery } from "./query.js";
import { quote } from "./validate.js";

/** Only a number written in digits: `1e3`, `+5`, ` 5` or `0x10` are not a `$skip` a server means. */
const DIGITS = /^\d+$/;

/**
 * The query for the page after `page`, or `undefined` at the end. `redact` is applied to every piece of the link
 * an error message quotes: a server may have echoed the token into it.
 */
export function nextQuery(
  page: ExportConnectionsResponse,
  current: PageQuery,
  redact: (text: string) => string = (text) => text,
): PageQuery | undefined {
  const href = page._links?.next?.href;
  if (href === undefined || href === null || href === "") return undefined;
  const fail = (code: string, message: string): never => {
    throw new PaginationError(redact(message), { code });
  };
  const shown = () => quote(redact(String(href)));

  if (typeof href !== "string") fail("InvalidNextLink", `the next link is not a string: ${typeof href}`);
  if (page.connections.length === 0) {
    // Offset paging never has an empty page before the end: one that still links on would go on for ever.
    fail("EmptyPageWithNextLink", `a page with no connections still has a next link (${shown()}); stopping`);
  }
  let link: URL;
  try {
    // Only the query is read, so a relative link is as good as an absolute one.
    link = new URL(href, "https://api.bentley.com");
  } catch {
    return fail("InvalidNextLink", `the next link is not a URL: ${shown()}`);
  }
  const read = (name: string): number | undefined => {
    const values = link.searchParams.getAll(name);
    if (values.length === 0) return undefined;
    const value = Number(values[0]);
    if (values.length > 1 || !DIGITS.test(values[0]!) || !Number.isSafeInteger(value)) {
      fail("InvalidNextLink", `the next link has an invalid ${name}: ${shown()}`);
    }
    return value;
  };
  const skip = read("$skip");
  const top = read("$top") ?? current.top;
  const currentSkip = current.skip ?? 0;
  if (skip === undefined) {
    return fail("InvalidNextLink", `the next link carries no $skip, so it cannot be followed: ${shown()}`);
  }
  if (top !== undefined && (top < TOP_MIN || top > TOP_MAX)) {
    fail("InvalidNextLink", `the next link has a $top outside ${TOP_MIN}..${TOP_MAX}: ${shown()}`);
  }
  if (skip === currentSkip) {
    fail(
      "NextLinkDoesNotAdvance",
      `the next link does not advance ($skip=${skip} again after the page at $skip=${currentSkip}); stopping instead of looping`,
    );
  }
  if (skip < currentSkip) {
    fail(
      "NextLinkRepeats",
      `the next link repeats an earlier page ($skip=${skip} after the page at $skip=${currentSkip}); stopping instead of looping`,
    );
  }
  return { imodelId: current.imodelId, top, skip };
}
