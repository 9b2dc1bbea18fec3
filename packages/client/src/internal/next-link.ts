// Reading a page's `_links.next`: a pure function from (page, the query that fetched it) to the next query.
//
// The server's links are absolute URLs on its own public host and carry `$skip`/`$top` but not `imodelId`.
// Only the paging parameters are taken from a link; the request still goes to the configured baseUrl with the
// caller's imodelId, so a link can never steer a request (or the token) to another origin. A link that would
// make paging loop (not advancing, going back, or empty pages that go on) ends it with a PaginationError.
import { type ExportConnectionsResponse, SERVER_URL, TOP_MAX, TOP_MIN } from "@export-api/types";
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
  const href: unknown = page._links?.next?.href;
  if (href === undefined || href === null || href === "") return undefined;
  const fail = (code: string, message: string): never => {
    throw new PaginationError(redact(`the next link ${message}`), { code });
  };
  const unusable = (why: string): never => fail("InvalidNextLink", `${why}: ${quote(redact(String(href)))}`);

  // Offset paging never has an empty page before the end: one that still links on would go on for ever.
  if (page.connections.length === 0) fail("EmptyPageWithNextLink", "follows a page with no connections");
  let link: URL | undefined;
  try {
    // Only the query is read, so a relative link is as good as an absolute one: resolved against the API's address.
    link = new URL(href as string, SERVER_URL);
  } catch {}
  if (typeof href !== "string" || !link) return unusable("is not a URL");
  const read = (name: string): number | undefined => {
    const values = link.searchParams.getAll(name);
    if (values.length === 0) return undefined;
    const value = Number(values[0]);
    if (values.length > 1 || !DIGITS.test(values[0]!) || !Number.isSafeInteger(value))
      unusable(`has an invalid ${name}`);
    return value;
  };
  const skip = read("$skip");
  const top = read("$top") ?? current.top;
  const currentSkip = current.skip ?? 0;
  if (skip === undefined) return unusable("carries no $skip");
  if (top !== undefined && (top < TOP_MIN || top > TOP_MAX)) unusable(`has a $top outside ${TOP_MIN}..${TOP_MAX}`);
  if (skip === currentSkip) fail("NextLinkDoesNotAdvance", `does not advance ($skip=${skip} again)`);
  if (skip < currentSkip) fail("NextLinkRepeats", `repeats an earlier page ($skip=${skip} after ${currentSkip})`);
  return { imodelId: current.imodelId, top, skip };
}
