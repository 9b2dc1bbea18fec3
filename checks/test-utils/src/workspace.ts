// The workspace's public packages, and packing them the way `pnpm publish` would (workspace: ranges replaced
// by real versions, only the `files` allowlist inside).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

export const WORKSPACE_ROOT = resolve(import.meta.dirname, "../../..");

/**
 * The built bin (`dist/bin.js`) of the workspace package `name`, resolved from `from` (the caller's
 * `import.meta.url`) as the caller's own import of it would be, so only a package that depends on it finds it.
 */
export function builtBin(name: string, from: string): string {
  return join(dirname(createRequire(from).resolve(`${name}/package.json`)), "dist/bin.js");
}

export interface PublicPackage {
  name: string;
  version: string;
  dir: string;
  manifest: Record<string, any>;
}

/** Every package of the workspace (`spec` and `packages/*`) that is not private. */
export function publicPackages(): PublicPackage[] {
  const dirs = [
    join(WORKSPACE_ROOT, "spec"),
    ...readdirSync(join(WORKSPACE_ROOT, "packages")).map((name) => join(WORKSPACE_ROOT, "packages", name)),
  ];
  return dirs
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir, manifest }));
}

/** Packs one package into `destination` with `pnpm pack`; returns the tarball's path. */
export function pack(pkg: PublicPackage, destination: string): string {
  const output = execFileSync("pnpm", ["pack", "--json", "--pack-destination", destination], {
    cwd: pkg.dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { filename } = JSON.parse(output) as { filename: string };
  return resolve(destination, filename);
}
