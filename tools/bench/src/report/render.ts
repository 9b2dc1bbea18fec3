// The report: the machine and run, how to read the numbers, the targets, then each section's table.
import type { SectionResult } from "../sections/section.js";
import { table } from "./format.js";
import type { Machine } from "./machine.js";
import { targetsTable } from "./targets.js";

export interface Run {
  machine: Machine;
  loadAtStart: string;
  loadAtEnd: string;
  command: string;
  seconds: number;
  note: string | undefined;
  results: readonly SectionResult[];
}

export function renderReport(run: Run): string {
  const { machine } = run;
  const measured = Object.assign({}, ...run.results.map((result) => result.measured));
  return [
    "# Benchmarks",
    "",
    "Written by `pnpm bench` (the private `tools/bench`); run it again rather than edit this file. Nothing here is",
    "a test and no number fails anything: speed is measured and written down, with the machine and the spread.",
    "",
    "## Machine and run",
    "",
    table(
      ["", "this run"],
      [
        ["date", machine.date],
        ["CPU", `${machine.cpu}, ${machine.cores} cores available`],
        ["memory", machine.memory],
        ["Node", machine.node],
        ["OS", machine.os],
        ["load average (1 / 5 / 15 min)", `${run.loadAtStart} at the start, ${run.loadAtEnd} at the end`],
        ["command", `\`${run.command}\`, ${Math.round(run.seconds)} s`],
      ],
    ),
    ...(run.note ? ["", `Note: ${run.note}`] : []),
    "",
    "## How to read it",
    "",
    "- Contenders run in interleaved rounds (A, B, C, A, B, C, ...) in one process, so a slow stretch of a shared",
    "  machine slows every contender of that round alike; a ratio is taken within each round, then summarised.",
    "- Every figure is `median (min..max)` over the rounds: the spread is the noise to read it against.",
    "- CPU time is `process.cpuUsage()` (user + system, every thread of the process, GC included) over a batch.",
    "- A target shows PASS when the median meets it and BELOW when it does not yet; nothing fails on it.",
    "",
    "## Targets",
    "",
    targetsTable(measured),
    "",
    ...run.results.flatMap((result) => [result.markdown, ""]),
  ].join("\n");
}
