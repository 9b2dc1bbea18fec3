// The architecture rules fail when broken on purpose: each rule, in a scratch repository laid out like this one.
// (The repository itself is checked by `pnpm lint`.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkArchitecture } from "../src/architecture.mjs";

const scratches: string[] = [];
afterEach(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch repository with these files (path -> content) and a tsconfig.base.json like the workspace's. */
function scratch(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "repo-lint-"));
  scratches.push(root);
  const all = {
    "tsconfig.base.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } }),
    "packages/client/src/index.ts": 'export { run } from "./client.js";\n',
    "packages/client/src/client.ts": "export const run = () => 1;\n",
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("the architecture rules", () => {
  it("pass on a scratch repository that keeps them", () => {
    expect(checkArchitecture(scratch({})).code).toBe(0);
  });

  it.each([
    [
      "no-cycle",
      "a circle of type-only imports",
      {
        "packages/client/src/a.ts": 'import type { B } from "./b.js";\nexport type A = { b?: B };\n',
        "packages/client/src/b.ts": 'import type { A } from "./a.js";\nexport type B = { a?: A };\n',
      },
    ],
    [
      "product-not-on-check-or-tool",
      "a published package's source importing a check",
      {
        "checks/test-utils/src/index.ts": "export const helper = 1;\n",
        "packages/client/src/uses-check.ts":
          'import { helper } from "../../../checks/test-utils/src/index.js";\nexport const x = helper;\n',
      },
    ],
    [
      "internal-not-on-entry",
      "internal/ importing its package's entry module",
      { "packages/client/src/internal/attempt.ts": 'import { run } from "../client.js";\nexport const y = run;\n' },
    ],
    [
      "no-deep-import",
      "a path into another package's src",
      {
        "packages/mock-server/src/index.ts":
          'import { run } from "../../client/src/client.js";\nexport const z = run;\n',
      },
    ],
    [
      "no-unresolvable-import",
      "an import that resolves to nothing",
      { "packages/client/src/lost.ts": 'import { gone } from "./gone.js";\nexport const w = gone;\n' },
    ],
  ])("%s fails on %s", (rule, _what, files) => {
    const { code, output } = checkArchitecture(scratch(files));
    expect(code).not.toBe(0);
    expect(output).toContain(`error ${rule}:`);
  });
});
