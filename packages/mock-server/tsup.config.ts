import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: ["index.*"],
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
