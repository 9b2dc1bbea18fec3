// One writer at a time per contract file, across processes (parallel test workers), and a file that is always
// whole: the lock is a directory (mkdir is atomic: exactly one creator wins), and the file is replaced by renaming a
// finished temporary file over it (readers see the old file or the new one, never half of one).
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

export interface LockOptions {
  /** How long to wait for another writer before giving up, in ms. */
  timeoutMs?: number;
}

/**
 * Runs `action` holding the lock `lockDir` (created beside the file it guards). A lock left by a process of this
 * machine that no longer runs is taken over; one still held after `timeoutMs` fails with an error naming it.
 */
export async function withLock<T>(lockDir: string, action: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = Date.now();
  let wait = 5;
  await mkdir(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = await readOwner(lockDir);
    if (owner && owner.host === hostname() && !alive(owner.pid)) {
      // Its writer died holding it (killed mid-write): nothing of it is in the file, which is only ever renamed over.
      // Renamed away first, so of several waiters that saw it dead only one takes it over.
      const tomb = `${lockDir}.${process.pid}.${randomBytes(6).toString("hex")}.stale`;
      try {
        await rename(lockDir, tomb);
        await rm(tomb, { recursive: true, force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `another writer has held ${lockDir} for over ${timeoutMs} ms${owner ? ` (process ${owner.pid} on ${owner.host})` : ""}; if no test run is writing the contract, remove it`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 100);
  }
  try {
    await writeFile(join(lockDir, "owner.json"), JSON.stringify({ pid: process.pid, host: hostname() }));
    return await action();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function readOwner(lockDir: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const owner = JSON.parse(await readFile(join(lockDir, "owner.json"), "utf8"));
    return Number.isInteger(owner.pid) && typeof owner.host === "string" ? owner : undefined;
  } catch {
    // Not written yet (its owner is between mkdir and writeFile), or gone: wait and look again.
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Replaces `file` with `text` atomically: a temporary file beside it, renamed over it. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
