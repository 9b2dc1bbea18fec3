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
function setInSpec(path: (string | number)[], change: (value: any) => unknown) {
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

/** `displayName` of each connection of a response may now be null (OpenAPI 3.1: a type array). */
const makeDisplayNameNullable = setInSpec(
  ["components", "schemas", "ExportConnection", "properties", "displayName", "type"],
  () => ["string", "null"],
);

/** A scope `itwin-admin` in the OAuth scheme, and the operation requiring it beside `itwin-platform`. */
const defineAdminScope = setInSpec(
  ["components", "securitySchemes", "oauth2", "flows", "authorizationCode", "scopes", "itwin-admin"],
  () => "Administer the iTwin Platform.",
);
const requireAdminScope = setInSpec(["paths", "/export/connections", "get", "security", 0, "oauth2"], () => [
  "itwin-platform",
  "itwin-admin",
]);

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

// Issue 17: two changes api-smart-diff calls non-breaking and the README's table breaking. The command, as CI runs
// it, refuses the minor changeset and names the rule that decided; the gate then passes with a major.
describe("where api-smart-diff and the README's table disagree, the table wins", () => {
  const MINOR = { [SPEC]: "minor", [TYPES]: "minor", [CLIENT]: "minor", [USAGE]: "minor" } as const;
  const MAJOR = { [SPEC]: "major", [TYPES]: "major", [CLIENT]: "major", [USAGE]: "major" } as const;

  it("a response property made nullable with a 3.1 type array is a wider response: a minor is not enough", async () => {
    repo.edit("spec/openapi.yaml", makeDisplayNameNullable);
    repo.changeset("minor", MINOR);
    const failed = repo.checkContractCommand();
    expect(failed.ok).toBe(false);
    expect(failed.output).toMatch(/breaking\s+\/paths\/.*\/connections\/items\/properties\/displayName\/type\n/);
    expect(failed.output).toContain('"string" -> ["string","null"] (our rule "allowed values"');
    expect(failed.output).toContain(`${SPEC} needs a major changeset (the pending changesets give it minor)`);
    repo.changeset("major", MAJOR);
    expect((await repo.checkContract()).ok).toBe(true);
  });

  it("a new required OAuth scope on the operation refuses callers: a minor is not enough", async () => {
    repo.edit("spec/openapi.yaml", defineAdminScope);
    repo.edit("spec/openapi.yaml", requireAdminScope);
    repo.changeset("minor", MINOR);
    const failed = repo.checkContractCommand();
    expect(failed.ok).toBe(false);
    expect(failed.output).toMatch(/breaking\s+\/paths\/~1export~1connections\/get\/security\/0\/oauth2\/1\n/);
    expect(failed.output).toContain('added "itwin-admin" (our rule "security requirement"');
    // Only defining the scope (no operation requires it yet) is a new way in.
    expect(failed.output).toMatch(
      /non-breaking\s+\/components\/securitySchemes\/oauth2\/flows\/authorizationCode\/scopes\/itwin-admin\n/,
    );
    expect(failed.output).toContain(`${SPEC} needs a major changeset (the pending changesets give it minor)`);
    repo.changeset("major", MAJOR);
    expect((await repo.checkContract()).ok).toBe(true);
  });
});

describe("a change of a public .d.ts, once its API report is updated", () => {
  const REPORT = "packages/client/api/client.api.md";
  const INTERNAL_REPORT = "packages/client/api/client-internal.api.md";
  const TYPES_REPORT = "packages/types/api/types.api.md";

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

  it("a changed declaration needs a major, and so does the package that re-exports it", async () => {
    repo.edit(TYPES_REPORT, (text) => text.replace("export const TOP_MAX = 1000;", "export const TOP_MAX = 999;"));
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).toContain("changed: export const TOP_MAX = 1000; -> export const TOP_MAX = 999;");
    expect(output).toContain(`${TYPES} needs a major changeset`);
    expect(output).toContain(`its API re-exposes types of ${TYPES}, which needs a major`);
    expect(output).toContain(`${CLIENT} needs a major changeset`);
    repo.changeset("major", { [TYPES]: "major", [CLIENT]: "major", [USAGE]: "major" });
    expect((await repo.checkContract()).ok).toBe(true);
  });

  it("an extended declaration (a new member) needs a minor", async () => {
    repo.edit(REPORT, (text) =>
      text.replace(
        "export interface ExportApiErrorInit {\n",
        "export interface ExportApiErrorInit {\n    retryable?: boolean | undefined;\n",
      ),
    );
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).toContain("extended: retryable?: boolean | undefined;");
    expect(output).toContain(`${CLIENT} needs a minor changeset`);
    repo.changeset("minor", { [CLIENT]: "minor", [USAGE]: "minor" });
    expect((await repo.checkContract()).ok).toBe(true);
  });

  it("an optional member that now also accepts undefined needs a minor", async () => {
    repo.edit(REPORT, (text) => text.replace("    cause?: unknown;\n", "    cause?: unknown | undefined;\n"));
    const { ok, output } = await repo.checkContract();
    expect(ok).toBe(false);
    expect(output).toContain("optional members also accept undefined: cause?: unknown | undefined;");
    expect(output).toContain(`${CLIENT} needs a minor changeset`);
    repo.changeset("minor", { [CLIENT]: "minor", [USAGE]: "minor" });
    expect((await repo.checkContract()).ok).toBe(true);
  });

  it("a change of an @internal declaration (the client's ./internal entry) needs no changeset", async () => {
    repo.edit(INTERNAL_REPORT, (text) =>
      text.replace("export const MIN_REDACTED_LENGTH = 8;", "export const MIN_REDACTED_LENGTH = 12;"),
    );
    const { ok, output } = await repo.checkContract();
    expect(output).toMatch(/internal\s+packages\/client\/api\/client-internal\.api\.md MIN_REDACTED_LENGTH/);
    expect(output).not.toContain(`${CLIENT} needs`);
    expect(ok).toBe(true);
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
