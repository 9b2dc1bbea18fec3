// A page's `_links`: absolute URLs carrying only `$skip` and `$top`, like the API's.
import type { Links } from "@export-api/types";

export const API_PATH = "/export/connections";

/** `self`, `prev` unless on the first page, `next` unless on the last. */
export function pageLinks(base: string, skip: number, top: number, total: number): Links {
  const links: Links = { self: pageLink(base, skip, top) };
  if (skip > 0) links.prev = pageLink(base, Math.max(0, skip - top), top);
  if (skip + top < total) links.next = pageLink(base, skip + top, top);
  return links;
}

export function pageLink(base: string, skip: number, top: number): { href: string } {
  return { href: `${base}${API_PATH}?$skip=${skip}&$top=${top}` };
}
