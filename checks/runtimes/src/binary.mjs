// Where each runtime's binary is, in plain JavaScript: the checks import it through index.ts, and a tool's plain
// `node` script (the contract gate runs the Pact comparator on Node 22) through `@export-api/runtimes/binary`.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The binary `file` inside the installed npm package `dependency`; throws, saying how to fix it, if it is missing. */
export function binaryOf(dependency, file) {
  const manifestPath = require.resolve(`${dependency}/package.json`);
  const manifest = require(manifestPath);
  const binary = join(dirname(manifestPath), file);
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} is missing: ${manifest.name}@${manifest.version}'s install script puts it there. Is it in allowBuilds (pnpm-workspace.yaml)? Then run pnpm install again.`,
    );
  }
  // These packages carry their runtime's own version.
  return { from: `${manifest.name}@${manifest.version}`, version: manifest.version, binary };
}

/** Node 22 from npm (`node@22` as the alias `node22`): the runtime matrix's, and the one for dev tools needing 22. */
export const node22 = () => binaryOf("node22", "bin/node");
