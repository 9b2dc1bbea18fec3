// Per call over loopback: ours against raw fetch, both reading the same 50-connection page from a minimal
// node:http server in its own process (keep-alive, so no call pays a TCP handshake).
import { loopbackContenders, OURS, RAW } from "../callers/index.js";
import { PER_CALL_TOP } from "../fixtures/page.js";
import { startServerProcess } from "../harness/processes.js";
import { runRounds } from "../harness/rounds.js";
import { ratios, spread } from "../harness/stats.js";
import { opsPerCpuSecond, opsPerWallSecond } from "../harness/throughput.js";
import { childScript } from "../paths.js";
import { perSecond, ratio, spreadOf, table } from "../report/format.js";
import type { Section } from "./section.js";

export const loopback: Section = {
  name: "loopback",
  async run({ quick, log }) {
    const rounds = quick ? 3 : 15;
    const server = await startServerProcess(childScript("page-server"));
    try {
      const contenders = loopbackContenders(server.url);
      const batches = await runRounds(contenders, {
        rounds,
        warmupMs: quick ? 100 : 1_000,
        batchMs: quick ? 30 : 200,
        onRound: (round) => log(`loopback: round ${round} of ${rounds}`),
      });
      const rate = (name: string, per: typeof opsPerWallSecond) => (batches.get(name) ?? []).map(per);
      const vsRaw = (name: string) => spread(ratios(rate(name, opsPerWallSecond), rate(RAW, opsPerWallSecond)));
      const rows = contenders.map(({ name }) => [
        name,
        spreadOf(spread(rate(name, opsPerWallSecond)), perSecond),
        spreadOf(spread(rate(name, opsPerCpuSecond)), perSecond),
        spreadOf(vsRaw(name), ratio),
      ]);
      const markdown = [
        "## Per call over loopback",
        "",
        `One call reads a ${PER_CALL_TOP}-connection page from a node:http server in a child process that answers ` +
          "every page from bytes it made once (keep-alive). Calls/s by wall time, and by the CPU time of this " +
          `process alone (the server's is not counted); ${rounds} interleaved rounds, ratios taken round by round. ` +
          "Raw fetch `+ time limit` also bounds each request as our client bounds each attempt (an AbortController " +
          "whose signal goes to fetch, a timer cleared once the body is read): the price of that promise alone.",
        "",
        table(["contender", "calls/s, wall", "calls/s, client CPU", "/ raw fetch, wall"], rows),
      ].join("\n");
      return { markdown, measured: { loopback: vsRaw(OURS) } };
    } finally {
      await server.close();
    }
  },
};
