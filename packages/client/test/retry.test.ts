// Retries (internal/retry.ts's decision, and the client acting on it): GET is idempotent, so 408, 429, 5xx and
// connection errors are tried again up to maxRetries, with backoff; nothing else is. Retry-After: retry-after.test.ts.
import { it, sendJson, sequence } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  createExportClient,
  ExportApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
} from "../src/index.js";
import { backoffDelay, decideRetry, type RetryPolicy } from "../src/internal/retry.js";
import { clientFor, get, ok, status } from "./helpers.js";

describe("what is retried", () => {
  it("a 503 burst that recovers: three 503s, then the page", async ({ serve }) => {
    const { client, server, warnings } = await clientFor(serve, sequence(status(503), status(503), status(503), ok), {
      maxRetries: 3,
    });

    const result = await get(client);

    expect(result.connections.map((c) => c.id)).toEqual(["ok"]);
    expect(server.requests).toHaveLength(4);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/503.*retry 1 of 3/);
  });

  it.for([408, 429, 500, 502, 504])("%i is retried", async (code, { serve }) => {
    const { client, server } = await clientFor(serve, sequence(status(code), ok));

    await expect(get(client)).resolves.toMatchObject({ connections: [{ id: "ok" }] });
    expect(server.requests).toHaveLength(2);
  });

  it("a dropped connection is retried", async ({ serve }) => {
    const { client, server } = await clientFor(
      serve,
      sequence((_request, response) => {
        response.socket?.destroy();
      }, ok),
    );

    await expect(get(client)).resolves.toMatchObject({ connections: [{ id: "ok" }] });
    expect(server.requests).toHaveLength(2);
  });

  it("a runtime's network denial (Deno's NotCapable) is not retried", async () => {
    let attempts = 0;
    const client = createExportClient({
      baseUrl: "http://127.0.0.1:4010",
      maxRetries: 3,
      retryBaseDelayMs: 1,
      fetch: async () => {
        attempts++;
        throw Object.assign(new Error('Requires net access to "127.0.0.1:4010", run again with the --allow-net flag'), {
          name: "NotCapable",
        });
      },
    });

    const error = await get(client).catch((e) => e);

    expect(error).toMatchObject({ code: "NetworkAccessDenied" });
    expect(error.message).toContain("--allow-net");
    expect(attempts).toBe(1);
  });

  it("gives up after maxRetries with the last error", async ({ serve }) => {
    const { client, server } = await clientFor(serve, status(502), { maxRetries: 2 });

    const error = await get(client).catch((e) => e);

    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(502);
    expect(server.requests).toHaveLength(3);
  });

  it("a connection error that persists is thrown as ConnectionError after maxRetries", async ({ serve }) => {
    const { client, server } = await clientFor(
      serve,
      (_request, response) => {
        response.socket?.destroy();
      },
      { maxRetries: 1 },
    );

    await expect(get(client)).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(2);
  });

  it("maxRetries: 0 sends exactly one request", async ({ serve }) => {
    const { client, server } = await clientFor(serve, status(503), { maxRetries: 0 });

    await expect(get(client)).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("what is not retried", () => {
  it.for([
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
    [400, ExportApiError],
  ] as const)("%i is thrown after one request", async ([code, ErrorClass], { serve }) => {
    const { client, server, warnings } = await clientFor(serve, sequence(status(code), ok), { maxRetries: 3 });

    await expect(get(client)).rejects.toBeInstanceOf(ErrorClass);
    expect(server.requests).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it("a 200 whose body is not a page is not retried", async ({ serve }) => {
    const { client, server } = await clientFor(
      serve,
      sequence((_r, response) => sendJson(response, 200, { nope: 1 }), ok),
    );

    await expect(get(client)).rejects.toMatchObject({ code: "InvalidResponseBody" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("the retry decision (pure)", () => {
  const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 30_000 };
  const rateLimited = (retryAfter: string) =>
    new RateLimitError("429", { status: 429, headers: { "retry-after": retryAfter } });

  it("waits the Retry-After seconds, or until the HTTP date", () => {
    expect(decideRetry(rateLimited("2"), 0, policy)).toEqual({ retry: true, delayMs: 2_000 });
    const date = new Date(Date.now() + 20_000).toUTCString();
    const decision = decideRetry(rateLimited(date), 0, policy);
    expect(decision.retry).toBe(true);
    expect(decision.retry && decision.delayMs).toBeGreaterThan(15_000);
    expect(decision.retry && decision.delayMs).toBeLessThanOrEqual(20_000);
  });

  it("refuses a Retry-After past maxRetryAfterMs, and any retry past maxRetries", () => {
    expect(decideRetry(rateLimited("31"), 0, policy)).toEqual({ retry: false });
    expect(decideRetry(rateLimited("1"), 3, policy)).toEqual({ retry: false });
  });

  it("backs off exponentially with up to a quarter of jitter, capped", () => {
    expect([0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect([0, 1, 2].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([75, 150, 300]);
  });

  it("an error without a status that is not a ConnectionError is not retried", () => {
    expect(decideRetry(new ExportApiError("x", { code: "NetworkAccessDenied" }), 0, policy)).toEqual({ retry: false });
  });
});
