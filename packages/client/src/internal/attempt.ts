// One attempt: one token, one GET, one time limit covering both and the body. openapi-fetch builds the URL
// (./query.ts); the attempt sends it and reads the body itself. It returns the page, or throws
// the typed error that ./classify.ts makes of what it saw; a caller's abort rejects with the signal's reason; a
// token function's own error rejects as it is.
import { type ExportConnectionsResponse, VENDOR_MEDIA_TYPE } from "@export-api/types";
import { TimeoutError } from "../errors.js";
import type { ResolvedClientOptions } from "../options.js";
import { classifyFailure, type FailedAttempt } from "./classify.js";
import { Deadline } from "./deadline.js";
import type { PageResult } from "./page-result.js";
import { describeRequest, type PageQuery, requestUrl } from "./query.js";
import { redactToken } from "./redact.js";
import { requestIdOf } from "./request-id.js";
import { bearer, resolveAccessToken } from "./token.js";

/** The part of the client's resolved options an attempt reads. */
export type AttemptOptions = Pick<
  ResolvedClientOptions,
  "baseUrl" | "accessToken" | "fetch" | "timeoutMs" | "logger" | "userAgent"
>;

export async function attempt(
  options: AttemptOptions,
  query: PageQuery,
  signal: AbortSignal | undefined,
): Promise<PageResult> {
  const deadline = new Deadline(options.timeoutMs, signal);
  try {
    // A string token (the common case) is ready at once: no promise to wait for.
    const resolved = resolveAccessToken(options.accessToken);
    const token = typeof resolved === "object" ? await tokenWithin(deadline, resolved, options, query) : resolved;
    const redact = (text: string) => redactToken(text, token);
    const url = requestUrl(options.baseUrl, query);
    const headers: Record<string, string> = { Accept: VENDOR_MEDIA_TYPE };
    if (token !== undefined) headers.Authorization = bearer(token);
    if (options.userAgent !== undefined) headers["User-Agent"] = options.userAgent;

    let response: Response | undefined;
    let failure: FailedAttempt;
    try {
      const started = options.logger ? Date.now() : 0;
      // The global fetch gets the URL and the attempt's signal: undici builds one Request and follows one
      // signal. A custom fetch gets a Request and the signal beside it (ExportClientOptions.fetch): a Request
      // that followed a signal itself would cost undici a listener, a WeakRef and a finalizer per attempt.
      const sent = options.fetch
        ? options.fetch(new Request(url, { headers }), {
            // Made only if the custom fetch reads it.
            get signal() {
              return deadline.signal;
            },
          })
        : fetch(url, { headers, signal: deadline.signal });
      response = await deadline.race(sent);
      options.logger?.debug(
        `${describeRequest(options.baseUrl, query)} -> ${response.status} in ${Date.now() - started} ms`,
      );
      const text = await deadline.race(response.text());
      // A 2xx must be JSON (a SyntaxError is InvalidResponseBody); an error's body is read if it is JSON at all.
      const body = readJson(text, response.ok);
      if (response.ok && isPage(body)) {
        const requestId = requestIdOf(response.headers);
        return { data: body, response, redact, requestId: requestId && redact(requestId) };
      }
      failure = { request: `GET ${url}`, response, body, timedOut: false };
    } catch (thrown) {
      if (signal?.aborted) throw signal.reason;
      failure = { request: `GET ${url}`, response, thrown, timedOut: deadline.timedOut };
    }
    throw classifyFailure(failure, { redact, timeoutMs: options.timeoutMs });
  } finally {
    deadline.clear();
  }
}

/** A token function's token, within the attempt's time limit: one that never settles is a TimeoutError. */
async function tokenWithin(
  deadline: Deadline,
  resolved: Promise<string>,
  options: AttemptOptions,
  query: PageQuery,
): Promise<string> {
  try {
    return await deadline.race(resolved);
  } catch (error) {
    // The token function's own error, the TypeError for what it returned, or the caller's abort reason.
    if (!deadline.timedOut) throw error;
    throw new TimeoutError(
      `${describeRequest(options.baseUrl, query)}: the access token function did not return within timeoutMs (${options.timeoutMs} ms)`,
    );
  }
}

/** The body as JSON; empty is `undefined`; text that is not JSON throws when `strict`, else is `undefined`. */
function readJson(text: string, strict: boolean): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (strict) throw error;
    return undefined;
  }
}

/** A page as the spec shapes it, as far as paging depends on it: `connections` objects and optional `_links`. */
function isPage(data: unknown): data is ExportConnectionsResponse {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
  const { connections, _links } = data as { connections?: unknown; _links?: unknown };
  if (!Array.isArray(connections)) return false;
  for (const connection of connections) if (typeof connection !== "object" || connection === null) return false;
  return _links === undefined || (typeof _links === "object" && _links !== null);
}
