// Listing the connections of many iModels: a bounded number at a time, one result per iModel (its connections, or
// its error: one failing iModel never stops the others), under the client's one rate budget. A function beside the
// client rather than a method, so an app that never calls it bundles none of it.
import type { ExportConnection } from "@export-api/types";
import type { ExportClient } from "./client.js";
import { describeValue, validateImodelId, validateInteger, validateSignal } from "./internal/validate.js";

export interface InventoryOptions {
  /** iModels listed at the same time, 1 to 64. Default 4. */
  concurrency?: number | undefined;
  /** Page size (`$top`) of each listing, `TOP_MIN` to `TOP_MAX`. Default: the server's. */
  pageSize?: number | undefined;
  /** Stops the inventory: listings under way are aborted and the iteration rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** One iModel's outcome: every connection (each `id` once), or the error that ended its listing. */
export type InventoryResult =
  | { imodelId: string; ok: true; connections: ExportConnection[]; pages: number }
  | { imodelId: string; ok: false; error: unknown };

/**
 * Lists every connection of every iModel of `imodelIds` (an array, any iterable, or an async iterable such as the
 * lines of a file, read as the listing goes: thousands of ids need not be in memory at once), at most `concurrency`
 * at a time. Yields one result per iModel as each finishes, in the order they finish; an id given twice (in any
 * case) is listed once. A listing that fails after its retries gives `{ ok: false, error }` (an id that is not
 * usable gives its TypeError) and the others go on. Every request goes through `client`, so its retries, time
 * limits, hooks and its one rate budget apply: a `Retry-After` one listing is told pauses them all. Breaking out of
 * the loop aborts the listings under way.
 */
export async function* inventory(
  client: ExportClient,
  imodelIds: Iterable<string> | AsyncIterable<string>,
  options: InventoryOptions = {},
): AsyncGenerator<InventoryResult, void, undefined> {
  if (typeof client?.iterateExportConnections !== "function") {
    throw new TypeError(`client must be made by createExportClient, got ${describeValue(client)}`);
  }
  const ids = imodelIds as unknown as {
    [key: symbol]: (() => AsyncIterator<string> | Iterator<string>) | undefined;
  } | null;
  const iterator = (ids?.[Symbol.asyncIterator] ?? ids?.[Symbol.iterator])?.call(ids) as
    | AsyncIterator<string>
    | Iterator<string>
    | undefined;
  if (!iterator) throw new TypeError(`imodelIds must be an iterable of iModel ids, got ${describeValue(imodelIds)}`);
  const concurrency = validateInteger(options?.concurrency, "concurrency", 1, 64, 4);
  const { pageSize } = options ?? {};
  const signal = validateSignal(options?.signal);
  // Aborts the listings under way when the caller aborts, breaks out or the iteration fails.
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });

  const list = async (imodelId: string): Promise<InventoryResult> => {
    try {
      const connections: ExportConnection[] = [];
      const seen = new Set<string>();
      let pages = 0;
      const iterable = client.iterateExportConnections(
        { imodelId: validateImodelId(imodelId), pageSize },
        { signal: stop.signal },
      );
      for await (const page of iterable.pages()) {
        pages++;
        for (const connection of page.connections) {
          // Offset paging may repeat a connection when the list changes meanwhile: each id once.
          if (!seen.has(connection.id)) connections.push(connection);
          seen.add(connection.id);
        }
      }
      return { imodelId, ok: true, connections, pages };
    } catch (error) {
      return { imodelId, ok: false, error };
    }
  };

  // Listings report here as they finish; the loop below yields them in that order. A finished result waiting to be
  // read keeps its slot, so at most `concurrency` results are ever held.
  const finished: InventoryResult[] = [];
  let running = 0;
  let wake: (() => void) | undefined;
  const start = (imodelId: string) => {
    running++;
    void list(imodelId).then((result) => {
      running--;
      finished.push(result);
      wake?.();
    });
  };
  const started = new Set<string>();
  let exhausted = false;
  try {
    signal?.throwIfAborted();
    for (;;) {
      while (!exhausted && running + finished.length < concurrency) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const imodelId = next.value;
        const key = typeof imodelId === "string" ? imodelId.toLowerCase() : imodelId;
        if (started.has(key)) continue;
        started.add(key);
        start(imodelId);
      }
      if (finished.length === 0) {
        if (running === 0) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      const result = finished.shift()!; // a listing woke this loop only after finishing
      signal?.throwIfAborted();
      yield result;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    stop.abort(new DOMException("the inventory was stopped", "AbortError"));
    await iterator.return?.();
  }
}
