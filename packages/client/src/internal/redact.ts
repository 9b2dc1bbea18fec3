// Redaction: the one rule, for the client and for every package that prints what a server said (the CLI, the
// verifier). A server may echo the access token it was sent, in an error body, a header or a link; every string
// that came from a server passes through here before it reaches an error, a log line or a report.

/**
 * What a redacted token is replaced by, everywhere in this SDK.
 * @internal
 */
export const REDACTED = "[redacted]";

/**
 * Tokens shorter than this are not searched for: they would mangle ordinary words, and no real token is so short.
 * @internal
 */
export const MIN_REDACTED_LENGTH = 8;

/**
 * `text` with every occurrence of `token` replaced by {@link REDACTED}: as sent, percent-encoded (a token echoed
 * in a URL) and with `/` escaped as `\/` (a token echoed by a JSON encoder that escapes slashes). Returns `text`
 * unchanged when there is no token, or when the token is shorter than {@link MIN_REDACTED_LENGTH} characters.
 *
 * @internal
 */
export function redactToken(text: string, token: string | undefined): string {
  if (token === undefined || token.length < MIN_REDACTED_LENGTH) return text;
  let redacted = text.split(token).join(REDACTED);
  for (const form of [encodeURIComponent(token), token.replaceAll("/", "\\/")]) {
    if (form !== token) redacted = redacted.split(form).join(REDACTED);
  }
  return redacted;
}
