// Retry-After (internal/retry-after.ts, shared through ./internal): read as delay-seconds or an HTTP date, or not at
// all; honoured on 429 and 503 up to maxRetryAfterMs; an unreadable one falls back to the backoff.
import { apiError, IMODEL_ID, it, page, sendJson, sequence } from "@export-api/test-utils";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { RateLimitError, ServerError } from "../src/index.js";
import { backoffDelay, decideRetry } from "../src/internal/retry.js";
import { parseRetryAfter } from "../src/internal.js";
import { clientFor, get, ok, PROPERTY_TIMEOUT_MS, settings, setupClient, status } from "./helpers.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("Sun, 06 Nov 1994 08:49:37 GMT");

  it("reads delay-seconds and the three HTTP-date forms, relative to now", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    for (const date of [
      "Sun, 06 Nov 1994 08:50:37 GMT",
      "Sunday, 06-Nov-94 08:50:37 GMT",
      "Sun Nov  6 08:50:37 1994",
    ]) {
      expect(parseRetryAfter(date, now)).toBe(60_000);
    }
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:48:37 GMT", now)).toBe(0);
  });

  it("reads an asctime date as GMT whatever the machine's time zone", () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      expect(parseRetryAfter("Sun Nov  6 08:50:37 1994", now)).toBe(60_000);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("finds nothing readable in fractions, signs, lists, words and other date formats", () => {
    for (const value of ["1.5", "-1", "+5", "5, 10", "soon", "0x10", "1e3", "", "2026-11-28T10:00:00Z", "Tomorrow"]) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("9".repeat(400), now)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("a date with anything before or after it is not a date", () => {
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT junk")).toBeUndefined();
    expect(parseRetryAfter("junk Sun, 06 Nov 1994 08:49:37 GMT")).toBeUndefined();
  });
});

describe("Retry-After and the retry decision", () => {
  const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 30_000 };

  it("Retry-After on a 500, 502 or 408 is not a wait it asked for: the backoff, never a refusal", () => {
    for (const status of [500, 502, 408]) {
      const error = new ServerError("x", { status, headers: { "retry-after": "3600" } });
      expect(decideRetry(error, 0, policy, () => 0)).toEqual({
        retry: true,
        delayMs: backoffDelay(0, policy, () => 0),
      });
    }
  });

  it("a Retry-After exactly at maxRetryAfterMs is waited; one millisecond more is refused", () => {
    const at = new RateLimitError("x", { status: 429, headers: { "retry-after": "30" } });
    expect(decideRetry(at, 0, policy)).toEqual({ retry: true, delayMs: 30_000 });
    expect(decideRetry(at, 0, { ...policy, maxRetryAfterMs: 29_999 })).toEqual({ retry: false });
  });
});

describe("Retry-After", () => {
  it("in seconds: 0 retries at once, whatever the backoff would be", async ({ serve }) => {
    const { client, server, warnings } = await clientFor(serve, sequence(status(429, { "retry-after": "0" }), ok), {
      retryBaseDelayMs: 60_000,
    });

    await expect(get(client)).resolves.toBeDefined();
    expect(server.requests).toHaveLength(2);
    expect(warnings[0]).toMatch(/in 0 ms$/);
  });

  it("as an HTTP date in the past retries at once, on 503 too", async ({ serve }) => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    const { client, server, warnings } = await clientFor(serve, sequence(status(503, { "retry-after": past }), ok), {
      retryBaseDelayMs: 60_000,
    });

    await expect(get(client)).resolves.toBeDefined();
    expect(server.requests).toHaveLength(2);
    expect(warnings[0]).toMatch(/in 0 ms$/);
  });

  it("in seconds past maxRetryAfterMs: fails with the RateLimitError at once instead of sleeping", async ({
    serve,
  }) => {
    // An hour: the test would time out if the client slept through it.
    const { client, server } = await clientFor(serve, status(429, { "retry-after": "3600" }), {
      maxRetries: 5,
      maxRetryAfterMs: 10_000,
    });

    const error = await get(client).catch((e) => e);

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(server.requests).toHaveLength(1);
  });

  it("as an HTTP date past maxRetryAfterMs: fails at once", async ({ serve }) => {
    const inAnHour = new Date(Date.now() + 3_600_000).toUTCString();
    const { client, server } = await clientFor(serve, status(429, { "retry-after": inAnHour }), {
      maxRetryAfterMs: 10_000,
    });

    const error = await get(client).catch((e) => e);

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(server.requests).toHaveLength(1);
  });

  it("a 503 with a Retry-After past the cap fails with the ServerError at once", async ({ serve }) => {
    const { client, server } = await clientFor(serve, status(503, { "retry-after": "3600" }), {
      maxRetryAfterMs: 10_000,
    });

    await expect(get(client)).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it("an unreadable Retry-After falls back to the backoff", async ({ serve }) => {
    const { client, server } = await clientFor(serve, sequence(status(429, { "retry-after": "soon" }), ok), {
      maxRetryAfterMs: 0,
    });

    await expect(get(client)).resolves.toBeDefined();
    expect(server.requests).toHaveLength(2);
  });
});

describe("Retry-After that is not delay-seconds or an HTTP date", () => {
  it.for(["1.5", "-1", "5, 10", "soon", "0x10", "Tomorrow"])(
    "%j is unreadable: no retryAfterMs, and the retry waits the backoff, not 0 ms",
    async (retryAfter, { serve }) => {
      const { client, lines } = await setupClient(
        serve,
        sequence(
          (_request, response) =>
            sendJson(response, 429, apiError("TooManyRequests", "Slow down."), { "retry-after": retryAfter }),
          (_request, response) => sendJson(response, 200, page(["ok"])),
        ),
        { retryBaseDelayMs: 40 },
      );

      await expect(client.getExportConnections({ imodelId: IMODEL_ID })).resolves.toMatchObject({
        connections: [{ id: "ok" }],
      });
      const waited = Number(
        /retry 1 of 2 in (\d+) ms$/.exec(lines.find((line) => line.includes("retry 1")) ?? "")?.[1],
      );
      // The backoff: 40 ms less up to a quarter of jitter.
      expect(waited).toBeGreaterThanOrEqual(30);
      expect(waited).toBeLessThanOrEqual(40);
    },
  );

  it("the last error keeps no retryAfterMs for an unreadable header", async ({ serve }) => {
    const { client } = await setupClient(
      serve,
      (_request, response) =>
        sendJson(response, 429, apiError("TooManyRequests", "Slow down."), { "retry-after": "1.5" }),
      { maxRetries: 0 },
    );
    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBeUndefined();
  });
});

describe("Retry-After: any value gives a wait from 0 to maxRetryAfterMs, or the backoff; never NaN or negative", () => {
  const policy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };
  const headerValue = fc.oneof(
    fc.string(),
    fc.nat().map(String),
    fc.double({ noNaN: false }).map(String),
    fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}, ${b}`),
  );

  it(
    "holds for every generated header",
    () => {
      fc.assert(
        fc.property(headerValue, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (value, random) => {
          const parsed = parseRetryAfter(value);
          if (parsed !== undefined) {
            expect(Number.isFinite(parsed)).toBe(true);
            expect(parsed).toBeGreaterThanOrEqual(0);
          }
          const error = new RateLimitError("429", { status: 429, headers: { "retry-after": value } });
          const decision = decideRetry(error, 0, policy, () => random);
          if (!decision.retry) {
            // Only a readable wait past the cap is refused.
            expect(error.retryAfterMs).toBeGreaterThan(policy.maxRetryAfterMs);
            return;
          }
          expect(Number.isFinite(decision.delayMs)).toBe(true);
          expect(decision.delayMs).toBeGreaterThanOrEqual(0);
          if (error.retryAfterMs === undefined) expect(decision.delayMs).toBe(backoffDelay(0, policy, () => random));
          else expect(decision.delayMs).toBeLessThanOrEqual(policy.maxRetryAfterMs);
        }),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
