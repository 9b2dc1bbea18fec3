// Provider verification against @export-api/mock-server: every scenario passes, and Prism's validation proxy
// finds nothing wrong with any request or response of the run.

import { TOP_MAX, TOP_MIN } from "@export-api/client";
import { startMockServer } from "@export-api/mock-server";
import { isAlive } from "@export-api/test-utils";
import { describe, expect, it } from "vitest";
import { verifyProvider } from "../src/index.js";

describe("verifyProvider against the mock server", () => {
  it("passes every scenario, paging through 3 pages of 25 connections", async () => {
    const mock = await startMockServer({ connectionsPerImodel: 25 });
    try {
      const report = await verifyProvider({ target: mock.url, imodelId: mock.imodelIds[0]!, pageSize: 10 });

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
      expect(report.prismPids).toHaveLength(2);
      expect(report.prismPids.filter(isAlive)).toEqual([]);
    } finally {
      await mock.close();
    }
  });

  it("passes when the links point at the public host: only their $skip and $top are followed", async () => {
    const mock = await startMockServer({ connectionsPerImodel: 7, linkBaseUrl: "https://api.bentley.com" });
    try {
      const report = await verifyProvider({ target: mock.url, imodelId: mock.imodelIds[1]!, pageSize: 2 });
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
