// Evolve mode answers like a newer API version; without it, every page keeps to the spec.
import { IMODEL_ID, validateError, validatePage } from "@export-api/test-utils";
import { TOP_MAX } from "@export-api/types";
import { describe, expect } from "vitest";
import type { MockServer } from "../src/index.js";
import { follow, listConnections } from "./fixtures/http.js";
import { it } from "./fixtures/mock.js";

const page = async (mock: MockServer, query: Record<string, string | number> = {}) =>
  (await listConnections(mock, { imodelId: IMODEL_ID, ...query })).json();

describe("evolve: true", () => {
  it("adds properties the spec does not declare to the page, its connections and links", async ({ startMock }) => {
    const mock = await startMock({ evolve: true, connectionsPerImodel: 25 });
    const body = await page(mock, { $top: 10, $skip: 10 });
    expect(body.totalCount).toBe(25);
    expect(body._links.first.href).toBe(`${mock.url}/export/connections?$skip=0&$top=10`);
    expect(body._links.last.href).toBe(`${mock.url}/export/connections?$skip=20&$top=10`);
    for (const connection of body.connections) {
      expect(connection.state).toBe("Active");
      expect(connection.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/);
      expect(connection._links.runs.href).toBe(`${mock.url}/export/connections/${connection.id}/runs`);
    }
  });

  it('gives every 4th connection an authenticationType outside the spec\'s enum ("Federated")', async ({
    startMock,
  }) => {
    const mock = await startMock({ evolve: true, connectionsPerImodel: 12 });
    const types = (await page(mock)).connections.map((c: { authenticationType: string }) => c.authenticationType);
    expect(
      types.map((type: string, index: number) => (index % 4 === 3 ? type === "Federated" : type !== "Federated")),
    ).toEqual(Array(12).fill(true));
  });

  it("breaks the spec only where a newer version would: with the new enum value put back, pages validate", async ({
    startMock,
  }) => {
    const mock = await startMock({ evolve: true });
    const body = await page(mock);
    expect(validatePage(body).valid).toBe(false);
    expect(validatePage(body).errors).toContain("authenticationType");
    for (const connection of body.connections) connection.authenticationType = "User";
    expect(validatePage(body)).toEqual({ valid: true, errors: "null" });
  });

  it("adds an innerError and a traceId to error bodies, and extra headers (exposed to browsers) to every answer", async ({
    startMock,
  }) => {
    const mock = await startMock({ evolve: true });
    const response = await listConnections(mock, { imodelId: IMODEL_ID }, {});
    const body = await response.json();
    expect(response.status).toBe(401);
    expect(validateError(body).valid).toBe(true);
    const correlationId = response.headers.get("x-correlation-id");
    expect(correlationId).toMatch(/^[0-9a-f]{8}$/);
    expect(body.error.innerError).toEqual({ requestId: correlationId });
    expect(body.traceId).toBe(correlationId);
    expect(response.headers.get("api-supported-versions")).toBe("1.0, 2.0");
    expect(response.headers.get("access-control-expose-headers")).toBe(
      "Retry-After, X-Correlation-Id, Api-Supported-Versions",
    );
  });

  it("is deterministic: the same seed gives the same bodies and headers", async ({ startMock }) => {
    const a = await startMock({ evolve: true, seed: 9, linkBaseUrl: "https://api.bentley.com" });
    const b = await startMock({ evolve: true, seed: 9, linkBaseUrl: "https://api.bentley.com" });
    for (const mock of [a, b]) await page(mock);
    const [ra, rb] = [
      await listConnections(a, { imodelId: IMODEL_ID }),
      await listConnections(b, { imodelId: IMODEL_ID }),
    ];
    expect(await ra.text()).toBe(await rb.text());
    expect(ra.headers.get("x-correlation-id")).toBe(rb.headers.get("x-correlation-id"));
  });
});

describe("without evolve", () => {
  it("every page of every iModel validates against the spec, whatever the page size", async ({ startMock }) => {
    const mock = await startMock({ connectionsPerImodel: 57, imodels: 2 });
    for (const imodelId of mock.imodelIds) {
      for (const $top of [1, 7, 50, TOP_MAX]) {
        let response = await listConnections(mock, { imodelId, $top });
        let count = 0;
        for (;;) {
          const body = await response.json();
          expect(validatePage(body)).toEqual({ valid: true, errors: "null" });
          expect(Object.keys(body)).toEqual(["connections", "_links"]);
          count += body.connections.length;
          if (!body._links.next) break;
          response = await follow(mock, body._links.next.href, imodelId);
        }
        expect(count).toBe(57);
      }
    }
  });

  it("sends none of evolve's headers", async ({ startMock }) => {
    const mock = await startMock();
    const response = await listConnections(mock, { imodelId: IMODEL_ID });
    expect(response.headers.get("x-correlation-id")).toBeNull();
    expect(response.headers.get("access-control-expose-headers")).toBe("Retry-After");
  });
});

describe("evolve: true, pinned", () => {
  it("dates connection n on day n of a 365-day cycle from 2024-01-01, the same on every run", async ({ startMock }) => {
    const mock = await startMock({ evolve: true, connectionsPerImodel: 400 });
    const dates = (await page(mock, { $top: 400 })).connections.map(
      (connection: { createdDateTime: string }) => connection.createdDateTime,
    );
    expect([dates[0], dates[1], dates[59], dates[364], dates[365], dates[366]]).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-01-02T00:00:00.000Z",
      "2024-02-29T00:00:00.000Z",
      "2024-12-30T00:00:00.000Z",
      "2024-01-01T00:00:00.000Z",
      "2024-01-02T00:00:00.000Z",
    ]);
  });

  it("gives the answers of a fresh mock the same X-Correlation-Ids, always 8 hex digits (zero-padded)", async ({
    startMock,
  }) => {
    const mock = await startMock({ evolve: true });
    const ids: (string | null)[] = [];
    for (let i = 0; i < 34; i++)
      ids.push((await listConnections(mock, { imodelId: IMODEL_ID }, {})).headers.get("x-correlation-id"));
    expect(ids.slice(0, 3)).toEqual(["514e28b7", "30f4c306", "85f0b427"]);
    expect(ids[33]).toBe("02ab380e"); // the 34th: its number has 7 hex digits
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}$/);
  });
});
