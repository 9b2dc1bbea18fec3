// One writer at a time per contract file, across processes (parallel test workers) and within one, and a file that
// is always whole: the lock is a folder holding its owner, renamed into place whole (exactly one writer wins), and the
// file is replaced by renaming a finished temporary file over it (readers see the old file or the new one, never half
// of one).
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
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
  // Unique to this call (several can run in one process): the lock is given back only while it is still this one.
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), call: randomBytes(6).toString("hex") });
  for (;;) {
    if (await claim(lockDir, mine)) break;
    const theirs = await readOwnerText(lockDir);
    // Undefined when the lock was given back meanwhile (then the next claim gets it) or holds no owner: wait.
    const owner = theirs === undefined ? undefined : parseOwner(theirs);
    if (theirs !== undefined && owner && owner.host === hostname() && !alive(owner.pid)) {
      // Its writer died holding it (killed mid-write): nothing of it is in the file, which is only ever renamed over.
      await breakDeadLock(lockDir, theirs);
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
    return await action();
  } finally {
    if ((await readOwnerText(lockDir)) === mine) await removeLock(lockDir);
  }
}

/**
 * Takes the lock if it is free. The lock is made whole beside its place (a folder with owner.json) and renamed into
 * place: a folder that holds a file cannot be renamed over, so of several writers exactly one gets it, and nobody ever
 * sees a lock without its owner.
 */
async function claim(lockDir: string, mine: string): Promise<boolean> {
  const draft = `${lockDir}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  await mkdir(draft);
  try {
    await writeFile(join(draft, "owner.json"), mine);
    await rename(draft, lockDir);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EEXIST" && code !== "ENOTEMPTY") throw error;
    return false;
  } finally {
    await rm(draft, { recursive: true, force: true });
  }
}

/** How long a breaker (below) may take before another waiter assumes it died mid-break. */
const BREAKER_STALE_MS = 10_000;

/**
 * Removes a dead writer's lock (`dead`: its owner.json as read), one breaker at a time: `<lock>.break`, made with
 * mkdir, so exactly one waiter breaks it. Inside, the lock is read again, and only the dead writer's own lock is moved
 * away: while it is in place nobody else can claim the lock, so it cannot have become a live writer's meanwhile.
 */
async function breakDeadLock(lockDir: string, dead: string): Promise<void> {
  const breaker = `${lockDir}.break`;
  try {
    await mkdir(breaker);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another waiter is breaking it. One that died mid-break (a few file operations) leaves the breaker behind.
    const since = (await stat(breaker).catch(() => undefined))?.mtimeMs;
    if (since !== undefined && Date.now() - since > BREAKER_STALE_MS)
      await rm(breaker, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    return;
  }
  try {
    if ((await readOwnerText(lockDir)) === dead) await removeLock(lockDir);
  } finally {
    await rm(breaker, { recursive: true, force: true });
  }
}

/** Moves the lock away in one step, then deletes it: a claim may take the place the moment it is free. */
async function removeLock(lockDir: string): Promise<void> {
  const gone = `${lockDir}.${process.pid}.${randomBytes(6).toString("hex")}.gone`;
  await rename(lockDir, gone);
  await rm(gone, { recursive: true, force: true });
}

function readOwnerText(lockDir: string): Promise<string | undefined> {
  return readFile(join(lockDir, "owner.json"), "utf8").catch(() => undefined);
}

function parseOwner(text: string): { pid: number; host: string } | undefined {
  try {
    const owner = JSON.parse(text);
    return Number.isInteger(owner.pid) && typeof owner.host === "string" ? owner : undefined;
  } catch {
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
