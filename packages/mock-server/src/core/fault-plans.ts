// What each fault sends. Three families:
// - answers of their own (status, stall, reset-before-headers, not-json, html-error, echo-authorization), whatever
//   the request;
// - page faults (wrong-content-type, wrong-shape, empty-pages, next-repeats, next-goes-back), which change a 200
//   page and leave any other answer as it is;
// - delivery faults (delay, slow-body, truncated-body, reset-after-headers), which send the normal answer badly.
import type { ExportConnectionsResponse } from "@export-api/types";
import { type Answer, buildPage, type EndpointContext } from "./endpoint.js";
import { errorForStatus } from "./errors.js";
import type { CheckedFault } from "./faults.js";
import { pageLink } from "./links.js";
import type { ResponsePlan } from "./plan.js";
import { utf8 } from "./responder.js";

export interface FaultContext {
  endpoint: EndpointContext;
  /** The request's Authorization header, for echo-authorization. */
  authorization: string | undefined;
  contentType: string;
  /** The normal answer, computed only when a fault needs it. */
  answer: () => Answer;
}

/** Parts of a slow body. */
export const SLOW_BODY_CHUNKS = 10;

/** A plan with no response at all, for the transport to act on. */
const NOTHING = { status: 0, headers: {}, body: new Uint8Array(0) };

export function playFault(fault: CheckedFault, context: FaultContext): ResponsePlan {
  const { responder } = context.endpoint;
  switch (fault.kind) {
    case "status": {
      const headers: Record<string, string> = {};
      if (fault.status === 429 || fault.retryAfter !== undefined) headers["Retry-After"] = fault.retryAfter ?? "0";
      if (fault.status === 401) headers["WWW-Authenticate"] = "Bearer";
      return responder.error(fault.status, errorForStatus(fault.status), context.contentType, headers);
    }
    case "stall":
      return { ...NOTHING, action: { kind: "stall" } };
    case "reset-before-headers":
      return { ...NOTHING, action: { kind: "reset-before-headers" } };
    case "not-json":
      return responder.bytes(200, utf8("This is not JSON: the mock's not-json fault."), context.contentType);
    case "html-error":
      return responder.bytes(fault.status, utf8(htmlPage(fault.status)), "text/html; charset=utf-8");
    case "echo-authorization":
      return echoAuthorization(fault.status, context);
    case "delay":
      return { ...context.answer().plan, action: { kind: "delay", ms: fault.ms } };
    case "slow-body":
      return {
        ...context.answer().plan,
        action: { kind: "slow-body", chunks: SLOW_BODY_CHUNKS, chunkDelayMs: fault.chunkDelayMs },
      };
    case "truncated-body":
      return { ...context.answer().plan, action: { kind: "truncated-body" } };
    case "reset-after-headers":
      return { ...context.answer().plan, action: { kind: "reset-after-headers" } };
    default:
      return changePage(fault.kind, context);
  }
}

function changePage(
  kind: "wrong-content-type" | "wrong-shape" | "empty-pages" | "next-repeats" | "next-goes-back",
  context: FaultContext,
): ResponsePlan {
  const normal = context.answer();
  if (!normal.page) return normal.plan;
  if (kind === "wrong-content-type") {
    return { ...normal.plan, headers: { ...normal.plan.headers, "Content-Type": "text/plain; charset=utf-8" } };
  }
  const { endpoint, contentType } = context;
  const { imodel, query } = normal.page;
  const { skip, top } = query;
  const page = buildPage(endpoint, imodel, query);
  const link = (at: number) => pageLink(endpoint.linkBase, at, top);
  let body: unknown;
  if (kind === "wrong-shape") {
    // An OData-style envelope: the right data under the wrong names.
    body = { value: page.connections, "@odata.nextLink": page._links.next?.href ?? null };
  } else if (kind === "empty-pages") {
    // No connections, and a next link that always moves on: a client that follows it never reaches an end.
    body = { connections: [], _links: { self: link(skip), next: link(skip + top) } };
  } else {
    // next-repeats points at this page again; next-goes-back at the page before (on the first page, itself).
    const next = kind === "next-repeats" ? link(skip) : link(Math.max(0, skip - top));
    body = { ...page, _links: { ...page._links, next } } satisfies ExportConnectionsResponse;
  }
  return endpoint.responder.json(200, body, contentType);
}

function echoAuthorization(status: number, { endpoint, authorization, contentType }: FaultContext): ResponsePlan {
  const sent = authorization ?? "";
  const error = {
    code: "InvalidAuthorization",
    message: `The Authorization header ${JSON.stringify(sent)} is not valid.`,
    target: "Authorization",
    details: [{ code: "InvalidValue", message: `Received Authorization: ${sent}`, target: "Authorization" }],
  };
  return endpoint.responder.error(status, error, contentType, status === 401 ? { "WWW-Authenticate": "Bearer" } : {});
}

function htmlPage(status: number): string {
  return `<!DOCTYPE html>
<html>
<head><title>${status} Error</title></head>
<body>
<h1>${status} Error</h1>
<p>The gateway could not complete your request. (The mock's html-error fault.)</p>
</body>
</html>
`;
}
