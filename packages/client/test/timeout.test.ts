// Time limits and aborts: an attempt past timeoutMs is a TimeoutError (and retried); a caller's abort rejects
// with the signal's reason at once, is never retried and sends no further request.
import type { ServerResponse } from "node:http";
import { type Handler, IMODEL_ID, it, page, paged, sendJson, sequence } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { ConnectionError, createExportClient, TimeoutError } from "../src/index.js";

/** Never answers (the socket stays open until the server closes). */
const hang: Handler = () => {};
/** Sends the headers and the start of the body, then stalls. */
const stallBody: Handler = (_request, response: ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.write('{"connections":[');
};
const ok: Handler = (_request, response) => sendJson(response, 200, page(["ok"]));

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
