// What an inventory counts as it goes, for its progress bar and its summary: iModels done and failed, connections,
// and from the client's hooks (read-only events, never a header or a token) its retries and rate-limit waits.
import type { Writable } from "node:stream";
import { createHooks, type Hooks } from "@export-api/client";

export interface Failure {
  imodelId: string;
  error: unknown;
}

export class Tally {
  readonly started = Date.now();
  /** iModels of the job, and those done by an earlier run (from the checkpoint). */
  total = 0;
  doneBefore = 0;
  /** Ids given more than once, listed once. */
  duplicates = 0;
  connectionsBefore = 0;
  /** This run's. */
  done = 0;
  connections = 0;
  readonly failures: Failure[] = [];
  retries = 0;
  /** Waits for the rate limit: a retry after a 429 (or a Retry-After), or a request held by the client's budget. */
  rateLimitWaits = 0;

  readonly hooks: Hooks = createHooks({
    onRetry: (event) => {
      this.retries++;
      if (event.status === 429 || (event.retryAfterMs ?? 0) > 0) this.rateLimitWaits++;
    },
    onRequest: (event) => {
      if (event.waitedMs > 0) this.rateLimitWaits++;
    },
  });

  get ok(): number {
    return this.doneBefore + this.done;
  }

  get allConnections(): number {
    return this.connectionsBefore + this.connections;
  }
}

/** The progress bar: one line on stderr, rewritten at most every 100 ms, only when stderr is a terminal. */
export interface InventoryProgress {
  update(): void;
  end(): void;
}

const WIDTH = 24;

export function createInventoryProgress(tally: Tally, stderr: Writable, isTTY: boolean): InventoryProgress {
  if (!isTTY) return { update() {}, end() {} };
  let shown = 0;
  let drawn = false;
  const draw = () => {
    const finished = tally.ok + tally.failures.length;
    const filled = tally.total === 0 ? WIDTH : Math.floor((finished / tally.total) * WIDTH);
    const bar = `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}]`;
    stderr.write(
      `\r\x1b[K${bar} ${finished}/${tally.total} iModels, ${tally.allConnections} connections, ${tally.failures.length} failed, ${tally.retries} retries, ${tally.rateLimitWaits} rate-limit waits`,
    );
    drawn = true;
  };
  return {
    update() {
      if (Date.now() - shown < 100) return;
      shown = Date.now();
      draw();
    },
    end() {
      draw();
      if (drawn) stderr.write("\n");
    },
  };
}
