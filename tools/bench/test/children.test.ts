// Smoke tests of what runs in child processes: the page server (per call and paging over loopback), a heap run,
// a cold import and a short load. Each checks counts and shapes, never a timing.
import { test as base, describe, expect } from "vitest";
import { loopbackContenders, pagingContenders } from "../src/callers/index.js";
import type { HeapRun } from "../src/children/heap-run.js";
import { PER_CALL_TOP } from "../src/fixtures/page.js";
import { lastJsonLine, runNode, type ServerProcess, startServerProcess } from "../src/harness/processes.js";
import { childScript } from "../src/paths.js";
import { coldImportMs } from "../src/sections/cold-import.js";
import { load } from "../src/sections/throughput.js";

const TOTAL = 2_500;

/** `test` with the page server of TOTAL connections, one for the whole file. */
const test = base.extend<{ server: ServerProcess }>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const server = await startServerProcess(childScript("page-server"), ["--total", String(TOTAL)]);
      await use(server);
      await server.close();
    },
    { scope: "file" },
  ],
});

describe("over loopback to the page server", () => {
  test("ours and raw fetch, with and without a time limit, each read one page of 50", async ({ server }) => {
    for (const { call } of loopbackContenders(server.url)) expect(await call()).toBe(PER_CALL_TOP);
  });

  for (const pageSize of [100, 1000]) {
    test(`ours and the hand-written loop, with and without a time limit, each read all ${TOTAL} connections in pages of ${pageSize}`, async ({
      server,
    }) => {
      for (const { call } of pagingContenders(server.url, pageSize)) expect(await call()).toBe(TOTAL);
    });
  }

  test("autocannon loads it and every answer is a 2xx", async ({ server }) => {
    const result = await load(`${server.url}/export/connections?$top=100`, 1);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
    expect(result).toMatchObject({ non2xx: 0, errors: 0 });
  });
});

describe("a heap run", () => {
  for (const variant of ["ours", "openapi-fetch"]) {
    base(`of ${variant} makes every call and reports its peaks`, async () => {
      const run = lastJsonLine<HeapRun>(await runNode(childScript("heap-run"), [variant, "300"], ["--expose-gc"]));
      expect(run).toMatchObject({ variant, calls: 300, connections: 300 * PER_CALL_TOP });
      expect(run.peakHeapUsed).toBeGreaterThan(0);
      expect(run.peakRss).toBeGreaterThanOrEqual(run.peakHeapUsed);
    });
  }

  base("refuses an unknown variant", async () => {
    await expect(runNode(childScript("heap-run"), ["axios", "10"])).rejects.toThrow(/usage/);
  });
});

describe("a cold import", () => {
  base("of ours reports the milliseconds it took", async () => {
    expect(await coldImportMs("@export-api/client")).toBeGreaterThan(0);
  });
});
