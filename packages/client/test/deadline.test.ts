// Time limits and aborts (internal/deadline.ts; the clock's sleep): an attempt past timeoutMs is a TimeoutError, and
// retried; a caller's abort rejects with the signal's reason at once, unretried; no timer outlives a call.
import { getEventListeners } from "node:events";
import type { ServerResponse } from "node:http";
import {
  CLIENT_TIMERS,
  type Handler,
  IMODEL_ID,
  it,
  page,
  paged,
  sendJson,
  sequence,
  watchTimers,
} from "@export-api/test-utils";
import { describe, expect, vi } from "vitest";
import { ConnectionError, createExportClient, TimeoutError } from "../src/index.js";
import { systemClock } from "../src/internal/clock.js";
import { Deadline } from "../src/internal/deadline.js";
import { ok, setupClient } from "./helpers.js";

/** Never answers (the socket stays open until the server closes). */
const hang: Handler = () => {};
/** Sends the headers and the start of the body, then stalls. */
const stallBody: Handler = (_request, response: ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.write('{"connections":[');
};

/** The global fetch, counting the attempts: an attempt may time out before the server has seen its request. */
function countingFetch() {
  const counter = {
    attempts: 0,
    fetch: (request: Request) => {
      counter.attempts++;
      return fetch(request);
    },
  };
  return counter;
}

describe("the attempt's deadline", () => {
  it("a caller already aborted aborts it at once, with the caller's reason", () => {
    const deadline = new Deadline(1_000, AbortSignal.abort("gone"));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBe("gone");
    deadline.clear();
  });

  it("its own limit aborts it with a TimeoutError DOMException, and says it timed out", async () => {
    const deadline = new Deadline(5, undefined);
    await new Promise((resolve) => deadline.signal.addEventListener("abort", resolve));
    expect(deadline.timedOut).toBe(true);
    expect(deadline.signal.reason).toBeInstanceOf(DOMException);
    expect(deadline.signal.reason.name).toBe("TimeoutError");
    expect(deadline.signal.reason.message).toBe("timed out");
  });

  it("clear() stops listening to the caller, and race() leaves no listener behind, however it ends", async () => {
    const caller = new AbortController();
    const deadline = new Deadline(1_000, caller.signal);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    await deadline.race(Promise.resolve(1));
    await deadline.race(Promise.reject(new Error("x"))).catch(() => {});
    expect(getEventListeners(deadline.signal, "abort")).toHaveLength(0);
    const pending = deadline.race(new Promise(() => {})).catch((reason) => reason);
    deadline.clear();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    caller.abort("late");
    expect(deadline.signal.aborted).toBe(false);

    const other = new Deadline(1_000, undefined);
    const racing = other.race(new Promise(() => {})).catch((reason) => reason);
    const controller = new AbortController();
    const third = new Deadline(1_000, controller.signal);
    const thirdRace = third.race(new Promise(() => {})).catch((reason) => reason);
    controller.abort("now");
    expect(await thirdRace).toBe("now");
    expect(getEventListeners(third.signal, "abort")).toHaveLength(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    other.clear();
    third.clear();
    void pending;
    void racing;
  });
});

describe("timeoutMs", () => {
  it("an attempt with no answer within timeoutMs is a TimeoutError, retried, then thrown", async ({ serve }) => {
    const server = await serve(hang);
    const counter = countingFetch();
    const client = createExportClient({
      baseUrl: server.url,
      timeoutMs: 50,
      maxRetries: 2,
      retryBaseDelayMs: 1,
      fetch: counter.fetch,
    });

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("timeoutMs (50 ms)");
    expect(error.status).toBeUndefined();
    expect(counter.attempts).toBe(3);
  });

  it("a body that stalls counts against the attempt's time limit", async ({ serve }) => {
    const server = await serve(stallBody);
    const counter = countingFetch();
    const client = createExportClient({
      baseUrl: server.url,
      timeoutMs: 200,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      fetch: counter.fetch,
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBeInstanceOf(TimeoutError);
    expect(counter.attempts).toBe(2);
  });

  it("the limit is per attempt: a slow first attempt is retried and the second succeeds", async ({ serve }) => {
    const server = await serve(sequence(hang, ok));
    // Long enough for a loaded machine to answer the second attempt; the first one never is.
    const client = createExportClient({ baseUrl: server.url, timeoutMs: 500, retryBaseDelayMs: 1 });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).resolves.toMatchObject({
      connections: [{ id: "ok" }],
    });
    expect(server.requests).toHaveLength(2);
  });

  it("holds even when a custom fetch ignores the signal", async ({ serve }) => {
    const server = await serve(ok);
    let calls = 0;
    const client = createExportClient({
      baseUrl: server.url,
      timeoutMs: 50,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      fetch: () => {
        calls++;
        return new Promise<Response>(() => {});
      },
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBeInstanceOf(TimeoutError);
    expect(calls).toBe(2);
  });

  it("a custom fetch gets the attempt's signal beside the Request, aborted when the limit passes", async () => {
    let seen: AbortSignal | undefined;
    let requestSignal: AbortSignal | undefined;
    const client = createExportClient({
      baseUrl: "http://127.0.0.1:9",
      timeoutMs: 20,
      maxRetries: 0,
      fetch: (request, init) => {
        seen = init.signal;
        requestSignal = request.signal;
        return new Promise(() => {});
      },
    });
    await client.getExportConnections({ imodelId: IMODEL_ID }).catch(() => {});
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason.name).toBe("TimeoutError");
    // The Request follows no signal of ours: that would cost undici a listener, a WeakRef and a finalizer.
    expect(requestSignal?.aborted).toBe(false);
  });

  it("a custom fetch that passes the signal on has its real request cancelled at the time limit", async ({ serve }) => {
    const server = await serve(() => {});
    let closed = false;
    const client = createExportClient({
      baseUrl: server.url,
      timeoutMs: 50,
      maxRetries: 0,
      fetch: (request, init) => {
        const sent = fetch(request, init);
        sent.catch(() => {
          closed = true;
        });
        return sent;
      },
    });
    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toThrow(/took longer than timeoutMs/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });
});

describe("a caller's abort", () => {
  it("during a request rejects with the signal's reason and is not retried", async ({ serve }) => {
    const controller = new AbortController();
    const reason = new Error("the user navigated away");
    const server = await serve(() => controller.abort(reason));
    const client = createExportClient({ baseUrl: server.url, maxRetries: 3, retryBaseDelayMs: 1 });

    const error = await client
      .getExportConnections({ imodelId: IMODEL_ID }, { signal: controller.signal })
      .catch((e) => e);

    expect(error).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it("with the default reason rejects with that AbortError", async ({ serve }) => {
    const controller = new AbortController();
    const server = await serve(() => controller.abort());
    const client = createExportClient({ baseUrl: server.url });

    const error = await client
      .getExportConnections({ imodelId: IMODEL_ID }, { signal: controller.signal })
      .catch((e) => e);

    expect(error).toBe(controller.signal.reason);
    expect(error.name).toBe("AbortError");
  });

  it("an abort during a request is the caller's reason, with no retry logged", async ({ serve }) => {
    const server = await serve(() => {});
    const lines: string[] = [];
    const controller = new AbortController();
    const client = createExportClient({
      baseUrl: server.url,
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    });
    const call = client.getExportConnections({ imodelId: IMODEL_ID }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("left the page")), 20);
    await expect(call).rejects.toThrow("left the page");
    expect(lines.filter((line) => line.includes("retry"))).toEqual([]);
  });

  it("while waiting to retry rejects with the reason and sends no further request", async ({ serve }) => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const server = await serve((_request, response) => {
      sendJson(response, 503, { error: { code: "Busy", message: "busy" } }, { "retry-after": "30" });
    });
    const client = createExportClient({
      baseUrl: server.url,
      logger: { debug: () => {}, warn: () => controller.abort(reason) },
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID }, { signal: controller.signal })).rejects.toBe(
      reason,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("already aborted sends nothing, and does not ask for a token", async ({ serve }) => {
    const server = await serve(ok);
    let tokenCalls = 0;
    const client = createExportClient({ baseUrl: server.url, accessToken: () => `token-${++tokenCalls}` });
    const reason = new Error("too late");

    await expect(
      client.getExportConnections({ imodelId: IMODEL_ID }, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
    expect(tokenCalls).toBe(0);
  });

  it("while a token function is pending rejects at once", async ({ serve }) => {
    const server = await serve(ok);
    const controller = new AbortController();
    const reason = new Error("stop waiting");
    const client = createExportClient({
      baseUrl: server.url,
      accessToken: () => {
        controller.abort(reason);
        return new Promise<string>(() => {});
      },
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID }, { signal: controller.signal })).rejects.toBe(
      reason,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("mid-iteration rejects the next step with the reason and sends no further request", async ({ serve }) => {
    const server = await serve(paged(100, { defaultTop: 10 }));
    const client = createExportClient({ baseUrl: server.url });
    const controller = new AbortController();
    const reason = new Error("enough");

    const seen: string[] = [];
    const error = await (async () => {
      for await (const connection of client.iterateExportConnections(
        { imodelId: IMODEL_ID },
        { signal: controller.signal },
      )) {
        seen.push(connection.id);
        if (seen.length === 13) controller.abort(reason);
      }
    })().catch((e: unknown) => e);

    expect(error).toBe(reason);
    expect(seen).toHaveLength(13); // nothing is yielded after the abort, not even the rest of the page in memory
    expect(server.requests).toHaveLength(2);
  });

  it("mid-iteration of .pages() during a request rejects with the reason, not retried", async ({ serve }) => {
    const controller = new AbortController();
    const reason = new Error("cancelled");
    const server = await serve((request, response) => {
      if (request.url.searchParams.get("$skip") === null) return paged(100, { defaultTop: 10 })(request, response);
      controller.abort(reason); // and never answer
    });
    const client = createExportClient({ baseUrl: server.url, maxRetries: 3 });

    const pages: unknown[] = [];
    const error = await (async () => {
      for await (const p of client
        .iterateExportConnections({ imodelId: IMODEL_ID }, { signal: controller.signal })
        .pages()) {
        pages.push(p);
      }
    })().catch((e: unknown) => e);

    expect(error).toBe(reason);
    expect(pages).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });
});

describe("the clock's sleep", () => {
  it("waits the time it is given, and clears its timer when aborted", async () => {
    vi.useFakeTimers();
    try {
      let woke = false;
      const sleeping = systemClock.sleep(1_000, undefined).then(() => {
        woke = true;
      });
      await vi.advanceTimersByTimeAsync(999);
      expect(woke).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await sleeping;
      expect(woke).toBe(true);

      const controller = new AbortController();
      const aborted = systemClock.sleep(1_000, controller.signal).catch((reason) => reason);
      controller.abort("stop");
      expect(await aborted).toBe("stop");
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("nothing left behind", () => {
  it("every timer a call starts is cleared or has fired once the call has settled", async ({ serve }) => {
    const { client } = await setupClient(serve, (_request, response) => sendJson(response, 200, page(["ok"])), {
      timeoutMs: 600_000,
    });
    const timers = watchTimers(CLIENT_TIMERS);

    await client.getExportConnections({ imodelId: IMODEL_ID });
    await client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray();

    timers.check();
  });
});
