import { defineConfig } from "vitest/config";
import { define } from "./define.config.js";

export default defineConfig({
  define,
  test: {
    include: ["test/**/*.test.ts"],
    // test/fixtures holds suites that a test runs in a vitest of their own (the parallel workers' test).
    exclude: ["test/fixtures/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
