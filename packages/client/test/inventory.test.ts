// inventory(): many iModels at a bounded concurrency, one result each, a failing iModel never stopping the others;
// and the client's one rate budget: a Retry-After one call is told pauses every call of that client.

import type { ServerResponse } from "node:http";
import { apiError, IMODEL_ID, it, page, type ReceivedRequest, sendJson } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { createExportClient, createHooks, type InventoryResult, inventory, NotFoundError } from "../src/index.js";

/** GUID-shaped ids `…-000000000001` and up. */
const imodel = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/**
 * A server of `count(iModel number)` connections per iModel in pages of 10, answering 404 for iModels in `missing`;
 * it tracks the most requests it had in flight at once (each held for `holdMs`).
 */
function fleet(count: (n: number) => number, { missing = new Set<number>(), holdMs = 5 } = {}) {
  let inFlight = 0;
  const stats = { maxInFlight: 0 };
  const handler = async (request: ReceivedRequest, response: ServerResponse) => {
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    inFlight--;
    const id = request.url.searchParams.get("imodelId")!;
    const n = Number(id.slice(-12));
    if (missing.has(n))
      return sendJson(response, 404, apiError("iModelNotFound", "Requested iModel is not available."));
    const skip = Number(request.url.searchParams.get("$skip") ?? 0);
    const total = count(n);
    const ids = Array.from({ length: Math.max(0, Math.min(10, total - skip)) }, (_, i) => `${n}-${skip + i}`);
    const next =
      skip + 10 < total ? { next: `https://api.example.test/export/connections?$skip=${skip + 10}&$top=10` } : {};
    sendJson(response, 200, page(ids, { self: "https://api.example.test/export/connections", ...next }));
  };
  return { handler, stats };
}

const collect = async (results: AsyncIterable<InventoryResult>) => {
  const all: InventoryResult[] = [];
  for await (const result of results) all.push(result);
  return all;
};

describe("inventory", () => {
  it("lists every iModel once, at most `concurrency` requests at a time; a 404 is one result, the rest go on", async ({
    serve,
  }) => {
    const { handler, stats } = fleet((n) => (n % 5) * 7, { missing: new Set([3]) });
    const server = await serve(handler);
    const client = createExportClient({ baseUrl: server.url });
    const ids = Array.from({ length: 30 }, (_, i) => imodel(i + 1));

    const results = await collect(inventory(client, [...ids, ids[0]!.toUpperCase()], { concurrency: 3, pageSize: 10 }));

    expect(results.map((result) => result.imodelId).sort()).toEqual([...ids].sort());
    expect(stats.maxInFlight).toBeLessThanOrEqual(3);
    expect(stats.maxInFlight).toBeGreaterThan(1);
    const failed = results.filter((result) => !result.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ imodelId: imodel(3) });
    expect((failed[0] as { error: unknown }).error).toBeInstanceOf(NotFoundError);
    for (const result of results) {
      if (!result.ok) continue;
      const n = Number(result.imodelId.slice(-12));
      expect(result.connections.map((connection) => connection.id)).toEqual(
        Array.from({ length: (n % 5) * 7 }, (_, i) => `${n}-${i}`),
      );
      expect(result.pages).toBe(Math.max(1, Math.ceil(((n % 5) * 7) / 10)));
    }
  });

  it("reads ids from an async iterable as it goes, and gives an unusable id its own TypeError", async ({ serve }) => {
    const { handler } = fleet(() => 3);
    const server = await serve(handler);
    let pulled = 0;
    async function* ids() {
      for (const id of [imodel(1), "bad\nid", imodel(2)]) {
        pulled++;
        yield id;
      }
    }
    const results = await collect(inventory(createExportClient({ baseUrl: server.url }), ids(), { concurrency: 1 }));
    expect(pulled).toBe(3);
    expect(results.map((result) => [result.imodelId, result.ok])).toEqual([
      [imodel(1), true],
      ["bad\nid", false],
      [imodel(2), true],
    ]);
    expect((results[1] as { error: unknown }).error).toBeInstanceOf(TypeError);
  });

  it("breaking out aborts the listings under way and reads no further id", async ({ serve }) => {
    const { handler } = fleet(() => 50, { holdMs: 20 });
    const server = await serve(handler);
    let pulled = 0;
    const ids = (function* () {
      for (let n = 1; n <= 1000; n++) {
        pulled++;
        yield imodel(n);
      }
    })();
    for await (const _result of inventory(createExportClient({ baseUrl: server.url }), ids, { concurrency: 4 })) break;
    const requests = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests.length).toBe(requests);
    expect(pulled).toBeLessThanOrEqual(5);
  });

  it("an abort rejects the iteration with the signal's reason", async ({ serve }) => {
    const { handler } = fleet(() => 50, { holdMs: 20 });
    const server = await serve(handler);
    const controller = new AbortController();
    const ids = Array.from({ length: 100 }, (_, i) => imodel(i + 1));
    const run = collect(inventory(createExportClient({ baseUrl: server.url }), ids, { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("stop now")), 50);
    await expect(run).rejects.toThrow("stop now");
  });

  it.for<[string, unknown, unknown, RegExp]>([
    ["a client that is not one", {}, [IMODEL_ID], /^client must be made by createExportClient/],
    ["ids that are not iterable", "client", 42, /^imodelIds must be an iterable of iModel ids, got 42$/],
    ["concurrency 0", "client", [IMODEL_ID], /^concurrency must be an integer from 1 to 64, got 0$/],
  ])("%s is refused at the first step", async ([, client, ids, message]) => {
    const real = createExportClient({ baseUrl: "http://127.0.0.1:9" });
    const options = message.source.startsWith("^concurrency") ? { concurrency: 0 } : {};
    await expect(
      collect(inventory((client === "client" ? real : client) as never, ids as never, options)),
    ).rejects.toThrow(message);
  });
});

describe("one rate budget per client", () => {
  it("eight concurrent listings wait together: no request is sent during a Retry-After the client was told of", async ({
    serve,
  }) => {
    // A fixed window of 10 requests per second across every iModel, like a subscription's limit.
    let windowStart = 0;
    let count = 0;
    const { handler } = fleet(() => 30, { holdMs: 1 });
    const server = await serve((request, response) => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        count = 0;
      }
      if (++count > 10) {
        const seconds = Math.max(1, Math.ceil((windowStart + 1000 - now) / 1000));
        return sendJson(response, 429, apiError("TooManyRequests", "slow down"), { "retry-after": String(seconds) });
      }
      return handler(request, response);
    });
    const told: { at: number; ms: number }[] = [];
    const sent: number[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      maxRetries: 10,
      hooks: createHooks({
        onRequest: () => void sent.push(Date.now()),
        onRetry: (event) => {
          if (event.retryAfterMs !== undefined) told.push({ at: Date.now(), ms: event.retryAfterMs });
        },
      }),
    });
    const ids = Array.from({ length: 8 }, (_, i) => imodel(i + 1));

    const results = await collect(inventory(client, ids, { concurrency: 8, pageSize: 10 }));

    expect(results.every((result) => result.ok)).toBe(true);
    expect(told.length).toBeGreaterThan(0);
    // 8 iModels x 3 pages = 24 pages at 10 a second: at least two windows, so the budget had work to do.
    for (const { at, ms } of told) {
      const during = sent.filter((time) => time > at + 5 && time < at + ms - 5);
      expect(during, `requests sent within ${ms} ms after a Retry-After at ${at}`).toEqual([]);
    }
    // Without the shared budget each of the eight would have hit the limit on its own: far fewer 429s here.
    expect(told.length).toBeLessThan(16);
  }, 30_000);
});
