// What a change of an API report needs: a declaration removed or changed is a major, added or extended a minor.
import { describe, expect, it } from "vitest";
import { compareReports, parseReport } from "../src/report-diff.mjs";

/** An API report as API Extractor writes it, around these declarations. */
const report = (...blocks: string[]) =>
  `## API Report File for "x"\n\n\`\`\`ts\n\nimport { Link } from '@export-api/types';\n\n${blocks.join("\n\n")}\n\n\`\`\`\n`;

const options = (...members: string[]) =>
  `// @public (undocumented)\nexport interface Options {\n${members.map((m) => `    ${m}`).join("\n")}\n}`;

describe("compareReports", () => {
  it("finds nothing when only comments changed", () => {
    const before = report("// @public (undocumented)\nexport const A = 1;");
    const after = report("// @public\nexport const A = 1;");
    expect(compareReports(before, after)).toEqual([]);
  });

  it("a removed declaration is a major, an added one a minor", () => {
    const before = report("// @public\nexport const A = 1;", "// @public\nexport function f(): void;");
    const after = report("// @public\nexport const A = 1;", "// @public\nexport function g(): void;");
    expect(compareReports(before, after)).toEqual([
      { level: "major", name: "f", summary: "removed: export function f(): void;" },
      { level: "minor", name: "g", summary: "added: export function g(): void;" },
    ]);
  });

  it("an @internal declaration (the client's ./internal entry) carries no semver promise", () => {
    const before = report("// @internal\nexport function f(a: string): void;", "// @internal\nexport const R = 1;");
    const after = report("// @internal\nexport function f(a: number): void;", "// @internal\nexport const S = 1;");
    expect(compareReports(before, after)).toEqual([
      { level: "none", name: "R", summary: "internal, no semver promise: removed: export const R = 1;" },
      {
        level: "none",
        name: "f",
        summary:
          "internal, no semver promise: changed: export function f(a: string): void; -> export function f(a: number): void;",
      },
      { level: "none", name: "S", summary: "internal, no semver promise: added: export const S = 1;" },
    ]);
  });

  it("a public declaration made @internal is removed from the public API; the other way it is added", () => {
    const publicA = report("// @public\nexport const A = 1;", "// @internal\nexport const B = 1;");
    const internalA = report("// @internal\nexport const A = 1;", "// @public\nexport const B = 1;");
    expect(compareReports(publicA, internalA)).toEqual([
      { level: "major", name: "A", summary: "made internal, so removed from the public API: export const A = 1;" },
      { level: "minor", name: "B", summary: "made public, so added: export const B = 1;" },
    ]);
  });

  it("an overload not marked @internal keeps the whole name public", () => {
    const both = report("// @internal\nexport function f(): void;", "// @public\nexport function f(a: number): void;");
    expect(parseReport(both).internal.has("f")).toBe(false);
  });

  it("a member added to a declaration is a minor (extended)", () => {
    const changes = compareReports(
      report(options("top?: number;")),
      report(options("pageSize?: number;", "top?: number;")),
    );
    expect(changes).toEqual([{ level: "minor", name: "Options", summary: "extended: pageSize?: number;" }]);
  });

  it("an optional member that now also accepts undefined is a minor", () => {
    const changes = compareReports(
      report(options("fetch?: (request: Request) => Promise<Response>;", "top?: number;")),
      report(options("fetch?: ((request: Request) => Promise<Response>) | undefined;", "top?: number | undefined;")),
    );
    expect(changes).toEqual([
      {
        level: "minor",
        name: "Options",
        summary:
          "optional members also accept undefined: fetch?: ((request: Request) => Promise<Response>) | undefined; top?: number | undefined;",
      },
    ]);
  });

  it("any other change of a declaration is a major (narrowed or not, the report cannot tell)", () => {
    expect(
      compareReports(
        report("// @public\nexport const TOP_MAX = 1000;"),
        report("// @public\nexport const TOP_MAX = 999;"),
      ),
    ).toEqual([
      {
        level: "major",
        name: "TOP_MAX",
        summary: "changed: export const TOP_MAX = 1000; -> export const TOP_MAX = 999;",
      },
    ]);
    expect(compareReports(report(options("top?: number;")), report(options("top: number;")))[0]?.level).toBe("major");
  });

  it("a report that did not exist before (a new entry point) is all additions", () => {
    expect(compareReports(undefined, report("// @public\nexport const A = 1;"))).toEqual([
      { level: "minor", name: "A", summary: "added: export const A = 1;" },
    ]);
  });
});

describe("parseReport", () => {
  it("names re-exports and the packages whose types the report imports", () => {
    const { declarations, imports } = parseReport(report("export { Link }"));
    expect([...declarations.keys()]).toEqual(["Link"]);
    expect([...imports]).toEqual(["@export-api/types"]);
  });
});
