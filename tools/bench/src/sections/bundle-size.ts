// Bundle size: each client bundled for the browser as an app's bundler would (esbuild, ESM, minified, every
// export kept), then gzip (level 9) and brotli (quality 11), as size-limit measures them. Sizes do not vary
// between runs, so there are no rounds.
import { brotliCompressSync, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { PACKAGE_ROOT } from "../paths.js";
import { bytes, table } from "../report/format.js";
import type { Section } from "./section.js";

/** What each bundle's entry exports: everything its package exports. */
export const BUNDLES = [
  { name: "ours (@export-api/client) with openapi-fetch", entry: 'export * from "@export-api/client";' },
  {
    name: "openapi-fetch alone",
    entry: 'export * from "openapi-fetch"; export { default } from "openapi-fetch";',
  },
  { name: "@hey-api/client-fetch", entry: 'export * from "@hey-api/client-fetch";' },
  { name: "ky", entry: 'export * from "ky"; export { default } from "ky";' },
  { name: "axios", entry: 'export * from "axios"; export { default } from "axios";' },
] as const;

export interface BundleSize {
  minified: number;
  gzip: number;
  brotli: number;
}

export async function bundleSize(entry: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: entry, resolveDir: PACKAGE_ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0]!.contents;
  return {
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    brotli: brotliCompressSync(code).byteLength,
  };
}

export const bundle: Section = {
  name: "bundle",
  async run({ log }) {
    const sizes = [];
    for (const { name, entry } of BUNDLES) sizes.push({ name, ...(await bundleSize(entry)) });
    log("bundle: done");
    const ours = sizes[0]!;
    const markdown = [
      "## Bundle size",
      "",
      "Each client bundled for the browser with esbuild (ESM, minified, every export kept), then compressed as " +
        "size-limit does. The client's own check (`packages/client/.size-limit.js`, run by `check:package`) " +
        "reports 32 B less gzip: it subtracts what esbuild emits for an empty module.",
      "",
      table(
        ["bundle", "minified", "min+gzip", "min+brotli"],
        sizes.map(({ name, minified, gzip, brotli }) => [name, bytes(minified), bytes(gzip), bytes(brotli)]),
      ),
    ].join("\n");
    return { markdown, measured: { bundleGzip: { median: ours.gzip, min: ours.gzip, max: ours.gzip } } };
  },
};
