// One page's request, as the client's own parts pass it around: its query, and the URL that goes on the wire
// (which log lines and errors quote as is, percent-encoded, so no character of a value can break a line).
import { createFinalURL, serializePrimitiveParam } from "openapi-fetch";

/** What one request asks for: the caller's `imodelId`, and the page (`$top`, `$skip`) when given. */
export interface PageQuery {
  imodelId: string;
  top?: number | undefined;
  skip?: number | undefined;
}

/**
 * `<baseUrl>/export/connections?imodelId=...&%24top=...&%24skip=...`, built by openapi-fetch: its URL assembly
 * and its encoding of each (primitive) query parameter, the spec's `form` style.
 */
export function requestUrl(baseUrl: string, query: PageQuery): string {
  const params = { imodelId: query.imodelId, $top: query.top, $skip: query.skip };
  return createFinalURL("/export/connections", {
    baseUrl,
    params: { query: params },
    querySerializer: (values: Record<string, unknown>) =>
      Object.entries(values)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => serializePrimitiveParam(name, String(value)))
        .join("&"),
    // The path has no parameters to fill in.
    pathSerializer: (pathname: string) => pathname,
  });
}

/** The request as messages name it: `GET <url>`. */
export function describeRequest(baseUrl: string, query: PageQuery): string {
  return `GET ${requestUrl(baseUrl, query)}`;
}
