// Bodies shaped like the real API's: pages with absolute links on its public host that carry `$skip`/`$top`
// only, and the documented error body.
import { IMODEL_ID, PUBLIC_HOST } from "./ids.js";
import { type Handler, sendJson } from "./loopback.js";

/** The documented error body. */
export function apiError(code: string, message: string, extra: { target?: string; details?: unknown[] } = {}) {
  return { error: { code, message, ...extra } };
}

/** A page as the real API shapes it: absolute links on its public host, paging parameters only. */
export function page(ids: string[], links: { next?: string; self?: string } = {}) {
  return {
    connections: ids.map((id) => ({
      id,
      displayName: `connection ${id}`,
      iModelId: IMODEL_ID,
      iTwinId: "1db84556-49ba-41fd-8500-3657784c7752",
      authenticationType: "User",
      _links: {
        iModel: { href: `${PUBLIC_HOST}/imodels/${IMODEL_ID}` },
        iTwin: { href: `${PUBLIC_HOST}/itwins/1db84556-49ba-41fd-8500-3657784c7752` },
        lastRun: { href: `${PUBLIC_HOST}/export/connections/${id}/runs/1` },
      },
    })),
    _links: {
      self: { href: links.self ?? `${PUBLIC_HOST}/export/connections?$skip=0&$top=100` },
      ...(links.next ? { next: { href: links.next } } : {}),
    },
  };
}

export interface PagedOptions {
  /** Page size when the request has no `$top`. Default 100. */
  defaultTop?: number;
  /** The `$top` the server puts in its next link; default the request's own. */
  linkTop?: (requestedTop: number) => number;
}

/**
 * A stateful paging server of `total` connections (`c-0`, `c-1`, ...) honouring `$top`/`$skip`. Its links are
 * absolute URLs on the public host carrying `$skip`/`$top` but not `imodelId`, like the real API's; a request
 * without `imodelId` gets 422.
 */
export function paged(total: number, { defaultTop = 100, linkTop = (top) => top }: PagedOptions = {}): Handler {
  return (request, response) => {
    if (!request.url.searchParams.get("imodelId")) {
      return sendJson(
        response,
        422,
        apiError("InvalidConnectionsRequest", "imodelId is required.", { target: "imodelId" }),
      );
    }
    const top = Number(request.url.searchParams.get("$top") ?? defaultTop);
    const skip = Number(request.url.searchParams.get("$skip") ?? 0);
    const ids = Array.from({ length: Math.max(0, Math.min(top, total - skip)) }, (_, i) => `c-${skip + i}`);
    const link = (s: number, t: number) => `${PUBLIC_HOST}/export/connections?$skip=${s}&$top=${t}`;
    const nextSkip = skip + top;
    sendJson(
      response,
      200,
      page(ids, { self: link(skip, top), ...(nextSkip < total ? { next: link(nextSkip, linkTop(top)) } : {}) }),
    );
  };
}

/** Collects what an async iterable yields. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
