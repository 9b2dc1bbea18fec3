#!/usr/bin/env node
// Part of `pnpm version-packages`: after `changeset version`, the spec and the API reports as they are now become
// the released baseline the contract gate compares with.
import { refreshReleased } from "../src/released.mjs";
import { findRoot } from "../src/workspace.mjs";

for (const file of refreshReleased(findRoot())) console.log(`released baseline: ${file}`);
