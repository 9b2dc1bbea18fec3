// The request log: the last `limit` requests (not control requests), oldest first, with credentials hidden.
// A ring buffer, so a load test costs a fixed amount of memory however many requests it sends.
import { REDACTED } from "@export-api/client/internal";
import type { FleetAnswer, FleetFaultClass } from "./fleet.js";
import type { WindowDecision } from "./rate-limit.js";

/** One request as the mock received it. */
export interface LoggedRequest {
  method: string;
  /** The path as sent, e.g. `/export/connections`. */
  path: string;
  /** Query parameters, decoded: one value as a string, a repeated parameter as an array. */
  query: Readonly<Record<string, string | readonly string[]>>;
  /** Headers by lower-case name; `authorization` keeps its scheme only (`Bearer [redacted]`). */
  headers: Readonly<Record<string, string>>;
  /** When it arrived, on the mock's clock (the `now` option), as an ISO 8601 string. */
  timestamp: string;
  /** What the rate limit decided, when the mock has one (`rateLimit`) and the request reached it. */
  rateLimit?: LoggedRateLimit;
  /** The fleet fault that answered it (`fleetFaults`), if one did. */
  fleetFault?: LoggedFleetFault;
}

/**
 * The rate limit's decision on one request: the window it fell in (1 for the first since the mock started), when
 * that window started and ends, the request's place in it, and whether it was let through. A refused request also
 * has the `Retry-After` it was sent (whole seconds): the client was told to wait until `timestamp` plus that.
 */
export interface LoggedRateLimit {
  /** Whether the request was let through (else it got 429). */
  allowed: boolean;
  /** The window it fell in: 1 for the first since the mock started, one sequence for every iModel. */
  window: number;
  /** ISO 8601, on the mock's clock. */
  windowStart: string;
  /** ISO 8601, on the mock's clock: the first request at or after it opens the next window. */
  windowEnd: string;
  /** The request's place in its window (1 for the first); past `limit`, it was refused. */
  count: number;
  /** Requests a window allows (`rateLimit.limit`). */
  limit: number;
  /** Only for a refused request: the `Retry-After` it was sent, in whole seconds. */
  retryAfter?: number;
}

/** A fleet fault's answer: the iModel's class, the status sent and, for a flaky one, the `Retry-After` sent. */
export interface LoggedFleetFault {
  /** How the iModel misbehaves. */
  class: FleetFaultClass;
  /** The status sent: 404 (gone), 403 (forbidden), 503 or 429 (flaky). */
  status: number;
  /** Only for a flaky iModel: the `Retry-After` sent, in whole seconds. */
  retryAfter?: number;
}

/** The rate decision as the log shows it (times as ISO 8601). */
export function loggedRateLimit(decision: WindowDecision): LoggedRateLimit {
  const { retryAfterSeconds, windowStart, windowEnd, ...rest } = decision;
  const logged: LoggedRateLimit = {
    ...rest,
    windowStart: new Date(windowStart).toISOString(),
    windowEnd: new Date(windowEnd).toISOString(),
  };
  if (retryAfterSeconds !== undefined) logged.retryAfter = retryAfterSeconds;
  return logged;
}

/** The fleet fault as the log shows it. */
export function loggedFleetFault(answer: FleetAnswer): LoggedFleetFault {
  return { ...answer };
}

/** Requests kept by default. */
export const REQUEST_LOG_LIMIT = 1000;

/**
 * Query parameters that carry a credential: RFC 6750 §2.3's `access_token`, and the names APIs give a token or a key.
 * Compared in lower case, after percent-decoding.
 */
const SECRET_PARAMETERS = new Set(["access_token", "token", "api_key"]);

/** Headers that carry credentials: their value is replaced (with `[redacted]`, the client's marker), keeping an auth scheme's name. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);

export class RequestLog {
  readonly #limit: number;
  readonly #entries: LoggedRequest[] = [];
  #next = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(entry: LoggedRequest): void {
    if (this.#limit === 0) return;
    Object.freeze(entry.query);
    Object.freeze(entry.headers);
    if (entry.rateLimit) Object.freeze(entry.rateLimit);
    if (entry.fleetFault) Object.freeze(entry.fleetFault);
    Object.freeze(entry);
    if (this.#entries.length < this.#limit) this.#entries.push(entry);
    else this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#limit;
  }

  /** The kept requests, oldest first, as a new frozen array. */
  list(): readonly LoggedRequest[] {
    const full = this.#entries.length === this.#limit;
    const ordered = full
      ? [...this.#entries.slice(this.#next), ...this.#entries.slice(0, this.#next)]
      : [...this.#entries];
    return Object.freeze(ordered);
  }

  clear(): void {
    this.#entries.length = 0;
    this.#next = 0;
  }
}

/** Headers as a log keeps them: lower-case names, one string each, credentials redacted. */
export function loggedHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const key = name.toLowerCase();
    const value = typeof raw === "string" ? raw : raw.join(", ");
    if (!SECRET_HEADERS.has(key)) out[key] = value;
    else out[key] = key === "cookie" ? REDACTED : redactCredentials(value);
  }
  return out;
}

/** `Bearer abc` -> `Bearer [redacted]`: the scheme stays, so a test sees which one was sent; the rest goes. */
export function redactCredentials(value: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+\S/.exec(value.trim());
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/** The query as a log keeps it: the value of every credential parameter is `[redacted]`, repeated ones each. */
export function loggedQuery(query: Record<string, string | string[]>): Record<string, string | string[]> {
  for (const [name, value] of Object.entries(query)) {
    if (isSecretParameter(name)) query[name] = typeof value === "string" ? REDACTED : value.map(() => REDACTED);
  }
  return query;
}

/**
 * A request-target the mock could not read, as a log keeps it: credentials before a host (`//user:password@`) and
 * the value of every credential parameter of its query are `[redacted]`; the rest stays as sent.
 */
export function loggedTarget(target: string): string {
  const withoutUser = target.replace(
    /^([A-Za-z][A-Za-z0-9+.-]*:)?\/\/[^/?#]*@/,
    (_, scheme = "") => `${scheme}//${REDACTED}@`,
  );
  const question = withoutUser.indexOf("?");
  if (question === -1) return withoutUser;
  const parts = withoutUser
    .slice(question + 1)
    .split("&")
    .map((part) => {
      const equals = part.indexOf("=");
      return equals !== -1 && isSecretParameter(part.slice(0, equals)) ? `${part.slice(0, equals)}=${REDACTED}` : part;
    });
  return `${withoutUser.slice(0, question + 1)}${parts.join("&")}`;
}

/** Whether a parameter name (decoded, or as sent: each `%XX` escape is read on its own) names a credential. */
function isSecretParameter(name: string): boolean {
  const decoded = name.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return SECRET_PARAMETERS.has(decoded.toLowerCase());
}
