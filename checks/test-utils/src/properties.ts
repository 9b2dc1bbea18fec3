// Settings of fast-check property tests: a fixed seed, so `pnpm test` is the same run everywhere, and at least
// 1,000 runs per property. FC_SEED (any integer) explores another part of the input space; FC_RUNS runs more.
// A failing run prints its seed and counterexample; FC_SEED=<that seed> replays it.

const DEFAULT_SEED = 20_261_128;
const MIN_RUNS = 1_000;

export function propertySettings(): { seed: number; numRuns: number } {
  const seed = process.env.FC_SEED === undefined ? DEFAULT_SEED : Number(process.env.FC_SEED);
  const runs = process.env.FC_RUNS === undefined ? MIN_RUNS : Number(process.env.FC_RUNS);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new Error(`FC_RUNS must be a positive integer, got ${process.env.FC_RUNS}`);
  return { seed, numRuns: Math.max(runs, MIN_RUNS) };
}
