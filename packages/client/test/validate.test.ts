// Bad input fails before the network, with a message that names the parameter.
import { IMODEL_ID, it, page, type Serve, sendJson } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { createExportClient, type ExportClientOptions, TOP_MAX, TOP_MIN } from "../src/index.js";

/** A server that answers every request with a page, and a client of it: a test then counts what reached it. */
async function setup(serve: Serve) {
  const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
  return { server, client: createExportClient({ baseUrl: server.url, accessToken: "token-for-validation" }) };
}
const bounds = `must be an integer from ${TOP_MIN} to ${TOP_MAX}`;

describe("getExportConnections parameters", () => {
  it.for([
    ["imodelId missing", {}, /imodelId/],
    ["imodelId empty", { imodelId: "" }, /imodelId/],
    ["imodelId blank", { imodelId: "   " }, /imodelId/],
    ["imodelId not a string", { imodelId: 42 }, /imodelId/],
    [
      "top below the minimum",
      { imodelId: IMODEL_ID, top: TOP_MIN - 1 },
      new RegExp(`^top ${bounds}, got ${TOP_MIN - 1}$`),
    ],
    ["top above the maximum", { imodelId: IMODEL_ID, top: TOP_MAX + 1 }, new RegExp(`^top .* got ${TOP_MAX + 1}$`)],
    ["top not an integer", { imodelId: IMODEL_ID, top: 2.5 }, /^top /],
    ["top NaN", { imodelId: IMODEL_ID, top: Number.NaN }, /^top /],
    ["top a string", { imodelId: IMODEL_ID, top: "10" }, /^top /],
    [
      "skip negative",
      { imodelId: IMODEL_ID, skip: -1 },
      /^skip must be an integer from 0 to 9007199254740991, got -1$/,
    ],
    ["skip not an integer", { imodelId: IMODEL_ID, skip: 0.5 }, /^skip /],
    ["skip Infinity", { imodelId: IMODEL_ID, skip: Number.POSITIVE_INFINITY }, /^skip /],
  ])("%s rejects before the network", async ([_what, params, message], { serve }) => {
    const { server, client } = await setup(serve);

    await expect(client.getExportConnections(params as never)).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it("no params at all rejects naming imodelId", async ({ serve }) => {
    const { client } = await setup(serve);
    await expect(client.getExportConnections(undefined as never)).rejects.toThrow(/imodelId/);
  });

  it("accepts the spec's bounds: top TOP_MIN and TOP_MAX, skip 0", async ({ serve }) => {
    const { server, client } = await setup(serve);
    await client.getExportConnections({ imodelId: IMODEL_ID, top: TOP_MIN, skip: 0 });
    await client.getExportConnections({ imodelId: IMODEL_ID, top: TOP_MAX });
    expect(server.requests.map((request) => request.url.searchParams.get("$top"))).toEqual([
      String(TOP_MIN),
      String(TOP_MAX),
    ]);
  });

  it("a signal that is not an AbortSignal rejects before the network", async ({ serve }) => {
    const { server, client } = await setup(serve);
    await expect(client.getExportConnections({ imodelId: IMODEL_ID }, { signal: {} as never })).rejects.toThrow(
      /^signal must be an AbortSignal$/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("iterateExportConnections parameters", () => {
  it.for([
    ["imodelId missing", {}, /imodelId/],
    ["imodelId empty", { imodelId: "" }, /imodelId/],
    ["pageSize below the minimum", { imodelId: IMODEL_ID, pageSize: TOP_MIN - 1 }, new RegExp(`^pageSize ${bounds}`)],
    ["pageSize above the maximum", { imodelId: IMODEL_ID, pageSize: TOP_MAX + 1 }, /^pageSize /],
    ["pageSize not an integer", { imodelId: IMODEL_ID, pageSize: 10.5 }, /^pageSize /],
  ])("%s throws when the iterable is created, before the network", async ([_what, params, message], { serve }) => {
    const { server, client } = await setup(serve);

    expect(() => client.iterateExportConnections(params as never)).toThrow(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe("createExportClient options", () => {
  it.each([
    ["baseUrl relative", { baseUrl: "/export" }, /^baseUrl must be an absolute http\(s\) URL/],
    ["baseUrl without a scheme", { baseUrl: "api.bentley.com" }, /^baseUrl /],
    ["baseUrl ftp", { baseUrl: "ftp://api.bentley.com" }, /^baseUrl must be an absolute http\(s\) URL, got "ftp:/],
    ["baseUrl garbage", { baseUrl: "http://" }, /^baseUrl /],
    ["baseUrl empty", { baseUrl: "" }, /^baseUrl /],
    ["baseUrl not a string", { baseUrl: 42 }, /^baseUrl /],
    ["baseUrl with a query", { baseUrl: "https://api.bentley.com?x=1" }, /^baseUrl must not carry a query/],
    ["timeoutMs 0", { timeoutMs: 0 }, /^timeoutMs must be an integer from 1 to 2147483647, got 0$/],
    ["timeoutMs negative", { timeoutMs: -5 }, /^timeoutMs /],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }, /^timeoutMs /],
    ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }, /^timeoutMs /],
    ["timeoutMs beyond what a timer holds", { timeoutMs: 2 ** 31 }, /^timeoutMs /],
    ["timeoutMs a string", { timeoutMs: "100" }, /^timeoutMs /],
    ["maxRetries negative", { maxRetries: -1 }, /^maxRetries must be an integer from 0 to 9007199254740991, got -1$/],
    ["maxRetries not an integer", { maxRetries: 1.5 }, /^maxRetries /],
    ["maxRetryAfterMs negative", { maxRetryAfterMs: -1 }, /^maxRetryAfterMs /],
    ["retryBaseDelayMs not a number", { retryBaseDelayMs: "fast" }, /^retryBaseDelayMs /],
    ["fetch not a function", { fetch: "fetch" }, /^fetch must be a function/],
    ["logger without warn", { logger: { debug() {} } }, /^logger must be an object/],
    ["accessToken empty", { accessToken: "" }, /^accessToken must be a non-empty string/],
    [
      "accessToken a number",
      { accessToken: 123 },
      /^accessToken must be a non-empty string, or a function that returns one$/,
    ],
  ])("%s throws naming the option", (_what, options, message) => {
    expect(() => createExportClient(options as ExportClientOptions)).toThrow(message);
  });

  it("never echoes a baseUrl's credentials", () => {
    expect(() => createExportClient({ baseUrl: "https://user:hunter2@api.bentley.com" })).toThrow(
      /^baseUrl must not carry credentials/,
    );
    try {
      createExportClient({ baseUrl: "https://user:hunter2@api.bentley.com" });
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });

  it("takes the defaults without options, and normalises baseUrl", () => {
    expect(createExportClient().baseUrl).toBe("https://api.bentley.com");
    expect(createExportClient({ baseUrl: "HTTP://Example.COM/prefix//" }).baseUrl).toBe("http://example.com/prefix");
  });
});
