// inventory(): many iModels at a bounded concurrency, one result each, a failing iModel never stopping the others;
// and the client's one rate budget: a Retry-After one call is told pauses every call of that client.

import { getEventListeners } from "node:events";
import type { ServerResponse } from "node:http";
import {
  apiError,
  eventually,
  IMODEL_ID,
  it,
  page,
  type ReceivedRequest,
  type Serve,
  sendJson,
} from "@export-api/test-utils";
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
    // Requests counted as the client sends them: one sent just before the break may reach the server after it.
    let sent = 0;
    const client = createExportClient({
      baseUrl: server.url,
      fetch: (input, init) => {
        sent++;
        return fetch(input, init);
      },
    });
    for await (const _result of inventory(client, ids, { concurrency: 4 })) break;
    const sentBeforeBreak = sent;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).toBe(sentBeforeBreak);
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
    ["a client that is not one", {}, [IMODEL_ID], /^client must be made by createExportClient, got an object$/],
    ["no client at all", null, [IMODEL_ID], /^client must be made by createExportClient, got null$/],
    ["ids that are not iterable", "client", 42, /^imodelIds must be an iterable of iModel ids, got 42$/],
    ["no ids at all", "client", undefined, /^imodelIds must be an iterable of iModel ids, got undefined$/],
    ["concurrency 0", "client", [IMODEL_ID], /^concurrency must be an integer from 1 to 64, got 0$/],
    ["concurrency 65", "client", [IMODEL_ID], /^concurrency must be an integer from 1 to 64, got 65$/],
    ["concurrency 1.5", "client", [IMODEL_ID], /^concurrency must be an integer from 1 to 64, got 1.5$/],
  ])("%s is refused at the first step", async ([, client, ids, message]) => {
    const real = createExportClient({ baseUrl: "http://127.0.0.1:9" });
    const concurrency = /got (0|65|1.5)\$$/.exec(message.source)?.[1];
    const options = concurrency ? { concurrency: Number(concurrency) } : {};
    await expect(
      collect(inventory((client === "client" ? real : client) as never, ids as never, options)),
    ).rejects.toThrow(message);
  });
});

describe("inventory: what a caller relies on", () => {
  it("null options are no options: 4 at a time, the server's page size, no signal", async ({ serve }) => {
    const { handler, stats } = fleet(() => 3, { holdMs: 20 });
    const server = await serve(handler);
    const ids = Array.from({ length: 8 }, (_, i) => imodel(i + 1));
    const results = await collect(inventory(createExportClient({ baseUrl: server.url }), ids, null as never));
    expect(results.map((result) => result.ok)).toEqual(Array(8).fill(true));
    expect(stats.maxInFlight).toBe(4);
    expect(server.requests.every((request) => !request.url.searchParams.has("$top"))).toBe(true);
  });

  it("pageSize is each listing's $top", async ({ serve }) => {
    const { handler } = fleet(() => 3);
    const server = await serve(handler);
    await collect(inventory(createExportClient({ baseUrl: server.url }), [imodel(1)], { pageSize: 7 }));
    expect(server.requests.map((request) => request.url.searchParams.get("$top"))).toEqual(["7"]);
  });

  it("an id given again in another case is listed once, under the case it was first given in", async ({ serve }) => {
    const { handler } = fleet(() => 3);
    const server = await serve(handler);
    const ids = ["Model-A", "model-b", "MODEL-A", "model-a", "MODEL-B"];
    const results = await collect(inventory(createExportClient({ baseUrl: server.url }), ids, { concurrency: 1 }));
    expect(results.map((result) => result.imodelId)).toEqual(["Model-A", "model-b"]);
    expect(server.requests.map((request) => request.url.searchParams.get("imodelId"))).toEqual(["Model-A", "model-b"]);
  });

  it("an id that is not a string is its own TypeError result; the others go on", async ({ serve }) => {
    const { handler } = fleet(() => 3);
    const server = await serve(handler);
    const ids = [42, imodel(1)] as never as string[];
    const results = await collect(inventory(createExportClient({ baseUrl: server.url }), ids, { concurrency: 1 }));
    expect(results.map((result) => [result.imodelId, result.ok])).toEqual([
      [42, false],
      [imodel(1), true],
    ]);
    const { error } = results[0] as { error: unknown };
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^imodelId must be a non-empty string/);
  });

  it("a connection a listing sees twice (the list moved between pages) is in its result once", async ({ serve }) => {
    const server = await serve((request, response) => {
      const skip = Number(request.url.searchParams.get("$skip") ?? 0);
      const next = { next: "https://api.example.test/export/connections?$skip=2&$top=2" };
      if (skip === 0) return sendJson(response, 200, page(["c-0", "c-1"], next));
      sendJson(response, 200, page(["c-1", "c-2"]));
    });
    const [result] = await collect(inventory(createExportClient({ baseUrl: server.url }), [IMODEL_ID]));
    expect(result).toMatchObject({ ok: true, pages: 2 });
    expect((result as { connections: { id: string }[] }).connections.map((connection) => connection.id)).toEqual([
      "c-0",
      "c-1",
      "c-2",
    ]);
  });

  it("yields in the order listings finish, not the order given", async ({ serve }) => {
    // Each iModel's answer waits until the test lets it go: 2, then 3, then 1.
    const gates = new Map<string, { open: () => void; opened: Promise<void> }>();
    for (const n of [1, 2, 3]) {
      let open = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      gates.set(imodel(n), { open, opened });
    }
    const server = await serve(async (request, response) => {
      await gates.get(request.url.searchParams.get("imodelId")!)!.opened;
      sendJson(response, 200, page(["c-0"]));
    });
    const results = inventory(createExportClient({ baseUrl: server.url }), [imodel(1), imodel(2), imodel(3)], {
      concurrency: 3,
    });
    const order: string[] = [];
    for (const n of [2, 3, 1]) {
      gates.get(imodel(n))!.open();
      const { value } = await results.next();
      order.push((value as InventoryResult).imodelId);
    }
    expect(order).toEqual([imodel(2), imodel(3), imodel(1)]);
    expect((await results.next()).done).toBe(true);
  });

  it("a caller slower than the listings still gets every result", async ({ serve }) => {
    const { handler } = fleet(() => 3, { holdMs: 1 });
    const server = await serve(handler);
    const ids = Array.from({ length: 4 }, (_, i) => imodel(i + 1));
    const seen: string[] = [];
    for await (const result of inventory(createExportClient({ baseUrl: server.url }), ids, { concurrency: 4 })) {
      seen.push(result.imodelId);
      await new Promise((resolve) => setTimeout(resolve, 300)); // meanwhile the other three finish
    }
    expect(seen.sort()).toEqual(ids);
  });

  it("a finished result not yet read keeps its slot: at most `concurrency` listings and held results", async ({
    serve,
  }) => {
    const { handler } = fleet(() => 3, { holdMs: 1 });
    const server = await serve(handler);
    let pulled = 0;
    const ids = (function* () {
      for (let n = 1; n <= 4; n++) {
        pulled++;
        yield imodel(n);
      }
    })();
    // Each listing's end, as the client reports it: the reader waits for every started listing before reading on.
    let ended = 0;
    const client = createExportClient({ baseUrl: server.url, hooks: createHooks({ onCallEnd: () => void ended++ }) });
    const pulledAtEachResult: number[] = [];
    for await (const _result of inventory(client, ids, { concurrency: 2 })) {
      pulledAtEachResult.push(pulled);
      await eventually(() => ended === pulled, "every listing started to end"); // the other one is held, unread
    }
    // The second result waited unread with one slot of two: only one more id was started beside it.
    expect(pulledAtEachResult).toEqual([2, 3, 4, 4]);
  });

  it("ids are read to their end once: next() is not called again after done", async ({ serve }) => {
    const { handler } = fleet(() => 3, { holdMs: 1 });
    const server = await serve(handler);
    const values = [imodel(1), imodel(2), imodel(3)];
    let calls = 0;
    const ids = {
      [Symbol.iterator]: () => ({
        next: () => {
          calls++;
          const value = values.shift();
          return value === undefined ? { done: true as const, value: undefined } : { done: false as const, value };
        },
      }),
    };
    const results = await collect(inventory(createExportClient({ baseUrl: server.url }), ids, { concurrency: 2 }));
    expect(results).toHaveLength(3);
    expect(calls).toBe(4);
  });

  it("breaking out aborts the request under way with an AbortError and closes the ids' iterator", async ({ serve }) => {
    const server = await serve(async (request, response) => {
      if (request.url.searchParams.get("imodelId") === imodel(1)) return sendJson(response, 200, page(["c-0"]));
      // imodel(2) is never answered: only an abort ends its request.
    });
    const reasons: unknown[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      fetch: (request, init) => {
        const signal = init?.signal as AbortSignal;
        return new Promise((resolve, reject) => {
          signal.addEventListener("abort", () => {
            reasons.push(signal.reason);
            reject(signal.reason);
          });
          fetch(request, { signal }).then(resolve, () => {});
        });
      },
    });
    let returned = 0;
    const ids = {
      [Symbol.iterator]: () => {
        const values = [imodel(1), imodel(2)];
        return {
          next: () => {
            const value = values.shift();
            return value === undefined ? { done: true as const, value: undefined } : { done: false as const, value };
          },
          return: () => {
            returned++;
            return { done: true as const, value: undefined };
          },
        };
      },
    };
    for await (const result of inventory(client, ids, { concurrency: 2 })) {
      expect(result.imodelId).toBe(imodel(1));
      break;
    }
    expect(returned).toBe(1);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(DOMException);
    expect(reasons[0]).toMatchObject({ name: "AbortError", message: "the inventory was stopped" });
  });

  it("an abort while every listing waits on the server aborts them and rejects with the signal's reason", async ({
    serve,
  }) => {
    const closed: boolean[] = [];
    const server = await serve((_request, response) => {
      // Never answered: only the client's abort ends these requests.
      response.on("close", () => closed.push(!response.writableFinished));
    });
    const controller = new AbortController();
    const ids = [imodel(1), imodel(2)];
    const run = collect(inventory(createExportClient({ baseUrl: server.url }), ids, { signal: controller.signal }));
    while (server.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const reason = new Error("stop now");
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    while (closed.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(closed).toEqual([true, true]);
    expect(server.requests).toHaveLength(2);
  });

  it("an already aborted signal rejects before any request or any id is read", async ({ serve }) => {
    const { handler } = fleet(() => 3);
    const server = await serve(handler);
    let pulled = 0;
    const ids = (function* () {
      pulled++;
      yield imodel(1);
    })();
    const reason = new Error("too late");
    const signal = AbortSignal.abort(reason);
    await expect(collect(inventory(createExportClient({ baseUrl: server.url }), ids, { signal }))).rejects.toBe(reason);
    expect([pulled, server.requests.length]).toEqual([0, 0]);
  });

  it("a long-lived signal keeps no listener of an inventory that ended", async ({ serve }) => {
    const { handler } = fleet(() => 3, { holdMs: 1 });
    const server = await serve(handler);
    const client = createExportClient({ baseUrl: server.url });
    const signal = new AbortController().signal;
    for (let run = 0; run < 3; run++) await collect(inventory(client, [imodel(run + 1)], { signal }));
    for await (const _result of inventory(client, [imodel(1), imodel(2)], { signal })) break;
    expect(getEventListeners(signal, "abort")).toEqual([]);
  });
});

describe("one rate budget per client", () => {
  /**
   * Eight listings of 30 pages each (20 ms a page); iModel 1's first request gets a 429 with Retry-After: 1. Returns
   * when each request was sent and when the 429 was taken in (onRetry; the client pauses just before it), by one
   * client shared by the eight workers, or by a client per worker (nobody shares what one was told).
   */
  async function oneRetryAfter(serve: Serve, clients: "one" | "per worker") {
    let toldOnce = false;
    const { handler } = fleet(() => 300, { holdMs: 20 });
    const server = await serve((request, response) => {
      if (!toldOnce && request.url.searchParams.get("imodelId") === imodel(1)) {
        toldOnce = true;
        return sendJson(response, 429, apiError("TooManyRequests", "slow down"), { "retry-after": "1" });
      }
      return handler(request, response);
    });
    const told: { at: number; ms: number }[] = [];
    const sent: number[] = [];
    const make = () =>
      createExportClient({
        baseUrl: server.url,
        hooks: createHooks({
          onRequest: () => void sent.push(Date.now()),
          onRetry: (event) => {
            if (event.retryAfterMs !== undefined) told.push({ at: Date.now(), ms: event.retryAfterMs });
          },
        }),
      });
    const ids = Array.from({ length: 8 }, (_, i) => imodel(i + 1));
    const results =
      clients === "one"
        ? await collect(inventory(make(), ids, { concurrency: 8, pageSize: 10 }))
        : (await Promise.all(ids.map((id) => collect(inventory(make(), [id], { pageSize: 10 }))))).flat();
    expect(results.map((result) => result.ok)).toEqual(ids.map(() => true));
    expect(told).toHaveLength(1);
    const { at, ms } = told[0]!;
    // The hooks' timestamps can lag the client's own steps: on a loaded 2-core machine the process may be descheduled
    // for tens of ms between the pause and the onRetry hook (CI saw 17 ms). So the window checked is shrunk by 100 ms
    // at both ends; the seven others, untold, would send a page every 20 ms through all of it.
    return sent.filter((time) => time > at + 100 && time < at + ms - 100);
  }

  it("eight concurrent listings wait together: no request is sent during a Retry-After the client was told of", async ({
    serve,
  }) => {
    expect(await oneRetryAfter(serve, "one")).toEqual([]);
  }, 30_000);

  it("the contrast: a client per worker, and the seven untold workers send right through that Retry-After", async ({
    serve,
  }) => {
    expect((await oneRetryAfter(serve, "per worker")).length).toBeGreaterThan(7);
  }, 30_000);
});
