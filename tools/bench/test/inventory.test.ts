// Smoke tests of the inventory section's parts: the mock fleet in its child process, each contender reading every
// connection of every iModel, the 429 count under a rate limit, and one memory run. Counts only, never a timing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test as base, describe, expect } from "vitest";
import { CountingFetch, INVENTORY_CALLERS } from "../src/callers/inventory.js";
import type { InventoryHeapRun } from "../src/children/inventory-heap.js";
import { CONNECTIONS_PER_IMODEL, type Fleet, startFleet } from "../src/fixtures/fleet.js";
import { lastJsonLine, runNode } from "../src/harness/processes.js";
import { childScript } from "../src/paths.js";

const IMODELS = 40;
// Fewer requests per window than the 8 a contender sends at once, so its first batch meets the limit however slow
// the machine is: the count of 429s never depends on a timing.
const RATE_LIMIT = { limit: 5, windowMs: 1_000 };
const RATE_IMODELS = 12;

/** `test` with a plain fleet for the whole file, and a fresh rate-limited one for each test that asks for it. */
const test = base.extend<{ fleet: Fleet; limited: Fleet }>({
  fleet: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const fleet = await startFleet(IMODELS);
      await use(fleet);
      await fleet.close();
    },
    { scope: "file" },
  ],
  // Its own mock per test: no contender inherits another's rate-limit window.
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixture's dependencies from this pattern
  limited: async ({}, use) => {
    const fleet = await startFleet(RATE_IMODELS, RATE_LIMIT);
    await use(fleet);
    await fleet.close();
  },
});

describe("the mock fleet", () => {
  test("seeds the iModels asked for, each id once", ({ fleet }) => {
    expect(fleet.ids).toHaveLength(IMODELS);
    expect(new Set(fleet.ids).size).toBe(IMODELS);
  });
});

describe("each inventory contender", () => {
  for (const { name, make } of INVENTORY_CALLERS) {
    test(`${name} consumes every connection of every iModel, twice`, async ({ fleet }) => {
      const call = make({ baseUrl: fleet.url, ids: fleet.ids, concurrency: 8 });
      const all = { imodels: IMODELS, connections: IMODELS * CONNECTIONS_PER_IMODEL, errors: 0 };
      expect(await call()).toEqual(all);
      expect(await call()).toEqual(all);
    });
  }
});

describe("under a rate limit", () => {
  for (const { name, make } of INVENTORY_CALLERS) {
    test(`${name} finishes, and its fetch counts each 429 and the retry it was followed by`, async ({ limited }) => {
      const counter = new CountingFetch();
      const call = make({
        baseUrl: limited.url,
        ids: limited.ids,
        concurrency: 8,
        client: { fetch: counter.fetch, maxRetries: 50 },
      });
      expect(await call()).toEqual({
        imodels: RATE_IMODELS,
        connections: RATE_IMODELS * CONNECTIONS_PER_IMODEL,
        errors: 0,
      });
      expect(counter.tooManyRequests).toBeGreaterThan(0);
      // One page per iModel: every request is either that page or a 429 followed by one more request.
      expect(counter.requests).toBe(RATE_IMODELS + counter.tooManyRequests);
    });
  }
});

describe("an inventory memory run", () => {
  for (const variant of ["ours", "p-limit"]) {
    test(`of ${variant} lists every iModel and reports its heap`, async ({ fleet }) => {
      const dir = mkdtempSync(join(tmpdir(), "bench-inventory-test-"));
      try {
        const idsFile = join(dir, "ids.json");
        writeFileSync(idsFile, JSON.stringify(fleet.ids));
        const stdout = await runNode(
          childScript("inventory-heap"),
          [variant, fleet.url, idsFile, "10"],
          ["--expose-gc"],
        );
        const run = lastJsonLine<InventoryHeapRun>(stdout);
        expect(run).toMatchObject({ variant, imodels: 10, connections: 10 * CONNECTIONS_PER_IMODEL, errors: 0 });
        expect(run.peakHeapUsed).toBeGreaterThanOrEqual(run.heapUsedAtStart);
        expect(run.heapUsedAfter).toBeGreaterThan(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  base("refuses an unknown variant", async () => {
    await expect(
      runNode(childScript("inventory-heap"), ["axios", "http://127.0.0.1:1", "ids.json", "10"]),
    ).rejects.toThrow(/usage/);
  });
});
