// The options both transports share (the data set, rate limit, links, clock, evolve mode, log and cache sizes),
// checked once: a bad option throws a TypeError or RangeError naming it, before anything listens.
import { describeValue, validateBaseUrl, validateInteger } from "@export-api/client/internal";
import { isImodelId } from "@export-api/types";
import type { FleetFaults } from "./fleet.js";
import { PAGE_CACHE_BYTES } from "./page-cache.js";
import type { RateLimit } from "./rate-limit.js";
import { REQUEST_LOG_LIMIT } from "./request-log.js";
import { SPEC_EXAMPLE_IMODEL_ID } from "./spec.js";

export interface MockOptions {
  /** Seed of the data set: the same seed gives the same iModels and connections. Default 1. */
  seed?: number;
  /** Number of iModels. Default 3 (or the number of `imodelIds`, if more). */
  imodels?: number;
  /** Ids of the first iModels, in order; the others get seeded GUIDs. Default: the spec's example iModel id. */
  imodelIds?: readonly string[];
  /** Number of export connections of each iModel (with `fleet`, their mean). Default 25. */
  connectionsPerImodel?: number;
  /**
   * Play a fleet: connection counts vary around `connectionsPerImodel` (a twentieth of the iModels empty, most near
   * the mean, one giant of thousands per started 1,000 iModels from 100 on), seeded. `mock.fleet` tells the counts.
   * Default `false`: every iModel has `connectionsPerImodel`.
   */
  fleet?: boolean;
  /**
   * A seeded share of the iModels misbehave: gone (404), forbidden (403), or flaky (a 503 or a 429 on their first
   * one or two requests, then fine). `mock.fleet` (and `GET /__mock/fleet`) tells which. Default: none.
   */
  fleetFaults?: FleetFaults;
  /** Past `limit` requests per `windowMs`, answer 429 with `Retry-After`. Default: no limit. */
  rateLimit?: RateLimit;
  /**
   * Milliseconds every answer past the rate limit waits before it is sent, as a real service takes time to serve a
   * page; the rate limit's own 429s are sent at once, as the gateway in front of a service sends them. Default 0.
   */
  latencyMs?: number;
  /** Origin (optionally with a path) of the absolute `_links` hrefs. Default: the server's own URL. */
  linkBaseUrl?: string;
  /** The clock of the rate limit and the request log, in ms. Default `Date.now`. */
  now?: () => number;
  /** Answer like a newer version of the API (unknown properties, a new `authenticationType`, more links and headers). */
  evolve?: boolean;
  /** Requests the request log keeps (the last ones). Default 1000; 0 keeps none. */
  requestLogLimit?: number;
  /** Bytes of serialized pages kept for reuse. Default 16 MiB; 0 turns the cache off. */
  pageCacheBytes?: number;
  /**
   * Origins of the browser pages that may use the control path (`/__mock/`), e.g. `["http://localhost:5173"]`.
   * Default none: callers without an `Origin` (curl, Node, test runners) and the mock's own origin only.
   */
  controlOrigins?: readonly string[];
}

export interface CheckedOptions {
  seed: number;
  imodels: number;
  imodelIds: string[];
  connectionsPerImodel: number;
  fleet: boolean;
  fleetFaults: Required<FleetFaults> | undefined;
  rateLimit: RateLimit | undefined;
  latencyMs: number;
  linkBaseUrl: string | undefined;
  now: () => number;
  evolve: boolean;
  requestLogLimit: number;
  pageCacheBytes: number;
  controlOrigins: string[];
}

export function validateMockOptions(options: MockOptions): CheckedOptions {
  const imodelIds = validateImodelIds(options.imodelIds ?? [SPEC_EXAMPLE_IMODEL_ID]);
  const imodels = validateInteger(options.imodels, "imodels", 1, 10_000, Math.max(3, imodelIds.length));
  if (imodelIds.length > imodels) {
    throw new RangeError(`imodelIds has ${imodelIds.length} ids but imodels is ${imodels}`);
  }
  const now = options.now ?? Date.now;
  if (typeof now !== "function") throw new TypeError(`now must be a function, got ${typeof now}`);
  const evolve = options.evolve ?? false;
  if (typeof evolve !== "boolean") throw new TypeError(`evolve must be a boolean, got ${typeof evolve}`);
  const fleet = options.fleet ?? false;
  if (typeof fleet !== "boolean") throw new TypeError(`fleet must be a boolean, got ${describeValue(fleet)}`);
  return {
    seed: validateInteger(options.seed, "seed", -(2 ** 31), 2 ** 32 - 1, 1),
    imodels,
    imodelIds,
    connectionsPerImodel: validateInteger(options.connectionsPerImodel, "connectionsPerImodel", 0, 10_000_000, 25),
    fleet,
    fleetFaults: options.fleetFaults === undefined ? undefined : validateFleetFaults(options.fleetFaults),
    rateLimit: options.rateLimit && validateRateLimit(options.rateLimit),
    latencyMs: validateInteger(options.latencyMs, "latencyMs", 0, 60_000, 0),
    linkBaseUrl: options.linkBaseUrl === undefined ? undefined : validateBaseUrl(options.linkBaseUrl, "linkBaseUrl"),
    now,
    evolve,
    requestLogLimit: validateInteger(options.requestLogLimit, "requestLogLimit", 0, 1_000_000, REQUEST_LOG_LIMIT),
    pageCacheBytes: validateInteger(options.pageCacheBytes, "pageCacheBytes", 0, 2 ** 32, PAGE_CACHE_BYTES),
    controlOrigins: validateOrigins(options.controlOrigins ?? []),
  };
}

/** Origins, normalised as a browser sends them in `Origin` (`http://localhost:5173`, no default port, no `/`). */
function validateOrigins(origins: unknown): string[] {
  if (!Array.isArray(origins)) {
    throw new TypeError(
      `controlOrigins must be an array of origins such as http://localhost:5173, got ${describeValue(origins)}`,
    );
  }
  return origins.map((value, index) => {
    const origin = typeof value === "string" ? originOf(value) : undefined;
    if (origin === undefined) {
      throw new TypeError(
        `controlOrigins[${index}] must be an origin such as http://localhost:5173 (scheme, host and port only), got ${describeValue(withoutCredentials(value))}`,
      );
    }
    return origin;
  });
}

/** The http(s) origin `text` names; `undefined` when it is no URL or has more: a path, a query, a fragment, credentials. */
function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    // `href` keeps even an empty `?` or `#`.
    return /^https?:$/.test(url.protocol) && url.href === `${url.origin}/` ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** A value for a message, with what a URL carries before its host (`user:password@`) cut out. */
function withoutCredentials(value: unknown): unknown {
  return typeof value === "string" ? value.replace(/\/\/[^/?#]*@/, "//[credentials]@") : value;
}

function validateRateLimit(rateLimit: RateLimit): RateLimit {
  if (typeof rateLimit !== "object" || rateLimit === null) {
    throw new TypeError(`rateLimit must be { limit, windowMs }, got ${String(rateLimit)}`);
  }
  const limit = validateInteger(rateLimit.limit, "rateLimit.limit", 0, Number.MAX_SAFE_INTEGER);
  if (limit === undefined) throw new TypeError("rateLimit.limit is required: the requests a window allows");
  const windowMs = rateLimit.windowMs;
  if (typeof windowMs !== "number" || !(windowMs > 0) || !Number.isFinite(windowMs)) {
    throw new RangeError(`rateLimit.windowMs must be a positive number of ms, got ${String(windowMs)}`);
  }
  return { limit, windowMs };
}

/** The longest `Retry-After` a flaky iModel may send: an hour. */
const MAX_FLEET_RETRY_AFTER = 3600;

function validateFleetFaults(faults: FleetFaults): Required<FleetFaults> {
  if (typeof faults !== "object" || faults === null || Array.isArray(faults)) {
    throw new TypeError(`fleetFaults must be { rate, retryAfter? }, e.g. { rate: 0.05 }, got ${describeValue(faults)}`);
  }
  for (const field of Object.keys(faults)) {
    if (field !== "rate" && field !== "retryAfter") {
      throw new TypeError(`fleetFaults.${field} is not an option of fleetFaults (it takes rate, retryAfter)`);
    }
  }
  const { rate } = faults;
  if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) {
    throw new RangeError(`fleetFaults.rate must be a share from 0 to 1 (e.g. 0.05), got ${describeValue(rate)}`);
  }
  const retryAfter = validateInteger(faults.retryAfter, "fleetFaults.retryAfter", 0, MAX_FLEET_RETRY_AFTER, 0);
  return { rate, retryAfter };
}

/** Lower-case GUIDs, each once. */
function validateImodelIds(ids: unknown): string[] {
  if (!Array.isArray(ids)) throw new TypeError(`imodelIds must be an array of GUIDs, got ${typeof ids}`);
  const lower = ids.map((id, index) => {
    if (!isImodelId(id)) {
      throw new TypeError(`imodelIds[${index}] must be a GUID, got ${JSON.stringify(id)}`);
    }
    return id.toLowerCase();
  });
  const repeated = lower.find((id, index) => lower.indexOf(id) !== index);
  if (repeated) throw new RangeError(`imodelIds has ${repeated} twice`);
  return lower;
}
