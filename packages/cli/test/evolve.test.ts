// The built CLI against the built `export-api-mock --evolve`, both as processes: a newer API's unknown
// properties, links and headers change nothing, and its new authenticationType ("Federated") is shown as sent,
// in every format.
import type { ExportConnection } from "@export-api/client";
import { builtBin, startProcess } from "@export-api/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, tableRows } from "./fixtures/cli.js";

const MOCK_BIN = builtBin("@export-api/mock-server", import.meta.url);
const CONNECTIONS = 57;
const TOKEN = "evolve-token-5d1e";
const FEDERATED = "Federated";

let mock: ReturnType<typeof startProcess>;
let url: string;
let imodelId: string;
/** Every connection as the mock sends it, read without the CLI. */
let sent: ExportConnection[];

beforeAll(async () => {
  mock = startProcess(process.execPath, [MOCK_BIN, "--evolve", "--connections", String(CONNECTIONS)]);
  const [, listening, first] = await mock.waitForOutput(/listening on (\S+)\n.*\n {2}(\S+)/);
  [url, imodelId] = [listening!, first!];
  const response = await fetch(`${url}/export/connections?imodelId=${imodelId}&$top=1000`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  sent = (await response.json()).connections;
});

afterAll(async () => {
  mock.child.kill("SIGTERM");
  await mock.exited;
});

const list = (format: string) =>
  bin(["list", "--all", "--top", "10", "--format", format, "--base-url", url, "--imodel-id", imodelId], {
    EXPORT_API_TOKEN: TOKEN,
  });

describe("export-connections list --all against export-api-mock --evolve", () => {
  it("the mock sends some connections a type the spec does not list", () => {
    expect(sent).toHaveLength(CONNECTIONS);
    expect(sent.filter((c) => (c.authenticationType as string) === FEDERATED).length).toBeGreaterThan(0);
  });

  it("table: every connection, each with the authenticationType it was sent", async () => {
    const { code, stdout, stderr } = await list("table");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const rows = tableRows(stdout);
    expect(rows.map((row) => row.slice(0, 43))).toEqual(sent.map((c) => c.id));
    const typeColumn = stdout.split("\n")[0]!.indexOf("authenticationType");
    expect(rows.map((row) => row.slice(typeColumn).split(/\s+/)[0])).toEqual(sent.map((c) => c.authenticationType));
    expect(stdout.trimEnd().split("\n").at(-1)).toBe(
      `${CONNECTIONS} connections in ${Math.ceil(CONNECTIONS / 10)} pages`,
    );
  });

  it("json: one array of every connection exactly as sent, unknown properties and links included", async () => {
    const { code, stdout } = await list("json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(sent);
  });

  it("ndjson: one line per connection exactly as sent", async () => {
    const { code, stdout } = await list("ndjson");
    expect(code).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(sent);
  });
});
