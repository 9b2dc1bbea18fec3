// The mock's core: one request description in, one response plan out, for any transport. It routes (control
// path, CORS preflight, the one API path), keeps the request log, applies queued faults and `Prefer: code=`, and
// otherwise gives the API's normal answer.
import { CONTROL_PREFIX, type Controls, control } from "./control.js";
import { type ControlAccess, checkControlAccess, controlCorsHeaders } from "./control-access.js";
import { API_METHODS } from "./cors.js";
import { DataSet } from "./data.js";
import { type Answer, answer, type EndpointContext } from "./endpoint.js";
import { PLAYABLE_STATUSES } from "./errors.js";
import { playFault } from "./fault-plans.js";
import { FaultQueue } from "./fault-queue.js";
import { type CheckedFault, type FaultStatus, validateFault } from "./faults.js";
import { FleetFaultPlan, type FleetInfo } from "./fleet.js";
import { API_PATH } from "./links.js";
import type { CheckedOptions } from "./options.js";
import { PageCache } from "./page-cache.js";
import { type Parameters, parametersRecord, readParameters } from "./parameters.js";
import { headerValue, MAX_BODY_BYTES, type MockRequest, type ResponsePlan } from "./plan.js";
import { readPreferredCode } from "./prefer.js";
import { FixedWindow } from "./rate-limit.js";
import {
  type LoggedRequest,
  loggedFleetFault,
  loggedHeaders,
  loggedQuery,
  loggedRateLimit,
  loggedTarget,
  RequestLog,
} from "./request-log.js";
import { readRequestTarget } from "./request-target.js";
import { JSON_TYPE, negotiate, Responder } from "./responder.js";

/** What tests drive, whatever the transport. */
export interface MockControls extends Controls {
  /** Ids of the iModels it serves, in order; the first is the spec's example id unless `imodelIds` says otherwise. */
  readonly imodelIds: string[];
}

export interface MockCore {
  readonly controls: MockControls;
  handle(request: MockRequest): ResponsePlan;
  /** The answer to a request a transport could not parse at all (node:http's `clientError`). */
  malformed(status: number, code: string, message: string): ResponsePlan;
  /**
   * Whether a request-target is one of the mock's own paths: `<basePath>/export/connections` or under
   * `<basePath>/__mock/`, exactly as written (MSW leaves any other path of its host, another case or a trailing
   * slash included, to the app's own handlers).
   */
  owns(target: string): boolean;
}

export interface TransportSettings {
  /** Origin (and path) of `_links` when the options give no `linkBaseUrl`: where the transport is reached. */
  linkBase: string;
  /** Path prefix of the API and the control path (MSW's base URL may have one); "" for none. */
  basePath: string;
  /** The host name the transport was configured with (node:http's `host`, MSW's `baseUrl` host): the control path answers it. */
  host: string;
}

export function createMockCore(options: CheckedOptions, { linkBase, basePath, host }: TransportSettings): MockCore {
  const responder = new Responder(options.evolve);
  const data = new DataSet(options);
  // The iModels a caller named (`imodelIds`, by default the spec's example) never misbehave.
  const ids = data.imodels.map((imodel) => imodel.id);
  const fleetFaults = new FleetFaultPlan(options.seed, ids, options.imodelIds.length, options.fleetFaults);
  const connections = data.imodels.map((imodel) => imodel.connections);
  const fleet: FleetInfo = deepFreeze({
    varied: options.fleet,
    connections,
    totalConnections: connections.reduce((sum, count) => sum + count, 0),
    gone: fleetFaults.gone,
    forbidden: fleetFaults.forbidden,
    flaky: fleetFaults.flaky,
  });
  const endpoint: EndpointContext = {
    data,
    linkBase: options.linkBaseUrl ?? linkBase,
    rateLimit: options.rateLimit && new FixedWindow(options.rateLimit, options.now),
    responder,
    cache: options.pageCacheBytes > 0 ? new PageCache(options.pageCacheBytes) : undefined,
    fleet:
      fleetFaults.gone.length + fleetFaults.forbidden.length + fleetFaults.flaky.length > 0 ? fleetFaults : undefined,
  };
  const access: ControlAccess = { host: host.toLowerCase(), origins: options.controlOrigins };
  const faults = new FaultQueue();
  const log = new RequestLog(options.requestLogLimit);

  const controls: MockControls = {
    imodelIds: ids,
    fleet,
    fail: (fault) => faults.add(validateFault(fault)),
    clearFaults: () => faults.clear(),
    get faults() {
      return faults.list();
    },
    get requests() {
      return log.list();
    },
    clearRequests: () => log.clear(),
  };

  const entryOf = (request: MockRequest, path: string, parameters: Parameters): LoggedRequest => ({
    method: request.method,
    path,
    query: loggedQuery(parametersRecord(parameters)),
    headers: loggedHeaders(request.headers),
    timestamp: new Date(options.now()).toISOString(),
  });
  const record = (request: MockRequest, path: string, parameters: Parameters) =>
    log.add(entryOf(request, path, parameters));

  function handle(request: MockRequest): ResponsePlan {
    const contentType = negotiate(headerValue(request, "accept"));
    const target = readRequestTarget(request.target);
    if (!target.ok) {
      record(request, loggedTarget(request.target).slice(0, 200), readParameters(""));
      return responder.error(target.status, { code: target.code, message: target.message }, contentType);
    }
    const path = withoutBasePath(target.path);
    if (isControlPath(path)) {
      const check = checkControlAccess(request, access);
      const plan = !check.allowed
        ? responder.error(403, { code: check.code, message: check.message }, JSON_TYPE)
        : (tooLarge(request, JSON_TYPE) ?? control(request, path.slice(CONTROL_PREFIX.length), controls, responder));
      return { ...plan, headers: controlCorsHeaders(plan.headers, check.allowed ? check.origin : undefined) };
    }
    const parameters = readParameters(target.query);
    // Logged once answered, so the entry can say what the rate limit and the fleet decided; still in arrival
    // order, as `handle` runs to its end before the next request.
    // A path may start with `//user:password@` (a network-path reference): logged without the credentials.
    const entry = entryOf(request, loggedTarget(target.path), parameters);
    const noted: { answer?: Answer } = {};
    try {
      return api(request, target.path, path, parameters, contentType, (answered) => {
        noted.answer = answered;
      });
    } finally {
      const { rateLimit, fleetFault } = noted.answer ?? {};
      if (rateLimit) entry.rateLimit = loggedRateLimit(rateLimit);
      if (fleetFault) entry.fleetFault = loggedFleetFault(fleetFault);
      log.add(entry);
    }
  }

  /** A request to anything but the control path; `answered` learns the normal answer, if one was computed. */
  function api(
    request: MockRequest,
    targetPath: string,
    path: string,
    parameters: Parameters,
    contentType: string,
    answered: (normal: Answer) => void,
  ): ResponsePlan {
    if (request.method === "OPTIONS") return responder.preflight(API_METHODS);
    const refused = tooLarge(request, contentType);
    if (refused) return refused;
    if (path !== API_PATH) {
      const message = `No resource at ${loggedTarget(targetPath)}; this server has only GET ${basePath}${API_PATH}.`;
      return responder.error(404, { code: "ResourceNotFound", message }, contentType);
    }
    if (request.method !== "GET") {
      const message = `${request.method} is not allowed on ${API_PATH}.`;
      return responder.error(405, { code: "MethodNotAllowed", message }, contentType, { Allow: API_METHODS });
    }

    const authorization = headerValue(request, "authorization");
    let normal: Answer | undefined;
    const normalAnswer = () => {
      if (!normal) {
        normal = answer(endpoint, authorization, parameters, contentType);
        answered(normal);
      }
      return normal;
    };
    const imodelId = parameters.values.get("imodelId")?.[0]?.toLowerCase();
    const fault = (faults.size > 0 ? faults.take(imodelId) : undefined) ?? preferredFault(request);
    if (fault === "invalid") {
      const message = `Prefer: ${headerValue(request, "prefer")} asks for no status this mock plays; it plays ${PLAYABLE_STATUSES.join(", ")} (and 200).`;
      return responder.error(400, { code: "InvalidPreferHeader", message }, contentType);
    }
    if (fault) return playFault(fault, { endpoint, authorization, contentType, answer: normalAnswer });
    const { plan, rateLimit } = normalAnswer();
    // The service's time: for every answer but the gateway's own 429.
    if (options.latencyMs === 0 || rateLimit?.allowed === false) return plan;
    return { ...plan, action: { kind: "delay", ms: options.latencyMs } };
  }

  /** The path without the base path, when it starts with it (a path prefix of MSW's baseUrl). */
  function withoutBasePath(path: string): string {
    return basePath !== "" && path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
  }

  /** 413 for a body over MAX_BODY_BYTES, whatever the path: no request of the mock needs one. */
  function tooLarge(request: MockRequest, contentType: string): ResponsePlan | undefined {
    if (request.body === undefined || request.body.length <= MAX_BODY_BYTES) return undefined;
    const message = `The body is over ${MAX_BODY_BYTES} bytes, the limit of a request to this mock.`;
    return responder.error(413, { code: "PayloadTooLarge", message }, contentType);
  }

  return {
    controls,
    handle,
    malformed: (status, code, message) => responder.error(status, { code, message }, JSON_TYPE),
    owns(target) {
      const read = readRequestTarget(target);
      if (!read.ok || !read.path.startsWith(basePath)) return false;
      const path = read.path.slice(basePath.length);
      return path === API_PATH || isControlPath(path);
    },
  };
}

/** The object, its arrays and their objects, frozen: what every caller of `mock.fleet` shares. */
function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === "object" && child !== null) deepFreeze(child);
  return Object.freeze(value);
}

function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** Prism's `Prefer: code=NNN` as a one-time status fault; 2xx asks for the normal answer. */
function preferredFault(request: MockRequest): CheckedFault | "invalid" | undefined {
  const preferred = readPreferredCode(headerValue(request, "prefer"));
  if (preferred === undefined) return undefined;
  if ("invalid" in preferred) return "invalid";
  if (preferred.code >= 200 && preferred.code < 300) return undefined;
  if (!PLAYABLE_STATUSES.includes(preferred.code)) return "invalid";
  return { kind: "status", status: preferred.code as FaultStatus, times: 1 };
}
