// The contract gate (`pnpm check:contract`): the spec and the API reports as they are now, against the released
// baseline in released/, and the bumps the pending changesets promise. Which package needs which bump:
//   @export-api/spec        the spec diff's level (spec-diff.mjs)
//   a package with a report the level of its reports' changes (report-diff.mjs)
//   a package generated from the spec (its manifest records the `specVersion` it was generated from, like
//                           @export-api/types) at least the spec diff's level: it is the spec, as TypeScript
//   a package whose report imports types of another public package (the client re-exports @export-api/types)
//                           at least the minor or major that package needs: those types are its surface too
// A package without a report (the CLI: a bin only) is not checked here; its changeset is the author's call.
// Beside the bumps, every consuming team's registered usage contract is checked against the spec change
// (usage-gate.mjs): a team the change breaks fails the gate until a changeset says it was told.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import readChangesets from "@changesets/read";
import { parse } from "yaml";
import { readReport } from "./api-reports.mjs";
import { compareReports, parseReport } from "./report-diff.mjs";
import { compareSpecs, LEVELS } from "./spec-diff.mjs";
import { checkConsumers, formatConsumers } from "./usage-gate.mjs";
import { expectedReports, publicPackages, RELEASED_DIR, RELEASED_SPEC_FILE, SPEC_FILE } from "./workspace.mjs";

const SPEC_PACKAGE = "@export-api/spec";

/**
 * Runs the gate on the repository at `root`. Returns `{ changes, required, pending, failures, consumers }`: every
 * change found (`{ pkg, source, level, kind, location, description }`), the bump each package needs and why, the bump
 * the pending changesets give it, one failure per package whose pending bump is too small, and the registered
 * consumers' verdicts (`checkConsumers`, with failures of its own).
 */
export async function checkContract(root) {
  const packages = publicPackages(root);
  const changes = [...(await specChanges(root)), ...reportChanges(root, packages)];

  const required = new Map(); // package name -> { level, reasons: [{ level, reason }] }
  const need = (pkg, level, reason) => {
    if (level === "none") return;
    const current = required.get(pkg) ?? { level: "none", reasons: [] };
    if (rank(level) > rank(current.level)) current.level = level;
    current.reasons.push({ level, reason });
    required.set(pkg, current);
  };
  for (const change of changes) need(change.pkg, change.level, `${change.kind} ${change.location}`);

  const specLevel = required.get(SPEC_PACKAGE)?.level ?? "none";
  for (const pkg of packages) {
    if (pkg.manifest.specVersion !== undefined && rank(specLevel) > 0) {
      need(pkg.name, specLevel, `it is generated from the spec, which needs a ${specLevel}`);
    }
  }
  inheritThroughImports(root, packages, required, need);

  const pending = await pendingBumps(root);
  const failures = [...required]
    .filter(([pkg, { level }]) => rank(pending.get(pkg) ?? "none") < rank(level))
    .map(([pkg, { level, reasons }]) => ({
      pkg,
      level,
      pending: pending.get(pkg) ?? "none",
      // The changes that need this bump; smaller ones would not have failed.
      reasons: reasons.filter((reason) => reason.level === level).map(({ reason }) => reason),
    }));
  const consumers = await checkConsumers(root);
  return { changes, required, pending, failures, consumers };
}

/** The spec's changes since its release, for @export-api/spec. */
async function specChanges(root) {
  const released = JSON.parse(readFileSync(join(root, RELEASED_SPEC_FILE), "utf8"));
  const current = parse(readFileSync(join(root, SPEC_FILE), "utf8"));
  return (await compareSpecs(released, current)).map((change) => ({ pkg: SPEC_PACKAGE, source: SPEC_FILE, ...change }));
}

/** Every report's changes since its release (a released report whose entry point is gone: all removed). */
function reportChanges(root, packages) {
  const reports = expectedReports(root).map((entry) => ({ pkg: entry.pkg.name, file: entry.report }));
  for (const pkg of packages) {
    for (const file of releasedReportsOf(root, pkg.dir)) {
      if (!reports.some((report) => report.file === file)) reports.push({ pkg: pkg.name, file });
    }
  }
  return reports.flatMap(({ pkg, file }) =>
    compareReports(readReport(join(root, RELEASED_DIR, file)), readReport(join(root, file))).map((change) => ({
      pkg,
      source: file,
      level: change.level,
      kind: change.level === "major" ? "breaking" : change.level === "none" ? "internal" : "non-breaking",
      location: `${file} ${change.name}`,
      description: change.summary,
    })),
  );
}

/** The released reports of the package in `dir`, as paths of the repository (released/<path> is the copy). */
function releasedReportsOf(root, dir) {
  const released = join(root, RELEASED_DIR, dir, "api");
  if (!existsSync(released)) return [];
  return readdirSync(released)
    .filter((file) => file.endsWith(".api.md"))
    .map((file) => `${dir}/api/${file}`);
}

/**
 * A package whose current report imports another public package's types needs at least the minor or major that
 * one needs (a patch there, such as a reworded description, changes nothing of this package's surface).
 */
function inheritThroughImports(root, packages, required, need) {
  const names = new Set(packages.map((pkg) => pkg.name));
  const importsOf = new Map(
    packages.map((pkg) => [
      pkg.name,
      expectedReports(root)
        .filter((entry) => entry.pkg.name === pkg.name)
        .flatMap((entry) => [...parseReport(readReport(join(root, entry.report)) ?? "").imports])
        .filter((name) => names.has(name) && name !== pkg.name),
    ]),
  );
  // Repeat until nothing changes, so a requirement travels along a chain of imports.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [pkg, imported] of importsOf) {
      for (const source of imported) {
        const wanted = required.get(source)?.level ?? "none";
        if (rank(wanted) >= rank("minor") && rank(wanted) > rank(required.get(pkg)?.level ?? "none")) {
          need(pkg, wanted, `its API re-exposes types of ${source}, which needs a ${wanted}`);
          changed = true;
        }
      }
    }
  }
}

/** The largest bump the pending changesets (.changeset/*.md) give each package, read by @changesets/read. */
async function pendingBumps(root) {
  const bumps = new Map();
  for (const changeset of await readChangesets(root)) {
    for (const { name, type } of changeset.releases) {
      if (rank(type) > rank(bumps.get(name) ?? "none")) bumps.set(name, type);
    }
  }
  return bumps;
}

function rank(level) {
  return LEVELS.indexOf(level);
}

/** The gate's findings as the lines it prints: every change with its class and location, then the verdict. */
export function formatResult({ changes, required, pending, failures, consumers }) {
  const lines = [];
  const sources = [...new Set(changes.map((change) => change.source))];
  if (sources.length === 0) lines.push("No change to the spec or the API reports since the last release.");
  for (const source of sources) {
    lines.push(`${source} (against ${RELEASED_DIR}/${source.replace(/\.yaml$/, ".json")}):`);
    for (const change of changes.filter((c) => c.source === source)) {
      lines.push(`  ${change.kind.padEnd(18)} ${change.location}`, `  ${"".padEnd(18)} ${change.description}`);
    }
  }
  if (required.size > 0) {
    lines.push("", "Bumps these changes need, and what the pending changesets give:");
    for (const [pkg, { level }] of required) {
      const given = pending.get(pkg) ?? "none";
      lines.push(
        `  ${pkg.padEnd(28)} needs ${level.padEnd(5)}  pending ${given.padEnd(5)}  ${rank(given) >= rank(level) ? "ok" : "MISSING"}`,
      );
    }
  }
  for (const failure of failures) {
    lines.push(
      "",
      `${failure.pkg} needs a ${failure.level} changeset (the pending changesets give it ${failure.pending}), because:`,
      ...[...new Set(failure.reasons)].map((reason) => `  - ${reason}`),
    );
  }
  if (failures.length > 0) {
    const asks = ["major", "minor", "patch"]
      .map((level) => [level, failures.filter((failure) => failure.level === level).map((failure) => failure.pkg)])
      .filter(([, pkgs]) => pkgs.length > 0)
      .map(([level, pkgs]) => `${level} for ${pkgs.join(", ")}`);
    lines.push("", `Run \`pnpm changeset\` and choose ${asks.join("; ")}.`);
  } else if (changes.length > 0) {
    lines.push("", "The pending changesets cover every change.");
  }
  if (consumers) lines.push(...formatConsumers(consumers));
  return lines;
}
