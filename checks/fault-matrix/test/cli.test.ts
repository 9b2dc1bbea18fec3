// The fault matrix against the export-connections CLI: `list --all`, as a user runs it, through every page.
import { IMODEL_ID, runNode } from "@export-api/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_BIN, type MockProcess, startMockProcess, TOKEN } from "./harness.js";
import { CLIENT_OPTIONS, SCENARIOS } from "./scenarios.js";

let mock: MockProcess;
beforeAll(async () => {
  mock = await startMockProcess();
});
afterAll(() => mock.close());

describe("export-connections list --all", () => {
  it.each(SCENARIOS)("$name", async (scenario) => {
    await mock.play(scenario.faults);

    const args = [
      "list",
      "--all",
      "--top",
      "5",
      "--format",
      "ndjson",
      "--base-url",
      mock.url,
      "--imodel-id",
      IMODEL_ID,
    ];
    const options = [
      "--timeout-ms",
      String(CLIENT_OPTIONS.timeoutMs),
      "--max-retries",
      String(CLIENT_OPTIONS.maxRetries),
    ];
    const result = await runNode(CLI_BIN, [...args, ...options], {
      env: { PATH: process.env.PATH ?? "", EXPORT_API_TOKEN: TOKEN },
    });

    expect(result.code, result.stderr).toBe(scenario.cli.code);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    expect(result.stderr).not.toMatch(/\n\s+at /); // one line, never a stack
    if (scenario.cli.code === 0) {
      expect(result.stdout.trimEnd().split("\n")).toHaveLength(25);
    } else {
      expect(result.stderr).toMatch(scenario.cli.stderr);
    }
    expect(await mock.requests()).toHaveLength(scenario.paging.requests);
    expect(mock.decoy.requests).toEqual([]);
  });
});
