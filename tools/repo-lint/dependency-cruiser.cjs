// The workspace's architecture rules, checked by `pnpm lint` (src/architecture.mjs runs dependency-cruiser with this file
// from the repository root). Products are `spec/` and `packages/` (published); checks (`checks/`) and tools (`tools/`)
// only test, measure and release them. Each rule says in its comment why it exists.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      comment: "A module in an import circle, type-only imports included, cannot be read, tested or moved on its own.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "product-not-on-check-or-tool",
      comment: "What we publish must not need what we never publish: a check or a tool would be missing on npm.",
      severity: "error",
      from: { path: "^packages/[^/]+/(src|msw|internal)/" },
      to: { path: "^(checks|tools)/" },
    },
    {
      name: "internal-not-on-entry",
      comment:
        "internal/ and core/ are the parts an entry module puts together; importing an entry back makes a circle of layers.",
      severity: "error",
      from: { path: "^packages/([^/]+)/src/(internal|core)/" },
      to: { path: "^packages/$1/src/(index|internal|client|msw|server|bin)\\.ts$" },
    },
    {
      name: "no-deep-import",
      comment:
        "Another package is reached through its package name and exports only; a path into its src/ couples to its insides.",
      severity: "error",
      from: { path: "^(spec|packages|checks|tools)/([^/]+)/" },
      to: { path: "^(spec|packages|checks|tools)/[^/]+/", pathNot: "^$1/$2/", dependencyTypes: ["local"] },
    },
    {
      name: "no-unresolvable-import",
      comment:
        "An import that resolves to nothing, such as a deep import past another package's exports map, fails at run time.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count: a circle of types is still a circle a reader must follow.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|\\.turbo|\\.stryker-tmp|reports|fixtures)/" },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types"],
      extensions: [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs", ".d.ts"],
    },
  },
};
