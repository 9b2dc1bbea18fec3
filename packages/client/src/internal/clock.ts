// Time and chance, as one object the retry loop is given: the real ones in the client, controlled ones in tests,
// so no test waits for a real backoff.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A number from 0 (inclusive) to 1 (exclusive): the jitter of the backoff. */
  random(): number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep(ms, signal) {
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
  },
};
