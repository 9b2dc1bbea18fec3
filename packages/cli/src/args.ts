// Command-line arguments: node's parseArgs, then the checks that make a bad argument a clear message (exit 2).
import { parseArgs } from "node:util";
import { TOP_MAX, TOP_MIN } from "@export-api/client";
import { readInteger, validateBaseUrl } from "@export-api/client/internal";

export const FORMATS = ["table", "json", "ndjson"] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `Usage: export-connections list [--imodel-id ID] [--top N] [--all] [--format table|json|ndjson]
                               [--base-url URL] [--token T] [--timeout-ms MS] [--max-retries N] [--verbose]

Lists the export connections of an iModel (GET /export/connections of the Bentley iTwin Platform Export API).

Without --base-url it starts an embedded mock server and lists from it: --imodel-id defaults to the mock's
first iModel and no token is needed. With --base-url (e.g. https://api.bentley.com) the access token comes from
--token or the EXPORT_API_TOKEN environment variable.

Options:
  --imodel-id ID   the iModel whose connections are listed (a GUID)
  --top N          page size, ${TOP_MIN} to ${TOP_MAX} (default: the server's, 100)
  --all            follow the next links through every page (progress on stderr when it is a terminal)
  --format F       table (default), json (one array) or ndjson (one connection per line)
  --base-url URL   the API's base URL (default: an embedded mock server)
  --token T        access token with itwin-platform scope; prefer EXPORT_API_TOKEN, which stays out of
                   process lists and shell history
  --timeout-ms MS  time limit of each request, body included (default 60000)
  --max-retries N  retries after a 408, 429, 5xx, time-out or connection failure (default 2)
  --verbose        the client's lines on stderr: each request, its status and time, each retry (the same as
                   EXPORT_API_LOG=debug; never a header or a token)
  -h, --help       show this help

Exit codes: 0 success, 1 the API or the network failed, 2 a bad argument.`;

export interface ListOptions {
  imodelId: string | undefined;
  top: number | undefined;
  all: boolean;
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

  return {
    kind: "list",
    options: {
      imodelId: nonEmpty(values["imodel-id"], "--imodel-id"),
      top: readIntegerFlag(values.top, "--top"),
      all: values.all ?? false,
      format: readFormat(values.format),
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
      "imodel-id": { type: "string" },
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
