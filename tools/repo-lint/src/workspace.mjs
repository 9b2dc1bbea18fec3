// Where the repository is, and running a tool of this package there.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root: this package is tools/repo-lint. */
export const REPO_ROOT = resolve(HERE, "../../..");
/** The folders the rules cover: the products, the checks and the tools. */
export const SOURCE_FOLDERS = ["spec", "packages", "checks", "tools"];
export const DEPCRUISE_CONFIG = join(HERE, "../dependency-cruiser.cjs");

/** Runs a bin of this package's dependencies in `cwd`; returns its exit code and output. */
export function runBin(name, args, cwd) {
  const result = spawnSync(join(HERE, "../node_modules/.bin", name), args, { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}
