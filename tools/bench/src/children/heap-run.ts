// One heap run in a fresh process (so no two runs share a heap): `calls` stubbed calls in a row of ours or of bare
// openapi-fetch, with the highest heapUsed and RSS sampled every 10 ms and every 100 calls.
// Usage: node --expose-gc heap-run.js <ours|openapi-fetch> <calls>; prints one JSON line.
import { openapiFetchCall } from "../callers/openapi-fetch.js";
import { oursCall } from "../callers/ours.js";
import type { Call, Target } from "../callers/target.js";
import { PER_CALL_PAGE, PUBLIC_HOST } from "../fixtures/page.js";
import { stubFetch } from "../fixtures/stub-fetch.js";
import { PeakMemory } from "../harness/peak-memory.js";

export interface HeapRun {
  variant: string;
  calls: number;
  connections: number;
  heapUsedAtStart: number;
  peakHeapUsed: number;
  peakRss: number;
}

const VARIANTS: Record<string, (target: Target) => Call> = { ours: oursCall, "openapi-fetch": openapiFetchCall };

const [variant = "", callsArg = ""] = process.argv.slice(2);
const makeCall = VARIANTS[variant];
const calls = Number(callsArg);
if (!makeCall || !Number.isInteger(calls) || calls < 1) {
  process.stderr.write(`usage: heap-run.js <${Object.keys(VARIANTS).join("|")}> <calls>\n`);
  process.exit(2);
}

const call = makeCall({ baseUrl: PUBLIC_HOST, fetch: stubFetch(PER_CALL_PAGE) });
(globalThis as { gc?: () => void }).gc?.();
const heapUsedAtStart = process.memoryUsage().heapUsed;
const peak = new PeakMemory().every(10);
let connections = 0;
for (let i = 0; i < calls; i++) {
  connections += await call();
  if (i % 100 === 0) peak.sample();
}
peak.stop();

const result: HeapRun = {
  variant,
  calls,
  connections,
  heapUsedAtStart,
  peakHeapUsed: peak.heapUsed,
  peakRss: peak.rss,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
