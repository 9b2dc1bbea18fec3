// The access token: a string, or a function asked once per attempt so a refreshed token is always used.
// The token goes into the Authorization header of requests to the configured baseUrl and nowhere else: it is
// never put in an error, a log line or a URL, and a server that echoes it back has it redacted (./redact.ts).

/** A token, or a function that returns one (sync or async). Called before every attempt. */
export type AccessToken = string | (() => string | Promise<string>);

const BEARER_PREFIX = /^Bearer\s+/i;
/** RFC 6750's b64token: what a bearer token may hold. Anything else could break or forge the header. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Checks the `accessToken` option when the client is created, without ever echoing its value. */
export function validateAccessToken(accessToken: unknown): AccessToken | undefined {
  if (accessToken === undefined || typeof accessToken === "function") return accessToken as AccessToken | undefined;
  readToken(accessToken);
  return accessToken as string;
}

/**
 * Resolves the token for one attempt. A function that throws rejects the call with its own error, before any
 * request is sent. A value that is not a usable token is refused with a TypeError, without echoing the value.
 * A string token is returned synchronously (no promise), so the common case costs no extra turn of the loop.
 */
export function resolveAccessToken(accessToken: AccessToken | undefined): string | undefined | Promise<string> {
  if (accessToken === undefined) return undefined;
  if (typeof accessToken === "string") return readToken(accessToken);
  return Promise.resolve(accessToken()).then((token) => readToken(token));
}

/** The token without a `Bearer ` prefix (callers sometimes pass the whole header value), or a TypeError. */
function readToken(value: unknown): string {
  const token = typeof value === "string" ? value.replace(BEARER_PREFIX, "").trim() : "";
  if (token === "") throw new TypeError("accessToken must be a non-empty string, or a function that returns one");
  if (!B64TOKEN.test(token)) {
    // Not echoed. A line break or a space would break (or forge) the Authorization header.
    throw new TypeError("accessToken must be an RFC 6750 bearer token: letters, digits and -._~+/ only");
  }
  return token;
}

/** The Authorization header value for a token. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}
