// The command line as a function: arguments and streams in, exit code out (0 ok, 1 failed, 2 bad argument; an
// inventory adds 3 for some iModels failed, and 130/143 when stopped by SIGINT/SIGTERM: summary.ts).
import type { Readable, Writable } from "node:stream";
import type { createExportClient } from "@export-api/client";
import { type Command, parseCommand, USAGE, UsageError } from "./args.js";
import { describeError } from "./errors.js";
import { checkImodelIds, type GivenId, readImodelIds } from "./ids.js";
import { listInventory } from "./inventory.js";
import { list } from "./list.js";
import { write } from "./output.js";
import type { SignalSource } from "./stop.js";
import { Tally } from "./tally.js";
import { resolveTarget, type Target } from "./target.js";

export interface Io {
  stdout: Writable;
  stderr: Writable;
  /** Progress is shown only when stderr is a terminal. */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  /** Read by `--imodel-ids -`. */
  stdin?: Readable | undefined;
  /** SIGINT and SIGTERM stop an inventory cleanly when given (the bin gives `process`). */
  signals?: SignalSource | undefined;
  /** Makes the client: `createExportClient` unless a test records through its own (@export-api/usage). */
  createClient?: typeof createExportClient;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let command: Command;
  let target: Target | undefined;
  let given: GivenId[] | undefined;
  const tally = new Tally();
  try {
    command = parseCommand(argv);
    if (command.kind === "help") {
      await write(io.stdout, `${USAGE}\n`);
      return 0;
    }
    const { options } = command;
    if (options.inventory) given = await readImodelIds(options.imodelIds, options.imodelIdsFile, io.stdin);
    target = await resolveTarget(options, io.env, io.createClient, options.inventory ? tally.hooks : undefined);
  } catch (error) {
    return usageError(error, io);
  }

  try {
    if (given === undefined) {
      await list(command.options, target, io);
      return 0;
    }
    const ids = checkImodelIds(given, target.client, command.options.top);
    // An inventory on the embedded mock without ids lists every iModel of the mock.
    if (ids.ids.length === 0) ids.ids = target.mockImodelIds;
    return await listInventory(command.options, target, ids, tally, io);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error, io);
    await write(io.stderr, describeError(error, target.mock ? undefined : target.token));
    return 1;
  } finally {
    await target.close();
  }
}

async function usageError(error: unknown, io: Io): Promise<number> {
  if (!(error instanceof UsageError)) throw error;
  await write(io.stderr, `export-connections: ${error.message}\nRun 'export-connections --help' for usage.\n`);
  return 2;
}
