// check:api and api:update on a scratch copy of @export-api/types as built: a changed public .d.ts fails the check,
// naming the one command that updates the reports, until the report is rewritten.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runApiReports } from "../src/api-reports.mjs";
import { REPO } from "./helpers/scratch-repo.js";

let root: string;
const TYPES = "packages/types";

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "export-api-reports-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
  mkdirSync(join(root, TYPES), { recursive: true });
  for (const path of ["package.json", "dist", "api"])
    cpSync(join(REPO, TYPES, path), join(root, TYPES, path), { recursive: true });
  symlinkSync(join(REPO, TYPES, "node_modules"), join(root, TYPES, "node_modules"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("passes while the report is what the .d.ts says", () => {
  expect(runApiReports(root)).toEqual([]);
});

it("fails on a new export until `pnpm api:update` rewrites the report", () => {
  const dts = join(root, TYPES, "dist/index.d.ts");
  writeFileSync(dts, `${readFileSync(dts, "utf8")}\nexport declare const ADDED_FOR_THE_TEST = 1;\n`);
  expect(runApiReports(root)).toEqual([
    "packages/types/api/types.api.md does not match packages/types/dist/index.d.ts: review the change, run `pnpm api:update` and commit the report",
  ]);
  expect(runApiReports(root, { update: true })).toEqual([]);
  expect(readFileSync(join(root, TYPES, "api/types.api.md"), "utf8")).toContain("export const ADDED_FOR_THE_TEST = 1;");
  expect(runApiReports(root)).toEqual([]);
});
