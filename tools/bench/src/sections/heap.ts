// Heap over 200,000 stubbed calls: the peak heapUsed of ours against bare openapi-fetch, each run in a fresh
// child process so the two never share a heap; the runs alternate (ours, bare, ours, bare, ...).

import { BARE, OURS } from "../callers/index.js";
import type { HeapRun } from "../children/heap-run.js";
import { PER_CALL_TOP } from "../fixtures/page.js";
import { lastJsonLine, runNode } from "../harness/processes.js";
import { median, ratios, spread } from "../harness/stats.js";
import { childScript } from "../paths.js";
import { count, megabytes, ratio, spreadOf, table } from "../report/format.js";
import type { Section } from "./section.js";

const VARIANTS = [
  { name: OURS, variant: "ours" },
  { name: BARE, variant: "openapi-fetch" },
] as const;

export const heap: Section = {
  name: "heap",
  async run({ quick, log }) {
    const calls = quick ? 5_000 : 200_000;
    const rounds = quick ? 1 : 3;
    const runs = new Map<string, HeapRun[]>(VARIANTS.map(({ variant }) => [variant, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const { variant } of VARIANTS) {
        const stdout = await runNode(childScript("heap-run"), [variant, String(calls)], ["--expose-gc"]);
        const run = lastJsonLine<HeapRun>(stdout);
        if (run.connections !== calls * PER_CALL_TOP) throw new Error(`${variant} read ${run.connections} connections`);
        runs.get(variant)?.push(run);
      }
      log(`heap: round ${round} of ${rounds}`);
    }
    const peaksOf = (variant: string) => (runs.get(variant) ?? []).map((run) => run.peakHeapUsed);
    const oursVsBare = spread(ratios(peaksOf("ours"), peaksOf("openapi-fetch")));
    const rows = VARIANTS.map(({ name, variant }) => [
      name,
      spreadOf(spread(peaksOf(variant)), megabytes),
      megabytes(median((runs.get(variant) ?? []).map((run) => run.peakRss))),
      megabytes(median((runs.get(variant) ?? []).map((run) => run.heapUsedAtStart))),
      variant === "ours" ? spreadOf(oursVsBare, ratio) : "",
    ]);
    const markdown = [
      "## Heap over many calls",
      "",
      `${calls.toLocaleString("en-US")} stubbed calls in a row (the per-call page), in a fresh process per run; ` +
        "`process.memoryUsage()` sampled every 100 calls and every 10 ms. " +
        `${count(rounds, "round")} of (ours, bare), ratio taken round by round.`,
      "",
      table(
        ["contender", "peak heapUsed", "peak RSS (median)", "heapUsed at start (median)", "/ bare openapi-fetch"],
        rows,
      ),
    ].join("\n");
    return { markdown, measured: { heapPeak: oursVsBare } };
  },
};
