// Many writers, one contract: two vitest workers recording side by side into one consumer's file, and six processes
// writing it over and over while it is read. The file is always whole JSON, and ends with every writer's part.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { hostname, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type MockServer, startMockServer } from "@export-api/mock-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readContract } from "../src/index.js";

const require = createRequire(import.meta.url);
const FIXTURE = join(import.meta.dirname, "fixtures/parallel");
const VITEST = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "export-api-usage-parallel-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** This process's environment without what vitest set for its own workers. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "TEST"),
    ),
    NO_COLOR: "1",
    ...extra,
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

/** The pact verifier of @pact-foundation/pact-cli (a dev dependency), as its package finds it for this platform. */
function pactBinary(): string {
  const packageJson = require.resolve("@pact-foundation/pact-cli/package.json");
  return require(join(dirname(packageJson), "src/pact-standalone.js")).standalone().pactFullPath;
}

describe("two vitest workers recording into one consumer's contract at the same time", () => {
  let mock: MockServer;
  beforeEach(async () => {
    mock = await startMockServer();
  });
  afterEach(() => mock.close());

  it("leave one valid file with both workers' interactions, which the pact verifier passes", async () => {
    const contracts = join(work, "pacts");
    const barrier = mkdtempSync(join(work, "barrier-"));
    const env = cleanEnv({ USAGE_CONTRACTS_DIR: contracts, USAGE_BARRIER_DIR: barrier, USAGE_ROOT: FIXTURE });
    const { code, output } = await run(
      process.execPath,
      [VITEST, "run", "--config", join(FIXTURE, "vitest.config.ts")],
      env,
      FIXTURE,
    );
    expect(code, output).toBe(0);
    expect(output).toContain("2 passed");

    const file = join(contracts, "shared-team.json");
    const text = readFileSync(file, "utf8");
    expect(text).not.toMatch(/worker-[ab]-token/);
    const contract = readContract(JSON.parse(text), file);
    expect(contract.interactions.map((interaction) => interaction.description)).toEqual([
      "GET /export/connections?imodelId={imodelId}&$top=7 -> 200 (a.usage.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=7&$skip=14 -> 200 (a.usage.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=7&$skip=21 -> 200 (a.usage.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=7&$skip=7 -> 200 (a.usage.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=9 -> 200 (b.usage.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=9&$skip=18 -> 200 (b.usage.ts)",
      "GET /export/connections?imodelId={imodelId}&$top=9&$skip=9 -> 200 (b.usage.ts)",
    ]);
    expect(Object.keys((contract.pact.metadata as any).exportApiUsage.sources)).toEqual(["a.usage.ts", "b.usage.ts"]);

    const { port } = new URL(mock.url);
    const verified = await run(
      pactBinary(),
      ["verifier", "--file", file, "--hostname", "127.0.0.1", "--port", port, "--no-colour"],
      cleanEnv({ PACT_DO_NOT_TRACK: "true" }),
      work,
    );
    expect(verified.code, verified.output).toBe(0);
    expect(verified.output.match(/has a matching body \(OK\)/g)).toHaveLength(7);
  }, 240_000);
});

describe("six processes writing one contract", () => {
  let mock: MockServer;
  beforeEach(async () => {
    mock = await startMockServer();
  });
  afterEach(() => mock.close());

  /**
   * Six processes, each recording one call and writing it `rounds` times into busy-team.json, started at once; with
   * `staleLock`, a writer killed earlier left the file's lock behind (its process gone). Returns the contract file and
   * how many times it was read whole meanwhile (a half-written file would throw).
   */
  async function sixWriters({ rounds, staleLock }: { rounds: number; staleLock: boolean }) {
    const contracts = join(work, "pacts");
    const file = join(contracts, "busy-team.json");
    if (staleLock) {
      const dead = spawnSync(process.execPath, ["-e", ""]).pid;
      mkdirSync(`${file}.lock`, { recursive: true });
      writeFileSync(join(`${file}.lock`, "owner.json"), JSON.stringify({ pid: dead, host: hostname() }));
    }
    const script = join(work, "writer.mjs");
    // The built package, as another process loads it; each writer is a test file of its own.
    writeFileSync(
      script,
      `import { recordUsage } from ${JSON.stringify(join(import.meta.dirname, "../dist/index.js"))};
const [source, top] = process.argv.slice(2);
const usage = recordUsage({ consumer: "busy-team", dir: process.env.DIR, root: process.env.ROOT, source });
await usage.createExportClient({ baseUrl: process.env.MOCK, accessToken: "t" }).getExportConnections({ imodelId: process.env.IMODEL, top: Number(top) });
for (let round = 0; round < ${rounds}; round++) await usage.write();
`,
    );
    const writers = [1, 2, 3, 4, 5, 6].map((index) => {
      writeFileSync(join(work, `writer-${index}.test.ts`), "");
      return run(
        process.execPath,
        [script, `writer-${index}.test.ts`, String(index)],
        cleanEnv({ DIR: contracts, ROOT: work, MOCK: mock.url, IMODEL: mock.imodelIds[0]! }),
        work,
      );
    });
    let reads = 0;
    let finished = false;
    const all = Promise.all(writers).finally(() => {
      finished = true;
    });
    while (!finished) {
      let text: string | undefined;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        // Not written yet.
      }
      if (text !== undefined) {
        readContract(JSON.parse(text), file); // a half-written file would throw here
        reads++;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const { code, output } of await all) expect(code, output).toBe(0);
    return { file, reads };
  }

  /** Every writer's part is in the file: its source and its $top. */
  function expectEveryPart(file: string) {
    const contract = readContract(JSON.parse(readFileSync(file, "utf8")), file);
    expect(contract.interactions.map((interaction) => interaction.source)).toEqual(
      [1, 2, 3, 4, 5, 6].map((index) => `writer-${index}.test.ts`),
    );
    expect(contract.interactions.map((interaction) => interaction.request.query.$top)).toEqual(
      [1, 2, 3, 4, 5, 6].map((index) => [String(index)]),
    );
  }

  it("never leave a half-written file, and lose nobody's part", async () => {
    const { file, reads } = await sixWriters({ rounds: 15, staleLock: false });
    expect(reads).toBeGreaterThan(0);
    expectEveryPart(file);
  }, 240_000);

  it("after a writer died holding the lock: one takes it over, and each writes its part once without losing another's", async () => {
    // One round each: a part lost to two writers holding the lock at once would not be written again.
    const { file } = await sixWriters({ rounds: 1, staleLock: true });
    expectEveryPart(file);
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(readdirSync(dirname(file)).filter((name) => name !== "busy-team.json")).toEqual([]);
  }, 240_000);
});
