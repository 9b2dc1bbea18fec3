// iterateExportConnections: every connection across pages, lazily, following the server's next links while
// sending every request to the configured baseUrl with the caller's imodelId.

import { collect, IMODEL_ID, it, PUBLIC_HOST, page, paged, sendJson } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { createExportClient, PaginationError } from "../src/index.js";

const link = (skip: number, top = 2) => `${PUBLIC_HOST}/export/connections?$skip=${skip}&$top=${top}`;
const paging = (request: { url: URL }) => [request.url.searchParams.get("$skip"), request.url.searchParams.get("$top")];

describe("iterating every connection", () => {
  it("yields 1,234 connections over many pages, with imodelId on every request and paging from the links", async ({
    serve,
  }) => {
    // The server's next links ask for 50 per page whatever the first request asked for.
    const server = await serve(paged(1234, { linkTop: () => 50 }));
    const client = createExportClient({ baseUrl: server.url, accessToken: "token-for-paging" });

    const ids = (await collect(client.iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 100 }))).map(
      (c) => c.id,
    );

    expect(ids).toHaveLength(1234);
    expect(new Set(ids).size).toBe(1234);
    expect(ids.at(0)).toBe("c-0");
    expect(ids.at(-1)).toBe("c-1233");
    // 1 page of 100, then 23 of 50 (the last one partial): the parameters came from the links.
    expect(server.requests).toHaveLength(24);
    expect(server.requests.map(paging).slice(0, 3)).toEqual([
      [null, "100"],
      ["100", "50"],
      ["150", "50"],
    ]);
    for (const request of server.requests) {
      expect(request.url.origin).toBe(server.url); // not https://api.bentley.com, where the links point
      expect(request.url.pathname).toBe("/export/connections");
      expect(request.url.searchParams.get("imodelId")).toBe(IMODEL_ID);
      expect(request.headers.authorization).toBe("Bearer token-for-paging");
    }
  });

  it("sends no $top on the first request without a pageSize, and ends on a page without a next link", async ({
    serve,
  }) => {
    const server = await serve(paged(250));
    const client = createExportClient({ baseUrl: server.url });

    const ids = await collect(client.iterateExportConnections({ imodelId: IMODEL_ID }));

    expect(ids).toHaveLength(250);
    expect(server.requests.map(paging)).toEqual([
      [null, null],
      ["100", "100"],
      ["200", "100"],
    ]);
  });

  it("follows links that jump rather than step (the seed's self is $skip=50, its next $skip=200)", async ({
    serve,
  }) => {
    const server = await serve((request, response) => {
      const skip = request.url.searchParams.get("$skip");
      if (skip === null) return sendJson(response, 200, page(["a"], { next: link(200, 50) }));
      return sendJson(response, 200, page(["b"]));
    });
    const client = createExportClient({ baseUrl: server.url });

    const ids = (await collect(client.iterateExportConnections({ imodelId: IMODEL_ID }))).map((c) => c.id);

    expect(ids).toEqual(["a", "b"]);
    expect(server.requests.map(paging)).toEqual([
      [null, null],
      ["200", "50"],
    ]);
  });

  it("keeps a path prefix of baseUrl on every page", async ({ serve }) => {
    const server = await serve(paged(5, { defaultTop: 2 }));
    const client = createExportClient({ baseUrl: `${server.url}/gateway` });

    await collect(client.iterateExportConnections({ imodelId: IMODEL_ID }));

    expect(server.requests.map((r) => r.url.pathname)).toEqual(Array(3).fill("/gateway/export/connections"));
  });
});

describe("laziness", () => {
  it("sends no request before the first item is asked for, and one page at a time after that", async ({ serve }) => {
    const server = await serve(paged(6, { defaultTop: 2 }));
    const client = createExportClient({ baseUrl: server.url });

    const iterator = client.iterateExportConnections({ imodelId: IMODEL_ID })[Symbol.asyncIterator]();
    expect(server.requests).toHaveLength(0);
    await iterator.next();
    await iterator.next();
    expect(server.requests).toHaveLength(1);
    await iterator.next();
    expect(server.requests).toHaveLength(2);
  });

  it("sends no further request after a break", async ({ serve }) => {
    const server = await serve(paged(1000, { defaultTop: 10 }));
    const client = createExportClient({ baseUrl: server.url });

    const seen: string[] = [];
    for await (const connection of client.iterateExportConnections({ imodelId: IMODEL_ID })) {
      seen.push(connection.id);
      if (seen.length === 15) break;
    }

    expect(seen).toHaveLength(15);
    expect(server.requests).toHaveLength(2);
  });

  it("sends no further request after a break out of .pages()", async ({ serve }) => {
    const server = await serve(paged(1000, { defaultTop: 10 }));
    const client = createExportClient({ baseUrl: server.url });

    for await (const onePage of client.iterateExportConnections({ imodelId: IMODEL_ID }).pages()) {
      expect(onePage.connections).toHaveLength(10);
      break;
    }

    expect(server.requests).toHaveLength(1);
  });
});

describe(".pages()", () => {
  it("yields whole pages, typed, with the server's links", async ({ serve }) => {
    const server = await serve(paged(25, { defaultTop: 10 }));
    const client = createExportClient({ baseUrl: server.url });

    const pages = await collect(client.iterateExportConnections({ imodelId: IMODEL_ID }).pages());

    expect(pages.map((p) => p.connections.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p._links.next?.href)).toEqual([link(10, 10), link(20, 10), undefined]);
    expect(pages[2]?.connections.at(-1)?.id).toBe("c-24");
  });

  it("yields one empty page when the iModel has no connections", async ({ serve }) => {
    const server = await serve(paged(0));
    const client = createExportClient({ baseUrl: server.url });

    const pages = await collect(client.iterateExportConnections({ imodelId: IMODEL_ID }).pages());

    expect(pages).toHaveLength(1);
    expect(pages[0]?.connections).toEqual([]);
    expect(await collect(client.iterateExportConnections({ imodelId: IMODEL_ID }))).toEqual([]);
  });
});

describe("next links that cannot be followed", () => {
  it("a next link that does not advance ends with a PaginationError instead of looping", async ({ serve }) => {
    const server = await serve((request, response) => {
      const skip = Number(request.url.searchParams.get("$skip") ?? 0);
      sendJson(response, 200, page([`c-${skip}`, `c-${skip + 1}`], { next: link(skip === 0 ? 2 : skip) }));
    });
    const client = createExportClient({ baseUrl: server.url });

    const ids: string[] = [];
    const error = await (async () => {
      for await (const connection of client.iterateExportConnections({ imodelId: IMODEL_ID })) ids.push(connection.id);
    })().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({
      code: "NextLinkDoesNotAdvance",
      message: expect.stringContaining("does not advance"),
    });
    expect(ids).toEqual(["c-0", "c-1", "c-2", "c-3"]);
    expect(server.requests).toHaveLength(2);
  });

  it("a next link that repeats an earlier page ends with a PaginationError", async ({ serve }) => {
    const server = await serve((request, response) => {
      const skip = Number(request.url.searchParams.get("$skip") ?? 0);
      // 0 -> 2 -> 4 -> back to 2
      sendJson(response, 200, page([`c-${skip}`], { next: link(skip === 4 ? 2 : skip + 2) }));
    });
    const client = createExportClient({ baseUrl: server.url });

    const error = await collect(client.iterateExportConnections({ imodelId: IMODEL_ID }).pages()).catch((e) => e);

    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({
      code: "NextLinkRepeats",
      message: expect.stringContaining("repeats an earlier page"),
    });
    expect(server.requests.map(paging)).toEqual([
      [null, null],
      ["2", "2"],
      ["4", "2"],
    ]);
  });

  it.for([
    ["without $skip", `${PUBLIC_HOST}/export/connections?$top=2`],
    ["with a $skip that is not an integer", `${PUBLIC_HOST}/export/connections?$skip=abc&$top=2`],
    ["with a $top out of the spec's range", `${PUBLIC_HOST}/export/connections?$skip=2&$top=5000`],
  ])("a next link %s ends with a PaginationError", async ([_what, next], { serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"], { next })));
    const client = createExportClient({ baseUrl: server.url });

    const error = await collect(client.iterateExportConnections({ imodelId: IMODEL_ID })).catch((e) => e);

    expect(error).toBeInstanceOf(PaginationError);
    expect(error.code).toBe("InvalidNextLink");
    expect(server.requests).toHaveLength(1);
  });

  it("a next link on another origin receives no request and no token: only its paging parameters are used", async ({
    serve,
  }) => {
    const elsewhere = await serve((_request, response) => sendJson(response, 200, page(["stolen"])), {
      urlHost: "localhost",
    });
    const server = await serve((request, response) => {
      const skip = request.url.searchParams.get("$skip");
      const next = `${elsewhere.url}/export/connections?$skip=2&$top=2&imodelId=someone-else`;
      sendJson(response, 200, skip === null ? page(["a", "b"], { next }) : page(["c"]));
    });
    const client = createExportClient({ baseUrl: server.url, accessToken: "secret-token-value" });

    const ids = (await collect(client.iterateExportConnections({ imodelId: IMODEL_ID }))).map((c) => c.id);

    expect(new URL(elsewhere.url).origin).not.toBe(new URL(server.url).origin);
    expect(elsewhere.requests).toHaveLength(0);
    expect(ids).toEqual(["a", "b", "c"]);
    expect(server.requests.map((r) => r.url.searchParams.get("imodelId"))).toEqual([IMODEL_ID, IMODEL_ID]);
    expect(server.requests[1]?.headers.authorization).toBe("Bearer secret-token-value");
  });
});
