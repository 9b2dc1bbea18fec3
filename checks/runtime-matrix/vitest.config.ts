import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Packs the client once and installs it once, for every test file.
    globalSetup: ["test/global-setup.ts"],
    // Generous: every test spawns runtimes, and a machine shared with other work can be slow. None waits on a clock.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
