import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The main entry (node:http) and the MSW entry: both inline @export-api/types, @export-api/spec and the
    // client's rules (devDependencies); msw stays external (an optional peer dependency).
    entry: ["src/index.ts", "src/msw.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: ["index.*", "msw.*", "chunk-*"],
    target: "es2022",
  },
  {
    // The bin is ESM only; its shebang line is kept by esbuild.
    entry: ["src/bin.ts"],
    format: ["esm"],
    clean: ["bin.*"],
    sourcemap: true,
    target: "es2022",
  },
]);
