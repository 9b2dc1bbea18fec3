// Evolve mode: answers like a newer version of the API would, to prove a client is forward compatible. Everything
// it adds is deterministic: properties the spec does not declare on pages, connections, links and errors, an
// `authenticationType` outside the spec's enum on every 4th connection, and extra response headers.
import type { ErrorResponse, ExportConnection, ExportConnectionsResponse } from "@export-api/types";
import { API_PATH, pageLink } from "./links.js";
import { mix32 } from "./random.js";

/** The authentication type a newer API might add; the spec's enum knows only User and Service. */
export const EVOLVED_AUTHENTICATION_TYPE = "Federated";

/** Response headers evolve mode adds, readable by a browser page too. */
export const EVOLVED_HEADERS = ["X-Correlation-Id", "Api-Supported-Versions"] as const;

export interface PagePosition {
  skip: number;
  top: number;
  /** Connections of the iModel. */
  total: number;
  linkBase: string;
}

/** The page with what a newer API version might add: `totalCount`, `first`/`last` links, more per connection. */
export function evolvePage(page: ExportConnectionsResponse, { skip, top, total, linkBase }: PagePosition): object {
  return {
    ...page,
    totalCount: total,
    connections: page.connections.map((connection, i) => evolveConnection(connection, skip + i, linkBase)),
    _links: { ...page._links, first: pageLink(linkBase, 0, top), last: pageLink(linkBase, lastSkip(total, top), top) },
  };
}

/** `$skip` of the last page: the last multiple of `top` below `total` (0 for an empty iModel). */
function lastSkip(total: number, top: number): number {
  return Math.max(0, Math.ceil(total / top) - 1) * top;
}

function evolveConnection(connection: ExportConnection, index: number, linkBase: string): object {
  return {
    ...connection,
    authenticationType: index % 4 === 3 ? EVOLVED_AUTHENTICATION_TYPE : connection.authenticationType,
    // A fixed day per index from 2024-01-01: no clock, so the same seed gives the same page.
    createdDateTime: new Date(Date.UTC(2024, 0, 1 + (index % 365))).toISOString(),
    state: "Active",
    _links: { ...connection._links, runs: { href: `${linkBase}${API_PATH}/${connection.id}/runs` } },
  };
}

/** The error body with an `innerError` and a top-level `traceId`, as a newer API might send. */
export function evolveError(body: ErrorResponse, correlationId: string): object {
  return { ...body, error: { ...body.error, innerError: { requestId: correlationId } }, traceId: correlationId };
}

/** The extra headers of the `sequence`th response: a correlation id derived from the count, so runs repeat. */
export function evolvedHeaders(sequence: number): Record<string, string> {
  return {
    "X-Correlation-Id": mix32(sequence).toString(16).padStart(8, "0"),
    "Api-Supported-Versions": "1.0, 2.0",
  };
}
