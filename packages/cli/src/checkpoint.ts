// The checkpoint of an inventory: which iModels are done (with their connection counts) and how many bytes of the
// output file hold their rows, for one job (base URL, page size, the iModels). Written atomically: a temporary file
// in the same folder, flushed to disk, renamed over the old one, so a kill at any moment leaves the old checkpoint
// or the new one, never half of one. It never holds the token, nor any header.
import { open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { printable } from "@export-api/client/internal";
import { UsageError } from "./args.js";

export const CHECKPOINT_KIND = "export-connections inventory checkpoint";
export const CHECKPOINT_VERSION = 1;

/** What names a job: a checkpoint of another job is refused. */
export interface CheckpointJob {
  /** The API's base URL, or "embedded mock". */
  baseUrl: string;
  /** --top, or null for the server's page size. */
  pageSize: number | null;
  /** The number of iModels, and a SHA-256 of their ids (ids.ts). */
  imodels: number;
  imodelIdsSha256: string;
}

export interface Checkpoint {
  kind: typeof CHECKPOINT_KIND;
  version: typeof CHECKPOINT_VERSION;
  job: CheckpointJob;
  /** The output file (an absolute path) and the bytes of it the done iModels' rows fill; null file: stdout. */
  output: { file: string | null; bytes: number };
  /** Each done iModel (lower-cased id) and its number of connections. */
  done: Record<string, number>;
  updatedAt: string;
}

/** The checkpoint in `file` if there is one, checked to be of this job; a checkpoint of another job is refused. */
export async function readCheckpoint(
  file: string,
  job: CheckpointJob,
  output: string | null,
): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`--checkpoint ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  const refuse = (why: string) =>
    new UsageError(`--checkpoint ${file} ${why}. Use another checkpoint file, or delete this one to start over`);
  let data: Checkpoint;
  try {
    data = JSON.parse(text);
  } catch {
    throw refuse("is not JSON");
  }
  if (data?.kind !== CHECKPOINT_KIND) throw refuse("is not a checkpoint of export-connections");
  if (data.version !== CHECKPOINT_VERSION) {
    throw refuse(`is of version ${show(data.version)}; this export-connections reads version ${CHECKPOINT_VERSION}`);
  }
  const theirs = data.job ?? {};
  const differences: [string, unknown, unknown][] = [
    ["base URL", theirs.baseUrl, job.baseUrl],
    ["page size (--top)", theirs.pageSize, job.pageSize],
    ["number of iModels", theirs.imodels, job.imodels],
    ["list of iModels", theirs.imodelIdsSha256, job.imodelIdsSha256],
    ["output", data.output?.file ?? "stdout", output ?? "stdout"],
  ];
  for (const [what, was, is] of differences) {
    if (was !== is) throw refuse(`belongs to another job: its ${what} is ${show(was)}, this run's is ${show(is)}`);
  }
  const done = data.done;
  const bytes = data.output.bytes;
  const counts = typeof done === "object" && done !== null ? Object.values(done) : [-1];
  if (!Number.isSafeInteger(bytes) || bytes < 0 || !counts.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw refuse("is damaged (its output bytes or done iModels are not counts)");
  }
  return data;
}

/** Replaces the checkpoint atomically: write a temporary file beside it, flush it, rename it, flush the folder. */
export async function writeCheckpoint(file: string, data: Checkpoint): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, "w", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(data, null, 1)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncFolder(dirname(file));
}

/** Makes a rename durable: flush the folder that holds it (not possible everywhere; then the rename is enough). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {}
}

function show(value: unknown): string {
  return printable(JSON.stringify(value) ?? "nothing").slice(0, 200);
}
