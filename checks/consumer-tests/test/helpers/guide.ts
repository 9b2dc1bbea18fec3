// A guide of docs/, run as written. Every fenced block of the guide says what it is in its info string, and the test
// does that with it, in a project outside the workspace where npm installs the packed packages (and the registry
// packages the guide names):
//   ```sh install        its `npm install` lines name the packages this project installs
//   ```ts file=<path>    written to <path>; all of them are type-checked (strict), and vitest runs the tests
//   ```js file=<path>    written to <path> (a script a run block runs with node)
//   ```sh run            run with bash in the project, in order; it must exit 0
//   ```text output       what the run block just before it must print, exactly
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  type ConsumerProject,
  createConsumerProject,
  eventually,
  WORKSPACE_ROOT,
  withoutPackageManagerVariables,
} from "@export-api/test-utils";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CodeBlock, codeBlocks, installedPackages } from "./code-blocks.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/guide-consumer");

/** What a guide must at least hold: test files vitest runs, packages it installs. */
export interface GuideExpectations {
  testFiles: number;
  installs: string[];
}

/** Runs the guide at `guide` (a path from the repository root) as written, as the tests of one describe block. */
export function describeGuide(guide: string, expected: GuideExpectations): void {
  const blocks = codeBlocks(readFileSync(join(WORKSPACE_ROOT, guide), "utf8"));

  const fileOf = (block: CodeBlock) => block.info.find((word) => word.startsWith("file="))?.slice("file=".length);
  const isInstall = (block: CodeBlock) => block.language === "sh" && block.info.join(" ") === "install";
  const isRun = (block: CodeBlock) => block.language === "sh" && block.info.join(" ") === "run";
  const isOutput = (block: CodeBlock) => block.language === "text" && block.info.join(" ") === "output";
  const files = blocks.filter((block) => ["ts", "js"].includes(block.language) && fileOf(block) !== undefined);
  const testFiles = files.map(fileOf).filter((path) => path!.endsWith(".test.ts"));

  let project: ConsumerProject;

  beforeAll(async () => {
    const named = blocks.filter(isInstall).flatMap(installedPackages);
    const ours = named.filter((name) => name.startsWith("@export-api/"));
    // Ours come from their tarballs, with the types the client depends on; the rest from the registry as written.
    project = await createConsumerProject(
      FIXTURES,
      [...named.filter((name) => !ours.includes(name)), "@types/node@20"],
      [...ours, "@export-api/types"],
    );
    for (const block of files) {
      const path = join(project.dir, fileOf(block)!);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, block.code);
    }
  }, 300_000);

  afterAll(() => project?.remove());

  describe(guide, () => {
    test("says of every code block how it runs", () => {
      const unknown = blocks.filter(
        (block) => !files.includes(block) && !isInstall(block) && !isRun(block) && !isOutput(block),
      );
      expect(unknown.map((block) => `line ${block.line}: \`\`\`${block.language} ${block.info.join(" ")}`)).toEqual([]);
      for (const [index, block] of blocks.entries()) {
        if (isOutput(block)) expect(isRun(blocks[index - 1]!), `the output block at line ${block.line}`).toBe(true);
      }
      expect(testFiles.length).toBeGreaterThanOrEqual(expected.testFiles);
      // vitest's exit code then says every test of the guide ran and passed.
      for (const block of files) expect(block.code, fileOf(block)).not.toMatch(/\.(skip|only|todo|skipIf|runIf)\b/);
    });

    test("installs what its install block names", () => {
      const named = blocks.filter(isInstall).flatMap(installedPackages);
      expect(named).toEqual(expect.arrayContaining(expected.installs));
      for (const spec of named) {
        const name = spec.replace(/(?<=.)@.*$/, "");
        const installed = JSON.parse(readFileSync(join(project.dir, "node_modules", name, "package.json"), "utf8"));
        const major = /(?<=.)@(\d+)$/.exec(spec)?.[1];
        if (major) expect(installed.version, spec).toMatch(new RegExp(`^${major}\\.`));
      }
    });

    test("type-checks, strict", async () => {
      await expect(project.tsc("tsconfig.json")).resolves.toBe("");
    }, 180_000);

    for (const [index, block] of blocks.entries()) {
      if (!isRun(block)) continue;
      const output = blocks[index + 1] && isOutput(blocks[index + 1]!) ? blocks[index + 1] : undefined;
      test(`runs the shell block at line ${block.line}${output ? ", printing its output block" : ""}`, async () => {
        const result = await runShell(block.code, project.dir);
        expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
        if (output) expect(result.stdout).toBe(output.code);
        if (block.code.includes("vitest run")) {
          for (const file of testFiles) expect(result.stdout).toContain(`✓ ${file}`);
        }
      }, 300_000);
    }
  });
}

interface ShellResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `script` with bash (-e, pipefail) in `cwd`, in a process group of its own: once bash has exited, the group
 * must end too (the guide's scripts stop what they start), and whatever is left is killed before the test fails.
 */
async function runShell(script: string, cwd: string): Promise<ShellResult> {
  const env = Object.fromEntries(
    Object.entries(withoutPackageManagerVariables(process.env)).filter(
      ([name]) => !name.startsWith("VITEST") && name !== "FORCE_COLOR",
    ),
  );
  const child = spawn("bash", ["-e", "-o", "pipefail", "-c", script], {
    cwd,
    env: { ...env, NO_COLOR: "1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  const group = -child.pid!;
  const groupAlive = () => {
    try {
      process.kill(group, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    await eventually(() => !groupAlive(), "the processes the shell block started to end", 30_000);
  } finally {
    if (groupAlive()) process.kill(group, "SIGKILL");
    await closed; // a process left running would have held bash's output open
  }
  return { code, stdout, stderr };
}
