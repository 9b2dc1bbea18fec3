// The queue of faults: the first queued fault that matches a request applies to it and counts one of its `times`;
// a fault whose times are used up leaves the queue. `times: Infinity` stays until cleared.
import type { CheckedFault } from "./faults.js";

export class FaultQueue {
  #faults: CheckedFault[] = [];

  add(fault: CheckedFault): void {
    this.#faults.push({ ...fault });
  }

  /** The fault for a request to `imodelId` (lower-case, or `undefined` without one), counted; or `undefined`. */
  take(imodelId: string | undefined): CheckedFault | undefined {
    const index = this.#faults.findIndex((fault) => fault.imodelId === undefined || fault.imodelId === imodelId);
    if (index === -1) return undefined;
    const fault = this.#faults[index]!;
    fault.times -= 1;
    if (fault.times <= 0) this.#faults.splice(index, 1);
    return fault;
  }

  clear(): void {
    this.#faults = [];
  }

  /** The queued faults with the times each has left, as copies. */
  list(): CheckedFault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  get size(): number {
    return this.#faults.length;
  }
}
