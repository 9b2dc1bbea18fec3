// Command-line arguments: node's parseArgs, then the checks that make a bad argument a clear message (exit 2).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { readInteger, validateBaseUrl, validateInteger } from "@export-api/client/internal";

export { USAGE } from "./usage.js";

/** inventory()'s bounds of `concurrency`, and the CLI's default. */
export const CONCURRENCY_MIN = 1;
export const CONCURRENCY_MAX = 64;
export const CONCURRENCY_DEFAULT = 4;

export const FORMATS = ["table", "json", "ndjson"] as const;
export type Format = (typeof FORMATS)[number];

export interface ListOptions {
  /** The first --imodel-id: the iModel of a single listing. */
  imodelId: string | undefined;
  /** Every --imodel-id, in order. */
  imodelIds: string[];
  /** --imodel-ids: a file of ids, one a line, or "-" for stdin. */
  imodelIdsFile: string | undefined;
  /** Several iModels, or any inventory option: list every page of each, as ndjson (inventory.ts). */
  inventory: boolean;
  concurrency: number | undefined;
  output: string | undefined;
  checkpoint: string | undefined;
  top: number | undefined;
  all: boolean;
  /** table by default; ndjson, the only one allowed, for an inventory. */
  format: Format;
  baseUrl: string | undefined;
  token: string | undefined;
  /** The client's `pageSize`, `timeoutMs` and `maxRetries` are `top`, `timeoutMs` and `maxRetries`; it checks their ranges. */
  timeoutMs: number | undefined;
  maxRetries: number | undefined;
  /** The client's debug lines on stderr (EXPORT_API_LOG=debug). */
  verbose: boolean;
}

export type Command = { kind: "help" } | { kind: "list"; options: ListOptions };

/** A bad argument: printed with the usage, exit code 2. Its message never holds a token. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // parseArgs names the option, never the value; drop its hint about `--`.
    throw new UsageError((error as Error).message.split(/\. To specify|\n/)[0]!.replace(/\.$/, ""));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return { kind: "help" };

  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError("a command is required: export-connections list ...");
  if (command !== "list") throw new UsageError(`unknown command ${JSON.stringify(command)}; the command is list`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);

  const imodelIds = (values["imodel-id"] ?? []).map((id) => nonEmpty(id, "--imodel-id")!);
  const imodelIdsFile = nonEmpty(values["imodel-ids"], "--imodel-ids");
  const output = nonEmpty(values.output, "--output");
  const checkpoint = nonEmpty(values.checkpoint, "--checkpoint");
  const inventory =
    imodelIds.length > 1 || [imodelIdsFile, values.concurrency, output, checkpoint].some((v) => v !== undefined);
  const format = readFormat(values.format);
  if (inventory && values.format !== undefined && format !== "ndjson") {
    throw new UsageError(
      `--format ${format} is for one iModel; several iModels (and --imodel-ids, --concurrency, --output, --checkpoint) are listed as ndjson`,
    );
  }
  if (output !== undefined && checkpoint !== undefined && resolve(output) === resolve(checkpoint)) {
    throw new UsageError("--output and --checkpoint must be two different files");
  }
  return {
    kind: "list",
    options: {
      imodelId: imodelIds[0],
      imodelIds,
      imodelIdsFile,
      inventory,
      concurrency: readConcurrency(values.concurrency),
      output,
      checkpoint,
      top: readIntegerFlag(values.top, "--top"),
      all: inventory || (values.all ?? false),
      format: inventory ? "ndjson" : format,
      baseUrl: readBaseUrl(values["base-url"]),
      token: nonEmpty(values.token, "--token"),
      timeoutMs: readIntegerFlag(values["timeout-ms"], "--timeout-ms"),
      maxRetries: readIntegerFlag(values["max-retries"], "--max-retries"),
      verbose: values.verbose ?? false,
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      "imodel-id": { type: "string", multiple: true },
      "imodel-ids": { type: "string" },
      concurrency: { type: "string" },
      output: { type: "string" },
      checkpoint: { type: "string" },
      top: { type: "string" },
      all: { type: "boolean" },
      format: { type: "string" },
      "base-url": { type: "string" },
      token: { type: "string" },
      "timeout-ms": { type: "string" },
      "max-retries": { type: "string" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}

function nonEmpty(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && value.trim() === "") throw new UsageError(`${name} must not be empty`);
  return value;
}

/** An integer flag, read by the workspace's one rule; its range is the client's to check (clientWith names the flag). */
function readIntegerFlag(value: string | undefined, flag: string): number | undefined {
  try {
    return readInteger(value, flag);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** iModels listed at the same time: the workspace's integer rule, and inventory()'s bounds, named by the flag. */
function readConcurrency(value: string | undefined): number | undefined {
  const concurrency = readIntegerFlag(value, "--concurrency");
  try {
    return validateInteger(concurrency, "--concurrency", CONCURRENCY_MIN, CONCURRENCY_MAX);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function readFormat(value: string | undefined): Format {
  if (value === undefined) return "table";
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value as Format;
}

/** The client's base-URL rule (one home for it), reported as a usage error naming --base-url. */
function readBaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return validateBaseUrl(value, "--base-url");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
