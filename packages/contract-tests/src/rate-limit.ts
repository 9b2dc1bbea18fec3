// A rate-limited target is waited out, not failed: a 429 with a Retry-After (read by the client's rule) up to
// `maxRetryAfterMs` is slept through and the request sent again, up to MAX_WAITS times, so a team verifying a
// shared staging server does not get a false failure. A longer wait, or a 429 that persists, is reported as is.
import { parseRetryAfter } from "@export-api/client/internal";

/** How often one request may be rate-limited before the 429 counts as the answer. */
const MAX_WAITS = 5;
/** The wait when a 429 says nothing of when to come back: 1 s, then 2 s, ... */
const DEFAULT_WAIT_MS = 1_000;

export interface RateLimitPolicy {
  maxRetryAfterMs: number;
  /** Sleeps; a parameter so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export async function fetchWaitingOutRateLimits(request: Request, policy: RateLimitPolicy): Promise<Response> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let waits = 0; ; waits++) {
    const response = await fetch(request.clone());
    if (response.status !== 429 || waits >= MAX_WAITS) return response;
    const waitMs = parseRetryAfter(response.headers.get("retry-after")) ?? DEFAULT_WAIT_MS * (waits + 1);
    if (waitMs > policy.maxRetryAfterMs) return response;
    await response.body?.cancel();
    await sleep(waitMs);
  }
}
