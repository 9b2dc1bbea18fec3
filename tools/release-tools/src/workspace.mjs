// Where things are: the workspace's public packages, their type entry points and their API reports, and the
// released baseline the contract gate compares them with. Every function takes the workspace root, so the tests
// can run them on a scratch copy of the repository.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The workspace root: the nearest folder from `start` up that has a pnpm-workspace.yaml. The commands run from the
 * root (pnpm) or from tools/release-tools (turbo), and the tests run them in a scratch copy of the repository.
 */
export function findRoot(start = process.cwd()) {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml in ${start} or above`);
  }
}

/**
 * The spec as it is now, and the released baseline: released/ mirrors the contract's files as last released
 * (`released/spec/openapi.json`, `released/packages/client/api/client.api.md`, ...).
 */
export const SPEC_FILE = "spec/openapi.yaml";
export const RELEASED_DIR = "released";
export const RELEASED_SPEC_FILE = "released/spec/openapi.json";

/** The command that rewrites every API report; failure messages name it. */
export const API_UPDATE_COMMAND = "pnpm api:update";

/**
 * Every package of the workspace (`spec` and `packages/*`) that is not private, with its folder relative to
 * `root` and its manifest.
 */
export function publicPackages(root) {
  const dirs = ["spec", ...readdirSync(join(root, "packages")).map((name) => `packages/${name}`)];
  return dirs
    .filter((dir) => existsSync(join(root, dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, manifest }));
}

/**
 * The entry points of a package that have types, one API report each: `.` is reported as `<name>.api.md`, a
 * subpath such as `./msw` as `<name>-msw.api.md` (`<name>` without the scope). A package whose exports carry no
 * types (the spec's documents, the CLI's bin) has none.
 */
export function typedEntryPoints(pkg) {
  const unscoped = pkg.name.replace(/^@[^/]+\//, "");
  return Object.entries(pkg.manifest.exports ?? {})
    .map(([subpath, target]) => ({ subpath, types: typesOf(target) }))
    .filter(({ types }) => types !== undefined)
    .map(({ subpath, types }) => ({
      subpath,
      types: join(pkg.dir, types),
      reportName: subpath === "." ? unscoped : `${unscoped}-${subpath.replace(/^\.\//, "").replaceAll("/", "-")}`,
    }))
    .map((entry) => ({ ...entry, report: `${pkg.dir}/api/${entry.reportName}.api.md` }));
}

/** The `types` an exports target gives ES module importers (`import.types`, or a top-level `types`). */
function typesOf(target) {
  if (typeof target !== "object" || target === null) return undefined;
  return target.import?.types ?? target.types;
}

/** Every API report that should exist now, keyed by its file name (the released copies use the same name). */
export function expectedReports(root) {
  return publicPackages(root).flatMap((pkg) => typedEntryPoints(pkg).map((entry) => ({ ...entry, pkg })));
}

/** A path for messages: relative to the root, with forward slashes. */
export function display(root, path) {
  return relative(root, resolve(root, path)).replaceAll("\\", "/");
}
