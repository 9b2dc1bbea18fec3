// The retry loop: attempts until one succeeds, the error is not retryable, or the retries are spent. What to
// do after a failure is ./retry.ts's pure decision; the waiting is the clock's.
import type { Logger } from "../client.js";
import { ExportApiError } from "../errors.js";
import type { PageResult } from "./attempt.js";
import type { Clock } from "./clock.js";
import { describeRequest, type PageQuery } from "./query.js";
import { decideRetry, type RetryPolicy } from "./retry.js";

export interface RetryContext {
  baseUrl: string;
  policy: RetryPolicy;
  clock: Clock;
  logger: Logger | undefined;
}

/** One attempt at one page; throws an ExportApiError for every failure of the request itself. */
export type Attempt = (query: PageQuery, signal: AbortSignal | undefined) => Promise<PageResult>;

export async function withRetries(
  context: RetryContext,
  attempt: Attempt,
  query: PageQuery,
  signal: AbortSignal | undefined,
): Promise<PageResult> {
  const { policy, clock, logger } = context;
  for (let attemptNumber = 0; ; attemptNumber++) {
    signal?.throwIfAborted();
    try {
      return await attempt(query, signal);
    } catch (error) {
      // Only our own errors are retryable; a token function's error or an abort reason is rethrown as is.
      if (!(error instanceof ExportApiError)) throw error;
      const decision = decideRetry(error, attemptNumber, policy, clock.random);
      if (!decision.retry) {
        logger?.debug(
          `${describeRequest(context.baseUrl, query)} failed (${error.message}); giving up after attempt ${attemptNumber + 1}`,
        );
        throw error;
      }
      logger?.warn(
        `${describeRequest(context.baseUrl, query)} failed (${error.message}); retry ${attemptNumber + 1} of ${policy.maxRetries} in ${decision.delayMs} ms`,
      );
      await clock.sleep(decision.delayMs, signal);
    }
  }
}
