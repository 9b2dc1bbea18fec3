// startMockServer: the data set, the handler and node's http server, on a loopback port by default.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { validateBaseUrl } from "@export-api/client";
import { DataSet } from "./data.js";
import { createHandler } from "./handler.js";
import { FixedWindow, type RateLimit } from "./rate-limit.js";

export type { RateLimit } from "./rate-limit.js";

export interface MockServerOptions {
  /** TCP port; default 0, a free port chosen by the OS. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Seed of the data set: the same seed gives the same iModels and connections. Default 1. */
  seed?: number;
  /** Number of iModels (GUID ids). Default 3. */
  imodels?: number;
  /** Number of export connections of each iModel. Default 25. */
  connectionsPerImodel?: number;
  /** Past `limit` requests per `windowMs`, answer 429 with `Retry-After`. Default: no limit. */
  rateLimit?: RateLimit;
  /** Origin (optionally with a path) of the absolute `_links` hrefs. Default: the server's own URL. */
  linkBaseUrl?: string;
  /** The clock the rate limit reads, in ms. Default `Date.now`; a test passes its own to move time on at will. */
  now?: () => number;
}

export interface MockServer {
  /** The server's base URL, e.g. `http://127.0.0.1:43123`. */
  url: string;
  /** Ids of the iModels it serves, in order. */
  imodelIds: string[];
  /** Stops listening and closes open connections. Safe to call twice. */
  close(): Promise<void>;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const port = validateInteger(options.port ?? 0, "port", 0, 65_535);
  const host = options.host ?? "127.0.0.1";
  const seed = validateInteger(options.seed ?? 1, "seed", -(2 ** 31), 2 ** 32 - 1);
  const imodels = validateInteger(options.imodels ?? 3, "imodels", 1, 10_000);
  const connectionsPerImodel = validateInteger(
    options.connectionsPerImodel ?? 25,
    "connectionsPerImodel",
    0,
    10_000_000,
  );
  const rateLimit = options.rateLimit && validateRateLimit(options.rateLimit);
  const configuredLinkBase =
    options.linkBaseUrl === undefined ? undefined : validateBaseUrl(options.linkBaseUrl, "linkBaseUrl");

  const now = options.now ?? Date.now;
  if (typeof now !== "function") throw new TypeError(`now must be a function, got ${typeof now}`);
  const data = new DataSet(seed, imodels, connectionsPerImodel);
  let url = "";
  const server = createServer(
    createHandler({
      data,
      linkBase: () => configuredLinkBase ?? url,
      rateLimit: rateLimit && new FixedWindow(rateLimit, now),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  url = `http://${displayHost(address)}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    imodelIds: data.imodels.map((imodel) => imodel.id),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The address to reach the server at; a wildcard (`0.0.0.0`, `::`) is reached on loopback. */
function displayHost({ address, family }: AddressInfo): string {
  if (family === "IPv6") return `[${address === "::" ? "::1" : address}]`;
  return address === "0.0.0.0" ? "127.0.0.1" : address;
}

function validateInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function validateRateLimit(rateLimit: RateLimit): RateLimit {
  const limit = validateInteger(rateLimit.limit, "rateLimit.limit", 0, Number.MAX_SAFE_INTEGER);
  const windowMs = rateLimit.windowMs;
  if (typeof windowMs !== "number" || !(windowMs > 0) || !Number.isFinite(windowMs)) {
    throw new RangeError(`rateLimit.windowMs must be a positive number of ms, got ${String(windowMs)}`);
  }
  return { limit, windowMs };
}
