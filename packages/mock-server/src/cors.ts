// CORS, so a browser page on any origin can call the mock: the token travels in Authorization (no cookies),
// so `*` is safe. Preflights are answered for GET with Authorization and Accept; Retry-After is readable.
import type { ServerResponse } from "node:http";

export const ALLOWED_METHODS = "GET, OPTIONS";
export const ALLOWED_HEADERS = "Authorization, Accept";

/** Headers every response carries. */
export function setCorsHeaders(response: ServerResponse): void {
  response.setHeader("Access-Control-Allow-Origin", "*");
  response.setHeader("Access-Control-Expose-Headers", "Retry-After");
}

/** Answers a preflight (`OPTIONS`): 204 with what a cross-origin GET may send. */
export function answerPreflight(response: ServerResponse): void {
  response.writeHead(204, {
    "Access-Control-Allow-Methods": ALLOWED_METHODS,
    "Access-Control-Allow-Headers": ALLOWED_HEADERS,
    "Access-Control-Max-Age": "600",
    Allow: ALLOWED_METHODS,
    "Content-Length": "0",
  });
  response.end();
}
