// Interleaved rounds, the one way every timing here is taken. Each round runs one batch of every contender, in
// the same order (A, B, C, A, B, C, ...), so a slow stretch of a shared machine hits all contenders of a round
// alike; ratios are then taken within each round (stats.ts). A batch is `calls` awaited calls in a row, timed by
// wall clock and by CPU time (process.cpuUsage: user + system, all threads of the process, GC included).
//
// Why not tinybench or mitata: both run one task to the end before the next and report per task, and neither
// reads CPU time; interleaving, per-round ratios and CPU time are what these comparisons need.
import { performance } from "node:perf_hooks";

export interface Contender {
  name: string;
  call: () => unknown;
}

export interface Batch {
  calls: number;
  wallMs: number;
  cpuMs: number;
}

export interface RoundsOptions {
  rounds: number;
  /** Each contender first runs for this long (at least one call); its speed then sizes its batches. */
  warmupMs: number;
  /** About how long one batch takes. */
  batchMs: number;
  /** Calls per batch, instead of sizing batches from `batchMs` (for calls that take a second each). */
  callsPerBatch?: number;
  /** Told after each round, e.g. to print progress. */
  onRound?: (round: number) => void;
}

/** Every contender's batches, one per round, in round order. */
export async function runRounds(
  contenders: readonly Contender[],
  options: RoundsOptions,
): Promise<Map<string, Batch[]>> {
  const sizes = new Map<string, number>();
  for (const contender of contenders) {
    const { calls, wallMs } = await warmUp(contender, options.warmupMs);
    sizes.set(contender.name, options.callsPerBatch ?? Math.max(1, Math.round((options.batchMs * calls) / wallMs)));
  }
  const batches = new Map<string, Batch[]>(contenders.map((contender) => [contender.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const contender of contenders) {
      batches.get(contender.name)?.push(await runBatch(contender, sizes.get(contender.name) ?? 1));
    }
    options.onRound?.(round + 1);
  }
  return batches;
}

async function warmUp(contender: Contender, warmupMs: number): Promise<{ calls: number; wallMs: number }> {
  const started = performance.now();
  let calls = 0;
  do {
    await contender.call();
    calls++;
  } while (performance.now() - started < warmupMs);
  return { calls, wallMs: performance.now() - started };
}

/** `calls` calls in a row, after a full GC when `--expose-gc` allows one, so no batch pays an earlier one's garbage. */
export async function runBatch(contender: Contender, calls: number): Promise<Batch> {
  (globalThis as { gc?: () => void }).gc?.();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await contender.call();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { calls, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
