// The retry loop (internal/fetch-page.ts) with a controlled clock: what it waits, how often it tries, that it never
// really sleeps, and that what is not an ExportApiError (a token function's own error) is rethrown as it is.
import { IMODEL_ID } from "@export-api/test-utils";
import { describe, expect, it } from "vitest";
import { createExportClient, type ExportApiError, RateLimitError, ServerError } from "../src/index.js";
import { RateBudget } from "../src/internal/budget.js";
import type { Clock } from "../src/internal/clock.js";
import { withRetries } from "../src/internal/fetch-page.js";
import { resolveClientOptions } from "../src/options.js";
import { aPage } from "./helpers.js";

const PAGE = {
  data: { connections: [], _links: { self: { href: "https://api.bentley.com/export/connections" } } },
  response: new Response(null),
  redact: (text: string) => text,
  requestId: undefined,
};
const QUERY = { imodelId: IMODEL_ID };

/** A clock that records each sleep and returns at once. */
function fakeClock(random = 0): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let now = 0;
  return {
    sleeps,
    now: () => now,
    random: () => random,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** An attempt that fails with each error in turn, then returns the page. */
function attempts(...failures: ExportApiError[]) {
  let calls = 0;
  const attempt = async () => {
    const failure = failures[calls++];
    if (failure) throw failure;
    return PAGE;
  };
  return { attempt, calls: () => calls };
}

const context = (clock: Clock, maxRetries = 3) => ({
  baseUrl: "http://127.0.0.1:1",
  retry: { maxRetries, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 },
  clock,
  logger: undefined,
  budget: new RateBudget(),
});

describe("withRetries", () => {
  it("waits the backoff between attempts: 500 ms, then 1000 ms (no jitter)", async () => {
    const clock = fakeClock(0);
    const { attempt, calls } = attempts(
      new ServerError("503", { status: 503 }),
      new ServerError("503", { status: 503 }),
    );

    await expect(withRetries(context(clock), attempt, QUERY, undefined)).resolves.toBe(PAGE);

    expect(calls()).toBe(3);
    expect(clock.sleeps).toEqual([500, 1_000]);
  });

  it("waits what Retry-After says, and jitter takes off at most a quarter of the backoff", async () => {
    const clock = fakeClock(0.999);
    const { attempt } = attempts(
      new RateLimitError("429", { status: 429, headers: { "retry-after": "3" } }),
      new ServerError("500", { status: 500 }),
    );

    await withRetries(context(clock), attempt, QUERY, undefined);

    expect(clock.sleeps[0]).toBe(3_000);
    expect(clock.sleeps[1]).toBe(Math.round(1_000 * (1 - 0.25 * 0.999)));
  });

  it("stops after maxRetries and throws the last error, having slept once per retry", async () => {
    const clock = fakeClock();
    const last = new ServerError("third", { status: 500 });
    const { attempt, calls } = attempts(
      new ServerError("first", { status: 500 }),
      new ServerError("second", { status: 500 }),
      last,
    );

    await expect(withRetries(context(clock, 2), attempt, QUERY, undefined)).rejects.toBe(last);
    expect(calls()).toBe(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it("rethrows what is not an ExportApiError at once, without a retry", async () => {
    const clock = fakeClock();
    const own = new Error("the token function failed");
    const attempt = async () => {
      throw own;
    };

    await expect(withRetries(context(clock), attempt, QUERY, undefined)).rejects.toBe(own);
    expect(clock.sleeps).toEqual([]);
  });

  it("the retry loop sleeps through it between attempts", async () => {
    const sleeps: number[] = [];
    const clock = { now: () => 0, random: () => 0, sleep: async (ms: number) => void sleeps.push(ms) };
    let calls = 0;
    const attemptOnce = async () => {
      if (calls++ === 0) throw new ServerError("x", { status: 503 });
      return { data: aPage(), response: new Response(null), redact: (text: string) => text };
    };
    await withRetries(
      {
        baseUrl: "x",
        retry: { ...resolveClientOptions({}).retry, baseDelayMs: 100 },
        clock,
        logger: undefined,
        budget: new RateBudget(),
      },
      attemptOnce as never,
      { imodelId: IMODEL_ID },
      undefined,
    );
    expect(sleeps).toEqual([100]);
  });

  it("a token function's own error is rethrown without a retry decision or a log line", async () => {
    const lines: string[] = [];
    const own = new Error("sign in again");
    const client = createExportClient({
      baseUrl: "http://127.0.0.1:9",
      accessToken: () => Promise.reject(own),
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    });
    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBe(own);
    expect(lines).toEqual([]);
  });
});
