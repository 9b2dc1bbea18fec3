// When to try a GET again and how long to wait first. GET is idempotent, so a failed attempt is safe to repeat.
import { ConnectionError, ExportApiError, parseRetryAfter } from "./errors.js";

export interface RetryPolicy {
  maxRetries: number;
  /** Delay before the first retry; doubles with each further retry, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest `Retry-After` we are willing to sleep for; beyond it the error is thrown instead. */
  maxRetryAfterMs: number;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

const RETRYABLE_STATUSES = new Set([408, 429]);
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** Decides whether the failed attempt number `attempt` (0-based) is tried again, and after how long. */
export function decideRetry(error: unknown, attempt: number, policy: RetryPolicy, random = Math.random): RetryDecision {
  if (attempt >= policy.maxRetries || !isRetryable(error)) return { retry: false };

  const status = (error as ExportApiError).status;
  if (status !== undefined && RETRY_AFTER_STATUSES.has(status)) {
    const retryAfterMs = parseRetryAfter((error as ExportApiError).headers["retry-after"]);
    if (retryAfterMs !== undefined) {
      // The server said when; past our cap we fail now rather than sleep for an hour.
      return retryAfterMs <= policy.maxRetryAfterMs ? { retry: true, delayMs: retryAfterMs } : { retry: false };
    }
  }
  return { retry: true, delayMs: backoffDelay(attempt, policy, random) };
}

/** Exponential backoff with jitter: base * 2^attempt, capped, then reduced by up to a quarter at random. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const exponential = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return Math.round(exponential * (1 - 0.25 * random()));
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ConnectionError) return true; // includes TimeoutError
  if (!(error instanceof ExportApiError) || error.status === undefined) return false;
  return RETRYABLE_STATUSES.has(error.status) || error.status >= 500;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
