// The id a server gave a request, which support tickets quote: read the same way for an error and for a
// successful call's `withResponse()`.

/** Response headers that carry the id the server gave a request, first match wins. */
const REQUEST_ID_HEADERS = ["x-correlation-id", "x-request-id", "request-id"] as const;

/** The request id in these headers (`x-correlation-id`, `x-request-id` or `request-id`), if any. */
export function requestIdOf(headers: Headers | Record<string, string>): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    if (value !== null && value !== undefined) return value;
  }
  return undefined;
}
