// list --all over a mock iModel with 2,500 connections, through the built bin: every connection exactly once.
import { TOP_MAX } from "@export-api/client";
import { type MockServer, startMockServer } from "@export-api/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, tableRows } from "./fixtures/cli.js";

const CONNECTIONS = 2500;
let mock: MockServer;
let base: string[];
beforeAll(async () => {
  mock = await startMockServer({ connectionsPerImodel: CONNECTIONS, seed: 11 });
  base = ["list", "--all", "--base-url", mock.url, "--imodel-id", mock.imodelIds[2]!];
});
afterAll(() => mock.close());

describe(`list --all over ${CONNECTIONS} connections`, () => {
  it("ndjson: 2,500 lines, 2,500 unique ids, all of the iModel", async () => {
    const { code, stdout, stderr } = await bin([...base, "--format", "ndjson"], { EXPORT_API_TOKEN: "t0ken" });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const connections = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(connections).toHaveLength(CONNECTIONS);
    expect(new Set(connections.map((c) => c.id)).size).toBe(CONNECTIONS);
    expect(new Set(connections.map((c) => c.iModelId))).toEqual(new Set([mock.imodelIds[2]]));
  });

  it("table, pages of TOP_MAX: 2,500 unique rows in 3 pages", async () => {
    const { code, stdout } = await bin([...base, "--top", String(TOP_MAX)], { EXPORT_API_TOKEN: "t0ken" });
    expect(code).toBe(0);
    const rows = tableRows(stdout);
    expect(rows).toHaveLength(CONNECTIONS);
    expect(new Set(rows.map((row) => row.slice(0, 43))).size).toBe(CONNECTIONS);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("2500 connections in 3 pages");
  });

  it("json with the default page size: one array of 2,500 across 25 pages", async () => {
    const { code, stdout } = await bin([...base, "--format", "json", "--token", "t0ken"]);
    expect(code).toBe(0);
    const connections = JSON.parse(stdout);
    expect(new Set(connections.map((c: { id: string }) => c.id)).size).toBe(CONNECTIONS);
  });
});
