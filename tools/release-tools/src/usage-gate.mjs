// The consumer-aware half of `pnpm check:contract`: every usage contract registered in contracts/ (one Pact V4 file
// per consuming team, recorded by @export-api/usage) against the spec change since the last release. Two judges:
// PactFlow's open-source comparator (@pactflow/openapi-pact-comparator, on the workspace's Node 22: comparator.mjs)
// checks each contract against the released and the changed spec, and what it finds only against the changed one is
// this change's doing; our rules (usage-rules.mjs) add what it does not say (a widened enum, a nullable or optional
// field, a new field of an object the team lists, a request the spec now accepts where the team expects an error).
// Each team is broken, potentially affected or unaffected. A broken team fails the gate unless a pending changeset
// says it was told:
//   Told: <team> (<link to where it was told>)
// one line per team in the changeset's text. A team whose contract the same change updates is judged by the updated
// contract: re-recorded against the new spec, it is no longer broken.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import readChangesets from "@changesets/read";
import { ContractError, readContract } from "@export-api/usage";
import { parse } from "yaml";
import { compareOnNode22 } from "./comparator.mjs";
import { BROKEN, dereferenceBoth, POTENTIALLY_AFFECTED, ruleFindings } from "./usage-rules.mjs";
import { RELEASED_SPEC_FILE, SPEC_FILE } from "./workspace.mjs";

/** The registry: one usage contract per consuming team, `contracts/<team>.json`. */
export const CONTRACTS_DIR = "contracts";

export const UNAFFECTED = "unaffected";
const VERDICTS = [UNAFFECTED, POTENTIALLY_AFFECTED, BROKEN];

/** The line a changeset's text carries for each broken team that was told: `Told: team-a (https://...)`. */
const TOLD = /^Told:\s*(\S+)\s+\((https?:\/\/[^\s)]+)\)\s*$/;

/**
 * Every registered team's verdict on the change from the released spec to the current one. Returns `{ specChanged,
 * teams, problems, failures }`: each team `{ team, file, verdict, findings, told }` (findings `{ verdict,
 * interaction, field, reason, by }`), problems (a contract or a Told line that cannot be read), and the failures:
 * problems, and broken teams nobody told.
 */
export async function checkConsumers(root) {
  const problems = [];
  const registry = readRegistry(root, problems);
  const told = await toldTeams(root, new Set(registry.map((entry) => entry.team)), problems);

  const released = JSON.parse(readFileSync(join(root, RELEASED_SPEC_FILE), "utf8"));
  const current = parse(readFileSync(join(root, SPEC_FILE), "utf8"));
  const specChanged = JSON.stringify(released) !== JSON.stringify(current);

  const teams = [];
  if (specChanged && registry.length > 0) {
    const [before, after] = await dereferenceBoth(released, current);
    const compared = compareOnNode22(
      released,
      current,
      registry.map((entry) => entry.contract.pact),
    ).results;
    for (const [index, entry] of registry.entries()) {
      const findings = merge([
        ...comparatorFindings(compared[index], entry.contract),
        ...ruleFindings(before, after, entry.contract).map((finding) => ({ ...finding, by: ["rules"] })),
      ]);
      teams.push({ ...entry, findings, verdict: worst(findings), told: told.get(entry.team) });
    }
  } else {
    for (const entry of registry) {
      teams.push({ ...entry, findings: [], verdict: UNAFFECTED, told: told.get(entry.team) });
    }
  }
  const failures = [
    ...problems,
    ...teams
      .filter((team) => team.verdict === BROKEN && team.told === undefined)
      .map((team) => `${team.team} is broken by this change and no pending changeset says it was told`),
  ];
  return { specChanged, teams, problems, failures };
}

/** contracts/*.json, each read by @export-api/usage's readContract; a file that is not one is a problem. */
function readRegistry(root, problems) {
  let names;
  try {
    names = readdirSync(join(root, CONTRACTS_DIR))
      .filter((name) => name.endsWith(".json"))
      .sort();
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw error;
  }
  const registry = [];
  for (const name of names) {
    const file = `${CONTRACTS_DIR}/${name}`;
    try {
      const contract = readContract(JSON.parse(readFileSync(join(root, file), "utf8")), file);
      const team = name.replace(/\.json$/, "");
      if (contract.consumer !== team) {
        throw new ContractError(
          `${file}: its consumer is ${JSON.stringify(contract.consumer)}: name the file ${contract.consumer}.json`,
        );
      }
      registry.push({ team, file, contract });
    } catch (error) {
      problems.push(error instanceof SyntaxError ? `${file} is not JSON: ${error.message}` : error.message);
    }
  }
  return registry;
}

/** The teams the pending changesets say were told, each with where and the link; bad Told lines are problems. */
async function toldTeams(root, registered, problems) {
  const told = new Map();
  for (const changeset of await readChangesets(root)) {
    const where = `.changeset/${changeset.id}.md`;
    for (const line of changeset.summary.split("\n").map((text) => text.trim())) {
      if (!/^Told\b/i.test(line)) continue;
      const match = TOLD.exec(line);
      if (!match) {
        problems.push(`${where}: "${line}" is not a Told line: write "Told: <team> (<link to where you told it>)"`);
      } else if (!registered.has(match[1])) {
        problems.push(
          `${where}: "${line}" names no registered team (${CONTRACTS_DIR}/ has ${[...registered].join(", ") || "none"})`,
        );
      } else {
        told.set(match[1], { changeset: where, link: match[2] });
      }
    }
  }
  return told;
}

/**
 * What the comparator finds against the changed spec and not against the released one: this change's doing. Its
 * errors break the team, its warnings may affect it.
 */
function comparatorFindings({ before, after }, contract) {
  const key = (result) => JSON.stringify([result.code, result.mockDetails?.location, result.message]);
  const known = new Set(before.map(key));
  return after
    .filter((result) => !known.has(key(result)))
    .map((result) => {
      const location = /interactions\[(\d+)\]\.(.*)$/.exec(result.mockDetails?.location ?? "");
      const interaction = location ? contract.interactions[Number(location[1])] : undefined;
      return {
        verdict: result.type === "error" ? BROKEN : POTENTIALLY_AFFECTED,
        interaction: interaction?.description ?? result.mockDetails?.interactionDescription ?? "(the contract)",
        field: fieldOf(location?.[2] ?? "", result.message),
        reason: result.message,
        by: ["comparator"],
      };
    });
}

/**
 * The parameter or response field a comparator location names: `request.query.$top` is `$top`; a body location is
 * the field path (`connections[].displayName` for an additional property `displayName` of `connections.0`).
 */
function fieldOf(location, message) {
  const query = /^request\.query\.(.+)$/.exec(location);
  if (query) return query[1];
  const body = /^response\.body\.?(.*)$/.exec(location);
  if (!body) return location;
  const path = body[1].replace(/\.(\d+)(?=\.|$)/g, "[]").replace(/^(\d+)(?=\.|$)/, "[]");
  const extra = / - ([^\s]+)$/.exec(message)?.[1];
  return [path, extra].filter(Boolean).join(".");
}

/** One finding per interaction, field and verdict, naming every judge that found it (the rules' words first). */
function merge(findings) {
  const merged = new Map();
  for (const finding of findings) {
    const key = JSON.stringify([finding.interaction, finding.field, finding.verdict]);
    const known = merged.get(key);
    if (!known) merged.set(key, { ...finding, by: [...finding.by] });
    else {
      known.by = [...new Set([...known.by, ...finding.by])].sort();
      if (finding.by.includes("rules")) known.reason = finding.reason;
    }
  }
  return [...merged.values()].sort(
    (a, b) =>
      VERDICTS.indexOf(b.verdict) - VERDICTS.indexOf(a.verdict) ||
      a.interaction.localeCompare(b.interaction) ||
      a.field.localeCompare(b.field),
  );
}

function worst(findings) {
  return findings.reduce(
    (verdict, finding) => (VERDICTS.indexOf(finding.verdict) > VERDICTS.indexOf(verdict) ? finding.verdict : verdict),
    UNAFFECTED,
  );
}

/** The consumers' part of the gate's output: each team and its verdict, what reaches it, and what to do. */
export function formatConsumers({ specChanged, teams, problems }) {
  const lines = [""];
  if (teams.length === 0 && problems.length === 0) {
    lines.push(`No usage contract is registered in ${CONTRACTS_DIR}/.`);
    return lines;
  }
  lines.push(
    specChanged
      ? `Registered consumers (${CONTRACTS_DIR}/, ${teams.length}) and this spec change:`
      : `Registered consumers (${CONTRACTS_DIR}/, ${teams.length}): the spec has not changed since the last release, none is affected.`,
  );
  const width = Math.max(0, ...teams.map((team) => team.team.length));
  for (const team of specChanged ? teams : []) {
    const told = team.told ? `, told in ${team.told.changeset} (${team.told.link})` : "";
    lines.push(`  ${team.team.padEnd(width)}  ${team.verdict}${told}`);
    let interaction;
    for (const finding of team.findings) {
      if (finding.interaction !== interaction) {
        interaction = finding.interaction;
        lines.push(`      ${interaction}`);
      }
      lines.push(`        ${finding.verdict}: ${finding.field}: ${finding.reason} [${finding.by.join(", ")}]`);
    }
  }
  for (const problem of problems) lines.push("", problem);
  const untold = teams.filter((team) => team.verdict === BROKEN && team.told === undefined);
  for (const team of untold) {
    lines.push(
      "",
      `${team.team} is broken by this change and no pending changeset says it was told. Tell the team, then add this`,
      "line to a changeset's text (a link to the issue, message or meeting note where you told it):",
      `  Told: ${team.team} (https://...)`,
      `or update ${team.file} in this change (the team re-records it against the new spec).`,
    );
  }
  return lines;
}
