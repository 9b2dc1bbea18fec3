// The retry loop: attempts until one succeeds, the error is not retryable, or the retries are spent. What to
// do after a failure is ./retry.ts's pure decision; the waiting is the clock's.
import { ExportApiError } from "../errors.js";
import type { ResolvedClientOptions } from "../options.js";
import type { PageResult } from "./page-result.js";
import type { CallProbe } from "./probe.js";
import { describeRequest, type PageQuery } from "./query.js";
import { decideRetry } from "./retry.js";

/** The part of the client's resolved options the retry loop reads. */
export type RetryOptions = Pick<ResolvedClientOptions, "baseUrl" | "retry" | "clock" | "logger" | "budget">;

/** One attempt at one page; throws an ExportApiError for every failure of the request itself. */
export type Attempt = (query: PageQuery, signal: AbortSignal | undefined) => Promise<PageResult>;

export async function withRetries(
  options: RetryOptions,
  attempt: Attempt,
  query: PageQuery,
  signal: AbortSignal | undefined,
  probe?: CallProbe,
): Promise<PageResult> {
  const { retry: policy, clock, logger, budget } = options;
  for (let attemptNumber = 0; ; attemptNumber++) {
    signal?.throwIfAborted();
    // The client's one rate budget: no request while a Retry-After it was told of runs.
    const waited = await budget.wait(clock, signal);
    probe?.request(attemptNumber + 1, query, waited);
    try {
      const result = await attempt(query, signal);
      probe?.response(result);
      return result;
    } catch (error) {
      // Only our own errors are retryable; a token function's error or an abort reason is rethrown as is.
      const decision = error instanceof ExportApiError && decideRetry(error, attemptNumber, policy, clock.random);
      probe?.response(undefined, error, decision ? decision.retry : false);
      if (!decision) throw error;
      const { status, retryAfterMs = 0 } = error as ExportApiError;
      if ((status === 429 || status === 503) && retryAfterMs <= policy.maxRetryAfterMs)
        budget.pause(retryAfterMs, clock.now());
      if (!decision.retry) {
        logger?.debug(
          `${describeRequest(options.baseUrl, query)} failed (${(error as Error).message}); giving up after attempt ${attemptNumber + 1}`,
        );
        throw error;
      }
      logger?.warn(
        `${describeRequest(options.baseUrl, query)} failed (${(error as Error).message}); retry ${attemptNumber + 1} of ${policy.maxRetries} in ${decision.delayMs} ms`,
      );
      probe?.retry(decision.delayMs);
      await clock.sleep(decision.delayMs, signal);
    }
  }
}
