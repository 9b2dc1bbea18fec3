// export-connections list over several iModels: where the ids come from, the usage errors, the exit codes, the
// checkpoint of another job, the summary and the progress bar.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./fixtures/cli.js";
import { type Fleet, fleet, readRows, TOKEN } from "./fixtures/inventory.js";
import { recordCliUsage } from "./fixtures/usage.js";

const usage = recordCliUsage();
const env = { EXPORT_API_TOKEN: TOKEN };
let f: Fleet;
let ids: string[];
beforeAll(async () => {
  f = await fleet({ imodels: 30, connectionsPerImodel: 3, seed: 5 });
  ids = f.mock.imodelIds;
});
afterAll(() => f.mock.close());

const onFleet = (...args: string[]) => ["list", "--base-url", f.mock.url, ...args];
const ndjson = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("the iModels of an inventory", () => {
  it("repeated --imodel-id: every page of each, as ndjson rows that each carry iModelId", async () => {
    const { code, stdout } = await cli(onFleet("--imodel-id", ids[0]!, "--imodel-id", ids[1]!, "--top", "2"), { env });
    expect(code).toBe(0);
    const rows = ndjson(stdout);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((row) => row.iModelId))).toEqual(new Set([ids[0], ids[1]]));
  });

  it("--imodel-ids FILE: blank lines and # comments skipped, an id given twice (in any case) listed once", async () => {
    const file = join(f.dir, "some.txt");
    await writeFile(file, `# our iModels\n${ids[2]}\n\n  ${ids[3]}  \r\n${ids[2]!.toUpperCase()}\n# end\n`);
    const { code, stdout, stderr } = await cli(onFleet("--imodel-ids", file, "--imodel-id", ids[3]!), { env });
    expect(code).toBe(0);
    expect(new Set(ndjson(stdout).map((row) => row.iModelId))).toEqual(new Set([ids[2], ids[3]]));
    expect(stderr).toMatch(/^Inventory: 2 iModels \(2 duplicate ids skipped\): 2 ok, 0 failed; 6 connections;/);
  });

  it("--imodel-ids - reads stdin", async () => {
    const { code, stdout } = await cli(onFleet("--imodel-ids", "-"), { env, stdin: `${ids[4]}\n${ids[5]}` });
    expect(code).toBe(0);
    expect(ndjson(stdout)).toHaveLength(6);
  });

  it.each([
    ["a word", "not-a-guid", /--imodel-ids (\S+), line 3 must be an iModel id \(a GUID\), got "not-a-guid"/],
    ["an escape sequence", "\u001b[2J", /--imodel-ids (\S+), line 3 must be a non-empty string without control/],
  ])("a line with %s: a usage error naming the line, exit 2, nothing listed", async (_what, line, message) => {
    const file = join(f.dir, "bad.txt");
    await writeFile(file, `${ids[0]}\n# fine so far\n${line}\n`);
    f.mock.clearRequests();
    const { code, stdout, stderr } = await cli(onFleet("--imodel-ids", file), { env });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain("\u001b");
    expect(f.mock.requests).toHaveLength(0);
  });

  it.each([
    [["--imodel-ids", "/nonexistent/ids.txt"], /--imodel-ids \/nonexistent\/ids.txt: cannot read it \(ENOENT\)/],
    [["--imodel-id", "x", "--imodel-id", "y", "--format", "table"], /--format table is for one iModel/],
    [["--output", "out.ndjson", "--format", "json"], /--format json is for one iModel/],
    [["--concurrency", "0"], /--concurrency must be an integer from 1 to 64, got 0/],
    [["--concurrency", "65"], /--concurrency must be an integer from 1 to 64, got 65/],
    [["--concurrency", "2.5"], /--concurrency must be an integer, got "2.5"/],
    [["--output", "same.json", "--checkpoint", "./same.json"], /--output and --checkpoint must be two different files/],
    [["--output", ""], /--output must not be empty/],
  ])("%j: exit 2", async (args, message) => {
    const { code, stderr } = await cli(["list", ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("--base-url needs --imodel-id or --imodel-ids", async () => {
    const { code, stderr } = await cli(onFleet("--output", join(f.dir, "x.ndjson")), { env });
    expect(code).toBe(2);
    expect(stderr).toContain("--imodel-id or --imodel-ids is required with --base-url");
  });

  it("on the embedded mock without ids, lists every iModel of the mock", async () => {
    const { code, stdout, stderr } = await cli(["list", "--concurrency", "2", "--top", "10"], { usage });
    expect(code).toBe(0);
    expect(new Set(ndjson(stdout).map((row) => row.iModelId)).size).toBe(3);
    expect(stderr).toMatch(/^No --base-url: listing 3 iModels from an embedded mock server at http:\/\/127\.0\.0\.1/);
  });
});

describe("exit codes and the summary", () => {
  const three = () => ["--imodel-id", ids[6]!, "--imodel-id", ids[7]!, "--imodel-id", ids[8]!];

  it("0 when every iModel is listed", async () => {
    const { code, stderr } = await cli(onFleet(...three()), { env });
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^Inventory: 3 iModels: 3 ok, 0 failed; 9 connections; 0 retries, 0 rate-limit waits; \d+\.\d s\n$/,
    );
  });

  it("3 when some iModels fail: each failed one with its error, code and status, never the token", async () => {
    f.mock.fail({ status: 404, times: Infinity, imodelId: ids[6]! });
    f.mock.fail({ kind: "echo-authorization", status: 403, times: Infinity, imodelId: ids[7]! });
    f.mock.fail({ status: 503, retryAfter: 0, imodelId: ids[8]! });
    try {
      const { code, stdout, stderr } = await cli(onFleet(...three(), "--max-retries", "1"), { env });
      expect(code).toBe(3);
      expect(new Set(ndjson(stdout).map((row) => row.iModelId))).toEqual(new Set([ids[8]]));
      const lines = stderr.split("\n");
      expect(lines[0]).toMatch(/^Inventory: 3 iModels: 1 ok, 2 failed; 3 connections; 1 retry, 0 rate-limit waits;/);
      expect(lines[1]).toBe("Failed iModels:");
      expect(lines).toContain(
        `  ${ids[6]}  NotFoundError: ConnectionNotFound: Requested iModelId is not available. (HTTP 404)`,
      );
      expect(lines.find((line) => line.startsWith(`  ${ids[7]}  PermissionDeniedError: `))).toMatch(/\(HTTP 403\)$/);
      expect(stderr).not.toContain(TOKEN);
    } finally {
      f.mock.clearFaults();
    }
  });

  it("1 when every iModel fails; a long list of failures is cut after 20", async () => {
    f.mock.fail({ status: 404, times: Infinity });
    try {
      const { code, stdout, stderr } = await cli(onFleet("--imodel-ids", f.idsFile), { env });
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^Inventory: 30 iModels: 0 ok, 30 failed; 0 connections;/);
      expect(stderr.split("\n").filter((line) => line.includes("(HTTP 404)"))).toHaveLength(20);
      expect(stderr).toContain("  ... and 10 more\n");
    } finally {
      f.mock.clearFaults();
    }
  });

  it("a rate limit shows as rate-limit waits, and a progress bar on a terminal only", async () => {
    const limited = await fleet({ imodels: 12, connectionsPerImodel: 2, rateLimit: { limit: 8, windowMs: 1000 } });
    try {
      const args = ["list", "--base-url", limited.mock.url, "--imodel-ids", limited.idsFile, "--max-retries", "4"];
      const { code, stderr } = await cli(args, { env, stderrIsTTY: true });
      expect(code).toBe(0);
      expect(stderr).toContain(`\r\u001b[K[${"#".repeat(24)}] 12/12 iModels, 24 connections, 0 failed, `);
      expect(stderr).toMatch(/\] 12\/12 iModels, 24 connections, 0 failed, \d+ retries, \d+ rate-limit waits\n/);
      const [, waits] = /(\d+) rate-limit waits; /.exec(stderr)!;
      expect(Number(waits)).toBeGreaterThan(0);
      const piped = await cli(args, { env });
      expect(piped.stderr).not.toContain("\r");
    } finally {
      await limited.mock.close();
    }
  });
});

describe("--checkpoint", () => {
  it("a second run lists nothing again; a checkpoint of another job is refused, exit 2", async () => {
    const output = join(f.dir, "job.ndjson");
    const checkpoint = join(f.dir, "job.checkpoint.json");
    const job = onFleet("--imodel-ids", f.idsFile, "--top", "2", "--output", output, "--checkpoint", checkpoint);
    expect((await cli(job, { env })).code).toBe(0);
    expect(readRows(output)).toHaveLength(90);
    const text = readFileSync(checkpoint, "utf8");
    expect(text).not.toContain(TOKEN);
    expect(JSON.parse(text)).toMatchObject({
      kind: "export-connections inventory checkpoint",
      version: 1,
      job: { baseUrl: f.mock.url, pageSize: 2, imodels: 30, imodelIdsSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      output: { file: output, bytes: readFileSync(output).length },
    });

    f.mock.clearRequests();
    const again = await cli(job, { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^Inventory: 30 iModels: 30 ok \(30 by an earlier run\), 0 failed; 90 connections;/);
    expect(f.mock.requests).toHaveLength(0);
    expect(readRows(output)).toHaveLength(90);

    const other = await cli([...job.slice(0, -6), "--top", "3", ...job.slice(-4)], { env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      `--checkpoint ${checkpoint} belongs to another job: its page size (--top) is 2, this run's is 3. Use another checkpoint file, or delete this one to start over`,
    );
    const fewer = await cli([...job.slice(0, 3), "--imodel-id", ids[0]!, ...job.slice(5)], { env });
    expect(fewer.code).toBe(2);
    expect(fewer.stderr).toContain("belongs to another job: its number of iModels is 30, this run's is 1");

    await writeFile(checkpoint, JSON.stringify({ ...JSON.parse(text), version: 2 }));
    const newer = await cli(job, { env });
    expect(newer.code).toBe(2);
    expect(newer.stderr).toContain("is of version 2; this export-connections reads version 1");
    expect(readRows(output)).toHaveLength(90);
  });

  it("without --output, rows go to stdout and the checkpoint records no bytes", async () => {
    const checkpoint = join(f.dir, "stdout.checkpoint.json");
    const args = onFleet("--imodel-id", ids[9]!, "--imodel-id", ids[10]!, "--checkpoint", checkpoint);
    const first = await cli(args, { env });
    expect(ndjson(first.stdout)).toHaveLength(6);
    expect(JSON.parse(readFileSync(checkpoint, "utf8")).output).toEqual({ file: null, bytes: 0 });
    expect((await cli(args, { env })).stdout).toBe("");
  });
});
