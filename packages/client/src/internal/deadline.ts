// Each attempt's time limit and the caller's abort, as one AbortController per attempt: its signal goes to the
// request, and `race` bounds any promise by it (so the limit also holds for a custom `fetch` or a token function
// that ignores signals). A plain timer, cleared when the attempt settles: nothing lingers after a call.

export class Deadline {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.#controller.abort(this.#caller?.reason);
  #timedOut = false;

  constructor(timeoutMs: number, caller: AbortSignal | undefined) {
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort(new DOMException("timed out", "TimeoutError"));
    }, timeoutMs);
    this.#caller = caller;
    if (caller?.aborted) this.#onCallerAbort();
    else caller?.addEventListener("abort", this.#onCallerAbort, { once: true });
  }

  /** Aborted when the time limit passes or the caller aborts. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True once the attempt ran out of time (and only then). */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /**
   * Settles like `work`, or rejects with the abort reason as soon as the attempt is aborted, whichever comes
   * first. A late rejection of `work` is then swallowed, so it never surfaces as an unhandled rejection.
   */
  race<T>(work: Promise<T>): Promise<T> {
    return untilAborted(work, this.#controller.signal);
  }

  /** Ends the attempt's time limit and stops listening to the caller: call it when the attempt settles. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener("abort", this.#onCallerAbort);
  }
}

/**
 * Settles like `work`, or rejects with the signal's reason as soon as it aborts, whichever comes first. A late
 * rejection of `work` is then swallowed, so it never surfaces as an unhandled rejection.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
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
