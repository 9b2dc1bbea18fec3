// Issue 19's "Done when": an inventory of 2,000 iModels against the mock (a shared rate limit, iModel-scoped faults)
// is killed with SIGKILL at three points, run again with the same checkpoint and output each time, and ends with
// every connection of the listed iModels exactly once in the output, and no token in the checkpoint. Then SIGTERM
// and SIGINT: a consistent checkpoint and exit 143 / 130. Real processes, a real mock over loopback.
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eventually } from "@export-api/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fleet, fleet, readCheckpointFile, readRows, startBin, TOKEN } from "./fixtures/inventory.js";

const IMODELS = 2000;
const CONNECTIONS = 3; // two pages of --top 2 each
let f: Fleet;
let failing: string[];
beforeAll(async () => {
  f = await fleet({
    imodels: IMODELS,
    connectionsPerImodel: CONNECTIONS,
    seed: 19,
    rateLimit: { limit: 600, windowMs: 1000 },
  });
  const ids = f.mock.imodelIds;
  // Five iModels the API does not know, one whose error echoes the token, twenty that fail once and are retried.
  failing = [...ids.slice(100, 105), ids[1500]!];
  for (const imodelId of ids.slice(100, 105)) f.mock.fail({ status: 404, times: Infinity, imodelId });
  f.mock.fail({ kind: "echo-authorization", status: 403, times: Infinity, imodelId: ids[1500]! });
  for (const imodelId of ids.slice(200, 220)) f.mock.fail({ status: 503, retryAfter: 0, imodelId });
});
afterAll(() => f.mock.close());

function inventoryArgs(output: string, checkpoint: string, on: Fleet = f): string[] {
  return [
    ...["list", "--base-url", on.mock.url, "--imodel-ids", on.idsFile, "--top", "2", "--concurrency", "8"],
    ...["--max-retries", "6", "--output", output, "--checkpoint", checkpoint],
  ];
}

const doneCount = (checkpoint: string) => Object.keys(readCheckpointFile(checkpoint)?.done ?? {}).length;

describe(`an inventory of ${IMODELS} iModels killed with SIGKILL three times`, () => {
  it("finishes on the last run with every connection of the listed iModels exactly once", async () => {
    const started = Date.now();
    const output = join(f.dir, "kill.ndjson");
    const checkpoint = join(f.dir, "kill.checkpoint.json");
    const args = inventoryArgs(output, checkpoint);
    const killedAt: number[] = [];
    for (const fraction of [0.15, 0.5, 0.85]) {
      const run = startBin(args);
      await eventually(
        () => doneCount(checkpoint) >= fraction * IMODELS || run.child.exitCode !== null,
        `${fraction * 100} % of the iModels done`,
      );
      run.child.kill("SIGKILL");
      expect((await run.exited).signal).toBe("SIGKILL");
      killedAt.push(doneCount(checkpoint));
      expect(readCheckpointFile(checkpoint)!.text).not.toContain(TOKEN);
      // A torn write after the last checkpoint, as a kill in the middle of an append leaves one: cut on resume.
      if (fraction === 0.15) appendFileSync(output, '{"id":"torn-row","iModelId":"');
    }
    expect(killedAt[0]).toBeGreaterThanOrEqual(0.15 * IMODELS);
    expect(killedAt[1]).toBeGreaterThanOrEqual(0.5 * IMODELS);
    expect(killedAt[2]).toBeGreaterThanOrEqual(0.85 * IMODELS);
    expect(killedAt[2]).toBeLessThan(IMODELS - failing.length);

    const last = await startBin(args).exited;
    expect(last.code).toBe(3); // some iModels failed, the others are listed
    expect(last.stderr).toContain(`${IMODELS - failing.length} ok (${killedAt[2]} by an earlier run), 6 failed`);
    expect(last.stderr).not.toContain(TOKEN);

    const { done, text } = readCheckpointFile(checkpoint)!;
    expect(text).not.toContain(TOKEN);
    expect(Object.keys(done).sort()).toEqual(
      f.mock.imodelIds
        .filter((id) => !failing.includes(id))
        .map((id) => id.toLowerCase())
        .sort(),
    );
    const rows = readRows(output);
    expect(rows).toHaveLength((IMODELS - failing.length) * CONNECTIONS);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    const perImodel = new Map<string, number>();
    for (const row of rows) perImodel.set(row.iModelId, (perImodel.get(row.iModelId) ?? 0) + 1);
    for (const id of Object.keys(done)) expect(perImodel.get(id)).toBe(CONNECTIONS);
    for (const id of failing) expect(perImodel.has(id)).toBe(false);
    expect(readFileSync(output, "utf8")).not.toContain(TOKEN);
    console.info(`kill test: killed at ${killedAt.join(", ")} iModels done; ${Date.now() - started} ms in all`);
  }, 60_000);
});

// A smaller fleet, one page per iModel, under a tighter rate limit: a few seconds per run.
const SMALL = 300;
let small: Fleet;
beforeAll(async () => {
  small = await fleet({ imodels: SMALL, connectionsPerImodel: 2, seed: 20, rateLimit: { limit: 150, windowMs: 1000 } });
});
afterAll(() => small.mock.close());

describe.each([
  ["SIGTERM", 143],
  ["SIGINT", 130],
] as const)("%s", (signal, code) => {
  it(`stops taking iModels, leaves a consistent checkpoint, exits ${code}; a rerun finishes`, async () => {
    const output = join(small.dir, `${signal}.ndjson`);
    const checkpoint = join(small.dir, `${signal}.checkpoint.json`);
    const args = inventoryArgs(output, checkpoint, small);
    const run = startBin(args);
    await eventually(() => doneCount(checkpoint) >= 50 || run.child.exitCode !== null, "50 iModels done");
    run.child.kill(signal);
    const stopped = await run.exited;
    expect(stopped.code).toBe(code);
    expect(stopped.stderr).toMatch(new RegExp(`Stopped by ${signal} with \\d+ iModels to go: run the same command`));
    // Consistent: the output is exactly the bytes the checkpoint vouches for, the rows of the done iModels.
    const { done, bytes } = readCheckpointFile(checkpoint)!;
    expect(readFileSync(output).length).toBe(bytes);
    const rows = readRows(output);
    expect(rows).toHaveLength(Object.values(done).reduce((a, b) => a + b, 0));
    expect(new Set(rows.map((row) => row.iModelId))).toEqual(new Set(Object.keys(done)));
    expect(Object.keys(done).length).toBeLessThan(SMALL);

    const rerun = await startBin(args).exited;
    expect(rerun.code).toBe(0);
    const all = readRows(output);
    expect(all).toHaveLength(SMALL * 2);
    expect(new Set(all.map((row) => row.id)).size).toBe(all.length);
  });
});
