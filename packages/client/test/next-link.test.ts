// Following a page's next link (internal/next-link.ts): only its $skip and $top are read, every request still goes
// to baseUrl with the caller's imodelId, and a link that cannot be followed, or would loop, is a PaginationError.
import { collect, IMODEL_ID, it, PUBLIC_HOST, page, sendJson } from "@export-api/test-utils";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { createExportClient, PaginationError, TOP_MAX, TOP_MIN } from "../src/index.js";
import { nextQuery } from "../src/internal/next-link.js";
import {
  BASE_URL,
  json,
  link,
  links,
  PROPERTY_TIMEOUT_MS,
  pageBody,
  paging,
  renderings,
  settings,
  setupClient,
  TOKEN,
} from "./helpers.js";

/** Follows every next link; resolves with the number of pages, or rejects with what stopped it. */
async function allPages(client: ReturnType<typeof createExportClient>): Promise<number> {
  let pages = 0;
  for await (const _page of client.iterateExportConnections({ imodelId: IMODEL_ID }).pages()) pages++;
  return pages;
}

describe("next links at their edges", () => {
  const query = { imodelId: IMODEL_ID, top: 5, skip: 10 };
  const next = (href: unknown) =>
    nextQuery({ connections: page(["a"]).connections, _links: { ...links(), next: { href } } } as never, query);

  it("end the paging when absent, null or empty; a page with no _links at all ends it too", () => {
    expect(nextQuery({ connections: [] } as never, query)).toBeUndefined();
    expect(nextQuery({ connections: [], _links: {} } as never, query)).toBeUndefined();
    expect(next(null)).toBeUndefined();
    expect(next("")).toBeUndefined();
  });

  it("a next link without $top keeps the page size; without redact, the link is quoted as it is", () => {
    expect(next(`${PUBLIC_HOST}/export/connections?$skip=15`)).toEqual({ imodelId: IMODEL_ID, top: 5, skip: 15 });
  });

  it.for([TOP_MIN, TOP_MAX])("$top=%i, the spec's bound, is followed", (top) => {
    expect(next(`${PUBLIC_HOST}/export/connections?$skip=15&$top=${top}`)).toEqual({
      imodelId: IMODEL_ID,
      top,
      skip: 15,
    });
  });

  it.for([
    [5, 'is not a URL: "5"'],
    ["http://[", 'is not a URL: "http://["'],
    [`${PUBLIC_HOST}/export/connections?$top=5`, `carries no $skip: "${PUBLIC_HOST}/export/connections?$top=5"`],
    [
      `${PUBLIC_HOST}/export/connections?$skip=-1`,
      `has an invalid $skip: "${PUBLIC_HOST}/export/connections?$skip=-1"`,
    ],
    [`${PUBLIC_HOST}/export/connections?$skip=`, `has an invalid $skip: "${PUBLIC_HOST}/export/connections?$skip="`],
    [
      `${PUBLIC_HOST}/export/connections?$skip=15&$top=${TOP_MIN - 1}`,
      `has a $top outside ${TOP_MIN}..${TOP_MAX}: "${PUBLIC_HOST}/export/connections?$skip=15&$top=${TOP_MIN - 1}"`,
    ],
    [
      `${PUBLIC_HOST}/export/connections?$skip=15&$top=${TOP_MAX + 1}`,
      `has a $top outside ${TOP_MIN}..${TOP_MAX}: "${PUBLIC_HOST}/export/connections?$skip=15&$top=${TOP_MAX + 1}"`,
    ],
  ] as [unknown, string][])("%j: InvalidNextLink, 'the next link %s'", ([href, message]) => {
    expect(() => next(href)).toThrow(`the next link ${message}`);
  });

  it("the messages of a link that does not advance, or goes back, or follows an empty page", () => {
    expect(() => next(`${PUBLIC_HOST}/export/connections?$skip=10`)).toThrow(
      "the next link does not advance ($skip=10 again)",
    );
    expect(() => next(`${PUBLIC_HOST}/export/connections?$skip=5`)).toThrow(
      "the next link repeats an earlier page ($skip=5 after 10)",
    );
    expect(() =>
      nextQuery({ connections: [], _links: links(`${PUBLIC_HOST}/export/connections?$skip=20`) } as never, query),
    ).toThrow("the next link follows a page with no connections");
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

describe("paging a hostile server", () => {
  it("empty pages whose next links keep advancing end with a PaginationError after one request", async ({ serve }) => {
    let skip = 0;
    const { server, client } = await setupClient(serve, (_request, response) => {
      skip += 10;
      sendJson(response, 200, page([], { next: link(`$skip=${skip}&$top=10`) }));
    });

    const error = await allPages(client).catch((e) => e);

    expect(error).toBeInstanceOf(PaginationError);
    expect(error.code).toBe("EmptyPageWithNextLink");
    expect(server.requests).toHaveLength(1);
  });

  it.for([
    ["$skip in exponent notation", "$skip=1e3&$top=10"],
    ["$skip with a sign", "$skip=+5&$top=10"],
    ["$skip twice", "$skip=10&$skip=0&$top=10"],
    ["$top in exponent notation", "$skip=10&$top=1e1"],
  ] as [string, string][])("a next link with %s is refused, not guessed at", async ([_what, query], { serve }) => {
    const { server, client } = await setupClient(serve, (_request, response) =>
      sendJson(response, 200, page(["a"], { next: link(query) })),
    );

    const error = await allPages(client).catch((e) => e);

    expect(error).toBeInstanceOf(PaginationError);
    expect(error.code).toBe("InvalidNextLink");
    expect(server.requests).toHaveLength(1);
  });

  it.for([
    ["an invalid $skip", (token: string) => link(`$skip=${token}&$top=10`)],
    ["a link with a $top out of bounds", (token: string) => `${link("$skip=10&$top=0")}&echo=${token}`],
    ["a link that is not a URL", (token: string) => `http://[${token}`],
    ["a percent-encoded echo", (token: string) => link(`$skip=x${encodeURIComponent(`${token}/+=`)}`)],
  ] as [string, (token: string) => string][])(
    "a token echoed into %s is redacted from the PaginationError",
    async ([_what, next], { serve }) => {
      const { client } = await setupClient(serve, (_request, response) =>
        sendJson(response, 200, page(["a"], { next: next(TOKEN) })),
      );

      const error = await allPages(client).catch((e) => e);

      expect(error).toBeInstanceOf(PaginationError);
      expect(error.message).toContain("[redacted]");
      for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
    },
  );
});

/** A $skip or $top as a server might write it: digits, or anything else. */
const pagingValue = fc.oneof(
  fc.nat({ max: 5_000 }).map(String),
  fc.constantFrom("", "-1", "1e3", "+5", " 5", "0x10", "1.0", "9007199254740993", "NaN", "0"),
  fc.string({ maxLength: 8 }),
);

/** A next link: a well-formed one with odd paging values, on any host, with extra parameters, or any text at all. */
const nextHref = fc.oneof(
  fc
    .record({
      origin: fc.constantFrom("https://api.bentley.com", "http://evil.example", "https://api.example.test", ""),
      skip: fc.option(pagingValue, { nil: undefined }),
      top: fc.option(pagingValue, { nil: undefined }),
      extra: fc.constantFrom("", "&imodelId=00000000-0000-4000-8000-000000000000", "&$skip=0", "#frag", "&x=%ZZ"),
    })
    .map(({ origin, skip, top, extra }) => {
      const params = [skip === undefined ? "" : `$skip=${skip}`, top === undefined ? "" : `$top=${top}`].filter(
        Boolean,
      );
      return `${origin}/export/connections?${params.join("&")}${extra}`;
    }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string(),
);

describe("next links: any href is followed to baseUrl with the caller's imodelId, or refused; never a loop", () => {
  it(
    "holds for every generated next link",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          nextHref,
          fc.option(fc.integer({ min: TOP_MIN, max: TOP_MAX }), { nil: undefined }),
          async (href, pageSize) => {
            const requests: URL[] = [];
            const client = createExportClient({
              baseUrl: BASE_URL,
              accessToken: "token-for-properties",
              maxRetries: 0,
              fetch: async (request) => {
                requests.push(new URL(request.url));
                // The first page links on; every later page is the last.
                return json(requests.length === 1 ? pageBody(["a"], href) : pageBody(["b"]));
              },
            });

            let pages = 0;
            try {
              for await (const _page of client.iterateExportConnections({ imodelId: IMODEL_ID, pageSize }).pages())
                pages++;
            } catch (error) {
              expect(error).toBeInstanceOf(PaginationError);
            }

            expect(requests.length).toBeLessThanOrEqual(2);
            expect(pages).toBe(requests.length);
            for (const url of requests) {
              expect(`${url.origin}${url.pathname}`).toBe(`${BASE_URL}/export/connections`);
              expect(url.searchParams.getAll("imodelId")).toEqual([IMODEL_ID]);
            }
            const followed = requests[1];
            if (followed) {
              // It advanced, and only with paging values the spec allows.
              expect(Number(followed.searchParams.get("$skip"))).toBeGreaterThan(0);
              const top = followed.searchParams.get("$top");
              if (top !== null) expect(Number(top)).toBeGreaterThanOrEqual(TOP_MIN);
              if (top !== null) expect(Number(top)).toBeLessThanOrEqual(TOP_MAX);
            }
          },
        ),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
