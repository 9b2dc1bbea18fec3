// Per call with a stubbed fetch: the client's own cost, with no network. Every contender reads the same
// 50-connection page; ours is compared with bare openapi-fetch (what it is built on) by wall time and CPU time.
import { BARE, OURS, perCallContenders } from "../callers/index.js";
import { PER_CALL_PAGE, PER_CALL_TOP } from "../fixtures/page.js";
import { runRounds } from "../harness/rounds.js";
import { ratios, spread } from "../harness/stats.js";
import { opsPerCpuSecond, opsPerWallSecond } from "../harness/throughput.js";
import { perSecond, ratio, spreadOf, table } from "../report/format.js";
import type { Section } from "./section.js";

export const perCall: Section = {
  name: "per-call",
  async run({ quick, log }) {
    const rounds = quick ? 3 : 15;
    const contenders = perCallContenders(PER_CALL_PAGE);
    const batches = await runRounds(contenders, {
      rounds,
      warmupMs: quick ? 50 : 500,
      batchMs: quick ? 20 : 100,
      onRound: (round) => log(`per-call: round ${round} of ${rounds}`),
    });
    const rate = (name: string, per: typeof opsPerWallSecond) => (batches.get(name) ?? []).map(per);
    const vsBare = (name: string, per: typeof opsPerWallSecond) => spread(ratios(rate(name, per), rate(BARE, per)));

    const rows = contenders.map(({ name }) => [
      name,
      spreadOf(spread(rate(name, opsPerWallSecond)), perSecond),
      spreadOf(spread(rate(name, opsPerCpuSecond)), perSecond),
      spreadOf(vsBare(name, opsPerWallSecond), ratio),
      spreadOf(vsBare(name, opsPerCpuSecond), ratio),
    ]);
    const markdown = [
      "## Per call, stubbed fetch",
      "",
      `One call reads a ${PER_CALL_TOP}-connection page (${PER_CALL_PAGE.byteLength.toLocaleString("en-US")} B of JSON) from a ` +
        "`fetch` that answers at once, so only the client's own work is timed. axios gets a stub adapter instead " +
        "(it does not use fetch). Ops/s by wall time and by CPU time (`process.cpuUsage`, all threads); " +
        `${rounds} interleaved rounds, ratios to bare openapi-fetch taken round by round.`,
      "",
      table(
        ["contender", "ops/s, wall", "ops/s, CPU", "/ bare openapi-fetch, wall", "/ bare openapi-fetch, CPU"],
        rows,
      ),
    ].join("\n");
    return {
      markdown,
      measured: { perCallWall: vsBare(OURS, opsPerWallSecond), perCallCpu: vsBare(OURS, opsPerCpuSecond) },
    };
  },
};
