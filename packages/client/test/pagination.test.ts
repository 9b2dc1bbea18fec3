// iterateExportConnections (pagination.ts): every connection across pages, lazily, page by page with .pages(), or
// collected with a bound by toArray({ limit }). Which next links are followed, and how: next-link.test.ts.
import { collect, IMODEL_ID, it, page, paged, sendJson } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { createExportClient } from "../src/index.js";
import { clientWithoutRetries, link, paging } from "./helpers.js";

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

describe("toArray({ limit })", () => {
  it("collects at most limit connections and sends no request past the page that reaches it", async ({ serve }) => {
    const server = await serve(paged(1_000, { defaultTop: 10 }));
    const client = createExportClient({ baseUrl: server.url });

    const connections = await client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray({ limit: 25 });

    expect(connections.map((connection) => connection.id)).toEqual(Array.from({ length: 25 }, (_, i) => `c-${i}`));
    expect(server.requests).toHaveLength(3); // pages of 10: the third reaches 25
  });

  it("a limit on a page boundary stops at that page", async ({ serve }) => {
    const server = await serve(paged(1_000, { defaultTop: 10 }));
    const client = createExportClient({ baseUrl: server.url });
    expect(await client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray({ limit: 20 })).toHaveLength(20);
    expect(server.requests).toHaveLength(2);
  });

  it("without a limit, or past the end, collects every connection", async ({ serve }) => {
    const server = await serve(paged(23, { defaultTop: 10 }));
    const client = createExportClient({ baseUrl: server.url });
    expect(await client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray()).toHaveLength(23);
    expect(await client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray({ limit: 100 })).toHaveLength(23);
  });

  it("limit 0 sends no request", async ({ serve }) => {
    const server = await serve(paged(23));
    const client = createExportClient({ baseUrl: server.url });
    expect(await client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray({ limit: 0 })).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it.for([-1, 1.5, Number.NaN, "10", null])("limit %s is a RangeError before the network", async (limit, { serve }) => {
    const server = await serve(paged(23));
    const client = createExportClient({ baseUrl: server.url });
    await expect(
      client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray({ limit: limit as never }),
    ).rejects.toThrow(/^limit must be an integer from 0 to 9007199254740991, got /);
    expect(server.requests).toHaveLength(0);
  });

  it.for([5, "5", true, 0, [5], () => 5])(
    "a limit passed bare, toArray(%s), is a TypeError naming limit, before the network",
    async (bare, { serve }) => {
      const server = await serve(paged(23));
      const iterable = clientWithoutRetries(server.url).iterateExportConnections({ imodelId: IMODEL_ID });
      await expect(iterable.toArray(bare as never)).rejects.toThrow(/^toArray takes \{ limit \}, got .+$/);
      await expect(iterable.toArray(bare as never)).rejects.toBeInstanceOf(TypeError);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("toArray(null) is every connection, like no options", async ({ serve }) => {
    const server = await serve(paged(3));
    expect(
      await clientWithoutRetries(server.url)
        .iterateExportConnections({ imodelId: IMODEL_ID })
        .toArray(null as never),
    ).toHaveLength(3);
  });
});
