// The export-api-mock bin, as built: it prints its URL and iModel ids, serves, and stops on a signal.
import { fileURLToPath } from "node:url";
import { startProcess } from "@export-api/test-utils";
import { IMODEL_ID_PATTERN } from "@export-api/types";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const run = (args: string[]) => startProcess(process.execPath, [BIN, ...args]);

describe("export-api-mock", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "prints its URL and iModel ids, serves them, and stops on %s",
    async (signal) => {
      const mock = run(["--seed", "5", "--connections", "7", "--imodels", "2"]);
      try {
        await mock.waitForOutput(/Try:/);
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(mock.stdout())?.[1];
        // The ids are listed one per line, indented, under "iModel ids (N):".
        const ids = [...mock.stdout().matchAll(/^ {2}(\S+)$/gm)].map((match) => match[1]);
        expect(ids.every((id) => new RegExp(IMODEL_ID_PATTERN).test(id!))).toBe(true);
        expect(new Set(ids).size).toBe(2);
        const response = await fetch(`${url}/export/connections?imodelId=${ids[1]}`, {
          headers: { Authorization: "Bearer t" },
        });
        expect((await response.json()).connections).toHaveLength(7);
      } finally {
        mock.child.kill(signal);
      }
      expect((await mock.exited).code).toBe(0);
      expect(mock.stdout()).toContain("stopped");
    },
  );

  it.each([
    [["--connections", "many"], /--connections must be an integer/],
    [["--imodels", "0"], /imodels must be an integer from 1/],
    [["--colour"], /Unknown option '--colour'/],
  ])("exits 2 with a message for %j", async (args, message) => {
    const mock = run(args);
    expect((await mock.exited).code).toBe(2);
    expect(mock.stderr()).toMatch(message);
    expect(mock.stderr()).toContain("Usage: export-api-mock");
  });

  it("prints its usage for --help", async () => {
    const mock = run(["--help"]);
    expect((await mock.exited).code).toBe(0);
    expect(mock.stdout()).toContain("--connections N");
  });
});
