// The real client against evolve mode, over loopback: a newer API's unknown properties, links, headers and
// authenticationType pass through every call, error and retry untouched, and break none of them.
import {
  AuthenticationError,
  createExportClient,
  type ExportClientOptions,
  type ExportConnection,
  NotFoundError,
  TOP_MAX,
} from "@export-api/client";
import { UNKNOWN_IMODEL_ID } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { EVOLVED_AUTHENTICATION_TYPE } from "../src/core/evolve.js";
import type { MockServer } from "../src/index.js";
import { listConnections } from "./fixtures/http.js";
import { it } from "./fixtures/mock.js";

const CONNECTIONS = 57;

const client = (mock: MockServer, options: ExportClientOptions = {}) =>
  createExportClient({ baseUrl: mock.url, accessToken: "a-long-enough-token", retryBaseDelayMs: 0, ...options });

/** Every connection of the iModel exactly as the mock sends it, in one page read without the client. */
async function sent(mock: MockServer): Promise<ExportConnection[]> {
  const body = await (await listConnections(mock, { imodelId: mock.imodelIds[0]!, $top: TOP_MAX })).json();
  return body.connections;
}

const evolved = (mock: MockServer) => mock.imodelIds[0]!;

describe("the client against evolve mode", () => {
  it("gets one page with every unknown property and the new authenticationType as sent", async ({ startMock }) => {
    const mock = await startMock({ evolve: true, connectionsPerImodel: CONNECTIONS });
    const page = await client(mock).getExportConnections({ imodelId: evolved(mock), top: 10 });
    expect(page).toMatchObject({ totalCount: CONNECTIONS, _links: { first: {}, last: {}, next: {} } });
    expect(page.connections).toEqual((await sent(mock)).slice(0, 10));
    expect(page.connections[3]?.authenticationType).toBe(EVOLVED_AUTHENTICATION_TYPE);
  });

  it("iterates every page to the end: each connection once, Federated ones unchanged", async ({ startMock }) => {
    const mock = await startMock({ evolve: true, connectionsPerImodel: CONNECTIONS });
    const all = await client(mock)
      .iterateExportConnections({ imodelId: evolved(mock), pageSize: 10 })
      .toArray();
    const expected = await sent(mock);
    expect(all).toEqual(expected);
    const federated = all.filter((c) => (c.authenticationType as string) === EVOLVED_AUTHENTICATION_TYPE);
    expect(federated).toHaveLength(expected.filter((_, index) => index % 4 === 3).length);
    expect(federated.length).toBeGreaterThan(0);
  });

  it(".withResponse() gives the page, the response with the new headers, and their correlation id", async ({
    startMock,
  }) => {
    const mock = await startMock({ evolve: true });
    const { data, response, requestId } = await client(mock)
      .getExportConnections({ imodelId: evolved(mock) })
      .withResponse();
    expect(data.connections.length).toBeGreaterThan(0);
    expect(response.headers.get("api-supported-versions")).toBe("1.0, 2.0");
    expect(requestId).toBe(response.headers.get("x-correlation-id"));
    expect(requestId).toMatch(/^[0-9a-f]{8}$/);
  });

  it("no token: an AuthenticationError, whatever the error body adds", async ({ startMock }) => {
    const mock = await startMock({ evolve: true });
    const error = await client(mock, { accessToken: undefined })
      .getExportConnections({ imodelId: evolved(mock) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "HeaderNotFound" });
  });

  it("an unknown iModel: a NotFoundError carrying the API's code", async ({ startMock }) => {
    const mock = await startMock({ evolve: true });
    const error = await client(mock)
      .getExportConnections({ imodelId: UNKNOWN_IMODEL_ID })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: "ConnectionNotFound" });
  });

  it.for([{ status: 503 as const }, { status: 429 as const, retryAfter: 0 }])(
    "retries %j and then pages on as usual",
    async (fault, { startMock }) => {
      const mock = await startMock({ evolve: true, connectionsPerImodel: CONNECTIONS });
      mock.fail(fault);
      const all = await client(mock)
        .iterateExportConnections({ imodelId: evolved(mock), pageSize: 10 })
        .toArray();
      // Six pages of ten, and the one refused attempt before them.
      expect(mock.requests).toHaveLength(Math.ceil(CONNECTIONS / 10) + 1);
      expect(all).toEqual(await sent(mock));
    },
  );
});
