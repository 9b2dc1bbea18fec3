import { defineConfig, type Options } from "tsup";
import { define } from "./define.config.js";

const shared: Options = {
  // The public entry, and `./internal`: the rules the workspace's other packages share (no semver promise).
  entry: ["src/index.ts", "src/internal.ts"],
  dts: true,
  sourcemap: true,
  target: "es2022",
  define,
  // One file to load per entry (no shared chunk): the two functions the client takes from openapi-fetch (URL
  // assembly, parameter encoding) and the spec's values from @export-api/types are inlined, so a cold import reads
  // no other module. The types package stays a dependency for the declarations the .d.ts files name.
  noExternal: ["openapi-fetch", "@export-api/types"],
  splitting: false,
};

export default defineConfig([
  { ...shared, format: "esm", clean: ["index.js*", "index.d.ts", "internal.js*", "internal.d.ts"] },
  { ...shared, format: "cjs", clean: ["index.cjs*", "index.d.cts", "internal.cjs*", "internal.d.cts"] },
]);
