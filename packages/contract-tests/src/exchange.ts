// One request sent through a Prism proxy and what came back, read once so checks can look at it in any order.
import { ACCEPT } from "@export-api/client";
import { fetchWaitingOutRateLimits, type RateLimitPolicy } from "./rate-limit.js";

export interface Exchange {
  /** Path and query of the request, decoded for reading, e.g. `/export/connections?imodelId=...&$top=10`. */
  request: string;
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or its raw text when it is not JSON (`undefined` when empty). */
  body: unknown;
  /**
   * Prism's 500 in place of the target's response, when the `--errors` proxy refused it; this exchange is then the
   * same request read again through the forwarding proxy: what the target sent.
   */
  refused?: Exchange;
}

/** Records a response without consuming it: the caller still reads `response`. */
export async function record(request: Request, response: Response): Promise<Exchange> {
  const text = await response.clone().text();
  return {
    request: describeRequest(request.url),
    status: response.status,
    headers: response.headers,
    body: parse(text),
  };
}

/**
 * `GET /export/connections` with exactly these query parameters (valid or not) to `baseUrl`, with the
 * recommended Accept header and, when given, the bearer token.
 */
export function listRequest(baseUrl: string, query: Record<string, string>, token: string | undefined): Request {
  const url = new URL(`${baseUrl}/export/connections`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  return new Request(url, { headers, signal: AbortSignal.timeout(60_000) });
}

/** Sends a `listRequest`; a rate limit is waited out (./rate-limit.ts). */
export async function send(
  baseUrl: string,
  query: Record<string, string>,
  token: string | undefined,
  policy: RateLimitPolicy,
): Promise<Exchange> {
  const request = listRequest(baseUrl, query, token);
  return record(request, await fetchWaitingOutRateLimits(request, policy));
}

function describeRequest(url: string): string {
  const { pathname, search } = new URL(url);
  return decodeURIComponent(`${pathname}${search}`);
}

function parse(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
