// The command line: `pnpm bench [-- --only SECTION[,SECTION]] [--quick] [--note TEXT]`.
import { parseArgs } from "node:util";

export const USAGE = `Usage: pnpm bench -- [--only SECTION[,SECTION...]] [--quick] [--note TEXT]

Runs the benchmarks and prints the report; a full run of every section also writes docs/benchmarks.md.

  --only S    run only these sections (repeat or separate with commas): SECTIONS
  --quick     a smoke run: few rounds, small data; the numbers mean little
  --note T    a sentence for the report, e.g. what else the machine was doing
  -h, --help  show this help`;

export interface Args {
  /** Sections to run, in the order they are listed in main.ts; all of them when `--only` is not given. */
  only: string[] | undefined;
  quick: boolean;
  note: string | undefined;
  help: boolean;
}

export function readArgs(argv: readonly string[], sections: readonly string[]): Args {
  // `pnpm bench -- --quick` hands the script a literal `--` first.
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  const { values } = parseArgs({
    args,
    options: {
      only: { type: "string", multiple: true },
      quick: { type: "boolean", default: false },
      note: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const only = values.only?.flatMap((value) => value.split(",")).map((name) => name.trim());
  const unknown = only?.filter((name) => !sections.includes(name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`unknown section ${unknown.join(", ")}: choose from ${sections.join(", ")}`);
  }
  return { only, quick: values.quick, note: values.note, help: values.help };
}
