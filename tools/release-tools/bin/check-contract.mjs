#!/usr/bin/env node
// `pnpm check:contract`: the spec and the API reports against their last release (released/), and the pending
// changesets against the bumps those changes need, and the registered consumers' usage contracts against the spec
// change. Exits 1 naming each change and each package whose bump is missing, and each broken team nobody told.
// Offline: it reads only files of the repository.
import { checkContract, formatResult } from "../src/contract-gate.mjs";
import { findRoot } from "../src/workspace.mjs";

const result = await checkContract(findRoot());
const lines = formatResult(result);
if (result.failures.length > 0 || result.consumers.failures.length > 0) {
  console.error(lines.join("\n"));
  process.exitCode = 1;
} else {
  console.log(lines.join("\n"));
}
