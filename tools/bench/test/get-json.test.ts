// The hand-written callers' time limit is real: a stalled request is aborted when it runs out, and a request that
// answers leaves no timer behind. Otherwise the `+ time limit` rows would price a promise they do not keep.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getJson, TIME_LIMIT_MS } from "../src/callers/get-json.js";
import { PER_CALL_PAGE, PER_CALL_TOP } from "../src/fixtures/page.js";
import type { Fetch } from "../src/fixtures/stub-fetch.js";
import { stubFetch } from "../src/fixtures/stub-fetch.js";

/** A fetch that never answers, and rejects with the signal's reason once it is aborted. */
const stalled: Fetch = (_input, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("getJson with a time limit", () => {
  it("aborts a request that has not answered when the limit runs out, not before", async () => {
    const read = getJson(stalled, "http://127.0.0.1:1/export/connections", TIME_LIMIT_MS);
    const outcome = read.then(
      () => "answered",
      (error: Error) => error.name,
    );
    await vi.advanceTimersByTimeAsync(TIME_LIMIT_MS - 1);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe("AbortError");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reads the page and clears its timer", async () => {
    const page = (await getJson(stubFetch(PER_CALL_PAGE), "http://stub/", TIME_LIMIT_MS)) as { connections: [] };
    expect(page.connections).toHaveLength(PER_CALL_TOP);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("refuses an answer that is not ok, naming the URL and the status", async () => {
    const notFound: Fetch = async () => new Response("{}", { status: 404 });
    await expect(getJson(notFound, "http://stub/x", TIME_LIMIT_MS)).rejects.toThrow("http://stub/x: 404");
    expect(vi.getTimerCount()).toBe(0);
  });
});
