// The built client in headless Chromium: the page is served from one loopback origin and the mock server from
// another, so every call is a cross-origin request with an Authorization header (a CORS preflight first). The mock's
// control path answers such a page only when its origin is in controlOrigins.
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

/**
 * Runs in the page: every kind of control request a page can send, each answered by its status, or by the name of
 * the error fetch rejects with when CORS hides the answer.
 */
async function controlCalls(base: string) {
  const outcome = (request: Promise<Response>) =>
    request.then(
      (response) => response.status,
      (error: Error) => error.name,
    );
  const fault = JSON.stringify({ status: 503, times: "Infinity" });
  return {
    simplePost: await outcome(fetch(`${base}/__mock/faults`, { method: "POST", body: fault })),
    jsonPost: await outcome(
      fetch(`${base}/__mock/faults`, { method: "POST", body: fault, headers: { "Content-Type": "application/json" } }),
    ),
    remove: await outcome(fetch(`${base}/__mock/faults`, { method: "DELETE" })),
    log: await outcome(fetch(`${base}/__mock/requests`)),
  };
}

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

  it("a page that is not in controlOrigins cannot script the mock: its requests to /__mock/ fail and change nothing", async () => {
    const guarded = await startMockServer();
    try {
      guarded.fail({ status: 502 });
      const seen = await page.evaluate(controlCalls, guarded.url);
      // The simple POST (text/plain, no preflight) reached the mock and got 403; the others failed their preflight.
      expect(seen).toEqual({ simplePost: "TypeError", jsonPost: "TypeError", remove: "TypeError", log: "TypeError" });
      expect(guarded.faults).toEqual([expect.objectContaining({ status: 502 })]);
    } finally {
      await guarded.close();
    }
  });

  it("a test page whose origin is in controlOrigins scripts faults and reads the request log", async () => {
    const allowing = await startMockServer({ controlOrigins: [site.url] });
    try {
      allowing.fail({ status: 502 });
      const seen = await page.evaluate(controlCalls, allowing.url);
      expect(seen).toEqual({ simplePost: 201, jsonPost: 201, remove: 204, log: 200 });
      expect(allowing.faults).toEqual([]); // queued twice by the page, then cleared by it
    } finally {
      await allowing.close();
    }
  });

  it("threw no uncaught error in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
