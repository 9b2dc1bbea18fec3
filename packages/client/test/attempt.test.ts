// One attempt (internal/attempt.ts): a 2xx is read as a page, or is an ExportApiError `InvalidResponseBody` (not
// retried) when its body is not JSON or not a page; and the request its errors name.
import { type Handler, IMODEL_ID, it, page, sendJson, sendText } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { createExportClient, ExportApiError } from "../src/index.js";
import { clientWithoutRetries, failingCall, links } from "./helpers.js";

describe("a 2xx that is not a page is an ExportApiError", () => {
  it.for([
    ["HTML", (r: Parameters<Handler>[1]) => sendText(r, 200, "<!doctype html><p>Sign in</p>", "text/html")],
    [
      "truncated JSON",
      (r: Parameters<Handler>[1]) => sendText(r, 200, '{"connections":[{"id":"a"', "application/json"),
    ],
    [
      "truncated JSON without Content-Length",
      (r: Parameters<Handler>[1]) => {
        r.writeHead(200, { "content-type": "application/json" });
        r.end('{"connections":[');
      },
    ],
    ["empty", (r: Parameters<Handler>[1]) => sendText(r, 200, "", "application/json")],
    ["JSON without connections", (r: Parameters<Handler>[1]) => sendJson(r, 200, { items: [] })],
    ["JSON whose connections is not a list", (r: Parameters<Handler>[1]) => sendJson(r, 200, { connections: "none" })],
    ["a JSON list", (r: Parameters<Handler>[1]) => sendJson(r, 200, [])],
    ["connections that are not objects", (r: Parameters<Handler>[1]) => sendJson(r, 200, { connections: [1, 2] })],
  ] as const)("%s", async ([_what, respond], { serve }) => {
    const server = await serve((_request, response) => respond(response));
    const error = await failingCall(server);

    expect(error.constructor).toBe(ExportApiError);
    expect(error).toMatchObject({ status: 200, code: "InvalidResponseBody" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("reading a response", () => {
  it.for([
    ["an empty 200", "", "200: the response body is not a page of export connections"],
    ["a 200 that is not JSON", "{not json", "200: the response body is not valid JSON"],
    ["a 200 of null", "null", "200: the response body is not a page of export connections"],
    [
      "connections that are not objects",
      JSON.stringify({ connections: [1, "x"], _links: links() }),
      "200: the response body is not a page of export connections",
    ],
    [
      "_links that is not an object",
      JSON.stringify({ connections: [], _links: "x" }),
      "200: the response body is not a page of export connections",
    ],
    [
      "_links null",
      JSON.stringify({ connections: [], _links: null }),
      "200: the response body is not a page of export connections",
    ],
  ] as [string, string, string][])("%s: InvalidResponseBody", async ([_what, body, message], { serve }) => {
    const server = await serve((_request, response) => sendText(response, 200, body, "application/json"));
    const error = await clientWithoutRetries(server.url)
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "InvalidResponseBody", message });
  });

  it("a page without _links is a page, and the last one", async ({ serve }) => {
    const server = await serve((_request, response) =>
      sendJson(response, 200, { connections: page(["a"]).connections }),
    );
    expect(
      await clientWithoutRetries(server.url).iterateExportConnections({ imodelId: IMODEL_ID }).toArray(),
    ).toHaveLength(1);
  });
});

describe("the request an error names", () => {
  it("a timed-out or failed request: the message starts with the request", async ({ serve }) => {
    const server = await serve(() => {});
    const url = `${server.url}/export/connections?imodelId=${IMODEL_ID}`;
    const timedOut = await createExportClient({ baseUrl: server.url, timeoutMs: 20, maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(timedOut.message).toBe(`GET ${url} took longer than timeoutMs (20 ms)`);
    const refused = await createExportClient({ baseUrl: "http://127.0.0.1:9", maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(refused.message).toMatch(/^GET http:\/\/127\.0\.0\.1:9\/export\/connections\?imodelId=.* failed: /);
  });
});
