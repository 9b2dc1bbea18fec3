// Bad input fails before the network, with a message that names the parameter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExportClient, type ExportClientOptions } from "../src/index.js";
import { IMODEL_ID, page, sendJson, startServer, type TestServer } from "./fixtures/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_request, response) => sendJson(response, 200, page(["a"])));
});
afterAll(() => server.close());

const client = () => createExportClient({ baseUrl: server.url, accessToken: "token-for-validation" });

describe("getExportConnections parameters", () => {
  it.each([
    ["imodelId missing", {}, /imodelId/],
    ["imodelId empty", { imodelId: "" }, /imodelId/],
    ["imodelId blank", { imodelId: "   " }, /imodelId/],
    ["imodelId not a string", { imodelId: 42 }, /imodelId/],
    ["top 0", { imodelId: IMODEL_ID, top: 0 }, /^top must be an integer from 1 to 1000, got 0$/],
    ["top 1001", { imodelId: IMODEL_ID, top: 1001 }, /^top .* got 1001$/],
    ["top not an integer", { imodelId: IMODEL_ID, top: 2.5 }, /^top /],
    ["top NaN", { imodelId: IMODEL_ID, top: Number.NaN }, /^top /],
    ["top a string", { imodelId: IMODEL_ID, top: "10" }, /^top /],
    ["skip negative", { imodelId: IMODEL_ID, skip: -1 }, /^skip must be a non-negative integer, got -1$/],
    ["skip not an integer", { imodelId: IMODEL_ID, skip: 0.5 }, /^skip /],
    ["skip Infinity", { imodelId: IMODEL_ID, skip: Number.POSITIVE_INFINITY }, /^skip /],
  ])("%s rejects before the network", async (_what, params, message) => {
    const before = server.requests.length;

    await expect(client().getExportConnections(params as never)).rejects.toThrow(message);
    expect(server.requests.length).toBe(before);
  });

  it("no params at all rejects naming imodelId", async () => {
    await expect(client().getExportConnections(undefined as never)).rejects.toThrow(/imodelId/);
  });

  it("accepts the spec's bounds: top 1 and 1000, skip 0", async () => {
    const before = server.requests.length;
    await client().getExportConnections({ imodelId: IMODEL_ID, top: 1, skip: 0 });
    await client().getExportConnections({ imodelId: IMODEL_ID, top: 1000 });
    expect(server.requests.length).toBe(before + 2);
  });

  it("a signal that is not an AbortSignal rejects before the network", async () => {
    const before = server.requests.length;
    await expect(client().getExportConnections({ imodelId: IMODEL_ID }, { signal: {} as never })).rejects.toThrow(
      /^signal must be an AbortSignal$/,
    );
    expect(server.requests.length).toBe(before);
  });
});

describe("iterateExportConnections parameters", () => {
  it.each([
    ["imodelId missing", {}, /imodelId/],
    ["imodelId empty", { imodelId: "" }, /imodelId/],
    ["pageSize 0", { imodelId: IMODEL_ID, pageSize: 0 }, /^pageSize must be an integer from 1 to 1000/],
    ["pageSize 1001", { imodelId: IMODEL_ID, pageSize: 1001 }, /^pageSize /],
    ["pageSize not an integer", { imodelId: IMODEL_ID, pageSize: 10.5 }, /^pageSize /],
  ])("%s throws when the iterable is created, before the network", (_what, params, message) => {
    const before = server.requests.length;

    expect(() => client().iterateExportConnections(params as never)).toThrow(message);
    expect(server.requests.length).toBe(before);
  });
});

describe("createExportClient options", () => {
  it.each([
    ["baseUrl relative", { baseUrl: "/export" }, /^baseUrl must be an absolute http\(s\) URL/],
    ["baseUrl without a scheme", { baseUrl: "api.bentley.com" }, /^baseUrl /],
    ["baseUrl ftp", { baseUrl: "ftp://api.bentley.com" }, /^baseUrl .*"ftp:"/],
    ["baseUrl garbage", { baseUrl: "http://" }, /^baseUrl /],
    ["baseUrl empty", { baseUrl: "" }, /^baseUrl /],
    ["baseUrl not a string", { baseUrl: 42 }, /^baseUrl /],
    ["baseUrl with a query", { baseUrl: "https://api.bentley.com?x=1" }, /^baseUrl must not carry a query/],
    ["timeoutMs 0", { timeoutMs: 0 }, /^timeoutMs must be a whole number of milliseconds/],
    ["timeoutMs negative", { timeoutMs: -5 }, /^timeoutMs /],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }, /^timeoutMs /],
    ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }, /^timeoutMs /],
    ["timeoutMs beyond what a timer holds", { timeoutMs: 2 ** 31 }, /^timeoutMs /],
    ["timeoutMs a string", { timeoutMs: "100" }, /^timeoutMs /],
    ["maxRetries negative", { maxRetries: -1 }, /^maxRetries must be a non-negative integer, got -1$/],
    ["maxRetries not an integer", { maxRetries: 1.5 }, /^maxRetries /],
    ["maxRetryAfterMs negative", { maxRetryAfterMs: -1 }, /^maxRetryAfterMs /],
    ["retryBaseDelayMs not a number", { retryBaseDelayMs: "fast" }, /^retryBaseDelayMs /],
    ["fetch not a function", { fetch: "fetch" }, /^fetch must be a function/],
    ["logger without warn", { logger: { debug() {} } }, /^logger must be an object/],
    ["accessToken empty", { accessToken: "" }, /^accessToken must not be empty$/],
    ["accessToken a number", { accessToken: 123 }, /^accessToken must be a string or a function/],
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
