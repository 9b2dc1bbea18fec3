import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Ceilings for a loaded machine, not measures: the slowest scenario waits out two 300 ms time limits.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
