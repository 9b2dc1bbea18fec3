// What every public manifest promises a consumer, checked on the workspace's package.json files, so a new
// package (or a new export) cannot skip a field that publint and attw do not ask for.
import { relative } from "node:path";
import { publicPackages, WORKSPACE_ROOT } from "@export-api/test-utils";
import { describe, expect, it } from "vitest";

const packages = publicPackages();

it("finds the public packages", () => {
  expect(packages.map((pkg) => pkg.name)).toEqual(
    expect.arrayContaining(["@export-api/spec", "@export-api/types", "@export-api/client", "@export-api/cli"]),
  );
});

describe.each(packages.map((pkg) => [pkg.name, pkg] as const))("%s", (_, { dir, manifest }) => {
  it("is scoped, licensed, and says where its source lives", () => {
    expect(manifest.name).toMatch(/^@export-api\//);
    expect(manifest.license).toBe("MIT");
    expect(manifest.repository).toEqual({
      type: "git",
      url: "git+https://github.com/export-api/export-api-sdk.git",
      directory: relative(WORKSPACE_ROOT, dir),
    });
  });

  it("publishes publicly with provenance, an allowlist of files, no side effects, and the Node it needs", () => {
    expect(manifest.publishConfig).toEqual({ access: "public", provenance: true });
    expect(Array.isArray(manifest.files) && manifest.files.length > 0).toBe(true);
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.engines?.node).toMatch(/^>=20/);
  });

  it("has an exports map with ./package.json and no ./* pattern", () => {
    expect(manifest.exports["./package.json"]).toBe("./package.json");
    expect(Object.keys(manifest.exports).filter((key) => key.includes("*"))).toEqual([]);
  });

  it("runs publint and attw on its packed tarball in its check:package script", () => {
    expect(manifest.scripts["check:package"]).toMatch(/^sh (\.\.\/)+scripts\/check-package\.sh( |$)/);
  });
});

// spec and cli have no main entry (only files, or a bin); every package that has one offers both formats.
const withMainEntry = packages.filter((pkg) => pkg.manifest.exports["."] !== undefined);

describe.each(withMainEntry.map((pkg) => [pkg.name, pkg] as const))("%s main entry", (_, { manifest }) => {
  it("offers import and require, with types first in each", () => {
    const main = manifest.exports["."];
    expect(Object.keys(main)).toEqual(["import", "require"]);
    for (const condition of ["import", "require"]) {
      // types first, default last; between them only the client's browser build and the runtimes that keep the
      // full one (workerd, worker), before browser.
      const keys = Object.keys(main[condition]);
      expect(keys[0], condition).toBe("types");
      expect(keys.at(-1), condition).toBe("default");
      expect(keys.slice(1, -1), condition).toEqual(
        manifest.name === "@export-api/client" && condition === "import" ? ["workerd", "worker", "browser"] : [],
      );
    }
  });
});

// Subpaths with code (e.g. @export-api/mock-server/msw) promise the same as a main entry.
const codeSubpaths = packages.flatMap((pkg) =>
  Object.entries(pkg.manifest.exports as Record<string, unknown>)
    .filter(([path, target]) => path !== "." && typeof target === "object")
    .map(
      ([path, target]) => [`${pkg.name}${path.slice(1)}`, target as Record<string, Record<string, string>>] as const,
    ),
);

it("finds the code subpaths", () => {
  expect(codeSubpaths.map(([name]) => name)).toContain("@export-api/mock-server/msw");
});

describe.each(codeSubpaths)("%s", (_, target) => {
  it("offers import and require, with types first in each", () => {
    expect(Object.keys(target)).toEqual(["import", "require"]);
    for (const condition of ["import", "require"] as const) {
      expect(Object.keys(target[condition]!), condition).toEqual(["types", "default"]);
    }
  });
});
