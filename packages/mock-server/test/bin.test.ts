// The export-api-mock bin, as built: it prints its URL and iModel ids, serves, and stops on a signal.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("export-api-mock", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "prints its URL and iModel ids, serves them, and stops on %s",
    async (signal) => {
      const mock = run(["--seed", "5", "--connections", "7", "--imodels", "2"]);
      try {
        await until(() => mock.stdout().includes("Try:"));
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(mock.stdout())?.[1];
        const ids = mock.stdout().match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
        expect(new Set(ids).size).toBe(2);
        const response = await fetch(`${url}/export/connections?imodelId=${ids[1]}`, {
          headers: { Authorization: "Bearer t" },
        });
        expect((await response.json()).connections).toHaveLength(7);
      } finally {
        mock.child.kill(signal);
      }
      expect(await mock.exited).toBe(0);
      expect(mock.stdout()).toContain("stopped");
    },
  );

  it.each([
    [["--connections", "many"], /--connections must be an integer/],
    [["--imodels", "0"], /imodels must be an integer from 1/],
    [["--colour"], /Unknown option '--colour'/],
  ])("exits 2 with a message for %j", async (args, message) => {
    const mock = run(args);
    expect(await mock.exited).toBe(2);
    expect(mock.stderr()).toMatch(message);
    expect(mock.stderr()).toContain("Usage: export-api-mock");
  });

  it("prints its usage for --help", async () => {
    const mock = run(["--help"]);
    expect(await mock.exited).toBe(0);
    expect(mock.stdout()).toContain("--connections N");
  });
});
