// The hooks (hooks.ts, createHooks): what each call, attempt, retry and page tells them, that they see no token,
// and that a hook can neither break a call nor change it.
import {
  apiError,
  IMODEL_ID,
  it,
  page,
  paged,
  sendJson,
  sequence,
  watchUnhandledRejections,
} from "@export-api/test-utils";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { createExportClient, createHooks, type ExportClientHooks, TimeoutError } from "../src/index.js";
import { BASE_URL, PROPERTY_TIMEOUT_MS, pageBody, settings, TOKEN } from "./helpers.js";

type Seen = [string, Record<string, unknown>];

/** Hooks that record every event as [hook, event], the call replaced by its operation. */
function recorder(): { hooks: ExportClientHooks; seen: Seen[] } {
  const seen: Seen[] = [];
  const record = (name: string) => (event: any) =>
    seen.push([name, name === "onCallStart" ? { ...event } : { ...event, call: event.call.operation }]);
  const hooks = Object.fromEntries(
    ["onCallStart", "onRequest", "onResponse", "onRetry", "onPage", "onCallEnd"].map((name) => [name, record(name)]),
  ) as ExportClientHooks;
  return { hooks, seen };
}

const names = (seen: Seen[]) => seen.map(([name]) => name);
const anyNumber = expect.any(Number);

describe("createHooks: what the hooks are told", () => {
  it("a 503 then a 200: the call, two attempts, a retry with its wait, the page, the end", async ({ serve }) => {
    const server = await serve(
      sequence(
        (_request, response) =>
          sendJson(response, 503, apiError("ServiceUnavailable", "busy"), { "x-request-id": "r-1" }),
        (_request, response) => sendJson(response, 200, page(["a", "b"]), { "x-correlation-id": "r-2" }),
      ),
    );
    const { hooks, seen } = recorder();
    const client = createExportClient({ baseUrl: server.url, retryBaseDelayMs: 1, hooks: createHooks(hooks) });

    await client.getExportConnections({ imodelId: IMODEL_ID, top: 2 });

    const url = `${server.url}/export/connections?imodelId=${IMODEL_ID}&$top=2`;
    const sent = { call: "getExportConnections", method: "GET", url };
    expect(seen).toEqual([
      ["onCallStart", { operation: "getExportConnections", imodelId: IMODEL_ID }],
      ["onRequest", { ...sent, attempt: 1, waitedMs: 0 }],
      [
        "onResponse",
        {
          ...sent,
          attempt: 1,
          status: 503,
          durationMs: anyNumber,
          requestId: "r-1",
          error: "ServerError",
          message: expect.stringContaining("503"),
          retrying: true,
        },
      ],
      [
        "onRetry",
        {
          ...sent,
          attempt: 1,
          status: 503,
          error: "ServerError",
          message: expect.stringContaining("ServiceUnavailable: busy"),
          delayMs: anyNumber,
          retryAfterMs: undefined,
          maxRetries: 2,
        },
      ],
      ["onRequest", { ...sent, attempt: 2, waitedMs: 0 }],
      [
        "onResponse",
        {
          ...sent,
          attempt: 2,
          status: 200,
          durationMs: anyNumber,
          requestId: "r-2",
          error: undefined,
          message: undefined,
          retrying: false,
        },
      ],
      ["onPage", { call: "getExportConnections", page: 1, url, connections: 2, requestId: "r-2", hasNext: false }],
      [
        "onCallEnd",
        { call: "getExportConnections", durationMs: anyNumber, pages: 1, connections: 2, error: undefined },
      ],
    ]);
  });

  it("a 429 with Retry-After: the retry says what the server asked for", async ({ serve }) => {
    const server = await serve(
      sequence(
        (_request, response) =>
          sendJson(response, 429, apiError("TooManyRequests", "slow down"), { "retry-after": "0" }),
        (_request, response) => sendJson(response, 200, page(["a"])),
      ),
    );
    const { hooks, seen } = recorder();
    const client = createExportClient({ baseUrl: server.url, hooks: createHooks(hooks) });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    const retry = seen.find(([name]) => name === "onRetry")![1];
    expect(retry).toMatchObject({ status: 429, error: "RateLimitError", retryAfterMs: 0, delayMs: 0, attempt: 1 });
  });

  it("a three-page iteration is one call: three requests, three pages, one end counting them", async ({ serve }) => {
    const server = await serve(paged(25, { defaultTop: 10 }));
    const { hooks, seen } = recorder();
    const client = createExportClient({ baseUrl: server.url, hooks: createHooks(hooks) });

    const all = await client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray();

    expect(all).toHaveLength(25);
    expect(names(seen)).toEqual([
      "onCallStart",
      ...Array(3).fill(["onRequest", "onResponse", "onPage"]).flat(),
      "onCallEnd",
    ]);
    expect(
      seen.filter(([name]) => name === "onPage").map(([, event]) => [event.page, event.connections, event.hasNext]),
    ).toEqual([
      [1, 10, true],
      [2, 10, true],
      [3, 5, false],
    ]);
    expect(seen.at(-1)![1]).toMatchObject({
      call: "iterateExportConnections",
      pages: 3,
      connections: 25,
      error: undefined,
    });
  });

  it("an iteration left early ends its call with no error; nothing is told before the first step", async ({
    serve,
  }) => {
    const server = await serve(paged(25, { defaultTop: 10 }));
    const { hooks, seen } = recorder();
    const client = createExportClient({ baseUrl: server.url, hooks: createHooks(hooks) });
    const iterable = client.iterateExportConnections({ imodelId: IMODEL_ID });
    expect(seen).toEqual([]);
    for await (const _connection of iterable) break;
    expect(names(seen)).toEqual(["onCallStart", "onRequest", "onResponse", "onPage", "onCallEnd"]);
    expect(seen.at(-1)![1]).toMatchObject({ pages: 1, connections: 10, error: undefined });
  });

  it("a timeout: each attempt ends with TimeoutError, the call with it", async ({ serve }) => {
    const server = await serve(() => {}); // never answers
    const { hooks, seen } = recorder();
    const client = createExportClient({
      baseUrl: server.url,
      timeoutMs: 50,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      hooks: createHooks(hooks),
    });
    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBeInstanceOf(TimeoutError);
    const responses = seen.filter(([name]) => name === "onResponse").map(([, event]) => event);
    expect(responses.map((event) => [event.attempt, event.status, event.error, event.retrying])).toEqual([
      [1, undefined, "TimeoutError", true],
      [2, undefined, "TimeoutError", false],
    ]);
    expect(seen.at(-1)).toEqual([
      "onCallEnd",
      { call: "getExportConnections", durationMs: anyNumber, pages: 0, connections: 0, error: "TimeoutError" },
    ]);
  });

  it("an abort ends the call with AbortError", async ({ serve }) => {
    const server = await serve(() => {});
    const { hooks, seen } = recorder();
    const client = createExportClient({ baseUrl: server.url, hooks: createHooks(hooks) });
    const controller = new AbortController();
    const call = client.getExportConnections({ imodelId: IMODEL_ID }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.at(-1)![1]).toMatchObject({ error: "AbortError", pages: 0 });
  });

  it("an iteration that fails on page 2 ends its call with the error's class, and still rejects with it", async ({
    serve,
  }) => {
    const server = await serve(
      sequence(paged(25, { defaultTop: 10 }), (_request, response) =>
        sendJson(response, 404, apiError("iModelNotFound", "gone")),
      ),
    );
    const { hooks, seen } = recorder();
    const client = createExportClient({ baseUrl: server.url, hooks: createHooks(hooks) });
    const error = await client
      .iterateExportConnections({ imodelId: IMODEL_ID })
      .toArray()
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(Error);
    expect(seen.at(-1)).toEqual([
      "onCallEnd",
      {
        call: "iterateExportConnections",
        durationMs: anyNumber,
        pages: 1,
        connections: 10,
        error: (error as Error).name,
      },
    ]);
    expect((error as Error).name).toBe("NotFoundError");
  });

  it("durations are how long the attempt and the call took, in ms", async ({ serve }) => {
    const server = await serve(async (_request, response) => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      sendJson(response, 200, page(["a"]));
    });
    const { hooks, seen } = recorder();
    const client = createExportClient({ baseUrl: server.url, hooks: createHooks(hooks) });
    const started = Date.now();
    await client.getExportConnections({ imodelId: IMODEL_ID });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const elapsed = Date.now() - started;
    const durations = seen
      .filter(([name]) => name === "onResponse" || name === "onCallEnd")
      .map(([name, event]) => [name, event.durationMs as number]);
    expect(durations.map(([name]) => name)).toEqual(["onResponse", "onCallEnd"]);
    for (const [, durationMs] of durations) {
      expect(durationMs).toBeGreaterThanOrEqual(50);
      expect(durationMs).toBeLessThanOrEqual(elapsed);
    }
  });

  it("a page without _links (the spec makes them optional) has no next page", async ({ serve }) => {
    const { _links, ...bare } = page(["a", "b"]);
    const server = await serve((_request, response) => sendJson(response, 200, bare));
    const { hooks, seen } = recorder();
    const client = createExportClient({ baseUrl: server.url, hooks: createHooks(hooks) });
    expect((await client.getExportConnections({ imodelId: IMODEL_ID })).connections).toHaveLength(2);
    expect(seen.find(([name]) => name === "onPage")![1]).toMatchObject({ page: 1, connections: 2, hasNext: false });
  });

  it("a hook left undefined is no hook: the set's other hooks still run", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
    const pages: number[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      hooks: createHooks({ onRequest: undefined, onPage: (event) => void pages.push(event.connections) }),
    });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    expect(pages).toEqual([1]);
  });

  it("several sets see every event, in the order given", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
    const order: string[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      hooks: createHooks({ onPage: () => order.push("first") }, { onPage: () => order.push("second") }),
    });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    expect(order).toEqual(["first", "second"]);
  });
});

describe("hooks cannot break or change a call", () => {
  it("a hook that throws, or whose promise rejects, is reported through the logger by name and ignored", async ({
    serve,
  }) => {
    const rejections = watchUnhandledRejections();
    const server = await serve(
      sequence(
        (_request, response) => sendJson(response, 503, apiError("ServiceUnavailable", "busy")),
        (_request, response) => sendJson(response, 200, page(["a"])),
      ),
    );
    const warnings: string[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      accessToken: TOKEN,
      retryBaseDelayMs: 1,
      logger: { debug: () => {}, warn: (line) => warnings.push(line) },
      hooks: createHooks({
        onRequest() {
          throw new RangeError(`boom ${TOKEN}`);
        },
        onRetry: async () => {
          throw new TypeError("later");
        },
      }),
    });

    const result = await client.getExportConnections({ imodelId: IMODEL_ID });

    expect(result.connections).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(warnings.filter((line) => line.startsWith("hooks."))).toEqual([
      "hooks.onRequest failed (RangeError); ignored",
      "hooks.onRetry failed (TypeError); ignored",
      "hooks.onRequest failed (RangeError); ignored",
    ]);
    expect(warnings.join("\n")).not.toContain(TOKEN);
    await rejections.check();
  });

  it("an event is frozen: a hook that writes to it changes nothing", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
    const client = createExportClient({
      baseUrl: server.url,
      hooks: createHooks({
        onRequest(event) {
          (event as { url: string }).url = "https://elsewhere.example/steal";
        },
      }),
    });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url.pathname).toBe("/export/connections");
  });

  it("without hooks, no event is built (the option is absent) and calls behave the same", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
    expect(
      (await createExportClient({ baseUrl: server.url }).getExportConnections({ imodelId: IMODEL_ID })).connections,
    ).toHaveLength(1);
  });
});

describe("createHooks and the hooks option refuse what is not hooks", () => {
  it.each([
    [[5], /^createHooks takes objects of hooks, got 5$/],
    [[null], /^createHooks takes objects of hooks, got null$/],
    [[{ onRequests: () => {} }], /^"onRequests" is not a hook; the hooks are onCallStart, onRequest, onResponse/],
    [[{ onPage: "yes" }], /^hooks\.onPage must be a function, got "yes"$/],
  ])("createHooks(%j) is a TypeError", (sets, message) => {
    expect(() => createHooks(...(sets as never[]))).toThrow(message);
    expect(() => createHooks(...(sets as never[]))).toThrow(TypeError);
  });

  it("a plain object of hooks given as the option is refused: createHooks makes it", () => {
    expect(() => createExportClient({ hooks: { onRequest() {} } as never })).toThrow(
      /^hooks must be a function, got an object$/,
    );
  });

  it("a function of one's own given as the option is refused: only createHooks's are hooks", () => {
    expect(() => createExportClient({ hooks: ((event: unknown) => console.log(event)) as never })).toThrow(
      /^hooks must be made by createHooks\(\), got a function of its own$/,
    );
    expect(() => createExportClient({ hooks: createHooks() })).not.toThrow();
  });
});

describe("no token in any event", () => {
  it(
    "for any token a server echoes into its ids, error messages, Retry-After and links, no event holds it",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.stringMatching(/^[A-Za-z0-9\-._~+/]{8,40}$/),
          fc.integer({ min: 0, max: 2 }),
          async (token, failures) => {
            const events: unknown[] = [];
            const record = (event: unknown) => void events.push(event);
            let calls = 0;
            const echo = `echo Bearer ${token} ${encodeURIComponent(token)} ${token.replaceAll("/", "\\/")}`;
            const client = createExportClient({
              baseUrl: BASE_URL,
              accessToken: token,
              retryBaseDelayMs: 0,
              hooks: createHooks({
                onCallStart: record,
                onRequest: record,
                onResponse: record,
                onRetry: record,
                onPage: record,
                onCallEnd: record,
              }),
              fetch: async () => {
                const headers = { "content-type": "application/json", "x-correlation-id": echo, "retry-after": "0" };
                if (calls++ < failures) {
                  return new Response(JSON.stringify({ error: { code: "TooManyRequests", message: echo } }), {
                    status: 429,
                    headers,
                  });
                }
                // The next link echoes the token too: its paging is refused (it does not advance), after the page.
                return new Response(pageBody(["a"], `${BASE_URL}/export/connections?$skip=0&echo=${token}`), {
                  headers,
                });
              },
            });
            await client
              .iterateExportConnections({ imodelId: IMODEL_ID })
              .toArray()
              .catch(() => {});
            expect(events.length).toBeGreaterThanOrEqual(4 + 3 * failures);
            const text = JSON.stringify(events);
            for (const form of [token, encodeURIComponent(token), token.replaceAll("/", "\\/")]) {
              expect(text).not.toContain(form);
            }
          },
        ),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
