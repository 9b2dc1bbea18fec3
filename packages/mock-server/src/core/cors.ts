// CORS, so a browser page on any origin can call the mock: the token travels in Authorization (no cookies),
// so `*` is safe. Preflights allow what the API and the control path need; Retry-After is readable.

export const API_METHODS = "GET, OPTIONS";
export const CONTROL_METHODS = "GET, POST, DELETE, OPTIONS";

/** Headers every response carries; `exposed` lists the response headers a page may read. */
export function corsHeaders(exposed: string): Record<string, string> {
  return { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": exposed };
}

/** The headers of a preflight's 204 answer. */
export function preflightHeaders(methods: string): Record<string, string> {
  return {
    "Access-Control-Allow-Methods": methods,
    // Prefer carries Prism's `code=NNN`; Content-Type lets a page POST a fault as JSON.
    "Access-Control-Allow-Headers": "Authorization, Accept, Prefer, Content-Type",
    "Access-Control-Max-Age": "600",
    Allow: methods,
  };
}
