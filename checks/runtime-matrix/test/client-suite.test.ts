// The client's own test suite again under Node 24 (the npm package node@24): its retries, timeouts, aborts and
// timers against another Node's fetch and undici, which the packed-client checks only touch. The type tests are
// left out: they say nothing about the runtime, and the Node 20 run has them.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { NODE_24 } from "@export-api/runtimes";
import { runProcess } from "@export-api/test-utils";
import { expect, test } from "vitest";

const require = createRequire(import.meta.url);
const clientDir = dirname(require.resolve("@export-api/client/package.json"));
const vitest = join(
  dirname(createRequire(join(clientDir, "package.json")).resolve("vitest/package.json")),
  "vitest.mjs",
);

test(`the client's suite passes under Node ${NODE_24.version}`, async () => {
  const result = await runProcess(NODE_24.binary, [vitest, "run", "--typecheck.enabled=false", "--reporter=dot"], {
    cwd: clientDir,
    env: { ...process.env, NO_COLOR: "1" },
  });
  expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
  expect(result.stdout).toMatch(/Tests\s+\d+ passed/);
}, 600_000);
