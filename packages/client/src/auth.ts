// The access token: a string, or a function asked once per attempt so a refreshed token is always used.

/** A token, or a function that returns one (sync or async). Called before every attempt. */
export type AccessToken = string | (() => string | Promise<string>);

/**
 * Resolves the token for one attempt. A function that throws rejects the call with its own error, before any
 * request is sent. A value that is not a non-empty string is refused, without echoing the value.
 */
export async function resolveAccessToken(accessToken: AccessToken | undefined): Promise<string | undefined> {
  if (accessToken === undefined) return undefined;
  const token = typeof accessToken === "function" ? await accessToken() : accessToken;
  if (typeof token !== "string" || token.trim() === "") {
    throw new TypeError("accessToken must be a non-empty string, or a function that returns one");
  }
  // Callers sometimes pass the whole header value; accept it rather than send "Bearer Bearer ...".
  return token.replace(/^Bearer\s+/i, "");
}

/** The Authorization header value for a token. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}
