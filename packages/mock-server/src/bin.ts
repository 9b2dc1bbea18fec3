#!/usr/bin/env node
// export-api-mock: runs the mock server until SIGINT or SIGTERM, and prints its URL and iModel ids.
import { readArgs, USAGE, UsageError } from "./cli-args.js";
import { type MockServer, startMockServer } from "./server.js";

function usageError(message: string): never {
  process.stderr.write(`export-api-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let mock: MockServer;
let faultLine = "";
try {
  const args = readArgs(process.argv.slice(2));
  if (args === undefined) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  mock = await startMockServer(args.options);
  if (args.fault) {
    mock.fail(args.fault);
    faultLine = `Fault queued: ${JSON.stringify(mock.faults[0], (_, value) => (value === Infinity ? "Infinity" : value))}\n`;
  }
} catch (error) {
  // Options and faults out of range throw RangeError/TypeError: a bad argument too.
  if (error instanceof UsageError || error instanceof RangeError || error instanceof TypeError) {
    usageError(error.message);
  }
  process.stderr.write(`export-api-mock: cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}

const { fleet } = mock;
const fleetLine =
  fleet.varied || fleet.gone.length + fleet.forbidden.length + fleet.flaky.length > 0
    ? `Fleet: ${fleet.totalConnections} connections (${Math.min(...fleet.connections)} to ${Math.max(...fleet.connections)} per iModel); ` +
      `${fleet.gone.length} gone, ${fleet.forbidden.length} forbidden, ${fleet.flaky.length} flaky: curl ${mock.url}/__mock/fleet\n`
    : "";
process.stdout.write(
  `export-api-mock listening on ${mock.url}\n` +
    `iModel ids (${mock.imodelIds.length}):\n${mock.imodelIds.map((id) => `  ${id}\n`).join("")}` +
    fleetLine +
    faultLine +
    `Faults: curl -X POST -d '{"status":503}' ${mock.url}/__mock/faults\n` +
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
