// The access token: a string, or a function asked once per attempt so a refreshed token is always used.
// The token goes into the Authorization header of requests to the configured baseUrl and nowhere else: it is
// never put in an error, a log line or a URL, and a server that echoes it back has it redacted (../redact.ts).
import type { AccessToken } from "../client.js";

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
