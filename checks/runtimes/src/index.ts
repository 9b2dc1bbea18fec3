// The runtimes the matrix runs the packed client on, each from its npm package (installed by `pnpm install`; the
// packages' own install scripts put the binary for this machine in place), and the machine's Node that runs the
// tests. A package of its own, because the npm package `node` links a `node` bin: in the package that depends on it,
// that bin would run every script (pnpm's bin shims prefer it), so the matrix's vitest would not run on Node 20.
import { execFileSync } from "node:child_process";
import { binaryOf, node22 } from "./binary.mjs";

export interface Runtime {
  /** What the client's User-Agent calls it: `node`, `bun`, `deno` or `workerd`. */
  name: "node" | "bun" | "deno" | "workerd";
  /** Where it comes from: the npm package, e.g. `node@24.21.0`, or "the machine". */
  from: string;
  /** Its version: the npm package's, which Node, Bun and Deno also report (the matrix checks `--version`). */
  version: string;
  /** The absolute path of its executable. */
  binary: string;
}

/** The Node running this process: the machine's (Node 20 on this project's machines and CI). */
export const MACHINE_NODE: Runtime = {
  name: "node",
  from: "the machine",
  version: process.versions.node,
  binary: process.execPath,
};
export const NODE_22: Runtime = { name: "node", ...node22() };
export const NODE_24: Runtime = { name: "node", ...binaryOf("node24", "bin/node") };
export const BUN: Runtime = { name: "bun", ...binaryOf("bun", "bin/bun.exe") };
export const DENO: Runtime = { name: "deno", ...binaryOf("deno", "deno") };
/** workerd's package version is `1.<date>.<patch>`; the date is the runtime's version (`workerd --version`). */
export const WORKERD: Runtime = { name: "workerd", ...binaryOf("workerd", "bin/workerd") };

/** What `<binary> --version` prints, trimmed: `v24.21.0`, `1.4.5`, `deno 2.9.6 (...)`, `workerd 2026-11-17`. */
export function versionOutput(runtime: Runtime): string {
  return execFileSync(runtime.binary, ["--version"], { encoding: "utf8" }).trim();
}
