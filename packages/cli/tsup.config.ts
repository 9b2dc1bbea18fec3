import { defineConfig } from "tsup";

// One ESM bin; its shebang line is kept by esbuild. The client and the mock server stay dependencies.
export default defineConfig({
  entry: ["src/bin.ts"],
  format: ["esm"],
  sourcemap: true,
  clean: true,
  target: "es2022",
});
