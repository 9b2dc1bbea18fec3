// recordUsage around a client tested against the mock server and its MSW handlers: what the contract says of the
// parameters sent, the statuses and errors met and the fields read, that it never holds the token, and that the client
// behaves exactly as without the recorder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectionError, createExportClient, RateLimitError, VERSION } from "@export-api/client";
import { type MockServer, startMockServer } from "@export-api/mock-server";
import { createHandlers } from "@export-api/mock-server/msw";
import { IMODEL_ID_PATTERN, SERVER_URL, TOP_MAX } from "@export-api/types";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ContractOutdatedError,
  PROVIDER_NAME,
  PROVIDER_STATES,
  readContract,
  recordUsage,
  type UsageInteraction,
} from "../src/index.js";

const TOKEN = "a-secret-token-4f9d2c71";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

let dir: string;
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ connectionsPerImodel: 25 });
});
afterAll(() => mock.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "export-api-usage-"));
  mock.clearFaults();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function contractIn(file: string) {
  const text = readFileSync(file, "utf8");
  return { text, contract: readContract(JSON.parse(text), file) };
}

const byDescription = (interactions: UsageInteraction[], start: string) => {
  const found = interactions.filter((interaction) => interaction.description.startsWith(start));
  expect(found, start).toHaveLength(1);
  return found[0]!;
};

/** A team's code: names and kinds of every connection, and the first page's ids with $top=TOP_MAX. */
async function teamCode(client: ReturnType<typeof createExportClient>, imodelId: string) {
  const all = await client.iterateExportConnections({ imodelId, pageSize: 10 }).toArray();
  const names = all.map((connection) => `${connection.displayName}: ${connection.authenticationType}`);
  const page = await client.getExportConnections({ imodelId, top: TOP_MAX });
  return { names, ids: page.connections.map((connection) => connection.id) };
}

describe("a recording against the mock server", () => {
  it("writes a Pact V4 contract of the requests sent, the statuses met and the fields read", async () => {
    const usage = recordUsage({ consumer: "team-a", dir });
    const client = usage.createExportClient({ baseUrl: mock.url, accessToken: TOKEN, retryBaseDelayMs: 0 });
    const { names } = await teamCode(client, mock.imodelIds[0]!);
    expect(names).toHaveLength(25);
    mock.fail({ status: 429, retryAfter: 120 });
    await expect(client.getExportConnections({ imodelId: mock.imodelIds[0]! })).rejects.toBeInstanceOf(RateLimitError);
    await expect(client.getExportConnections({ imodelId: UNKNOWN })).rejects.toMatchObject({ name: "NotFoundError" });
    await expect(client.getExportConnections({ imodelId: "not-a-guid" })).rejects.toMatchObject({ status: 422 });

    const result = await usage.write();
    expect(result).toEqual({ file: join(dir, "team-a.json"), interactions: 7, changed: true });
    const { text, contract } = contractIn(result.file);
    expect(text).not.toContain(TOKEN);
    expect(contract.consumer).toBe("team-a");
    expect(contract.provider).toBe(PROVIDER_NAME);
    expect(contract.pact.metadata).toMatchObject({ pactSpecification: { version: "4.0" } });
    const interactions = contract.interactions;
    expect(interactions.map((interaction) => interaction.description)).toEqual([
      "GET /export/connections?imodelId=not-a-guid -> 422 (test/recorder.test.ts)",
      "GET /export/connections?imodelId={imodelId} -> 404 (test/recorder.test.ts)",
      "GET /export/connections?imodelId={imodelId} -> 429 (test/recorder.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=10 -> 200 (test/recorder.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=10&$skip=10 -> 200 (test/recorder.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=10&$skip=20 -> 200 (test/recorder.test.ts)",
      `GET /export/connections?imodelId={imodelId}&$top=${TOP_MAX} -> 200 (test/recorder.test.ts)`,
    ]);

    const first = byDescription(interactions, "GET /export/connections?imodelId={imodelId}&$top=10 ->");
    expect(first.request.query).toEqual({ imodelId: [mock.imodelIds[0]], $top: ["10"] });
    expect(first.request.headers.authorization).toEqual(["Bearer [redacted]"]);
    expect(first.state).toEqual({
      name: PROVIDER_STATES.connections,
      params: { imodelId: mock.imodelIds[0], connections: 11 },
    });
    // What the code read of this page, and what the SDK read for it (the next link, to page on).
    expect((first.raw as any).comments.exportApiUsage.reads).toEqual([
      "connections[].authenticationType",
      "connections[].displayName",
    ]);
    expect(first.sdkReads).toEqual(["_links.next.href", "connections"]);
    expect(first.reads).toEqual(["_links.next.href", "connections[].authenticationType", "connections[].displayName"]);
    const raw = first.raw as any;
    expect(raw.request.matchingRules).toEqual({
      header: { Authorization: { combine: "AND", matchers: [{ match: "regex", regex: "^Bearer \\S+$" }] } },
      query: { imodelId: { combine: "AND", matchers: [{ match: "regex", regex: IMODEL_ID_PATTERN }] } },
    });
    const rules = raw.response.matchingRules.body;
    expect(rules["$.connections"]).toEqual({ combine: "AND", matchers: [{ match: "type", min: 1 }] });
    expect(rules["$.connections[*].displayName"].matchers).toEqual([{ match: "type" }]);
    expect(rules["$.connections[*].id"]).toBeUndefined();
    expect(rules["$._links.next.href"].matchers).toEqual([{ match: "regex", regex: "^https?://\\S+$" }]);
    // Only what is read: one connection as the example for all, and its links on the API's address, not the mock's.
    const content = raw.response.body.content;
    expect(content.connections).toHaveLength(1);
    expect(Object.keys(content.connections[0]).sort()).toEqual(["authenticationType", "displayName"]);
    expect(content._links.next.href).toMatch(new RegExp(`^${SERVER_URL}/export/connections\\?`));
    expect(raw.comments.text).toContain(
      `Recorded from test/recorder.test.ts by @export-api/usage 0.0.0, with @export-api/client ${VERSION}.`,
    );
    expect(raw.comments.exportApiUsage.sdk).toBe(`@export-api/client ${VERSION}`);
    expect(raw.comments.testname).toBe(
      "a recording against the mock server > writes a Pact V4 contract of the requests sent, the statuses met and the fields read",
    );

    const top = byDescription(interactions, `GET /export/connections?imodelId={imodelId}&$top=${TOP_MAX}`);
    expect(top.request.query.$top).toEqual([String(TOP_MAX)]);
    // Filed under the page it came in: the code read only the ids of this one, matched as any non-empty id.
    expect(top.reads).toEqual(["connections[].id"]);
    expect((top.raw as any).response.matchingRules.body["$.connections[*].id"].matchers).toEqual([
      { match: "type" },
      { match: "regex", regex: "^.+$" },
    ]);
    expect((top.raw as any).comments.text).toContain("Sent by getExportConnections.");

    const limited = byDescription(interactions, "GET /export/connections?imodelId={imodelId} -> 429");
    expect(limited.state).toEqual({ name: PROVIDER_STATES.status, params: { status: 429, retryAfter: "120" } });
    expect(limited.errors).toEqual(["RateLimitError"]);
    expect((limited.raw as any).response.headers).toEqual({ "Retry-After": ["120"] });
    expect((limited.raw as any).response.body.content).toEqual({
      error: { code: "TooManyRequests", message: expect.any(String) },
    });
    expect(byDescription(interactions, "GET /export/connections?imodelId={imodelId} -> 404").state).toEqual({
      name: PROVIDER_STATES.unknownImodel,
      params: { imodelId: UNKNOWN },
    });
    // The request alone explains a 422 for an id that is not a GUID: no state to set up.
    expect(byDescription(interactions, "GET /export/connections?imodelId=not-a-guid").state).toBeUndefined();
  });

  it("records a call without a token as such, and a 401 it explains needs no state", async () => {
    const usage = recordUsage({ consumer: "team-b", dir });
    const client = usage.createExportClient({ baseUrl: mock.url });
    await expect(client.getExportConnections({ imodelId: mock.imodelIds[0]! })).rejects.toMatchObject({ status: 401 });
    await usage.write();
    const [interaction] = contractIn(join(dir, "team-b.json")).contract.interactions;
    expect(interaction?.description).toBe(
      "GET /export/connections?imodelId={imodelId} without a token -> 401 (test/recorder.test.ts)",
    );
    expect(interaction?.request.headers.authorization).toBeUndefined();
    expect(interaction?.state).toBeUndefined();
    expect(interaction?.errors).toEqual(["AuthenticationError"]);
  });

  it("never writes the token, even when a server echoes it into a body", async () => {
    const usage = recordUsage({ consumer: "team-c", dir });
    const client = usage.createExportClient({ baseUrl: mock.url, accessToken: TOKEN, maxRetries: 0 });
    mock.fail({ kind: "echo-authorization", status: 401 });
    await expect(client.getExportConnections({ imodelId: mock.imodelIds[0]! })).rejects.toMatchObject({ status: 401 });
    await usage.write();
    const { text, contract } = contractIn(join(dir, "team-c.json"));
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(encodeURIComponent(TOKEN));
    expect(JSON.stringify(contract.interactions[0]?.raw)).toContain("[redacted]");
  });

  it("changes nothing the client does: a body that breaks still breaks, retries still happen", async () => {
    const usage = recordUsage({ consumer: "team-d", dir });
    const recorded = usage.createExportClient({ baseUrl: mock.url, accessToken: TOKEN, maxRetries: 0 });
    const plain = createExportClient({ baseUrl: mock.url, accessToken: TOKEN, maxRetries: 0 });
    for (const client of [recorded, plain]) {
      mock.fail({ kind: "truncated-body" });
      await expect(client.getExportConnections({ imodelId: mock.imodelIds[0]! })).rejects.toBeInstanceOf(
        ConnectionError,
      );
    }
    const retrying = usage.createExportClient({ baseUrl: mock.url, accessToken: TOKEN, retryBaseDelayMs: 0 });
    mock.clearRequests();
    mock.fail({ status: 503, times: 2, retryAfter: 0 });
    const page = await retrying.getExportConnections({ imodelId: mock.imodelIds[0]!, top: 3 });
    expect(page.connections).toHaveLength(3);
    expect(mock.requests).toHaveLength(3);
    const { data, response, requestId } = await retrying
      .getExportConnections({ imodelId: mock.imodelIds[0]! })
      .withResponse();
    expect(data.connections).toHaveLength(25);
    expect(response.status).toBe(200);
    expect(response.url).toContain(mock.url);
    expect(requestId).toBeUndefined();

    await usage.write();
    const { contract } = contractIn(join(dir, "team-d.json"));
    // The truncated page was never a page the code got; the 503s the client retried are interactions of their own.
    expect(contract.interactions.map((interaction) => interaction.description)).toEqual([
      "GET /export/connections?imodelId={imodelId} -> 200 (test/recorder.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=3 -> 200 (test/recorder.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=3 -> 503 (test/recorder.test.ts)",
    ]);
    expect(contract.interactions[2]?.errors).toEqual([]);
    const sources = (contract.pact.metadata as any).exportApiUsage.sources;
    expect(sources["test/recorder.test.ts"].errorsWithoutResponse).toEqual(["ConnectionError"]);
  });

  it("records pages(), for await and withResponse() alike", async () => {
    const usage = recordUsage({ consumer: "team-e", dir });
    const client = usage.createExportClient({ baseUrl: mock.url, accessToken: TOKEN });
    const imodelId = mock.imodelIds[0]!;
    for await (const page of client.iterateExportConnections({ imodelId, pageSize: 20 }).pages()) {
      expect(page.connections.length).toBeGreaterThan(0);
    }
    for await (const connection of client.iterateExportConnections({ imodelId, pageSize: 25 })) {
      expect(connection.iTwinId).toMatch(/^[0-9a-f-]{36}$/);
      break;
    }
    for await (const { data } of client.iterateExportConnections({ imodelId, pageSize: 5 }).pages().withResponse()) {
      expect(data._links.self.href).toContain("$top=5");
      break;
    }
    await usage.write();
    const { contract } = contractIn(join(dir, "team-e.json"));
    expect(contract.interactions.map((interaction) => interaction.request.query)).toEqual([
      { imodelId: [imodelId], $top: ["20"] },
      { imodelId: [imodelId], $top: ["20"], $skip: ["20"] },
      { imodelId: [imodelId], $top: ["25"] },
      { imodelId: [imodelId], $top: ["5"] },
    ]);
    // pages() reads only the array's length; for await reads iTwinId of the first page of 25; withResponse the link.
    expect(contract.interactions.map((interaction) => interaction.reads)).toEqual([
      ["_links.next.href", "connections"],
      ["connections"],
      ["connections[].iTwinId"],
      ["_links.next.href", "_links.self.href", "connections"],
    ]);
    expect((contract.pact.metadata as any).exportApiUsage.sources["test/recorder.test.ts"].calls).toEqual([
      "iterateExportConnections",
      "iterateExportConnections().pages()",
      "iterateExportConnections().pages().withResponse()",
    ]);
  });

  it("records the same file from the same tests, whatever port the mock had", async () => {
    const texts: string[] = [];
    for (const run of [1, 2]) {
      const other = await startMockServer({ connectionsPerImodel: 25 });
      try {
        const usage = recordUsage({ consumer: `same-${run}`, dir });
        await teamCode(usage.createExportClient({ baseUrl: other.url, accessToken: TOKEN }), other.imodelIds[0]!);
        await usage.write();
        texts.push(readFileSync(join(dir, `same-${run}.json`), "utf8").replace(`"same-${run}"`, '"same"'));
      } finally {
        await other.close();
      }
    }
    expect(texts[0]).toBe(texts[1]);
  });
});

describe("a recording through MSW", () => {
  const handlers = createHandlers({ connectionsPerImodel: 12 });
  const prefixed = createHandlers({ baseUrl: "https://gateway.example/export-api", connectionsPerImodel: 3 });
  const server = setupServer(...handlers, ...prefixed);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => {
    server.close();
    handlers.close();
    prefixed.close();
  });

  it("records at the client's default base URL, with no port", async () => {
    const usage = recordUsage({ consumer: "msw-team", dir });
    const client = usage.createExportClient({ accessToken: TOKEN });
    const connections = await client.iterateExportConnections({ imodelId: handlers.imodelIds[0]! }).toArray();
    expect(connections.map((connection) => connection.displayName)).toHaveLength(12);
    await usage.write();
    const { contract } = contractIn(join(dir, "msw-team.json"));
    expect(contract.interactions).toHaveLength(1);
    expect(contract.interactions[0]?.request.path).toBe("/export/connections");
    expect(contract.interactions[0]?.reads).toEqual(["connections[].displayName"]);
  });

  it("records the API's path below a base URL with a path prefix", async () => {
    const usage = recordUsage({ consumer: "gateway-team", dir });
    const client = usage.createExportClient({ baseUrl: "https://gateway.example/export-api", accessToken: TOKEN });
    await client.getExportConnections({ imodelId: prefixed.imodelIds[0]! });
    await usage.write();
    expect(contractIn(join(dir, "gateway-team.json")).contract.interactions[0]?.request.path).toBe(
      "/export/connections",
    );
  });

  it("records a client made elsewhere with the recorder's fetch, then wrapped", async () => {
    const usage = recordUsage({ consumer: "factory-team", dir });
    const client = usage.wrap(createExportClient({ accessToken: TOKEN, fetch: usage.fetch }));
    const page = await client.getExportConnections({ imodelId: handlers.imodelIds[1]!, top: 2 });
    expect(page.connections[1]?.iModelId).toBe(handlers.imodelIds[1]);
    await usage.write();
    const [interaction] = contractIn(join(dir, "factory-team.json")).contract.interactions;
    expect(interaction?.request.query).toEqual({ imodelId: [handlers.imodelIds[1]], $top: ["2"] });
    expect(interaction?.reads).toEqual(["connections[].iModelId"]);
    expect(interaction?.sdkReads).toEqual(["connections"]);
  });
});

describe("writing the contract", () => {
  it("keeps other test files' parts, and drops the part of a test file that no longer exists", async () => {
    const gone = join(dir, "gone.test.ts");
    const kept = join(dir, "kept.test.ts");
    writeFileSync(gone, "");
    writeFileSync(kept, "");
    for (const source of [gone, kept]) {
      const usage = recordUsage({ consumer: "team-f", dir, root: dir, source });
      await usage
        .createExportClient({ baseUrl: mock.url, accessToken: TOKEN })
        .getExportConnections({ imodelId: mock.imodelIds[0]! });
      await usage.write();
    }
    const sources = () => contractIn(join(dir, "team-f.json")).contract.interactions.map((item) => item.source);
    expect(sources()).toEqual(["gone.test.ts", "kept.test.ts"]);
    rmSync(gone);
    const usage = recordUsage({ consumer: "team-f", dir, root: dir, source: kept });
    await usage
      .createExportClient({ baseUrl: mock.url, accessToken: TOKEN })
      .getExportConnections({ imodelId: mock.imodelIds[0]!, top: 2 });
    await usage.write();
    expect(contractIn(join(dir, "team-f.json")).contract.interactions.map((item) => item.description)).toEqual([
      "GET /export/connections?imodelId={imodelId}&$top=2 -> 200 (kept.test.ts)",
    ]);
  });

  it("with update: false, passes when the file already says it and fails naming what changed", async () => {
    const record = async (top: number, update: boolean) => {
      const usage = recordUsage({ consumer: "team-g", dir, update });
      await usage
        .createExportClient({ baseUrl: mock.url, accessToken: TOKEN })
        .getExportConnections({ imodelId: mock.imodelIds[0]!, top });
      return usage.write();
    };
    await record(5, true);
    const before = readFileSync(join(dir, "team-g.json"), "utf8");
    await expect(record(5, false)).resolves.toMatchObject({ changed: false });
    const failed = record(6, false);
    await expect(failed).rejects.toBeInstanceOf(ContractOutdatedError);
    await expect(failed).rejects.toThrow(
      /is not what test\/recorder\.test\.ts records now:\n {2}\+ GET \/export\/connections\?imodelId=\{imodelId\}&\$top=6 -> 200 \(test\/recorder\.test\.ts\)\n {2}- GET .*\$top=5 -> 200/,
    );
    expect(readFileSync(join(dir, "team-g.json"), "utf8")).toBe(before);
  });

  it("refuses a file that is another consumer's, or not a contract, rather than overwrite it", async () => {
    writeFileSync(join(dir, "team-h.json"), "{ not json");
    await expect(recordUsage({ consumer: "team-h", dir }).write()).rejects.toThrow(/team-h\.json is not JSON/);
    const other = recordUsage({ consumer: "team-i", dir });
    await other.write();
    writeFileSync(join(dir, "team-h.json"), readFileSync(join(dir, "team-i.json")));
    await expect(recordUsage({ consumer: "team-h", dir }).write()).rejects.toThrow(
      'is the contract of "team-i", not of "team-h"',
    );
  });
});

describe("options", () => {
  it.each([
    [
      { consumer: "Team A" },
      'consumer must be lower-case letters, digits and dashes (at most 64, starting with a letter or digit), got "Team A"',
    ],
    [{ consumer: "" }, "consumer must be"],
    [{ consumer: "a".repeat(65) }, "consumer must be"],
    [{ consumer: "ok", dir: "" }, 'dir must be a non-empty string, got ""'],
    [{ consumer: "ok", update: "yes" }, 'update must be true or false, got "yes"'],
    [undefined, "recordUsage needs { consumer }"],
  ])("refuses %j", (options, message) => {
    expect(() => recordUsage(options as any)).toThrow(message);
  });

  it("wrap refuses what is not a client", () => {
    expect(() => recordUsage({ consumer: "ok", dir }).wrap({} as any)).toThrow(
      "wrap needs a client made by createExportClient",
    );
  });
});
