// Each public package as another team gets it: packed, installed with npm from the tarballs into a project
// outside the workspace, then imported from ESM, CommonJS and TypeScript (node16 and bundler resolution).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startMockServer } from "@export-api/mock-server";
import { openConsumerProject, WORKSPACE_ROOT } from "@export-api/test-utils";
import { build } from "esbuild";
import { beforeAll, describe, expect, inject, it } from "vitest";

const spec = JSON.parse(readFileSync(join(WORKSPACE_ROOT, "spec/dist/openapi.json"), "utf8"));
const manifest = (dir: string) => JSON.parse(readFileSync(join(WORKSPACE_ROOT, dir, "package.json"), "utf8"));
const client = manifest("packages/client");
const types = manifest("packages/types");

// Installed once for this file and mock-tarballs.test.ts, by global-setup.ts (fixtures/consumer's files are here).
const project = openConsumerProject(inject("consumer").dir, inject("consumer").packages);

describe("the packed packages", () => {
  it("are every public package of the workspace, and nothing private", () => {
    const names = project.packages.map((pkg) => pkg.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "@export-api/spec",
        "@export-api/types",
        "@export-api/client",
        "@export-api/mock-server",
      ]),
    );
    expect(names).not.toContain("@export-api/consumer-tests");
    expect(project.packages.every((pkg) => pkg.manifest.private !== true)).toBe(true);
  });

  it("each offer the same names to import and require()", async () => {
    const withMainEntry = project.packages.filter((pkg) => pkg.manifest.exports?.["."]).map((pkg) => pkg.name);
    expect(withMainEntry).toEqual(expect.arrayContaining(["@export-api/types", "@export-api/client"]));
    const faces = JSON.parse(await project.node("load-all.mjs", withMainEntry));
    for (const name of withMainEntry) {
      expect(faces[name].require, name).toEqual(faces[name].import.filter((key: string) => key !== "default"));
    }
  });

  it("install with real version ranges in place of workspace: ones", () => {
    const installed = JSON.parse(
      readFileSync(join(project.dir, "node_modules/@export-api/client/package.json"), "utf8"),
    );
    expect(installed.dependencies["@export-api/types"]).toBe(`^${types.version}`);
    expect(JSON.stringify(installed)).not.toContain("workspace:");
  });

  it("record the spec version the types were generated from, in package.json and SPEC_VERSION", () => {
    const installed = JSON.parse(
      readFileSync(join(project.dir, "node_modules/@export-api/types/package.json"), "utf8"),
    );
    expect(installed.specVersion).toBe(spec.info.version);
  });
});

describe.each([
  ["an ES module", "esm.mjs"],
  ["a CommonJS module", "cjs.cjs"],
])("imported from %s", (_, file) => {
  let seen: Record<string, any>;
  beforeAll(async () => {
    seen = JSON.parse(await project.node(file));
  }, 60_000);

  it("exposes the client's version and the spec version the types came from", () => {
    expect(seen.clientVersion).toBe(client.version);
    expect(seen.specVersion).toBe(spec.info.version);
    expect(seen.specDocumentVersion).toBe(spec.info.version);
    expect(seen.specYamlShipped).toBe(true);
  });

  it("lists connections from the mock server, one page and every page", () => {
    expect(seen.firstPage).toBe(5);
    expect(seen.iterated).toBe(12);
  });

  it("rejects a call without a token with the AuthenticationError class", () => {
    expect(seen.unauthorized).toEqual({ name: "AuthenticationError", isAuthenticationError: true, status: 401 });
  });

  it("identifies itself in User-Agent with the package's version and Node's", () => {
    expect(seen.userAgent).toBe(`export-api-client/${client.version} node/${process.versions.node}`);
  });
});

describe("bundled from the tarball", () => {
  /** The installed client bundled by esbuild as an app would be, for a platform and its export conditions. */
  const bundle = async (platform: "browser" | "node" | "neutral", conditions?: string[]) => {
    const result = await build({
      stdin: { contents: 'export { createExportClient } from "@export-api/client";', resolveDir: project.dir },
      bundle: true,
      write: false,
      platform,
      format: "esm",
      logLevel: "error",
      ...(conditions ? { conditions } : {}),
    });
    return result.outputFiles[0]!.text;
  };

  it("a browser bundle gets the browser build: no runtime detection, no User-Agent (the browser sends its own)", async () => {
    const browser = await bundle("browser");
    expect(browser).toContain("createExportClient");
    expect(browser).not.toContain("export-api-client/");
    expect(browser).not.toContain("Cloudflare-Workers");
  });

  it("Node and Cloudflare's workerd (wrangler's conditions) get the full build that names the runtime", async () => {
    expect(await bundle("node")).toContain("export-api-client/");
    expect(await bundle("neutral", ["workerd", "worker", "browser"])).toContain("Cloudflare-Workers");
  });
});

describe("the installed bins", () => {
  it("export-connections lists connections from its embedded mock server", async () => {
    const output = await project.bin("export-connections", ["list", "--format", "json", "--top", "3"]);
    const connections = JSON.parse(output) as { id: string; authenticationType: string }[];
    expect(connections).toHaveLength(3);
    expect(connections.every((connection) => /^(User|Service)$/.test(connection.authenticationType))).toBe(true);
  });

  it("export-api-verify, with the Prism it installed, passes the mock server against the spec", async () => {
    const mock = await startMockServer({ seed: 5, connectionsPerImodel: 30 });
    try {
      const args = ["--target", mock.url, "--imodel-id", mock.imodelIds[0]!, "--page-size", "10", "--json"];
      const report = JSON.parse(await project.bin("export-api-verify", args)) as { passed: boolean };
      expect(report.passed).toBe(true);
    } finally {
      await mock.close();
    }
  }, 120_000);

  it("each bin in a manifest exists in the tarball and starts with a node shebang", () => {
    const bins = project.packages.flatMap((pkg) =>
      Object.values((pkg.manifest.bin ?? {}) as Record<string, string>).map((path) => join(pkg.name, path)),
    );
    expect(bins.length).toBeGreaterThanOrEqual(3);
    for (const bin of bins) {
      expect(readFileSync(join(project.dir, "node_modules", bin), "utf8").split("\n")[0], bin).toBe(
        "#!/usr/bin/env node",
      );
    }
  });
});

describe("imported from TypeScript", () => {
  it("compiles with moduleResolution node16 (ESM and CJS files), then runs, also against a newer API", async () => {
    await project.tsc("tsconfig.node16.json");
    for (const [file, module] of [
      ["out/consumer.mjs", "esm"],
      ["out/consumer.cjs", "cjs"],
    ] as const) {
      expect(JSON.parse(await project.node(file))).toEqual({
        module,
        VERSION: client.version,
        SPEC_VERSION: spec.info.version,
        connections: 2,
        kind: expect.stringMatching(/^(User|Service)$/),
        authenticationError: true,
      });
    }
    // Against a newer API: every connection listed, every 4th one's new authenticationType in the default branch.
    const { connections, kinds } = JSON.parse(await project.node("out/evolve.mjs"));
    expect(connections).toBe(57);
    expect(kinds).toEqual({
      user: expect.any(Number),
      service: expect.any(Number),
      "unknown: Federated": Math.floor(57 / 4),
    });
    expect(kinds.user + kinds.service).toBe(57 - Math.floor(57 / 4));
  }, 60_000);

  it("compiles with moduleResolution bundler and no Node types", async () => {
    await expect(project.tsc("tsconfig.bundler.json")).resolves.toBe("");
  }, 60_000);

  it("compiles with exactOptionalPropertyTypes, passing undefined to every optional option and parameter", async () => {
    await expect(project.tsc("tsconfig.exact-optional.json")).resolves.toBe("");
  }, 60_000);
});
