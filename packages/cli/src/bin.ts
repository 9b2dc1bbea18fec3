#!/usr/bin/env node
// export-connections: see `export-connections --help`.
import { run } from "./run.js";

// A closed pipe (`export-connections list --all | head`) ends the listing quietly; any other failure to write
// the output (a full disk: ENOSPC) is said in one line, exit 1, not an uncaught stack.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  process.stderr.write(`export-connections: cannot write the output: ${error.code ?? error.message}\n`);
  process.exit(1);
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  stdin: process.stdin,
  signals: process,
});
