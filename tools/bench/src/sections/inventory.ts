// An inventory of many iModels from the mock server (in a child process), concurrency 8: ours (`inventory()`)
// against a hand-written p-limit loop over our own single-iModel call. Three parts: throughput in interleaved
// rounds; the heap a run leaves behind, 5,000 iModels against 500, each run in a fresh process; and the 429s each
// gets for the same work under a rate limit with a whole-second window.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  CountingFetch,
  INVENTORY_CALLERS,
  type InventoryCall,
  type InventorySetup,
  OURS_INVENTORY,
  P_LIMIT,
  P_LIMIT_PER_WORKER,
  type Tally,
} from "../callers/inventory.js";
import type { InventoryHeapRun } from "../children/inventory-heap.js";
import { CONNECTIONS_PER_IMODEL, type RateLimit, startFleet } from "../fixtures/fleet.js";
import { lastJsonLine, runNode } from "../harness/processes.js";
import { runRounds } from "../harness/rounds.js";
import { median, ratios, type Spread, spread } from "../harness/stats.js";
import { opsPerCpuSecond, opsPerWallSecond } from "../harness/throughput.js";
import { childScript } from "../paths.js";
import { count, megabytes, perSecond, ratio, spreadOf, table } from "../report/format.js";
import type { Section, SectionOptions } from "./section.js";

const CONCURRENCY = 8;
const HEAP_VARIANTS = [
  { name: OURS_INVENTORY, variant: "ours" },
  { name: P_LIMIT, variant: "p-limit" },
] as const;

interface Sizes {
  imodels: number;
  rounds: number;
  /** iModels of the small heap run; the large one lists `imodels`. */
  heapSmall: number;
  heapRounds: number;
  rateImodels: number;
  rateLimit: RateLimit;
  rateRounds: number;
}

/** What each page takes to serve in the rate-limited runs: a service's time (the gateway's 429s take none). */
const SERVICE_MS = 20;

const FULL: Sizes = {
  imodels: 5_000,
  rounds: 5,
  heapSmall: 500,
  heapRounds: 3,
  rateImodels: 400,
  rateLimit: { limit: 100, windowMs: 1_000 },
  rateRounds: 3,
};
const QUICK: Sizes = {
  imodels: 200,
  rounds: 2,
  heapSmall: 20,
  heapRounds: 1,
  rateImodels: 30,
  rateLimit: { limit: 20, windowMs: 1_000 },
  rateRounds: 1,
};

/** Checks a run consumed every connection of every iModel, and no error. */
function complete(tally: Tally, imodels: number, who: string): Tally {
  const connections = imodels * CONNECTIONS_PER_IMODEL;
  if (tally.imodels !== imodels || tally.connections !== connections || tally.errors !== 0) {
    throw new Error(
      `${who}: ${tally.imodels} of ${imodels} iModels, ${tally.connections} of ${connections} connections, ${tally.errors} errors`,
    );
  }
  return tally;
}

export const inventory: Section = {
  name: "inventory",
  async run(options) {
    const sizes = options.quick ? QUICK : FULL;
    const speed = await measureThroughput(sizes, options);
    const heap = await measureHeap(sizes, options);
    const limited = await measureRateLimited(sizes, options);
    const markdown = [
      "## Inventory of many iModels",
      "",
      `Every connection of ${sizes.imodels.toLocaleString("en-US")} iModels (${CONNECTIONS_PER_IMODEL} each, one ` +
        "page at the server's default `$top` of 100, so one request per iModel) from `@export-api/mock-server`, run " +
        "in a child process so its CPU is not counted in the client's, with 8 iModels at a time: ours, " +
        "`inventory(client, ids, { concurrency: 8 })`, against the loop written by hand today, `p-limit` (8) over our " +
        "own `iterateExportConnections(...).pages()`. Both do the same work per iModel (every page, each connection " +
        "id once, the iModel's error caught) and consume each iModel's result as it finishes without keeping it. " +
        `${count(sizes.rounds, "interleaved round")} after one warm-up run each; ratios taken round by round.`,
      "",
      speed.table,
      "",
      `Memory: the same listing of ${sizes.imodels.toLocaleString("en-US")} and of ` +
        `${sizes.heapSmall.toLocaleString("en-US")} iModels, each run in a fresh process ` +
        `(${count(sizes.heapRounds, "round")}), results dropped as they come. heapUsed after the run is read after a ` +
        "full GC: what the run left behind; the peak is sampled every 10 ms during it and counts garbage not yet " +
        "collected, so it grows with a run's length too. The p-limit loop also queues a task per iModel up front " +
        "(`Promise.all` over every id).",
      "",
      heap.table,
      "",
      `Under a rate limit: ${sizes.rateImodels.toLocaleString("en-US")} iModels from a mock that allows ` +
        `${sizes.rateLimit.limit} requests per ${sizes.rateLimit.windowMs.toLocaleString("en-US")} ms and answers 429 ` +
        "with `Retry-After` (whole seconds to the end of the window) past that, at once, as the gateway in front of " +
        `a service does, while a page takes ${SERVICE_MS} ms to serve (\`--latency ${SERVICE_MS}\`). Every client ` +
        "retries up to 50 times and waits a `Retry-After` of up to 60 s, so every run finishes; 429s and requests " +
        "are counted by each contender's fetch. Each run starts after a quiet window; " +
        `${count(sizes.rateRounds, "round")} of (ours, p-limit with one client, p-limit with a client per worker). ` +
        "The loop written by hand today is the last: each of the eight workers is told to wait on its own and backs " +
        "off on its own, so each meets the limit once per window. Our client keeps one rate budget: the first 429 " +
        "pauses every request of the client until its `Retry-After` ends, so a worker whose page comes back after " +
        "that waits instead of meeting the limit; only requests sent before the first 429 came back get one too. " +
        "The budget belongs to the client, not to `inventory()`: a p-limit loop over one of our clients shares it " +
        "as well (the middle row).",
      "",
      limited.table,
    ].join("\n");
    return {
      markdown,
      measured: {
        inventoryThroughput: speed.oursVsPLimit,
        inventoryHeap: heap.largeVsSmall,
        inventory429: limited.oursVsPLimit,
      },
    };
  },
};

async function measureThroughput({ imodels, rounds }: Sizes, { log }: SectionOptions) {
  const fleet = await startFleet(imodels);
  try {
    const setup: InventorySetup = { baseUrl: fleet.url, ids: fleet.ids, concurrency: CONCURRENCY };
    const contenders = INVENTORY_CALLERS.filter(({ name }) => name !== P_LIMIT_PER_WORKER).map(({ name, make }) => {
      const call = make(setup);
      return { name, call: async () => complete(await call(), imodels, name) };
    });
    // One run per batch; a batch's "calls" are runs, so a rate is runs/s: times connections per run.
    const batches = await runRounds(contenders, {
      rounds,
      warmupMs: 0,
      batchMs: 0,
      callsPerBatch: 1,
      onRound: (round) => log(`inventory: throughput round ${round} of ${rounds}`),
    });
    const perRun = imodels * CONNECTIONS_PER_IMODEL;
    const rate = (name: string, per: typeof opsPerWallSecond) =>
      (batches.get(name) ?? []).map((batch) => per(batch) * perRun);
    const versus = (name: string, per: typeof opsPerWallSecond) => spread(ratios(rate(name, per), rate(P_LIMIT, per)));
    const rows = contenders.map(({ name }) => [
      name,
      spreadOf(spread(rate(name, opsPerWallSecond)), perSecond),
      spreadOf(spread(rate(name, opsPerCpuSecond)), perSecond),
      name === P_LIMIT ? "" : spreadOf(versus(name, opsPerWallSecond), ratio),
      name === P_LIMIT ? "" : spreadOf(versus(name, opsPerCpuSecond), ratio),
    ]);
    return {
      table: table(
        ["contender", "connections/s, wall", "connections/s, client CPU", "/ p-limit, wall", "/ p-limit, CPU"],
        rows,
      ),
      oursVsPLimit: versus(OURS_INVENTORY, opsPerWallSecond),
    };
  } finally {
    await fleet.close();
  }
}

async function measureHeap({ imodels, heapSmall, heapRounds }: Sizes, { log }: SectionOptions) {
  const fleet = await startFleet(imodels);
  const dir = mkdtempSync(join(tmpdir(), "bench-inventory-"));
  try {
    const idsFile = join(dir, "ids.json");
    writeFileSync(idsFile, JSON.stringify(fleet.ids));
    const runs = new Map<string, InventoryHeapRun[]>();
    const key = (variant: string, size: number) => `${variant}:${size}`;
    for (let round = 1; round <= heapRounds; round++) {
      for (const size of [imodels, heapSmall]) {
        for (const { variant } of HEAP_VARIANTS) {
          const stdout = await runNode(
            childScript("inventory-heap"),
            [variant, fleet.url, idsFile, String(size)],
            ["--expose-gc"],
          );
          const run = lastJsonLine<InventoryHeapRun>(stdout);
          complete({ imodels: run.imodels, connections: run.connections, errors: run.errors }, size, variant);
          runs.set(key(variant, size), [...(runs.get(key(variant, size)) ?? []), run]);
        }
      }
      log(`inventory: heap round ${round} of ${heapRounds}`);
    }
    const of = (variant: string, size: number, field: "heapUsedAfter" | "peakHeapUsed" | "heapUsedAtStart") =>
      (runs.get(key(variant, size)) ?? []).map((run) => run[field]);
    const largeVsSmall = (variant: string, field: "heapUsedAfter" | "peakHeapUsed") =>
      spread(ratios(of(variant, imodels, field), of(variant, heapSmall, field)));
    const rows = HEAP_VARIANTS.map(({ name, variant }) => [
      name,
      megabytes(median(of(variant, heapSmall, "heapUsedAfter"))),
      megabytes(median(of(variant, imodels, "heapUsedAfter"))),
      spreadOf(largeVsSmall(variant, "heapUsedAfter"), ratio),
      megabytes(median(of(variant, heapSmall, "peakHeapUsed"))),
      megabytes(median(of(variant, imodels, "peakHeapUsed"))),
      spreadOf(largeVsSmall(variant, "peakHeapUsed"), ratio),
      megabytes(median(of(variant, imodels, "heapUsedAtStart"))),
    ]);
    const small = heapSmall.toLocaleString("en-US");
    const large = imodels.toLocaleString("en-US");
    return {
      table: table(
        [
          "contender",
          `heapUsed after, ${small}`,
          `heapUsed after, ${large}`,
          `after: ${large} / ${small}`,
          `peak, ${small}`,
          `peak, ${large}`,
          `peak: ${large} / ${small}`,
          "heapUsed at start",
        ],
        rows,
      ),
      largeVsSmall: largeVsSmall("ours", "heapUsedAfter"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fleet.close();
  }
}

interface LimitedRun {
  tooManyRequests: number;
  requests: number;
  seconds: number;
}

async function measureRateLimited({ rateImodels, rateLimit, rateRounds }: Sizes, { log }: SectionOptions) {
  const fleet = await startFleet(rateImodels, rateLimit, SERVICE_MS);
  try {
    const contenders = INVENTORY_CALLERS.map(({ name, make }) => {
      const counter = new CountingFetch();
      const setup: InventorySetup = {
        baseUrl: fleet.url,
        ids: fleet.ids,
        concurrency: CONCURRENCY,
        client: { fetch: counter.fetch, maxRetries: 50, maxRetryAfterMs: 60_000 },
      };
      return { name, counter, call: make(setup) as InventoryCall };
    });
    const runs = new Map<string, LimitedRun[]>(contenders.map(({ name }) => [name, []]));
    for (let round = 1; round <= rateRounds; round++) {
      for (const [index, { name, counter, call }] of contenders.entries()) {
        // A quiet window first (but before the first run, the mock has seen no request), so every run starts with
        // the whole of one.
        if (round > 1 || index > 0) await sleep(rateLimit.windowMs);
        counter.reset();
        const started = performance.now();
        complete(await call(), rateImodels, name);
        runs.get(name)?.push({
          tooManyRequests: counter.tooManyRequests,
          requests: counter.requests,
          seconds: (performance.now() - started) / 1000,
        });
      }
      log(`inventory: rate-limited round ${round} of ${rateRounds}`);
    }
    const of = (name: string, field: keyof LimitedRun) => (runs.get(name) ?? []).map((run) => run[field]);
    // 0 of 0 is as many; n of 0 is more.
    const versus = (name: string) =>
      spread(
        of(name, "tooManyRequests").map((value, i) => {
          const base = of(P_LIMIT_PER_WORKER, "tooManyRequests")[i]!;
          return base === 0 ? (value === 0 ? 1 : Number.POSITIVE_INFINITY) : value / base;
        }),
      );
    const whole = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 0 });
    const seconds = (value: number) => `${value.toFixed(1)} s`;
    const rows = contenders.map(({ name }) => [
      name,
      spreadOf(spread(of(name, "tooManyRequests")), whole),
      spreadOf(spread(of(name, "requests")), whole),
      spreadOf(spread(of(name, "seconds")), seconds),
      name === P_LIMIT_PER_WORKER ? "" : spreadOf(versus(name), ratio),
    ]);
    return {
      table: table(
        ["contender", "429s received", "requests sent", "time", "429s / p-limit, a client per worker"],
        rows,
      ),
      oursVsPLimit: versus(OURS_INVENTORY) satisfies Spread,
    };
  } finally {
    await fleet.close();
  }
}
