// @export-api/mock-server/msw: the mock's core as MSW request handlers, for tests that mock fetch instead of
// listening on a port (setupServer in Node, setupWorker in a browser). Same data set, paging, links, validation,
// errors, faults, request log and evolve mode as startMockServer; only the transport differs.
import { DEFAULT_BASE_URL } from "@export-api/client";
import { validateBaseUrl } from "@export-api/client/internal";
import { delay, type HttpHandler, HttpResponse, http } from "msw";
import { createMockCore, type MockControls } from "./core/mock-core.js";
import { type MockOptions, validateMockOptions } from "./core/options.js";
import type { ResponsePlan } from "./core/plan.js";

export type * from "./core/public-types.js";

export interface MockHandlersOptions extends MockOptions {
  /** Where the handlers answer: `GET <baseUrl>/export/connections` and `<baseUrl>/__mock/*`. Default `https://api.bentley.com`. */
  baseUrl?: string;
}

/** MSW handlers (spread them into `setupServer` or `setupWorker`) that also carry the mock's controls. */
export type MockHandlers = HttpHandler[] &
  MockControls & {
    /** The base URL the handlers answer on. */
    readonly baseUrl: string;
    /** Ends every stalled response with a network error. Safe to call twice. */
    close(): void;
  };

/** Methods whose body the core never reads; for the others, it reads a control request's fault. */
const WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

export function createHandlers(options: MockHandlersOptions = {}): MockHandlers {
  const baseUrl = validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, "baseUrl");
  const { pathname, hostname } = new URL(baseUrl);
  const core = createMockCore(validateMockOptions(options), {
    linkBase: baseUrl,
    basePath: pathname.replace(/\/$/, ""),
    host: hostname,
  });
  const stalled = new Set<() => void>();

  const resolver = async ({ request }: { request: Request }) => {
    // MSW matches paths ignoring case and a trailing slash: any path but the mock's own, exactly, is the app's.
    if (!core.owns(request.url)) return undefined;
    const body = WITHOUT_BODY.has(request.method) ? undefined : new Uint8Array(await request.arrayBuffer());
    const headers = Object.fromEntries(request.headers);
    let plan: ResponsePlan;
    try {
      plan = core.handle({ method: request.method, target: request.url, headers, body });
    } catch {
      plan = core.malformed(500, "InternalServerError", "The mock server failed.");
    }
    return respond(plan, request, stalled);
  };
  // `__mock*`: `/__mock` itself too, as over node:http (the resolver leaves `/__mockery` alone).
  const handlers = [http.all(`${baseUrl}/export/connections`, resolver), http.all(`${baseUrl}/__mock*`, resolver)];

  const controls = core.controls;
  return Object.defineProperties(handlers, {
    baseUrl: { value: baseUrl },
    imodelIds: { value: controls.imodelIds },
    fleet: { value: controls.fleet },
    fail: { value: (fault: Parameters<MockControls["fail"]>[0]) => controls.fail(fault) },
    clearFaults: { value: () => controls.clearFaults() },
    faults: { get: () => controls.faults },
    requests: { get: () => controls.requests },
    clearRequests: { value: () => controls.clearRequests() },
    close: {
      value: () => {
        for (const release of stalled) release();
        stalled.clear();
      },
    },
  }) as MockHandlers;
}

/**
 * The plan as a fetch Response. MSW has no socket, so the socket faults map to what a fetch caller sees:
 * a reset before the headers is `HttpResponse.error()` (fetch rejects with a TypeError); a stall is a response that
 * never comes until the request is aborted or `close()` is called; a reset after the headers, a truncated body and a
 * slow body are body streams that error, stop half way, or arrive in timed parts.
 */
async function respond(plan: ResponsePlan, request: Request, stalled: Set<() => void>): Promise<Response> {
  const { action } = plan;
  const response = (body: Uint8Array | ReadableStream<Uint8Array>) => toResponse(plan, body, request.method);
  switch (action?.kind) {
    case undefined:
      return response(plan.body);
    case "delay":
      await delay(action.ms);
      return response(plan.body);
    case "stall":
      await new Promise<void>((resolve) => {
        stalled.add(resolve);
        request.signal.addEventListener("abort", () => resolve(), { once: true });
      });
      return HttpResponse.error();
    case "reset-before-headers":
      return HttpResponse.error();
    case "reset-after-headers":
      return response(failingStream([]));
    case "truncated-body":
      return response(failingStream([plan.body.subarray(0, Math.floor(plan.body.length / 2))]));
    case "slow-body":
      return response(slowStream(plan.body, action.chunks, action.chunkDelayMs));
  }
}

/** The Response: the plan's status and headers, with the whole body's Content-Length, as node:http sends them. */
function toResponse(plan: ResponsePlan, body: Uint8Array | ReadableStream<Uint8Array>, method: string): Response {
  const headers = { ...plan.headers, "Content-Length": String(plan.body.length) };
  // A 204 has no body (a Response refuses one), and the answer to a HEAD none either (node:http drops it).
  const bodyless = plan.status === 204 || method === "HEAD";
  return new Response(bodyless ? null : (body as BodyInit), { status: plan.status, headers });
}

/** A body that sends `parts`, then fails as a dropped connection does. */
function failingStream(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
    },
    pull(controller) {
      controller.error(new TypeError("The mock dropped the connection before the end of the body."));
    },
  });
}

/** A body in `chunks` parts, each `delayMs` after the one before. */
function slowStream(body: Uint8Array, chunks: number, delayMs: number): ReadableStream<Uint8Array> {
  const size = Math.ceil(body.length / chunks);
  let part = 0;
  return new ReadableStream({
    async pull(controller) {
      await delay(delayMs);
      controller.enqueue(body.subarray(part * size, (part + 1) * size));
      part += 1;
      if (part >= chunks) controller.close();
    },
  });
}
