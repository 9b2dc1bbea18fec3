// export-api-verify end to end: the built bin spawned with node against the mock server and a broken provider;
// its exit code, its one line per scenario, the violation, and a token that never shows.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TOP_MAX, TOP_MIN } from "@export-api/client";
import { startMockServer } from "@export-api/mock-server";
import {
  builtBin,
  childPids,
  eventually,
  IMODEL_ID,
  isAlive,
  type ProcessResult,
  runNode,
  startProcess,
  startServer,
} from "@export-api/test-utils";
import { describe, expect, it } from "vitest";
import type { VerificationReport } from "../src/index.js";
import { startProvider } from "./fixtures/providers.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const TOKEN = "e2e-secret-token-7f3a";
const MOCK_BIN = builtBin("@export-api/mock-server", import.meta.url);

/** The built bin with this process's environment, minus any EXPORT_API_TOKEN of the developer's, plus `env`. */
function run(args: string[], env: Record<string, string> = {}): Promise<ProcessResult> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the package first (pnpm build)`);
  return runNode(BIN, args, { env: { ...process.env, EXPORT_API_TOKEN: "", ...env } });
}

describe("export-api-verify", () => {
  it("exits 0 against the mock server, one PASS line per scenario", async () => {
    const mock = await startMockServer();
    try {
      const result = await run(["--target", mock.url, "--imodel-id", mock.imodelIds[0]!, "--token", TOKEN]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const scenarioLines = result.stdout.split("\n").filter((line) => /^(PASS|FAIL) /.test(line));
      expect(scenarioLines.map((line) => line.replace(/\s+\d+ \(expected.*$/, "").replace(/\s+/g, " "))).toEqual([
        "PASS first page",
        "PASS every page",
        "PASS no token",
        `PASS $top=${TOP_MIN - 1}`,
        `PASS $top=${TOP_MAX + 1}`,
        "PASS imodelId not a GUID",
        "PASS unknown imodelId",
      ]);
      expect(result.stdout).toContain("7 of 7 scenarios passed");
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
    } finally {
      await mock.close();
    }
  });

  it("exits 1 against a provider answering 400 for an invalid $top, and prints the violation", async () => {
    const provider = await startProvider({ flaw: "400-for-invalid-top" });
    try {
      const result = await run(["--target", provider.url, "--imodel-id", provider.imodelId], {
        EXPORT_API_TOKEN: TOKEN,
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^FAIL {2}\$top=0 +400 \(expected 422, 1 request\)$/m);
      expect(result.stdout).toMatch(/^ +verifier at response: expected 422, got 400: .*InvalidConnectionsRequest/m);
      expect(result.stdout).toMatch(/^ +prism Warning at response: Unable to match the returned status code/m);
      expect(result.stdout).toMatch(/^PASS {2}first page/m);
      expect(result.stdout).toContain("5 of 7 scenarios passed; the server breaks the contract");
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
    } finally {
      await provider.close();
    }
  });

  it("exits 1 against export-api-mock --evolve, naming only each authenticationType the spec lacks, as sent", async () => {
    const mock = startProcess(process.execPath, [MOCK_BIN, "--evolve", "--connections", "25"]);
    try {
      const [, url, imodelId] = await mock.waitForOutput(/listening on (\S+)\n.*\n {2}(\S+)/);
      const result = await run(["--target", url!, "--imodel-id", imodelId!, "--page-size", "10"]);
      expect(result.code).toBe(1);
      expect(result.stdout.split("\n").filter((line) => line.startsWith("FAIL "))).toEqual([
        expect.stringMatching(/^FAIL {2}first page +200 \(expected 200, 1 request\)$/),
        expect.stringMatching(/^FAIL {2}every page +200 \(expected 200, 3 requests\)$/),
      ]);
      const findings = result.stdout.split("\n").filter((line) => line.startsWith("      "));
      // The first page has connections 0-24, so 6 of them; the pages of 10 have 2, 3 and 1 (every 4th).
      expect(findings).toHaveLength(6 + 6);
      for (const line of findings) {
        expect(line).toMatch(
          /^ {6}prism Error at response\.body\.connections\.\d+\.authenticationType: .*; the target sent "Federated" \(GET /,
        );
      }
      expect(result.stdout).toContain("5 of 7 scenarios passed; the server breaks the contract");
    } finally {
      mock.child.kill("SIGTERM");
      await mock.exited;
    }
  }, 120_000);

  it("--json prints the report, and the Prism processes it started are gone when it exits", async () => {
    const provider = await startProvider({ flaw: "robot-authentication-type" });
    try {
      const result = await run(["--target", provider.url, "--imodel-id", provider.imodelId, "--json"]);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as VerificationReport;
      expect(report.passed).toBe(false);
      expect(report.scenarios.filter((scenario) => !scenario.passed).map((scenario) => scenario.name)).toEqual([
        "first page",
        "every page",
      ]);
      expect(report.prismPids).toHaveLength(2);
      expect(report.prismPids.filter(isAlive)).toEqual([]);
    } finally {
      await provider.close();
    }
  });

  it.for([
    ["SIGHUP", 129],
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s mid-run: exits %i and leaves no Prism process behind", async ([signal, code]) => {
    // A target that answers the reachability check but never a scenario: the run is stuck mid-way.
    let reached = false;
    const target = await startServer((request, response) => {
      if (request.url.pathname === "/") response.writeHead(404).end();
      else reached = true;
    });
    try {
      const verify = startProcess(process.execPath, [BIN, "--target", target.url, "--imodel-id", IMODEL_ID], {
        env: { ...process.env, EXPORT_API_TOKEN: "" },
      });
      await eventually(() => reached, "the first scenario to reach the target");
      const prisms = childPids(verify.child.pid!);
      expect(prisms).toHaveLength(2);

      verify.child.kill(signal);

      expect((await verify.exited).code).toBe(code);
      await eventually(() => prisms.every((pid) => !isAlive(pid)), "the Prism processes to end");
    } finally {
      await target.close();
    }
  });

  it("prints what a target sent made printable: no escape sequence reaches the terminal", async () => {
    const provider = await startProvider({ flaw: "escape-sequences" });
    try {
      const result = await run(["--target", provider.url, "--imodel-id", provider.imodelId]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("\\u001b[2J");
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
      expect(result.stdout).not.toMatch(/[\u001b\u0007\r]/);
    } finally {
      await provider.close();
    }
  });

  it("exits 2 on bad arguments, before starting anything", async () => {
    const missing = await run(["--target", "http://127.0.0.1:9"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--imodel-id is required");
    expect(missing.stderr).toContain("Usage: export-api-verify");

    const notGuid = await run(["--target", "http://127.0.0.1:9", "--imodel-id", "abc"]);
    expect(notGuid.code).toBe(2);
    expect(notGuid.stderr).toContain("imodelId must be a GUID");

    const unknown = await run(["--target", "http://127.0.0.1:9", "--imodel-id", "abc", "--verbose"]);
    expect(unknown.code).toBe(2);

    // A target that is not a URL is quoted without its credentials.
    const password = await run([
      "--target",
      "https://user:hunter2@staging.example.com:99999",
      "--imodel-id",
      IMODEL_ID,
    ]);
    expect(password.code).toBe(2);
    expect(password.stderr).toContain("target must be an absolute http(s) URL");
    expect(password.stderr).not.toContain("hunter2");

    const emptyQuery = await run(["--target", "https://staging.example.com/?", "--imodel-id", IMODEL_ID]);
    expect(emptyQuery.code).toBe(2);
    expect(emptyQuery.stderr).toContain("target must not carry a query or a fragment");
  });

  it("reads integers as every command of the workspace does: digits only, then the option's range", async () => {
    const base = ["--target", "http://127.0.0.1:9", "--imodel-id", IMODEL_ID];
    const exponent = await run([...base, "--page-size", "1e2"]);
    expect(exponent.code).toBe(2);
    expect(exponent.stderr).toContain('--page-size must be an integer, got "1e2"');
    const hex = await run([...base, "--max-retry-after-ms", "0x10"]);
    expect(hex.code).toBe(2);
    expect(hex.stderr).toContain('--max-retry-after-ms must be an integer, got "0x10"');
    const outside = await run([...base, "--page-size", "0"]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain(`pageSize must be an integer from ${TOP_MIN} to ${TOP_MAX}, got 0`);
  });
});
