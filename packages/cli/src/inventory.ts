// export-connections list over many iModels: the client's inventory() under one rate budget, each iModel's rows
// written together once its listing is complete, and with --checkpoint a record of the iModels done, so a run
// killed at any moment is finished by running it again. Commits are grouped: while one batch is written and
// checkpointed, the iModels that finish meanwhile wait for the next batch, and the listings go on.
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { type ExportConnection, inventory } from "@export-api/client";
import { CONCURRENCY_DEFAULT, type ListOptions } from "./args.js";
import { type Checkpoint, type CheckpointJob, readCheckpoint, writeCheckpoint } from "./checkpoint.js";
import { printableJson } from "./format.js";
import { hashImodelIds, type ImodelList } from "./ids.js";
import { lockCheckpoint } from "./lock.js";
import { write } from "./output.js";
import { openSink } from "./sink.js";
import { listenForStop, type SignalSource, type Stop } from "./stop.js";
import { EXIT, exitCode, summary } from "./summary.js";
import { createInventoryProgress, type Tally } from "./tally.js";
import type { Target } from "./target.js";

export interface InventoryIo {
  stdout: Writable;
  stderr: Writable;
  stderrIsTTY: boolean;
  stdin?: Readable | undefined;
  signals?: SignalSource | undefined;
}

/** Stops taking iModels after the batch being written, waiting for no more (past this, wait for the writes). */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

interface Finished {
  key: string;
  rows: string;
  connections: number;
}

/**
 * Runs the inventory; resolves with its exit code. Usage errors (a checkpoint of another job, or one another run
 * holds) throw UsageError.
 */
export async function listInventory(
  options: ListOptions,
  target: Target,
  list: ImodelList,
  tally: Tally,
  io: InventoryIo,
): Promise<number> {
  // Listening first: a signal from here on stops the run the orderly way, giving the checkpoint's lock back.
  const stop = listenForStop(io.signals);
  try {
    const unlock = options.checkpoint === undefined ? undefined : await lockCheckpoint(options.checkpoint);
    try {
      return await runInventory(options, target, list, tally, io, stop);
    } finally {
      await unlock?.();
    }
  } finally {
    stop.unlisten();
  }
}

async function runInventory(
  options: ListOptions,
  target: Target,
  list: ImodelList,
  tally: Tally,
  io: InventoryIo,
  { controller: stop, stoppedBy, unlisten }: Stop,
): Promise<number> {
  const job: CheckpointJob = {
    baseUrl: target.mock ? "embedded mock" : target.baseUrl,
    pageSize: options.top ?? null,
    imodels: list.ids.length,
    imodelIdsSha256: hashImodelIds(list.ids),
  };
  const outputFile = options.output === undefined ? null : resolve(options.output);
  const previous = options.checkpoint ? await readCheckpoint(options.checkpoint, job, outputFile) : undefined;
  const done = new Map(Object.entries(previous?.done ?? {}));
  const sink = await openSink(options.output, previous?.output.bytes ?? 0, io.stdout);
  const saveCheckpoint = async () => {
    if (options.checkpoint === undefined) return;
    const data: Checkpoint = {
      kind: "export-connections inventory checkpoint",
      version: 1,
      job,
      output: { file: outputFile, bytes: outputFile === null ? 0 : sink.bytes },
      done: Object.fromEntries(done),
      updatedAt: new Date().toISOString(),
    };
    await writeCheckpoint(options.checkpoint, data);
  };

  tally.total = list.ids.length;
  tally.duplicates = list.duplicates;
  const todo = list.ids.filter((id) => !done.has(id.toLowerCase()));
  tally.doneBefore = list.ids.length - todo.length;
  for (const count of done.values()) tally.connectionsBefore += count;

  if (target.mock) {
    await write(
      io.stderr,
      `No --base-url: listing ${todo.length} iModels from an embedded mock server at ${target.baseUrl}\n`,
    );
  }
  const progress = createInventoryProgress(tally, io.stderr, io.stderrIsTTY);
  const pending: Finished[] = [];
  let pendingBytes = 0;
  let committing: Promise<void> | undefined;
  let failed: unknown;
  // Appends every finished iModel's rows, flushes them, then records those iModels as done.
  const commit = async () => {
    while (pending.length > 0 && failed === undefined) {
      const batch = pending.splice(0);
      pendingBytes = 0;
      await sink.append(batch.map((finished) => finished.rows).join(""));
      for (const { key, connections } of batch) done.set(key, connections);
      await saveCheckpoint();
    }
  };
  const schedule = () => {
    committing ??= commit()
      .catch((error) => {
        failed = error;
        stop.abort(error);
      })
      .finally(() => {
        committing = undefined;
      });
    return committing;
  };

  try {
    await saveCheckpoint();
    const concurrency = options.concurrency ?? CONCURRENCY_DEFAULT;
    const results = inventory(target.client, todo, { concurrency, pageSize: options.top, signal: stop.signal });
    for await (const result of results) {
      if (result.ok) {
        const rows = result.connections.map((connection) => row(connection, result.imodelId)).join("");
        pending.push({ key: result.imodelId.toLowerCase(), rows, connections: result.connections.length });
        pendingBytes += rows.length;
        tally.done++;
        tally.connections += result.connections.length;
        const writing = schedule();
        if (pendingBytes > MAX_PENDING_BYTES) await writing;
      } else {
        tally.failures.push({ imodelId: result.imodelId, error: result.error });
      }
      progress.update();
    }
  } catch (error) {
    if (failed === undefined && !(stoppedBy() && stop.signal.aborted)) throw error;
  } finally {
    unlisten();
    while (committing) await committing;
    progress.end();
    await sink.close();
  }
  if (failed !== undefined) throw failed;
  const token = target.mock ? undefined : target.token;
  const by = stoppedBy();
  await write(io.stderr, summary(tally, token, by));
  return by ? EXIT[by] : exitCode(tally);
}

/** One ndjson row: the connection as the API sent it, with its iModel's id when the API left it out. */
function row(connection: ExportConnection, imodelId: string): string {
  const withImodel = typeof connection.iModelId === "string" ? connection : { ...connection, iModelId: imodelId };
  return `${printableJson(withImodel)}\n`;
}
