// Watching what a call leaves behind: rejections nobody handled, and timers still pending. Each watcher starts
// when created and reports (and stops) on `check()`.
import { expect, vi } from "vitest";

/** Collects unhandled rejections until `check()`, which expects none (after letting the loop turn once). */
export function watchUnhandledRejections() {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  return {
    async check(): Promise<void> {
      try {
        await new Promise((resolve) => setImmediate(resolve));
        expect(unhandled).toEqual([]);
      } finally {
        process.off("unhandledRejection", onUnhandled);
      }
    },
  };
}

/**
 * Tracks the timers started from code whose stack matches `from` (e.g. the client's own time limits, not undici's
 * timers for its connections) until `check()`, which expects at least one was started and none is still pending.
 */
export function watchTimers(from: RegExp) {
  const pending = new Set<unknown>();
  let started = 0;
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  // Arguments after `ms` are passed on: undici's own timers give their callback its state that way.
  const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout").mockImplementation(((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const handle = realSetTimeout(() => {
      pending.delete(handle);
      callback(...args);
    }, ms);
    if (from.test(new Error().stack ?? "")) {
      started++;
      pending.add(handle);
    }
    return handle;
  }) as typeof setTimeout);
  const clearTimeoutSpy = vi.spyOn(globalThis, "clearTimeout").mockImplementation(((handle: unknown) => {
    pending.delete(handle);
    realClearTimeout(handle as ReturnType<typeof setTimeout>);
  }) as typeof clearTimeout);
  return {
    check(): void {
      try {
        expect(started).toBeGreaterThan(0);
        expect(pending.size).toBe(0);
      } finally {
        setTimeoutSpy.mockRestore();
        clearTimeoutSpy.mockRestore();
      }
    },
  };
}

/** The client's own timers, in its source or its build: its time limits (deadline) and its waits (clock). */
export const CLIENT_TIMERS = /(\/src\/internal\/(deadline|clock)\.[jt]s|\/packages\/client\/dist\/)/;
