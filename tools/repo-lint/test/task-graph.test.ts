// The task-graph rule fails when broken on purpose: a scratch workspace with its own turbo.json.
// (The repository itself is checked by `pnpm lint`.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkTaskGraph } from "../src/task-graph.mjs";

const scratches: string[] = [];
afterEach(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Manifest = { scripts: Record<string, string>; dependencies?: object; devDependencies?: object };

/** A workspace with a built library (packages/lib), a package that uses it (tools/gate) and this turbo.json. */
function scratch(tasks: Record<string, unknown>, gate: Partial<Manifest> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "task-graph-"));
  scratches.push(root);
  const write = (dir: string, manifest: object) => {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, "package.json"), JSON.stringify(manifest));
  };
  write("packages/lib", { name: "@x/lib", scripts: { build: "tsup", lint: "biome check ." } });
  write("tools/gate", {
    name: "@x/gate",
    scripts: { lint: "biome check .", check: "node bin/check.mjs" },
    devDependencies: { "@x/lib": "workspace:*" },
    ...gate,
  });
  writeFileSync(join(root, "turbo.json"), JSON.stringify({ tasks }));
  return root;
}

const BUILD = { build: { dependsOn: ["^build"] } };

describe("the task-graph rule", () => {
  it("passes when every task that runs a dependency waits for its build", () => {
    expect(checkTaskGraph(scratch({ ...BUILD, lint: {}, check: { dependsOn: ["^build"] } }))).toEqual([]);
  });

  it("fails on a task that runs a dependency's dist without waiting for its build (CI's check:contract)", () => {
    const problems = checkTaskGraph(scratch({ ...BUILD, lint: {}, check: { inputs: ["$TURBO_DEFAULT$"] } }));
    expect(problems).toEqual([expect.stringContaining("@x/gate#check runs `node bin/check.mjs`")]);
    expect(problems[0]).toContain("does not wait for the build of @x/lib");
  });

  it("counts the package's own build, also when the package has no build script (turbo still runs its ^build)", () => {
    expect(checkTaskGraph(scratch({ ...BUILD, lint: {}, check: { dependsOn: ["build"] } }))).toEqual([]);
  });

  it("counts a package-specific entry, which replaces the generic one", () => {
    const tasks = { ...BUILD, lint: {}, check: { dependsOn: ["^build"] }, "@x/gate#check": { dependsOn: [] } };
    expect(checkTaskGraph(scratch(tasks))).toHaveLength(1);
    expect(checkTaskGraph(scratch({ ...tasks, "@x/gate#check": { dependsOn: ["@x/lib#build"] } }))).toEqual([]);
  });

  it("lets a script that only reads text (biome) run without builds", () => {
    const reads = scratch({ ...BUILD, lint: {}, check: {} }, { scripts: { lint: "biome check . && node x.mjs" } });
    expect(checkTaskGraph(reads)).toEqual([expect.stringContaining("@x/gate#lint")]);
  });

  it("asks a build for its published dependencies only, the other tasks for the devDependencies too", () => {
    const gate = { scripts: { build: "tsup", test: "vitest run" }, dependencies: {} };
    const narrowBuild = { build: { dependsOn: ["^build"] }, "@x/gate#build": { dependsOn: [] } };
    expect(checkTaskGraph(scratch({ ...narrowBuild, test: { dependsOn: ["build"] } }, gate))).toEqual([
      expect.stringContaining("@x/gate#test"),
    ]);
    const published = { ...gate, dependencies: { "@x/lib": "workspace:^" } };
    expect(checkTaskGraph(scratch({ ...narrowBuild, test: { dependsOn: ["^build"] } }, published))).toEqual([
      expect.stringContaining("@x/gate#build"),
    ]);
  });
});
