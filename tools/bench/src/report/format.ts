// How numbers read in the report: rates and sizes with thousands separators, spreads as `median (min..max)`.
import type { Spread } from "../harness/stats.js";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const perSecond = (value: number): string => `${integer.format(value)}/s`;
export const bytes = (value: number): string => `${integer.format(value)} B`;
export const megabytes = (value: number): string => `${(value / 1_000_000).toFixed(1)} MB`;
export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const ratio = (value: number): string => `${value.toFixed(2)}x`;

/** `1 round`, `3 rounds`. */
export const count = (n: number, word: string): string => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** `median (min..max)`, each formatted by `format`. */
export function spreadOf(value: Spread, format: (value: number) => string): string {
  return `${format(value.median)} (${format(value.min)}..${format(value.max)})`;
}

/** A markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
