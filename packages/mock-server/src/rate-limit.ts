// A fixed-window rate limit: at most `limit` requests per `windowMs`; the window starts with its first request.

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

  /** Counts one request; refused ones get the whole seconds until the window ends (at least 1). */
  take(): RateDecision {
    const now = this.#now();
    if (now >= this.#windowStart + this.#windowMs) {
      this.#windowStart = now;
      this.#count = 0;
    }
    this.#count++;
    if (this.#count <= this.#limit) return { allowed: true };
    const remainingMs = this.#windowStart + this.#windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }
}
