// One memory run of the inventory in a fresh process (so no two runs share a heap): the first `count` iModels of
// `ids-file` (a JSON array) listed from the mock at `url` with concurrency 8 by ours or the p-limit loop, each
// result consumed and dropped as a streaming caller would. heapUsed is sampled every 10 ms during the run, and read
// once more after it, after a full GC: what the run left behind.
// Usage: node --expose-gc inventory-heap.js <ours|p-limit> <url> <ids-file> <count>; prints one JSON line.
import { readFileSync } from "node:fs";
import { INVENTORY_CALLERS, OURS_INVENTORY, P_LIMIT } from "../callers/inventory.js";
import { PeakMemory } from "../harness/peak-memory.js";

export interface InventoryHeapRun {
  variant: string;
  imodels: number;
  connections: number;
  errors: number;
  heapUsedAtStart: number;
  peakHeapUsed: number;
  heapUsedAfter: number;
}

const VARIANTS: Record<string, string> = { ours: OURS_INVENTORY, "p-limit": P_LIMIT };

const [variant = "", url = "", idsFile = "", countArg = ""] = process.argv.slice(2);
const caller = INVENTORY_CALLERS.find(({ name }) => name === VARIANTS[variant]);
const count = Number(countArg);
if (!caller || !url || !idsFile || !Number.isInteger(count) || count < 1) {
  process.stderr.write(`usage: inventory-heap.js <${Object.keys(VARIANTS).join("|")}> <url> <ids-file> <count>\n`);
  process.exit(2);
}
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const ids = (JSON.parse(readFileSync(idsFile, "utf8")) as string[]).slice(0, count);
const call = caller.make({ baseUrl: url, ids, concurrency: 8 });
gc();
const heapUsedAtStart = process.memoryUsage().heapUsed;
const peak = new PeakMemory().every(10);
const tally = await call();
peak.stop();
gc();
const result: InventoryHeapRun = {
  variant,
  imodels: tally.imodels,
  connections: tally.connections,
  errors: tally.errors,
  heapUsedAtStart,
  peakHeapUsed: peak.heapUsed,
  heapUsedAfter: process.memoryUsage().heapUsed,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
