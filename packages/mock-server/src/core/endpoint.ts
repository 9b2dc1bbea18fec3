// The normal answer of GET /export/connections, in the API's order: rate limit, bearer token, query parameters,
// iModel, the iModel's fleet fault (gone, forbidden, flaky); then a page with its links. Serialized pages are kept
// in the page cache.
import type { ExportConnectionsResponse } from "@export-api/types";
import type { DataSet, MockImodel } from "./data.js";
import { errorForStatus, specError } from "./errors.js";
import { evolvePage } from "./evolve.js";
import type { FleetAnswer, FleetFaultPlan } from "./fleet.js";
import { pageLinks } from "./links.js";
import type { PageCache } from "./page-cache.js";
import type { Parameters } from "./parameters.js";
import type { ResponsePlan } from "./plan.js";
import { type ConnectionsQuery, readQuery } from "./query.js";
import type { FixedWindow, WindowDecision } from "./rate-limit.js";
import type { Responder } from "./responder.js";

export interface EndpointContext {
  data: DataSet;
  /** Origin (and optional path prefix) of every `_links` href, without a trailing slash. */
  linkBase: string;
  rateLimit: FixedWindow | undefined;
  responder: Responder;
  cache: PageCache | undefined;
  /** The misbehaving iModels of `fleetFaults`, when there are any. */
  fleet: FleetFaultPlan | undefined;
}

/** The normal answer; for a 200, also which page it is, so a fault can change the page. */
export interface Answer {
  plan: ResponsePlan;
  page?: { imodel: MockImodel; query: ConnectionsQuery };
  /** What the rate limit decided, when there is one (the request log shows it). */
  rateLimit?: WindowDecision;
  /** The fleet fault that answered, if one did. */
  fleetFault?: FleetAnswer;
}

const BEARER = /^Bearer\s+\S/i;

export function answer(
  context: EndpointContext,
  authorization: string | undefined,
  parameters: Parameters,
  contentType: string,
): Answer {
  const { data, rateLimit, responder, fleet } = context;
  const decision = rateLimit?.decide();
  const noted = decision ? { rateLimit: decision } : {};
  if (decision && !decision.allowed) {
    const headers = { "Retry-After": String(decision.retryAfterSeconds) };
    return { plan: responder.error(429, specError(429), contentType, headers), ...noted };
  }
  if (!BEARER.test(authorization ?? "")) {
    return { plan: responder.error(401, specError(401), contentType, { "WWW-Authenticate": "Bearer" }), ...noted };
  }
  const read = readQuery(parameters);
  if (!read.ok) {
    return { plan: responder.error(422, { ...specError(422), details: read.details }, contentType), ...noted };
  }
  const imodel = data.find(read.query.imodelId);
  if (!imodel) return { plan: responder.error(404, specError(404), contentType), ...noted };
  const fleetFault = fleet?.take(imodel.id);
  if (fleetFault) {
    const headers = fleetFault.class === "flaky" ? { "Retry-After": String(fleetFault.retryAfter) } : undefined;
    const plan = responder.error(fleetFault.status, errorForStatus(fleetFault.status), contentType, headers);
    return { plan, ...noted, fleetFault };
  }
  return {
    plan: responder.bytes(200, pageBytes(context, imodel, read.query), contentType),
    page: { imodel, query: read.query },
    ...noted,
  };
}

/**
 * The serialized page, from the cache when it has it. The key is the iModel and the paging: a core's link base
 * and evolve mode never change, and the media type is a header, not part of the body.
 */
function pageBytes(context: EndpointContext, imodel: MockImodel, query: ConnectionsQuery): Uint8Array {
  const key = `${imodel.id} ${query.skip} ${query.top}`;
  const cached = context.cache?.get(key);
  if (cached) return cached;
  const bytes = new TextEncoder().encode(JSON.stringify(buildPage(context, imodel, query)));
  context.cache?.set(key, bytes);
  return bytes;
}

/** The page as the API shapes it (evolved in evolve mode). */
export function buildPage(
  { data, linkBase, responder }: EndpointContext,
  imodel: MockImodel,
  { skip, top }: ConnectionsQuery,
): ExportConnectionsResponse {
  const total = imodel.connections;
  const page: ExportConnectionsResponse = {
    connections: data.page(imodel, skip, top, linkBase),
    _links: pageLinks(linkBase, skip, top, total),
  };
  // An evolved page has more than the spec's type says; callers only serialize it or change its links.
  return responder.evolve ? (evolvePage(page, { skip, top, total, linkBase }) as ExportConnectionsResponse) : page;
}
