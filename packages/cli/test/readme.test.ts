// The README's inventory example runs as written: its imodels.txt and its first command, taken from the README's
// "Inventory of many iModels" section, against the embedded mock, twice (the second run resumes: nothing to do).
import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNode } from "@export-api/test-utils";
import { describe, expect, it } from "vitest";
import { BIN } from "./fixtures/cli.js";
import { readCheckpointFile, readRows } from "./fixtures/inventory.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const section = README.slice(README.indexOf("## Inventory of many iModels"));
const block = (info: string) => new RegExp(`\`\`\`${info}\\n([\\s\\S]*?)\`\`\``).exec(section)![1]!;

describe("packages/cli/README.md, Inventory of many iModels", () => {
  it("its command lists imodels.txt on the embedded mock, and run again, finds nothing left to do", async () => {
    const command = block("sh")
      .split("\n")
      .find((line) => line.startsWith("npx @export-api/cli list "))!;
    expect(command).toBe(
      "npx @export-api/cli list --imodel-ids imodels.txt --concurrency 8 --output connections.ndjson --checkpoint inventory.json",
    );
    const args = command.replace("npx @export-api/cli ", "").split(" ");
    const dir = await mkdtemp(join(tmpdir(), "export-connections-readme-"));
    await writeFile(join(dir, "imodels.txt"), block("text"));
    const env = { PATH: process.env.PATH ?? "" };

    const first = await runNode(BIN, args, { cwd: dir, env });
    expect(first.code).toBe(0);
    // The summary the README shows, in a plain block of its own.
    const shown = /```\n(Inventory: [^\n]*)\n```/.exec(section)![1]!;
    expect(
      first.stderr
        .trimEnd()
        .split("\n")
        .at(-1)!
        .replace(/\d+\.\d s$/, "0.3 s"),
    ).toBe(shown);
    const rows = readRows(join(dir, "connections.ndjson"));
    expect(rows).toHaveLength(75);
    expect(new Set(rows.map((row) => row.id)).size).toBe(75);
    expect(Object.keys(readCheckpointFile(join(dir, "inventory.json"))!.done)).toHaveLength(3);

    const again = await runNode(BIN, args, { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("Inventory: 3 iModels: 3 ok (3 by an earlier run), 0 failed; 75 connections;");
    expect(readRows(join(dir, "connections.ndjson"))).toHaveLength(75);
  });
});

describe("the root README's CLI section", () => {
  it("shows the same inventory command, the one run above", () => {
    const root = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const cli = root.slice(root.indexOf("## CLI"), root.indexOf("## Using the client"));
    expect(cli).toContain(
      "\nexport-connections list --imodel-ids imodels.txt --concurrency 8 --output connections.ndjson --checkpoint inventory.json\n",
    );
  });
});
