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

/**
 * What the window decided for one request, as the request log shows it: which window the request fell in (1 for
 * the first, counted since the mock started), when that window started and ends (ms on the mock's clock), the
 * request's place in it, and for a refused request the `Retry-After` it was sent.
 */
export interface WindowDecision {
  allowed: boolean;
  window: number;
  windowStart: number;
  windowEnd: number;
  count: number;
  limit: number;
  /** Only for a refused request: the `Retry-After` sent, in whole seconds. */
  retryAfterSeconds?: number;
}

export class FixedWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #windowStart = Number.NEGATIVE_INFINITY;
  #count = 0;
  #window = 0;

  constructor({ limit, windowMs }: RateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Counts one request; refused ones get the whole seconds until the window ends (0 for sub-second windows). */
  take(): RateDecision {
    const { allowed, retryAfterSeconds } = this.decide();
    return allowed ? { allowed } : { allowed, retryAfterSeconds: retryAfterSeconds! };
  }

  /** Counts one request, like `take()`, and tells the window it fell in. */
  decide(): WindowDecision {
    const now = this.#now();
    if (now >= this.#windowStart + this.#windowMs) {
      this.#windowStart = now;
      this.#count = 0;
      this.#window++;
    }
    this.#count++;
    const windowEnd = this.#windowStart + this.#windowMs;
    const decision = {
      window: this.#window,
      windowStart: this.#windowStart,
      windowEnd,
      count: this.#count,
      limit: this.#limit,
    };
    if (this.#count <= this.#limit) return { allowed: true, ...decision };
    const retryAfterSeconds = this.#windowMs < 1000 ? 0 : Math.max(1, Math.ceil((windowEnd - now) / 1000));
    return { allowed: false, ...decision, retryAfterSeconds };
  }
}
