// @export-api/client/otel with OpenTelemetry's real SDK: the in-memory exporter of @opentelemetry/sdk-trace-base and
// AsyncLocalStorage context from @opentelemetry/context-async-hooks. Each case asserts its span tree: the call span,
// its attempt spans (HTTP semantic conventions), its events; and that no attribute or event holds a token.

import { apiError, IMODEL_ID, it, page, paged, type Serve, sendJson, sequence } from "@export-api/test-utils";
import { context, SpanKind, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect } from "vitest";
import { createExportClient, createHooks, ExportApiError, TimeoutError } from "../src/index.js";
import { otelTracing } from "../src/otel.js";
import { VERSION } from "../src/version.js";
import { BASE_URL, PROPERTY_TIMEOUT_MS, pageBody, settings } from "./helpers.js";

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});
afterEach(() => exporter.reset());

const hooks = () => createHooks(otelTracing({ tracerProvider: provider }));
const spans = () => exporter.getFinishedSpans();
const named = (name: string) => spans().filter((span) => span.name === name);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const events = (span: ReadableSpan) => span.events.map((event) => [event.name, event.attributes]);

describe("otelTracing: the span tree of each kind of call", () => {
  it("a 503 then a 200: one call span, two CLIENT attempt spans, a retry event and a page event", async ({ serve }) => {
    const server = await serve(
      sequence(
        (_request, response) => sendJson(response, 503, apiError("ServiceUnavailable", "busy")),
        (_request, response) => sendJson(response, 200, page(["a", "b"]), { "x-correlation-id": "corr-7" }),
      ),
    );
    const client = createExportClient({ baseUrl: server.url, retryBaseDelayMs: 1, hooks: hooks() });
    await client.getExportConnections({ imodelId: IMODEL_ID });

    const [call] = named("getExportConnections");
    const attempts = named("GET");
    expect(spans()).toHaveLength(3);
    expect(call!.kind).toBe(SpanKind.INTERNAL);
    expect(call!.attributes).toEqual({
      "export_api.imodel_id": IMODEL_ID,
      "export_api.pages": 1,
      "export_api.connections": 2,
      "export_api.request_id": "corr-7",
    });
    expect(call!.status.code).toBe(SpanStatusCode.UNSET);
    const url = `${server.url}/export/connections?imodelId=${IMODEL_ID}`;
    const port = Number(new URL(server.url).port);
    expect(attempts.map((span) => [span.kind, parentOf(span), span.attributes, span.status.code])).toEqual([
      [
        SpanKind.CLIENT,
        idOf(call!),
        {
          "http.request.method": "GET",
          "url.full": url,
          "server.address": "127.0.0.1",
          "server.port": port,
          "http.response.status_code": 503,
          "error.type": "503",
        },
        SpanStatusCode.ERROR,
      ],
      [
        SpanKind.CLIENT,
        idOf(call!),
        {
          "http.request.method": "GET",
          "url.full": url,
          "server.address": "127.0.0.1",
          "server.port": port,
          "http.request.resend_count": 1,
          "http.response.status_code": 200,
          "export_api.request_id": "corr-7",
        },
        SpanStatusCode.UNSET,
      ],
    ]);
    expect(events(call!)).toEqual([
      ["export_api.retry", { "export_api.retry.attempt": 1, "export_api.retry.delay_ms": 1, "error.type": "503" }],
      ["export_api.page", { "export_api.page": 1, "export_api.connections": 2, "export_api.request_id": "corr-7" }],
    ]);
  });

  it("a 429 with Retry-After: the retry event carries what the server asked for", async ({ serve }) => {
    const server = await serve(
      sequence(
        (_request, response) => sendJson(response, 429, apiError("TooManyRequests", "later"), { "retry-after": "0" }),
        (_request, response) => sendJson(response, 200, page(["a"])),
      ),
    );
    const client = createExportClient({ baseUrl: server.url, hooks: hooks() });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    const [call] = named("getExportConnections");
    expect(events(call!)[0]).toEqual([
      "export_api.retry",
      { "export_api.retry.attempt": 1, "export_api.retry.delay_ms": 0, "http.retry_after_ms": 0, "error.type": "429" },
    ]);
    expect(named("GET").map((span) => span.attributes["http.response.status_code"])).toEqual([429, 200]);
  });

  it("a three-page iteration: one call span, three attempts under it, three page events", async ({ serve }) => {
    const server = await serve(paged(25, { defaultTop: 10 }));
    const client = createExportClient({ baseUrl: server.url, hooks: hooks() });
    expect(await client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray()).toHaveLength(25);

    const [call] = named("iterateExportConnections");
    expect(named("GET").map((span) => [parentOf(span), span.attributes["url.full"]])).toEqual([
      [idOf(call!), `${server.url}/export/connections?imodelId=${IMODEL_ID}`],
      [idOf(call!), `${server.url}/export/connections?imodelId=${IMODEL_ID}&$top=10&$skip=10`],
      [idOf(call!), `${server.url}/export/connections?imodelId=${IMODEL_ID}&$top=10&$skip=20`],
    ]);
    expect(
      events(call!).map(([, attributes]) => (attributes as Record<string, unknown>)["export_api.connections"]),
    ).toEqual([10, 10, 5]);
    expect(call!.attributes).toMatchObject({ "export_api.pages": 3, "export_api.connections": 25 });
  });

  it("a timeout: each attempt ends as TimeoutError with an error status, and so does the call", async ({ serve }) => {
    const server = await serve(() => {});
    const client = createExportClient({
      baseUrl: server.url,
      timeoutMs: 50,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      hooks: hooks(),
    });
    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBeInstanceOf(TimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [call] = named("getExportConnections");
    expect(named("GET").map((span) => [span.attributes["error.type"], span.status.code, parentOf(span)])).toEqual([
      ["TimeoutError", SpanStatusCode.ERROR, idOf(call!)],
      ["TimeoutError", SpanStatusCode.ERROR, idOf(call!)],
    ]);
    expect(named("GET")[0]!.attributes["http.response.status_code"]).toBeUndefined();
    expect(call!.attributes).toMatchObject({ "error.type": "TimeoutError", "export_api.pages": 0 });
    expect(call!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("a span active in the caller is the call's parent, for one page and for an iteration", async ({ serve }) => {
    const server = await serve(paged(3, { defaultTop: 10 }));
    const client = createExportClient({ baseUrl: server.url, hooks: hooks() });
    const tracer = provider.getTracer("the-app");
    await tracer.startActiveSpan("handle-request", async (parent) => {
      await client.getExportConnections({ imodelId: IMODEL_ID });
      for await (const _connection of client.iterateExportConnections({ imodelId: IMODEL_ID })) {
        // read them all
      }
      parent.end();
    });
    const [parent] = named("handle-request");
    expect(named("getExportConnections").map(parentOf)).toEqual([idOf(parent!)]);
    expect(named("iterateExportConnections").map(parentOf)).toEqual([idOf(parent!)]);
    expect(new Set(spans().map((span) => span.spanContext().traceId)).size).toBe(1);
  });

  it("the client's main entry never imports OpenTelemetry", async () => {
    const { readFile } = await import("node:fs/promises");
    const sources = await Promise.all(
      ["../src/index.ts", "../src/client.ts", "../src/hooks.ts", "../src/options.ts"].map((file) =>
        readFile(new URL(file, import.meta.url), "utf8"),
      ),
    );
    for (const source of sources) expect(source).not.toContain("@opentelemetry");
  });
});

describe("otelTracing: attributes a backend reads", () => {
  it("spans come from the tracer @export-api/client at the client's version", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
    const client = createExportClient({ baseUrl: server.url, hooks: hooks() });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    expect(spans().map((span) => span.instrumentationScope)).toEqual([
      { name: "@export-api/client", version: VERSION, schemaUrl: undefined },
      { name: "@export-api/client", version: VERSION, schemaUrl: undefined },
    ]);
  });

  it.for([
    ["https://export.example", 443],
    ["http://export.example", 80],
    ["https://export.example:8443", 8443],
  ] as const)("a base URL %s without a port: server.port is the scheme's, %i", async ([baseUrl, port], { serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
    // The client believes it talks to baseUrl; the requests go to the loopback server.
    const client = createExportClient({
      baseUrl,
      hooks: hooks(),
      fetch: (request, init) => fetch(request.url.replace(new URL(baseUrl).origin, server.url), init),
    });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    expect(named("GET").map((span) => [span.attributes["server.address"], span.attributes["server.port"]])).toEqual([
      ["export.example", port],
    ]);
  });

  it("a failed attempt's span has the error's message as its status message; a good one has none", async ({
    serve,
  }) => {
    const server = await serve(
      sequence(
        (_request, response) => sendJson(response, 503, apiError("ServiceUnavailable", "busy")),
        (_request, response) => sendJson(response, 500, apiError("InternalError", "broken")),
      ),
    );
    const client = createExportClient({ baseUrl: server.url, maxRetries: 1, retryBaseDelayMs: 1, hooks: hooks() });
    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ExportApiError);
    expect(named("GET").map((span) => span.status)).toEqual([
      { code: SpanStatusCode.ERROR, message: expect.stringMatching(/^503.*busy/) },
      { code: SpanStatusCode.ERROR, message: (error as Error).message },
    ]);
    const [call] = named("getExportConnections");
    expect(call!.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(call!.attributes["error.type"]).toBe("ServerError");
  });

  it("a 400 is an error of its status: error.type 400, not the error's class", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 400, apiError("InvalidRequest", "no")));
    const client = createExportClient({ baseUrl: server.url, hooks: hooks() });
    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((thrown: unknown) => thrown);
    const [attempt] = named("GET");
    expect(attempt!.attributes).toMatchObject({ "http.response.status_code": 400, "error.type": "400" });
    expect(attempt!.status).toEqual({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    expect(named("getExportConnections")[0]!.attributes["error.type"]).toBe((error as Error).name);
  });

  it("a timeout's retry event: error.type is the error's class, and no http.retry_after_ms key", async ({ serve }) => {
    const server = await serve(
      sequence(
        () => {},
        (_request, response) => sendJson(response, 200, page(["a"])),
      ),
    );
    const client = createExportClient({ baseUrl: server.url, timeoutMs: 50, retryBaseDelayMs: 1, hooks: hooks() });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    const [call] = named("getExportConnections");
    const [retry] = call!.events;
    expect(retry!.name).toBe("export_api.retry");
    expect(retry!.attributes).toStrictEqual({
      "export_api.retry.attempt": 1,
      "export_api.retry.delay_ms": expect.any(Number),
      "error.type": "TimeoutError",
    });
  });

  it("events list only the attributes they have: a page with no request id has no request id key", async ({
    serve,
  }) => {
    const server = await serve(
      sequence(
        (_request, response) => sendJson(response, 503, apiError("ServiceUnavailable", "busy")),
        (_request, response) => sendJson(response, 200, page(["a"])),
      ),
    );
    const client = createExportClient({ baseUrl: server.url, retryBaseDelayMs: 1, hooks: hooks() });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    const [call] = named("getExportConnections");
    expect(call!.events.map((event) => [event.name, event.attributes])).toStrictEqual([
      ["export_api.retry", { "export_api.retry.attempt": 1, "export_api.retry.delay_ms": 1, "error.type": "503" }],
      ["export_api.page", { "export_api.page": 1, "export_api.connections": 1 }],
    ]);
  });

  it("the call span keeps the last request id a server gave, when a later attempt came without one", async ({
    serve,
  }) => {
    const server = await serve(
      sequence(
        (_request, response) =>
          sendJson(response, 503, apiError("ServiceUnavailable", "busy"), { "x-request-id": "r-1" }),
        (_request, response) => sendJson(response, 200, page(["a"])),
      ),
    );
    const client = createExportClient({ baseUrl: server.url, retryBaseDelayMs: 1, hooks: hooks() });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    const [call] = named("getExportConnections");
    expect(call!.attributes["export_api.request_id"]).toBe("r-1");
    expect(named("GET").map((span) => span.attributes["export_api.request_id"])).toEqual(["r-1", undefined]);
  });
});

describe("otelTracing with a tracer that throws", () => {
  /** The SDK's tracer, except that starting a span named `broken` throws. */
  const breaking = (broken: string): Tracer => {
    const real = provider.getTracer("breaking");
    return {
      startSpan(name, options, parent) {
        if (name === broken) throw new Error("tracer broke");
        return real.startSpan(name, options, parent);
      },
      startActiveSpan: real.startActiveSpan.bind(real) as Tracer["startActiveSpan"],
    };
  };
  /** A 503 then a page; the call's data, and the hooks' warnings the client's logger got. */
  const run = async (tracer: Tracer, serve: Serve) => {
    const server = await serve(
      sequence(
        (_request, response) => sendJson(response, 503, apiError("ServiceUnavailable", "busy")),
        (_request, response) => sendJson(response, 200, page(["a"]), { "x-request-id": "r-2" }),
      ),
    );
    const warnings: string[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      retryBaseDelayMs: 1,
      hooks: createHooks(otelTracing({ tracer })),
      logger: { debug: () => {}, warn: (line) => warnings.push(line) },
    });
    const data = await client.getExportConnections({ imodelId: IMODEL_ID });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The retry's own warning aside: what the hooks' failures added.
    return { data, warnings: warnings.filter((line) => line.startsWith("hooks.")) };
  };

  it("no call span: one warning for its start, the call's other events are ignored quietly", async ({ serve }) => {
    const { data, warnings } = await run(breaking("getExportConnections"), serve);
    expect(data.connections).toHaveLength(1);
    expect(warnings).toEqual(["hooks.onCallStart failed (Error); ignored"]);
    expect(spans()).toEqual([]);
  });

  it("no attempt span: a warning per attempt; the call span still has its events and attributes", async ({ serve }) => {
    const { data, warnings } = await run(breaking("GET"), serve);
    expect(data.connections).toHaveLength(1);
    expect(warnings).toEqual(["hooks.onRequest failed (Error); ignored", "hooks.onRequest failed (Error); ignored"]);
    expect(spans().map((span) => span.name)).toEqual(["getExportConnections"]);
    const [call] = spans();
    expect(events(call!).map(([name]) => name)).toEqual(["export_api.retry", "export_api.page"]);
    expect(call!.attributes).toEqual({
      "export_api.imodel_id": IMODEL_ID,
      "export_api.pages": 1,
      "export_api.connections": 1,
      "export_api.request_id": "r-2",
    });
  });
});

describe("no token in any span", () => {
  it(
    "for any token a server echoes into its ids, messages and links: no attribute, event or status holds it",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.stringMatching(/^[A-Za-z0-9\-._~+/]{8,40}$/),
          fc.integer({ min: 0, max: 2 }),
          async (token, failures) => {
            exporter.reset();
            let calls = 0;
            const echo = `echo Bearer ${token} ${encodeURIComponent(token)}`;
            const client = createExportClient({
              baseUrl: BASE_URL,
              accessToken: token,
              retryBaseDelayMs: 0,
              hooks: hooks(),
              fetch: async () => {
                const headers = { "content-type": "application/json", "x-correlation-id": echo, "retry-after": "0" };
                if (calls++ < failures) {
                  return new Response(JSON.stringify({ error: { code: "Busy", message: echo } }), {
                    status: 503,
                    headers,
                  });
                }
                return new Response(pageBody(["a"], `${BASE_URL}/export/connections?$skip=0&t=${token}`), { headers });
              },
            });
            await client
              .iterateExportConnections({ imodelId: IMODEL_ID })
              .toArray()
              .catch(() => {});
            const rendered = JSON.stringify(
              spans().map((span) => ({ attributes: span.attributes, events: span.events, status: span.status })),
            );
            expect(spans().length).toBe(2 + failures);
            expect(rendered).not.toContain(token);
            expect(rendered).not.toContain(encodeURIComponent(token));
          },
        ),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("trace's global provider", () => {
  it("without options, spans go to the global tracer provider (a no-op until one is registered)", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
    const client = createExportClient({ baseUrl: server.url, hooks: createHooks(otelTracing()) });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    expect(trace.getTracerProvider()).toBeDefined();
    expect(spans()).toEqual([]);
  });
});
