// The harness's arithmetic and the report's wording: medians, per-round ratios, PASS/BELOW, the command line.
import { describe, expect, it } from "vitest";
import { readArgs } from "../src/args.js";
import { runRounds } from "../src/harness/rounds.js";
import { median, ratios, spread } from "../src/harness/stats.js";
import { targetsTable } from "../src/report/targets.js";
import { bundleSize } from "../src/sections/bundle-size.js";

describe("stats", () => {
  it("takes the median of odd and even counts, and ratios round by round", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(ratios([2, 6], [1, 3])).toEqual([2, 2]);
    expect(spread([1, 5, 3])).toEqual({ median: 3, min: 1, max: 5 });
  });

  it("refuses ratios of different round counts", () => {
    expect(() => ratios([1], [1, 2])).toThrow(/rounds differ/);
  });
});

describe("runRounds", () => {
  it("runs every contender once per round, interleaved, with the batch size asked for", async () => {
    const order: string[] = [];
    const contenders = ["A", "B"].map((name) => ({ name, call: () => order.push(name) }));
    const batches = await runRounds(contenders, { rounds: 3, warmupMs: 0, batchMs: 0, callsPerBatch: 2 });
    expect(order.join("")).toBe(`AB${"AABB".repeat(3)}`);
    expect(batches.get("A")?.map((batch) => batch.calls)).toEqual([2, 2, 2]);
  });
});

describe("the targets table", () => {
  it("says PASS, BELOW, or not measured", () => {
    const text = targetsTable({
      perCallWall: { median: 0.97, min: 0.9, max: 1.02 },
      bundleGzip: { median: 6_716, min: 6_716, max: 6_716 },
    });
    expect(text).toMatch(/ops\/s by wall time \| 0\.97x \(0\.90x\.\.1\.02x\) \| >= 0\.95x \| PASS \|/);
    expect(text).toMatch(/min\+gzip \| 6,716 B .* \| <= 5,000 B \| BELOW \|/);
    expect(text).toMatch(/ops\/s by CPU time \| not measured in this run/);
  });

  it("reads a goal of fewer as strictly fewer: as many is BELOW", () => {
    const as = (median: number) => targetsTable({ inventory429: { median, min: median, max: median } });
    expect(as(1)).toMatch(/429s, ours \/ p-limit loop \(a client per worker\) \| 1\.00x .* \| < 1\.00x \| BELOW \|/);
    expect(as(0.5)).toMatch(/429s, ours \/ p-limit loop \(a client per worker\) \| 0\.50x .* \| < 1\.00x \| PASS \|/);
  });
});

describe("the command line", () => {
  const sections = ["per-call", "paging"];

  it("reads --only as a list, with or without the `--` pnpm passes", () => {
    expect(readArgs(["--", "--only", "per-call,paging", "--quick"], sections)).toMatchObject({
      only: ["per-call", "paging"],
      quick: true,
    });
    expect(readArgs([], sections)).toMatchObject({ only: undefined, quick: false });
  });

  it("refuses an unknown section", () => {
    expect(() => readArgs(["--only", "speed"], sections)).toThrow(/unknown section speed/);
  });
});

describe("bundleSize", () => {
  it("bundles and compresses a peer: brotli < gzip < minified", async () => {
    const size = await bundleSize('export * from "openapi-fetch";');
    expect(size.gzip).toBeLessThan(size.minified);
    expect(size.brotli).toBeLessThan(size.gzip);
  });
});
