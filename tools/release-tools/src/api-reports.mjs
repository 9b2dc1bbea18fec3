// API reports: API Extractor writes each public entry point's declarations (the built .d.ts) into a
// `<name>.api.md` committed beside the package. `check` fails when a report differs from what the .d.ts says now;
// `update` rewrites the reports. API Extractor does the reading and writing; this module only says which entry
// points there are and where their reports go.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import { API_UPDATE_COMMAND, display, expectedReports } from "./workspace.mjs";

/**
 * Runs API Extractor on every typed entry point of every public package under `root`. With `update`, rewrites
 * the reports (and deletes reports of entry points that are gone); without, compares. Returns the problems found,
 * one line each; an empty list means every report is current.
 */
export function runApiReports(root, { update = false, log = () => {} } = {}) {
  const problems = [];
  const tempFolder = mkdtempSync(join(tmpdir(), "export-api-reports-"));
  try {
    const entries = expectedReports(root);
    problems.push(...unorderedPackages(entries));
    for (const entry of entries) {
      const dts = join(root, entry.types);
      if (!existsSync(dts)) {
        problems.push(`${display(root, entry.types)} is missing: run \`pnpm build\` first`);
        continue;
      }
      if (update) mkdirSync(join(root, entry.pkg.dir, "api"), { recursive: true });
      const result = Extractor.invoke(extractorConfig(root, entry, tempFolder), {
        localBuild: update,
        messageCallback: (message) => {
          // API Extractor's own advice ("copy the file...") is replaced by the one command below.
          message.handled = true;
          if (message.logLevel === "error") problems.push(`${entry.pkg.name} (${entry.subpath}): ${message.text}`);
        },
      });
      if (result.apiReportChanged && !update) {
        problems.push(
          `${display(root, entry.report)} does not match ${display(root, entry.types)}: review the change, ` +
            `run \`${API_UPDATE_COMMAND}\` and commit the report`,
        );
      }
      log(
        `${entry.pkg.name}${entry.subpath === "." ? "" : entry.subpath.slice(1)}: ${display(root, entry.report)} ${result.apiReportChanged ? (update ? "updated" : "differs") : "up to date"}`,
      );
    }
    problems.push(...staleReports(root, entries, update));
  } finally {
    rmSync(tempFolder, { recursive: true, force: true });
  }
  return problems;
}

/**
 * turbo builds a package before check:api only when it is a dependency of this one (`dependsOn: ["^build"]`): a
 * package with types that is not would be checked against a stale or missing build.
 */
function unorderedPackages(entries) {
  const tools = JSON.parse(readFileSync(join(import.meta.dirname, "../package.json"), "utf8"));
  const names = new Set(entries.map((entry) => entry.pkg.name));
  return [...names]
    .filter((name) => !tools.devDependencies?.[name])
    .map((name) => `${name} has types but is not a devDependency of ${tools.name}: add it ("workspace:*")`);
}

/** Reports in a package's `api/` folder for an entry point that no longer exists. */
function staleReports(root, entries, update) {
  const wanted = new Set(entries.map((entry) => entry.report));
  const dirs = new Set(entries.map((entry) => `${entry.pkg.dir}/api`));
  const stale = [...dirs].flatMap((dir) =>
    (existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : [])
      .filter((file) => file.endsWith(".api.md") && !wanted.has(`${dir}/${file}`))
      .map((file) => `${dir}/${file}`),
  );
  if (update) {
    for (const file of stale) unlinkSync(join(root, file));
    return [];
  }
  return stale.map((file) => `${file} reports an entry point that no longer exists: run \`${API_UPDATE_COMMAND}\``);
}

/** The API Extractor configuration of one entry point: a report only (no doc model, no .d.ts rollup). */
function extractorConfig(root, entry, tempFolder) {
  const projectFolder = join(root, entry.pkg.dir);
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder,
      mainEntryPointFilePath: join(root, entry.types),
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: "es2022",
            lib: ["es2022", "dom", "dom.iterable"],
            module: "nodenext",
            moduleResolution: "nodenext",
            strict: true,
            types: ["node"],
          },
          files: [join(root, entry.types)],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: entry.reportName,
        reportFolder: join(projectFolder, "api"),
        reportTempFolder: join(tempFolder, basename(entry.pkg.dir)),
        // Declarations an export refers to without exporting them are part of what callers see.
        includeForgottenExports: true,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: "error" } },
        // The report is about the shape of the API; documentation lint is not this check's job.
        extractorMessageReporting: { default: { logLevel: "none", addToApiReportFile: false } },
        tsdocMessageReporting: { default: { logLevel: "none", addToApiReportFile: false } },
      },
      newlineKind: "lf",
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(projectFolder, "package.json"),
  });
}

/** The text of a report file, or `undefined` when there is none. */
export function readReport(path) {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
