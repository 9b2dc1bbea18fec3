// A hostile server, a hostile caller and a careless user: each case once broke a promise of the client (a loop
// that never ended, a retry at once, a token in an error, a forged log line, a good answer thrown away).
import { inspect } from "node:util";
import {
  apiError,
  CLIENT_TIMERS,
  type Handler,
  IMODEL_ID,
  it,
  PUBLIC_HOST,
  page,
  type Serve,
  sendJson,
  sendText,
  sequence,
  watchTimers,
  watchUnhandledRejections,
} from "@export-api/test-utils";
import { describe, expect } from "vitest";
import {
  ConnectionError,
  createExportClient,
  type ExportClientOptions,
  PaginationError,
  RateLimitError,
  TimeoutError,
} from "../src/index.js";

const TOKEN = "hostile-token.Zm9vYmFy-7f3a";

/** Every way an error is commonly turned into text, its cause chain included. */
function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown };
  const causes: string[] = [];
  for (let cause = e.cause as Error | undefined, depth = 0; cause && depth < 5; cause = cause.cause as Error, depth++) {
    causes.push(String(cause), cause.message ?? "", cause.stack ?? "", inspect(cause, { depth: 5 }));
  }
  return [e.message, String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 }), ...causes];
}

async function setup(serve: Serve, handler: Handler, options: ExportClientOptions = {}) {
  const server = await serve(handler);
  const lines: string[] = [];
  const client = createExportClient({
    baseUrl: server.url,
    accessToken: TOKEN,
    retryBaseDelayMs: 1,
    logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    ...options,
  });
  return { server, client, lines };
}

const link = (query: string) => `${PUBLIC_HOST}/export/connections?${query}`;

/** Follows every next link; resolves with the number of pages, or rejects with what stopped it. */
async function allPages(client: ReturnType<typeof createExportClient>): Promise<number> {
  let pages = 0;
  for await (const _page of client.iterateExportConnections({ imodelId: IMODEL_ID }).pages()) pages++;
  return pages;
}

describe("paging a hostile server", () => {
  it("empty pages whose next links keep advancing end with a PaginationError after one request", async ({ serve }) => {
    let skip = 0;
    const { server, client } = await setup(serve, (_request, response) => {
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
    const { server, client } = await setup(serve, (_request, response) =>
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
      const { client } = await setup(serve, (_request, response) =>
        sendJson(response, 200, page(["a"], { next: next(TOKEN) })),
      );

      const error = await allPages(client).catch((e) => e);

      expect(error).toBeInstanceOf(PaginationError);
      expect(error.message).toContain("[redacted]");
      for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
    },
  );
});

describe("Retry-After that is not delay-seconds or an HTTP date", () => {
  it.for(["1.5", "-1", "5, 10", "soon", "0x10", "Tomorrow"])(
    "%j is unreadable: no retryAfterMs, and the retry waits the backoff, not 0 ms",
    async (retryAfter, { serve }) => {
      const { client, lines } = await setup(
        serve,
        sequence(
          (_request, response) =>
            sendJson(response, 429, apiError("TooManyRequests", "Slow down."), { "retry-after": retryAfter }),
          (_request, response) => sendJson(response, 200, page(["ok"])),
        ),
        { retryBaseDelayMs: 40 },
      );

      await expect(client.getExportConnections({ imodelId: IMODEL_ID })).resolves.toMatchObject({
        connections: [{ id: "ok" }],
      });
      const waited = Number(
        /retry 1 of 2 in (\d+) ms$/.exec(lines.find((line) => line.includes("retry 1")) ?? "")?.[1],
      );
      // The backoff: 40 ms less up to a quarter of jitter.
      expect(waited).toBeGreaterThanOrEqual(30);
      expect(waited).toBeLessThanOrEqual(40);
    },
  );

  it("the last error keeps no retryAfterMs for an unreadable header", async ({ serve }) => {
    const { client } = await setup(
      serve,
      (_request, response) =>
        sendJson(response, 429, apiError("TooManyRequests", "Slow down."), { "retry-after": "1.5" }),
      { maxRetries: 0 },
    );
    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBeUndefined();
  });
});

describe("a token that would break the header", () => {
  it.for(["line\r\nbreak-token", "space inside token", "nön-ascii-token", 'quote"token12'])(
    "%j as the accessToken option is refused when the client is created, without echoing it",
    (token) => {
      expect(() => createExportClient({ accessToken: token })).toThrow(TypeError);
      try {
        createExportClient({ accessToken: token });
      } catch (error) {
        for (const text of renderings(error)) expect(text).not.toContain(token);
      }
    },
  );

  it("from a token function: a TypeError at once, no request, not retried, in no error or log line", async ({
    serve,
  }) => {
    let calls = 0;
    const evil = `${TOKEN}\r\nX-Forged: 1`;
    const { server, client, lines } = await setup(serve, (_request, response) => sendJson(response, 200, page([])), {
      accessToken: () => {
        calls++;
        return evil;
      },
    });

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/^accessToken must be an RFC 6750 bearer token/);
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(0);
    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(TOKEN);
  });

  it("a token function that never settles is bounded by timeoutMs, like the rest of the attempt", async ({ serve }) => {
    const { server, client } = await setup(serve, (_request, response) => sendJson(response, 200, page([])), {
      accessToken: () => new Promise<string>(() => {}),
      timeoutMs: 50,
      maxRetries: 1,
    });

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/the access token function did not return within timeoutMs \(50 ms\)$/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("a token echoed where no redaction looked before", () => {
  it("a 200 body that is not JSON quoting the token: not in the cause, nor in util.inspect", async ({ serve }) => {
    // Node's JSON.parse quotes the start of the text it could not parse: a short token would be quoted whole.
    const shortToken = "abcdefgh9";
    const { client } = await setup(
      serve,
      (_request, response) => sendText(response, 200, shortToken, "application/json"),
      {
        accessToken: shortToken,
        maxRetries: 0,
      },
    );

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error.code).toBe("InvalidResponseBody");
    expect(error.cause).toBeInstanceOf(Error);
    for (const text of renderings(error)) expect(text).not.toContain(shortToken);
  });

  it("a custom fetch whose error quotes the Authorization header: the ConnectionError and its cause are redacted", async () => {
    const client = createExportClient({
      baseUrl: "http://127.0.0.1:9",
      accessToken: TOKEN,
      maxRetries: 0,
      fetch: async (request) => {
        throw new TypeError(`refused header ${request.headers.get("authorization")}`, {
          cause: new Error(`inner ${TOKEN}`),
        });
      },
    });

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("refused header Bearer [redacted]");
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });
});

describe("a careless caller", () => {
  it.for([
    [
      "a password and an invalid port",
      "https://user:hunter2@api.example.com:99999",
      /^baseUrl must be an absolute http\(s\) URL/,
    ],
    ["an empty query", "https://api.example.com/?", /^baseUrl must not carry a query or a fragment$/],
    ["an empty fragment", "https://api.example.com/#", /^baseUrl must not carry a query or a fragment$/],
  ] as const)("baseUrl with %s is refused, echoing no password", ([_what, baseUrl, message]) => {
    expect(() => createExportClient({ baseUrl })).toThrow(message);
    try {
      createExportClient({ baseUrl });
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });

  it.for([
    ["a line break", `${IMODEL_ID}\r\nGET /forged`],
    ["a lone surrogate", `${IMODEL_ID}\uD800`],
    ["an escape sequence", `\u001b[2J${IMODEL_ID}`],
  ] as [string, string][])(
    "an imodelId with %s is a TypeError before the network, never a retried ConnectionError",
    async ([_what, imodelId], { serve }) => {
      const { server, client, lines } = await setup(serve, (_request, response) => sendJson(response, 200, page([])));

      const error = await client.getExportConnections({ imodelId }).catch((e) => e);

      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(
        /^imodelId must be a non-empty string without control characters or lone surrogates, got "/,
      );
      // The value is shown escaped: no raw line break, escape or surrogate reaches a message.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
      expect(error.message).not.toMatch(/[\r\n\u001b\uD800]/);
      expect(server.requests).toHaveLength(0);
      expect(lines).toEqual([]);
    },
  );

  it("an object whose toString throws: the error names the parameter, not the object's own failure", async () => {
    const hostile = {
      toString() {
        throw new Error("boom from toString");
      },
    };
    const client = createExportClient({ baseUrl: "http://127.0.0.1:9" });

    await expect(client.getExportConnections({ imodelId: hostile as never })).rejects.toThrow(
      /^imodelId must be a non-empty string .*, got an object$/,
    );
    await expect(client.getExportConnections({ imodelId: IMODEL_ID, top: hostile as never })).rejects.toThrow(
      /^top must be an integer .*, got an object$/,
    );
    expect(() => createExportClient({ maxRetries: hostile as never })).toThrow(/^maxRetries .* got an object$/);
  });
});

describe("a broken logger", () => {
  it("a debug that throws does not throw away a good answer", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["ok"])));
    const client = createExportClient({
      baseUrl: server.url,
      logger: {
        debug: () => {
          throw new Error("the log file is full");
        },
        warn: () => {},
      },
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).resolves.toMatchObject({
      connections: [{ id: "ok" }],
    });
  });

  it("a warn that throws, or a logger that rejects, does not stop the retry or leave an unhandled rejection", async ({
    serve,
  }) => {
    const rejections = watchUnhandledRejections();
    const server = await serve(
      sequence(
        (_request, response) => sendJson(response, 503, apiError("Busy", "busy")),
        (_request, response) => sendJson(response, 200, page(["ok"])),
      ),
    );
    const client = createExportClient({
      baseUrl: server.url,
      retryBaseDelayMs: 1,
      logger: {
        debug: async () => {
          throw new Error("async logger failed");
        },
        warn: () => {
          throw new Error("warn failed");
        },
      },
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).resolves.toMatchObject({
      connections: [{ id: "ok" }],
    });
    await rejections.check();
  });
});

describe("a malformed error body", () => {
  it("details holding null, strings and nested junk keep only the entries shaped like errors", async ({ serve }) => {
    const { client } = await setup(
      serve,
      (_request, response) =>
        sendJson(response, 422, {
          error: {
            code: "InvalidConnectionsRequest",
            message: "Cannot perform operation.",
            details: [
              null,
              "text",
              7,
              [],
              { code: 5, target: "$top" },
              { code: "InvalidValue", message: "bad", details: [null] },
            ],
          },
        }),
      { maxRetries: 0 },
    );

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error.details).toEqual([
      { code: "", message: "", target: "$top" },
      { code: "InvalidValue", message: "bad", details: [] },
    ]);
  });
});

describe("nothing left behind", () => {
  it("every timer a call starts is cleared or has fired once the call has settled", async ({ serve }) => {
    const { client } = await setup(serve, (_request, response) => sendJson(response, 200, page(["ok"])), {
      timeoutMs: 600_000,
    });
    const timers = watchTimers(CLIENT_TIMERS);

    await client.getExportConnections({ imodelId: IMODEL_ID });
    await client.iterateExportConnections({ imodelId: IMODEL_ID }).toArray();

    timers.check();
  });
});
