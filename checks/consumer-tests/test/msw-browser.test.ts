// @export-api/mock-server/msw in headless Chromium: MSW's service worker answers the client's requests to its
// default base URL (https://api.bentley.com) from the mock's core, running in the page. No mock server listens.

import { startMockServer } from "@export-api/mock-server";
import { IMODEL_ID } from "@export-api/test-utils";
import { SERVER_URL, TOP_MAX } from "@export-api/types";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./helpers/chromium.js";
import { type MswPage, startMswPage } from "./helpers/msw-page.js";

let site: MswPage;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  site = await startMswPage();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(site.url);
  await page.waitForFunction(() => "app" in window);
  await page.evaluate(() => (window as any).app.start());
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("createHandlers() with setupWorker in headless Chromium", () => {
  it("pages through every connection of an iModel at the client's default base URL, as the node:http mock serves it", async () => {
    const ids = await page.evaluate(async (imodelId) => {
      const { sdk } = (window as any).app;
      const client = sdk.createExportClient({ accessToken: "browser-token" });
      const seen: string[] = [];
      for await (const connection of client.iterateExportConnections({ imodelId, pageSize: 7 }))
        seen.push(connection.id);
      return { baseUrl: client.baseUrl, seen };
    }, IMODEL_ID);
    expect(ids.baseUrl).toBe(SERVER_URL);

    const mock = await startMockServer();
    try {
      const response = await fetch(`${mock.url}/export/connections?imodelId=${IMODEL_ID}&$top=${TOP_MAX}`, {
        headers: { Authorization: "Bearer node-side" },
      });
      const expected = ((await response.json()) as { connections: { id: string }[] }).connections.map((c) => c.id);
      expect(ids.seen).toEqual(expected);
      expect(ids.seen).toHaveLength(25);
    } finally {
      await mock.close();
    }
  });

  it("429 then success: a fault set on the handlers in the page, retried by the client", async () => {
    const result = await page.evaluate(async (imodelId) => {
      const { sdk, handlers } = (window as any).app;
      handlers.clearRequests();
      handlers.fail({ status: 429, retryAfter: 0 });
      const client = sdk.createExportClient({ accessToken: "browser-token", retryBaseDelayMs: 0 });
      const first = await client.getExportConnections({ imodelId, top: 3 });
      handlers.fail({ status: 429, retryAfter: 0 });
      const refused = await sdk
        .createExportClient({ accessToken: "browser-token", maxRetries: 0 })
        .getExportConnections({ imodelId })
        .catch((error: any) => ({ name: error.name, status: error.status, retryAfterMs: error.retryAfterMs }));
      return { count: first.connections.length, requests: handlers.requests.length, refused };
    }, IMODEL_ID);
    expect(result).toEqual({
      count: 3,
      requests: 3,
      refused: { name: "RateLimitError", status: 429, retryAfterMs: 0 },
    });
  });

  it("takes faults over the control path from the page too", async () => {
    const statuses = await page.evaluate(
      async ([imodelId, base]) => {
        await fetch(`${base}/__mock/faults`, { method: "POST", body: JSON.stringify({ status: 503 }) });
        const get = () =>
          fetch(`${base}/export/connections?imodelId=${imodelId}`, { headers: { Authorization: "Bearer b" } });
        return [(await get()).status, (await get()).status];
      },
      [IMODEL_ID, SERVER_URL] as const,
    );
    expect(statuses).toEqual([503, 200]);
  });

  it("threw no uncaught error in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
