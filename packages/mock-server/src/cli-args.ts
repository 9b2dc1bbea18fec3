// Reading export-api-mock's command line into server options and a fault to queue at start. A bad value throws a
// UsageError (or validateFault's TypeError/RangeError), which the bin turns into exit code 2 and the usage text.
import { parseArgs } from "node:util";
import { readInteger } from "@export-api/client/internal";
import { FAULT_KINDS, type Fault, validateFault } from "./core/faults.js";
import type { MockServerOptions } from "./server.js";

export const USAGE = `Usage: export-api-mock [options]

Serves GET /export/connections from a seeded, in-memory data set, and a control path under /__mock/ to queue
faults and read the request log over HTTP (POST/GET/DELETE /__mock/faults, GET/DELETE /__mock/requests).

Server and data:
  --port N              TCP port (default 0: a free port)
  --host H              interface to listen on (default 127.0.0.1)
  --seed N              seed of the data set: same seed, same data (default 1)
  --connections N       export connections per iModel (default 25)
  --imodels M           number of iModels (default 3); the first is the spec's example iModel
  --fleet               vary connection counts around --connections as a real fleet's: some iModels
                        empty, most near the mean, a few with thousands (seeded; GET /__mock/fleet tells)
  --fleet-faults RATE   a seeded share (0 to 1, e.g. 0.05) of the iModels misbehave: gone (404),
                        forbidden (403), or flaky (503 or 429 on their first requests); GET /__mock/fleet
                        lists which
  --fleet-retry-after S Retry-After of a flaky iModel's 503 or 429, whole seconds (default 0)
  --rate-limit N/MS     at most N requests per MS milliseconds, shared by every iModel, then 429 with
                        Retry-After (e.g. 5/1000)
  --latency MS          every answer waits MS ms, as a real service's does; the rate limit's 429s do not
                        (a gateway sends them at once) (default 0)
  --link-base-url URL   origin (and path) of every _links href, e.g. https://api.bentley.com (default: its own URL)
  --evolve              answer like a newer API version: unknown properties, a new authenticationType,
                        more links and headers
  --control-origin O    let browser pages of origin O (e.g. http://localhost:5173) use /__mock/; repeat it
                        for more. Without it, /__mock/ answers only callers with no Origin (curl, Node,
                        test runners) on localhost or an IP address

A fault to play from the start (the same as POST /__mock/faults):
  --fail STATUS         answer STATUS (401, 403, 404, 422, 429, 500, 502, 503, 504) with the spec's error body
  --fault KIND          ${FAULT_KINDS.filter((kind) => kind !== "status").join(", ")}
  --times N             requests the fault applies to: a positive integer, or Infinity (default 1)
  --imodel-id ID        only requests for this iModel
  --retry-after S       Retry-After of --fail 429 or 503: whole seconds (0 allowed) or an HTTP date
  --ms MS               the wait of --fault delay
  --chunk-delay-ms MS   the wait between the 10 parts of --fault slow-body (default 100)
  --status STATUS       the status of --fault html-error (default 502) or echo-authorization (default 401)

  -h, --help            show this help

Any Bearer token is accepted. Requests may also carry Prism's "Prefer: code=503" to get that status once.`;

export class UsageError extends Error {}

export interface CliArgs {
  options: MockServerOptions;
  /** A fault to queue before the first request. */
  fault?: Fault;
}

/** The server options and fault from the command line, or `undefined` for --help. */
export function readArgs(argv: string[]): CliArgs | undefined {
  let values: ReturnType<typeof parse>["values"];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\. To specify|\n/)[0]);
  }
  if (values.help) return undefined;
  const options: MockServerOptions = {};
  if (values.host !== undefined) options.host = values.host;
  if (values.evolve) options.evolve = true;
  if (values.fleet) options.fleet = true;
  if (values["fleet-faults"] !== undefined) {
    options.fleetFaults = { rate: readRate(values["fleet-faults"], "fleet-faults") };
    if (values["fleet-retry-after"] !== undefined) {
      options.fleetFaults.retryAfter = readIntegerFlag(values["fleet-retry-after"], "fleet-retry-after");
    }
  } else if (values["fleet-retry-after"] !== undefined) {
    throw new UsageError("--fleet-retry-after needs --fleet-faults RATE");
  }
  if (values["link-base-url"] !== undefined) options.linkBaseUrl = values["link-base-url"];
  if (values["control-origin"] !== undefined) options.controlOrigins = values["control-origin"];
  const integers = {
    port: "port",
    seed: "seed",
    connections: "connectionsPerImodel",
    imodels: "imodels",
    latency: "latencyMs",
  } as const;
  for (const [flag, option] of Object.entries(integers)) {
    const value = values[flag as keyof typeof integers];
    if (value !== undefined) options[option] = readIntegerFlag(value, flag);
  }
  if (values["rate-limit"] !== undefined) options.rateLimit = readRateLimit(values["rate-limit"]);
  const fault = readFault(values);
  return fault ? { options, fault } : { options };
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
      "rate-limit": { type: "string" },
      latency: { type: "string" },
      evolve: { type: "boolean" },
      fleet: { type: "boolean" },
      "fleet-faults": { type: "string" },
      "fleet-retry-after": { type: "string" },
      "link-base-url": { type: "string" },
      "control-origin": { type: "string", multiple: true },
      fail: { type: "string" },
      fault: { type: "string" },
      times: { type: "string" },
      "imodel-id": { type: "string" },
      "retry-after": { type: "string" },
      ms: { type: "string" },
      "chunk-delay-ms": { type: "string" },
      status: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}

/** An integer flag (`--seed 7`), read by the workspace's one rule; the options check its range (both RangeErrors: exit 2). */
const readIntegerFlag = (value: string, flag: string): number => readInteger(value, `--${flag}`)!;

/** A share from 0 to 1 (`0.05`, `.5`, `1`); the options check the range, naming the option, so the flag says it here. */
function readRate(value: string, flag: string): number {
  const rate = Number(value);
  if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value) || !(rate >= 0 && rate <= 1)) {
    throw new UsageError(`--${flag} must be a share from 0 to 1 (e.g. 0.05), got ${JSON.stringify(value)}`);
  }
  return rate;
}

/** `N/MS`: N requests per MS milliseconds. */
function readRateLimit(value: string) {
  const match = /^([0-9]+)\/([0-9]+)$/.exec(value);
  if (!match)
    throw new UsageError(
      `--rate-limit must be N/MS (requests per milliseconds, e.g. 5/1000), got ${JSON.stringify(value)}`,
    );
  return { limit: Number(match[1]), windowMs: Number(match[2]) };
}

type Values = ReturnType<typeof parse>["values"];

/** The fault the flags describe (checked by validateFault), or `undefined` when they name none. */
function readFault(values: Values): Fault | undefined {
  const { fail, fault: kind } = values;
  const extras = ["times", "imodel-id", "retry-after", "ms", "chunk-delay-ms", "status"] as const;
  if (fail === undefined && kind === undefined) {
    const stray = extras.find((flag) => values[flag] !== undefined);
    if (stray) throw new UsageError(`--${stray} needs --fail STATUS or --fault KIND`);
    return undefined;
  }
  if (fail !== undefined && kind !== undefined) {
    throw new UsageError("give --fail STATUS or --fault KIND, not both (--fault html-error takes --status)");
  }
  const fault: Record<string, unknown> = kind === undefined ? { status: readIntegerFlag(fail!, "fail") } : { kind };
  if (values.times !== undefined) {
    fault.times = values.times === "Infinity" ? Number.POSITIVE_INFINITY : readIntegerFlag(values.times, "times");
  }
  if (values["imodel-id"] !== undefined) fault.imodelId = values["imodel-id"];
  if (values["retry-after"] !== undefined) fault.retryAfter = values["retry-after"];
  if (values.ms !== undefined) fault.ms = readIntegerFlag(values.ms, "ms");
  if (values["chunk-delay-ms"] !== undefined)
    fault.chunkDelayMs = readIntegerFlag(values["chunk-delay-ms"], "chunk-delay-ms");
  if (values.status !== undefined) fault.status = readIntegerFlag(values.status, "status");
  // validateFault throws naming the field (fault.ms, fault.status, ...): the flag of the same name.
  validateFault(fault);
  return fault as unknown as Fault;
}
