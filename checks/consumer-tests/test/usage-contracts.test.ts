// The sample consumer (fixtures/usage-consumer) registers its usage like any team: its own vitest suite, installed
// from the packed tarballs outside the workspace, records one contract through the mock server and one through the
// MSW handlers, into the repository's contracts/ folder. Under CI the recorders only check that the registered files
// are what the suite records; UPDATE_CONTRACTS=1 rewrites them.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ConsumerProject,
  createConsumerProject,
  WORKSPACE_ROOT,
  withoutPackageManagerVariables,
} from "@export-api/test-utils";
import { PROVIDER_STATES, readContract } from "@export-api/usage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MSW } from "./global-setup.js";

const CONTRACTS = join(WORKSPACE_ROOT, "contracts");
const VITEST = JSON.parse(readFileSync(join(WORKSPACE_ROOT, "checks/consumer-tests/package.json"), "utf8"))
  .devDependencies.vitest;

let project: ConsumerProject;
let run: { code: number | null; output: string };

beforeAll(async () => {
  project = await createConsumerProject(
    join(import.meta.dirname, "../fixtures/usage-consumer"),
    [`msw@${MSW}`, `vitest@${VITEST}`, "@types/node@20"],
    ["@export-api/client", "@export-api/types", "@export-api/mock-server", "@export-api/usage"],
  );
  const env = Object.fromEntries(
    Object.entries(withoutPackageManagerVariables(process.env)).filter(([name]) => !name.startsWith("VITEST")),
  );
  run = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(project.dir, "node_modules/vitest/vitest.mjs"), "run"], {
      cwd: project.dir,
      env: { ...env, NO_COLOR: "1", CONTRACTS_DIR: CONTRACTS },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}, 300_000);

afterAll(() => project?.remove());

function registered(consumer: string) {
  const file = join(CONTRACTS, `${consumer}.json`);
  return readContract(JSON.parse(readFileSync(file, "utf8")), file);
}

describe("the sample consumer, from the packed tarballs", () => {
  it("runs its suite, and its registered contracts are what the suite records", () => {
    // A stale contract fails the suite's afterAll with the interactions added and removed.
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("✓ test/mock-server.test.ts");
    expect(run.output).toContain("✓ test/msw.test.ts");
  });

  it("through the mock server: paging, the faults it handles, and the fields it reads", () => {
    const contract = registered("sample-consumer-mock-server");
    expect(contract.interactions.map((interaction) => interaction.description)).toEqual([
      "GET /export/connections?imodelId={imodelId}&$top=100 -> 200 (test/mock-server.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=100 -> 401 (test/mock-server.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=100 -> 404 (test/mock-server.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=100 -> 429 (test/mock-server.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=100 -> 503 (test/mock-server.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=100&$skip=100 -> 200 (test/mock-server.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=100&$skip=200 -> 200 (test/mock-server.test.ts)",
    ]);
    const page = contract.interactions[0]!;
    expect(page.reads).toEqual([
      "_links.next.href",
      "connections[].authenticationType",
      "connections[].displayName",
      "connections[].id",
    ]);
    expect(contract.interactions.map((interaction) => [interaction.status, interaction.errors])).toEqual([
      [200, []],
      [401, ["AuthenticationError"]],
      [404, ["NotFoundError"]],
      [429, ["RateLimitError"]],
      [503, []], // retried by the client: the code never saw it
      [200, []],
      [200, []],
    ]);
    expect(contract.interactions[4]!.state).toEqual({ name: PROVIDER_STATES.status, params: { status: 503 } });
  });

  it("through MSW: the same code at the client's default base URL", () => {
    const contract = registered("sample-consumer-msw");
    expect(contract.interactions.map((interaction) => interaction.description)).toEqual([
      "GET /export/connections?imodelId={imodelId}&$top=100 -> 200 (test/msw.test.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=100 -> 429 (test/msw.test.ts)",
    ]);
    expect(contract.interactions[0]!.reads).toEqual([
      "connections[].authenticationType",
      "connections[].displayName",
      "connections[].id",
    ]);
    expect(JSON.stringify(contract.pact)).not.toContain("test-token-123");
  });
});
