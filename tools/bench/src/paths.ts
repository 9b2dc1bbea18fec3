// Where things are: this package's root (found from this file, so the same code works from src/ under vitest and
// from dist/ when built), the scripts child processes run, and the report `pnpm bench` writes.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function packageRoot(from: string): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}

export const PACKAGE_ROOT = packageRoot(fileURLToPath(import.meta.url));

/** The report a full run writes, at the repository root. */
export const REPORT_PATH = join(PACKAGE_ROOT, "..", "..", "docs", "benchmarks.md");

export type ChildScript = "page-server" | "heap-run" | "import-once" | "mock-fleet" | "inventory-heap";

/** A child process's script: always the built one (`pnpm build` first), since a fresh Node runs JavaScript. */
export function childScript(name: ChildScript): string {
  return join(PACKAGE_ROOT, "dist", "children", `${name}.js`);
}
