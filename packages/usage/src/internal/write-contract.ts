// Writing one consumer's contract when many test files (in parallel workers) record into it: each test file owns its
// interactions (they name it as their source), so a write replaces the writer's own test files' part and keeps every
// other file's, under a lock, and the result replaces the file atomically. The order is by description, so the same
// recordings give the same bytes whichever worker wrote last. A test file that no longer exists loses its part.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { MIN_REDACTED_LENGTH, redactToken } from "@export-api/client/internal";
import { ContractError, PROVIDER_NAME, readContract, USAGE_KEY } from "./contract.js";
import { withLock, writeAtomically } from "./lock.js";

export interface SourcePart {
  interactions: Record<string, unknown>[];
  metadata: Record<string, unknown>;
}

export interface WriteContractInput {
  /** The contract file. */
  file: string;
  consumer: string;
  /** The project the test files' names are relative to. */
  root: string;
  /** false: only check that the file already says this (fail if not), write nothing. */
  update: boolean;
  /** The parts of the test files this writer recorded, by test file. */
  parts: Map<string, SourcePart>;
  /** `@export-api/usage <version>`. */
  recorder: string;
  /** Tokens that must not appear in the file. */
  secrets: Iterable<string>;
}

export interface WriteContractResult {
  file: string;
  /** Interactions in the whole file after the write. */
  interactions: number;
  /** Whether the file changed (in check mode: whether it would have). */
  changed: boolean;
}

/** The contract on disk no longer says what the tests record, and the recorder was told to check, not write. */
export class ContractOutdatedError extends Error {
  override name = "ContractOutdatedError";
}

export function writeContract(input: WriteContractInput): Promise<WriteContractResult> {
  return withLock(`${input.file}.lock`, async () => {
    const before = await readExisting(input.file, input.consumer);
    const keep = (source: unknown) =>
      typeof source !== "string" || (!input.parts.has(source) && stillThere(source, input.root));

    const interactions = new Map<string, Record<string, unknown>>();
    for (const interaction of before?.interactions ?? []) {
      const source = (interaction.comments as Record<string, any> | undefined)?.[USAGE_KEY]?.source;
      if (keep(source)) interactions.set(interaction.description as string, interaction);
    }
    const sources = new Map<string, unknown>(Object.entries(before?.sources ?? {}).filter(([source]) => keep(source)));
    for (const [source, part] of input.parts) {
      for (const interaction of part.interactions) interactions.set(interaction.description as string, interaction);
      sources.set(source, part.metadata);
    }

    const pact = {
      consumer: { name: input.consumer },
      provider: { name: PROVIDER_NAME },
      interactions: [...interactions.keys()].sort().map((description) => interactions.get(description)),
      metadata: {
        pactSpecification: { version: "4.0" },
        [USAGE_KEY]: {
          recorder: input.recorder,
          sources: Object.fromEntries([...sources.keys()].sort().map((source) => [source, sources.get(source)])),
        },
      },
    };
    const text = `${JSON.stringify(pact, null, 2)}\n`;
    for (const secret of input.secrets) {
      if (secret.length >= MIN_REDACTED_LENGTH && redactToken(text, secret) !== text) {
        throw new Error(`refusing to write ${input.file}: it would contain a token the tests sent`);
      }
    }
    const changed = text !== before?.text;
    if (changed && !input.update) {
      throw new ContractOutdatedError(
        `${input.file} is not what ${[...input.parts.keys()].join(", ")} record${input.parts.size === 1 ? "s" : ""} now:${difference(before?.interactions ?? [], pact.interactions as Record<string, unknown>[])}\nRecord it again with update: true, review the difference and commit it.`,
      );
    }
    if (changed) await writeAtomically(input.file, text);
    return { file: input.file, interactions: pact.interactions.length, changed };
  });
}

interface Existing {
  text: string;
  interactions: Record<string, unknown>[];
  sources: Record<string, unknown>;
}

async function readExisting(file: string, consumer: string): Promise<Existing | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ContractError(`${file} is not JSON (${(error as Error).message}): fix it or remove it`);
  }
  const contract = readContract(json, file);
  if (contract.consumer !== consumer) {
    throw new ContractError(
      `${file} is the contract of ${JSON.stringify(contract.consumer)}, not of ${JSON.stringify(consumer)}`,
    );
  }
  const sources = (contract.pact.metadata as Record<string, any>)?.[USAGE_KEY]?.sources;
  return {
    text,
    interactions: contract.interactions.map((interaction) => interaction.raw),
    sources: typeof sources === "object" && sources !== null ? sources : {},
  };
}

/** A test file named relative to the project (or absolute) that still exists; others may be from another machine. */
function stillThere(source: string, root: string): boolean {
  return existsSync(isAbsolute(source) ? source : join(root, source));
}

/** The interactions added and removed, by description, for the check-mode message. */
function difference(before: Record<string, unknown>[], after: Record<string, unknown>[]): string {
  const names = (list: Record<string, unknown>[]) => new Set(list.map((item) => item.description as string));
  const [old, now] = [names(before), names(after)];
  const added = [...now].filter((name) => !old.has(name)).map((name) => `\n  + ${name}`);
  const removed = [...old].filter((name) => !now.has(name)).map((name) => `\n  - ${name}`);
  const lines = [...added, ...removed];
  return lines.length > 0 ? lines.join("") : "\n  (the same interactions, with other fields read, states or comments)";
}
