// The retry loop with a controlled clock: what it waits, how often it tries, and that it never really sleeps.
import { IMODEL_ID } from "@export-api/test-utils";
import { describe, expect, it } from "vitest";
import { type ExportApiError, RateLimitError, ServerError } from "../src/index.js";
import type { Clock } from "../src/internal/clock.js";
import { withRetries } from "../src/internal/fetch-page.js";

const PAGE = {
  data: { connections: [], _links: { self: { href: "https://api.bentley.com/export/connections" } } },
  response: new Response(null),
  redact: (text: string) => text,
};
const QUERY = { imodelId: IMODEL_ID };

/** A clock that records each sleep and returns at once. */
function fakeClock(random = 0): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    random: () => random,
    sleep: async (ms) => {
      sleeps.push(ms);
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
});
