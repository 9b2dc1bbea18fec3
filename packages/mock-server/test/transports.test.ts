// One core, two transports: every documented request class is sent to startMockServer (node:http) and to
// createHandlers under msw's setupServer, at the same base URL, and the answers are compared: the status, the headers
// a client or a browser reads, and the body, byte for byte (or how reading it fails). Then the request logs.
// MSW cannot play a socket, so the socket faults are compared by what a fetch caller sees (README, "MSW").
import { IMODEL_ID } from "@export-api/test-utils";
import { TOP_MAX } from "@export-api/types";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fault, type LoggedRequest, type MockOptions, type MockServer, startMockServer } from "../src/index.js";
import { createHandlers } from "../src/msw.js";

// Captured before MSW replaces the global fetch: requests through it reach the node:http server.
const nodeFetch = globalThis.fetch;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

/** The headers compared: what a client reads (paging, errors, retries) and what a browser's CORS check reads. */
const KEY_HEADERS = [
  "content-type",
  "content-length",
  "cache-control",
  "allow",
  "retry-after",
  "www-authenticate",
  "vary",
  "access-control-allow-origin",
  "access-control-expose-headers",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "access-control-max-age",
  "x-correlation-id",
  "api-supported-versions",
];

/** A request of a case; `path` is appended to the base URL both transports answer on. */
interface Exchange {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Abort the request after this many ms (a stall). */
  abortAfterMs?: number;
}

interface Case {
  options?: MockOptions;
  /** Faults queued on both before the requests. */
  faults?: Fault[];
  requests: Exchange[];
}

const AUTH = { Authorization: "Bearer transport-token-0123456789" };
const API = "/export/connections";
const page = (query = `imodelId=${IMODEL_ID}`) => `${API}?${query}`;
const get = (path: string, headers: Record<string, string> = AUTH): Exchange => ({ path, headers });
const withFault = (fault: Fault, requests: Exchange[] = [get(page(`imodelId=${IMODEL_ID}&$top=5`))]): Case => ({
  faults: [fault],
  requests,
});
const control = (method: string, path: string, body?: string | Uint8Array, headers?: Record<string, string>) => ({
  method,
  path: `/__mock${path}`,
  body,
  headers,
});

/** A fleet with every fault class; its ids come from the options alone (the core is seeded), read here once. */
const FLEET: MockOptions = {
  imodels: 40,
  seed: 5,
  connectionsPerImodel: 30,
  fleet: true,
  fleetFaults: { rate: 0.2, retryAfter: 2 },
  rateLimit: { limit: 100, windowMs: 60_000 },
};
const fleet = createHandlers(FLEET).fleet;
const fleetIds = createHandlers(FLEET).imodelIds;
const [gone, forbidden] = [fleet.gone[0]!, fleet.forbidden[0]!];
const flaky503 = fleet.flaky.find((imodel) => imodel.status === 503)!.imodelId;
const flaky429 = fleet.flaky.find((imodel) => imodel.status === 429)!.imodelId;
const fullest = fleetIds[fleet.connections.indexOf(Math.max(...fleet.connections))]!;
const emptiest = fleetIds[fleet.connections.indexOf(0)]!;

const CASES: Record<string, Record<string, Case>> = {
  paging: {
    "the first page, by default 100": { options: { connectionsPerImodel: 120 }, requests: [get(page())] },
    "every page, following $skip": {
      options: { connectionsPerImodel: 23 },
      requests: [0, 10, 20, 30].map((skip) => get(page(`imodelId=${IMODEL_ID}&$top=10&$skip=${skip}`))),
    },
    [`$top=${TOP_MAX}, an iModel id in upper case, the vendor media type`]: {
      requests: [
        get(page(`imodelId=${IMODEL_ID.toUpperCase()}&$top=${TOP_MAX}`), {
          ...AUTH,
          Accept: "application/vnd.bentley.itwin-platform.v1+json",
        }),
      ],
    },
    "$skip=2^53-1": { requests: [get(page(`imodelId=${IMODEL_ID}&$skip=${Number.MAX_SAFE_INTEGER}`))] },
    "links on linkBaseUrl": {
      options: { linkBaseUrl: "https://api.bentley.com" },
      requests: [get(page(`imodelId=${IMODEL_ID}&$top=2`))],
    },
    "evolve mode": {
      options: { evolve: true, connectionsPerImodel: 9 },
      requests: [get(page(`imodelId=${IMODEL_ID}&$top=4&$skip=4`)), get(page("imodelId=nope"))],
    },
  },
  errors: {
    "401 without a token, and with another scheme": {
      requests: [get(page(), {}), get(page(), { Authorization: "Basic dXNlcjpwYXNz" })],
    },
    "404 for an unknown iModel": { requests: [get(page("imodelId=00000000-0000-4000-8000-000000000000"))] },
    "405 for every other method, with Allow; HEAD without a body": {
      requests: ["POST", "PUT", "PATCH", "DELETE", "HEAD"].map((method) => ({
        method,
        path: page(),
        headers: AUTH,
        body: method === "HEAD" ? undefined : "{}",
      })),
    },
    "422 for each invalid parameter": {
      requests: [
        get(API),
        get(page("imodelId=not-a-guid&$top=0&$skip=-1")),
        get(page(`imodelId=${IMODEL_ID}&$top=5&$top=6`)),
        get(page(`imodelId=%E0%A4%A&$top=1e3`)),
        get(page(`imodelId=${IMODEL_ID}&%ED%A0%80=1`)),
      ],
    },
    "422 for Schemathesis's 6,271-character query": { requests: [get(page(Array(784).fill("$skip=0").join("&")))] },
    "429 past the rate limit": {
      options: { rateLimit: { limit: 2, windowMs: 60_000 } },
      requests: [get(page()), get(page()), get(page()), get(page(), {})],
    },
    "413 for a body over 64 KiB, also on the API path": {
      requests: [{ method: "POST", path: page(), headers: AUTH, body: "x".repeat(64 * 1024 + 1) }],
    },
  },
  faults: {
    ...Object.fromEntries(
      ([401, 403, 404, 422, 429, 500, 502, 503, 504] as const).map((status) => [
        `status ${status}`,
        withFault({ status }),
      ]),
    ),
    "503 with Retry-After as a date, twice": withFault(
      { status: 503, retryAfter: new Date(Date.UTC(2030, 0, 2)), times: 2 },
      [get(page()), get(page()), get(page())],
    ),
    "one iModel only": withFault({ status: 500, imodelId: IMODEL_ID }, [
      get(page("imodelId=00000000-0000-4000-8000-000000000000")),
      get(page()),
    ]),
    ...Object.fromEntries(
      (
        [
          { kind: "not-json" },
          { kind: "html-error" },
          { kind: "html-error", status: 504 },
          { kind: "wrong-content-type" },
          { kind: "wrong-shape" },
          { kind: "empty-pages" },
          { kind: "next-repeats" },
          { kind: "next-goes-back" },
          { kind: "echo-authorization" },
          { kind: "delay", ms: 1 },
          { kind: "slow-body", chunkDelayMs: 1 },
          { kind: "reset-before-headers" },
          { kind: "reset-after-headers" },
          { kind: "truncated-body" },
        ] as Fault[]
      ).map((fault) => [JSON.stringify(fault), withFault(fault)]),
    ),
    "a page fault on an answer that is not a page": withFault({ kind: "wrong-shape" }, [get(page(), {}), get(page())]),
    "stall, until the caller gives up": withFault({ kind: "stall" }, [
      { path: page(), headers: AUTH, abortAfterMs: 100 },
      get(page()),
    ]),
  },
  "a fleet": {
    "gone, forbidden, flaky (three times each), varied counts, the fleet's control resource": {
      options: FLEET,
      requests: [
        ...[gone, forbidden, flaky503, flaky429].flatMap((id) => [0, 1, 2].map(() => get(page(`imodelId=${id}`)))),
        get(page(`imodelId=${fullest}&$top=30&$skip=30`)),
        get(page(`imodelId=${emptiest}`)),
        control("GET", "/fleet"),
      ],
    },
  },
  Prefer: {
    "code=503, code=429, code=2xx, a code it cannot play, no code": {
      requests: ["code=503", "code=429", 'code="200"', "code=418", "code=abc", "return=minimal"].map((prefer) =>
        get(page(), { ...AUTH, Prefer: prefer }),
      ),
    },
    "a queued fault comes before Prefer": withFault({ status: 502 }, [
      get(page(), { ...AUTH, Prefer: "code=503" }),
      get(page(), { ...AUTH, Prefer: "code=503" }),
    ]),
  },
  "the control path": {
    "POST, GET and DELETE faults; a request in between": {
      requests: [
        control("POST", "/faults", JSON.stringify({ status: 503, times: "Infinity", imodelId: IMODEL_ID })),
        control("GET", "/faults"),
        get(page()),
        control("DELETE", "/faults"),
        control("GET", "/faults"),
        get(page()),
      ],
    },
    "bad faults: not JSON, not UTF-8, unknown kinds, a misspelt field, over 64 KiB": {
      requests: [
        control("POST", "/faults", "status=503"),
        control("POST", "/faults", new Uint8Array([0x7b, 0xff, 0x7d])),
        control("POST", "/faults", JSON.stringify({ kind: "constructor" })),
        control("POST", "/faults", JSON.stringify({ kind: "\u202estall" })),
        control("POST", "/faults", JSON.stringify({ status: 503, time: 2 })),
        control("POST", "/faults", JSON.stringify({ status: 503, pad: " ".repeat(64 * 1024) })),
        control("POST", "/faults"),
      ],
    },
    "the request log, with tokens in the query and terminal controls": {
      requests: [
        get(page(`imodelId=${IMODEL_ID}&access_token=secret-in-the-query&note=%C2%9B2J%E2%80%AE`)),
        control("GET", "/requests"),
        control("DELETE", "/requests"),
        control("GET", "/requests"),
      ],
    },
    "other resources and methods: 404, 405 with Allow, HEAD without a body": {
      requests: [
        control("GET", ""),
        control("GET", "/"),
        control("GET", "/faults/"),
        control("GET", "/FAULTS"),
        control("POST", "/reset"),
        control("PUT", "/faults", "{}"),
        control("POST", "/requests", "{}"),
        control("HEAD", "/faults"),
        control("GET", "/requests?since=0"),
      ],
    },
    "pages: none allowed by default, an allowed origin, its own origin, preflights": {
      options: { controlOrigins: ["http://localhost:5173"] },
      requests: [
        control("POST", "/faults", '{"status":503}', { Origin: "http://evil.example" }),
        control("POST", "/faults", '{"status":503}', { Origin: "http://localhost:5173" }),
        control("GET", "/requests", undefined, { Origin: "http://localhost:5173" }),
        control("OPTIONS", "/faults", undefined, {
          Origin: "http://localhost:5173",
          "Access-Control-Request-Method": "DELETE",
        }),
        control("OPTIONS", "/faults", undefined, {
          Origin: "http://evil.example",
          "Access-Control-Request-Method": "DELETE",
        }),
        control("DELETE", "/faults", undefined, { Origin: "http://evil.example" }),
        control("GET", "/faults"),
      ],
    },
    "not faulted, not rate limited, not logged": {
      options: { rateLimit: { limit: 0, windowMs: 60_000 } },
      faults: [{ status: 500, times: Number.POSITIVE_INFINITY }],
      requests: [control("GET", "/faults"), control("GET", "/requests"), get(page())],
    },
  },
  "HEAD and OPTIONS": {
    "a CORS preflight of the API, from any origin": {
      requests: [
        {
          method: "OPTIONS",
          path: page(),
          headers: {
            Origin: "http://app.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization,prefer",
          },
        },
        { method: "OPTIONS", path: API },
      ],
    },
    "HEAD of a page and of a control resource": {
      requests: [{ method: "HEAD", path: page(), headers: AUTH }, control("HEAD", "/requests")],
    },
  },
  "a failure of the mock itself": {
    "a clock that throws: 500 InternalServerError": {
      options: {
        now: () => {
          throw new Error("the clock broke");
        },
      },
      requests: [get(page()), control("GET", "/faults")],
    },
  },
  "odd paths the mock owns": {
    "an empty query, stray ampersands, a percent-encoded name, a fragment": {
      requests: [
        get(`${API}?`),
        get(page(`&&imodelId=${IMODEL_ID}&&$top=3&`)),
        get(page(`imodelId=${IMODEL_ID}&%24top=3`)),
        get(`${page(`imodelId=${IMODEL_ID}&$top=3`)}#fragment`),
        get(page(`imodelId=${IMODEL_ID}&$top=+3`)),
        get(page(`imodelId=${IMODEL_ID}&$top=3&imodelId=${IMODEL_ID}`)),
      ],
    },
  },
};

/** What a fetch caller sees of an answer. */
type Seen =
  | { status: number; headers: Record<string, string | null>; body: string }
  | { rejected: string; message?: string };

async function exchange(fetcher: typeof fetch, base: string, request: Exchange): Promise<Seen> {
  const signal = request.abortAfterMs === undefined ? undefined : AbortSignal.timeout(request.abortAfterMs);
  let response: Response;
  try {
    response = await fetcher(`${base}${request.path}`, {
      method: request.method ?? "GET",
      // An Accept of its own on every request: undici adds `*/*` on the wire, where MSW does not see it.
      headers: { Accept: "application/json", ...request.headers },
      body: request.body as BodyInit | undefined,
      signal,
    });
  } catch (error) {
    return { rejected: (error as Error).name };
  }
  const headers = Object.fromEntries(KEY_HEADERS.map((name) => [name, response.headers.get(name)]));
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    body = `the body failed with a ${(error as Error).name}`;
  }
  const log = requestLog(body);
  if (log === undefined) return { status: response.status, headers, body };
  // Its length depends on the headers logged, compared without those undici adds (below).
  return { status: response.status, headers: { ...headers, "content-length": null }, body: log };
}

/**
 * The request log's JSON, with only the headers the test sent: node:http also logs those undici adds on the wire
 * (host, connection, user-agent), which MSW, handed the Request before it is sent, never sees. `undefined` for any
 * other body.
 */
function requestLog(body: string): string | undefined {
  if (!body.startsWith('{"requests":')) return undefined;
  const log = JSON.parse(body) as { requests: LoggedRequest[] };
  return JSON.stringify({ requests: log.requests.map(sentHeadersOnly) });
}

const SENT = new Set(["authorization", "prefer", "accept", "origin"]);
function sentHeadersOnly(entry: LoggedRequest): LoggedRequest {
  return {
    ...entry,
    headers: Object.fromEntries(Object.entries(entry.headers).filter(([name]) => SENT.has(name))),
  };
}

const CLOCK = () => Date.UTC(2030, 0, 2, 3, 4, 5);

describe.each(Object.entries(CASES))("both transports answer the same: %s", (_, cases) => {
  it.each(Object.entries(cases))("%s", async (_, { options = {}, faults = [], requests }) => {
    const node: MockServer = await startMockServer({ now: CLOCK, ...options });
    const msw = createHandlers({ now: CLOCK, ...options, baseUrl: node.url });
    server.resetHandlers(...msw);
    try {
      for (const fault of faults) {
        node.fail(fault);
        msw.fail(fault);
      }
      for (const request of requests) {
        const overHttp = await exchange(nodeFetch, node.url, request);
        const underMsw = await exchange(globalThis.fetch, node.url, request);
        expect(underMsw, `${request.method ?? "GET"} ${request.path.slice(0, 120)}`).toEqual(overHttp);
      }
      expect(msw.requests.map(sentHeadersOnly)).toEqual(node.requests.map(sentHeadersOnly));
      expect(msw.faults).toEqual(node.faults);
    } finally {
      msw.close();
      await node.close();
    }
  });
});

it("sends the node:http requests past MSW, and the others to it", () => {
  expect(globalThis.fetch).not.toBe(nodeFetch);
});
