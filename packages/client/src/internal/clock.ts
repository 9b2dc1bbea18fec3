// Chance and waiting, as one object the retry loop is given: the real ones in the client, controlled ones in
// tests, so no test waits for a real backoff.
import { untilAborted } from "./deadline.js";

export interface Clock {
  /** Now, in ms since the epoch: when a rate budget's pause ends. */
  now(): number;
  /** A number from 0 (inclusive) to 1 (exclusive): the jitter of the backoff. */
  random(): number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (its timer then cleared). */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep(ms, signal) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slept = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    return (signal ? untilAborted(slept, signal) : slept).finally(() => clearTimeout(timer));
  },
};
