/** Where a runtime comes from (the npm package, e.g. `node@22.23.3`), its version and its executable's path. */
export interface RuntimeBinary {
  from: string;
  version: string;
  binary: string;
}
/** The binary `file` inside the installed npm package `dependency`; throws, saying how to fix it, if it is missing. */
export function binaryOf(dependency: string, file: string): RuntimeBinary;
/** Node 22 from npm (`node@22` as the alias `node22`): the runtime matrix's, and the one for dev tools needing 22. */
export function node22(): RuntimeBinary;
