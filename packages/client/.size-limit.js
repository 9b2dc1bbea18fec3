// size-limit: the client's built ES module bundled with openapi-fetch for the browser (esbuild, minified), as an
// app's bundler would ship it. `check:package` fails when the gzip size is over the limit; brotli is reported.
const bundle = {
  // The browser build, which a bundler picks for a browser (the `browser` export condition).
  path: "dist/index.browser.js",
  // What an app imports to call the API and handle its errors; everything they reach is bundled (the shared
  // rules, paging, retries), only the entry's own list of re-exports is not, as in any app's bundle.
  import: "{ createExportClient, ExportApiError, AuthenticationError, RateLimitError, NotFoundError }",
  // platform/format/target as an app bundler builds for a browser; size-limit's default would wrap it in an IIFE.
  modifyEsbuildConfig: (config) => ({ ...config, platform: "browser", format: "esm", target: "es2022" }),
};

export default [
  {
    ...bundle,
    name: "@export-api/client with openapi-fetch, min+gzip",
    gzip: true,
    // 5.7 kB through the hooks and tracing (they add nothing here: createHooks and ./otel are dropped by a bundler);
    // raised to 6.35 kB for resumable paging (continuation tokens) and the client's one rate budget, which every
    // listing needs and so live in the core (+0.6 kB); 6.4 kB with the check that refuses a hooks value createHooks
    // did not make (it was silently ignored). What fills the rest: docs/benchmarks.md, bundle section.
    limit: "6.4 kB",
  },
  { ...bundle, name: "@export-api/client with openapi-fetch, min+brotli (reported, no limit)", brotli: true },
];
