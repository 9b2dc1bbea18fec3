// The targets the lead works toward, each printed beside its measured value with PASS or BELOW (not there yet).
// A target never fails the run: speed is measured and written down, not asserted.
import type { Spread } from "../harness/stats.js";
import * as format from "./format.js";

export type MeasureKey =
  | "perCallWall"
  | "perCallCpu"
  | "heapPeak"
  | "paging100"
  | "loopback"
  | "bundleGzip"
  | "coldImport"
  | "mockVsStatic"
  | "hooksOff"
  | "hooksOn"
  | "tracingOn"
  | "inventoryThroughput"
  | "inventoryHeap"
  | "inventory429";

interface Target {
  key: MeasureKey;
  what: string;
  /** `min`: the measured median must be at least `goal`; `max`: at most `goal`; `under`: below `goal`. */
  bound: "min" | "max" | "under";
  goal: number;
  format: (value: number) => string;
}

export const TARGETS: readonly Target[] = [
  {
    key: "perCallWall",
    what: "per call, stubbed fetch: ours / bare openapi-fetch, ops/s by wall time",
    bound: "min",
    goal: 0.95,
    format: format.ratio,
  },
  {
    key: "perCallCpu",
    what: "per call, stubbed fetch: ours / bare openapi-fetch, ops/s by CPU time",
    bound: "min",
    goal: 0.95,
    format: format.ratio,
  },
  {
    key: "heapPeak",
    what: "200,000 stubbed calls: peak heapUsed, ours / bare openapi-fetch",
    bound: "max",
    goal: 1.5,
    format: format.ratio,
  },
  {
    key: "paging100",
    what: "paging 100,000 over loopback, pages of 100: ours / hand-written loop, connections/s",
    bound: "min",
    goal: 0.95,
    format: format.ratio,
  },
  {
    key: "loopback",
    what: "per call over loopback: ours / raw fetch, calls/s",
    bound: "min",
    goal: 0.95,
    format: format.ratio,
  },
  {
    key: "bundleGzip",
    what: "client bundled with openapi-fetch for the browser, min+gzip",
    bound: "max",
    goal: 5_000,
    format: format.bytes,
  },
  {
    key: "coldImport",
    what: "cold `await import('@export-api/client')`, fresh process",
    bound: "max",
    goal: 2.5,
    format: format.ms,
  },
  {
    key: "mockVsStatic",
    what: "mock server / static node:http server, requests/s",
    bound: "min",
    goal: 0.25,
    format: format.ratio,
  },
  {
    key: "inventoryThroughput",
    what: "inventory of 5,000 iModels, concurrency 8: ours / p-limit loop, connections/s",
    bound: "min",
    goal: 0.95,
    format: format.ratio,
  },
  {
    key: "inventoryHeap",
    what: "inventory: heapUsed after a run of 5,000 iModels / of 500 (ours)",
    bound: "max",
    goal: 1.5,
    format: format.ratio,
  },
  {
    key: "inventory429",
    what: "inventory under a rate limit: 429s, ours / p-limit loop (a client per worker)",
    bound: "under",
    goal: 1,
    format: format.ratio,
  },
];

const SIGNS = { min: ">=", max: "<=", under: "<" } as const;

/** The targets table: what, measured (median and spread), goal, and PASS, BELOW or "not measured". */
export function targetsTable(measured: Partial<Record<MeasureKey, Spread>>): string {
  const rows = TARGETS.map((target) => {
    const value = measured[target.key];
    const goal = `${SIGNS[target.bound]} ${target.format(target.goal)}`;
    if (!value) return [target.what, "not measured in this run", goal, ""];
    const met =
      target.bound === "min"
        ? value.median >= target.goal
        : target.bound === "max"
          ? value.median <= target.goal
          : value.median < target.goal;
    return [target.what, format.spreadOf(value, target.format), goal, met ? "PASS" : "BELOW"];
  });
  return format.table(["target", "measured: median (min..max)", "goal", ""], rows);
}
