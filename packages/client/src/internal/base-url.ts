// The base-URL rule: the one home for what an API's address may be, used by the client's `baseUrl`, the CLI's
// `--base-url`, the verifier's `--target` and the mock server's `linkBaseUrl`.
import { describeValue } from "./validate.js";

/**
 * Checks that `value` is an absolute http(s) URL with an optional path prefix and nothing else: no credentials
 * (a token goes in `accessToken`), no query and no fragment (not even an empty `?` or `#`). Returns it normalised
 * (lower-case scheme and host, no trailing slash). Throws a `TypeError` whose message starts with `name`; the
 * message never carries credentials, even of a value that is not a URL.
 *
 * @internal
 */
export function validateBaseUrl(value: unknown, name = "baseUrl"): string {
  let url: URL | undefined;
  try {
    url = new URL(value as string);
  } catch {}
  if (typeof value !== "string" || (url?.protocol !== "https:" && url?.protocol !== "http:")) {
    throw new TypeError(`${name} must be an absolute http(s) URL, got ${describeUrl(value)}`);
  }
  if (url.username || url.password) throw new TypeError(`${name} must not carry credentials; pass a token instead`);
  // `new URL("https://h/?")` has an empty `search` but keeps the `?` in `href`: a path would be appended after it.
  if (/[?#]/.test(url.href)) throw new TypeError(`${name} must not carry a query or a fragment`);
  return url.href.replace(/\/+$/, "");
}

/**
 * A value that is not an http(s) URL, for a message: everything up to its last `@` (where credentials would be)
 * cut out, quoted and escaped by describeValue, cut short.
 */
function describeUrl(value: unknown): string {
  return describeValue(
    typeof value === "string" ? value.replace(/^((?:[a-zA-Z][a-zA-Z0-9+.-]*:)?\/\/)?.*@/s, "$1[credentials]@") : value,
  );
}
