// The consumers of `pnpm check:contract`, in a scratch copy of the repository with two registered teams whose
// contracts are recorded here with @export-api/usage against the mock server:
//   reporting  reads each connection's displayName, and asks for pages of $top=TOP_MAX
//   sync       pages with the default size, and switches over authenticationType without a default (it reads it)
// Each spec change names exactly the team it reaches and why, and the other as unaffected; a change that breaks a team
// fails until a changeset says the team was told, or the team's contract is updated.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ExportClient, type ExportConnection, TOP_MAX } from "@export-api/client";
import { type MockServer, startMockServer } from "@export-api/mock-server";
import { recordUsage } from "@export-api/usage";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { REPO, type ScratchRepo, scratchRepo } from "./helpers/scratch-repo.js";

/** The bumps a breaking spec change needs: the spec, the types, the client and the recorder that wraps it. */
const MAJOR = {
  "@export-api/spec": "major",
  "@export-api/types": "major",
  "@export-api/client": "major",
  "@export-api/usage": "major",
} as const;

/** The reporting team's code: a table of names, one page of the largest size the API allows. */
async function reporting(client: ExportClient, imodelId: string, top: number): Promise<string[]> {
  const page = await client.getExportConnections({ imodelId, top });
  return page.connections.map((connection) => connection.displayName);
}

/** The sync team's code: every connection's id and kind, with an exhaustive switch (no default). */
async function sync(client: ExportClient, imodelId: string): Promise<string[]> {
  const kinds: string[] = [];
  for await (const connection of client.iterateExportConnections({ imodelId })) {
    kinds.push(`${connection.id}: ${kindOf(connection)}`);
  }
  return kinds;
}

function kindOf(connection: ExportConnection): string {
  switch (connection.authenticationType) {
    case "User":
      return "runs as a user";
    case "Service":
      return "runs as a service";
  }
}

let recorded: string;
let mock: MockServer;
beforeAll(async () => {
  recorded = mkdtempSync(join(tmpdir(), "export-api-gate-contracts-"));
  mock = await startMockServer({ connectionsPerImodel: 120 });
  const root = join(REPO, "tools/release-tools");
  for (const [team, code] of [
    ["reporting", (client: ExportClient) => reporting(client, mock.imodelIds[0]!, TOP_MAX)],
    ["sync", (client: ExportClient) => sync(client, mock.imodelIds[0]!)],
    // The reporting team after the change: pages of 999.
    ["reporting-999", (client: ExportClient) => reporting(client, mock.imodelIds[0]!, 999)],
  ] as const) {
    const usage = recordUsage({ consumer: team.replace("-999", ""), dir: join(recorded, team), root });
    expect(await code(usage.createExportClient({ baseUrl: mock.url, accessToken: "gate-test-token" }))).toHaveLength(
      120,
    );
    await usage.write();
  }
});
afterAll(async () => {
  await mock.close();
  rmSync(recorded, { recursive: true, force: true });
});

let repo: ScratchRepo;
beforeEach(() => {
  repo = scratchRepo();
  mkdirSync(join(repo.dir, "contracts"));
  for (const team of ["reporting", "sync"]) {
    copyFileSync(join(recorded, team, `${team}.json`), join(repo.dir, "contracts", `${team}.json`));
  }
});
afterEach(() => repo.remove());

/** Changes the spec's YAML at `path`, keeping the rest of the document as written. */
function editSpec(change: (document: ReturnType<typeof parseDocument>) => void) {
  repo.edit("spec/openapi.yaml", (text) => {
    const document = parseDocument(text);
    change(document);
    return document.toString();
  });
}

const lowerTopMaximum = () =>
  editSpec((document) => document.setIn(["components", "parameters", "top", "schema", "maximum"], TOP_MAX - 1));
const removeDisplayName = () =>
  editSpec((document) => {
    document.deleteIn(["components", "schemas", "ExportConnection", "properties", "displayName"]);
    const required = document.getIn(["components", "schemas", "ExportConnection", "required"]) as any;
    required.items = required.items.filter((item: any) => item.value !== "displayName");
  });
const addFederated = () =>
  editSpec((document) => {
    const values = document.getIn(["components", "schemas", "AuthenticationType", "enum"]) as any;
    values.add("Federated");
  });

/** The consumers' part of the gate's output: from its heading to the end. */
function consumersPart(output: string): string {
  return output.slice(output.indexOf("Registered consumers"));
}

/** A changeset with the semver bumps the change needs, and `text` as its summary. */
function changeset(name: string, text: string) {
  const header = Object.entries(MAJOR).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  writeFileSync(join(repo.dir, ".changeset", `${name}.md`), `---\n${header.join("\n")}\n---\n\n${text}\n`);
}

it("with no spec change, every registered team is unaffected", async () => {
  const { ok, output } = await repo.checkContract();
  expect(ok).toBe(true);
  expect(consumersPart(output)).toBe(
    "Registered consumers (contracts/, 2): the spec has not changed since the last release, none is affected.",
  );
});

describe("$top's maximum lowered to 999", () => {
  beforeEach(lowerTopMaximum);

  it("breaks reporting, which sends $top=1000, and leaves sync unaffected", async () => {
    changeset("major", "$top is at most 999.");
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).toContain("The pending changesets cover every change.");
    const part = consumersPart(output);
    expect(part).toContain(
      [
        "  reporting  broken",
        `      GET /export/connections?imodelId={imodelId}&$top=${TOP_MAX} -> 200 (test/usage-gate.test.ts)`,
        `        broken: $top: sends $top=${TOP_MAX}; the spec now refuses it: must be at most ${TOP_MAX - 1} (maximum ${TOP_MAX} -> ${TOP_MAX - 1}) [comparator, rules]`,
        "  sync       unaffected",
      ].join("\n"),
    );
    expect(part).toContain("reporting is broken by this change and no pending changeset says it was told.");
    expect(part).not.toContain("sync is broken");
  });

  it("passes once a changeset says reporting was told, and names where", async () => {
    changeset("major", "$top is at most 999.\n\nTold: reporting (https://issues.example/EXP-42)");
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(true);
    expect(output).toContain("  reporting  broken, told in .changeset/major.md (https://issues.example/EXP-42)");
    expect(output).not.toContain("no pending changeset says it was told");
  });

  it("passes once the change updates reporting's contract: re-recorded, it sends 999", async () => {
    changeset("major", "$top is at most 999.");
    expect((await repo.checkContract()).ok).toBe(false);
    copyFileSync(join(recorded, "reporting-999", "reporting.json"), join(repo.dir, "contracts", "reporting.json"));
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(true);
    expect(output).toContain("  reporting  unaffected\n  sync       unaffected");
  });

  it("fails through the command too, exit code and all", () => {
    changeset("major", "$top is at most 999.");
    const failing = repo.checkContractCommand();
    expect(failing.ok).toBe(false);
    expect(failing.output).toContain("  Told: reporting (https://...)");
    changeset("told", "Told: reporting (https://chat.example/t/123)");
    expect(repo.checkContractCommand().ok).toBe(true);
  });
});

describe("displayName removed", () => {
  beforeEach(removeDisplayName);

  it("breaks reporting, which reads it, and leaves sync unaffected", async () => {
    changeset("major", "No more displayName.");
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(consumersPart(output)).toContain(
      [
        "  reporting  broken",
        `      GET /export/connections?imodelId={imodelId}&$top=${TOP_MAX} -> 200 (test/usage-gate.test.ts)`,
        "        broken: connections[].displayName: reads connections[].displayName, which the spec removes [comparator, rules]",
        "  sync       unaffected",
      ].join("\n"),
    );
  });
});

describe('authenticationType gains "Federated"', () => {
  beforeEach(addFederated);

  it("may affect sync, which reads it (its switch has no default), and leaves reporting unaffected; nobody is broken", async () => {
    changeset("major", "A new authentication type.");
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(true);
    const part = consumersPart(output);
    expect(part).toMatch(/^ {2}reporting {2}unaffected$/m);
    expect(part).toMatch(/^ {2}sync {7}potentially affected$/m);
    expect(part).toContain(
      'potentially affected: connections[].authenticationType: reads connections[].authenticationType; the spec adds "Federated" to its values ("User", "Service"): code that handles each value (a switch with no default) must handle it [rules]',
    );
    // Every page the sync team read names it.
    expect(part.match(/potentially affected: connections\[\]\.authenticationType/g)).toHaveLength(2);
    expect(part).not.toContain("broken");
  });
});

describe("what the gate refuses", () => {
  beforeEach(lowerTopMaximum);

  it("a Told line without a link, or for a team that is not registered", async () => {
    changeset("major", "Told: reporting\nTold: reportnig (https://issues.example/1)");
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).toContain(
      '.changeset/major.md: "Told: reporting" is not a Told line: write "Told: <team> (<link to where you told it>)"',
    );
    expect(output).toContain(
      '.changeset/major.md: "Told: reportnig (https://issues.example/1)" names no registered team (contracts/ has reporting, sync)',
    );
  });

  it("a contract that cannot be read, or whose file is not named after its consumer", async () => {
    changeset("major", "Told: reporting (https://issues.example/EXP-42)");
    writeFileSync(join(repo.dir, "contracts", "broken.json"), "{");
    copyFileSync(join(repo.dir, "contracts", "sync.json"), join(repo.dir, "contracts", "synk.json"));
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).toContain("contracts/broken.json is not JSON:");
    expect(output).toContain('contracts/synk.json: its consumer is "sync": name the file sync.json');
    expect(readFileSync(join(repo.dir, "contracts", "sync.json"), "utf8")).toContain('"consumer"');
  });
});
