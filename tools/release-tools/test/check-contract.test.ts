// `pnpm check:contract` in a scratch copy of the repository, as right after a release: each spec or API report
// change fails until a changeset bumps every affected package enough, and `pnpm version-packages` makes the new
// state the baseline.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { type ScratchRepo, scratchRepo } from "./helpers/scratch-repo.js";

const SPEC = "@export-api/spec";
const TYPES = "@export-api/types";
const CLIENT = "@export-api/client";
/** Re-exposes the client's types (its recorder wraps the client): it needs what the client needs. */
const USAGE = "@export-api/usage";

let repo: ScratchRepo;
beforeEach(() => {
  repo = scratchRepo();
});
afterEach(() => repo.remove());

/** Changes the spec's YAML at `path` (keeping the rest of the document as written). */
function setInSpec(path: string[], change: (value: any) => unknown) {
  return (text: string) => {
    const document = parseDocument(text);
    document.setIn(path, change(document.getIn(path)));
    return document.toString();
  };
}

/** The spec's `$top` maximum, lowered by one: a request that was valid (the old maximum) is now refused. */
const lowerTopMaximum = setInSpec(["components", "parameters", "top", "schema", "maximum"], (max) => max - 1);

/** An optional property added to each export connection of a response. */
const addOptionalResponseProperty = setInSpec(
  ["components", "schemas", "ExportConnection", "properties", "createdDateTime"],
  () => ({ type: "string", format: "date-time" }),
);

/** A reworded description, nothing else. */
const rewordSkipDescription = setInSpec(
  ["components", "parameters", "skip", "description"],
  (description) => `${description} (reworded)`,
);

it("passes right after a release, with nothing changed and no changeset", () => {
  const { ok, output } = repo.checkContractCommand();
  expect(output).toContain("No change to the spec or the API reports since the last release.");
  expect(ok).toBe(true);
});

describe("lowering $top's maximum", () => {
  beforeEach(() => repo.edit("spec/openapi.yaml", lowerTopMaximum));

  it("fails, naming the breaking change, its location and every package whose major is missing", () => {
    const { ok, output } = repo.checkContractCommand();
    expect(ok).toBe(false);
    expect(output).toMatch(/breaking\s+\/paths\/~1export~1connections\/get\/parameters\/1\/schema\/maximum/);
    expect(output).toContain("maximum validator in query parameter `$top`");
    for (const pkg of [SPEC, TYPES, CLIENT]) expect(output).toContain(`${pkg} needs a major changeset`);
    expect(output).toContain(`choose major for ${SPEC}, ${TYPES}, ${CLIENT}`);
  });

  it("still fails with a major for the spec alone, naming the packages left", async () => {
    repo.changeset("spec-only", { [SPEC]: "major" });
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).not.toContain(`${SPEC} needs a major changeset`);
    expect(output).toContain(`${TYPES} needs a major changeset (the pending changesets give it none)`);
    expect(output).toContain(`${CLIENT} needs a major changeset`);
  });

  it("fails with a minor, and passes once a major changeset covers them", async () => {
    repo.changeset("minor", { [SPEC]: "minor", [TYPES]: "minor", [CLIENT]: "minor" });
    expect((await repo.checkContract()).ok).toBe(false);
    repo.changeset("major", { [SPEC]: "major", [TYPES]: "major", [CLIENT]: "major", [USAGE]: "major" });
    const { ok, output } = await repo.checkContract();
    expect(output).toContain("The pending changesets cover every change.");
    expect(ok).toBe(true);
  });

  it("after pnpm version-packages, passes with no pending changeset", async () => {
    repo.changeset("major", { [SPEC]: "major", [TYPES]: "major", [CLIENT]: "major" });
    const log = repo.runScript("version-packages");
    expect(log).toContain("released baseline: released/spec/openapi.json");
    const { ok, output } = await repo.checkContract();
    expect(output).toContain("No change to the spec or the API reports since the last release.");
    expect(ok).toBe(true);
  });
});

describe("adding an optional response property", () => {
  beforeEach(() => repo.edit("spec/openapi.yaml", addOptionalResponseProperty));

  it("fails with no changeset, naming the non-breaking change", async () => {
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).toMatch(/non-breaking\s+\/paths\/.*\/connections\/items\/properties\/createdDateTime/);
    expect(output).toContain(`${SPEC} needs a minor changeset (the pending changesets give it none)`);
  });

  it("passes with a minor changeset", async () => {
    repo.changeset("minor", { [SPEC]: "minor", [TYPES]: "minor", [CLIENT]: "minor", [USAGE]: "minor" });
    expect((await repo.checkContract()).ok).toBe(true);
  });
});

describe("rewording a description", () => {
  beforeEach(() => repo.edit("spec/openapi.yaml", rewordSkipDescription));

  it("is documentation-only: fails with no changeset, passes with a patch", async () => {
    const failed = await repo.checkContract();
    expect(failed.ok).toBe(false);
    expect(failed.output).toMatch(/documentation-only\s+\/paths\/.*\/parameters\/2\/description/);
    expect(failed.output).toContain(`${SPEC} needs a patch changeset`);
    expect(failed.output).not.toContain(`${CLIENT} needs`);
    repo.changeset("patch", { [SPEC]: "patch", [TYPES]: "patch" });
    expect((await repo.checkContract()).ok).toBe(true);
  });
});

describe("a change of a public .d.ts, once its API report is updated", () => {
  const REPORT = "packages/client/api/client.api.md";

  it("a removed export needs a major", async () => {
    repo.edit(REPORT, (text) => text.replace(/\/\/ @public[^\n]*\nexport const DEFAULT_BASE_URL\b[^\n]*\n\n/, ""));
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).toContain(`${REPORT} DEFAULT_BASE_URL`);
    expect(output).toContain("removed: export const DEFAULT_BASE_URL");
    expect(output).toContain(`${CLIENT} needs a major changeset`);
    repo.changeset("major", { [CLIENT]: "major", [USAGE]: "major" });
    expect((await repo.checkContract()).ok).toBe(true);
  });

  it("an added export needs a minor", async () => {
    repo.edit(REPORT, (text) =>
      text.replace(
        "// @public\nexport const VERSION",
        "// @public\nexport function toArray(): void;\n\n// @public\nexport const VERSION",
      ),
    );
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).toContain("added: export function toArray(): void;");
    expect(output).toContain(`${CLIENT} needs a minor changeset`);
    repo.changeset("minor", { [CLIENT]: "minor", [USAGE]: "minor" });
    expect((await repo.checkContract()).ok).toBe(true);
  });
});
