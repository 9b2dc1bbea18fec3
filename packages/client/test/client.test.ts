// createExportClient against a real HTTP server on loopback: what goes on the wire.
import { IMODEL_ID, it, page, sendJson } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { ACCEPT, createExportClient } from "../src/index.js";

describe("getExportConnections", () => {
  it("sends imodelId, $top, $skip, the bearer token and the recommended Accept header", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a", "b"])));
    const client = createExportClient({ baseUrl: server.url, accessToken: "token-1" });

    const result = await client.getExportConnections({ imodelId: IMODEL_ID, top: 2, skip: 4 });

    expect(result.connections.map((c) => c.id)).toEqual(["a", "b"]);
    const [request] = server.requests;
    expect(request?.url.pathname).toBe("/export/connections");
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({ imodelId: IMODEL_ID, $top: "2", $skip: "4" });
    expect(request?.headers.authorization).toBe("Bearer token-1");
    expect(request?.headers.accept).toBe(ACCEPT);
    expect(request?.headers["user-agent"]).toMatch(/^export-api-client\/\d+\.\d+\.\d+ node\//);
  });

  it("asks a token function for a token on every request", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page([])));
    let calls = 0;
    const client = createExportClient({ baseUrl: server.url, accessToken: async () => `token-${++calls}` });

    await client.getExportConnections({ imodelId: IMODEL_ID });
    await client.getExportConnections({ imodelId: IMODEL_ID });

    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("keeps a path prefix of baseUrl", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page([])));
    const client = createExportClient({ baseUrl: `${server.url}/gateway/bentley/`, accessToken: "t" });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    expect(server.requests[0]?.url.pathname).toBe("/gateway/bentley/export/connections");
  });
});
