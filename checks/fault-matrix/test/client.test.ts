// The fault matrix against @export-api/client: one page, and paging through every page.
import { createExportClient, type ExportApiError } from "@export-api/client";
import { IMODEL_ID } from "@export-api/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockProcess, renderings, startMockProcess, TOKEN, watchCall } from "./harness.js";
import { CLIENT_OPTIONS, type Outcome, SCENARIOS } from "./scenarios.js";

let mock: MockProcess;
beforeAll(async () => {
  mock = await startMockProcess();
});
afterAll(() => mock.close());

const calls = {
  page: (client: ReturnType<typeof createExportClient>) => client.getExportConnections({ imodelId: IMODEL_ID, top: 5 }),
  paging: (client: ReturnType<typeof createExportClient>) =>
    client.iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 5 }).toArray(),
};

describe.each(Object.keys(calls) as (keyof typeof calls)[])("the client, %s", (call) => {
  it.each(SCENARIOS)("$name", async (scenario) => {
    await mock.play(scenario.faults);
    const lines: string[] = [];
    const client = createExportClient({
      baseUrl: mock.url,
      accessToken: TOKEN,
      ...CLIENT_OPTIONS,
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    });
    const watch = watchCall();

    const result = await calls[call](client).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );

    await watch.settled();
    const expected: Outcome = scenario[call];
    if ("ok" in expected) {
      expect("error" in result ? (result.error as Error).message : "resolved").toBe("resolved");
    } else {
      expect("error" in result).toBe(true);
      const error = (result as { error: ExportApiError }).error;
      expect(error).toBeInstanceOf(expected.error);
      if (expected.code !== undefined) expect(error.code).toBe(expected.code);
      if (expected.status !== undefined) expect(error.status).toBe(expected.status);
      for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
    }
    for (const line of lines) expect(line).not.toContain(TOKEN);

    const requests = await mock.requests();
    expect(requests).toHaveLength(expected.requests);
    // The token reached the API (the mock keeps its scheme, never its value), and nothing went anywhere else.
    for (const request of requests) expect(request.headers.authorization).toBe("Bearer [redacted]");
    expect(mock.decoy.requests).toEqual([]);
  });
});
