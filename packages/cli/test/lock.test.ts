// One run per checkpoint: a second run of a checkpoint in use is refused before it lists anything, a run gives its
// lock back however it ends (done, refused, SIGTERM), and a lock left by a SIGKILLed run is taken over.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { eventually } from "@export-api/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeLock, LOCK_KIND } from "../src/lock.js";
import { cli } from "./fixtures/cli.js";
import { type Fleet, fleet, readRows, startBin, TOKEN } from "./fixtures/inventory.js";

const env = { EXPORT_API_TOKEN: TOKEN };
/** A pid that no process has any more. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid;
const lockOf = (pid: number, host = hostname()) =>
  JSON.stringify({ kind: LOCK_KIND, pid, host, startedAt: "2026-12-03T10:00:00.000Z" });

describe("judgeLock", () => {
  const here = { host: "ci-1", isAlive: (pid: number) => pid === 42 };
  it.each([
    ["a live run of this host", lockOf(42, "ci-1"), false],
    ["a gone run of this host", lockOf(7, "ci-1"), true],
    ["a run of another host, even with a pid gone here", lockOf(7, "ci-2"), false],
  ])("%s: stale %s", (_what, text, stale) => {
    expect(judgeLock(text, here)).toEqual({ stale, owner: JSON.parse(text) });
  });

  it.each([
    ["not JSON", "{"],
    ["another kind", JSON.stringify({ kind: "x", pid: 7, host: "ci-1" })],
    ["a pid that is not one", JSON.stringify({ kind: LOCK_KIND, pid: -1, host: "ci-1" })],
  ])("%s: no owner, never stale (not ours to delete)", (_what, text) => {
    expect(judgeLock(text, here)).toEqual({ stale: false, owner: undefined });
  });
});

describe("the checkpoint's lock", () => {
  let f: Fleet;
  let slow: Fleet;
  beforeAll(async () => {
    f = await fleet({ imodels: 6, connectionsPerImodel: 3, seed: 8 });
    // Each answer takes 10 s: a run is still listing when the test needs it to be.
    slow = await fleet({ imodels: 2, connectionsPerImodel: 3, seed: 8, latencyMs: 10_000 });
  });
  afterAll(async () => {
    await f.mock.close();
    await slow.mock.close();
  });
  const jobOf = (on: Fleet, name: string) => {
    const output = join(on.dir, `${name}.ndjson`);
    const checkpoint = join(on.dir, `${name}.checkpoint.json`);
    const args = ["list", "--base-url", on.mock.url, "--imodel-ids", on.idsFile, "--output", output];
    return { output, checkpoint, lock: `${checkpoint}.lock`, args: [...args, "--checkpoint", checkpoint] };
  };
  /** The lock files and drafts of the job `name` left in its folder. */
  const leftovers = (on: Fleet, name: string) =>
    readdirSync(on.dir).filter((file) => file.startsWith(`${name}.`) && /\.(lock|tmp|stale|break)$/.test(file));

  it("refuses a second run while the first lists; the first gives the lock back on SIGTERM", async () => {
    const job = jobOf(slow, "busy");
    const first = startBin(job.args);
    await eventually(() => existsSync(job.lock) || first.child.exitCode !== null, "the first run's lock");
    const lock = readFileSync(job.lock, "utf8");
    expect(JSON.parse(lock)).toEqual({
      kind: LOCK_KIND,
      pid: first.child.pid,
      host: hostname(),
      startedAt: expect.any(String),
    });
    expect(lock).not.toContain(TOKEN);
    expect(statSync(job.lock).mode & 0o777).toBe(0o600);

    const requestsBefore = slow.mock.requests.length;
    const second = await cli(job.args, { env });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      `--checkpoint ${job.checkpoint} is in use by another run (pid ${first.child.pid} on ${hostname()}, since `,
    );
    expect(second.stderr).toContain(
      `Run one command per checkpoint at a time; if that run is gone, delete ${job.lock}`,
    );
    expect(second.stdout).toBe("");
    expect(slow.mock.requests).toHaveLength(requestsBefore);
    expect(readFileSync(job.lock, "utf8")).toBe(lock);

    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(143);
    expect(leftovers(slow, "busy")).toEqual([]);
  });

  it("four runs started at once on a stale lock: one takes it over, the three others are refused", async () => {
    const job = jobOf(slow, "race");
    await writeFile(job.lock, lockOf(deadPid()));
    const runs = [1, 2, 3, 4].map(() => startBin(job.args));
    // The winner lists from a mock that answers in 10 s; the others end at once.
    const ended: typeof runs = [];
    for (const run of runs) void run.exited.then(() => ended.push(run));
    await eventually(() => ended.length >= 3, "three runs ended");
    for (const run of ended) {
      expect((await run.exited).code, run.stderr()).toBe(2);
      expect(run.stderr()).toContain("is in use by another run (pid ");
    }
    const winner = runs.find((run) => !ended.includes(run))!;
    expect(JSON.parse(readFileSync(job.lock, "utf8")).pid).toBe(winner.child.pid);
    winner.child.kill("SIGTERM");
    expect((await winner.exited).code).toBe(143);
    expect(leftovers(slow, "race")).toEqual([]);
  });

  it("takes over the lock of a SIGKILLed run of this host, and finishes the job with every row once", async () => {
    const job = jobOf(f, "killed");
    await writeFile(job.lock, lockOf(deadPid()));
    const { code, stderr } = await cli(job.args, { env });
    expect(stderr).not.toContain("in use");
    expect(code).toBe(0);
    const rows = readRows(job.output);
    expect(rows).toHaveLength(18);
    expect(new Set(rows.map((row) => row.id)).size).toBe(18);
    expect(leftovers(f, "killed")).toEqual([]);
  });

  it("never takes over a lock of another host, nor a file it cannot read as a lock", async () => {
    const job = jobOf(f, "elsewhere");
    await writeFile(job.lock, lockOf(deadPid(), "build-agent-7"));
    f.mock.clearRequests();
    const other = await cli(job.args, { env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("is in use by another run (pid ");
    expect(other.stderr).toContain(" on build-agent-7, since 2026-12-03T10:00:00.000Z)");

    await writeFile(job.lock, "half a lock");
    const garbled = await cli(job.args, { env });
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toContain(`${job.lock} exists but is not a lock of export-connections.`);
    expect(f.mock.requests).toHaveLength(0);
    expect(readFileSync(job.lock, "utf8")).toBe("half a lock");
    expect(existsSync(job.output)).toBe(false);
  });

  it("gives the lock back when the run is refused (a checkpoint of another job) or done", async () => {
    const job = jobOf(f, "other-job");
    await writeFile(job.checkpoint, JSON.stringify({ kind: "something else" }));
    const refused = await cli(job.args, { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("is not a checkpoint of export-connections");
    expect(leftovers(f, "other-job")).toEqual([]);

    const done = jobOf(f, "done");
    expect((await cli(done.args, { env })).code).toBe(0);
    expect(leftovers(f, "done")).toEqual([]);
  });

  it("a checkpoint in a folder that does not exist: a usage error before any request", async () => {
    const checkpoint = join(f.dir, "no-such-folder", "job.json");
    f.mock.clearRequests();
    const { code, stderr } = await cli(
      ["list", "--base-url", f.mock.url, "--imodel-ids", f.idsFile, "--checkpoint", checkpoint],
      {
        env,
      },
    );
    expect(code).toBe(2);
    expect(stderr).toContain(`--checkpoint ${checkpoint}: cannot write in its folder (ENOENT)`);
    expect(f.mock.requests).toHaveLength(0);
  });
});
