// One rate budget per client: a 429 or 503 whose Retry-After the client is willing to wait pauses every request of
// that client until then, not only the one that got it, so eight concurrent listings back off together instead of
// each hitting the limit once more. Requests already sent are not repeated; they finish as they would.
import type { Clock } from "./clock.js";

export class RateBudget {
  /** Until when (Date.now() ms) no request of this client is sent. */
  #pausedUntil = 0;

  /** A server asked for `ms` of quiet, at `now`. */
  pause(ms: number, now: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, now + ms);
  }

  /** Waits out the pause, if any (rejects with the signal's reason on abort); resolves with the ms waited. */
  async wait(clock: Clock, signal: AbortSignal | undefined): Promise<number> {
    let waited = 0;
    // Again after each sleep: another request may have been told to wait longer meanwhile.
    for (let ms = this.#pausedUntil - clock.now(); ms > 0; ms = this.#pausedUntil - clock.now()) {
      await clock.sleep(ms, signal);
      waited += ms;
    }
    return waited;
  }
}
