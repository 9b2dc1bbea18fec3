// The command line as a function: arguments and streams in, exit code out (0 ok, 1 failed, 2 bad argument).
import type { Writable } from "node:stream";
import type { createExportClient } from "@export-api/client";
import { type Command, parseCommand, USAGE, UsageError } from "./args.js";
import { describeError } from "./errors.js";
import { list } from "./list.js";
import { write } from "./output.js";
import { resolveTarget, type Target } from "./target.js";

export interface Io {
  stdout: Writable;
  stderr: Writable;
  /** Progress is shown only when stderr is a terminal. */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  /** Makes the client: `createExportClient` unless a test records through its own (@export-api/usage). */
  createClient?: typeof createExportClient;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let command: Command;
  let target: Target | undefined;
  try {
    command = parseCommand(argv);
    if (command.kind === "help") {
      await write(io.stdout, `${USAGE}\n`);
      return 0;
    }
    target = await resolveTarget(command.options, io.env, io.createClient);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, `export-connections: ${error.message}\nRun 'export-connections --help' for usage.\n`);
    return 2;
  }

  try {
    await list(command.options, target, io);
    return 0;
  } catch (error) {
    await write(io.stderr, describeError(error, target.mock ? undefined : target.token));
    return 1;
  } finally {
    await target.close();
  }
}
