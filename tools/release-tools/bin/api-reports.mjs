#!/usr/bin/env node
// `api-reports.mjs check`: fails when an API report is not what the built .d.ts says (part of `pnpm test`).
// `api-reports.mjs update`: rewrites every report (`pnpm api:update`). Both need `pnpm build` first; turbo does it.
import { runApiReports } from "../src/api-reports.mjs";
import { findRoot } from "../src/workspace.mjs";

const mode = process.argv[2];
if (mode !== "check" && mode !== "update") {
  console.error("usage: api-reports.mjs check|update");
  process.exit(2);
}
const problems = runApiReports(findRoot(), { update: mode === "update", log: (line) => console.log(line) });
for (const problem of problems) console.error(`api report: ${problem}`);
process.exitCode = problems.length > 0 ? 1 : 0;
