// Which test file and test are running, read from the state vitest and jest keep for `expect.getState()`, so each
// request and each field read is filed under the test file that made it (a contract merges many files, each
// replacing only its own part). Neither runner is imported: the state is reached through the global symbols both
// publish it under.
import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";

export interface TestContext {
  /** The running test file, absolute, when a runner says. */
  testPath: string | undefined;
  /** The running test's full name, when a runner says. */
  testName: string | undefined;
}

interface ExpectState {
  testPath?: unknown;
  currentTestName?: unknown;
}

export function testContext(): TestContext {
  const global = globalThis as Record<symbol, any>;
  let state: ExpectState | undefined;
  try {
    // vitest: a WeakMap of states keyed by expect functions; the global expect's state follows the running test.
    const expect = global[Symbol.for("expect-global")];
    state = expect ? global[Symbol.for("matchers-object")]?.get?.(expect) : undefined;
    // jest: one state object.
    state ??= global[Symbol.for("$$jest-matchers-object")]?.state;
  } catch {
    state = undefined;
  }
  return {
    testPath: typeof state?.testPath === "string" && state.testPath !== "" ? state.testPath : undefined,
    testName:
      typeof state?.currentTestName === "string" && state.currentTestName !== "" ? state.currentTestName : undefined,
  };
}

/**
 * A test file as the contract names it: relative to `root` (the project the tests run in), with forward slashes.
 * Accepts a path or a `file:` URL (`import.meta.url`).
 */
export function sourceName(file: string, root: string): string {
  const path = file.startsWith("file:") ? fileURLToPath(file) : file;
  const relativePath = isAbsolute(path) ? relative(root, path) : path;
  return relativePath.replaceAll("\\", "/");
}
