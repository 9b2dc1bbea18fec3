// `pnpm lint`'s architecture check: dependency-cruiser with dependency-cruiser.cjs over the whole workspace (run from
// the root, so its rules read paths such as `packages/client/src/...`). Exits 1 and names each broken rule.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEPCRUISE_CONFIG, REPO_ROOT, runBin, SOURCE_FOLDERS } from "./workspace.mjs";

/** Runs the rules on the repository at `root`; `{ code, output }` as depcruise printed them. */
export function checkArchitecture(root = REPO_ROOT) {
  const folders = SOURCE_FOLDERS.filter((folder) => existsSync(join(root, folder)));
  return runBin("depcruise", [...folders, "--config", DEPCRUISE_CONFIG, "--output-type", "err"], root);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { code, output } = checkArchitecture();
  process.stdout.write(output);
  process.exitCode = code;
}
