// What several test files share (not a test file itself): clients with a log, the handlers the retry tests
// answer with, every rendering of an error, next links and pages as a server writes them, and the property tests'
// settings and generators.
import { inspect } from "node:util";
import {
  apiError,
  type Handler,
  IMODEL_ID,
  PUBLIC_HOST,
  page,
  propertySettings,
  type Serve,
  sendJson,
  type TestServer,
} from "@export-api/test-utils";
import fc from "fast-check";
import { expect } from "vitest";
import { createExportClient, type ExportClientOptions } from "../src/index.js";

/** The token of setupClient's client: no error and no log line may show it. */
export const TOKEN = "hostile-token.Zm9vYmFy-7f3a";

/** A server answering every request with `handler`, and a client of it (TOKEN, 1 ms backoff) that logs to `lines`. */
export async function setupClient(serve: Serve, handler: Handler, options: ExportClientOptions = {}) {
  const server = await serve(handler);
  const lines: string[] = [];
  const client = createExportClient({
    baseUrl: server.url,
    accessToken: TOKEN,
    retryBaseDelayMs: 1,
    logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    ...options,
  });
  return { server, client, lines };
}

/** A server answering every request with `handler`, and a client of it that keeps its warn lines (one per retry). */
export async function clientFor(serve: Serve, handler: Handler, options: ExportClientOptions = {}) {
  const server = await serve(handler);
  const warnings: string[] = [];
  const client = createExportClient({
    baseUrl: server.url,
    accessToken: "token-for-retries",
    retryBaseDelayMs: 1,
    logger: { debug: () => {}, warn: (line) => warnings.push(line) },
    ...options,
  });
  return { client, server, warnings };
}

/** A client of `url` that does not retry. */
export const clientWithoutRetries = (url: string) => createExportClient({ baseUrl: url, maxRetries: 0 });

/** One call with retries off to `server`; resolves to the error. */
export function failingCall(server: TestServer): Promise<any> {
  const client = createExportClient({ baseUrl: server.url, accessToken: "token-for-errors", maxRetries: 0 });
  return client.getExportConnections({ imodelId: IMODEL_ID }).then(
    (page) => expect.unreachable(`resolved with ${JSON.stringify(page)}`),
    (error: unknown) => error,
  );
}

/** One page of the test iModel. */
export const get = (client: ReturnType<typeof createExportClient>) =>
  client.getExportConnections({ imodelId: IMODEL_ID });

/** Answers with a page holding the connection "ok". */
export const ok: Handler = (_request, response) => sendJson(response, 200, page(["ok"]));

/** Answers with this error status and the documented error body. */
export const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_request, response) =>
    sendJson(response, code, apiError(`Status${code}`, `status ${code}`), headers);

/** Every way an error is commonly turned into text, its cause chain included. */
export function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown };
  const causes: string[] = [];
  for (let cause = e.cause as Error | undefined, depth = 0; cause && depth < 5; cause = cause.cause as Error, depth++) {
    causes.push(String(cause), cause.message ?? "", cause.stack ?? "", inspect(cause, { depth: 5 }));
  }
  return [e.message, String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 }), ...causes];
}

/** A next link on the public host the server's links name: with this query, or with this `$skip` and `$top`. */
export function link(query: string): string;
export function link(skip: number, top?: number): string;
export function link(queryOrSkip: string | number, top = 2): string {
  const query = typeof queryOrSkip === "string" ? queryOrSkip : `$skip=${queryOrSkip}&$top=${top}`;
  return `${PUBLIC_HOST}/export/connections?${query}`;
}

/** The paging parameters a request carried: `[$skip, $top]`, `null` for one it did not. */
export const paging = (request: { url: URL }) => [
  request.url.searchParams.get("$skip"),
  request.url.searchParams.get("$top"),
];

/** A page's `_links`: its self, and a next link when given. */
export const links = (next?: string) => ({
  self: { href: `${PUBLIC_HOST}/export/connections` },
  ...(next ? { next: { href: next } } : {}),
});

/** A page of one connection, "a", with a next link when given. */
export const aPage = (next?: string) => ({ connections: page(["a"]).connections, _links: links(next) });

// The property tests: fast-check over at least 1,000 generated cases each, with a fixed seed (FC_SEED explores
// others; see test-utils' propertySettings). No sockets: a custom fetch answers from memory, so each case costs
// microseconds.

export const settings = propertySettings();
/** A ceiling for a thousand cases on a loaded machine, not a measure: each property takes a second or two. */
export const PROPERTY_TIMEOUT_MS = 120_000;
export const BASE_URL = "https://api.example.test/gateway";

/** A page as the API writes it, with a next link when given. */
export function pageBody(ids: string[], next?: unknown): string {
  return JSON.stringify({
    connections: ids.map((id) => ({
      id,
      displayName: id,
      iModelId: IMODEL_ID,
      iTwinId: "t",
      authenticationType: "User",
      _links: {},
    })),
    _links: {
      self: { href: `${BASE_URL}/export/connections` },
      ...(next === undefined ? {} : { next: { href: next } }),
    },
  });
}

/** A JSON response, for a custom fetch. */
export const json = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "application/json", ...headers } });

/** Any value a caller might pass as a parameter or an option. */
export const anyValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(undefined, null, true, "", " ", Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, {}, [], () => 1),
  fc.anything(),
);
