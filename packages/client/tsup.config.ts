import { defineConfig, type Options } from "tsup";
import { browserDefine, define } from "./define.config.js";

const shared: Options = {
  // The public entry; `./otel`, the OpenTelemetry tracing on the hooks (@opentelemetry/api, an optional peer, stays
  // external); and `./internal`, the rules the workspace's other packages share (no semver promise).
  entry: ["src/index.ts", "src/otel.ts", "src/internal.ts"],
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
  {
    ...shared,
    format: "esm",
    clean: ["index.js*", "index.d.ts", "otel.js*", "otel.d.ts", "internal.js*", "internal.d.ts"],
  },
  // What a bundler picks for a browser (the `browser` condition): the same client without runtime detection for
  // User-Agent, which browsers set themselves. Its types are index.d.ts's.
  {
    ...shared,
    entry: { "index.browser": "src/index.ts" },
    format: "esm",
    dts: false,
    define: browserDefine,
    // Drops the code __BROWSER__ turns dead (syntax only: names and layout stay readable).
    esbuildOptions: (options) => {
      options.minifySyntax = true;
    },
    clean: ["index.browser.js*"],
  },
  {
    ...shared,
    format: "cjs",
    clean: ["index.cjs*", "index.d.cts", "otel.cjs*", "otel.d.cts", "internal.cjs*", "internal.d.cts"],
  },
]);
