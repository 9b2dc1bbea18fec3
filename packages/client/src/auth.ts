// The access token: a string, or a function asked once per attempt so a refreshed token is always used.
// The token goes into the Authorization header of requests to the configured baseUrl and nowhere else: it is
// never put in an error, a log line or a URL, and a server that echoes it back has it redacted from errors.

/** A token, or a function that returns one (sync or async). Called before every attempt. */
export type AccessToken = string | (() => string | Promise<string>);

const BEARER_PREFIX = /^Bearer\s+/i;

/** Checks the `accessToken` option when the client is created, without ever echoing its value. */
export function validateAccessToken(accessToken: unknown): AccessToken | undefined {
  if (accessToken === undefined || typeof accessToken === "function") return accessToken as AccessToken | undefined;
  if (typeof accessToken !== "string") {
    throw new TypeError(`accessToken must be a string or a function that returns one, got ${typeof accessToken}`);
  }
  if (accessToken.replace(BEARER_PREFIX, "").trim() === "") {
    throw new TypeError("accessToken must not be empty");
  }
  return accessToken;
}

/**
 * Resolves the token for one attempt. A function that throws rejects the call with its own error, before any
 * request is sent. A value that is not a non-empty string is refused, without echoing the value.
 */
export async function resolveAccessToken(accessToken: AccessToken | undefined): Promise<string | undefined> {
  if (accessToken === undefined) return undefined;
  const token = typeof accessToken === "function" ? await accessToken() : accessToken;
  if (typeof token !== "string" || token.replace(BEARER_PREFIX, "").trim() === "") {
    throw new TypeError("accessToken must be a non-empty string, or a function that returns one");
  }
  // Callers sometimes pass the whole header value; accept it rather than send "Bearer Bearer ...".
  return token.replace(BEARER_PREFIX, "").trim();
}

/** The Authorization header value for a token. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** Tokens shorter than this are not searched for in server text: they would mangle ordinary words. */
const MIN_REDACTED_LENGTH = 8;
export const REDACTED = "[redacted]";

/**
 * A function that replaces every occurrence of `token` in a string by `[redacted]`, for text that came from the
 * server (an error body, a header) and so may echo what we sent. The identity when there is no token.
 */
export function redactor(token: string | undefined): (text: string) => string {
  if (token === undefined || token.length < MIN_REDACTED_LENGTH) return (text) => text;
  return (text) => text.split(token).join(REDACTED);
}
