import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A scratch repository per test, and dependency-cruiser or remark run over it: the limit only stops a hung test.
    testTimeout: 60_000,
  },
});
