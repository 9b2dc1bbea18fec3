// export-connections list on the embedded mock server (no --base-url): formats, paging and what goes where.
import { TOP_MAX } from "@export-api/client";
import { startMockServer } from "@export-api/mock-server";
import { describe, expect, it } from "vitest";
import { bin, cli, tableRows } from "./fixtures/cli.js";
import { recordCliUsage } from "./fixtures/usage.js";

const ID = /^[A-Za-z0-9_-]{43}$/;
// What the CLI sends and reads here is its usage contract (contracts/export-api-cli.json).
const usage = recordCliUsage();

describe("list on the embedded mock", () => {
  it("prints the first page of the mock's first iModel as a table, and says there is more", async () => {
    const { code, stdout, stderr } = await cli(["list", "--top", "10"], { usage });
    expect(code).toBe(0);
    const [header, dashes] = stdout.split("\n");
    expect(header?.split(/\s+/)).toEqual(["id", "displayName", "authenticationType", "iTwinId"]);
    expect(dashes).toMatch(/^-{43} {2}-+ {2}-{18} {2}-{36}$/);
    const rows = tableRows(stdout);
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row.slice(0, 43)).toMatch(ID);
      expect(row).toMatch(/ {2}(User|Service) +[0-9a-f-]{36}$/);
    }
    expect(stdout).toContain("10 connections; more on the next pages: add --all");
    expect(stderr).toMatch(
      /^No --base-url: listing iModel [0-9a-f-]{36} from an embedded mock server at http:\/\/127\.0\.0\.1:\d+\n$/,
    );
  });

  it("lines up every column at the same offset", async () => {
    const { stdout } = await cli(["list"], { usage });
    const rows = tableRows(stdout);
    expect(rows).toHaveLength(25);
    const typeColumn = stdout.split("\n")[0]!.indexOf("authenticationType");
    for (const row of rows) expect(row.slice(typeColumn)).toMatch(/^(User|Service) /);
  });

  it("--all follows every page: 25 connections in 3 pages of 10", async () => {
    const { code, stdout } = await cli(["list", "--all", "--top", "10"], { usage });
    expect(code).toBe(0);
    const ids = tableRows(stdout).map((row) => row.slice(0, 43));
    expect(new Set(ids).size).toBe(25);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("25 connections in 3 pages");
  });

  it(`--top ${TOP_MAX}, the largest page the API allows: every connection of the mock in one page`, async () => {
    const { code, stdout } = await cli(["list", "--top", String(TOP_MAX)], { usage });
    expect(code).toBe(0);
    expect(tableRows(stdout)).toHaveLength(25);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("25 connections");
  });

  it("--format json prints one JSON array of whole connections", async () => {
    const { code, stdout } = await cli(["list", "--format", "json", "--top", "5"], { usage });
    expect(code).toBe(0);
    const connections = JSON.parse(stdout);
    expect(connections).toHaveLength(5);
    expect(Object.keys(connections[0]).sort()).toEqual(
      ["_links", "authenticationType", "displayName", "iModelId", "iTwinId", "id"].sort(),
    );
  });

  it("--format json --all is one array across pages", async () => {
    const { stdout } = await cli(["list", "--all", "--format", "json", "--top", "7"], { usage });
    const connections = JSON.parse(stdout);
    expect(new Set(connections.map((c: { id: string }) => c.id)).size).toBe(25);
  });

  it("--format ndjson prints one connection per line", async () => {
    const { stdout } = await cli(["list", "--all", "--format", "ndjson", "--top", "10"], { usage });
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(25);
    for (const line of lines) expect(JSON.parse(line).id).toMatch(ID);
  });

  it("defaults --imodel-id to the mock's first iModel, and takes another of its (seeded) iModels", async () => {
    // The embedded mock uses the default seed, so its iModel ids are those of any default mock.
    const reference = await startMockServer();
    const imodelIds = reference.imodelIds;
    await reference.close();

    const byDefault = JSON.parse((await cli(["list", "--format", "json"], { usage })).stdout);
    expect(new Set(byDefault.map((c: { iModelId: string }) => c.iModelId))).toEqual(new Set([imodelIds[0]]));
    const chosen = JSON.parse(
      (await cli(["list", "--format", "json", "--imodel-id", imodelIds[2]!], { usage })).stdout,
    );
    expect(new Set(chosen.map((c: { iModelId: string }) => c.iModelId))).toEqual(new Set([imodelIds[2]]));
  });

  it("shows progress on stderr only when stderr is a terminal; stdout is the same either way", async () => {
    const args = ["list", "--all", "--top", "10", "--format", "ndjson"];
    const piped = await cli(args, { stderrIsTTY: false, usage });
    const terminal = await cli(args, { stderrIsTTY: true, usage });
    // Each run has its own mock (its own port in the links), with the same seeded connections.
    const ids = (stdout: string) =>
      stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line).id);
    expect(ids(terminal.stdout)).toEqual(ids(piped.stdout));
    expect(ids(piped.stdout)).toHaveLength(25);
    expect(piped.stderr).not.toContain("page");
    expect(terminal.stderr).toContain("fetching... 1 page, 10 connections");
    expect(terminal.stderr).toContain("fetching... 2 pages, 20 connections");
    expect(terminal.stderr).toContain("fetched 3 pages, 25 connections\n");
  });
});

describe("--verbose", () => {
  it("writes the client's line per request on stderr (EXPORT_API_LOG=debug); stdout is unchanged", async () => {
    const quiet = await bin(["list", "--top", "10", "--all", "--format", "ndjson"]);
    const verbose = await bin(["list", "--top", "10", "--all", "--format", "ndjson", "--verbose"]);
    expect(verbose.code).toBe(0);
    // The same connections (each run's embedded mock has its own port in the links).
    const ids = (stdout: string) =>
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).id);
    expect(ids(verbose.stdout)).toEqual(ids(quiet.stdout));
    expect(ids(verbose.stdout)).toHaveLength(25);
    const lines = verbose.stderr.split("\n").filter((line) => line.startsWith("[export-api] "));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatch(
        /^\[export-api\] GET http:\/\/127\.0\.0\.1:\d+\/export\/connections\?imodelId=\S+ -> 200 in \d+ ms$/,
      );
    }
    expect(quiet.stderr).not.toContain("[export-api]");
  });
});
