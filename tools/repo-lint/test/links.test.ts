// The Markdown link check fails when broken on purpose: a missing file, a missing heading here or in another file.
// (The repository's own documentation is checked by `pnpm lint`.)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkLinks, documentationFiles } from "../src/links.mjs";

const scratches: string[] = [];
afterEach(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch git repository with these Markdown files. */
function scratch(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "repo-lint-links-"));
  scratches.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  execFileSync("git", ["init", "--quiet"], { cwd: root });
  return root;
}

const GUIDE = "# Guide\n\n## Quick start\n\nSee [the API](docs/api.md#paging).\n";
const API = "# API\n\n## Paging\n\nBack to [the guide](../README.md#quick-start).\n";

describe("the Markdown link check", () => {
  it("skips what tools write: changelogs, API reports, the released baseline, changesets", () => {
    const root = scratch({
      "README.md": GUIDE,
      "docs/api.md": API,
      "packages/a/CHANGELOG.md": "[x](nope.md)\n",
      "packages/a/api/a.api.md": "[x](nope.md)\n",
      "released/x.md": "[x](nope.md)\n",
      ".changeset/x.md": "[x](nope.md)\n",
    });
    expect(documentationFiles(root).sort()).toEqual(["README.md", "docs/api.md"]);
  });

  it("passes when every file and heading linked exists", async () => {
    const root = scratch({ "README.md": GUIDE, "docs/api.md": API });
    expect(await checkLinks(root)).toEqual({ ok: true, report: "" });
  });

  it.each([
    ["a renamed file", { "README.md": GUIDE, "docs/paging.md": API }, "Cannot find file `docs/api.md`"],
    [
      "a renamed heading in another file",
      { "README.md": GUIDE, "docs/api.md": API.replace("## Paging", "## Pages") },
      "Cannot find heading for `#paging` in `docs/api.md`",
    ],
    [
      "a renamed heading in the same file",
      { "README.md": `${GUIDE}\n[up](#quick-start-guide)\n`, "docs/api.md": API },
      "Cannot find heading for `#quick-start-guide`",
    ],
  ])("fails on %s", async (_what, files, message) => {
    const { ok, report } = await checkLinks(scratch(files));
    expect(ok).toBe(false);
    expect(report).toContain(message);
  });
});
