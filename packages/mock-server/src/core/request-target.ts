// Reading the request-target (RFC 9112 §3.2) into a path and a raw query, without ever throwing: a target that
// is too long, has characters that must be percent-encoded, or is not a URL is a 4xx, never a 500.

/** Longer request-targets get 414: no request of this API needs more. */
export const MAX_TARGET_LENGTH = 4096;

export type TargetResult =
  | { ok: true; path: string; query: string }
  | { ok: false; status: 400 | 414; code: string; message: string };

/** Only visible ASCII may appear in a request-target; anything else must be percent-encoded. */
const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

export function readRequestTarget(target: string): TargetResult {
  if (target.length > MAX_TARGET_LENGTH) {
    return {
      ok: false,
      status: 414,
      code: "UriTooLong",
      message: `The request target is ${target.length} characters long; the limit is ${MAX_TARGET_LENGTH}.`,
    };
  }
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
