// Provider verification against @export-api/mock-server: every scenario passes, and Prism's validation proxy
// finds nothing wrong with any request or response of the run. The runs share one pair of Prism proxies in
// front of a relay pointed at each mock server in turn.

import { createExportClient, type ExportConnectionsResponse, TOP_MAX, TOP_MIN } from "@export-api/client";
import { type MockServer, startMockServer } from "@export-api/mock-server";
import { isAlive, spec } from "@export-api/test-utils";
import { describe, expect, it } from "vitest";
import { type VerificationReport, type VerifyProviderOptions, type Violation, verifyProvider } from "../src/index.js";
import { useRelayedProxies } from "./fixtures/relay.js";

const shared = useRelayedProxies();

/** Verifies `mock` through the shared proxies, which the run leaves running. */
async function verify(
  mock: MockServer,
  options: Omit<VerifyProviderOptions, "target" | "proxies">,
): Promise<VerificationReport> {
  shared.relay.target = mock.url;
  const report = await verifyProvider({ ...options, target: shared.relay.url, proxies: shared.proxies });
  expect(report.prismPids).toEqual(shared.proxies.pids);
  expect(report.prismPids.filter(isAlive)).toEqual(shared.proxies.pids);
  return report;
}

describe("verifyProvider against the mock server", () => {
  it("passes every scenario, paging through 3 pages of 25 connections", async () => {
    const mock = await startMockServer({ connectionsPerImodel: 25 });
    try {
      const report = await verify(mock, { imodelId: mock.imodelIds[0]!, pageSize: 10 });

      expect(
        report.scenarios.map(({ name, passed, expected, actual, requests }) => ({
          name,
          passed,
          expected,
          actual,
          requests,
        })),
      ).toEqual([
        { name: "first page", passed: true, expected: 200, actual: 200, requests: 1 },
        { name: "every page", passed: true, expected: 200, actual: 200, requests: 3 },
        { name: "no token", passed: true, expected: 401, actual: 401, requests: 1 },
        { name: `$top=${TOP_MIN - 1}`, passed: true, expected: 422, actual: 422, requests: 1 },
        { name: `$top=${TOP_MAX + 1}`, passed: true, expected: 422, actual: 422, requests: 1 },
        { name: "imodelId not a GUID", passed: true, expected: 422, actual: 422, requests: 1 },
        { name: "unknown imodelId", passed: true, expected: 404, actual: 404, requests: 1 },
      ]);
      expect(report.scenarios.flatMap((scenario) => scenario.violations)).toEqual([]);
      expect(report.passed).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it("passes when the links point at the public host: only their $skip and $top are followed", async () => {
    const mock = await startMockServer({ connectionsPerImodel: 7, linkBaseUrl: "https://api.bentley.com" });
    try {
      const report = await verify(mock, { imodelId: mock.imodelIds[1]!, pageSize: 2 });
      expect(report.scenarios.find((scenario) => scenario.name === "every page")).toMatchObject({
        passed: true,
        requests: 4,
      });
      expect(report.passed).toBe(true);
    } finally {
      await mock.close();
    }
  });
});

describe("verifyProvider against the mock server in evolve mode", () => {
  const documented: string[] = spec.components.schemas.AuthenticationType.enum;

  /** What the verifier must find on these pages: each authenticationType the spec does not list, as sent. */
  const undocumented = (pages: ExportConnectionsResponse[]) =>
    pages.flatMap((page) =>
      page.connections.flatMap(({ authenticationType }, index) =>
        documented.includes(authenticationType)
          ? []
          : [
              {
                location: `response.body.connections.${index}.authenticationType`,
                sent: JSON.stringify(authenticationType),
              },
            ],
      ),
    );
  const found = (violations: Violation[]) =>
    violations.map(({ source, severity, location, sent }) => ({
      source,
      severity,
      location: location.join("."),
      sent,
    }));

  /** The pages the mock sends, read without Prism: the first page as is, and every page of `pageSize`. */
  async function sentPages(mock: MockServer, pageSize: number) {
    const client = createExportClient({ baseUrl: mock.url, accessToken: "any-token" });
    const imodelId = mock.imodelIds[0]!;
    const every: ExportConnectionsResponse[] = [];
    for await (const page of client.iterateExportConnections({ imodelId, pageSize }).pages()) every.push(page);
    return { first: [await client.getExportConnections({ imodelId })], every };
  }

  it("reports each authenticationType the spec does not list, with the value sent, on every page, and nothing else", async () => {
    const mock = await startMockServer({ evolve: true, connectionsPerImodel: 57 });
    try {
      const pages = await sentPages(mock, 10);
      const report = await verify(mock, { imodelId: mock.imodelIds[0]!, pageSize: 10 });
      const [first, every, ...rest] = report.scenarios;

      expect(first).toMatchObject({ name: "first page", passed: false, actual: 200, requests: 1 });
      expect(found(first!.violations)).toEqual(
        undocumented(pages.first).map((item) => ({ source: "prism", severity: "Error", ...item })),
      );
      expect(every).toMatchObject({ name: "every page", passed: false, actual: 200, requests: pages.every.length });
      expect(found(every!.violations)).toEqual(
        undocumented(pages.every).map((item) => ({ source: "prism", severity: "Error", ...item })),
      );
      expect(undocumented(pages.every)).toHaveLength(Math.floor(57 / 4));
      expect(rest.map(({ name, passed, violations }) => ({ name, passed, violations }))).toEqual(
        rest.map(({ name }) => ({ name, passed: true, violations: [] })),
      );
      expect(report.passed).toBe(false);
    } finally {
      await mock.close();
    }
  }, 120_000);
});
