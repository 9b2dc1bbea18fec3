import { defineConfig, type Options } from "tsup";
import { define } from "./define.config.js";

const shared: Options = {
  entry: ["src/index.ts"],
  dts: true,
  sourcemap: true,
  target: "es2022",
  define,
};

export default defineConfig([
  { ...shared, format: "esm", clean: ["index.js*", "index.d.ts"] },
  // The CommonJS build inlines openapi-fetch. Left external, esbuild gives this ES module's default import of
  // openapi-fetch's CJS file Node's meaning (the whole module.exports), so createClient would not be a function
  // for require() consumers; bundled, the import resolves to openapi-fetch's ES module and needs no interop.
  { ...shared, format: "cjs", clean: ["index.cjs*", "index.d.cts"], noExternal: ["openapi-fetch"] },
]);
