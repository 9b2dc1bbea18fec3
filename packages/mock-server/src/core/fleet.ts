// A fleet: what a subscription's thousands of iModels look like to an inventory. Connection counts that vary
// (some empty, most near the mean, a few giants) and a share of iModels that misbehave (gone, forbidden, flaky),
// all drawn from the seed with integer-exact arithmetic (no Math.log or Math.exp, whose last bit may differ between
// engines), so the same seed and options give the same fleet on any machine. One number per iModel is kept: a
// fleet of 10,000 iModels costs a few hundred kilobytes and a millisecond at start.
import { below, mix32, mulberry32, type Random } from "./random.js";

/** Share of a varied fleet's iModels that have no connection. */
export const EMPTY_SHARE = 1 / 20;
/** Giants: one per started 1,000 iModels, from 100 iModels on. */
export const IMODELS_PER_GIANT = 1000;

/**
 * Connection counts of `imodels` iModels. Without `varied`, each has `mean`. With it: a twentieth have none; one per
 * started 1,000 iModels (from 100 on) is a giant of 1 to 3 times max(1000, 40 x mean); the others are bell-shaped
 * (the sum of four uniforms) from 0 to twice a body mean chosen so that the whole fleet averages `mean`, but never
 * under 0.8 x `mean`: from 1,000 iModels on the fleet averages `mean` within a few percent, and a smaller fleet's giant
 * lifts its average (100 iModels of 25: about 40) rather than emptying the others.
 */
export function connectionCounts(seed: number, imodels: number, mean: number, varied: boolean): Float64Array {
  const counts = new Float64Array(imodels).fill(mean);
  if (!varied || mean === 0) return counts;
  const random = mulberry32(mix32((seed >>> 0) ^ 0xf1ee7));
  const order = shuffled(random, imodels);
  const giants = imodels < 100 ? 0 : Math.ceil(imodels / IMODELS_PER_GIANT);
  const empty = Math.floor(imodels * EMPTY_SHARE);
  const giantBase = Math.max(1000, 40 * mean);
  let giantTotal = 0;
  for (let rank = 0; rank < imodels; rank++) {
    const index = order[rank]!;
    if (rank < giants) {
      counts[index] = giantBase + below(random, 2 * giantBase + 1);
      giantTotal += counts[index]!;
    } else if (rank < giants + empty) {
      counts[index] = 0;
    }
  }
  const body = imodels - giants - empty;
  const bodyMean = Math.max(0.8 * mean, (imodels * mean - giantTotal) / body);
  for (let rank = giants + empty; rank < imodels; rank++) {
    // Four uniforms from [0, 1) sum to a bell on [0, 4) with mean 2: times bodyMean / 2, a bell on [0, 2 x bodyMean).
    const sum = (random() + random() + random() + random()) / 2 ** 32;
    counts[order[rank]!] = Math.round((sum * bodyMean) / 2);
  }
  return counts;
}

/** A seeded permutation of 0 .. n-1 (Fisher-Yates). */
function shuffled(random: Random, n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = below(random, i + 1);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}

/** How a faulty iModel of the fleet misbehaves. */
export type FleetFaultClass = "gone" | "forbidden" | "flaky";

/** `fleetFaults`: the share of iModels that misbehave, and the `Retry-After` of the flaky ones. */
export interface FleetFaults {
  /** Share of the seeded iModels (not those named in `imodelIds`) that misbehave, from 0 to 1; rounded to a count. */
  rate: number;
  /** `Retry-After` (whole seconds) of a flaky iModel's 429 or 503. Default 0. */
  retryAfter?: number;
}

/** A flaky iModel: its first `times` requests get `status` with `Retry-After: retryAfter`, the next ones its pages. */
export interface FlakyImodel {
  /** The iModel's id. */
  imodelId: string;
  /** What its first requests get. */
  status: 429 | 503;
  /** How many of its first requests (since the mock started) fail: 1 or 2. */
  times: number;
  /** The `Retry-After` they carry, in whole seconds (`fleetFaults.retryAfter`). */
  retryAfter: number;
}

/** What a caller learns of the fleet (`mock.fleet`, `GET /__mock/fleet`): counts, and which iModels misbehave. */
export interface FleetInfo {
  /** Whether connection counts vary (the `fleet` option); otherwise each iModel has `connectionsPerImodel`. */
  varied: boolean;
  /** Connections of each iModel, in the order of `imodelIds` (gone and forbidden iModels included). */
  connections: readonly number[];
  /** The sum of `connections`. */
  totalConnections: number;
  /** iModels that answer 404 `ConnectionNotFound` to every request, as an unknown iModel does. */
  gone: readonly string[];
  /** iModels that answer 403 `InsufficientPermissions` to every request. */
  forbidden: readonly string[];
  /** iModels that fail their first requests, then serve. */
  flaky: readonly FlakyImodel[];
}

/** The answer a fleet fault gives a request, instead of a page. */
export type FleetAnswer =
  | { class: "gone"; status: 404 }
  | { class: "forbidden"; status: 403 }
  | { class: "flaky"; status: 429 | 503; retryAfter: number };

/**
 * The misbehaving iModels, picked from the seeded ones (index `fixed` on: the ones a caller named keep working, so a
 * README example still does): `round(rate x candidates)` of them, in a seeded order that cycles through gone,
 * forbidden, flaky 503 and flaky 429, so every class appears once four are faulty. A higher rate picks more of the
 * same order: each faulty iModel of a lower rate stays faulty, in the same way.
 */
export class FleetFaultPlan {
  readonly gone: string[] = [];
  readonly forbidden: string[] = [];
  readonly flaky: FlakyImodel[] = [];
  readonly #byId = new Map<string, FleetFaultClass>();
  /** Failures each flaky iModel has left. */
  readonly #left = new Map<string, FlakyImodel & { left: number }>();

  constructor(seed: number, ids: readonly string[], fixed: number, faults: Required<FleetFaults> | undefined) {
    if (!faults || faults.rate === 0) return;
    const candidates = ids.length - fixed;
    const random = mulberry32(mix32((seed >>> 0) ^ 0xfa17));
    const order = shuffled(random, candidates);
    const count = Math.round(faults.rate * candidates);
    for (let rank = 0; rank < count; rank++) {
      const imodelId = ids[fixed + order[rank]!]!;
      const kind = rank % 4;
      if (kind === 0) this.gone.push(imodelId);
      else if (kind === 1) this.forbidden.push(imodelId);
      else {
        const flaky: FlakyImodel = {
          imodelId,
          status: kind === 2 ? 503 : 429,
          times: 1 + below(random, 2),
          retryAfter: faults.retryAfter,
        };
        this.flaky.push(flaky);
        this.#left.set(imodelId, { ...flaky, left: flaky.times });
      }
      this.#byId.set(imodelId, kind === 0 ? "gone" : kind === 1 ? "forbidden" : "flaky");
    }
  }

  /** The fault answer for a request to this iModel, counting a flaky one's failure; `undefined` to serve it. */
  take(imodelId: string): FleetAnswer | undefined {
    const kind = this.#byId.get(imodelId);
    if (kind === "gone") return { class: "gone", status: 404 };
    if (kind === "forbidden") return { class: "forbidden", status: 403 };
    const flaky = kind === "flaky" ? this.#left.get(imodelId) : undefined;
    if (!flaky || flaky.left === 0) return undefined;
    flaky.left -= 1;
    return { class: "flaky", status: flaky.status, retryAfter: flaky.retryAfter };
  }
}
