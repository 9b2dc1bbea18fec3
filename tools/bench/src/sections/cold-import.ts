// Cold import: `await import()` of each client in a fresh Node process (the process's own start is not timed),
// interleaved: one process per client per round. Median of the rounds.
import { lastJsonLine, runNode } from "../harness/processes.js";
import { spread } from "../harness/stats.js";
import { childScript } from "../paths.js";
import { ms, spreadOf, table } from "../report/format.js";
import type { Section } from "./section.js";

export const MODULES = ["@export-api/client", "openapi-fetch", "@hey-api/client-fetch", "ky", "axios"] as const;

/** One cold import of `specifier` in a fresh process, in ms. */
export async function coldImportMs(specifier: string): Promise<number> {
  return lastJsonLine<{ ms: number }>(await runNode(childScript("import-once"), [specifier])).ms;
}

export const coldImport: Section = {
  name: "cold-import",
  async run({ quick, log }) {
    const rounds = quick ? 3 : 21;
    const times = new Map<string, number[]>(MODULES.map((specifier) => [specifier, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const specifier of MODULES) times.get(specifier)?.push(await coldImportMs(specifier));
      if (round % 5 === 0 || round === rounds) log(`cold-import: round ${round} of ${rounds}`);
    }
    const spreads = MODULES.map((specifier) => spread(times.get(specifier) ?? []));
    const markdown = [
      "## Cold import",
      "",
      `\`await import(specifier)\` timed inside a fresh Node process, ${rounds} processes per module, interleaved ` +
        "(the ESM entry each package gives Node; ours includes openapi-fetch and @export-api/types). ky and axios " +
        "touch fetch's classes while they load, which makes Node 20 load its fetch implementation (undici) then; " +
        "ours and openapi-fetch leave that to the first request.",
      "",
      table(
        ["module", "import time: median (min..max)"],
        MODULES.map((specifier, i) => [specifier, spreadOf(spreads[i]!, ms)]),
      ),
    ].join("\n");
    return { markdown, measured: { coldImport: spreads[0]! } };
  },
};
