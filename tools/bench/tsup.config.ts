import { defineConfig } from "tsup";

export default defineConfig({
  // The runner, and each script a child process runs (a child is a fresh Node process: it needs JavaScript).
  entry: {
    main: "src/main.ts",
    "children/page-server": "src/children/page-server.ts",
    "children/heap-run": "src/children/heap-run.ts",
    "children/import-once": "src/children/import-once.ts",
    "children/mock-fleet": "src/children/mock-fleet.ts",
    "children/inventory-heap": "src/children/inventory-heap.ts",
  },
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "es2022",
});
