// verifyContracts and `export-api-verify --contracts`: every usage contract registered in contracts/ replayed against
// export-api-mock with the pact verifier, and fixture contracts (recorded here with @export-api/usage) against
// providers that break them on purpose: a mock that drops a field one team reads fails that team and no other.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MockServer, startMockServer } from "@export-api/mock-server";
import { runNode, WORKSPACE_ROOT } from "@export-api/test-utils";
import { recordUsage } from "@export-api/usage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ContractsReport,
  contractNeeds,
  formatContractsReport,
  InvalidOptionsError,
  verifyContracts,
} from "../src/index.js";

const REGISTRY = join(WORKSPACE_ROOT, "contracts");
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const TOKEN = "contract-replay-token-9c1e";

const outcomes = (report: ContractsReport) =>
  Object.fromEntries(report.consumers.map((consumer) => [consumer.consumer, consumer.passed]));

describe("the registered contracts (contracts/)", () => {
  let mock: MockServer;
  beforeAll(async () => {
    const needs = await contractNeeds(REGISTRY);
    mock = await startMockServer({ imodelIds: needs.imodelIds, connectionsPerImodel: needs.connectionsPerImodel });
  });
  afterAll(() => mock.close());

  it("each pass against export-api-mock, faults played through its control path", async () => {
    const { consumers } = await contractNeeds(REGISTRY);
    expect(consumers).toContain("export-api-cli");
    const report = await verifyContracts({ contracts: REGISTRY, target: mock.url, mockControl: true });
    expect(report.passed, formatContractsReport(report)).toBe(true);
    expect(report.consumers.map((consumer) => consumer.consumer)).toEqual(consumers);
    for (const consumer of report.consumers) {
      expect(consumer.interactions.every((interaction) => interaction.outcome === "passed")).toBe(true);
    }
  });
});

/** A provider that forwards everything to `upstream` (the control path too) and edits each JSON body it answers. */
async function editingProvider(
  upstream: string,
  edit: (body: any) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      ["authorization", "accept", "content-type"].flatMap((name) =>
        request.headers[name] === undefined ? [] : [[name, String(request.headers[name])]],
      ),
    );
    const answer = await fetch(`${upstream}${request.url}`, {
      method: request.method,
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    let text = await answer.text();
    try {
      const json = JSON.parse(text);
      edit(json);
      text = JSON.stringify(json);
    } catch {
      // Not JSON: as it came.
    }
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe("fixture contracts recorded here", () => {
  let dir: string;
  let mock: MockServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "export-api-verify-contracts-"));
    mock = await startMockServer({ connectionsPerImodel: 30 });
    const imodelId = mock.imodelIds[0]!;
    // reads-names shows each connection's name and kind; reads-ids keeps only ids, and meets a 503 the mock played.
    const names = recordUsage({ consumer: "reads-names", dir });
    const client = names.createExportClient({ baseUrl: mock.url, accessToken: TOKEN });
    const all = await client.iterateExportConnections({ imodelId, pageSize: 20 }).toArray();
    expect(all.map((connection) => `${connection.displayName} (${connection.authenticationType})`)).toHaveLength(30);
    await names.write();

    const ids = recordUsage({ consumer: "reads-ids", dir });
    const idClient = ids.createExportClient({ baseUrl: mock.url, accessToken: TOKEN, maxRetries: 0 });
    const page = await idClient.getExportConnections({ imodelId, top: 5 });
    expect(page.connections.map((connection) => connection.id)).toHaveLength(5);
    mock.fail({ status: 503 });
    await expect(idClient.getExportConnections({ imodelId, top: 5 })).rejects.toMatchObject({ status: 503 });
    await expect(idClient.getExportConnections({ imodelId: "not-a-guid" })).rejects.toMatchObject({ status: 422 });
    await ids.write();
  });
  afterAll(async () => {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("pass against the mock they were recorded with", async () => {
    const report = await verifyContracts({ contracts: dir, target: mock.url, mockControl: true });
    expect(report.passed, formatContractsReport(report)).toBe(true);
    expect(outcomes(report)).toEqual({ "reads-ids": true, "reads-names": true });
  });

  it("a mock that drops displayName fails the team that reads it, and only that team", async () => {
    const broken = await editingProvider(mock.url, (body) => {
      for (const connection of body.connections ?? []) delete connection.displayName;
    });
    try {
      const report = await verifyContracts({ contracts: dir, target: broken.url, mockControl: true });
      expect(report.passed).toBe(false);
      expect(outcomes(report)).toEqual({ "reads-ids": true, "reads-names": false });
      const failed = report.consumers.find((consumer) => consumer.consumer === "reads-names")!;
      expect(failed.interactions.map((interaction) => interaction.outcome)).toEqual(["failed", "failed"]);
      expect(failed.interactions[0]!.problems).toEqual([
        "$.connections[*]: Actual map is missing the following keys: displayName",
      ]);
      const text = formatContractsReport(report);
      expect(text).toContain("FAIL  reads-names  0 of 2 interactions passed");
      expect(text).toContain("PASS  reads-ids  3 of 3 interactions passed");
      expect(text).toContain("the server would break 1 of 2 consumers: reads-names");
    } finally {
      await broken.close();
    }
  });

  it("a mock whose ids are numbers fails the team that reads ids", async () => {
    const broken = await editingProvider(mock.url, (body) => {
      for (const [index, connection] of (body.connections ?? []).entries()) connection.id = index;
    });
    try {
      const report = await verifyContracts({ contracts: dir, target: broken.url, mockControl: true });
      expect(outcomes(report)).toEqual({ "reads-ids": false, "reads-names": true });
    } finally {
      await broken.close();
    }
  });

  it("against a server that cannot be told to fail, skips the interaction recorded against a fault", async () => {
    const report = await verifyContracts({ contracts: dir, target: mock.url });
    expect(report.passed).toBe(true);
    const ids = report.consumers.find((consumer) => consumer.consumer === "reads-ids")!;
    expect(ids.interactions.map((interaction) => [interaction.description, interaction.outcome])).toEqual([
      ["GET /export/connections?imodelId=not-a-guid -> 422 (test/verify-contracts.test.ts)", "passed"],
      ["GET /export/connections?imodelId={imodelId}&$top=5 -> 200 (test/verify-contracts.test.ts)", "passed"],
      ["GET /export/connections?imodelId={imodelId}&$top=5 -> 503 (test/verify-contracts.test.ts)", "skipped"],
    ]);
    expect(ids.interactions[2]!.problems[0]).toContain("only an export-api-mock can replay it (mockControl)");
  });

  it("replays another iModel in place of the recorded one, for a server without the mock's", async () => {
    const other = await startMockServer({
      imodelIds: ["5e8e9f5a-1b7e-4c8a-9a53-2f0d6c1b3e47"],
      connectionsPerImodel: 30,
    });
    try {
      const recorded = await verifyContracts({ contracts: dir, target: other.url });
      expect(outcomes(recorded)).toEqual({ "reads-ids": false, "reads-names": false });
      expect(recorded.consumers[0]!.interactions[1]!.problems).toContain("status: expected 200, got 404");
      const replaced = await verifyContracts({ contracts: dir, target: other.url, imodelId: other.imodelIds[0] });
      expect(replaced.passed, formatContractsReport(replaced)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("sends the caller's token in place of the placeholder, and never reports it", async () => {
    const seen: (string | undefined)[] = [];
    // Answers with the token it got where the contract expects a name: a string, so the body still matches; as the
    // `id` of a connection, which must be a string, it does not, and the verifier quotes it.
    const echoing = await editingProvider(mock.url, (body) => {
      for (const connection of body.connections ?? []) connection.id = { echoed: `Bearer ${TOKEN}` };
    });
    const spy = createServer((request, response) => {
      seen.push(request.headers.authorization);
      fetch(`${echoing.url}${request.url}`, { headers: { authorization: request.headers.authorization ?? "" } })
        .then(async (answer) => {
          response.writeHead(answer.status, { "content-type": "application/json" });
          response.end(await answer.text());
        })
        .catch(() => response.destroy());
    });
    await new Promise<void>((resolve) => spy.listen(0, "127.0.0.1", resolve));
    try {
      const target = `http://127.0.0.1:${(spy.address() as AddressInfo).port}`;
      const report = await verifyContracts({ contracts: join(dir, "reads-ids.json"), target, token: TOKEN });
      expect(seen).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
      expect(report.passed).toBe(false);
      const text = `${JSON.stringify(report)}\n${formatContractsReport(report)}`;
      expect(text).not.toContain(TOKEN);
      expect(text).toContain("[redacted]");
    } finally {
      await new Promise<void>((resolve) => spy.close(() => resolve()));
      spy.closeAllConnections();
      await echoing.close();
    }
  });

  it("refuses bad options and files that are not contracts, naming them", async () => {
    await expect(verifyContracts({ contracts: join(dir, "nope"), target: mock.url })).rejects.toThrow(
      new InvalidOptionsError(`contracts: no such file or folder: ${JSON.stringify(join(dir, "nope"))}`),
    );
    await expect(verifyContracts({ contracts: dir, target: "ftp://x" })).rejects.toBeInstanceOf(InvalidOptionsError);
    await expect(verifyContracts({ contracts: dir, target: mock.url, imodelId: "x" })).rejects.toThrow(
      'imodelId must be a GUID (the spec\'s format: uuid), got "x"',
    );
    const bad = mkdtempSync(join(tmpdir(), "export-api-bad-contract-"));
    try {
      writeFileSync(
        join(bad, "team.json"),
        JSON.stringify({ consumer: { name: "team" }, provider: { name: "other" } }),
      );
      await expect(verifyContracts({ contracts: bad, target: mock.url })).rejects.toThrow(
        /team\.json: is not a Pact V4 file/,
      );
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it("export-api-verify --contracts: one line per consumer, exit 1 when one breaks, 2 on a bad argument", async () => {
    const passing = await runNode(BIN, ["--contracts", dir, "--target", mock.url, "--mock-control"], {
      env: { ...process.env, EXPORT_API_TOKEN: "" },
    });
    expect(passing.stderr).toBe("");
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain("PASS  reads-ids  3 of 3 interactions passed");
    expect(passing.stdout).toContain("2 of 2 consumers pass");

    const broken = await editingProvider(mock.url, (body) => {
      for (const connection of body.connections ?? []) delete connection.displayName;
    });
    try {
      const failing = await runNode(BIN, ["--contracts", dir, "--target", broken.url, "--json"], {
        env: { ...process.env, EXPORT_API_TOKEN: "" },
      });
      expect(failing.code).toBe(1);
      expect(JSON.parse(failing.stdout).consumers.map((consumer: { passed: boolean }) => consumer.passed)).toEqual([
        true,
        false,
      ]);
    } finally {
      await broken.close();
    }

    for (const args of [
      ["--contracts", dir, "--target", mock.url, "--page-size", "5"],
      ["--contracts", join(dir, "missing"), "--target", mock.url],
      ["--target", mock.url, "--imodel-id", mock.imodelIds[0]!, "--mock-control"],
    ]) {
      const result = await runNode(BIN, args, { env: { ...process.env, EXPORT_API_TOKEN: "" } });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(
        /^export-api-verify: (--page-size does not go with --contracts|contracts: no such file|--mock-control goes with --contracts)/,
      );
    }
  });
});
