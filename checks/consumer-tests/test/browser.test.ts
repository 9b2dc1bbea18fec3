// The built client in headless Chromium: the page is served from one loopback origin and the mock server from
// another, so every call is a cross-origin request with an Authorization header (a CORS preflight first).
import { TOP_MAX } from "@export-api/client";
import { type MockServer, startMockServer } from "@export-api/mock-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./helpers/chromium.js";
import { type PageServer, startPageServer } from "./helpers/page-server.js";

let mock: MockServer;
let site: PageServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  mock = await startMockServer({ seed: 11, connectionsPerImodel: 23 });
  site = await startPageServer();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(site.url);
  await page.waitForFunction(() => "sdk" in window || "sdkError" in window);
  const loadError = await page.evaluate(() => (window as { sdkError?: string }).sdkError);
  if (loadError) throw new Error(`the built client did not load in Chromium: ${loadError}`);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await mock?.close();
});

/** The same page as Node sees it, straight from the mock (no CORS in Node). */
async function pageFromNode(imodelId: string, top: number): Promise<{ connections: { id: string }[] }> {
  const url = `${mock.url}/export/connections?imodelId=${imodelId}&$top=${top}`;
  const response = await fetch(url, { headers: { Authorization: "Bearer node-side" } });
  return (await response.json()) as { connections: { id: string }[] };
}

describe("@export-api/client (built) in headless Chromium, API on another origin", () => {
  it("runs on a page whose origin differs from the API's", async () => {
    const pageOrigin = await page.evaluate(() => window.location.origin);
    expect(pageOrigin).not.toBe(new URL(mock.url).origin);
  });

  it("lists a page of connections with a bearer token", async () => {
    const imodelId = mock.imodelIds[0]!;
    const ids = await page.evaluate(
      async ({ baseUrl, imodelId }) => {
        const { createExportClient } = (window as any).sdk;
        const client = createExportClient({ baseUrl, accessToken: "browser-token" });
        const result = await client.getExportConnections({ imodelId, top: 10 });
        return result.connections.map((connection: { id: string }) => connection.id);
      },
      { baseUrl: mock.url, imodelId },
    );
    const expected = await pageFromNode(imodelId, 10);
    expect(ids).toEqual(expected.connections.map((connection) => connection.id));
    expect(ids).toHaveLength(10);
  });

  it("iterates every connection across pages by following the server's links", async () => {
    const imodelId = mock.imodelIds[1]!;
    const ids = await page.evaluate(
      async ({ baseUrl, imodelId }) => {
        const { createExportClient } = (window as any).sdk;
        const client = createExportClient({ baseUrl, accessToken: async () => "browser-token" });
        const seen: string[] = [];
        for await (const connection of client.iterateExportConnections({ imodelId, pageSize: 7 })) {
          seen.push(connection.id);
        }
        return seen;
      },
      { baseUrl: mock.url, imodelId },
    );
    const expected = await pageFromNode(imodelId, TOP_MAX);
    expect(ids).toEqual(expected.connections.map((connection) => connection.id));
    expect(ids).toHaveLength(23);
  });

  it("rejects a call without a token with AuthenticationError (401 HeaderNotFound)", async () => {
    const failure = await page.evaluate(
      async ({ baseUrl, imodelId }) => {
        const { createExportClient, AuthenticationError, ExportApiError } = (window as any).sdk;
        try {
          await createExportClient({ baseUrl, maxRetries: 0 }).getExportConnections({ imodelId });
          return { rejected: false };
        } catch (error: any) {
          return {
            rejected: true,
            name: error.name,
            isAuthenticationError: error instanceof AuthenticationError,
            isExportApiError: error instanceof ExportApiError,
            status: error.status,
            code: error.code,
          };
        }
      },
      { baseUrl: mock.url, imodelId: mock.imodelIds[0]! },
    );
    expect(failure).toEqual({
      rejected: true,
      name: "AuthenticationError",
      isAuthenticationError: true,
      isExportApiError: true,
      status: 401,
      code: "HeaderNotFound",
    });
  });

  it("threw no uncaught error in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
