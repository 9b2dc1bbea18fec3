// A scratch copy of this repository's contract in the OS temp folder, as right after a release: the spec, the
// manifests, the API reports, the changesets config and the tools, a released/ baseline equal to them, no pending
// changeset, committed on `main` of a new git repository. Tests change it and run the real commands in it.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { checkContract, formatResult } from "../../src/contract-gate.mjs";
import { refreshReleased } from "../../src/released.mjs";
import { findRoot, RELEASED_SPEC_FILE, SPEC_FILE } from "../../src/workspace.mjs";

export const REPO = findRoot(import.meta.dirname);

export type Bump = "major" | "minor" | "patch";

/** What `checkContract` returns: the bump each package needs (`required`) among the rest. */
export type ContractResult = Awaited<ReturnType<typeof checkContract>>;

/** The repository's spec, parsed: the start of every spec change a test makes. */
export const repoSpec = (): any => parse(readFileSync(join(REPO, SPEC_FILE), "utf8"));

export interface ScratchRepo {
  dir: string;
  /** Rewrites a file of the scratch repository; throws when `change` leaves it as it was (a stale edit). */
  edit(file: string, change: (text: string) => string): void;
  /** Makes `before` the released spec (released/spec/openapi.json) and `after` the spec of today. */
  setSpecs(before: object, after: object): void;
  /** Adds a pending changeset `.changeset/<name>.md`. */
  changeset(name: string, releases: Record<string, Bump>): void;
  /** The gate's verdict on the scratch repository (what `pnpm check:contract` prints), run in this process. */
  checkContract(): Promise<{ ok: boolean; output: string; result: ContractResult }>;
  /** Runs `pnpm check:contract`'s command; `ok` is its exit code 0, `output` its stdout and stderr. */
  checkContractCommand(): { ok: boolean; output: string };
  /** Runs a script of the root package.json the way pnpm does (`sh -c`, node_modules/.bin on the PATH). */
  runScript(name: string): string;
  remove(): void;
}

export function scratchRepo(): ScratchRepo {
  const dir = mkdtempSync(join(tmpdir(), "export-api-gate-"));
  const copy = (path: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(REPO, path), join(dir, path), { recursive: true });
  };
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json", "spec/package.json"]) {
    copy(file);
  }
  copy("spec/openapi.yaml");
  for (const name of readdirSync(join(REPO, "packages"))) {
    copy(`packages/${name}/package.json`);
    const api = `packages/${name}/api`;
    if (readdirSync(join(REPO, "packages", name)).includes("api")) copy(api);
  }
  copy("tools/release-tools/bin");
  copy("tools/release-tools/src");
  // The tools' and the root's dependencies, without installing anything.
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(REPO, "tools/release-tools/node_modules"), join(dir, "tools/release-tools/node_modules"));
  refreshReleased(dir);

  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "--quiet", "--initial-branch=main");
  git("config", "user.email", "gate-test@example.invalid");
  git("config", "user.name", "gate test");
  writeFileSync(join(dir, ".gitignore"), "node_modules\n");
  git("add", "-A");
  git("commit", "--quiet", "-m", "released");

  return {
    dir,
    edit(file, change) {
      const text = readFileSync(join(dir, file), "utf8");
      const changed = change(text);
      if (changed === text) throw new Error(`the edit left ${file} as it was: does it still match the file?`);
      writeFileSync(join(dir, file), changed);
    },
    setSpecs(before, after) {
      writeFileSync(join(dir, RELEASED_SPEC_FILE), `${JSON.stringify(before, null, 2)}\n`);
      writeFileSync(join(dir, SPEC_FILE), `${JSON.stringify(after, null, 2)}\n`); // JSON is YAML
    },
    changeset(name, releases) {
      const header = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
      writeFileSync(join(dir, ".changeset", `${name}.md`), `---\n${header.join("\n")}\n---\n\n${name}\n`);
      git("add", "-A");
      git("commit", "--quiet", "-m", name);
    },
    async checkContract() {
      const result = await checkContract(dir);
      const ok = result.failures.length === 0 && result.consumers.failures.length === 0;
      return { ok, output: formatResult(result).join("\n"), result };
    },
    checkContractCommand() {
      const result = spawnSync(process.execPath, ["tools/release-tools/bin/check-contract.mjs"], {
        cwd: dir,
        encoding: "utf8",
      });
      return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
    },
    runScript(name) {
      const script = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts[name];
      const path = `${join(dir, "node_modules/.bin")}:${process.env.PATH}`;
      return execFileSync("sh", ["-c", script], { cwd: dir, encoding: "utf8", env: { ...process.env, PATH: path } });
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
