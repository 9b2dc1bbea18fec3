import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The smoke tests start child processes (a page server, a load generator); none waits on a timing.
    testTimeout: 20_000,
  },
});
