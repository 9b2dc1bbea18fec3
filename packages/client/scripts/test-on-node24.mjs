// The client's own test suite again under Node 24 (the npm package node@24, a devDependency of the client),
// beside the machine's Node 20 run of the same suite. Run from the client's folder: `pnpm test:node24`.
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(join(process.cwd(), "package.json"));
const node24 = join(dirname(require.resolve("node/package.json")), "bin/node");
const version = execFileSync(node24, ["--version"], { encoding: "utf8" }).trim();
if (!version.startsWith("v24.")) {
  console.error(`expected Node 24 from the node@24 package, got ${version} at ${node24}`);
  process.exit(1);
}

const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
console.log(`vitest run under Node ${version}`);
// Type tests say nothing about the runtime, and the Node 20 run already has them.
const { status, signal } = spawnSync(node24, [vitest, "run", "--typecheck.enabled=false"], { stdio: "inherit" });
process.exit(status ?? (signal ? 1 : 0));
