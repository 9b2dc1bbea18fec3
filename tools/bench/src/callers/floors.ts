// The floors: reading the page with nothing around it. No client can be faster than `new Response(bytes).json()`
// (what every fetch-based client ends with), and nothing faster than `JSON.parse` of the text.
import type { PageBytes } from "../fixtures/page.js";
import type { Call } from "./target.js";

/** `new Response(bytes).json()`: the body reading every fetch client pays. */
export function responseJsonCall(body: PageBytes): Call {
  return async () => ((await new Response(body).json()) as { connections: unknown[] }).connections.length;
}

/** `JSON.parse` of the already decoded text: parsing alone. */
export function jsonParseCall(body: PageBytes): Call {
  const text = new TextDecoder().decode(body);
  return async () => (JSON.parse(text) as { connections: unknown[] }).connections.length;
}
