// Hooks and tracing, per call with a stubbed fetch: what they cost when used, beside the client without them, and the
// client without them beside bare openapi-fetch (what "off" costs: the core only checks whether hooks were given).
import { BARE, hooksContenders, NO_HOOKS } from "../callers/index.js";
import { PER_CALL_PAGE, PER_CALL_TOP } from "../fixtures/page.js";
import { runRounds } from "../harness/rounds.js";
import { ratios, spread } from "../harness/stats.js";
import { opsPerCpuSecond, opsPerWallSecond } from "../harness/throughput.js";
import { perSecond, ratio, spreadOf, table } from "../report/format.js";
import type { Section } from "./section.js";

export const hooks: Section = {
  name: "hooks",
  async run({ quick, log }) {
    const rounds = quick ? 3 : 15;
    const contenders = hooksContenders(PER_CALL_PAGE);
    const batches = await runRounds(contenders, {
      rounds,
      warmupMs: quick ? 50 : 500,
      batchMs: quick ? 20 : 100,
      onRound: (round) => log(`hooks: round ${round} of ${rounds}`),
    });
    const rate = (name: string, per: typeof opsPerWallSecond) => (batches.get(name) ?? []).map(per);
    const versus = (name: string, base: string, per: typeof opsPerWallSecond) =>
      spread(ratios(rate(name, per), rate(base, per)));
    const rows = contenders.map(({ name }) => [
      name,
      spreadOf(spread(rate(name, opsPerWallSecond)), perSecond),
      spreadOf(versus(name, NO_HOOKS, opsPerWallSecond), ratio),
      spreadOf(versus(name, NO_HOOKS, opsPerCpuSecond), ratio),
    ]);
    const markdown = [
      "## Hooks and tracing",
      "",
      `Per call with a stubbed fetch, as in "Per call" (a ${PER_CALL_TOP}-connection page): the client without hooks, ` +
        "with `createHooks()` (the probe runs, no hook is called), with all six hooks doing nothing, and with " +
        "`otelTracing()` recording spans in memory (`@opentelemetry/sdk-trace-base`'s in-memory exporter, emptied after " +
        "each call). Off, the core only checks whether `hooks` was given: the row `ours, no hooks` beside bare " +
        `openapi-fetch is the per-call figure. ${rounds} interleaved rounds; ratios round by round.`,
      "",
      table(["contender", "ops/s, wall", "/ ours without hooks, wall", "/ ours without hooks, CPU"], rows),
    ].join("\n");
    return {
      markdown,
      measured: {
        hooksOff: versus(NO_HOOKS, BARE, opsPerWallSecond),
        hooksOn: versus("ours + six hooks that do nothing", NO_HOOKS, opsPerWallSecond),
        tracingOn: versus("ours + otelTracing() (in-memory spans)", NO_HOOKS, opsPerWallSecond),
      },
    };
  },
};
