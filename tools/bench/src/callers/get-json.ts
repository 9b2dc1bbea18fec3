// The request a hand-written caller makes: GET the URL with the API's headers and read the body as JSON. With a
// time limit it is bounded the way a careful caller bounds it (our client's per-attempt `timeoutMs` promise): an
// AbortController whose signal goes to fetch, and a timer cleared once the body is read, so nothing lingers.
import { HEADERS } from "../fixtures/page.js";
import type { Fetch } from "../fixtures/stub-fetch.js";

/** The time limit a caller with one sets: our client's default `timeoutMs`. */
export const TIME_LIMIT_MS = 60_000;

export async function getJson(fetch: Fetch, url: string, timeLimitMs?: number): Promise<unknown> {
  if (timeLimitMs === undefined) return readJson(await fetch(url, { headers: HEADERS }), url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeLimitMs);
  try {
    return await readJson(await fetch(url, { headers: HEADERS, signal: controller.signal }), url);
  } finally {
    clearTimeout(timer);
  }
}

function readJson(response: Response, url: string): Promise<unknown> {
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}
