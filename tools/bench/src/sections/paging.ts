// Paging every connection (100,000) over loopback with pages of 100 and of 1000: ours (`iterateExportConnections`)
// against a hand-written fetch loop, with heapUsed and RSS sampled during each run. The server (the page server,
// not our mock) writes next links as the real API does: absolute, on the public host, with `$skip` and `$top` only.
import { HAND, OURS, pagingContenders } from "../callers/index.js";
import { PeakMemory } from "../harness/peak-memory.js";
import { startServerProcess } from "../harness/processes.js";
import type { Contender } from "../harness/rounds.js";
import { runRounds } from "../harness/rounds.js";
import { median, ratios, spread } from "../harness/stats.js";
import { childScript } from "../paths.js";
import { megabytes, perSecond, ratio, spreadOf, table } from "../report/format.js";
import type { Section } from "./section.js";

const PAGE_SIZES = [100, 1000] as const;

export const paging: Section = {
  name: "paging",
  async run({ quick, log }) {
    const total = quick ? 5_000 : 100_000;
    const rounds = quick ? 2 : 5;
    const server = await startServerProcess(childScript("page-server"), ["--total", String(total)]);
    try {
      // One contender per (page size, client); each run samples memory into `peaks`.
      const peaks = new Map<string, PeakMemory[]>();
      const contenders: Contender[] = PAGE_SIZES.flatMap((pageSize) =>
        pagingContenders(server.url, pageSize).map(({ name, call }) => {
          const key = `${name}, pages of ${pageSize}`;
          peaks.set(key, []);
          return { name: key, call: () => sampled(call, peaks.get(key)!, total) };
        }),
      );
      // One run per batch; the warm-up run of each also has the server make its pages.
      const batches = await runRounds(contenders, {
        rounds,
        warmupMs: 0,
        batchMs: 0,
        callsPerBatch: 1,
        onRound: (round) => log(`paging: round ${round} of ${rounds}`),
      });
      const perSecondOf = (name: string) => (batches.get(name) ?? []).map((batch) => total / (batch.wallMs / 1000));
      const lastRuns = (name: string) => (peaks.get(name) ?? []).slice(-rounds);

      const rows: string[][] = [];
      const measured: Record<string, ReturnType<typeof spread>> = {};
      for (const pageSize of PAGE_SIZES) {
        const names = pagingContenders(server.url, pageSize).map(({ name }) => `${name}, pages of ${pageSize}`);
        const hand = `${HAND}, pages of ${pageSize}`;
        const vsHand = (name: string) => spread(ratios(perSecondOf(name), perSecondOf(hand)));
        measured[pageSize] = vsHand(`${OURS}, pages of ${pageSize}`);
        for (const name of names) {
          rows.push([
            name,
            spreadOf(spread(perSecondOf(name)), perSecond),
            megabytes(median(lastRuns(name).map((peak) => peak.heapUsed))),
            megabytes(median(lastRuns(name).map((peak) => peak.rss))),
            name === hand ? "" : spreadOf(vsHand(name), ratio),
          ]);
        }
      }
      const markdown = [
        "## Paging over loopback",
        "",
        `Every connection of one iModel (${total.toLocaleString("en-US")}) read page by page from the page server ` +
          "(a child process; it implements `$top`/`$skip` and writes next links like the real API's). " +
          `Connections/s by wall time; ${rounds} interleaved rounds, ratios taken round by round. Peak heapUsed and ` +
          "RSS are sampled every 5 ms during each run, after a full GC; RSS is the whole process's, so it also " +
          "carries what earlier runs left. The loop `+ time limit` also bounds each request as our client bounds " +
          "each attempt (an AbortController whose signal goes to fetch, a timer cleared once the body is read): " +
          "the price of that promise alone.",
        "",
        table(
          ["contender", "connections/s", "peak heapUsed (median)", "peak RSS (median)", "/ hand-written loop"],
          rows,
        ),
      ].join("\n");
      return { markdown, measured: { paging100: measured[100] } };
    } finally {
      await server.close();
    }
  },
};

/** Runs `call`, sampling memory meanwhile, and checks it read every connection. */
async function sampled(call: () => Promise<number>, into: PeakMemory[], total: number): Promise<number> {
  const peak = new PeakMemory().every(5);
  try {
    const count = await call();
    if (count !== total) throw new Error(`read ${count} of ${total} connections`);
    return count;
  } finally {
    into.push(peak.stop());
  }
}
