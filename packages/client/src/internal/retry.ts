// When to try a GET again and how long to wait first: a pure decision. GET is idempotent, so a failed attempt
// is safe to repeat. The loop that acts on it is ./fetch-page.ts.
import { ConnectionError, type ExportApiError } from "../errors.js";

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

/**
 * Decides whether the failed attempt number `attempt` (0-based) is tried again, and after how long. `random`
 * (0 inclusive to 1 exclusive) is the jitter's source, a parameter so that a test can fix it.
 */
export function decideRetry(
  error: ExportApiError,
  attempt: number,
  policy: RetryPolicy,
  random = Math.random,
): RetryDecision {
  if (attempt >= policy.maxRetries || !isRetryable(error)) return { retry: false };

  const { status = 0, retryAfterMs } = error;
  if (RETRY_AFTER_STATUSES.has(status) && retryAfterMs !== undefined) {
    // The server said when; past our cap we fail now rather than sleep for an hour.
    return retryAfterMs <= policy.maxRetryAfterMs ? { retry: true, delayMs: retryAfterMs } : { retry: false };
  }
  return { retry: true, delayMs: backoffDelay(attempt, policy, random) };
}

/** Exponential backoff with jitter: base * 2^attempt, capped, then reduced by up to a quarter at random. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const exponential = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return Math.round(exponential * (1 - 0.25 * random()));
}

function isRetryable(error: ExportApiError): boolean {
  if (error instanceof ConnectionError) return true; // includes TimeoutError
  const status = error.status ?? 0;
  return RETRYABLE_STATUSES.has(status) || status >= 500;
}
