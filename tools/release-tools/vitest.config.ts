import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The scenarios spawn git, changesets and API Extractor; on a busy 2-core machine one can take tens of
    // seconds. The limit only stops a hung test: no assertion depends on how fast anything runs.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
