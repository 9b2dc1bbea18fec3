// @export-api/mock-server/msw in Node: setupServer with the mock's handlers, no port anywhere. The client pages
// through an iModel at its default base URL, gets the same data as startMockServer, and meets the same faults.
import { createExportClient, DEFAULT_BASE_URL, RateLimitError, TimeoutError } from "@export-api/client";
import { collect, IMODEL_ID, validatePage } from "@export-api/test-utils";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startMockServer } from "../src/index.js";
import { createHandlers } from "../src/msw.js";

const mock = createHandlers({ connectionsPerImodel: 237 });
// A handler of another API on the same host, to show the mock's handlers leave other paths alone.
const server = setupServer(
  ...mock,
  http.get(`${DEFAULT_BASE_URL}/imodels/:id`, ({ params }) => HttpResponse.json({ iModel: { id: params.id } })),
);
/** The ids startMockServer serves for the same options, read before MSW intercepts fetch. */
let reference: string[];
beforeAll(async () => {
  const real = await startMockServer({ connectionsPerImodel: 237 });
  try {
    const all = await createExportClient({ baseUrl: real.url, accessToken: "t" }).getExportConnections({
      imodelId: IMODEL_ID,
      top: 1000,
    });
    reference = all.connections.map((c) => c.id);
  } finally {
    await real.close();
  }
  server.listen({ onUnhandledRequest: "error" });
});
afterEach(() => {
  mock.clearFaults();
  mock.clearRequests();
});
afterAll(() => {
  mock.close();
  server.close();
});

const client = (options: Parameters<typeof createExportClient>[0] = {}) =>
  createExportClient({ accessToken: "msw-test-token", retryBaseDelayMs: 0, ...options });
const connections = (
  url = `${DEFAULT_BASE_URL}/export/connections?imodelId=${IMODEL_ID}&$top=10`,
  init?: RequestInit,
) => fetch(url, { headers: { Authorization: "Bearer t" }, ...init });

describe("createHandlers() under setupServer", () => {
  it("answers at https://api.bentley.com by default, the client's default base URL", () => {
    expect(mock.baseUrl).toBe(DEFAULT_BASE_URL);
    expect(mock.imodelIds[0]).toBe(IMODEL_ID);
  });

  it("pages through every connection of an iModel with iterateExportConnections, with the same data as the node:http mock", async () => {
    const ids = (await collect(client().iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 50 }))).map(
      (c) => c.id,
    );
    expect(ids).toHaveLength(237);
    expect(new Set(ids).size).toBe(237);
    expect(ids).toEqual(reference);
    expect(mock.requests).toHaveLength(5);
    expect(mock.requests[0]!.headers.authorization).toBe("Bearer [redacted]");
  });

  it("links every page on its base URL, like the API", async () => {
    const page = await (await connections()).json();
    expect(validatePage(page).valid).toBe(true);
    expect(page._links.next.href).toBe(`${DEFAULT_BASE_URL}/export/connections?$skip=10&$top=10`);
  });

  it("429 then success: the client retries after a fault's Retry-After: 0", async () => {
    mock.fail({ status: 429, retryAfter: 0 });
    const page = await client().getExportConnections({ imodelId: IMODEL_ID, top: 5 });
    expect(page.connections).toHaveLength(5);
    expect(mock.requests).toHaveLength(2);
  });

  it("a client that does not retry gets RateLimitError", async () => {
    mock.fail({ status: 429, retryAfter: 3 });
    const error = await client({ maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(3000);
  });

  it("takes faults over its control path too", async () => {
    const queued = await fetch(`${DEFAULT_BASE_URL}/__mock/faults`, {
      method: "POST",
      body: JSON.stringify({ status: 503, retryAfter: 0 }),
    });
    expect(queued.status).toBe(201);
    expect((await connections()).status).toBe(503);
    expect((await connections()).status).toBe(200);
  });

  it("honours Prefer: code=", async () => {
    const response = await connections(undefined, { headers: { Authorization: "Bearer t", Prefer: "code=404" } });
    expect(response.status).toBe(404);
  });

  it("leaves other paths of the host to other handlers", async () => {
    expect(await (await fetch(`${DEFAULT_BASE_URL}/imodels/abc`)).json()).toEqual({ iModel: { id: "abc" } });
  });

  it("HEAD gets the status and headers of the answer and no body, as over node:http", async () => {
    for (const url of [
      `${DEFAULT_BASE_URL}/export/connections?imodelId=${IMODEL_ID}`,
      `${DEFAULT_BASE_URL}/__mock/faults`,
    ]) {
      const response = await fetch(url, { method: "HEAD", headers: { Authorization: "Bearer t" } });
      expect(response.status).toBe(405);
      expect(Number(response.headers.get("content-length"))).toBeGreaterThan(0);
      expect(await response.text()).toBe("");
    }
  });

  it("a control request body over 64 KiB gets 413 PayloadTooLarge, as over node:http (it was 400)", async () => {
    const response = await fetch(`${DEFAULT_BASE_URL}/__mock/faults`, {
      method: "POST",
      body: JSON.stringify({ status: 503, padding: " ".repeat(64 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("PayloadTooLarge");
    expect(mock.faults).toEqual([]);
  });
});

describe("socket faults, as MSW can play them", () => {
  it("stall: no response until the request is aborted (a client's timeoutMs) or close()", async () => {
    mock.fail({ kind: "stall", times: 2 });
    await expect(
      client({ timeoutMs: 100, maxRetries: 0 }).getExportConnections({ imodelId: IMODEL_ID }),
    ).rejects.toBeInstanceOf(TimeoutError);
    const pending = connections();
    await vi.waitFor(() => expect(mock.requests).toHaveLength(2), { timeout: 10_000 });
    mock.close();
    await expect(pending).rejects.toThrow(TypeError);
  });

  it("reset-before-headers: fetch rejects with a network error", async () => {
    mock.fail({ kind: "reset-before-headers" });
    await expect(connections()).rejects.toThrow(TypeError);
  });

  it.each(["reset-after-headers", "truncated-body"] as const)(
    "%s: the status arrives, reading the body fails",
    async (kind) => {
      mock.fail({ kind });
      const response = await connections();
      expect(response.status).toBe(200);
      expect(Number(response.headers.get("content-length"))).toBeGreaterThan(0);
      await expect(response.text()).rejects.toThrow(TypeError);
    },
  );

  it("slow-body: the whole page, in parts", async () => {
    const whole = await (await connections()).text();
    mock.fail({ kind: "slow-body", chunkDelayMs: 1 });
    expect(await (await connections()).text()).toBe(whole);
  });

  it("delay: the normal answer, later", async () => {
    mock.fail({ kind: "delay", ms: 20 });
    const started = performance.now();
    expect((await connections()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });
});

describe("createHandlers options", () => {
  it("serves under a base URL with a path prefix, and links there", async () => {
    const prefixed = createHandlers({ baseUrl: "http://localhost:8080/api/", connectionsPerImodel: 3 });
    server.use(...prefixed);
    const page = await (
      await connections(`http://localhost:8080/api/export/connections?imodelId=${IMODEL_ID}&$top=2`)
    ).json();
    expect(page._links.next.href).toBe("http://localhost:8080/api/export/connections?$skip=2&$top=2");
    server.resetHandlers();
  });

  it.each([
    [
      "http://localhost:8080/api/",
      [
        "/API/export/connections",
        "/api/export/connections/",
        "/api/Export/connections",
        "/Api/__mock/faults",
        "/export/connections",
        "/api",
      ],
    ],
    ["http://localhost:8080", ["/EXPORT/connections", "/export/connections/", "/__MOCK/faults", "/export"]],
  ])("with baseUrl %s, leaves other paths of its host to the app's handlers: %j", async (baseUrl, others) => {
    const handlers = createHandlers({ baseUrl, connectionsPerImodel: 3 });
    const app = http.all("http://localhost:8080/*", ({ request }) =>
      HttpResponse.json({ app: new URL(request.url).pathname }),
    );
    server.use(...handlers, app);
    try {
      for (const path of others) {
        const response = await fetch(`http://localhost:8080${path}?imodelId=${IMODEL_ID}`, {
          headers: { Authorization: "Bearer t" },
        });
        expect(await response.json(), path).toEqual({ app: path });
      }
      const base = handlers.baseUrl;
      const own = await fetch(`${base}/export/connections?imodelId=${IMODEL_ID}`, {
        headers: { Authorization: "Bearer t" },
      });
      expect(own.status).toBe(200);
      expect((await fetch(`${base}/__mock/faults`)).status).toBe(200);
      expect(handlers.requests.map((request) => request.path)).toEqual([
        `${new URL(base).pathname.replace(/\/$/, "")}/export/connections`,
      ]);
    } finally {
      server.resetHandlers();
    }
  });

  it.each([
    [{ baseUrl: "api.bentley.com" }, /^baseUrl must be an absolute http\(s\) URL/],
    [{ seed: 1.5 }, /^seed must be an integer/],
  ])("rejects %j", (options, message) => {
    expect(() => createHandlers(options)).toThrow(message);
  });
});
