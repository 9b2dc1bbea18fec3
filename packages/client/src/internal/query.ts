// One page's request, as the client's own parts pass it around, and how log lines and errors name it.

/** What one request asks for: the caller's `imodelId`, and the page (`$top`, `$skip`) when given. */
export interface PageQuery {
  imodelId: string;
  top?: number | undefined;
  skip?: number | undefined;
}

/**
 * `GET <baseUrl>/export/connections?imodelId=...&$top=...&$skip=...` for log lines and errors: the query as sent
 * (percent-encoded, so no character of a value can break a log line), with `$` shown as `$`.
 */
export function describeRequest(baseUrl: string, query: PageQuery): string {
  const search = new URLSearchParams({ imodelId: query.imodelId });
  if (query.top !== undefined) search.set("$top", String(query.top));
  if (query.skip !== undefined) search.set("$skip", String(query.skip));
  return `GET ${baseUrl}/export/connections?${search.toString().replace(/%24/g, "$")}`;
}
