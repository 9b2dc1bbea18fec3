#!/usr/bin/env node
// export-connections: see `export-connections --help`.
import { run } from "./run.js";

// A closed pipe (`export-connections list --all | head`) ends the listing quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
});
