// Listing the connections of many iModels, `concurrency` at a time: ours (`inventory()`) against the loop a careful
// caller writes by hand today, `p-limit` over our own single-iModel call. Both do the same work per iModel (read
// every page with `iterateExportConnections(...).pages()`, keep each connection id once, catch the iModel's error),
// and both hand each iModel's result to `consume` as it finishes without keeping it, as a streaming caller would.
import {
  createExportClient,
  type ExportClient,
  type ExportClientOptions,
  type ExportConnection,
  type InventoryResult,
  inventory,
} from "@export-api/client";
import pLimit from "p-limit";
import { TOKEN } from "../fixtures/page.js";
import type { Fetch } from "../fixtures/stub-fetch.js";

export const OURS_INVENTORY = "ours: inventory()";
export const P_LIMIT = "p-limit loop, one client";
export const P_LIMIT_PER_WORKER = "p-limit loop, a client per worker";

/** What a run consumed: iModels, their connections, and the iModels that ended in an error. */
export interface Tally {
  imodels: number;
  connections: number;
  errors: number;
}

export type InventoryCall = () => Promise<Tally>;

/** Counts what a run consumes, and drops it. */
function consume(tally: Tally, result: InventoryResult): void {
  tally.imodels++;
  if (result.ok) tally.connections += result.connections.length;
  else tally.errors++;
}

/** The fetch the clients are given: the global one, counting requests and 429 answers on the way. */
export class CountingFetch {
  requests = 0;
  tooManyRequests = 0;
  readonly fetch: Fetch = async (input, init) => {
    this.requests++;
    const response = await globalThis.fetch(input, init);
    if (response.status === 429) this.tooManyRequests++;
    return response;
  };

  reset(): void {
    this.requests = 0;
    this.tooManyRequests = 0;
  }
}

export interface InventorySetup {
  baseUrl: string;
  ids: readonly string[];
  concurrency: number;
  /** Client options beyond the base URL and token: retries, a counting fetch. */
  client?: Omit<ExportClientOptions, "baseUrl" | "accessToken">;
}

function client(setup: InventorySetup): ExportClient {
  return createExportClient({ ...setup.client, baseUrl: setup.baseUrl, accessToken: TOKEN });
}

/** Ours: `inventory(client, ids, { concurrency })`, each result consumed as it is yielded. */
export function oursInventory(setup: InventorySetup): InventoryCall {
  const ours = client(setup);
  return async () => {
    const tally: Tally = { imodels: 0, connections: 0, errors: 0 };
    for await (const result of inventory(ours, setup.ids, { concurrency: setup.concurrency })) consume(tally, result);
    return tally;
  };
}

/** One iModel by hand: every page of our single-iModel call, each connection id once, its error caught. */
async function listOne(client: ExportClient, imodelId: string): Promise<InventoryResult> {
  try {
    const connections: ExportConnection[] = [];
    const seen = new Set<string>();
    let pages = 0;
    for await (const page of client.iterateExportConnections({ imodelId }).pages()) {
      pages++;
      for (const connection of page.connections) {
        if (!seen.has(connection.id)) connections.push(connection);
        seen.add(connection.id);
      }
    }
    return { imodelId, ok: true, connections, pages };
  } catch (error) {
    return { imodelId, ok: false, error };
  }
}

/**
 * The hand-written loop: `p-limit(concurrency)` over `listOne` for every id, each result consumed when its task
 * ends. With `perWorker`, each of the `concurrency` workers has its own client, so each backs off on its own when
 * told to wait (the loop teams write around a per-request 429 handler); otherwise all share one client, and with it
 * the client's one rate budget.
 */
export function pLimitInventory(setup: InventorySetup, perWorker = false): InventoryCall {
  const idle = Array.from({ length: perWorker ? setup.concurrency : 1 }, () => client(setup));
  return async () => {
    const tally: Tally = { imodels: 0, connections: 0, errors: 0 };
    const limit = pLimit(setup.concurrency);
    await Promise.all(
      setup.ids.map((imodelId) =>
        limit(async () => {
          // A free worker's client; with one shared client it never leaves the pool.
          const worker = perWorker ? idle.pop()! : idle[0]!;
          try {
            consume(tally, await listOne(worker, imodelId));
          } finally {
            if (perWorker) idle.push(worker);
          }
        }),
      ),
    );
    return tally;
  };
}

/** The contenders, in the order they run in a round: ours, the p-limit loop over one client, and over a client
 * per worker (the rate-limited runs only). Each builds its call, with its own clients, from a setup. */
export const INVENTORY_CALLERS: readonly { name: string; make: (setup: InventorySetup) => InventoryCall }[] = [
  { name: OURS_INVENTORY, make: (setup) => oursInventory(setup) },
  { name: P_LIMIT, make: (setup) => pLimitInventory(setup) },
  { name: P_LIMIT_PER_WORKER, make: (setup) => pLimitInventory(setup, true) },
];
