// Tokens: asked for on every attempt, sent only to the configured origin, never in an error, its JSON, its
// inspection or a log line.
import { inspect } from "node:util";
import { apiError, type Handler, IMODEL_ID, it, page, type Serve, sendJson, sequence } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { createExportClient, type ExportClientOptions } from "../src/index.js";

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.secret-payload.signature";

const ok: Handler = (_request, response) => sendJson(response, 200, page(["ok"]));

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

describe("the token never appears in an error or a log line", () => {
  /** Every way an error is commonly turned into text. */
  function renderings(error: unknown): string[] {
    const e = error as Error;
    return [e.message, String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 }), inspect(e.cause)];
  }

  async function failWith(serve: Serve, handler: Handler, options: ExportClientOptions = {}) {
    const server = await serve(handler);
    const lines: string[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      accessToken: async () => TOKEN,
      retryBaseDelayMs: 1,
      maxRetries: 1,
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
      ...options,
    });
    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`); // it was sent...
    return { error, lines };
  }

  it.for([
    ["a 401", (_r, response) => sendJson(response, 401, apiError("InvalidToken", "The token is invalid."))],
    ["a 503, retried", (_r, response) => sendJson(response, 503, apiError("Busy", "busy"))],
    [
      "an HTML 502",
      (_r, response) => {
        response.writeHead(502, { "content-type": "text/html" });
        response.end("<h1>Bad gateway</h1>");
      },
    ],
    [
      "a dropped connection",
      (_r, response) => {
        response.socket?.destroy();
      },
    ],
    [
      "a 200 that is not JSON",
      (_r, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end("{not json");
      },
    ],
  ] satisfies [string, Handler][])("%s", async ([_what, handler], { serve }) => {
    const { error, lines } = await failWith(serve, handler);

    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(TOKEN);
  });

  it("a timeout", async ({ serve }) => {
    // Long enough for the request (and its token) to reach the server on a loaded machine.
    const { error, lines } = await failWith(serve, () => {}, { timeoutMs: 300, maxRetries: 0 });

    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(TOKEN);
  });

  it("a 2xx that is not a page keeps no echoed token in its headers", async ({ serve }) => {
    const { error } = await failWith(serve, (request, response) =>
      sendJson(response, 200, { unexpected: true }, { "x-echo": String(request.headers.authorization) }),
    );

    expect(error).toMatchObject({ status: 200, code: "InvalidResponseBody" });
    expect((error as { headers: Record<string, string> }).headers["x-echo"]).toBe("Bearer [redacted]");
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });

  it("a server that echoes the token back in its error body and headers has it redacted", async ({ serve }) => {
    const { error, lines } = await failWith(serve, (request, response) => {
      const echoed = String(request.headers.authorization);
      sendJson(
        response,
        401,
        apiError("InvalidToken", `Token ${echoed} is expired.`, {
          target: echoed,
          details: [{ code: "Expired", message: `${echoed} expired`, target: "Authorization" }],
        }),
        { "www-authenticate": `Bearer error="invalid_token", token="${echoed}"` },
      );
    });

    expect(error).toMatchObject({
      status: 401,
      message: "401 Unauthorized: InvalidToken: Token Bearer [redacted] is expired.",
      target: "Bearer [redacted]",
      details: [{ code: "Expired", message: "Bearer [redacted] expired", target: "Authorization" }],
    });
    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(TOKEN);
    expect(JSON.stringify((error as { headers: unknown }).headers)).not.toContain(TOKEN);
  });
});
