// The main job: the export-connections CLI on its embedded mock server (no --base-url, no token), first one
// page, then every page, so the paging is visible. `pnpm start` builds the CLI and what it depends on first.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url));
const demos = [
  ["list", "--top", "10"],
  ["list", "--all", "--top", "10"],
];

for (const args of demos) {
  console.log(`\n$ export-connections ${args.join(" ")}`);
  const { status, error } = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit" });
  if (error) throw error;
  if (status !== 0) process.exit(status ?? 1);
}
