// size-limit: the client's built ES module bundled with openapi-fetch for the browser (esbuild, minified), as an
// app's bundler would ship it. `check:package` fails when the gzip size is over the limit; brotli is reported.
const bundle = {
  path: "dist/index.js",
  // platform/format/target as an app bundler builds for a browser; size-limit's default would wrap it in an IIFE.
  modifyEsbuildConfig: (config) => ({ ...config, platform: "browser", format: "esm", target: "es2022" }),
};

export default [
  {
    ...bundle,
    name: "@export-api/client with openapi-fetch, min+gzip",
    gzip: true,
    limit: "7 kB", // target 5.0 kB: the lead lowers this limit once the client shrinks
  },
  { ...bundle, name: "@export-api/client with openapi-fetch, min+brotli (reported, no limit)", brotli: true },
];
