// The base-URL rule: the one home for what an API's address may be, used by the client's `baseUrl`, the CLI's
// `--base-url`, the verifier's `--target` and the mock server's `linkBaseUrl`.

/**
 * Checks that `value` is an absolute http(s) URL with an optional path prefix and nothing else: no credentials
 * (a token goes in `accessToken`), no query and no fragment (not even an empty `?` or `#`). Returns it normalised
 * (lower-case scheme and host, no trailing slash). Throws a `TypeError` whose message starts with `name`; the
 * message never carries credentials, even of a value that is not a URL.
 */
export function validateBaseUrl(value: unknown, name = "baseUrl"): string {
  if (typeof value !== "string") {
    throw new TypeError(`${name} must be an absolute http(s) URL string, got ${typeof value}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute http(s) URL, got ${describeUrlText(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`${name} must be an absolute http(s) URL, got protocol ${JSON.stringify(url.protocol)}`);
  }
  if (url.username || url.password) {
    // Not echoed: the URL holds credentials.
    throw new TypeError(`${name} must not carry credentials; pass a token instead`);
  }
  // `new URL("https://h/?")` has an empty `search` but keeps the `?` in `href`: a path would be appended after it.
  if (url.search || url.hash || url.href.includes("?") || url.href.includes("#")) {
    throw new TypeError(`${name} must not carry a query or a fragment`);
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * Text that failed to parse as a URL, for a message: everything up to its last `@` (where credentials would be)
 * cut out, quoted (so control characters show escaped), and kept short.
 */
function describeUrlText(text: string): string {
  const withoutCredentials = text.replace(/^((?:[a-zA-Z][a-zA-Z0-9+.-]*:)?\/\/)?.*@/s, (_match, scheme?: string) => {
    return `${scheme ?? ""}[credentials]@`;
  });
  const short = withoutCredentials.length > 200 ? `${withoutCredentials.slice(0, 200)}...` : withoutCredentials;
  return JSON.stringify(short);
}
