// verifyContracts: replays the usage contracts of consuming teams (Pact V4 files that @export-api/usage records)
// against a server with the pact verifier, through a loopback relay (./contract-relay.ts), and says per consumer and
// per interaction which ones the server would break. A server team runs it against staging or the real API before a
// deploy; this repository runs it against export-api-mock for every registered contract.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { printable, redactToken, validateInteger } from "@export-api/client/internal";
import { isImodelId } from "@export-api/types";
import { PROVIDER_NAME, PROVIDER_STATES, readContract, type UsageContract } from "@export-api/usage";
import { type ContractRelay, STATE_PATH, startContractRelay, stateKey } from "./contract-relay.js";
import { InvalidOptionsError, validateTarget } from "./options.js";
import { runPact } from "./pact.js";

export interface VerifyContractsOptions {
  /** A usage contract file, or a folder whose `*.json` files are all usage contracts. */
  contracts: string;
  /** Base URL of the server under test, e.g. `http://localhost:8080` (a path prefix is kept). */
  target: string;
  /** Bearer token the server accepts, sent in place of each contract's placeholder. Never printed. */
  token?: string | undefined;
  /**
   * An iModel the server has connections for, replayed in place of each recorded iModel (a real server does not
   * have the mock's). Default: the recorded ones.
   */
  imodelId?: string | undefined;
  /**
   * The target is an export-api-mock: interactions recorded against a fault (a 503, a 429 with Retry-After) are
   * replayed by queueing that fault through its `/__mock/faults` control path. Otherwise they are skipped: no other
   * server can be told to fail. Default false.
   */
  mockControl?: boolean | undefined;
  /** Time limit of each replayed request, in ms. Default 30 000. */
  requestTimeoutMs?: number | undefined;
}

export interface ContractsReport {
  target: string;
  /** True when no interaction of any contract failed (skipped ones do not fail). */
  passed: boolean;
  consumers: ConsumerResult[];
}

export interface ConsumerResult {
  consumer: string;
  /** The contract file. */
  file: string;
  passed: boolean;
  interactions: InteractionResult[];
}

export interface InteractionResult {
  description: string;
  outcome: "passed" | "failed" | "skipped";
  /** Why it failed or was skipped: one line each, what the server sent made printable and the token redacted. */
  problems: string[];
}

/** A usage contract read from a file. */
interface ContractFile {
  file: string;
  contract: UsageContract;
}

/**
 * The usage contracts at `path` (a file, or every `*.json` of a folder, sorted by name), each read and checked by
 * `readContract`. Rejects with an Error naming the first file that is not one.
 */
async function readContracts(path: string): Promise<ContractFile[]> {
  const absolute = resolve(path);
  const files = (await stat(absolute)).isDirectory()
    ? (await readdir(absolute))
        .filter((name) => name.endsWith(".json"))
        .sort()
        .map((name) => join(absolute, name))
    : [absolute];
  return Promise.all(
    files.map(async (file) => {
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, "utf8"));
      } catch (error) {
        throw new Error(`${file} is not JSON: ${(error as Error).message}`);
      }
      return { file, contract: readContract(json, file) };
    }),
  );
}

/** What a server must hold for a set of usage contracts: see `contractNeeds`. */
export interface ContractNeeds {
  /** The consumers of the contracts, in file order. */
  consumers: string[];
  /** The iModels whose connections they list (lower-case). */
  imodelIds: string[];
  /** The most connections one of those iModels needs to have, so every recorded page comes back as full. */
  connectionsPerImodel: number;
}

/**
 * What a server must hold for the interactions of the usage contracts at `path` (a file, or every `*.json` of a
 * folder) to get their recorded answers. For a mock: `startMockServer({ imodelIds, connectionsPerImodel })`. Rejects
 * with an Error naming the first file that is not a usage contract.
 */
export async function contractNeeds(path: string): Promise<ContractNeeds> {
  const files = await readContracts(path);
  const imodelIds = new Set<string>();
  let connectionsPerImodel = 0;
  for (const interaction of files.flatMap((entry) => entry.contract.interactions)) {
    if (interaction.state?.name !== PROVIDER_STATES.connections) continue;
    const { imodelId, connections } = interaction.state.params;
    if (typeof imodelId === "string") imodelIds.add(imodelId.toLowerCase());
    if (Number.isInteger(connections)) connectionsPerImodel = Math.max(connectionsPerImodel, connections as number);
  }
  return {
    consumers: files.map((entry) => entry.contract.consumer),
    imodelIds: [...imodelIds].sort(),
    connectionsPerImodel,
  };
}

/**
 * Replays every interaction of the contracts at `options.contracts` against `options.target` with the pact verifier,
 * and resolves with what each consumer would meet. Rejects with an `InvalidOptionsError` for bad options, and an
 * Error when a contract cannot be read or the verifier cannot run (its package missing: it says what to install).
 */
export async function verifyContracts(options: VerifyContractsOptions): Promise<ContractsReport> {
  const resolved = resolveContractsOptions(options);
  const files = await readContracts(resolved.contracts);
  const relay = await startContractRelay(resolved);
  const work = await mkdtemp(join(tmpdir(), "export-api-verify-contracts-"));
  try {
    const consumers: ConsumerResult[] = [];
    for (const [index, { file, contract }] of files.entries()) {
      consumers.push(await verifyOne(file, contract, join(work, String(index)), relay, resolved));
    }
    return { target: resolved.target, passed: consumers.every((consumer) => consumer.passed), consumers };
  } finally {
    await relay.close();
    await rm(work, { recursive: true, force: true });
  }
}

type Resolved = Required<Pick<VerifyContractsOptions, "contracts" | "target" | "mockControl" | "requestTimeoutMs">> & {
  token: string | undefined;
  imodelId: string | undefined;
};

function resolveContractsOptions(options: VerifyContractsOptions): Resolved {
  if (typeof options !== "object" || options === null) throw new InvalidOptionsError("options are required");
  if (typeof options.contracts !== "string" || options.contracts === "") {
    throw new InvalidOptionsError("contracts must be the path of a usage contract or of a folder of them");
  }
  if (!existsSync(options.contracts)) {
    throw new InvalidOptionsError(`contracts: no such file or folder: ${JSON.stringify(options.contracts)}`);
  }
  if (options.imodelId !== undefined && !isImodelId(options.imodelId)) {
    throw new InvalidOptionsError(
      `imodelId must be a GUID (the spec's format: uuid), got ${JSON.stringify(options.imodelId)}`,
    );
  }
  if (options.token !== undefined && (typeof options.token !== "string" || options.token.trim() === "")) {
    throw new InvalidOptionsError("token must be a non-empty string");
  }
  if (options.mockControl !== undefined && typeof options.mockControl !== "boolean") {
    throw new InvalidOptionsError("mockControl must be true or false");
  }
  let requestTimeoutMs: number;
  try {
    requestTimeoutMs = validateInteger(options.requestTimeoutMs, "requestTimeoutMs", 1, 600_000, 30_000);
  } catch (error) {
    throw new InvalidOptionsError((error as Error).message);
  }
  return {
    contracts: options.contracts,
    target: validateTarget(options.target),
    token: options.token?.replace(/^Bearer\s+/i, ""),
    imodelId: options.imodelId?.toLowerCase(),
    mockControl: options.mockControl ?? false,
    requestTimeoutMs,
  };
}

async function verifyOne(
  file: string,
  contract: UsageContract,
  work: string,
  relay: ContractRelay,
  options: Resolved,
): Promise<ConsumerResult> {
  const relayUrl = relay.url;
  const known = new Set<string>(Object.values(PROVIDER_STATES));
  const hide = (text: string) => printable(redactToken(text, options.token));
  const results = new Map<string, InteractionResult>();
  const replayed: Record<string, unknown>[] = [];
  for (const interaction of contract.interactions) {
    if (interaction.state !== undefined && !known.has(interaction.state.name)) {
      results.set(interaction.description, {
        description: interaction.description,
        outcome: "skipped",
        problems: [
          `needs the provider state ${JSON.stringify(interaction.state.name)}, which this verifier cannot set up`,
        ],
      });
    } else if (interaction.state?.name === PROVIDER_STATES.status && !options.mockControl) {
      results.set(interaction.description, {
        description: interaction.description,
        outcome: "skipped",
        problems: [
          `recorded against a fault (the API answering ${String(interaction.state.params.status)}): only an export-api-mock can replay it (mockControl)`,
        ],
      });
    } else {
      replayed.push(interaction.raw);
    }
  }

  if (replayed.length > 0) {
    await mkdir(work, { recursive: true });
    const pactFile = join(work, basename(file));
    const reportFile = join(work, "report.json");
    await writeFile(pactFile, JSON.stringify({ ...contract.pact, interactions: replayed }));
    const { port } = new URL(relayUrl);
    const run = await runPact(
      [
        "verifier",
        "--file",
        pactFile,
        "--hostname",
        "127.0.0.1",
        "--port",
        port,
        "--provider-name",
        PROVIDER_NAME,
        "--state-change-url",
        `${relayUrl}${STATE_PATH}`,
        "--request-timeout",
        String(options.requestTimeoutMs),
        "--json",
        reportFile,
        "--no-colour",
      ],
      // The verifier's own limit covers each request; this one only stops a verifier that hangs.
      options.requestTimeoutMs * (replayed.length + 1) + 60_000,
    );
    let report: PactReport;
    try {
      report = JSON.parse(await readFile(reportFile, "utf8"));
    } catch {
      throw new Error(`the pact verifier did not finish ${file} (exit code ${run.code}):\n${hide(run.output)}`);
    }
    const states = new Map(contract.interactions.map((interaction) => [interaction.description, interaction.state]));
    for (const item of report.interactionResults ?? []) {
      const state = states.get(item.description);
      const stateFailure = state ? relay.stateFailures.get(stateKey(state.name, state.params)) : undefined;
      const problems = [
        ...(stateFailure ? [stateFailure] : []),
        ...(report.errors ?? [])
          .filter(
            (error) => typeof error.interaction === "string" && error.interaction.endsWith(` - ${item.description}`),
          )
          .flatMap((error) => describeMismatches(error.mismatch)),
      ].map(hide);
      results.set(item.description, {
        description: item.description,
        outcome: item.result === "OK" ? "passed" : "failed",
        problems:
          item.result === "OK" ? [] : problems.length > 0 ? problems : [hide(`the verifier says ${item.result}`)],
      });
    }
  }

  const interactions = contract.interactions.map(
    (interaction) =>
      results.get(interaction.description) ?? {
        description: interaction.description,
        outcome: "failed" as const,
        problems: ["the verifier did not report on it"],
      },
  );
  return {
    consumer: contract.consumer,
    file,
    passed: interactions.every((interaction) => interaction.outcome !== "failed"),
    interactions,
  };
}

interface PactReport {
  interactionResults?: { description: string; result: string }[];
  errors?: { interaction?: string; mismatch?: PactMismatch }[];
}

interface PactMismatch {
  type?: string;
  message?: string;
  mismatches?: { mismatch?: string; path?: string; type?: string; expected?: unknown; actual?: unknown }[];
}

/** The verifier's findings as lines, one per distinct problem (an array's elements fold into `[*]`). */
function describeMismatches(mismatch: PactMismatch | undefined): string[] {
  if (mismatch === undefined) return [];
  const lines = (mismatch.mismatches ?? []).map((item) => {
    const path = item.path?.replace(/\[[0-9]+\]/g, "[*]");
    if (item.type === "StatusMismatch") return `status: expected ${String(item.expected)}, got ${String(item.actual)}`;
    return `${path ? `${path}: ` : ""}${item.mismatch ?? item.type ?? "mismatch"}`;
  });
  if (lines.length === 0 && mismatch.message) lines.push(mismatch.message);
  return [...new Set(lines)];
}

/** The report as text: one line per consumer, one per interaction that failed or was skipped, and the verdict. */
export function formatContractsReport(report: ContractsReport): string {
  const lines = [`Replaying usage contracts against ${printable(report.target)} (pact verifier)`];
  for (const consumer of report.consumers) {
    const count = (outcome: InteractionResult["outcome"]) =>
      consumer.interactions.filter((interaction) => interaction.outcome === outcome).length;
    const skipped = count("skipped") > 0 ? `, ${count("skipped")} skipped` : "";
    lines.push(
      `${consumer.passed ? "PASS" : "FAIL"}  ${printable(consumer.consumer)}  ${count("passed")} of ${consumer.interactions.length} interactions passed${skipped}  (${printable(consumer.file)})`,
    );
    for (const interaction of consumer.interactions.filter((item) => item.outcome !== "passed")) {
      lines.push(
        `      ${interaction.outcome === "failed" ? "FAILED " : "skipped"} ${printable(interaction.description)}`,
      );
      for (const problem of interaction.problems) lines.push(`              ${problem}`);
    }
  }
  const broken = report.consumers.filter((consumer) => !consumer.passed).map((consumer) => consumer.consumer);
  lines.push(
    broken.length === 0
      ? `${report.consumers.length} of ${report.consumers.length} consumers pass`
      : `the server would break ${broken.length} of ${report.consumers.length} consumers: ${broken.map(printable).join(", ")}`,
  );
  return lines.join("\n");
}
