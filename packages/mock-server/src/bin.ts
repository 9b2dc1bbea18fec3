#!/usr/bin/env node
// export-api-mock: runs the mock server until SIGINT or SIGTERM, and prints its URL and iModel ids.
import { parseArgs } from "node:util";
import { type MockServer, type MockServerOptions, startMockServer } from "./server.js";

const USAGE = `Usage: export-api-mock [--port N] [--host H] [--seed N] [--connections N] [--imodels M]

Serves GET /export/connections from a seeded, in-memory data set.

  --port N         TCP port (default 0: a free port)
  --host H         interface to listen on (default 127.0.0.1)
  --seed N         seed of the data set: same seed, same data (default 1)
  --connections N  export connections per iModel (default 25)
  --imodels M      number of iModels (default 3)
  -h, --help       show this help`;

class UsageError extends Error {}

/** The server options from the command line, or `undefined` for --help. */
function readOptions(argv: string[]): MockServerOptions | undefined {
  let values: ReturnType<typeof parse>["values"];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\. To specify|\n/)[0]);
  }
  if (values.help) return undefined;
  const options: MockServerOptions = {};
  if (values.host !== undefined) options.host = values.host;
  const integers = { port: "port", seed: "seed", connections: "connectionsPerImodel", imodels: "imodels" } as const;
  for (const [flag, option] of Object.entries(integers)) {
    const value = values[flag as keyof typeof integers];
    if (value === undefined) continue;
    if (!/^-?[0-9]+$/.test(value)) throw new UsageError(`--${flag} must be an integer, got ${JSON.stringify(value)}`);
    options[option] = Number(value);
  }
  return options;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      connections: { type: "string" },
      imodels: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}

function usageError(message: string): never {
  process.stderr.write(`export-api-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let mock: MockServer;
try {
  const options = readOptions(process.argv.slice(2));
  if (options === undefined) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  mock = await startMockServer(options);
} catch (error) {
  // startMockServer throws RangeError/TypeError for an option out of range: a bad argument too.
  if (error instanceof UsageError || error instanceof RangeError || error instanceof TypeError) {
    usageError(error.message);
  }
  process.stderr.write(`export-api-mock: cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}

process.stdout.write(
  `export-api-mock listening on ${mock.url}\n` +
    `iModel ids (${mock.imodelIds.length}):\n${mock.imodelIds.map((id) => `  ${id}\n`).join("")}` +
    `Try: curl -H "Authorization: Bearer any" "${mock.url}/export/connections?imodelId=${mock.imodelIds[0]}&\\$top=5"\n`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    mock.close().then(() => {
      process.stdout.write("export-api-mock stopped\n");
      process.exitCode = 0;
    });
  });
}
