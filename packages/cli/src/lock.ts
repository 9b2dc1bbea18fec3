// One run per checkpoint: `<checkpoint>.lock` names the run that holds it (pid, host, start; never the command line,
// which may carry a token). A second run of the same checkpoint is refused while the first lives, since two runs
// would append to one output and overwrite each other's checkpoint. A run killed by SIGKILL leaves its lock behind;
// the next run on the same host sees that its pid is gone and takes the lock over, so "run it again" still finishes
// a killed inventory. A lock from another host is never taken over: this host cannot tell whether that run lives.

import { link, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { printable } from "@export-api/client/internal";
import { UsageError } from "./args.js";

export const LOCK_KIND = "export-connections inventory lock";

export interface LockOwner {
  kind: typeof LOCK_KIND;
  pid: number;
  host: string;
  startedAt: string;
}

/** What to do with a lock someone holds: refuse while its run may live, take it over once its run is gone. */
export function judgeLock(
  text: string,
  here: { host: string; isAlive: (pid: number) => boolean },
): { stale: boolean; owner: LockOwner | undefined } {
  let owner: LockOwner | undefined;
  try {
    const data = JSON.parse(text);
    if (data?.kind === LOCK_KIND && Number.isSafeInteger(data.pid) && data.pid > 0 && typeof data.host === "string") {
      owner = data;
    }
  } catch {}
  if (owner === undefined) return { stale: false, owner };
  return { stale: owner.host === here.host && !here.isAlive(owner.pid), owner };
}

/** Whether a process with this pid exists on this host (EPERM: it does, as another user's). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<checkpoint>.lock` for this run, or throws a UsageError naming the run that holds it. Resolves with the
 * function that gives it back (only while the lock is still this run's).
 */
export async function lockCheckpoint(checkpoint: string): Promise<() => Promise<void>> {
  const file = `${checkpoint}.lock`;
  const mine = `${JSON.stringify({ kind: LOCK_KIND, pid: process.pid, host: hostname(), startedAt: new Date().toISOString() })}\n`;
  // Written whole beside the lock first, then linked into place: link() fails if the lock exists, so the lock
  // appears at once with its content, or not at all.
  const draft = `${file}.${process.pid}.tmp`;
  await writeFile(draft, mine, { mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--checkpoint ${checkpoint}: cannot write in its folder (${error.code ?? error.message})`);
  });
  try {
    // Each turn: the lock was given back meanwhile, or a stale one is being broken (a few ms): look again.
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        await link(draft, file);
        return () => release(file, mine);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const theirs = await readFile(file, "utf8").catch(() => undefined);
      if (theirs === undefined) continue; // given back meanwhile: try again
      const { stale, owner } = judgeLock(theirs, { host: hostname(), isAlive });
      if (!stale) throw inUse(checkpoint, file, owner);
      await takeOver(file, theirs);
    }
    throw new UsageError(
      `--checkpoint ${checkpoint}: could not take ${file}: other runs keep taking and giving it back`,
    );
  } finally {
    await unlink(draft).catch(() => {});
  }
}

/** How long a breaker (below) may take before another run assumes it died mid-break. */
const BREAKER_STALE_MS = 10_000;

/**
 * Removes a stale lock (`stale`: its text as read), one run at a time: `<lock>.break`, created exclusively, so exactly
 * one run breaks it. Inside, the lock is read again and removed only if it is still the stale one: while it is in
 * place nobody can take the lock, so it cannot have become a live run's meanwhile.
 */
async function takeOver(file: string, stale: string): Promise<void> {
  const breaker = `${file}.break`;
  try {
    await writeFile(breaker, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another run is breaking it. One that died mid-break (a few file operations) leaves the breaker behind.
    const since = (await stat(breaker).catch(() => undefined))?.mtimeMs;
    if (since !== undefined && Date.now() - since > BREAKER_STALE_MS) await unlink(breaker).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 5));
    return;
  }
  try {
    if ((await readFile(file, "utf8").catch(() => undefined)) === stale) await unlink(file).catch(() => {});
  } finally {
    await unlink(breaker).catch(() => {});
  }
}

async function release(file: string, mine: string): Promise<void> {
  if ((await readFile(file, "utf8").catch(() => undefined)) === mine) await unlink(file).catch(() => {});
}

function inUse(checkpoint: string, file: string, owner: LockOwner | undefined): UsageError {
  if (owner === undefined) {
    return new UsageError(
      `--checkpoint ${checkpoint}: ${file} exists but is not a lock of export-connections. Delete it if no run uses this checkpoint`,
    );
  }
  const who = `pid ${owner.pid} on ${printable(owner.host).slice(0, 100)}, since ${printable(String(owner.startedAt)).slice(0, 40)}`;
  return new UsageError(
    `--checkpoint ${checkpoint} is in use by another run (${who}). Run one command per checkpoint at a time; if that run is gone, delete ${file}`,
  );
}
