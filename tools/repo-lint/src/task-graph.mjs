// `pnpm lint`'s task-graph check: every turbo task that runs code of the package's workspace dependencies waits for
// their builds. A missing `^build` still passes on a developer's machine whose dist/ folders are there from an earlier
// run, and fails on a fresh clone (CI) only when the scheduler happens to start the task first.
// What a task runs: `build` and `check:package` (which checks the packed build) only what the published code imports,
// the package's dependencies and peerDependencies; every other task its devDependencies too.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, SOURCE_FOLDERS } from "./workspace.mjs";

/** Scripts that read sources as text and never load a dependency's code: they need no build. */
const STATIC_ONLY = /^(biome check \.|spectral lint [^&|;]+)( && (biome check \.|spectral lint [^&|;]+))*$/;
/** The task that writes the sources a build reads: it runs before any build, and runs no dependency's code. */
const GENERATE = "generate";
/** Tasks that run only the package's published code. */
const PUBLISHED_CODE_TASKS = new Set(["build", "check:package"]);

/**
 * The workspace's packages: `{ name, dir, scripts, publishedDeps, workspaceDeps }`, from the folders the rules cover
 * (SOURCE_FOLDERS: `spec` and each package of `packages/`, `checks/` and `tools/`, as pnpm-workspace.yaml lists them).
 */
export function workspacePackages(root = REPO_ROOT) {
  const dirs = [];
  for (const folder of SOURCE_FOLDERS) {
    if (existsSync(join(root, folder, "package.json"))) dirs.push(folder);
    else if (existsSync(join(root, folder))) {
      for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
        if (entry.isDirectory() && existsSync(join(root, folder, entry.name, "package.json"))) {
          dirs.push(`${folder}/${entry.name}`);
        }
      }
    }
  }
  return dirs.map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    const workspace = (...groups) => [
      ...new Set(
        groups.flatMap((group) =>
          Object.entries(group ?? {})
            .filter(([, range]) => String(range).startsWith("workspace:"))
            .map(([name]) => name),
        ),
      ),
    ];
    return {
      name: manifest.name,
      dir,
      scripts: manifest.scripts ?? {},
      publishedDeps: workspace(manifest.dependencies, manifest.peerDependencies),
      workspaceDeps: workspace(manifest.dependencies, manifest.peerDependencies, manifest.devDependencies),
    };
  });
}

/** Returns one line per task that can start before a dependency it runs is built; none when the graph is sound. */
export function checkTaskGraph(root = REPO_ROOT) {
  const tasks = JSON.parse(readFileSync(join(root, "turbo.json"), "utf8")).tasks ?? {};
  const packages = workspacePackages(root);
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  // A `pkg#task` entry of the root turbo.json replaces the generic `task` entry for that package.
  const definition = (pkg, task) => tasks[`${pkg.name}#${task}`] ?? tasks[task];

  /** The workspace dependencies with a build that `task` of `pkg` runs. */
  const needed = (pkg, task) =>
    (PUBLISHED_CODE_TASKS.has(task) ? pkg.publishedDeps : pkg.workspaceDeps).filter(
      (name) => byName.get(name)?.scripts.build,
    );
  /** The builds of `deps` that `task` of `pkg` does not wait for. turbo runs a task's dependsOn also for a package
   * without that script, so `build` counts through the build's own definition. */
  const missing = (pkg, task, deps, seen = new Set()) => {
    if (seen.has(task)) return deps;
    seen.add(task);
    const dependsOn = definition(pkg, task)?.dependsOn ?? [];
    if (dependsOn.includes("^build")) return [];
    const left = deps.filter((dep) => !dependsOn.includes(`${dep}#build`));
    return dependsOn.includes("build") && left.length > 0 ? missing(pkg, "build", left, seen) : left;
  };

  const problems = [];
  for (const pkg of packages) {
    for (const [task, script] of Object.entries(pkg.scripts)) {
      if (task === GENERATE || !definition(pkg, task) || STATIC_ONLY.test(script.trim())) continue;
      const left = missing(pkg, task, needed(pkg, task));
      if (left.length > 0) {
        problems.push(
          `${pkg.name}#${task} runs \`${script}\` but does not wait for the build of ${left.join(", ")}: add "^build" to its dependsOn in turbo.json`,
        );
      }
    }
  }
  return problems;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const problems = checkTaskGraph();
  if (problems.length > 0) {
    console.error(
      `turbo.json: ${problems.length} task(s) can start before what they run is built:\n${problems.join("\n")}`,
    );
    process.exitCode = 1;
  } else {
    console.log("turbo.json: every task that runs a workspace dependency waits for its build");
  }
}
