// The page cache: bounded by bytes, least recently used out first, and invisible in what the mock serves.
import { IMODEL_ID } from "@export-api/test-utils";
import { VENDOR_MEDIA_TYPE } from "@export-api/types";
import { describe, expect, it as plainIt } from "vitest";
import { PageCache } from "../src/core/page-cache.js";
import { listConnections } from "./fixtures/http.js";
import { it } from "./fixtures/mock.js";

const bytes = (size: number) => new Uint8Array(size);

describe("PageCache", () => {
  plainIt("keeps pages up to its byte budget, evicting the least recently used", () => {
    const cache = new PageCache(100);
    cache.set("a", bytes(40));
    cache.set("b", bytes(40));
    expect(cache.get("a")).toBeDefined(); // a is now the most recently used
    cache.set("c", bytes(40)); // 120 > 100: b goes
    expect(cache.get("b")).toBeUndefined();
    expect([cache.get("a")?.length, cache.get("c")?.length]).toEqual([40, 40]);
    expect(cache.bytes).toBe(80);
  });

  plainIt("never keeps a page larger than the whole budget, and counts a replaced page once", () => {
    const cache = new PageCache(100);
    cache.set("huge", bytes(101));
    expect(cache.size).toBe(0);
    cache.set("a", bytes(30));
    cache.set("a", bytes(50));
    expect([cache.size, cache.bytes]).toEqual([1, 50]);
  });
});

describe("served pages", () => {
  it("are the same with the cache on or off, on the first request and on later ones", async ({ startMock }) => {
    const cached = await startMock({ linkBaseUrl: "https://api.bentley.com" });
    const uncached = await startMock({ linkBaseUrl: "https://api.bentley.com", pageCacheBytes: 0 });
    const text = async (mock: typeof cached, query: Record<string, number>) =>
      (await listConnections(mock, { imodelId: IMODEL_ID, ...query })).text();
    for (const query of [
      { $top: 10, $skip: 0 },
      { $top: 10, $skip: 10 },
      { $top: 10, $skip: 0 },
    ]) {
      expect(await text(cached, query)).toBe(await text(uncached, query));
    }
  });

  it("in the vendor media type and in application/json share one cached body", async ({ startMock }) => {
    const mock = await startMock();
    const vendor = await listConnections(
      mock,
      { imodelId: IMODEL_ID },
      { Authorization: "Bearer t", Accept: VENDOR_MEDIA_TYPE },
    );
    const plain = await listConnections(
      mock,
      { imodelId: IMODEL_ID },
      { Authorization: "Bearer t", Accept: "application/json" },
    );
    expect(vendor.headers.get("content-type")).not.toBe(plain.headers.get("content-type"));
    expect(await vendor.text()).toBe(await plain.text());
  });
});

describe("PageCache, at its edges", () => {
  plainIt("keeps a page of exactly its budget, and pages that fill it exactly", () => {
    const whole = new PageCache(100);
    whole.set("a", bytes(100));
    expect([whole.size, whole.bytes]).toEqual([1, 100]);
    const filled = new PageCache(100);
    filled.set("a", bytes(60));
    filled.set("b", bytes(40));
    expect([filled.get("a")?.length, filled.get("b")?.length, filled.bytes]).toEqual([60, 40, 100]);
  });

  plainIt("a page larger than the budget is refused without evicting the pages it keeps", () => {
    const cache = new PageCache(100);
    cache.set("a", bytes(30));
    cache.set("huge", bytes(101));
    expect([cache.get("a")?.length, cache.get("huge"), cache.size, cache.bytes]).toEqual([30, undefined, 1, 30]);
  });

  plainIt("a miss keeps nothing", () => {
    const cache = new PageCache(100);
    expect(cache.get("missing")).toBeUndefined();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });
});
