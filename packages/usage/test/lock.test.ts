// The contract file's lock (internal/lock.ts), in one process: many writers at once, and a lock a dead writer left.
// (Across processes: parallel.test.ts.)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withLock } from "../src/internal/lock.js";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "export-api-usage-lock-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** `writers` read-modify-writes of one counter, all at once, each under the lock; resolves with the count. */
async function count(file: string, writers: number): Promise<number> {
  await Promise.all(
    Array.from({ length: writers }, () =>
      withLock(`${file}.lock`, async () => {
        const n = Number(await readFile(file, "utf8"));
        await new Promise((resolve) => setImmediate(resolve));
        await writeFile(file, String(n + 1));
      }),
    ),
  );
  return Number(readFileSync(file, "utf8"));
}

/** A lock as a writer that has since died left it: its folder and owner, a pid no process has. */
function deadWritersLock(file: string) {
  mkdirSync(`${file}.lock`);
  const pid = spawnSync(process.execPath, ["-e", ""]).pid;
  writeFileSync(join(`${file}.lock`, "owner.json"), JSON.stringify({ pid, host: hostname() }));
}

describe("withLock", () => {
  it("eight writers at once: one at a time, no update lost, nothing left behind", async () => {
    const file = join(work, "counter");
    writeFileSync(file, "0");
    expect(await count(file, 8)).toBe(8);
    expect(readdirSync(work)).toEqual(["counter"]);
  });

  it("eight writers meeting a dead writer's lock: it is broken once, and no live writer's lock with it", async () => {
    // Twenty rounds: before one waiter at a time broke it, two waiters that both saw the dead lock could take turns
    // moving it and the lock a third had just taken, and lose an update (or fail on its vanished folder).
    for (let round = 0; round < 20; round++) {
      const file = join(work, `counter-${round}`);
      writeFileSync(file, "0");
      deadWritersLock(file);
      expect(await count(file, 8), `round ${round}`).toBe(8);
    }
    expect(readdirSync(work).filter((name) => !/^counter-\d+$/.test(name))).toEqual([]);
  }, 60_000);

  it("a lock whose owner is alive, or of another host, is never broken: waited for, then named", async () => {
    const file = join(work, "held");
    writeFileSync(file, "0");
    mkdirSync(`${file}.lock`);
    writeFileSync(join(`${file}.lock`, "owner.json"), JSON.stringify({ pid: 1, host: hostname() }));
    await expect(withLock(`${file}.lock`, async () => {}, { timeoutMs: 50 })).rejects.toThrow(
      `another writer has held ${file}.lock for over 50 ms (process 1 on ${hostname()})`,
    );
    const pid = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(join(`${file}.lock`, "owner.json"), JSON.stringify({ pid, host: "build-agent-7" }));
    await expect(withLock(`${file}.lock`, async () => {}, { timeoutMs: 50 })).rejects.toThrow(
      `(process ${pid} on build-agent-7)`,
    );
    writeFileSync(join(`${file}.lock`, "owner.json"), "not an owner");
    await expect(withLock(`${file}.lock`, async () => {}, { timeoutMs: 50 })).rejects.toThrow(
      `another writer has held ${file}.lock for over 50 ms; if no test run is writing the contract, remove it`,
    );
  });
});
