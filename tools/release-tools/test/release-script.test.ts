// `pnpm release` (scripts/release.sh) runs the whole gate `pnpm test` runs, the contract gate included, and
// publishes nothing when it fails. pnpm is replaced on the PATH by a recorder, so no real publish can happen.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO } from "./helpers/scratch-repo.js";

const scratches: string[] = [];
afterEach(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs scripts/release.sh with a `pnpm` that records its arguments and fails on `run test` when told to. */
function release(failTests: boolean) {
  const bin = mkdtempSync(join(tmpdir(), "release-script-"));
  scratches.push(bin);
  const log = join(bin, "calls.log");
  writeFileSync(
    join(bin, "pnpm"),
    `#!/bin/sh\necho "$*" >> "${log}"\n[ "$1 $2" = "run test" ] && [ "${failTests ? 1 : 0}" = 1 ] && exit 1\nexit 0\n`,
  );
  chmodSync(join(bin, "pnpm"), 0o755);
  const result = spawnSync("sh", [join(REPO, "scripts/release.sh")], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    encoding: "utf8",
  });
  let calls: string[] = [];
  try {
    calls = readFileSync(log, "utf8").trim().split("\n");
  } catch {}
  return { code: result.status, calls };
}

describe("pnpm release", () => {
  it("runs `pnpm test`, whose gate includes the API reports and the contract gate, then the dry-run publish", () => {
    const scripts = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).scripts;
    expect(scripts.release).toBe("sh scripts/release.sh");
    for (const task of ["lint", "typecheck", "test", "check:package", "check:api", "check:contract"]) {
      expect(scripts.test.split(" ")).toContain(task);
    }
    expect(release(false)).toEqual({ code: 0, calls: ["run test", "publish -r --dry-run --no-git-checks"] });
  });

  it("publishes nothing when a check fails", () => {
    expect(release(true)).toEqual({ code: 1, calls: ["run test"] });
  });
});
