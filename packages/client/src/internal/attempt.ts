// One attempt: one token, one request through openapi-fetch, one time limit. It returns the page, or throws the
// typed error that ./classify.ts makes of what it saw; a caller's abort rejects with the signal's reason.
import { type ExportConnectionsResponse, type paths, VENDOR_MEDIA_TYPE } from "@export-api/types";
import type { Client } from "openapi-fetch";
import type { AccessToken } from "../client.js";
import { redactToken } from "../redact.js";
import { VERSION } from "../version.js";
import { classifyFailure, type FailedAttempt } from "./classify.js";
import { attemptSignals, untilAborted } from "./deadline.js";
import { describeRequest, type PageQuery } from "./query.js";
import { bearer, resolveAccessToken } from "./token.js";

/** What every attempt of a client shares: set once by createExportClient from its options. */
export interface AttemptContext {
  api: Client<paths>;
  baseUrl: string;
  accessToken: AccessToken | undefined;
  fetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
  logger: { debug(message: string): void } | undefined;
}

export async function attempt(
  context: AttemptContext,
  query: PageQuery,
  signal: AbortSignal | undefined,
): Promise<ExportConnectionsResponse> {
  // The token function's own error rejects the call as it is; a caller's abort wins over a slow token function.
  const token = await untilAborted(resolveAccessToken(context.accessToken), signal);
  signal?.throwIfAborted();
  const request = describeRequest(context.baseUrl, query);
  const { signal: attemptSignal, timeout } = attemptSignals(context.timeoutMs, signal);
  const started = Date.now();
  let failure: FailedAttempt;
  let received: Response | undefined;
  try {
    // untilAborted: the time limit and the abort hold even if a custom fetch ignores the signal.
    const { data, error, response } = await untilAborted(
      context.api.GET("/export/connections", {
        params: { query: { imodelId: query.imodelId, $top: query.top, $skip: query.skip } },
        headers: requestHeaders(token),
        signal: attemptSignal,
        fetch: async (outgoing: Request) => {
          received = await context.fetch(outgoing);
          context.logger?.debug(`${request} -> ${received.status} in ${Date.now() - started} ms`);
          return received;
        },
      }),
      attemptSignal,
    );
    if (response.ok && isPage(data)) return data;
    failure = { request, response, body: response.ok ? data : error, timedOut: false };
  } catch (thrown) {
    if (signal?.aborted) throw signal.reason;
    failure = { request, response: received, thrown, timedOut: timeout.aborted };
  }
  throw classifyFailure(failure, { redact: (text) => redactToken(text, token), timeoutMs: context.timeoutMs });
}

function requestHeaders(token: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { Accept: VENDOR_MEDIA_TYPE };
  if (token !== undefined) headers.Authorization = bearer(token);
  // Browsers set their own User-Agent; in Node we say who we are.
  if (typeof process !== "undefined" && process.versions?.node && typeof window === "undefined") {
    headers["User-Agent"] = `export-api-client/${VERSION} node/${process.versions.node}`;
  }
  return headers;
}

/** A page as the spec shapes it, as far as paging depends on it: `connections` objects and optional `_links`. */
function isPage(data: unknown): data is ExportConnectionsResponse {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
  const { connections, _links } = data as { connections?: unknown; _links?: unknown };
  if (!Array.isArray(connections)) return false;
  if (!connections.every((connection) => typeof connection === "object" && connection !== null)) return false;
  return _links === undefined || (typeof _links === "object" && _links !== null);
}
