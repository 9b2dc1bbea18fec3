// The mock server (@export-api/mock-server) in its own process, so its CPU is not counted in the client's: the
// inventory benchmark's server. It seeds `--imodels` iModels of CONNECTIONS_PER_IMODEL (25) connections each,
// keeps every page it serialises (so after a warm-up a page costs one write), logs no request (the bench counts
// 429s on the client side), and with `--rate-limit LIMIT/MS` answers 429 with Retry-After past LIMIT requests per
// window of MS ms; with `--latency MS` every answer but those 429s takes MS ms, a service's time (the 429s come at
// once, from the gateway). Usage: node mock-fleet.js --imodels N [--rate-limit LIMIT/MS] [--latency MS]; prints
// `ids <JSON array>`, then
// `listening on <url>`; stops on SIGTERM.
import { parseArgs } from "node:util";
import { startMockServer } from "@export-api/mock-server";
import { CONNECTIONS_PER_IMODEL } from "../fixtures/fleet.js";

const { values } = parseArgs({
  options: {
    imodels: { type: "string", default: "1000" },
    "rate-limit": { type: "string" },
    latency: { type: "string", default: "0" },
  },
});
const imodels = Number(values.imodels);
const rate = values["rate-limit"]?.split("/").map(Number);
const mock = await startMockServer({
  imodels,
  connectionsPerImodel: CONNECTIONS_PER_IMODEL,
  seed: 1,
  requestLogLimit: 0,
  latencyMs: Number(values.latency),
  // Every page of the fleet (5,000 pages of about 13 kB) stays cached.
  pageCacheBytes: 256 * 2 ** 20,
  ...(rate ? { rateLimit: { limit: rate[0]!, windowMs: rate[1]! } } : {}),
});
// The ids first: the parent reads everything printed up to the `listening on` line.
process.stdout.write(`ids ${JSON.stringify(mock.imodelIds)}\n`);
process.stdout.write(`mock-fleet listening on ${mock.url} with ${imodels} iModels\n`);
process.once("SIGTERM", () => {
  void mock.close();
});
