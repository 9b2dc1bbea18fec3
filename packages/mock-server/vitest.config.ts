import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One module graph for all files: about half the CPU. Tests leave no global state behind (CONTRIBUTING.md).
    isolate: false,
  },
});
