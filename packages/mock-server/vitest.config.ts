import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One module graph for all files: about half the CPU. Tests leave no global state behind (CONTRIBUTING.md).
    isolate: false,
    // A shared 2-core machine under load can take several times a test's usual time; no test waits on a clock.
    testTimeout: 30_000,
  },
});
