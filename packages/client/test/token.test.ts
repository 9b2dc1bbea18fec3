// The access token (internal/token.ts): a string, or a function asked before every attempt; refused when it would
// break the Authorization header; sent to the configured origin only. An echoed token's redaction: redact.test.ts.
import { apiError, IMODEL_ID, it, page, sendJson, sequence } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { createExportClient, TimeoutError } from "../src/index.js";
import { ok, renderings, setupClient } from "./helpers.js";

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.secret-payload.signature";

describe("the token function", () => {
  it("is awaited for each attempt, so a retry uses the refreshed token", async ({ serve }) => {
    const server = await serve(sequence((_r, response) => sendJson(response, 503, apiError("Busy", "busy")), ok));
    let calls = 0;
    const client = createExportClient({
      baseUrl: server.url,
      retryBaseDelayMs: 1,
      accessToken: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return `token-${++calls}`;
      },
    });

    await client.getExportConnections({ imodelId: IMODEL_ID });

    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("that throws rejects the call with that very error and sends nothing", async ({ serve }) => {
    const server = await serve(ok);
    const cause = new Error("the refresh token expired");
    const client = createExportClient({
      baseUrl: server.url,
      accessToken: () => {
        throw cause;
      },
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBe(cause);
    expect(server.requests).toHaveLength(0);
  });

  it("that rejects on a retry rejects the call with that error, without another request", async ({ serve }) => {
    const server = await serve((_r, response) => sendJson(response, 503, apiError("Busy", "busy")));
    const cause = new Error("sign-in required");
    let calls = 0;
    const client = createExportClient({
      baseUrl: server.url,
      retryBaseDelayMs: 1,
      accessToken: async () => {
        if (++calls > 1) throw cause;
        return TOKEN;
      },
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBe(cause);
    expect(server.requests).toHaveLength(1);
  });

  it("that returns no string rejects with a TypeError that does not echo the value, and sends nothing", async ({
    serve,
  }) => {
    const server = await serve(ok);
    const client = createExportClient({ baseUrl: server.url, accessToken: () => "   " });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toThrow(
      /^accessToken must be a non-empty string/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("may return the whole header value: no 'Bearer Bearer'", async ({ serve }) => {
    const server = await serve(ok);
    const client = createExportClient({ baseUrl: server.url, accessToken: `Bearer ${TOKEN}` });

    await client.getExportConnections({ imodelId: IMODEL_ID });

    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("without an accessToken no Authorization header is sent", async ({ serve }) => {
    const server = await serve(ok);
    const client = createExportClient({ baseUrl: server.url });

    await client.getExportConnections({ imodelId: IMODEL_ID });

    expect(server.requests[0]?.headers).not.toHaveProperty("authorization");
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

  it("a token that has Bearer in its middle is still refused, not trimmed to something valid", () => {
    expect(() => createExportClient({ accessToken: "x-Bearer abcdefgh" })).toThrow(/^accessToken must be an RFC 6750/);
  });

  it("from a token function: a TypeError at once, no request, not retried, in no error or log line", async ({
    serve,
  }) => {
    let calls = 0;
    const evil = `${TOKEN}\r\nX-Forged: 1`;
    const { server, client, lines } = await setupClient(
      serve,
      (_request, response) => sendJson(response, 200, page([])),
      {
        accessToken: () => {
          calls++;
          return evil;
        },
      },
    );

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/^accessToken must be an RFC 6750 bearer token/);
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(0);
    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(TOKEN);
  });

  it("a token function that never settles is bounded by timeoutMs, like the rest of the attempt", async ({ serve }) => {
    const { server, client } = await setupClient(serve, (_request, response) => sendJson(response, 200, page([])), {
      accessToken: () => new Promise<string>(() => {}),
      timeoutMs: 50,
      maxRetries: 1,
    });

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/the access token function did not return within timeoutMs \(50 ms\)$/);
    expect(server.requests).toHaveLength(0);
  });

  it("a token function past the time limit: the message names the request", async () => {
    const client = createExportClient({
      baseUrl: "http://127.0.0.1:9",
      accessToken: () => new Promise<string>(() => {}),
      timeoutMs: 20,
      maxRetries: 0,
    });
    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toThrow(
      `GET http://127.0.0.1:9/export/connections?imodelId=${IMODEL_ID}: the access token function did not return within timeoutMs (20 ms)`,
    );
  });
});

describe("the token goes to the configured origin only", () => {
  it("an HTTP redirect to another origin does not carry the Authorization header", async ({ serve }) => {
    const elsewhere = await serve(ok, { urlHost: "localhost" });
    const server = await serve((request, response) => {
      response.writeHead(302, { location: `${elsewhere.url}/export/connections${request.url.search}` });
      response.end();
    });
    const client = createExportClient({ baseUrl: server.url, accessToken: TOKEN });

    await client.getExportConnections({ imodelId: IMODEL_ID });

    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]?.headers).not.toHaveProperty("authorization");
  });

  it("a redirect within the configured origin keeps it", async ({ serve }) => {
    const server = await serve((request, response) => {
      if (request.url.pathname === "/moved/export/connections") return ok(request, response);
      response.writeHead(307, { location: `/moved/export/connections${request.url.search}` });
      response.end();
    });
    const client = createExportClient({ baseUrl: server.url, accessToken: TOKEN });

    await client.getExportConnections({ imodelId: IMODEL_ID });

    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });
});
