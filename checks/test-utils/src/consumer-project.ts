// A throwaway consumer project in the OS temp folder, outside the workspace (so nothing resolves through the
// workspace's node_modules): the packed tarballs installed with npm, as another team would install them.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type PublicPackage, pack, publicPackages } from "./workspace.js";

const execFileAsync = promisify(execFile);
const require = createRequire(import.meta.url);

/** The workspace's own TypeScript compiler, so consumers are checked with the version we build with. */
export const TSC = require.resolve("typescript/bin/tsc");

export interface ConsumerProject {
  dir: string;
  packages: PublicPackage[];
  /** Runs `node <file>` in the project; resolves with stdout. */
  node(file: string, args?: string[]): Promise<string>;
  /** Runs an installed bin through the link npm made in node_modules/.bin; resolves with stdout. */
  bin(name: string, args?: string[]): Promise<string>;
  /** Runs the workspace's tsc with a tsconfig of the project; resolves with stdout. */
  tsc(tsconfig: string): Promise<string>;
  remove(): void;
}

/**
 * Copies `fixtures` (the consumer's own files: one folder, or several copied into one project) into a new folder in
 * the OS temp folder, packs every public package (or those named in `only`, which must include their workspace
 * dependencies) and installs the tarballs with npm there, with `extra` packages from the registry (e.g.
 * `@types/node`).
 */
export async function createConsumerProject(
  fixtures: string | string[],
  extra: string[] = [],
  only?: string[],
): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), "export-api-consumer-"));
  const tarballs = join(dir, "tarballs");
  mkdirSync(tarballs);
  const packages = publicPackages().filter((pkg) => only === undefined || only.includes(pkg.name));
  const files = packages.map((pkg) => pack(pkg, tarballs));
  for (const folder of [fixtures].flat()) cpSync(folder, dir, { recursive: true });
  await execFileAsync(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--prefer-offline",
      "--ignore-scripts",
      "--loglevel=error",
      ...files,
      ...extra,
    ],
    { cwd: dir, env: withoutPackageManagerVariables(process.env) },
  );
  return openConsumerProject(dir, packages);
}

/**
 * A project createConsumerProject made, by its folder: for test files that share one install made in a vitest
 * `globalSetup` (which passes the folder and the package names on with `provide`).
 */
export function openConsumerProject(dir: string, packages: readonly string[] | PublicPackage[]): ConsumerProject {
  const exec = async (command: string, args: string[]) => {
    try {
      return (await execFileAsync(command, args, { cwd: dir })).stdout;
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${command} ${args.join(" ")} failed in ${dir}:\n${stdout ?? ""}${stderr ?? ""}`);
    }
  };
  const names = packages.map((pkg) => (typeof pkg === "string" ? pkg : pkg.name));
  return {
    dir,
    packages: publicPackages().filter((pkg) => names.includes(pkg.name)),
    node: (file, args = []) => exec(process.execPath, [file, ...args]),
    bin: (name, args = []) => exec(join(dir, "node_modules/.bin", name), args),
    tsc: (tsconfig) => exec(process.execPath, [TSC, "-p", tsconfig]),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** npm settings a developer or CI may set in the environment, which npm should still see. */
const KEPT_NPM_VARIABLES = new Set(["npm_config_registry", "npm_config_cache", "npm_config_userconfig"]);

/**
 * The environment without the `npm_*` variables pnpm sets for its scripts (its own config, the package's
 * fields, the lifecycle), so npm in the consumer project reads only npm's config.
 */
export function withoutPackageManagerVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => {
      const lower = name.toLowerCase();
      return !lower.startsWith("npm_") || KEPT_NPM_VARIABLES.has(lower);
    }),
  );
}
