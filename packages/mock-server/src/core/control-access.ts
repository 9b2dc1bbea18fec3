// Who may use the control path. A page the developer visits while a local mock runs must not queue faults, clear
// them or read the request log (the class of Vite's CVE-2025-24010 and webpack-dev-server's CVE-2025-30359/30360):
// - the request's host (its Host header, or the host of an absolute-form target) must be a loopback name
//   (`localhost`, `*.localhost`), an IP literal, or the host the mock was configured with: a page that rebinds its
//   own DNS name to 127.0.0.1 reaches the mock as `Host: evil.example`, and is refused;
// - a request with an `Origin` (a browser page) must come from an origin in `controlOrigins` or from the mock's own
//   origin. Requests without one (curl, Node, any test runner, a service worker's page under MSW) are not from a
//   foreign page and are answered.
// A refused request gets 403 before anything happens. The control path never answers `Access-Control-Allow-Origin:
// *`: an allowed page gets its own origin back, so a browser shows any other page nothing.
import { headerValue, type MockRequest } from "./plan.js";

export interface ControlAccess {
  /** The host name the mock was configured with, lower-case (node:http's `host`, MSW's `baseUrl` host). */
  host: string;
  /** Origins (`scheme://host[:port]`) whose pages may use the control path. */
  origins: readonly string[];
}

export type AccessCheck =
  | { allowed: true; origin: string | undefined }
  | { allowed: false; code: string; message: string };

/** A Host value: a bracketed IPv6 literal or a name of host characters, and an optional port. */
const AUTHORITY = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(?::[0-9]*)?$/;

export function checkControlAccess(request: MockRequest, access: ControlAccess): AccessCheck {
  const authority = requestAuthority(request);
  const name = AUTHORITY.exec(authority)?.[1]?.toLowerCase();
  if (name === undefined || !isAllowedHost(name, access.host)) {
    return {
      allowed: false,
      code: "ControlHostNotAllowed",
      message:
        `The control path answers requests to localhost, an IP address or ${access.host}, not to ` +
        `${JSON.stringify(authority.slice(0, 100))}.`,
    };
  }
  const origin = headerValue(request, "origin");
  if (origin === undefined || access.origins.includes(origin) || origin === ownOrigin(request, authority)) {
    return { allowed: true, origin };
  }
  return {
    allowed: false,
    code: "ControlOriginNotAllowed",
    message:
      `The control path does not answer pages from ${JSON.stringify(origin.slice(0, 100))}: list a test page's ` +
      "origin in controlOrigins (CLI: --control-origin) to let it script the mock.",
  };
}

/** RFC 9112 §3.2.2: the host of an absolute-form target, else the Host header ("" without one). */
function requestAuthority(request: MockRequest): string {
  if (/^https?:\/\//i.test(request.target)) return new URL(request.target).host;
  return headerValue(request, "host") ?? "";
}

/** The origin the request was sent to: an absolute-form target's, else plain http on its Host (node:http). */
function ownOrigin(request: MockRequest, authority: string): string | undefined {
  try {
    return new URL(/^https?:\/\//i.test(request.target) ? request.target : `http://${authority}`).origin;
  } catch {
    return undefined; // a Host with a port out of range: no origin is its own
  }
}

function isAllowedHost(name: string, configured: string): boolean {
  return name === "localhost" || name.endsWith(".localhost") || isIpLiteral(name) || name === configured;
}

/** An IPv6 literal, or an IPv4 address in any form a browser reads as one (`127.0.0.1`, `127.1`): never a DNS name. */
function isIpLiteral(name: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(`http://${name}/`).hostname;
  } catch {
    return false;
  }
  return hostname.startsWith("[") || /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/.test(hostname);
}

/** The headers of a control answer: no `*`; an allowed page's own origin; `Vary: Origin` always. */
export function controlCorsHeaders(
  headers: Record<string, string>,
  origin: string | undefined,
): Record<string, string> {
  const { "Access-Control-Allow-Origin": _any, "Access-Control-Expose-Headers": _exposed, ...rest } = headers;
  return origin === undefined
    ? { ...rest, Vary: "Origin" }
    : { ...rest, "Access-Control-Allow-Origin": origin, Vary: "Origin" };
}
