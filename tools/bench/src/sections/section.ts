// What a benchmark section is: a name for `--only`, and a run that returns its part of the report and the
// measured values the targets read.
import type { Spread } from "../harness/stats.js";
import type { MeasureKey } from "../report/targets.js";

export interface SectionOptions {
  /** A smoke run: few rounds, small data; the numbers mean little. */
  quick: boolean;
  /** Progress, for the terminal only. */
  log: (line: string) => void;
}

export interface SectionResult {
  /** This section's part of the report: a heading, what it measures, its table. */
  markdown: string;
  /** Values the targets compare (report/targets.ts). */
  measured: Partial<Record<MeasureKey, Spread>>;
}

export interface Section {
  name: string;
  run(options: SectionOptions): Promise<SectionResult>;
}
