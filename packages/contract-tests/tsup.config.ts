import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    // Both configs build at once into dist/: this one's clean leaves the bin's files alone.
    clean: ["!bin.js", "!bin.js.map"],
    target: "es2022",
    // src/prism.ts resolves Prism and the spec from import.meta.url; the shim gives the CJS build one too.
    shims: true,
  },
  {
    entry: ["src/bin.ts"],
    format: ["esm"],
    sourcemap: true,
    target: "es2022",
  },
]);
