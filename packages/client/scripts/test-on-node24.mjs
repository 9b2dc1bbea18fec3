// The runtime matrix: runs a package's own vitest suite under Node 24, from the npm package node@24 that the
// calling package depends on, beside the machine's Node 20 run of the same suite.
// Usage, from the package that depends on node@24: node ../../scripts/test-on-node24.mjs <package folder>
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const target = process.argv[2];
if (!target) {
  console.error("usage: test-on-node24.mjs <package folder>");
  process.exit(2);
}
const here = createRequire(join(process.cwd(), "package.json"));
const node24 = join(dirname(here.resolve("node/package.json")), "bin/node");
const version = execFileSync(node24, ["--version"], { encoding: "utf8" }).trim();
if (!version.startsWith("v24.")) {
  console.error(`expected Node 24 from the node@24 package, got ${version} at ${node24}`);
  process.exit(1);
}

const packageDir = resolve(target);
const vitest = join(
  dirname(createRequire(join(packageDir, "package.json")).resolve("vitest/package.json")),
  "vitest.mjs",
);
console.log(`${packageDir}: vitest run under Node ${version}`);
// Type tests say nothing about the runtime, and the Node 20 run already has them.
const { status, signal } = spawnSync(node24, [vitest, "run", "--typecheck.enabled=false"], {
  cwd: packageDir,
  stdio: "inherit",
});
process.exit(status ?? (signal ? 1 : 0));
