#!/usr/bin/env node
// export-api-mock: runs the mock server until SIGINT or SIGTERM, and prints its URL and iModel ids.
import { parseArgs } from "node:util";
import { startMockServer } from "./server.js";

const USAGE = `Usage: export-api-mock [--port N] [--host H] [--seed N] [--connections N] [--imodels M]

Serves GET /export/connections from a seeded, in-memory data set.

  --port N         TCP port (default 0: a free port)
  --host H         interface to listen on (default 127.0.0.1)
  --seed N         seed of the data set: same seed, same data (default 1)
  --connections N  export connections per iModel (default 25)
  --imodels M      number of iModels (default 3)
  -h, --help       show this help`;

function fail(message: string): never {
  process.stderr.write(`export-api-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(value)) fail(`--${name} must be an integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
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
  }));
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

let mock: Awaited<ReturnType<typeof startMockServer>>;
try {
  const options = {
    port: integerOption(values.port as string | undefined, "port"),
    host: values.host as string | undefined,
    seed: integerOption(values.seed as string | undefined, "seed"),
    connectionsPerImodel: integerOption(values.connections as string | undefined, "connections"),
    imodels: integerOption(values.imodels as string | undefined, "imodels"),
  };
  mock = await startMockServer(
    Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as typeof options,
  );
} catch (error) {
  if (error instanceof RangeError || error instanceof TypeError) fail(error.message);
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
