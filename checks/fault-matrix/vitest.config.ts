import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Ceilings for a loaded machine, not measures: the slowest scenario waits out three 1 s time limits.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
