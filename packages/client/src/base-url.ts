// The base-URL rule: the one home for what an API's address may be, used by the client's `baseUrl`, the CLI's
// `--base-url`, the verifier's `--target` and the mock server's `linkBaseUrl`.

/**
 * Checks that `value` is an absolute http(s) URL with an optional path prefix and nothing else: no credentials
 * (a token goes in `accessToken`), no query and no fragment. Returns it normalised (lower-case scheme and host,
 * no trailing slash). Throws a `TypeError` whose message starts with `name`, and never echoes credentials.
 */
export function validateBaseUrl(value: unknown, name = "baseUrl"): string {
  if (typeof value !== "string") {
    throw new TypeError(`${name} must be an absolute http(s) URL string, got ${typeof value}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`${name} must be an absolute http(s) URL, got protocol ${JSON.stringify(url.protocol)}`);
  }
  if (url.username || url.password) {
    // Not echoed: the URL holds credentials.
    throw new TypeError(`${name} must not carry credentials; pass a token instead`);
  }
  if (url.search || url.hash) {
    throw new TypeError(`${name} must not carry a query or a fragment`);
  }
  return url.href.replace(/\/+$/, "");
}
