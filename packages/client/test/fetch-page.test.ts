// The retry loop (internal/fetch-page.ts) with a controlled clock: what it waits, how often it tries, that it never
// really sleeps, and that what is not an ExportApiError (a token function's own error) is rethrown as it is.
import { IMODEL_ID } from "@export-api/test-utils";
import { describe, expect, it } from "vitest";
import {
  createExportClient,
  createHooks,
  type ExportApiError,
  RateLimitError,
  type RequestStartEvent,
  type ResponseEvent,
  ServerError,
} from "../src/index.js";
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

describe("the client's one rate budget", () => {
  /** Call A fails once (no retries) with `failure`; then call B, on the same budget, is made: its sleeps and waitedMs. */
  async function afterFailure(failure: ExportApiError) {
    const clock = fakeClock();
    const options = { ...context(clock, 0), retry: { ...context(clock, 0).retry, maxRetryAfterMs: 60_000 } };
    await expect(withRetries(options, attempts(failure).attempt, QUERY, undefined)).rejects.toBe(failure);
    const started: RequestStartEvent[] = [];
    const probe = createHooks({ onRequest: (event) => void started.push(event) })("getExportConnections", IMODEL_ID, {
      baseUrl: options.baseUrl,
      retry: options.retry,
      logger: undefined,
    });
    await expect(withRetries(options, attempts().attempt, QUERY, undefined, probe)).resolves.toBe(PAGE);
    return { sleeps: clock.sleeps, waitedMs: started.map((event) => event.waitedMs) };
  }
  const told = (status: number, retryAfter: string) =>
    status === 429
      ? new RateLimitError(String(status), { status, headers: { "retry-after": retryAfter } })
      : new ServerError(String(status), { status, headers: { "retry-after": retryAfter } });

  it("a 429's Retry-After pauses the next request of the client, even of another call; onRequest says how long", async () => {
    expect(await afterFailure(told(429, "3"))).toEqual({ sleeps: [3_000], waitedMs: [3_000] });
  });

  it("so does a 503's", async () => {
    expect(await afterFailure(told(503, "7"))).toEqual({ sleeps: [7_000], waitedMs: [7_000] });
  });

  it("a Retry-After of exactly maxRetryAfterMs is waited; one longer pauses nothing", async () => {
    expect(await afterFailure(told(429, "60"))).toEqual({ sleeps: [60_000], waitedMs: [60_000] });
    expect(await afterFailure(told(429, "61"))).toEqual({ sleeps: [], waitedMs: [0] });
    expect(await afterFailure(told(503, "61"))).toEqual({ sleeps: [], waitedMs: [0] });
  });

  it("a Retry-After on any other status pauses nothing", async () => {
    for (const status of [500, 502, 504]) {
      expect(await afterFailure(told(status, "3")), String(status)).toEqual({ sleeps: [], waitedMs: [0] });
    }
  });

  it("a request that waits for a pause another call extended meanwhile reports the whole wait", async () => {
    const clock = fakeClock();
    const budget = new RateBudget();
    budget.pause(1_000, 0);
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      if (clock.sleeps.length === 0) budget.pause(2_500, 0); // told of a longer pause while this request waits
      await sleep(ms, signal);
    };
    expect(await budget.wait(clock, undefined)).toBe(2_500);
    expect(clock.sleeps).toEqual([1_000, 1_500]);
  });

  it("a response that is no ExportApiError (an abort) is reported as not retried", async () => {
    const responses: ResponseEvent[] = [];
    const probe = createHooks({ onResponse: (event) => void responses.push(event) })(
      "getExportConnections",
      IMODEL_ID,
      {
        baseUrl: "http://127.0.0.1:1",
        retry: { maxRetries: 3 },
        logger: undefined,
      },
    );
    const reason = new Error("stop");
    const attempt = async () => {
      throw reason;
    };
    await expect(withRetries(context(fakeClock()), attempt, QUERY, undefined, probe)).rejects.toBe(reason);
    expect(responses.map((event) => event.retrying)).toEqual([false]);
  });
});
