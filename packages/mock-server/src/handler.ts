// The request handler: GET /export/connections as the API answers it. Checks run in this order: CORS
// preflight, path, method, rate limit, bearer token, query parameters, iModel; then a page with its links.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ExportConnectionsResponse, Links } from "@export-api/types";
import { ALLOWED_METHODS, answerPreflight, setCorsHeaders } from "./cors.js";
import type { DataSet } from "./data.js";
import { readQuery } from "./query.js";
import type { FixedWindow } from "./rate-limit.js";
import { sendError, sendJson } from "./responses.js";

export const PATH = "/export/connections";

export interface HandlerContext {
  data: DataSet;
  /** Origin (and optional path prefix) of every `_links` href, without a trailing slash. */
  linkBase: () => string;
  rateLimit: FixedWindow | undefined;
}

export function createHandler(context: HandlerContext) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    try {
      handle(context, request, response);
    } catch {
      sendError(request, response, 500, { code: "InternalServerError", message: "The mock server failed." });
    }
  };
}

function handle({ data, linkBase, rateLimit }: HandlerContext, request: IncomingMessage, response: ServerResponse) {
  setCorsHeaders(response);
  if (request.method === "OPTIONS") return answerPreflight(response);

  const url = new URL(request.url ?? "/", "http://mock.invalid");
  if (url.pathname !== PATH) {
    return sendError(request, response, 404, {
      code: "ResourceNotFound",
      message: `No resource at ${url.pathname}; this server has only GET ${PATH}.`,
    });
  }
  if (request.method !== "GET") {
    return sendError(
      request,
      response,
      405,
      { code: "MethodNotAllowed", message: `${request.method} is not allowed on ${PATH}.` },
      { Allow: ALLOWED_METHODS },
    );
  }

  const decision = rateLimit?.take();
  if (decision && !decision.allowed) {
    return sendError(
      request,
      response,
      429,
      { code: "TooManyRequests", message: "More requests were received than the subscription rate-limit allows." },
      { "Retry-After": String(decision.retryAfterSeconds) },
    );
  }

  if (!/^Bearer\s+\S/i.test(request.headers.authorization ?? "")) {
    return sendError(
      request,
      response,
      401,
      { code: "HeaderNotFound", message: "Header Authorization was not found in the request. Access denied." },
      { "WWW-Authenticate": "Bearer" },
    );
  }

  const read = readQuery(url.searchParams);
  if (!read.ok) {
    return sendError(request, response, 422, {
      code: "InvalidConnectionsRequest",
      message: "Cannot perform operation.",
      details: read.details,
    });
  }

  const { imodelId, top, skip } = read.query;
  const imodel = data.find(imodelId);
  if (!imodel) {
    return sendError(request, response, 404, {
      code: "ConnectionNotFound",
      message: "Requested iModelId is not available.",
    });
  }

  const base = linkBase();
  const body: ExportConnectionsResponse = {
    connections: data.page(imodel, skip, top, base),
    _links: pageLinks(base, skip, top, data.connectionsPerImodel),
  };
  sendJson(request, response, 200, body);
}

/** Absolute links carrying only `$skip` and `$top`, like the API's; no `prev` on the first page, no `next` on the last. */
export function pageLinks(base: string, skip: number, top: number, total: number): Links {
  const href = (at: number) => ({ href: `${base}${PATH}?$skip=${at}&$top=${top}` });
  const links: Links = { self: href(skip) };
  if (skip > 0) links.prev = href(Math.max(0, skip - top));
  if (skip + top < total) links.next = href(skip + top);
  return links;
}
