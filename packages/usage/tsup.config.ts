import { defineConfig } from "tsup";
import { define } from "./define.config.js";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  define,
  // @export-api/client is the peer the team already tests with, so the recorder wraps that client and records its
  // version; the spec's values (@export-api/types) and the client's shared rules (./internal: token redaction) are
  // inlined, so the recorder has no runtime dependency of its own.
  external: ["@export-api/client"],
  noExternal: ["@export-api/types", "@export-api/client/internal"],
});
