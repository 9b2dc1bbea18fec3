#!/usr/bin/env node
// export-api-verify: checks that a server keeps the Get Export Connections contract, through Prism's
// validation proxy; with --contracts, replays consuming teams' usage contracts against it with the pact verifier.
// Exit 0 when every scenario (or contract) passes, 1 when one fails (or the run cannot happen), 2 on bad arguments.
import { parseArgs } from "node:util";
import { TOP_MAX, TOP_MIN } from "@export-api/client";
import { readInteger } from "@export-api/client/internal";
import { formatContractsReport, type VerifyContractsOptions, verifyContracts } from "./contracts.js";
import { InvalidOptionsError, resolveOptions, type VerifyProviderOptions } from "./options.js";
import { formatReport } from "./report.js";
import { verifyProvider } from "./verify.js";

const USAGE = `Usage: export-api-verify --target <url> --imodel-id <guid> [options]
       export-api-verify --target <url> --contracts <file|dir> [--imodel-id <guid>] [--token <token>] [--mock-control]

Puts Prism's validation proxy (spec/openapi.yaml) in front of the server at <url> and checks the first page,
every page to the end, no token (401), $top=${TOP_MIN - 1} and $top=${TOP_MAX + 1} (422 with details), an imodelId that is not a
GUID (422) and an unknown imodelId (404). Prints one line per scenario and every violation found.

Options:
  --target <url>              base URL of the server under test, e.g. http://localhost:8080
  --imodel-id <guid>          an iModel the server has connections for
  --token <token>             bearer token the server accepts (default: $EXPORT_API_TOKEN, else a placeholder)
  --unknown-imodel-id <guid>  an iModel the server does not know (default: a random GUID)
  --page-size <n>             $top of the first page of the paging scenario, ${TOP_MIN}-${TOP_MAX} (default 100)
  --max-retry-after-ms <ms>   wait out a rate-limited target (429) whose Retry-After is at most this
                              (default 60000; up to 5 waits per request; 0 never waits)
  --json                      print the report as JSON instead of text
  -h, --help                  show this help

Usage contracts (--contracts): replays every interaction of the Pact V4 usage contracts recorded by
@export-api/usage (a file, or every *.json of a folder, such as a registry's contracts/) against <url> with the
pact verifier (install @pact-foundation/pact-cli beside this package), and prints which consumers it would break.
  --contracts <file|dir>      the usage contracts to replay
  --imodel-id <guid>          an iModel the server has connections for, replayed in place of the recorded ones
  --token <token>             sent in place of each contract's placeholder token (default: $EXPORT_API_TOKEN)
  --mock-control              <url> is an export-api-mock: replay interactions recorded against a fault (503, 429)
                              by queueing that fault on its /__mock/faults control path (otherwise skipped)

Exit codes: 0 every scenario (or contract) passed, 1 one failed or the run could not complete, 2 bad arguments.`;

async function main(argv: string[]): Promise<number> {
  let options: VerifyProviderOptions;
  let json: boolean;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: "string" },
        "imodel-id": { type: "string" },
        token: { type: "string" },
        "unknown-imodel-id": { type: "string" },
        "page-size": { type: "string" },
        "max-retry-after-ms": { type: "string" },
        json: { type: "boolean", default: false },
        contracts: { type: "string" },
        "mock-control": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (values.contracts !== undefined) return await contracts(values);
    if (values["mock-control"]) throw new InvalidOptionsError("--mock-control goes with --contracts");
    if (values.target === undefined) throw new InvalidOptionsError("--target is required");
    if (values["imodel-id"] === undefined) throw new InvalidOptionsError("--imodel-id is required");
    const token = values.token ?? (process.env.EXPORT_API_TOKEN || undefined);
    options = {
      target: values.target,
      imodelId: values["imodel-id"],
      ...(token === undefined ? {} : { token }),
      ...(values["unknown-imodel-id"] === undefined ? {} : { unknownImodelId: values["unknown-imodel-id"] }),
      ...(values["page-size"] === undefined ? {} : { pageSize: readInteger(values["page-size"], "--page-size") }),
      ...(values["max-retry-after-ms"] === undefined
        ? {}
        : { maxRetryAfterMs: readInteger(values["max-retry-after-ms"], "--max-retry-after-ms") }),
    };
    resolveOptions(options);
    json = values.json;
  } catch (error) {
    console.error(`export-api-verify: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }

  try {
    const report = await verifyProvider(options);
    console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.passed ? 0 : 1;
  } catch (error) {
    console.error(`export-api-verify: ${(error as Error).message}`);
    return 1;
  }
}

// Ctrl-C, a CI timeout or a closed terminal: exit through process.exit, so the Prism processes are killed on the
// way out (prism.ts kills them on "exit"), with the usual 128 + signal number.
for (const [signal, code] of [
  ["SIGHUP", 129],
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.once(signal, () => process.exit(code));
}

/** --contracts: the usage contracts replayed against the target. */
async function contracts(values: Record<string, string | boolean | undefined>): Promise<number> {
  for (const flag of ["unknown-imodel-id", "page-size", "max-retry-after-ms"]) {
    if (values[flag] !== undefined) throw new InvalidOptionsError(`--${flag} does not go with --contracts`);
  }
  if (values.target === undefined) throw new InvalidOptionsError("--target is required");
  const token = (values.token as string | undefined) ?? (process.env.EXPORT_API_TOKEN || undefined);
  const options: VerifyContractsOptions = {
    contracts: values.contracts as string,
    target: values.target as string,
    ...(token === undefined ? {} : { token }),
    ...(values["imodel-id"] === undefined ? {} : { imodelId: values["imodel-id"] as string }),
    mockControl: values["mock-control"] === true,
  };
  let report: Awaited<ReturnType<typeof verifyContracts>>;
  try {
    report = await verifyContracts(options);
  } catch (error) {
    if (error instanceof InvalidOptionsError) throw error;
    console.error(`export-api-verify: ${(error as Error).message}`);
    return 1;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatContractsReport(report));
  return report.passed ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
