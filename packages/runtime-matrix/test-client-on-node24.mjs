// The client's own test suite again under Node 24 (the npm package node@24, a devDependency of this package only:
// its `node` bin must not shadow the machine's Node 20 in the client's own scripts), beside the Node 20 run.
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const node24 = join(dirname(require.resolve("node/package.json")), "bin/node");
const version = execFileSync(node24, ["--version"], { encoding: "utf8" }).trim();
if (!version.startsWith("v24.")) {
  console.error(`expected Node 24 from the node@24 package, got ${version} at ${node24}`);
  process.exit(1);
}

const clientDir = dirname(require.resolve("@export-api/client/package.json"));
const vitest = join(
  dirname(createRequire(join(clientDir, "package.json")).resolve("vitest/package.json")),
  "vitest.mjs",
);
console.log(`${clientDir}: vitest run under Node ${version}`);
// Type tests say nothing about the runtime, and the Node 20 run already has them.
const { status, signal } = spawnSync(node24, [vitest, "run", "--typecheck.enabled=false"], {
  cwd: clientDir,
  stdio: "inherit",
});
process.exit(status ?? (signal ? 1 : 0));
