// Time limits and aborts. Each attempt gets its own deadline (`timeoutMs`); the caller's signal ends the whole
// call at once, with the signal's reason. Both also hold when a custom `fetch` ignores the signal it is given.

/** The signals of one attempt: `signal` aborts when the caller aborts or when `timeoutMs` pass. */
export interface AttemptSignals {
  /** What the attempt's request listens to. */
  signal: AbortSignal;
  /** Aborted when (and only when) the attempt ran out of time. */
  timeout: AbortSignal;
}

export function attemptSignals(timeoutMs: number, caller: AbortSignal | undefined): AttemptSignals {
  const timeout = AbortSignal.timeout(timeoutMs);
  return { signal: caller ? AbortSignal.any([caller, timeout]) : timeout, timeout };
}

/**
 * Settles like `work`, or rejects with the signal's reason as soon as `signal` aborts, whichever comes first.
 * A late rejection of `work` is then swallowed, so it never surfaces as an unhandled rejection.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      work.catch(() => {});
      return onAbort();
    }
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
