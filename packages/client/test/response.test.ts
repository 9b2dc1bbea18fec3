// What a successful call saw besides its data (response.ts): getExportConnections returns an ApiPromise whose
// .withResponse() gives the Response and the request id; .pages().withResponse() does so page by page.
import { apiError, IMODEL_ID, it, page, paged, sendJson, watchUnhandledRejections } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { ApiPromise, createExportClient, NotFoundError } from "../src/index.js";
import { aPage, clientWithoutRetries } from "./helpers.js";

describe("getExportConnections(...).withResponse()", () => {
  it("gives the page, the Response (body read) and the server's correlation id as requestId", async ({ serve }) => {
    const server = await serve((_request, response) =>
      sendJson(response, 200, page(["a", "b"]), { "x-correlation-id": "corr-42", "x-ratelimit-remaining": "99" }),
    );
    const client = createExportClient({ baseUrl: server.url });

    const { data, response, requestId } = await client.getExportConnections({ imodelId: IMODEL_ID }).withResponse();

    expect(data.connections.map((connection) => connection.id)).toEqual(["a", "b"]);
    expect(requestId).toBe("corr-42");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("99");
    expect(response.bodyUsed).toBe(true);
  });

  it("the plain await still gives the page; one call, read both ways, sends one request", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"]), { "x-request-id": "r-1" }));
    const client = createExportClient({ baseUrl: server.url });

    const promise = client.getExportConnections({ imodelId: IMODEL_ID });
    expect(promise).toBeInstanceOf(Promise);
    expect(promise).toBeInstanceOf(ApiPromise);
    const [plain, withResponse] = await Promise.all([promise, promise.withResponse()]);

    expect(plain).toEqual(withResponse.data);
    expect(withResponse.requestId).toBe("r-1");
    expect(server.requests).toHaveLength(1);
    // Promises derived from it are plain promises.
    expect(promise.then((value) => value)).not.toBeInstanceOf(ApiPromise);
  });

  it("rejects with the typed error, and reading only withResponse() leaves no unhandled rejection", async ({
    serve,
  }) => {
    const rejections = watchUnhandledRejections();
    const server = await serve((_request, response) => sendJson(response, 404, apiError("ConnectionNotFound", "gone")));
    const client = createExportClient({ baseUrl: server.url });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID }).withResponse()).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBeInstanceOf(NotFoundError);
    await rejections.check();
  });

  it("a server that echoes the token into its correlation id: requestId is redacted as error.requestId is", async ({
    serve,
  }) => {
    const token = "echoed-secret-token-1234";
    const server = await serve((request, response) =>
      sendJson(response, 200, page(["a"]), { "x-correlation-id": `id-${request.headers.authorization}` }),
    );
    const client = createExportClient({ baseUrl: server.url, accessToken: token });

    const single = await client.getExportConnections({ imodelId: IMODEL_ID }).withResponse();
    expect(single.requestId).toBe("id-Bearer [redacted]");
    for await (const paged of client.iterateExportConnections({ imodelId: IMODEL_ID }).pages().withResponse()) {
      expect(paged.requestId).toBe("id-Bearer [redacted]");
    }
  });

  it("no request id header: requestId is undefined", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page([])));
    const client = createExportClient({ baseUrl: server.url });
    expect((await client.getExportConnections({ imodelId: IMODEL_ID }).withResponse()).requestId).toBeUndefined();
  });

  it("finally() on the promise of a page is a plain promise of the page", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, aPage()));
    const page = await clientWithoutRetries(server.url)
      .getExportConnections({ imodelId: IMODEL_ID })
      .finally(() => {});
    expect(page.connections).toHaveLength(1);
  });
});

describe("pages().withResponse()", () => {
  it("yields each page with its own response and request id, following the same links", async ({ serve }) => {
    let served = 0;
    const paging = paged(5, { defaultTop: 2 });
    const server = await serve((request, response) => {
      response.setHeader("x-correlation-id", `page-${++served}`);
      return paging(request, response);
    });
    const client = createExportClient({ baseUrl: server.url });

    const seen: [string[], string | undefined, number][] = [];
    for await (const { data, response, requestId } of client
      .iterateExportConnections({ imodelId: IMODEL_ID })
      .pages()
      .withResponse()) {
      seen.push([data.connections.map((connection) => connection.id), requestId, response.status]);
    }

    expect(seen).toEqual([
      [["c-0", "c-1"], "page-1", 200],
      [["c-2", "c-3"], "page-2", 200],
      [["c-4"], "page-3", 200],
    ]);
  });
});
