// The control path under /__mock/, so tests in any language can script the mock over HTTP:
//   POST   /__mock/faults    queue a fault (JSON body: the same object as mock.fail; "times": "Infinity" allowed)
//   GET    /__mock/faults    the queued faults, with the times each has left
//   DELETE /__mock/faults    clear them
//   GET    /__mock/requests  the request log
//   DELETE /__mock/requests  clear it
//   GET    /__mock/fleet     the fleet: connections per iModel, and which iModels misbehave (`fleetFaults`)
// A bad control request gets 400 (or 404, 405) with the API's error shape and a message saying what is wrong.
import type { ApiError } from "@export-api/types";
import { CONTROL_METHODS } from "./cors.js";
import type { CheckedFault, Fault } from "./faults.js";
import type { FleetInfo } from "./fleet.js";
import type { MockRequest, ResponsePlan } from "./plan.js";
import type { LoggedRequest } from "./request-log.js";
import { JSON_TYPE, type Responder } from "./responder.js";

export const CONTROL_PREFIX = "/__mock";

/** What the control path drives: the same methods as the JS API. */
export interface Controls {
  fail(fault: Fault): void;
  clearFaults(): void;
  readonly faults: readonly CheckedFault[];
  readonly requests: readonly LoggedRequest[];
  clearRequests(): void;
  /** Connections per iModel and the iModels that misbehave: what an inventory of this mock should find. */
  readonly fleet: FleetInfo;
}

/** Answers a request whose path is under the control prefix; `path` is what follows the prefix. */
export function control(request: MockRequest, path: string, controls: Controls, responder: Responder): ResponsePlan {
  const error = (status: number, code: string, message: string, headers?: Record<string, string>) =>
    responder.error(status, { code, message } satisfies ApiError, JSON_TYPE, headers);
  if (request.method === "OPTIONS") return responder.preflight(CONTROL_METHODS);

  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (!route) {
    return error(
      404,
      "ResourceNotFound",
      `No control resource at ${CONTROL_PREFIX}${path}; there are ${Object.keys(ROUTES)
        .map((p) => CONTROL_PREFIX + p)
        .join(" and ")}.`,
    );
  }
  const handler = Object.hasOwn(route, request.method) ? route[request.method] : undefined;
  if (!handler) {
    const allowed = Object.keys(route).join(", ");
    return error(405, "MethodNotAllowed", `${request.method} is not allowed on ${CONTROL_PREFIX}${path}.`, {
      Allow: allowed,
    });
  }
  try {
    return handler(request, controls, responder);
  } catch (thrown) {
    // validateFault's TypeError/RangeError, or the body's JSON.parse SyntaxError: the caller's mistake.
    return error(400, "InvalidFault", (thrown as Error).message);
  }
}

type Route = Record<string, (request: MockRequest, controls: Controls, responder: Responder) => ResponsePlan>;

const noContent = (responder: Responder) => responder.bytes(204, new Uint8Array(0), JSON_TYPE);

const ROUTES: Record<string, Route> = {
  "/faults": {
    GET: (_, controls, responder) => responder.json(200, { faults: controls.faults.map(toJson) }, JSON_TYPE),
    POST: (request, controls, responder) => {
      const fault = readFault(new TextDecoder().decode(request.body));
      controls.fail(fault);
      return responder.json(201, { queued: toJson(controls.faults.at(-1)!) }, JSON_TYPE);
    },
    DELETE: (_, controls, responder) => {
      controls.clearFaults();
      return noContent(responder);
    },
  },
  "/requests": {
    GET: (_, controls, responder) => responder.json(200, { requests: controls.requests }, JSON_TYPE),
    DELETE: (_, controls, responder) => {
      controls.clearRequests();
      return noContent(responder);
    },
  },
  "/fleet": {
    GET: (_, controls, responder) => responder.json(200, controls.fleet, JSON_TYPE),
  },
};

/** The fault in a control request's JSON body; JSON has no Infinity, so `"times": "Infinity"` stands for it. */
function readFault(body: string): Fault {
  let fault: unknown;
  try {
    fault = JSON.parse(body);
  } catch {
    throw new SyntaxError(
      `The body must be a fault as JSON, e.g. {"status":503,"times":2}; got ${JSON.stringify(body.slice(0, 100))}`,
    );
  }
  if (typeof fault === "object" && fault !== null && (fault as { times?: unknown }).times === "Infinity") {
    return { ...(fault as Fault), times: Number.POSITIVE_INFINITY };
  }
  return fault as Fault;
}

/** A queued fault as JSON: `times` Infinity as the string "Infinity". */
function toJson(fault: CheckedFault): object {
  return fault.times === Number.POSITIVE_INFINITY ? { ...fault, times: "Infinity" } : fault;
}
