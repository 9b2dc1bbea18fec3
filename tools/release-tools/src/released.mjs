// The released baseline (released/): what the contract gate compares with. `pnpm version-packages` calls
// `refreshReleased` right after `changeset version`, so the versions just made and the baseline agree.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { expectedReports, RELEASED_DIR, RELEASED_SPEC_FILE, SPEC_FILE } from "./workspace.mjs";

/** Rewrites released/ from the spec and the API reports as they are now; returns the files written. */
export function refreshReleased(root) {
  const written = [];
  const spec = parse(readFileSync(join(root, SPEC_FILE), "utf8"));
  write(root, RELEASED_SPEC_FILE, `${JSON.stringify(spec, null, 2)}\n`);
  written.push(RELEASED_SPEC_FILE);

  const packagesDir = join(root, RELEASED_DIR, "packages");
  if (existsSync(packagesDir)) rmSync(packagesDir, { recursive: true });
  for (const entry of expectedReports(root)) {
    const target = join(RELEASED_DIR, entry.report);
    mkdirSync(dirname(join(root, target)), { recursive: true });
    copyFileSync(join(root, entry.report), join(root, target));
    written.push(target);
  }
  return written;
}

function write(root, file, text) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}
