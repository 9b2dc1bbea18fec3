// The request log: the last `limit` requests (not control requests), oldest first, with credentials hidden.
// A ring buffer, so a load test costs a fixed amount of memory however many requests it sends.
import { REDACTED } from "@export-api/client/internal";

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
}

/** Requests kept by default. */
export const REQUEST_LOG_LIMIT = 1000;

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
