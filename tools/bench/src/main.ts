// pnpm bench: runs the chosen sections in order, prints each table as it is done, then the whole report; a full
// run of every section also writes docs/benchmarks.md. Run with --expose-gc (the package's `bench` script does),
// so each batch starts after a full GC.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { readArgs, USAGE } from "./args.js";
import { REPORT_PATH } from "./paths.js";
import { loadAverage, machine } from "./report/machine.js";
import { renderReport } from "./report/render.js";
import { bundle } from "./sections/bundle-size.js";
import { coldImport } from "./sections/cold-import.js";
import { heap } from "./sections/heap.js";
import { hooks } from "./sections/hooks.js";
import { inventory } from "./sections/inventory.js";
import { loopback } from "./sections/loopback.js";
import { paging } from "./sections/paging.js";
import { perCall } from "./sections/per-call.js";
import type { Section, SectionResult } from "./sections/section.js";
import { throughput } from "./sections/throughput.js";

const SECTIONS: readonly Section[] = [
  perCall,
  hooks,
  loopback,
  paging,
  inventory,
  heap,
  bundle,
  coldImport,
  throughput,
];
const names = SECTIONS.map((section) => section.name);

const args = (() => {
  try {
    return readArgs(process.argv.slice(2), names);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE.replace("SECTIONS", names.join(", "))}\n`);
    process.exit(2);
  }
})();
if (args.help) {
  process.stdout.write(`${USAGE.replace("SECTIONS", names.join(", "))}\n`);
  process.exit(0);
}
if (typeof (globalThis as { gc?: unknown }).gc !== "function") {
  process.stderr.write("bench: run with node --expose-gc (pnpm bench does) so each batch starts after a full GC\n");
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();
const machineNow = machine();
const loadAtStart = loadAverage();
const results: SectionResult[] = [];
for (const section of SECTIONS.filter((section) => !args.only || args.only.includes(section.name))) {
  log(`${section.name}: running${args.quick ? " (quick)" : ""}`);
  const result = await section.run({ quick: args.quick, log });
  process.stdout.write(`\n${result.markdown}\n`);
  results.push(result);
}

const flags = [...(args.only ? [`--only ${args.only.join(",")}`] : []), ...(args.quick ? ["--quick"] : [])];
const report = renderReport({
  machine: machineNow,
  loadAtStart,
  loadAtEnd: loadAverage(),
  command: ["pnpm bench", ...(flags.length > 0 ? ["--", ...flags] : [])].join(" "),
  seconds: (performance.now() - started) / 1000,
  note: args.note,
  results,
});
process.stdout.write(`\n${report}`);
if (!args.quick && !args.only) {
  mkdirSync(dirname(REPORT_PATH), { recursive: true });
  writeFileSync(REPORT_PATH, report);
  log(`bench: wrote ${REPORT_PATH}`);
} else {
  log("bench: a quick or partial run; docs/benchmarks.md is written by a full run only");
}
