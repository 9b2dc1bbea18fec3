// Reading the request-target (RFC 9112 §3.2) into a path and a raw query, without ever throwing: a target that
// has characters that must be percent-encoded, or is not a URL, is a 400, never a 500.
// There is no length limit of the mock's own: the spec documents none (a 414 is a status it does not list), so a
// long target gets what the spec documents for what it holds (a repeated parameter: 422). node:http's parser still
// refuses a request line and headers over 16 KiB (431), before the core sees the request (docs/reliability.md).

export type TargetResult =
  | { ok: true; path: string; query: string }
  | { ok: false; status: 400; code: string; message: string };

/** Only visible ASCII may appear in a request-target; anything else must be percent-encoded. */
const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

export function readRequestTarget(target: string): TargetResult {
  if (!VISIBLE_ASCII.test(target)) {
    return invalid("The request target has characters that must be percent-encoded.");
  }
  if (target.startsWith("/")) {
    // origin-form, the usual case: split as is, so the path is exactly what was sent.
    const end = target.indexOf("#");
    const withoutFragment = end === -1 ? target : target.slice(0, end);
    const question = withoutFragment.indexOf("?");
    if (question === -1) return { ok: true, path: withoutFragment, query: "" };
    return { ok: true, path: withoutFragment.slice(0, question), query: withoutFragment.slice(question + 1) };
  }
  if (/^https?:\/\//i.test(target)) {
    // absolute-form, which a server must accept (and which MSW hands over): the URL parser decides.
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return invalid("The request target is not a valid URL.");
    }
    return { ok: true, path: url.pathname, query: url.search.slice(1) };
  }
  return invalid("The request target must be a path or an absolute http(s) URL.");
}

function invalid(message: string): TargetResult {
  return { ok: false, status: 400, code: "InvalidRequest", message };
}
